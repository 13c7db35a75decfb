"""The ``kg_quotes`` component: direct and reported speech with its speaker.

Direct quotations come from :func:`find_quote_pairs`; each is attributed
from the words around it:

* after the closing mark: ``”, X said`` / ``”, said X`` / ``”, X, ROLE, said``
  / ``”, according to X`` / ``”, he added``;
* before the opening mark: ``X said (that) “`` / ``X said: “``;
* a verb of saying elsewhere in the sentence (``examine “…”, Washington said``);
* otherwise, a paragraph made of a quotation continues the previous speaker.

Reported speech is ``X said (that) CLAUSE``, ``CLAUSE, X said`` and
``according to X, CLAUSE`` (either side) in a sentence without a full direct
quotation, one statement per "that" clause (``said A, and that B``); the
headline reports nothing of its own. Short quoted phrases with no verb of
saying nearby, and quoted compounds before the noun they modify, are scare
quotes, terms or titles and are not statements.

Results go to ``doc._.kg_quotes`` as :class:`QuoteSpan` records whose speaker
is a character span; naming the entity behind a pronoun or a phrase such as
"the office" is left to :mod:`kg.resolve`.
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import resources as res
from ..records import ORGANIZATION, PERSON, PLACE
from .entities import HYPHENS, NOMINALS_KEY, OWNER_MARKS, PARTY_STATE
from .quote_marks import OPENERS, SINGLE_CLOSE, STRAIGHT, STRAIGHT_SINGLE, QuotePair, find_quote_pairs

QUOTES_ATTR = "kg_quotes"
TITLES = res.titles()
TITLE_WORDS = {w for title in TITLES for w in title.split()}
Doc.set_extension(QUOTES_ATTR, default=None, force=True)

PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their", "its"}
NO_CLAUSE_OPENERS = {"so", "yes", "otherwise", "goodbye", "thanks"}  # "said so on Monday"
OBJECT_PRONOUNS = {"him", "her", "them"}  # a source after "according to"
DOCUMENTS = {"statement", "release", "communique", "communiqué", "report", "study", "survey", "audit", "review"}
# verbs that report only before "that" ("the study found that …", "counsel submitted that …"; not "submitted his
# resignation", "pledged $5m", "replied to the letter")
THAT_ONLY_CUES = {"found", "finds", "showed", "shows", "submitted", "submits", "estimates", "estimated", "pledged",
                  "pledges", "vowed", "vows", "promised", "promises", "declared", "declares", "alleged", "alleges",
                  "asserted", "asserts", "disclosed", "discloses", "replied", "replies", "responded", "responds",
                  "answered", "answers", "commented", "comments", "remarked", "remarks",
                  "underlined", "underlines", "highlighted", "highlights", "agreed", "agrees", "hoped", "hopes",
                  "denied", "denies", "affirmed", "affirms", "clarified", "clarifies", "mentioned", "mentions",
                  "underscored", "underscores", "urged", "urges", "lamented", "laments", "boasted", "boasts",
                  "specified", "specifies", "signalled", "signaled", "hinted", "hints", "pointed", "points"}
TYPE_RANK = {PERSON: 3, ORGANIZATION: 2, PLACE: 1}
AUTHOR_PREPOSITIONS = {"by", "from", "of", "in"}  # "a report by X", "a statement from X", "a report in X"
APOSTROPHE_MARKS = {STRAIGHT_SINGLE, SINGLE_CLOSE}  # marks only where a quotation opens or closes with them
BOUNDARIES = {";", "“", "”", '"', "—", "–"}
REOPENING_MARKS = "“\"«‘"  # the mark that reopens a quotation continued in a new paragraph


@dataclass(frozen=True)
class _Read:
    """What the component reads many times of the Doc it annotates (and never changes), read once: spaCy
    builds ``doc.ents`` and every token anew on each access."""

    doc: Doc
    ents: tuple[Span, ...]
    texts: list[str]  # the tokens' texts
    pairs: list[QuotePair]  # the quotations' marks (find_quote_pairs)
    closing: frozenset[int]  # the tokens that close one of them
    # the marks that are apostrophes too (' and ’) where they open or close a quotation, by token index: only
    # the quotations say which they are ("…,' said X. 'It …'"; "a farmers’ union")
    apostrophe_open: frozenset[int]
    apostrophe_close: frozenset[int]
    inside_names: frozenset[int]  # the tokens inside a name, never marks ("Mac a’ Phearsain")
    # the words between two names that can list them, by the names' end and start (see _with_co_speakers)
    listed: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> _Read:
        """Read ``doc`` now."""
        text = doc.text
        pairs = find_quote_pairs(text)
        index = {t.idx: t.i for t in doc if t.is_punct}
        opening = frozenset(index[p.open] for p in pairs if p.open in index)
        closing = frozenset(index[p.close] for p in pairs if p.closed and p.close in index)
        ents = doc.ents
        return cls(doc, ents, [t.text for t in doc], pairs, closing,
                   frozenset(i for i in opening if text[doc[i].idx] == STRAIGHT_SINGLE),
                   frozenset(i for i in closing if text[doc[i].idx] in APOSTROPHE_MARKS),
                   frozenset(i for e in ents for i in range(e.start + 1, e.end - 1)))


_READ: ContextVar[_Read | None] = ContextVar("kg_quotes_read", default=None)  # the Doc being annotated


def _read(doc: Doc) -> _Read:
    """What was read of ``doc`` for the call of the component annotating it (outside one, read now)."""
    current = _READ.get()
    return current if current is not None and current.doc is doc else _Read.of(doc)


def _ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per call of the component."""
    return _read(doc).ents


def _is_mark(doc: Doc, i: int, marks: set[str]) -> bool:
    """Whether token ``i`` is one of ``marks`` outside a name: a mark that is never an apostrophe, or an ' or ’
    that opens (when ``marks`` has opening marks) or closes (when it has closing ones) a quotation."""
    read = _read(doc)
    if i in read.inside_names:
        return False
    return (doc[i].text in marks and doc[i].text not in APOSTROPHE_MARKS) \
        or (i in read.apostrophe_open and not marks.isdisjoint(CLAUSE_OPENING_MARKS)) \
        or (i in read.apostrophe_close and not marks.isdisjoint(CLOSING_MARKS))


@dataclass(frozen=True)
class QuoteSpan:
    """A statement found in a Doc, in character offsets."""

    start: int
    end: int
    text: str
    direct: bool
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str | None = None  # "entity", "nominal", "pronoun", "role", "spokesperson", "document", "previous",
    # "demonym"
    co_speakers: tuple[tuple[int, int], ...] = ()  # the others of a list of speakers ("Egypt and Qatar said")


class QuoteExtractor:
    """Finds statements and the words that name who made them."""

    def __init__(self, nlp: Language, max_scare_tokens: int = 2, cue_window: int = 8,
                 min_reported_words: int = 6, max_phrase_words: int = 4) -> None:
        self.cues = res.word_list("cues.txt")
        self.reporting = res.word_list("reporting_cues.txt")
        self.demonyms = res.demonyms()
        self.descriptors = res.word_list("org_descriptors.txt") | res.word_list("nominal_heads.txt")
        self.roles = {t.split()[-1] for t in res.titles() if t.split()[-1].isalpha()} - ANONYMOUS
        self.roles |= res.word_list("person_nouns.txt")  # "the witness told the court"
        self.roles |= res.person_demonyms()  # "the Norwegian added"
        self.max_scare_tokens = max_scare_tokens
        self.cue_window = cue_window
        self.min_reported_words = min_reported_words
        self.max_phrase_words = max_phrase_words

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc._.kg_quotes``."""
        read = _READ.set(_Read.of(doc))
        try:
            return self._annotate(doc)
        finally:
            _READ.reset(read)

    def _annotate(self, doc: Doc) -> Doc:
        quotes: list[QuoteSpan] = []
        previous: QuoteSpan | None = None
        long_quotes: list[tuple[int, int]] = []
        text = doc.text  # built anew from the tokens on every access
        headline_end = text.find("\n")
        for pair in _read(doc).pairs:
            if pair.open < headline_end:
                continue
            inner = doc.char_span(pair.start, pair.end, alignment_mode="contract")
            while inner is not None and len(inner) and inner[0].text in OPENERS | {STRAIGHT}:  # a stray second mark
                inner = doc[inner.start + 1:inner.end]
            if inner is None or not any(t.is_alpha for t in inner):
                continue
            if not pair.closed:
                inner = self._cut_unclosed(doc, inner)
            first = doc.char_span(pair.open, pair.open + 1, alignment_mode="expand")
            mark = (pair.close, pair.close + 1) if pair.closed else (max(pair.end - 1, pair.start), pair.end)
            last = doc.char_span(*mark, alignment_mode="expand")
            sent_start, sent_end = first.sent.start, last.sent.end
            quote = self._attribute(doc, inner, first.start, last.end if pair.closed else inner.end, sent_start, sent_end, previous)
            if quote is None:
                continue
            quotes.extend(_paragraphs(text, quote))
            if len([t for t in inner if t.is_alpha]) > self.max_scare_tokens:
                long_quotes.append((inner.start_char, inner.end_char))
            if quote.speaker_start is not None:
                previous = quote
        quotes.extend(self._reported(doc, long_quotes, [(q.start, q.end) for q in quotes], headline_end))
        quotes = _inside_reports(quotes)
        names = [e for e in _ents(doc) if not (e.label_ == PLACE and _in_party_tag(e))]  # not "R-Alaska"
        quotes = [_with_co_speakers(doc, q, names) for q in quotes]
        doc._.set(QUOTES_ATTR, sorted(quotes, key=lambda q: q.start))
        return doc

    # --- direct quotations --------------------------------------------------
    def _attribute(self, doc: Doc, inner: Span, q0: int, q1: int, s0: int, s1: int,
                   previous: QuoteSpan | None) -> QuoteSpan | None:
        words = [t for t in inner if not t.is_punct]
        text = _clean_quote_text(inner.text)
        if _looks_like_name(words) and inner[-1].text not in {".", "!", "?"}:
            return None  # "“Fox News Sunday”", not "“Never.”"
        attempts = [self._after(doc, q1, s1), self._before(doc, s0, q0), self._elsewhere(doc, s0, s1, q0, q1),
                    self._framing(doc, s0, q0)]
        found = next((a for a in attempts if a and a[1]), None) or next((a for a in attempts if a), None)
        if found is not None and found[1] is None and previous is not None and previous.end > doc[s0].idx \
                and found[0] > 0 and doc[found[0] - 1].lower_ in {"and", "but"}:
            # "described it as “…” and said “…”": the same speaker goes on
            return QuoteSpan(inner.start_char, inner.end_char, text, True, doc[found[0]].text,
                             previous.speaker_start, previous.speaker_end, "previous")
        if len(words) <= self.max_scare_tokens + 1:
            if found is None or (_compound(inner) and self._modifies_next_noun(doc, q1)):
                return None  # "on “work-to-rule” measures", "a “long-term loan” arrangement": a term
            cue_at = found[0]
            near = q0 - cue_at if cue_at < q0 else cue_at - q1
            if len(words) <= self.max_scare_tokens and near > self.cue_window:
                return None
        if found is None:
            actor = _actor_before(doc, q0) or _named_before_colon(doc, q0)
            if actor is not None:  # "Asked about the nickname, Grigas laughed. “…”"
                kind, who = actor
                return QuoteSpan(inner.start_char, inner.end_char, text, True, None, who.start_char, who.end_char, kind)
            if previous is not None and _opens_paragraph(doc, q0):
                return QuoteSpan(inner.start_char, inner.end_char, text, True, previous.cue,
                                 previous.speaker_start, previous.speaker_end, "previous")
            return QuoteSpan(inner.start_char, inner.end_char, text, True)
        cue_index, speaker = found
        kind, sp = speaker if speaker else (None, None)
        cue = doc[cue_index : cue_index + 1 + (doc[cue_index].lower_ in {"went", "goes", "go"})].text  # "went on"
        return QuoteSpan(inner.start_char, inner.end_char, text, True, cue,
                         sp.start_char if sp is not None else None,
                         sp.end_char if sp is not None else None, kind)

    def _cut_unclosed(self, doc: Doc, inner: Span) -> Span:
        """A quotation whose closing mark is missing ends where its attribution starts.

        "“There will be no negotiation, Burhan told troops there." ends before ", Burhan told".
        """
        for i in range(inner.start, inner.end - 2):
            if doc[i].text != ",":
                continue
            for k in range(i + 1, min(inner.end, i + 5)):
                if self._is_cue(doc, k):
                    between = doc[i + 1 : k]
                    if all(t.text[:1].isupper() or t.lower_ in PRONOUNS for t in between):
                        return doc[inner.start : i]
                    break
                if not (doc[k].text[:1].isupper() or doc[k].lower_ in PRONOUNS):
                    break
        return inner

    def _after(self, doc: Doc, q1: int, s1: int):
        """``”, X said`` / ``”, said X`` / ``”, according to X`` / ``” — X, a spokesperson for Y``."""
        if q1 < len(doc) and (doc[q1].text in DASHES or (doc[q1].text == "-" and doc[q1].whitespace_)):
            # "” — X, a spokesperson for Y" (and "” - X" typed with a hyphen), even after the quotation's full stop
            return self._dash_source(doc, q1, max(s1, _paragraph_end(doc, q1)))
        i = q1
        while i < s1 and doc[i].is_punct and not _is_mark(doc, i, BOUNDARIES) and doc[i].text != "(":
            i += 1
        if i < s1 and doc[i].text == "(":  # "“…,” (This is not against families.) said Sen. X": a translation
            close = next((k for k in range(i + 1, min(len(doc), i + 40)) if doc[k].text == ")"
                          or "\n" in doc[k].text), None)
            if close is not None and doc[close].text == ")" and close + 1 < len(doc):
                i, s1 = close + 1, doc[close + 1].sent.end
        if i < s1 and doc[i].lower_ in CLAUSE_OPENERS:
            return None  # "“…”, while the Labour Party called …", "“…” if the HSE agreed": a clause of its own
        end = min(s1, i + 14)
        for j in range(i, end):
            if _is_mark(doc, j, BOUNDARIES):
                break
            if self._is_cue(doc, j):
                if doc[j].lower_ == "according":
                    return j, self._according_to(doc, j + 2, min(s1, j + 10))
                if j == i:
                    return j, self._speaker_in(doc, j + 1, min(s1, j + 10), prefer_first=True)
                if doc[j - 1].lower_ in {"and", "but"}:  # "“…” to host the Marines but warned": the sentence's
                    return j, self._sentence_speaker(doc, doc[i].sent.start, j)
                # "”, X, the chief negotiator for Y, told": the subject, not a name in its apposition
                return j, self._subject(doc, i, j) or self._speaker_in(doc, i, j)
        return None

    def _before(self, doc: Doc, s0: int, q0: int):
        """``X said (that) “…”`` and ``X said: “…”``."""
        for j in range(q0 - 1, s0 - 1, -1):
            if _is_mark(doc, j, QUOTE_MARKS):
                break
            if self._is_cue(doc, j):
                if doc[j].lower_ == "according":
                    return j, self._according_to(doc, j + 2, q0)
                # a verb inside a reported clause: the one who reports it speaks ("X acknowledged that the
                # announcement by Y had added “…”")
                # (never one inside an earlier quotation: "“We were promised that …,” she said. “…”")
                outside = next((i for i in range(j - 1, s0 - 1, -1) if _is_mark(doc, i, QUOTE_MARKS)), s0 - 1)
                j = next((i for i in range(j - 1, outside, -1) if self._is_cue(doc, i) and doc[i].lower_ != "according"
                          and self._that_after(doc, i, j) is not None), j)
                if doc[j].lower_ in PARTICIPLES:  # "X congratulated Y, saying she had “…”": X
                    return j, self._source_before(doc, s0, j) or self._subject(doc, s0, j) \
                        or self._sentence_speaker(doc, s0, j)
                if _after_quotation(doc, s0, j):  # "“…,” (a translation) said X. “…”": X
                    return j, self._speaker_in(doc, j + 1, q0, prefer_first=True)
                subject = self._subject(doc, s0, j)
                after_phrase = subject and subject[0] == "pronoun" and doc[subject[1].start - 1].text == ","
                # "X — who … — said “", "X, Y, said “", "In a statement carried by Tass, it said … “…”": the
                # subject before the verb; else the best name in the clause ("China’s embassy in Kathmandu said"),
                # else the subject ("A spokesperson said")
                inserted = doc[j - 1].text in DASHES | {","} or after_phrase
                chained = subject is None and doc[j - 1].lower_ in {"and", "but"}
                # "X acknowledged ‘…’ and said it would ‘…’", "X, whose members include Y and Z, welcomed the vote
                # but said ‘…’": the sentence's subject
                speaker = (subject if inserted else None) or (self._sentence_speaker(doc, s0, j) if chained else None) \
                    or self._speaker_in(doc, self._clause_begin(doc, s0, j), j) or subject
                # (the name after "told" is spoken to: "The Dutch number one told the broadcaster NOS that …")
                return j, speaker or (None if doc[j].lower_ in TELLING else self._speaker_in(doc, j + 1, q0,
                                                                                              prefer_first=True))
        return None

    def _elsewhere(self, doc: Doc, s0: int, s1: int, q0: int, q1: int):
        """A verb of saying in the same sentence, outside the quotation."""
        for j in list(range(q1, s1)) + list(range(q0 - 1, s0 - 1, -1)):
            if self._is_cue(doc, j):
                after = min(s1, j + 10, q0 if j < q0 else s1)  # never inside the quotation
                # (the name after "told" is spoken to: "the witness told Magistrate X")
                return j, (self._speaker_in(doc, self._clause_begin(doc, s0, j), j)
                           or (None if doc[j].lower_ in TELLING else self._speaker_in(doc, j + 1, after, prefer_first=True)))
        return None

    def _dash_source(self, doc: Doc, dash: int, s1: int):
        """"“…” — Ahmed Fahmy, a spokesperson for Egypt's foreign ministry": the named source,
        or the organization of an unnamed spokesperson ("— a spokesperson for the WHO")."""
        end = min(s1, dash + 16)
        if dash + 1 < end and doc[dash + 1].lower_ in {"a", "an"}:
            for_ = next((k for k in range(dash + 2, end) if doc[k].lower_ in {"for", "at", "of"}), None)
            speaker = self._speaker_in(doc, for_ + 1, end, prefer_first=True) if for_ else None
        else:
            speaker = self._speaker_in(doc, dash + 1, end, prefer_first=True)
        return (dash, speaker) if speaker else None

    def _framing(self, doc: Doc, s0: int, q0: int):
        """"For Iraq's foreign ministry, the aim would lead to “...”": a viewpoint as attribution."""
        if doc[s0].lower_ != "for":
            return None
        comma = next((k for k in range(s0 + 1, min(q0, s0 + 10)) if doc[k].text == ","), None)
        if comma is None:
            return None
        speaker = self._speaker_in(doc, s0 + 1, comma, prefer_first=True)
        return (s0, speaker) if speaker else None

    def _is_cue(self, doc: Doc, j: int) -> bool:
        token = doc[j]
        if token.lower_ == "according":
            return j + 1 < len(doc) and doc[j + 1].lower_ == "to"
        if token.lower_ in {"went", "goes", "go"} and j + 2 < len(doc) and doc[j + 1].lower_ == "on" \
                and doc[j + 2].text == ":":
            return True  # "He went on: “…”"
        if not (token.text.islower() and token.lower_ in self.cues) or _in_compound(token):
            return False  # (not "so-called")
        if not token.lower_.endswith("s") or token.lower_ == "says":
            return True
        if j > 0 and doc[j - 1].lower_ in DOCUMENTS:
            return True  # "the committee's report indicates"
        # "its core demands", "the reports": a plural noun, not a verb of saying
        before = doc[max(0, j - 2) : j]
        return not any(t.lower_ in NOUN_MARKERS or t.text in OWNER_MARKS for t in before)

    def _officials_of(self, doc: Doc, k: int):
        """The country whose officials are the source at token ``k``: "Estonian officials" (a demonym, its
        country), "US officials" (the place's name)."""
        if k < 1 or doc[k].lower_ not in COUNTRY_STAFF:
            return None
        if doc[k - 1].text in self.demonyms:
            return "demonym", doc[k - 1 : k]
        place = next((e for e in _ents(doc) if e.end == k and e.label_ == PLACE), None)
        return ("entity", place) if place is not None else None

    def _modifies_next_noun(self, doc: Doc, q1: int) -> bool:
        """Whether the token after a closing mark at ``q1`` is a lower-case noun the quoted words modify: not a
        stop word, a verb of saying or a preposition ("“no connection” to", "“…,” said")."""
        if q1 >= len(doc):
            return False
        token = doc[q1]
        return token.is_alpha and token.is_lower and not token.is_stop and token.lower_ not in PREPOSITIONS \
            and token.lower_ not in self.cues and not token.lower_.endswith(("ed", "ly"))

    @staticmethod
    def _apposed_person(doc: Doc, s0: int, k: int):
        """The person an apposition ending at token ``k`` describes ("Ahmed Nour, a 24-year-old from Sudan's
        Darfur region"), when the apposition itself ends with no person's name."""
        if any(e.end == k + 1 and e.label_ == PERSON for e in _ents(doc)):
            return None
        comma = next((i for i in range(k, s0 - 1, -1) if doc[i].text == ","), None)
        if comma is None or comma + 1 > k or doc[comma + 1].lower_ not in DETERMINERS:
            return None
        return next((e for e in _ents(doc) if e.end == comma and e.label_ == PERSON), None)

    def _according_to(self, doc: Doc, a: int, b: int):
        """The source named after "according to" (tokens ``a`` to ``b``): the first name, or a document
        whose author is not named with it ("a communiqué issued at the end of their summit in Arusha": not
        Arusha, the last speaker's; "a report by X", "a statement from X": X)."""
        k = _past_determiners(doc, a, b)
        if k < b and doc[k].lower_ in OBJECT_PRONOUNS:
            return "pronoun", doc[k : k + 1]  # "According to him, …"
        author = _document_author(doc, a, b)
        if author is not None:
            return "entity", author  # "a report published this month by the Caucasus Media Monitor (CMM)"
        if k < b and doc[k].lower_ in DOCUMENTS and not (k + 1 < b and doc[k + 1].lower_ in AUTHOR_PREPOSITIONS):
            return "document", doc[k : k + 1]
        return self._speaker_in(doc, a, b, prefer_first=True)

    def _speaker_in(self, doc: Doc, a: int, b: int, prefer_first: bool = False):
        """The words naming the speaker between tokens ``a`` and ``b``.

        A name (people first, then organizations, then places), else a phrase
        such as "the office" (``doc.spans["kg_nominals"]``), else a pronoun, else
        a document ("the statement", "their press release": its author is the
        last speaker), else a title ("the striker": the person who holds it).
        """
        if a >= b:
            return None
        names_at = {e.start for e in _ents(doc)}
        bodies_at = {e.start for e in _ents(doc) if e.label_ == ORGANIZATION}
        # a description right before a name is the name's ("the campaign group Rivers First"), also in apposition
        # ("the national grid operator, Moldelectrica")
        nominals = [n for n in doc.spans[NOMINALS_KEY] if a <= n.start and n.end <= b and n.end not in names_at
                    and not (n.end < b and doc[n.end].text == "," and n.end + 1 in bodies_at)]
        candidates = [("nominal", n, TYPE_RANK[ORGANIZATION]) for n in nominals] + [
            ("entity", e, TYPE_RANK[e.label_]) for e in _ents(doc)
            if a <= e.start and e.end <= b and e.label_ in TYPE_RANK
            and not any(n.start <= e.start and e.end <= n.end for n in nominals)]
        if candidates:
            candidates.sort(key=lambda c: c[1].start)
            first = candidates[0][1]
            if first.end < b and doc[first.end].lower_ in self.roles and first.end + 1 not in names_at \
                    and doc[first.end].lower_ not in SPOKESPEOPLE and first.start > 0 \
                    and doc[first.start - 1].lower_ in ROLE_DETERMINERS:
                # "the Kelmscott boss said", "the Chennai grandmaster told ChessBase": the person (not "the
                # Chelsea manager Enzo Maresca said")
                return "role", doc[first.end : first.end + 1]
            if prefer_first:
                # a possessor is not the speaker when a name follows ("according to Israel’s broadcaster Kan")
                # (a description does not: "according to OCHA’s financial tracking service")
                owned = [c for c in candidates[1:] if c[1].start > candidates[0][1].end and c[0] == "entity"]
                first = candidates[0][1]
                possessor = first.end < b and doc[first.end].text in OWNER_MARKS
                kind, span, _ = owned[0] if possessor and owned else candidates[0]
            else:
                best = max(rank for _, _, rank in candidates)
                kind, span, _ = [c for c in candidates if c[2] == best][-1]
            return kind, span
        window = range(a, b) if prefer_first else range(b - 1, a - 1, -1)
        for k in window:
            if doc[k].lower_ in PRONOUNS and not (k + 1 < b and doc[k + 1].lower_ in self.roles):
                return "pronoun", doc[k : k + 1]
        for k in window:
            if doc[k].lower_ in DOCUMENTS:
                return "document", doc[k : k + 1]
        for k in window:
            if k > a and doc[k].lower_ in self.roles and (doc[k - 1].lower_ in ROLE_DETERMINERS or (
                    k - 1 > a and doc[k - 2].lower_ in ROLE_DETERMINERS
                    and (doc[k - 1].text in self.demonyms or doc[k - 1].lower_ in ROLE_MODIFIERS))):
                return "role", doc[k : k + 1]  # "the officer", "the Senegalese officer", "the veteran striker"
            if (age := _age_start(doc, k)) is not None and age > a and doc[age - 1].lower_ in ROLE_DETERMINERS:
                return "role", doc[age : k + 1]
        return None

    # --- reported speech ----------------------------------------------------
    def _reported(self, doc: Doc, long_quotes: list[tuple[int, int]],
                  direct: list[tuple[int, int]], headline_end: int) -> list[QuoteSpan]:
        """Reported speech: clauses that hold no full direct quotation (that one is the statement), outside
        the headline (first line, ending at ``headline_end``)."""
        out: list[QuoteSpan] = []
        for sent in doc.sents:
            if not any(t.is_alpha for t in sent) or sent.start_char < headline_end:
                continue  # a headline's "…, minister says" repeats a statement of the article's
            trailing = self._trailing_source(doc, sent)
            clauses = self._reported_clauses(doc, sent)
            if trailing and trailing[0].cue.lower() == "according":
                # "…, according to Ms. Ribeiro, who noted that …": the relative clause reports too
                trailing += [q for q in clauses if q.start >= trailing[-1].end]
                clauses = []
            # "CLAUSE, Cocobod said, adding that CLAUSE": the trailing source's clause and the chained one
            chained = all(c.cue.lower() in PARTICIPLES and all(t.end <= c.start for t in trailing) for c in clauses)
            found = self._leading_source(doc, sent) or (clauses + trailing if chained else clauses or trailing)
            for q in found:
                if any(a <= q.speaker_start < b or (a - 1 <= q.start and q.end <= b + 1) for a, b in direct):
                    continue  # (a speaker inside a quotation; a clause that is a quotation: "“It’s over,” she said")
                whole = self._stands_alone(doc, q, long_quotes, direct)
                out.extend(part for part in _that_clauses(doc, q)
                           if whole or self._stands_alone(doc, part, long_quotes, direct))
        return out

    def _stands_alone(self, doc: Doc, quote: QuoteSpan, long_quotes: list[tuple[int, int]],
                      direct: list[tuple[int, int]]) -> bool:
        """Whether a reported clause is a statement beside the direct quotations inside it.

        "its forces had carried out a “massive strike” on … sites" quotes a
        phrase inside a statement of its own, as does a clause that goes on with
        a second predicate after its quotation; in "it had agreed to launch
        “working groups of military experts …”" the direct quotation is the
        statement, as it is when a clause strings several quoted phrases together with fewer words of its own.
        """
        if not any(quote.start < b and a < quote.end for a, b in long_quotes):
            return True
        inside = [(a, b) for a, b in direct if quote.start < b and a < quote.end]
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if inside and _goes_on_after(span, inside[0][1]):
            return True
        counts = [sum(1 for t in span if t.is_alpha and a <= t.idx < b) for a, b in inside]
        own = sum(1 for t in span if t.is_alpha) - sum(counts)
        if not inside:
            return False
        if len(inside) == 1 and counts[0] <= self.max_phrase_words:
            return own >= self.min_reported_words
        # a clause that says its own thing and ends with a longer quoted detail ("teams were handing out food
        # “as fast as the roads allow”", "the states had agreed a “realistic” road map rather than “a date on
        # a piece of paper”"), not one built around its quotations
        before = sum(1 for t in span if t.is_alpha and t.idx < inside[0][0])
        if len(inside) > 1:
            return before >= self.min_reported_words and own > sum(counts)
        closes = sum(1 for t in span if t.is_alpha and t.idx >= inside[0][1]) <= 2  # "… “without any limit” until then"
        return closes and before >= self.min_reported_words and before > counts[0]

    def _reported_clauses(self, doc: Doc, sent: Span) -> list[QuoteSpan]:
        """"X said (that) CLAUSE", "X told reporters that CLAUSE", "..., but said CLAUSE", ", adding that CLAUSE"."""
        out: list[QuoteSpan] = []
        speaker = None
        j = sent.start
        while j < sent.end:
            token = doc[j]
            author = _document_author(doc, sent.start, j) if token.lower_ in THAT_ONLY_CUES else None
            before_that = token.lower_ in THAT_ONLY_CUES and j + 1 < sent.end and (
                doc[j + 1].lower_ == "that" or author is not None  # "A report by X tabled in May found …"
                or (doc[j + 1].lower_ == "out" and j + 2 < sent.end and doc[j + 2].lower_ == "that"))  # "pointed out"
            if (token.text in self.reporting or token.lower_ in PARTICIPLES or before_that) \
                    and not self._source_after(doc, j, sent.end):
                chained = token.lower_ in PARTICIPLES or (j > sent.start and doc[j - 1].lower_ in {"and", "but"})
                found = self._subject(doc, sent.start, j) or (("entity", author) if author is not None else None) or (
                    (speaker or self._sentence_speaker(doc, sent.start, j)) if chained else None)
                k = self._clause_start(doc, j, sent.end)
                e = self._clause_end(doc, k, sent.end)
                # (a clause of three words or more: "she was unavailable"; not "so on Monday", "told a regular
                # briefing")
                if found is not None and e - k >= 3 and (doc[k].lower_ not in PREPOSITIONS or _quantifier(doc, k)) \
                        and doc[k].lower_ not in NO_CLAUSE_OPENERS and not (e - k <= 4 and doc[e - 1].lower_ in FORUMS) \
                        and (not doc[k].is_punct or _is_mark(doc, k, CLAUSE_OPENING_MARKS)) \
                        and not any(t.text == ":" and t.i + 1 < len(doc) and _is_mark(doc, t.i + 1, QUOTE_MARKS)
                                    for t in doc[k:e]):  # "told a crowd …: “…”" introduces a quotation
                    speaker = found
                    out.append(self._reported_span(doc, k, e, token.text, found))
                    j = e
                    continue
            j += 1
        return out

    @staticmethod
    def _source_after(doc: Doc, j: int, end: int) -> bool:
        """Whether the verb at ``j`` comes after the clause it reports, before its source (", says X, a
        co-author at Y"; not ", said Bulgaria had made progress")."""
        if j < 1 or doc[j - 1].text != "," or j + 1 >= end:
            return False
        name = next((e for e in _ents(doc) if e.start == j + 1), None)
        return name is not None and name.end < end and doc[name.end].text == ","

    def _sentence_speaker(self, doc: Doc, s0: int, j: int):
        """Who does the talking earlier in the sentence, for a chained verb with no subject of its own.

        "Kamala Harris on Sunday called for a ceasefire, and said …", "“…”, she
        told reporters, adding that …": the name that opens the sentence, else the
        best-ranked name (people first) or pronoun after the last quotation mark
        before ``j``, else before the first one.
        """
        s0 = max(s0, _after_dateline(doc, doc[s0].sent))
        said = next((k for k in range(s0 + 1, j) if doc[k].text in self.reporting), None)
        found = self._subject(doc, s0, said) if said is not None else None
        if found is not None:
            return found  # "X said in a statement that … but warned that “…”": who said it first
        if s0 + 2 < j and doc[s0 + 1].text == "," and doc[s0].is_alpha and not doc[s0].ent_type_:
            s0 += 2  # "Earlier, Dutchman Joost Verbeek came from two sets down … and said …"
        elif doc[s0].lower_ in PREPOSITIONS:  # "In a statement carried by KCNA, Kim Yo-jong … called … and warned"
            comma = next((i for i in range(s0, min(j, s0 + 16)) if doc[i].text == ","), None)
            s0 = comma + 1 if comma is not None and comma + 2 < j else s0
        first = s0 + (doc[s0].lower_ == "the")
        while first < j and (doc[first].lower_ in TITLE_WORDS or not doc[first].ent_type_ and doc[first].is_title
                             and doc[first + 1].ent_type_ == PERSON):
            first += 1  # "Commissioner Rob Manfred presented the trophy to X and said …", "Dutchman Joost Verbeek …"
        subject = next((e for e in _ents(doc) if e.start == first and e.end < j and e.label_ in TYPE_RANK
                        and doc[e.end].text not in OWNER_MARKS and (doc[e.end].text != "," or e.label_ == PERSON or (
                            e.end + 1 < j and doc[e.end + 1].lower_ in {"who", "whose", "which"}))), None)
        if subject is not None and subject.label_ == PLACE:  # "In Washington, US Vice President Kamala Harris …"
            titled = next((e for e in _ents(doc) if subject.end < e.start <= subject.end + 4 and e.label_ == PERSON
                           and all(t.lower_ in TITLE_WORDS for t in doc[subject.end : e.start])), None)
            subject = titled or subject
        if subject is not None:
            return "entity", subject  # "The Polish Tennis Association congratulated Nowel, saying …": the subject
        described = next((n for n in doc.spans[NOMINALS_KEY] if n.start in (s0, first) and n.end < j
                          and doc[n.end].is_lower and doc[n.end].is_alpha), None)
        if described is not None:
            return "nominal", described  # "The prefectural government welcomed the departures but said …"
        opener = self._described_opener(doc, s0, j)
        if opener is not None:
            return opener  # "A Christie’s spokeswoman declined to identify the buyer, but said …"
        marks = [k for k in range(s0, j) if _is_mark(doc, k, QUOTE_MARKS)]
        found = self._speaker_in(doc, marks[-1] + 1, j) if marks else None
        return found or self._speaker_in(doc, s0, marks[0] if marks else j)

    def _described_opener(self, doc: Doc, s0: int, j: int):
        """The speaker a sentence opens with when a spokesperson's or a title's word heads it ("A Christie’s
        spokeswoman", "The minister", "Police spokesman Ian Hart"), before any punctuation."""
        head = next((h for h in range(s0, min(j - 1, s0 + 6))
                     if doc[h].lower_ in SPOKESPEOPLE or doc[h].lower_ in self.roles), None)
        if head is None or any(t.is_punct and t.text not in OWNER_MARKS for t in doc[s0:head]):
            return None
        named = next((e for e in _ents(doc) if e.start == head + 1 and e.label_ == PERSON), None)
        return ("entity", named) if named is not None else self._subject(doc, s0, head + 1)

    def _leading_source(self, doc: Doc, sent: Span) -> list[QuoteSpan]:
        """"According to X, CLAUSE"."""
        s0 = sent.start
        if not (doc[s0].lower_ == "according" and s0 + 1 < sent.end and doc[s0 + 1].lower_ == "to"):
            return []
        comma = next((k for k in range(s0 + 2, min(sent.end, s0 + 24)) if doc[k].text == ","), None)
        speaker = self._according_to(doc, s0 + 2, comma) if comma else None
        start = comma + 1 if comma else 0
        apposed = next((k for k in range(start + 1, min(sent.end, start + 8)) if doc[k].text == ","), None)
        if comma and apposed and doc[start].lower_ in DETERMINERS \
                and doc[apposed - 1].lower_ in self.descriptors:
            start = apposed + 1  # "According to X, a Tbilisi-based watchdog, CLAUSE"
        e = self._clause_end(doc, start, sent.end) if comma else 0
        return [self._reported_span(doc, start, e, doc[s0].text, speaker)] if speaker and e - start > 3 else []

    def _trailing_source(self, doc: Doc, sent: Span) -> list[QuoteSpan]:
        """"CLAUSE, the company said." / "CLAUSE, said X." / "CLAUSE, according to X" (and "CLAUSE, X added,
        without giving details" / "…, but neither …": an aside or a clause of no saying after the source)."""
        end = sent.end
        while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        comma = _last_comma(doc, sent.start, end)
        opens = comma is not None and comma + 1 < end and (
            _opens_aside(doc[comma + 1]) or doc[comma + 1].lower_ in SOURCE_CONJUNCTIONS)
        if opens and (doc[comma + 1].lower_ in ASIDE_OPENERS or doc[comma + 1].lower_ in PARTICIPLES
                      or not any(self._is_cue(doc, k) and doc[k - 1].lower_ not in PASSIVE_AUXILIARIES
                                 for k in range(comma + 1, end))):
            # "…, according to A Bola, but neither matched the price": the source before a clause of no saying
            # ("…, the SES said, but residents were told …": nobody says anything in the passive);
            # "…, Cocobod said, adding that …": the source before the clause it goes on with
            end = comma
            comma = _last_comma(doc, sent.start, end)
        if comma is not None and comma + 1 < end and doc[comma + 1].lower_ in {"a", "an", "the"} \
                and not any(self._is_cue(doc, k) for k in range(comma + 1, end)):
            earlier = _last_comma(doc, sent.start, comma)
            if earlier is not None and self._is_cue(doc, earlier + 1):
                end, comma = comma, earlier  # "CLAUSE, says X, a co-author at Y": the source before its description
        according = _according_comma(doc, sent.start, end)
        if according is not None and not any(self._is_cue(doc, k) for k in range(comma + 1, end)):
            comma = according  # "…, according to a report by X, a regional body based in Entebbe, Uganda"
        if comma is None or comma - sent.start < 4 or doc[comma + 1].lower_ in SOURCE_CONJUNCTIONS:
            return []  # ", and Baghdad hopes …", ", when the military announced …": a clause of its own
        cue = next((k for k in range(comma + 1, end)
                    if self._is_cue(doc, k) and doc[k].lower_ not in MANNER_CUES), None)
        if cue is not None and any(t.text == ":" for t in doc[cue : cue + 3]):
            return []  # ", Imamoglu replied: “Never.”": the quotation is what was said
        owner = self._officials_of(doc, cue - 1) if cue is not None else None
        if cue is None or (owner is None and _unnamed_source(doc, cue - 1)) \
                or any(t.lower_ == "that" for t in doc[comma:end]):
            return []
        apposed = self._apposed_source(doc, sent.start, comma, cue) if owner is None and cue == comma + 1 else None
        if apposed is not None:
            comma, speaker = apposed
        elif owner is not None:
            speaker = owner
        elif doc[cue].lower_ == "according":
            speaker = self._according_to(doc, cue + 2, end)
        else:
            # ", an official told AFP": the name after "told" is spoken to
            # (and only right after the comma: not "…, welcomed the handover but called on the government to …")
            after = None if doc[cue].lower_ in TELLING or cue > comma + 2 \
                else self._speaker_in(doc, cue + 1, end, prefer_first=True)
            if after is not None and not _ends_source(doc, after[1].end, end):
                after = None  # ", said Bulgaria had made progress": the subject of a clause, not a source
            # ", said X" names X; ", said it was cooperating" is a clause of its own
            speaker = self._speaker_in(doc, comma + 1, cue) or (after if after and after[0] != "pronoun" else None)
        return [self._reported_span(doc, _after_dateline(doc, sent), comma, doc[cue].text, speaker)] if speaker else []

    def _apposed_source(self, doc: Doc, s0: int, comma: int, cue: int):
        """"CLAUSE, the museum’s director, Rubén Carrizo, told …", "CLAUSE, the airport operator, Naabol, said":
        a source of two short comma-separated parts before the verb (not "CLAUSE, said X"); the comma that ends
        the clause, and the speaker."""
        if doc[cue].lower_ == "according":
            return None  # "CLAUSE, X, did not receive them, according to a diplomatic source"
        before = _last_comma(doc, s0, comma)
        first = _last_comma(doc, s0, before) if before is not None else None
        speaker = self._subject(doc, first, cue) if first is not None and comma - first <= 12 else None
        return (first, speaker) if speaker is not None and speaker[1].start > first else None

    @staticmethod
    def _reported_span(doc: Doc, k: int, e: int, cue: str, speaker) -> QuoteSpan:
        kind, sp = speaker
        if e < len(doc) and _closes_open_mark(doc[k:e].text, doc[e].text):
            e += 1  # the clause keeps the closing mark of the quotation (or bracket) it ends with
        clause = doc[k:e]
        return QuoteSpan(clause.start_char, clause.end_char, clause.text, False, cue,
                         sp.start_char, sp.end_char, kind)

    def _source_before(self, doc: Doc, s0: int, j: int):
        """The source between the last two commas before a participle, when a verb of saying ends it: "CLAUSE, a
        ministry spokesperson said, adding that “…”" (not a name inside CLAUSE)."""
        if j - 2 <= s0 or doc[j - 1].text != "," or not self._is_cue(doc, j - 2):
            return None
        comma = _last_comma(doc, s0, j - 2)
        return self._speaker_in(doc, comma + 1, j - 2) if comma is not None else None

    @staticmethod
    def _determined_title(doc: Doc, s0: int, k: int) -> bool:
        """Whether a title ending at token ``k`` follows a determiner: "the spokesman", "The Prime Minister"."""
        return any(doc[d].lower_ in ROLE_DETERMINERS and (d == k - 1 or doc[d + 1 : k + 1].text.lower() in TITLES)
                   for d in range(max(s0, k - 3), k))

    def _subject(self, doc: Doc, s0: int, j: int):
        """The speaker before a verb of saying.

        "Rasool said", "Washington had said", "Sudan's army said Tuesday",
        "X, the bank's governor, said", "X, who voted against, said".
        """
        k = j - 1
        while k >= s0 and (doc[k].lower_ in SUBJECT_SKIP or doc[k].lower_ in _TIME_WORDS or doc[k].text == ")"):
            if doc[k].text == ")":  # "The BC Wildfire Service (BCWS) said": the name before its acronym
                k = next((i for i in range(k - 1, max(s0, k - 6) - 1, -1) if doc[i].text == "("), s0)
            k -= 1
        if k < s0:
            return None
        owner = self._officials_of(doc, k)
        if owner is not None:
            return owner  # "Estonian officials said", "US officials said": the country speaks
        if _unnamed_source(doc, k):
            return None  # "analysts said": an unnamed source ("Raj Bhavan officials said": the organization)
        if doc[k].lower_ == "who" and k - 1 > s0 and doc[k - 1].text == ",":
            k -= 2  # "according to Ms. Ribeiro, who noted that …": the name before the relative clause
            person = self._apposed_person(doc, s0, k)
            if person is not None:
                return "entity", person  # "Ahmed Nour, a 24-year-old from Darfur, who said": not Darfur
        elif doc[k].lower_ == "which" and k - 1 > s0 and doc[k - 1].text == ",":
            k -= 2  # "according to the centre, which said …": the body before the relative clause
        elif doc[k].lower_ in SPOKESPEOPLE and k > s0 and any(e.end == k for e in (*_ents(doc), *doc.spans[NOMINALS_KEY])):
            k -= 1  # "A US State Department spokesperson said", "A commission official said": the organization
        elif doc[k].lower_ in SPOKESPEOPLE and k > s0 + 1 and doc[k - 1].text in OWNER_MARKS \
                and any(e.end == k - 1 for e in _ents(doc)):
            k -= 2  # "A Christie’s spokeswoman said"
        elif (age := _age_start(doc, k)) is not None and age > s0 and doc[age - 1].lower_ in ROLE_DETERMINERS:
            return "role", doc[age : k + 1]  # "the 22-year-old said": a person already in the story
        elif k > s0 and doc[k].lower_ in self.roles and self._determined_title(doc, s0, k) \
                and not any(e.start < k - 1 and e.end == k + 1 for e in (*_ents(doc), *doc.spans[NOMINALS_KEY])):
            return "role", doc[k : k + 1]  # "the spokesman said": the person with that title (not "The Office
            # of the President said": the office)
        elif k > s0 and doc[k - 1].lower_ in {"a", "an"} and doc[k].lower_ in SPOKESPEOPLE:
            return "spokesperson", doc[k : k + 1]  # "A spokesperson said": the organization it speaks for
        elif doc[k].lower_ in DOCUMENTS:
            author = next((e for e in _ents(doc) if e.end == k and e.label_ in TYPE_RANK), None) \
                or _cited_author(doc, k)
            # "The NBS report said": its author; "The study found": the author of the study last cited
            return ("entity", author) if author is not None else ("document", doc[k : k + 1])
        if doc[k].lower_ in PRONOUNS:
            return "pronoun", doc[k : k + 1]
        if doc[k].text in DASHES:
            opening = next((i for i in range(k - 1, s0, -1) if doc[i].text in DASHES), None)
            if opening is None:
                return None
            k = opening - 1
            while k > s0 and doc[k].text == ",":
                k -= 1
            return self._speaker_in(doc, self._clause_begin(doc, s0, k + 1), k + 1)
        if doc[k].text == ",":
            # "X, the bank's governor, said", "In Setúbal, a port city, Joaquim Ferreira, a fisherman, said":
            # the first comma-separated part that opens with a name (adverbials skipped)
            begin = self._clause_begin(doc, s0, k)
            author = _document_author(doc, begin, k)
            if author is not None:
                return "entity", author  # "A report published in September by X, which is based in Y, found"
            adverbial = False  # inside an opening adverbial: "At the store in Dublin, Ohio, which …, X said"
            for comma in (i for i in range(begin, k + 1) if doc[i].text == ","):
                opener = doc[begin].lower_ in PREPOSITIONS or (  # "Speaking on …," (not "Sporting head coach X")
                    doc[begin].lower_.endswith("ing") and doc[begin + 1].lower_ in PREPOSITIONS)
                found = None if opener else self._speaker_in(doc, begin, comma)
                adverbial = opener or adverbial and (found is None or found[1].label_ == PLACE)
                if adverbial:
                    found = None
                if found is not None and _is_mark(doc, found[1].start - 1, QUOTE_MARKS):
                    # "The World Bank’s latest “Pakistan Development Update”, …, said": the title's owner
                    owner = next((e for e in _ents(doc) if begin <= e.start and e.end < found[1].start
                                  and doc[e.end].text in OWNER_MARKS), None)
                    found = ("entity", owner) if owner is not None else found
                owner = found is not None and found[1].end < comma and doc[found[1].end].text in OWNER_MARKS
                # "Its Delhi unit chief, Saurabh Bharadwaj, said": a description around the name found
                described = found is not None and (found[0] in ("pronoun", "nominal", "role") or owner
                                                   or _title_of(doc, begin, comma) or doc[begin].lower_ in POSSESSIVES
                                                   or _described_after(doc, found[1].end, comma))
                if described and _named_next(doc, comma, k):
                    found = None  # "his Dutch counterpart, Kajsa Ollongren, warned", "The company’s chief
                    # executive, Lena Berg, said", "Greece’s defense minister, Nikos Dendias, said": the name in
                    # apposition speaks
                # "The apex bank, …,", "…, the independent Glasgow imprint Lowlight Records, said"
                described_head = found is not None and found[1].end == comma and (
                    doc[begin].lower_ in ROLE_DETERMINERS and found[1].start - begin <= 4)
                named = found is not None and all(_before_name(t) or t.lower_ in NAME_CONNECTORS
                                                  or t.text in {"’s", "'s", "(", ")"} or _in_compound(t)
                                                  for t in doc[begin : found[1].start])
                if found is not None and (named
                                          or described_head
                                          or (found[1].end == comma and found[1].label_ == PERSON)
                                          or _spoken_for(doc, begin, found[1], comma)):
                    return found  # "BRS working president K.T. Rama Rao, the Chief Minister's son, said"
                begin = comma + 1
            return None
        for ent in _ents(doc):
            if ent.end == k + 1 and ent.label_ in TYPE_RANK:
                wider = next((n for n in doc.spans[NOMINALS_KEY] if n.end == ent.end and n.start < ent.start), None)
                if wider is not None:
                    return "nominal", wider  # "the regional government of Arequipa said"
                located = next((o for o in _ents(doc) if o.end == ent.start - 1 and o.label_ == ORGANIZATION), None) \
                    if ent.label_ == PLACE and doc[ent.start - 1].lower_ in {"in", "at"} else None
                if located is None and ent.label_ == PLACE and doc[ent.start - 1].lower_ in {"of", "from"}:
                    located = next((o for o in _ents(doc) if o.end == ent.start - 1 and o.label_ == PERSON), None)
                    # "Senate Democratic leader Chuck Schumer of New York said": the person
                if located is None and ent.label_ == PLACE and doc[ent.start - 1].lower_ in {"in", "at"}:
                    body = next((n for n in doc.spans[NOMINALS_KEY] if n.end == ent.start - 1), None)
                    if body is not None:
                        return "nominal", body  # "The German embassy in Kathmandu confirmed": the embassy
                return "entity", located or _affiliate(doc, ent) or ent  # "Gotland Museum in Visby said": the museum
        for nominal in doc.spans[NOMINALS_KEY]:
            if nominal.end == k + 1:
                return "nominal", nominal
        return None

    @staticmethod
    def _clause_begin(doc: Doc, s0: int, k: int) -> int:
        """Start of the clause that ends at token ``k``: after the last ";", dash, quotation or ", while".

        A pair of dashes encloses an insertion ("X — who broke with her party —
        said"), which is stepped over, and so is a title in quotation marks ("The
        World Bank’s latest “Pakistan Development Update”, released last week, said").
        """
        i = k - 1
        while i >= s0:
            if doc[i].text in DASHES:
                opening = next((j for j in range(i - 1, s0 - 1, -1) if doc[j].text in DASHES), None)
                if opening is None:
                    return i + 1
                i = opening - 1
                continue
            if _is_mark(doc, i, CLOSING_MARKS):
                opening = next((j for j in range(i - 1, max(s0, i - 8) - 1, -1) if _is_mark(doc, j, QUOTE_MARKS)), None)
                if opening is not None and _looks_like_name([t for t in doc[opening + 1 : i] if not t.is_punct]):
                    i = opening - 1
                    continue
            if _is_mark(doc, i, CLAUSE_MARKS) or (doc[i].lower_ in CONTRASTS and i > s0 and doc[i - 1].text == ","):
                return i + 1  # "…, while his Dutch counterpart, Kajsa Ollongren, warned"
            i -= 1
        return s0

    def _clause_start(self, doc: Doc, j: int, end: int) -> int:
        """First token of the reported clause after the verb at ``j``."""
        that = self._that_after(doc, j, end)
        if that is not None:
            return that + 1
        if j + 2 < end and doc[j + 1].lower_ == "out" and doc[j + 2].lower_ == "that":
            return j + 3  # "pointed out that …"
        k = j + 1
        if doc[j].lower_ in TELLING:  # "told reporters", "told the Saeima", "told News24" (a name of no known kind)
            while k < end and (doc[k].ent_type_ or (doc[k].lower_ in AUDIENCES and not (
                    doc[k].lower_ in DETERMINERS and k + 1 < end and doc[k + 1].text[:1].islower()
                    and doc[k + 1].lower_ not in AUDIENCES))
                    or (k == j + 1 and k + 1 < end and doc[k].text[:1].isupper() and doc[k + 1].text[:1].islower())):
                k += 1
            if k + 1 < end and doc[k].lower_ in {"in", "at"} and doc[k + 1].ent_type_ == PLACE:
                k = next(e.end for e in _ents(doc) if e.start == k + 1)  # "told reporters in Santiago the …"
        while k < end and (doc[k].lower_ in _TIME_WORDS or doc[k].text == ":"):
            if doc[k].lower_ == "on" and not (k + 1 < end and doc[k + 1].lower_ in _TIME_WORDS):
                break  # "said on the Telegram messaging app": a forum, not a time
            k += 1
        k += k < end and k > j + 1 and doc[k].lower_ == "that"  # "said afterwards that …"
        if k + 1 < end and doc[k].lower_ in {"in", "at"} and doc[k + 1].lower_ in {"a", "an", "the"}:
            stop = next((i for i in range(k + 2, min(end, k + 6)) if doc[i].lower_ in FORUMS), None)
            if stop is not None:
                k = stop + 1
                if k < end and (doc[k].lower_ in FORUM_PARTICIPLES or doc[k].lower_.endswith("ed")):
                    return end  # "said in a statement read on state television": no clause follows
        return k

    @staticmethod
    def _that_after(doc: Doc, j: int, end: int) -> int | None:
        """The "that" opening the clause of the verb at ``j``, if only an audience, a forum or a time comes between.

        "said in a statement on Monday that", "told reporters in Doha that",
        "said in an update that", "cautioned, however, that", "told the Saeima, the country’s parliament,
        that"; not "said the split showed that".
        """
        free = 0  # words of a prepositional phrase still allowed ("in an update", "on its website")
        for k in range(j + 1, min(end, j + 16)):
            token = doc[k]
            if token.lower_ == "that":
                return k
            if token.text == ",":
                apposed = k + 1 < end and doc[k + 1].lower_ in {"the", "a", "an"} and next(
                    (i for i in range(k + 2, min(end - 1, k + 10)) if doc[i].text == ","), None)
                if apposed and doc[apposed + 1].lower_ == "that":
                    return apposed + 1  # "told the Saeima, the country’s parliament, that"
                if not ((k + 1 < end and doc[k + 1].lower_ in ASIDES) or doc[k - 1].lower_ in ASIDES):
                    return None
            elif token.lower_ in PREPOSITIONS or token.lower_ in {"of", "through"}:
                free = 3
            elif free and token.is_alpha:
                free -= 1
            elif not (token.lower_ in THAT_FILLERS or token.ent_type_ or token.text[:1].isupper()
                      or _is_mark(doc, token.i, QUOTE_MARKS) or token.text in APOSTROPHE_MARKS
                      or token.is_bracket):  # "told Czech Television (ČT) that", "said on CBS’ “Face the Nation” that"
                return None
        return None

    def _next_report(self, doc: Doc, i: int, end: int) -> bool:
        """Whether ", and" at ``i`` opens another speaker's report ("…, and spokesman X told MRTV that …")."""
        if doc[i].text != "," or i + 2 >= end or doc[i + 1].lower_ != "and" or doc[i + 2].lower_ == "that":
            return False  # (", and that …" goes on with the same report)
        cue = next((m for m in range(i + 3, min(end, i + 14)) if doc[m].text in self.reporting), None)
        return cue is not None and any(e.start >= i + 2 and e.end <= cue and e.label_ in (PERSON, ORGANIZATION)
                                       for e in _ents(doc)) and self._subject(doc, i + 2, cue) is not None

    def _clause_end(self, doc: Doc, k: int, end: int) -> int:
        """End of a reported clause: the sentence end, or a ", while" / ";" / ", adding" / "but said" / "and
        urged" break (not ", but that", which goes on reporting), or ", and that “" (a direct quotation of its
        own follows)."""
        for i in range(k, end):
            nxt = doc[i + 1] if i + 1 < end else None
            after = doc[i + 2] if i + 2 < end else None
            second_that = nxt is not None and nxt.lower_ == "but" and after is not None and after.lower_ == "that" \
                and not (i + 3 < end and _is_mark(doc, i + 3, QUOTE_MARKS))  # "A, but that B": one report
            if doc[i].text == ";" or (doc[i].text == "," and nxt is not None and not second_that and (
                    nxt.lower_ in CLAUSE_BREAKS or (nxt.lower_ == "and" and after is not None and (
                        after.lower_.endswith("ed") or after.lower_ in self.cues  # ", and accuses X of …"
                        or (after.lower_ == "that" and i + 3 < end and _is_mark(doc, i + 3, QUOTE_MARKS)))))) or (
                    doc[i].lower_ in {"and", "but"} and nxt is not None and (
                        nxt.text in self.reporting or nxt.lower_ in CHAINED_ACTS)) or self._next_report(doc, i, end):
                end = i
                break
        while end > k and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return end


DASHES = {"—", "–", "--"}  # (two hyphens: a dash typed in ASCII)
PREPOSITIONS = {"in", "on", "at", "by", "from", "to", "during", "after", "before", "for", "with", "via", "over",
                "outside", "inside", "near", "amid", "across", "behind", "under", "ahead", "through", "since", "until"}
NOUN_MARKERS = {"the", "a", "an", "its", "his", "her", "their", "our", "core", "these", "those", "such"}
LISTED_DESCRIPTIONS = {"party", "parties", "group", "movement", "alliance", "union", "company", "bloc"}
DESCRIPTIONS = res.word_list("org_descriptors.txt") | res.word_list("nominal_heads.txt")  # "the consumer group X"
LIST_WORDS = {"and", "or", "the", "a", "an", "of"}
DETERMINERS = {"the", "a", "an"}
COUNTRY_STAFF = {"officials", "authorities", "diplomats"}  # "Estonian officials said": Estonia speaks
ANONYMOUS = {"officials", "sources", "diplomats", "analysts", "experts", "observers", "residents",
             "witnesses", "people", "critics", "activists"}
PARTICIPLES = {"adding", "saying", "noting", "warning", "insisting", "arguing", "telling", "writing"}
SUBJECT_SKIP = {"also", "both", "had", "has", "have", "later", "previously", "again", "repeatedly", "earlier",
                "then", "late", "early", "separately", "further"}
TELLING = {"told", "tells", "tell", "informed", "assured", "warned", "reminded"}
AUDIENCES = {"reporters", "journalists", "lawmakers", "supporters", "parliament", "the", "a", "an",
             "news", "conference", "briefing", "press", "members", "senators", "delegates", "us"}
FORUM_PARTICIPLES = {"read", "broadcast", "sent", "made", "given", "written", "shown", "seen", "put"}
FORUMS = {"statement", "interview", "conference", "briefing", "speech", "post", "message", "address"}
CHAINED_ACTS = {"urged", "called", "appealed", "pledged", "vowed", "demanded", "asked", "accused"}  # "… and urged"
CLAUSE_BREAKS = {"while", "whereas", "adding", "saying", "noting", "but", "although", "though"}
QUOTE_MARKS = {"“", "”", '"', "«", "»", "‘", "’"}
CLOSING_MARKS = {"”", "’", '"', "»"}
CLAUSE_OPENING_MARKS = {"“", '"', "«", "‘"}  # a reported clause may open with one ("that ‘serious …’ had")
HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "prof", "gen", "col", "adm", "lt", "maj", "capt", "sgt"}
CLAUSE_MARKS = {";", "“", "”", "‘", "’", '"', "«", "»"}
PASSIVE_AUXILIARIES = {"was", "were", "been", "being", "be", "is", "are"}
APPOSITION_OPENERS = {"a", "an", "its", "his", "her", "their"}  # ("the" is left out of the words compared)
SPOKESPEOPLE = {"spokesperson", "spokesman", "spokeswoman", "official", "officials", "representative", "envoy",
                "stewards", "judges", "investigators", "researchers", "scientists", "economists", "analysts",
                "negotiators"}  # "FIA stewards said", "Barclays economists said": the organization
ROLE_DETERMINERS = {"the", "its", "his", "her", "their"}
MANNER_CUES = {"laughed", "laughs", "joked", "jokes", "quipped", "quips"}  # cues of quotations only, never of a
# clause before them ("Asked about the nickname, Grigas laughed.")
ROLE_MODIFIERS = {"former", "veteran", "retired", "young", "new", "senior", "top", "outgoing", "incoming"}
DOCUMENT_DETERMINERS = ROLE_DETERMINERS | DETERMINERS | {"latest", "new"}  # "its latest report"
POSSESSIVES = {"his", "her", "their", "its"}
CONTRASTS = {"while", "whereas"}
CLAUSE_OPENERS = CONTRASTS | {"if", "unless", "because", "although", "though", "when", "after", "before", "since",
                              "until", "but", "and", "or", "as"}
SOURCE_CONJUNCTIONS = {"and", "but", "or", "so", "when", "while", "because", "as", "which", "who", "where", "if"}
SOURCE_WINDOW = 24  # tokens from a sentence's end to the comma before its source (", according to a survey by …")
ASIDE_OPENERS = {"without", "citing", "amid", "despite", "as", "when", "while", "which", "who", "whose"}
ASIDES = {"however", "though", "meanwhile", "too", "also"}
THAT_FILLERS = {"a", "an", "the", "his", "her", "their", "its", "own", "in", "on", "at", "to", "with", "during",
                "after", "before", "from", "via", "over", "by", "last", "this", "earlier", "later", "also",
                "again", "previously", "repeatedly", "had", "has", "statement", "interview", "conference",
                "briefing", "speech", "post", "message", "address", "letter", "video", "rally", "campaign",
                "crowd", "audience", "meeting", "session", "hearing", "summit", "reporters", "journalists",
                "lawmakers", "supporters", "parliament", "news", "press", "members", "senators", "delegates",
                "social", "media", "television", "radio", "broadcast", "podcast", "nightly", "weekly", "joint",
                "week", "weekend", "month", "year", "morning", "evening", "night", "afternoon", "today",
                "yesterday", "early", "late", "state", "us", "him", "them", "regular", "daily", "monthly",
                "televised", "virtual", "online", "packed", "plenary", "forum", "panel", "committee", "group",
                "visiting", "local", "foreign", "broadcaster", "newspaper", "channel", "agency", "outlet", "station",
                "commission", "council", "assembly", "legislators", "diplomats", "investors", "residents",
                "students", "workers", "staff", "shareholders", "defense", "defence", "affairs", "relations",
                "budget", "finance", "intelligence", "security", "armed", "services"} | ASIDES | OWNER_MARKS


_TIME_WORDS = {"on", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
               "today", "yesterday", "earlier", "later", "this", "week", "morning", "evening", "night",
               "afternoon", "last", "late", "early", "sunday’s", "monday’s", "afterward", "afterwards",
               "publicly", "privately"}


SECOND_PREDICATE = {"that", "was", "were", "would", "will", "had", "has", "have", "could", "should", "is", "are",
                    "must", "might", "may", "did", "can"}
NAME_CONNECTORS = {"of", "in", "the", "and", "for", "on", "al", "de"}


def _past_determiners(doc: Doc, a: int, b: int) -> int:
    """The first token from ``a`` (before ``b``) that is not a determiner of a document ("a", "its", "latest")."""
    while a < b and doc[a].lower_ in DOCUMENT_DETERMINERS:
        a += 1
    return a


def _document_author(doc: Doc, a: int, b: int) -> Span | None:
    """The author of the document a clause between tokens ``a`` and ``b`` opens with: the name after "by"
    ("A report published in September by the International Rice Research Institute (IRRI)") or before the
    document ("A Government Accountability Office report")."""
    k = _past_determiners(doc, a, b)
    named = next((e for e in _ents(doc) if e.start == k and e.end < b and e.label_ in TYPE_RANK), None)
    if named is not None and doc[named.end].lower_ in DOCUMENTS:
        return named  # "A Government Accountability Office report released last month found"
    if k >= b or doc[k].lower_ not in DOCUMENTS:
        return None
    by = next((i for i in range(k + 1, b) if doc[i].lower_ == "by"), None)
    if by is None:
        return None
    start = by + 1 + (doc[by + 1].lower_ == "the")
    return next((e for e in _ents(doc) if e.start == start and e.end <= b and e.label_ in TYPE_RANK), None)


def _cited_author(doc: Doc, k: int) -> Span | None:
    """The author of the same document named in the sentence before ("The joint report published in June by
    the FAO and WFP lists Chad …. The report warns that …": the FAO)."""
    sent = doc[k].sent
    begin = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    named = next((i for i in range(sent.start - 1, begin - 1, -1) if doc[i].lower_ == doc[k].lower_), None)
    return _document_author(doc, named, sent.start) if named is not None else None


def _quantifier(doc: Doc, k: int) -> bool:
    """Whether a preposition at token ``k`` opens a quantity, not a phrase of place or time ("at least 12 people
    had been killed", "over 40 houses burned")."""
    return k + 1 < len(doc) and (doc[k].lower_ == "at" and doc[k + 1].lower_ in {"least", "most"}
                                 or doc[k].lower_ == "over" and doc[k + 1].like_num)


def _last_comma(doc: Doc, start: int, end: int) -> int | None:
    """The last comma before token ``end`` and within ``SOURCE_WINDOW`` tokens of it (not before ``start``), outside
    a name ("the Ministry of Culture, Gender, Entertainment and Sport said")."""
    read = _read(doc)
    return next((k for k in range(end - 1, max(start, end - SOURCE_WINDOW), -1)
                 if read.texts[k] == "," and k not in read.inside_names), None)


def _according_comma(doc: Doc, start: int, end: int) -> int | None:
    """The comma before the last ", according to" within ``SOURCE_WINDOW`` tokens of token ``end``."""
    return next((k - 1 for k in range(end - 2, max(start + 1, end - SOURCE_WINDOW), -1)
                 if doc[k].lower_ == "according" and doc[k + 1].lower_ == "to" and doc[k - 1].text == ","), None)


def _ends_source(doc: Doc, i: int, end: int) -> bool:
    """Whether a source named after its verb ends at token ``i``: the sentence ends, or an apposition, a
    bracket, a place or a time follows (", said X, a senior researcher", ", said X in Kuopio")."""
    return i >= end or doc[i].text in {",", "(", "—", "–"} or doc[i].lower_ in PREPOSITIONS \
        or doc[i].lower_ in _TIME_WORDS


def _compound(inner: Span) -> bool:
    """A quoted hyphenated compound of one or two words ("work-to-rule", "long-term loan")."""
    words = inner.text.split()
    return len(words) <= 2 and any("-" in w for w in words)


def _that_clauses(doc: Doc, quote: QuoteSpan) -> list[QuoteSpan]:
    """A report of several "that" clauses as one statement per clause: "said A, and that B" / "A but that B"
    are A and B, with the same speaker and cue ("and that was all": a pronoun, no second clause; a clause of
    one word stays with its neighbour)."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    cuts = [i for i in range(span.start + 1, span.end - 2) if doc[i].lower_ in {"and", "but"}
            and doc[i + 1].lower_ == "that" and doc[i + 2].lower_ not in SECOND_PREDICATE]
    bounds = list(zip([span.start] + [i + 2 for i in cuts], cuts + [span.end]))
    parts = []
    for s, e in bounds:
        while e > s and (doc[e - 1].text == "," or doc[e - 1].is_space):
            e -= 1
        parts.append(doc[s:e])
    if len(parts) < 2 or any(sum(t.is_alpha for t in part) < 2 for part in parts):
        return [quote]
    return [replace(quote, start=part.start_char, end=part.end_char, text=part.text) for part in parts]


def _looks_like_name(words: list) -> bool:
    """Titles and names in quotes ("Fox News Sunday", "Islamic Resistance in Iraq")."""
    return 0 < len(words) <= 6 and words[0].text[:1].isupper() and all(
        w.text[:1].isupper() or w.lower_ in NAME_CONNECTORS for w in words)


def _named_next(doc: Doc, comma: int, k: int) -> bool:
    """Whether the part after ``comma`` (up to the next comma or ``k``) is a name ("The company’s chief
    executive, Lena Berg, said", "The terminal’s operator, Gulf Meridian Terminals, said")."""
    end = next((i for i in range(comma + 1, k + 1) if doc[i].text == ","), k + 1)
    part = doc[comma + 1 : end]
    if end <= k and len(part) and all(t.text[:1].isupper() or t.lower_ in {"and", "&"} for t in part) \
            and not any(comma < e.start and e.end <= end for e in _ents(doc)):
        return _named_next(doc, end, k)  # the rest of a title's portfolio: "Commissioner for Political Affairs,
        # Peace and Security, Dr. Kemi Adeyinka-Okoro, said"
    # (a person's affiliation may follow the name: "Rep. Jesus Manalo of the Akbayan party-list")
    name = next((e for e in _ents(doc) if comma < e.start and e.label_ in TYPE_RANK and (e.end == end or (
        e.label_ == PERSON and e.end < end and doc[e.end].lower_ in {"of", "from"}))), None)
    # before the name only a title, an honorific or a describing word: "Dr Samuel Oyugi", "Liberal senator
    # Andrew Kessing", "Athens-based Kyranis Maritime"
    return name is not None and name.start - comma <= 5 and all(
        _before_name(t) or t.lower_ in TITLE_WORDS or t.lower_ == "the" or (t.is_alpha and t.is_lower)
        for t in doc[comma + 1 : name.start])  # "the broadcaster Sarah Whitlow"


def _before_name(token: Token) -> bool:
    """A word that can stand in a name's part of a sentence before the name: capitalised, or the "-based"
    of "Athens-based"."""
    return token.text[:1].isupper() or token.text in HYPHENS or token.lower_ == "based"


def _affiliate(doc: Doc, org: Span) -> Span | None:
    """The person named right before an organization as its member ("Rahmat Hidayat of the Institute for …",
    "Ana Costa at Barclays", "Tom Reid from Oxfam")."""
    if org.label_ != ORGANIZATION:
        return None
    k = org.start - 1 - (org.start > 1 and doc[org.start - 1].lower_ == "the")
    if k < 1 or doc[k].lower_ not in {"of", "at", "from"}:
        return None
    return next((e for e in _ents(doc) if e.end == k and e.label_ == PERSON), None)


def _spoken_for(doc: Doc, a: int, name: Span, b: int) -> bool:
    """Whether the words from ``a`` to ``b`` are someone who speaks for the organization ``name`` ends them with
    ("A spokesman for the Department of Tourism", "an official at the ministry")."""
    before = name.start - 1 - (doc[name.start - 1].lower_ == "the")
    return name.label_ == ORGANIZATION and name.end == b and a < before and doc[before].lower_ in {
        "for", "at", "of", "with"} and any(t.lower_ in SPOKESPEOPLE for t in doc[a:before])


def _described_after(doc: Doc, a: int, b: int) -> bool:
    """Whether lower-case words follow a name up to ``b``, heading a description of someone else ("Delhi unit
    chief", "Kyranis Maritime chief executive")."""
    return a < b and all(t.is_alpha and t.is_lower for t in doc[a:b])


def _title_of(doc: Doc, a: int, b: int) -> bool:
    """Whether the words from token ``a`` (before ``b``) open with a title of what follows ("the
    Director-General of the …", "Chief Executive of …", "The Mayoral Committee Member for …")."""
    k = a + (doc[a].lower_ == "the")
    owner = next((i for i in range(k, min(b, k + 4)) if doc[i].text in OWNER_MARKS), None)
    k = owner + 1 if owner is not None else k  # "Ukraine's Parliamentary Commissioner for Human Rights"
    start = k
    while k < b and k - start < 5 and doc[k].lower_ not in {"of", "for", "at"} and (
            doc[k].lower_ in TITLE_WORDS or doc[k].text in HYPHENS or doc[k].is_title):
        k += 1
    return start < k < b and doc[k].lower_ in {"of", "for", "at"} and doc[k - 1].lower_ in TITLE_WORDS


def _after_quotation(doc: Doc, s0: int, j: int) -> bool:
    """Whether the verb at ``j`` follows a quotation's closing mark, past a bracketed translation
    ("“Tango no se baila,” (Tango is not danced) said X"): its speaker comes after it."""
    k = j - 1
    if k > s0 and doc[k].text == ")":
        k = next((i for i in range(k - 1, max(s0, k - 30) - 1, -1) if doc[i].text == "("), s0) - 1
    while k > s0 and doc[k].text == ",":
        k -= 1
    return k >= s0 and k in _read(doc).closing


def _in_compound(token: Token) -> bool:
    """A word of a hyphenated compound ("far-right", "state-run")."""
    doc, i = token.doc, token.i
    return (i + 1 < len(doc) and doc[i + 1].text in HYPHENS and not token.whitespace_) or (
        i > 0 and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_)


def _opens_aside(token) -> bool:
    """"without giving details", "citing a report", "in a statement", "which is part of …": words that open an
    aside."""
    return token.text.islower() and (token.lower_ in PREPOSITIONS or token.lower_ in ASIDE_OPENERS
                                     or token.lower_.endswith("ing"))


def _closes_open_mark(text: str, mark: str) -> bool:
    """Whether ``mark`` closes a quotation or bracket that ``text`` opens and leaves open."""
    pairs = {"”": "“", "’": "‘", '"': '"', ")": "("}
    if mark not in pairs:
        return False
    opener = pairs[mark]
    return text.count(opener) % 2 == 1 if opener == mark else text.count(opener) > text.count(mark)


def _unnamed_source(doc: Doc, k: int) -> bool:
    """"officials", "sources", "analysts" at token ``k``, unless an organization's name ("Barclays analysts") or
    description ("Navy officials") says whose they are."""
    return doc[k].lower_ in ANONYMOUS and not any(e.end == k and e.label_ == ORGANIZATION for e in _ents(doc)) \
        and not any(n.end == k for n in doc.spans[NOMINALS_KEY])


def _goes_on_after(span: Span, quoted_end: int) -> bool:
    """Whether a reported clause says more after its first quotation: "… “naked protectionism” and that Beijing
    would …", "… “to conceal its arms deals” with Pyongyang and would weaken …", "… “a day of serious work”
    but would not …" (a second predicate)."""
    return any(t.lower_ in {"and", "but"} and t.i + 1 < span.end and _predicate(t.doc[t.i + 1])
               for t in span if t.idx >= quoted_end)


def _predicate(token: Token) -> bool:
    """Whether a word after "and" opens a second predicate: an auxiliary ("and would …") or a verb in the past
    ("… “the central role of the authority” and opposed “…”")."""
    return token.lower_ in SECOND_PREDICATE or (token.is_lower and len(token) > 4 and token.text.endswith("ed"))


def _inside_reports(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """A quoted phrase inside a reported clause is the clause's speaker's words ("He told the committee that the
    deal was agreed and was “a clear signal …”": his, not the committee's)."""
    reports = [q for q in quotes if not q.direct and q.speaker_start is not None]
    out = []
    for q in quotes:
        around = [r for r in reports if r.start <= q.start and q.end <= r.end + 1] if q.direct else []
        report = max(around, key=lambda r: r.start, default=None)  # the innermost
        out.append(q if report is None else replace(q, cue=report.cue, speaker_start=report.speaker_start,
                                                     speaker_end=report.speaker_end, speaker_kind=report.speaker_kind))
    return out


def _with_co_speakers(doc: Doc, quote: QuoteSpan, ents: list[Span]) -> QuoteSpan:
    """A speaker named in a list ("Burkina Faso, Mali and Niger said") shares the statement with the others.

    The list is names of one type joined by commas and a final "and" (honorifics and party tags such as
    "Sen. X, R-Alaska, and Gov. Y" left aside).
    """
    speaker = (quote.speaker_start, quote.speaker_end)
    if quote.speaker_kind == "nominal":  # "… and the Lelo party said": the name the description follows
        words = doc.char_span(*speaker, alignment_mode="expand")
        named = next((e for e in ents if e.end == words.start), None) if len(words) == 1 \
            and words[0].lower_ in LISTED_DESCRIPTIONS else None
        speaker = (named.start_char, named.end_char) if named is not None else speaker
    elif quote.speaker_kind != "entity":
        return quote
    index = next((i for i, e in enumerate(ents) if (e.start_char, e.end_char) == speaker), None)
    if index is None:
        return quote
    label = ents[index].label_
    alike = [k for k, e in enumerate(ents) if e.label_ == label]  # names of other types end a plain list
    index = alike.index(index)
    ents = [ents[k] for k in alike]
    chain, joints = [index], []
    listed = _read(doc).listed
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(ents):
            a, b = (ents[i + step], ents[i]) if step < 0 else (ents[i], ents[i + step])
            words = listed.get((a.end, b.start))
            if words is None:
                words = listed[a.end, b.start] = [
                    t.lower_ for t in doc[a.end : _description_start(doc, a.end, _title_start(doc, a.end, b.start))]
                    if t.lower_ not in {"the"}
                    and t.lower_.rstrip(".") not in HONORIFICS and t.lower_ not in LISTED_DESCRIPTIONS
                    and not _in_brackets(t) and not _in_party_tag(t)]  # "X party, Y and the Z party said"
            between = [w for k, w in enumerate(words) if not (k and w == "," == words[k - 1])]
            if not between:  # "the British Film Institute (BFI)": one name and its acronym
                i += step
                continue
            if between not in (["and"], [","], [",", "and"]) and not _apposition_and(between):
                break
            i += step
            chain.append(i)
            joints.append((min(a.end, b.start), between))
    if not any("and" in between for _, between in joints) or max(joints)[1][-1] != "and":
        return quote
    others = tuple((ents[i].start_char, ents[i].end_char) for i in sorted(chain) if i != index)
    return replace(quote, co_speakers=others)


def _description_start(doc: Doc, a: int, b: int) -> int:
    """Where the lower-case description before the name at ``b`` begins ("and the social welfare association
    VdK", ", the consumer group BEUC"), or ``b`` (not before ``a``)."""
    if b - 1 <= a or doc[b - 1].lower_ not in DESCRIPTIONS:
        return b
    k = b - 1
    while k > a and doc[k - 1].is_lower and doc[k - 1].is_alpha and doc[k - 1].lower_ not in LIST_WORDS:
        k -= 1
    return k


def _apposition_and(words: list[str]) -> bool:
    """Whether the words between two names are a description of the first and "and" (", a physician who
    chairs the health committee, and"): the two speak together."""
    return len(words) > 3 and words[0] == "," and words[-2:] == [",", "and"] and words[1] in APPOSITION_OPENERS \
        and "and" not in words[1:-1] and "," not in words[1:-2]


def _title_start(doc: Doc, a: int, b: int) -> int:
    """Where the capitalised title before the name at ``b`` begins ("and Defence Industry Minister Pat
    Conroy"), or ``b`` (not before ``a``)."""
    k = b
    while k > a and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
        k -= 1
    if not any(t.lower_ in TITLE_WORDS for t in doc[k:b]):
        return b
    if k - 1 > a and doc[k - 1].text in OWNER_MARKS:  # "and New Zealand's Foreign Minister Winston Peters"
        k -= 1
        while k > a and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
            k -= 1
    return k


def _in_party_tag(item: Token | Span) -> bool:
    """Whether a token or name is inside a party-and-state tag between commas (", R-Alaska,", ", D-N.Y.,")."""
    doc = item.doc
    texts = _read(doc).texts
    start, end = (item.i, item.i + 1) if isinstance(item, Token) else (item.start, item.end)
    if "," not in texts[max(0, start - 3) : start]:
        return False  # (most words: no comma right before)
    a = next((k for k in range(start - 1, max(-1, start - 4), -1) if texts[k] == ","), None)
    b = next((k for k in range(end, min(len(doc), end + 4)) if texts[k] == ","), None)
    return a is not None and b is not None and PARTY_STATE.match(doc[a + 1 : b].text) is not None


def _in_brackets(token) -> bool:
    """A bracket, or an acronym between brackets ("(RDCO)" between two names of a list)."""
    texts, i = _read(token.doc).texts, token.i
    return texts[i] in {"(", ")"} or (0 < i < len(texts) - 1 and texts[i - 1] == "(" and texts[i + 1] == ")")


def _after_dateline(doc: Doc, sent: Span) -> int:
    """First token after a dateline that opens the sentence ("Niamey (AFP) – …", "BAGHDAD, Jan 5 (Reuters) -")."""
    head = doc[sent.start : min(sent.end, sent.start + 12)]
    close = next((t.i for t in head if t.text == ")"), None)
    if close is not None and close + 1 < sent.end and doc[close + 1].text in DASHES | {"-"}:
        return close + 2
    return sent.start


def _paragraph_end(doc: Doc, i: int) -> int:
    """Index of the token that ends the paragraph holding token ``i`` (exclusive)."""
    return next((k + 1 for k in range(i, len(doc)) if "\n" in doc[k].whitespace_ or "\n" in doc[k].text), len(doc))


def _actor_before(doc: Doc, q0: int) -> tuple[str, Span] | None:
    """The person a sentence of the same paragraph, right before a quotation that opens a sentence, is about:
    "Grigas laughed. “…”", "Asked about it, he grinned. “…”" (the name or pronoun opens it, or follows an
    opening phrase and its comma, and a lower-case verb follows it)."""
    if q0 < 2 or _opens_paragraph(doc, q0) or doc[q0 - 1].text not in {".", "!"}:
        return None
    sent = doc[q0 - 1].sent
    start = sent.start
    if "\n" in sent.text.strip():
        return None
    comma = next((i for i in range(start, min(sent.end, start + 16)) if doc[i].text == ","), None)
    for first in (start, comma + 1 if comma is not None and doc[start].lower_.endswith(("ed", "ing")) else None):
        person = next((("entity", e) for e in _ents(doc) if e.start == first and e.label_ == PERSON), None)
        if person is None and first is not None and doc[first].lower_ in {"he", "she"}:
            person = ("pronoun", doc[first : first + 1])
        if person is None and first is not None and first + 1 < sent.end and doc[first].lower_ == "the" \
                and doc[first + 1].lower_ in res.person_demonyms():
            person = ("role", doc[first + 1 : first + 2])  # "Asked about it, the Uzbek laughed. “…”"
        if person is not None and person[1].end < sent.end and doc[person[1].end].is_lower \
                and doc[person[1].end].is_alpha:
            return person
    return None


def _age_start(doc: Doc, k: int) -> int | None:
    """The start of an age used as a noun that ends at token ``k`` ("22-year-old"), if one does."""
    if k < 4 or doc[k].lower_ != "old" or doc[k - 2].lower_ not in {"year", "years"} or not doc[k - 4].like_num \
            or doc[k - 1].text not in HYPHENS or doc[k - 3].text not in HYPHENS:
        return None
    return k - 4


def _named_before_colon(doc: Doc, q0: int) -> tuple[str, Span] | None:
    """The name that opens a paragraph and a colon right before a quotation: "Shokhrukh Ergashev: “I just had
    to be patient”" (a subheading's or a list's speaker)."""
    if q0 < 2 or doc[q0 - 1].text != ":":
        return None
    name = next((e for e in _ents(doc) if e.end == q0 - 1 and e.label_ in TYPE_RANK), None)
    return ("entity", name) if name is not None and _opens_paragraph(doc, name.start) else None


def _opens_paragraph(doc: Doc, q0: int) -> bool:
    return q0 == 0 or "\n" in doc[q0 - 1].whitespace_ or doc[q0 - 1].is_space


def _paragraphs(text: str, quote: QuoteSpan) -> list[QuoteSpan]:
    """A quotation's words without the marks and spaces around them; one statement per paragraph (same
    speaker) when it runs over several."""
    parts = []
    offset = quote.start
    for line in text[quote.start:quote.end].split("\n"):
        words = line.strip().lstrip(REOPENING_MARKS).strip()
        if any(c.isalpha() for c in words):
            start = text.index(words, offset)
            parts.append(replace(quote, start=start, end=start + len(words), text=words))
        offset += len(line) + 1
    return parts or [quote]


def _clean_quote_text(text: str) -> str:
    """Quote text without the reopening marks of continued paragraphs."""
    return " ".join(part.strip().lstrip(REOPENING_MARKS) for part in text.split("\n") if part.strip())


@Language.factory("kg_quotes", default_config={"max_scare_tokens": 2, "cue_window": 8, "min_reported_words": 6,
                                               "max_phrase_words": 4})
def make_quote_extractor(nlp: Language, name: str, max_scare_tokens: int, cue_window: int,
                         min_reported_words: int, max_phrase_words: int) -> QuoteExtractor:
    """Registered factory for :class:`QuoteExtractor`."""
    return QuoteExtractor(nlp, max_scare_tokens=max_scare_tokens, cue_window=cue_window,
                          min_reported_words=min_reported_words, max_phrase_words=max_phrase_words)


__all__ = ["QuoteExtractor", "QuoteSpan", "QUOTES_ATTR"]
