"""The same statement across articles: quotations grouped by speaker and wording.

Several articles often report the same words by the same speaker, each with
its own wording ("part of the talks as they move forward" / "part of the
conversations as it goes forward"). The quotations stay as they are, one
``schema:Quotation`` per article in that article's graph; this module adds a
derived graph, ``STATEMENTS_GRAPH``, in which every quotation belongs to
exactly one ``nkg:Statement`` (a statement with one member is a quotation
nobody else reported), so that one question gets one statement with all its
sources and wordings.

* **Terms.** A wording is reduced to a set of content words: US/UK/ISIS name
  variants folded, lower case, punctuation and function words dropped,
  British spellings folded to American ones (defence/defense), plurals
  stripped and a handful of synonyms folded (talks/conversations/discussions,
  move forward/goes forward/progress, timeline/timetable). No thesaurus.
* **Similarity** (:func:`similar`) needs two quotations of different articles
  with the same polarity (both or neither negated) and at least two shared
  terms, then either a high Jaccard index or the shorter wording (nearly) inside
  the longer one. How high depends on the speakers (:data:`RULES`): the same
  entity or names that share a word ("Sabrin Singh" / "Sabrina Singh", an office
  named after its minister) are a strong signal; an unattributed quotation
  needs more words in common, and two different speakers more still, so short
  generic phrases by different people never merge. A quotation made jointly
  (several creators) has the speaker its speaker mention names, else the
  first of its creators by IRI (:func:`speaking`): the same whether it is read
  from a batch's records or from the store.
* **Statements** are the connected components of that similarity graph; a
  statement's IRI is derived from its smallest member quotation IRI. So the
  statements graph is a pure function of the set of quotations in the store,
  whatever the order or batching of the builds.
* **Blocking.** No quotation is compared with every other one. In memory
  (:class:`QuoteIndex`, for grouping and for a writer that holds every
  statement), the candidates of a quotation share two of its rarest terms, or
  it two of theirs, filed by speaker relation (prefix filtering, exact: every
  similar pair shares at least :func:`fewest_shared` terms); a quotation is
  not compared with those of its own component. In the store, terms have a
  fixed, store-independent order (rough rarity: words known to be frequent in
  news last, then longer words first); every similar pair shares at least
  ``k(m)`` terms, ``m`` being the smaller term count (:func:`min_shared`), so
  the smaller quotation's first ``m - k(m) + 1`` terms (its *key terms*) hold
  a shared term. Each statement carries its members' terms (``nkg:term``) and
  key terms (``nkg:keyTerm``): the candidate statements of a batch read from
  the store are those with one of its key terms among their terms, or one of
  its terms among their key terms. Both are exact: no similar pair is missed.
* **Updates** (:func:`update_parts`) change only the statements a batch
  touches: those of the articles it replaces are grouped again from their
  remaining members, and one with a member similar to one of its quotations
  joins the new group whole (its members' similarities are not computed
  again, nor the batch's with its other members). Because components are
  closed, nothing else can change. Only the triples that change are written
  (a DELETE DATA, then the triples added), with the batch's other writes
  (:class:`kg.ntriples.Writes`, committed atomically by
  :meth:`kg.store.Store.put_articles`). A writer keeps the statements it read
  or wrote (:class:`KnownStatements`), so that a statement is not read again
  every batch that joins it.
"""
from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, lru_cache

from rdflib import Graph, URIRef

from .ntriples import Triple, Writes, integer, literal, replace_data, to_graph
from .ntriples import iri as _iri
from .records import ArticleRecords, Quote
from .vocab import BASE, ITSRDF, NIF, NKG, RDF, SCHEMA, STATEMENTS_GRAPH, article_iri, entity_iri, quote_iri

NKG_TERM = NKG["term"]  # not NKG.term: that is Namespace.term()
_A, _STATEMENT, _QUOTATION, _OF_STATEMENT = _iri(RDF.type), _iri(NKG.Statement), _iri(NKG.quotation), _iri(NKG.statement)
_TEXT, _CREATOR, _SOURCES = _iri(NKG.representativeText), _iri(SCHEMA.creator), _iri(NKG.sourceCount)
_TERM, _KEY_TERM = _iri(NKG_TERM), _iri(NKG.keyTerm)

# --------------------------------------------------------------- terms

STOPWORDS = frozenset("""
a about above across after afterwards again against ago all almost along already also although always am
among amongst an and another any anyone anything are around as at be became because become becomes been
before being below beside besides between beyond both but by can could did do does doing done down during
each either else enough etc even ever every everyone everything few for from further had has have having he
her here hers herself him himself his how however i if in including indeed into is it its itself just
least less let lot lots many may me meanwhile might mine more moreover most mostly much must my myself
namely neither nevertheless next nobody noone now of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps please quite rather re really said same say saying
says seem seemed seems several shall she should since so some somehow someone something sometime sometimes
somewhere such than that the their theirs them themselves then thence there thereby therefore these they
thing things this those though through throughout thus to together told too toward towards under unless
until up upon us very via was way ways we well were what whatever when whenever where whereas wherever
whether which while who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves kind sort mr mrs ms dr
""".split())

NEGATIONS = frozenset({"not", "no", "never", "nor", "cannot", "nothing", "none", "nobody", "neither"})

# Known-frequent news words sort last among a quotation's terms (see ``term_rank``).
FREQUENT = frozenset("""
usa uk iraq iraqi syria iran israel gaza government minister president official military force troop security
country year month week day time people war attack coalition mission talk region international national
foreign new state group part first last end presence support world city police party leader report
statement spokesman army defense ministry office american prime issue plan continue need work make take
come want know like good right two three four not no isis forces area local political
""".split())

_COUNTRY_FOLDS = [
    (re.compile(r"\b(?:United\s+States(?:\s+of\s+America)?|U\.\s?S\.(?:\s?A\.)?|USA|US|America)(?!\w)"), " usa "),
    (re.compile(r"\b(?:United\s+Kingdom|Great\s+Britain|Britain|U\.K\.|UK)(?!\w)"), " uk "),
    (re.compile(r"\b(?:ISIS|ISIL|Daesh|Islamic\s+State)\b"), " isis "),
]
_CONTRACTIONS = [
    (re.compile(r"\bwon['\u2019]t\b", re.IGNORECASE), "will not"),
    (re.compile(r"\bcan['\u2019]t\b", re.IGNORECASE), "cannot"),
    (re.compile(r"n['\u2019]t\b", re.IGNORECASE), " not"),
    (re.compile(r"['\u2019]s\b", re.IGNORECASE), ""),
    (re.compile(r"['\u2019]"), ""),
]
# two-word idioms folded to one term (the tokens are lower case, before stop words are dropped)
_PHRASES = {(verb, adverb): "progress"
            for verb in ("move", "moves", "moved", "moving", "go", "goes", "going", "went")
            for adverb in ("forward", "forwards", "ahead")}
_IRREGULAR = {"goes": "go", "went": "go", "gone": "go", "progressed": "progress", "progressing": "progress",
              "men": "man", "women": "woman", "children": "child", "news": "news", "series": "series",
              "species": "species", "means": "means", "media": "media", "data": "data"}
_SPELLING = [  # British -> American, applied to singular forms
    (re.compile(r"^(def|off|lic|pret)ence"), r"\1ense"),
    (re.compile(r"^(colo|favo|hono|labo|neighbo|behavio|rumo|armo|harbo|endeavo|vigo|humo|flavo|valo|savio|"
                r"odo|parlo|splendo|tumo)ur"), r"\1r"),
    (re.compile(r"^(cent|theat|met|lit|fib|somb|lust|spect)re"), r"\1er"),
    (re.compile(r"^(travel|cancel|label|model|fuel|signal|level|channel|counsel|equal|total|dial|marshal|rival|"
                r"quarrel|tunnel|panel|jewel)l(ed|ing|er)$"), r"\1\2"),
    (re.compile(r"^programme"), "program"),
    (re.compile(r"^judgement"), "judgment"),
    (re.compile(r"^(anal|paral|catal)ys(e|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^([a-z]{3,})is(e|ed|ing|ation|er)$"), r"\1iz\2"),
]
_SYNONYMS = {
    "talk": "talk", "conversation": "talk", "discussion": "talk", "negotiation": "talk", "dialogue": "talk",
    "dialog": "talk",
    "timeline": "timetable", "schedule": "timetable",
}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    word = _singular(word)
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return _SYNONYMS.get(word, word)


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    for pattern, replacement in _COUNTRY_FOLDS + _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return re.findall(r"[a-z0-9]+", _ascii(text).lower())


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The normalised content words of a wording (see the module docstring)."""
    tokens = _tokens(text)
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        pair = tuple(tokens[i:i + 2])
        if pair in _PHRASES:
            merged.append(_PHRASES[pair])
            i += 2
        else:
            merged.append(tokens[i])
            i += 1
    out = set()
    for token in merged:
        if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
            continue
        folded = _fold(token)
        if folded not in STOPWORDS:
            out.add(folded)
    return frozenset(out)


def term_rank(term: str) -> tuple:
    """The fixed order of terms used for key terms: known-frequent last, then longer first."""
    return (term in FREQUENT, -len(term), term)


# --------------------------------------------------------------- similarity

@dataclass(frozen=True)
class Rule:
    """Thresholds for one speaker relation: a Jaccard route and a containment route."""

    jaccard: Fraction
    jaccard_shared: int
    containment: Fraction
    containment_shared: int


# Justified by the cases in tests/test_statements.py: the three seed families
# merge, the near-misses (other topics, generic phrases, negation) do not.
RULES = {
    "same": Rule(Fraction(1, 2), 3, Fraction(3, 4), 2),
    "compatible": Rule(Fraction(1, 2), 3, Fraction(3, 4), 2),
    "unknown": Rule(Fraction(3, 5), 3, Fraction(4, 5), 3),
    "different": Rule(Fraction(3, 5), 4, Fraction(9, 10), 4),
}

# words that say what a speaker is, not who: they never make two speakers compatible
SPEAKER_GENERIC = frozenset("""
office ministry minister prime president vice deputy press secretary spokesman spokeswoman spokesperson
official officials government department general army military forces force national international global
united states state republic council committee agency coalition iraqi iraq american america usa kingdom
federal foreign defense defence affairs security the and against sheikh mohammed muhammad mohamed ahmed ali
abdul abu bin news media source sources group party
""".split())


@cache
def min_shared(size: int) -> int:
    """The fewest terms a quotation of ``size`` terms shares with any quotation it is similar to
    (as the one with fewer terms), whatever the speakers: the bound behind key terms."""
    bounds = []
    for rule in RULES.values():
        # Jaccard: shared >= j * |union| >= j * size; containment: shared >= c * size
        bounds.append(max(2, rule.jaccard_shared, math.ceil(rule.jaccard * size)))
        bounds.append(max(2, rule.containment_shared, math.ceil(rule.containment * size)))
    return min(bounds)


def key_terms(words: frozenset[str]) -> frozenset[str]:
    """The first ``n - min_shared(n) + 1`` terms in :func:`term_rank` order (none below two terms)."""
    if len(words) < 2:
        return frozenset()
    count = len(words) - min_shared(len(words)) + 1
    return frozenset(sorted(words, key=term_rank)[:max(count, 0)])


def name_tokens(forms: Iterable[str]) -> frozenset[str]:
    """The words of a speaker's names that can identify it (generic and short words dropped)."""
    out = set()
    for form in forms:
        for token in re.findall(r"[a-z0-9]+", _ascii(form).lower()):
            if len(token) >= 3 and token not in SPEAKER_GENERIC and token not in STOPWORDS:
                out.add(token)
    return frozenset(out)


@dataclass(frozen=True)
class QuoteInfo:
    """What grouping needs of one quotation; everything comes from its own article graph.

    ``speaker`` is the creator IRI (of a statement made jointly, the one
    :func:`speaking` gives, read the same from the batch's records and from the
    store); ``forms`` the surface forms of that speaker in the article (the
    readable part of the IRI is added).
    """

    iri: str
    article: str
    text: str
    speaker: str | None = None
    forms: tuple[str, ...] = ()
    terms: frozenset[str] = field(init=False, repr=False, compare=False)
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    names: frozenset[str] = field(init=False, repr=False, compare=False)
    negated: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = terms(self.text)
        object.__setattr__(self, "terms", words)
        object.__setattr__(self, "keys", key_terms(words))
        object.__setattr__(self, "negated", bool(words & NEGATIONS))
        forms = list(self.forms)
        if self.speaker:
            readable = re.sub(r"-[0-9a-f]{10}$", "", self.speaker.rsplit("/", 1)[-1])
            forms.append(readable.replace("-", " "))
        object.__setattr__(self, "names", name_tokens(forms))


def speaking(creators: set[str], named: set[str]) -> str | None:
    """Who speaks for a quotation among its ``creators``: the one its speaker mentions name (``named``: the
    entities they refer to), else (none or several named) the first by IRI."""
    named = named & creators
    return next(iter(named)) if len(named) == 1 else min(creators, default=None)


def speaker_relation(a: QuoteInfo, b: QuoteInfo) -> str:
    """``same``, ``compatible`` (names share a word), ``unknown`` (one is unattributed) or ``different``."""
    if not a.speaker or not b.speaker:
        return "unknown"
    if a.speaker == b.speaker:
        return "same"
    return "compatible" if a.names & b.names else "different"


def similar(a: QuoteInfo, b: QuoteInfo) -> bool:
    """Whether two quotations of different articles report the same statement."""
    if a.article == b.article or a.negated != b.negated:
        return False
    shared = len(a.terms & b.terms)
    if shared < 2:
        return False
    rule = RULES[speaker_relation(a, b)]
    union = len(a.terms) + len(b.terms) - shared
    smaller = min(len(a.terms), len(b.terms))
    jaccard, containment = rule.jaccard, rule.containment  # compared in integers: Fractions are slow
    return ((shared >= rule.jaccard_shared and shared * jaccard.denominator >= jaccard.numerator * union)
            or (shared >= rule.containment_shared
                and shared * containment.denominator >= containment.numerator * smaller))


@cache
def fewest_shared(relation: str, size: int) -> int:
    """The fewest terms a quotation of ``size`` terms shares with any quotation at least as long that it is
    similar to, when their speakers are in ``relation`` (:func:`speaker_relation`)."""
    rule = RULES[relation]
    # Jaccard: shared >= j * (size + longer - shared) >= j * (2 * size - shared); containment: >= c * size
    jaccard = max(2, rule.jaccard_shared, math.ceil(2 * size * rule.jaccard / (1 + rule.jaccard)))
    return min(jaccard, max(2, rule.containment_shared, math.ceil(rule.containment * size)))


def _first(ranked: list[str], relation: str) -> list[str]:
    """The first terms of a quotation (``ranked``: its terms in order) that hold two it shares with any no
    shorter quotation it is similar to, the speakers in ``relation``: all but ``fewest_shared - 2``."""
    return ranked[:max(len(ranked) - fewest_shared(relation, len(ranked)) + 2, 0)]


ANYONE = "*"  # in a channel (:class:`QuoteIndex`): any speaker


def _channels(quote: QuoteInfo) -> list[tuple[str, str | None]]:
    """The (relation, speaker) channels ``quote`` is filed under: its speaker's, its names', an unknown
    speaker's, and anyone's (for a probe with no speaker, and, with a speaker, for a different one)."""
    if quote.speaker is None:
        return [("unknown", None), ("unknown", ANYONE)]
    return [("same", quote.speaker), ("unknown", ANYONE), ("different", ANYONE),
            *(("compatible", name) for name in sorted(quote.names))]


def _looked_up(probe: QuoteInfo) -> list[tuple[str, str | None]]:
    """The channels a probe finds the quotations in: one per relation its speaker can have to theirs."""
    if probe.speaker is None:
        return [("unknown", ANYONE)]
    return [("same", probe.speaker), ("unknown", None), ("different", ANYONE),
            *(("compatible", name) for name in sorted(probe.names))]


class QuoteIndex:
    """Quotations indexed to find, exactly, those that may be similar to a probe (:meth:`candidates`).

    Prefix filtering, as in all-pairs similarity joins: two similar quotations
    share at least :func:`fewest_shared` terms for the relation of their
    speakers and the shorter one's size, so two of the shorter one's first
    terms in a fixed order (:func:`_first`) are shared. A quotation is filed,
    under each of its channels (:func:`_channels`, of its polarity), by each
    of its terms and by each pair of its first terms; a probe looks up, in the
    channels of each relation it can have to them (:func:`_looked_up`), the
    pairs of its terms (for the quotations no longer than it) and the
    quotations holding two of its first terms (for those no shorter). So a
    candidate shares two rare terms with the probe, and every similar
    quotation is one. The order is by rarity among the quotations the index
    held when it last doubled (then every quotation is filed again), so filing
    costs amortised constant time.
    """

    def __init__(self, quotes: Iterable[QuoteInfo] = ()) -> None:
        self.quotes: dict[str, QuoteInfo] = {}
        self._frequency: Counter[str] = Counter()  # of the terms, when last ordered
        self._ordered = 0  # quotations indexed then
        self._terms: dict[tuple, set[str]] = {}  # (relation, speaker, negated, term) -> IRIs
        self._pairs: dict[tuple, set[str]] = {}  # (relation, speaker, negated, term, later term) -> IRIs
        for quote in quotes:
            self.add(quote)

    def add(self, quote: QuoteInfo) -> None:
        """Index ``quote``, in place of any with its IRI."""
        self.remove(quote.iri)
        self.quotes[quote.iri] = quote
        if len(self.quotes) > 2 * self._ordered:
            self._order()
        else:
            self._file(quote)

    def remove(self, iri: str) -> None:
        """Forget the quotation with IRI ``iri``, if indexed."""
        quote = self.quotes.pop(iri, None)
        if quote is not None:
            self._file(quote, remove=True)

    def candidates(self, probe: QuoteInfo) -> set[str]:
        """The IRIs of the indexed quotations that may be similar to ``probe`` (every one that is)."""
        ranked = self._ranked(probe.terms)
        found: set[str] = set()
        for relation, speaker in _looked_up(probe):
            channel = (relation, speaker, probe.negated)
            for first, second in itertools.combinations(ranked, 2):
                found |= self._pairs.get((*channel, first, second), set())
            for first, second in itertools.combinations(_first(ranked, relation), 2):
                found |= self._terms.get((*channel, first), set()) & self._terms.get((*channel, second), set())
        return found

    def _ranked(self, words: Iterable[str]) -> list[str]:
        return sorted(words, key=lambda term: (self._frequency[term], term))

    def _file(self, quote: QuoteInfo, remove: bool = False) -> None:
        ranked = self._ranked(quote.terms)
        for relation, speaker in _channels(quote):
            channel = (relation, speaker, quote.negated)
            keys = [*((*channel, term) for term in ranked),
                    *((*channel, *pair) for pair in itertools.combinations(_first(ranked, relation), 2))]
            for key in keys:
                postings = self._terms if len(key) == 4 else self._pairs
                if not remove:
                    postings.setdefault(key, set()).add(quote.iri)
                    continue
                postings[key].discard(quote.iri)
                if not postings[key]:
                    del postings[key]

    def _order(self) -> None:
        """Order the terms by their frequency among the indexed quotations, and file every one again."""
        self._frequency = Counter(term for quote in self.quotes.values() for term in quote.terms)
        self._ordered = len(self.quotes)
        self._terms.clear()
        self._pairs.clear()
        for quote in self.quotes.values():
            self._file(quote)


def cluster(quotes: Iterable[QuoteInfo], links: Iterable[tuple[str, str]] = (),
            statements: dict[str, Sequence[QuoteInfo]] | None = None) -> list[list[QuoteInfo]]:
    """Connected components of the similarity graph, each sorted by IRI, in order of first IRI.

    A quotation given twice (same IRI) counts once, the last one winning.
    ``statements`` (IRI -> members) are components already, taken whole: their
    members' similarities are not computed again; ``links`` (quotation IRI,
    statement IRI) join one of ``quotes`` to one of them. Each quotation is
    compared with the candidates of a :class:`QuoteIndex` of those before it,
    but not with those already in its component: the number of comparisons
    grows with the candidates outside it, not with the similar pairs.
    """
    unique = {quote.iri: quote for quote in quotes}
    ordered = [unique[iri] for iri in sorted(unique)]
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = {}  # a component's root -> its nodes

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a: str, b: str) -> set[str]:
        """Join the components of ``a`` and ``b`` (the smaller set of nodes into the larger); their nodes."""
        ra, rb = root(a), root(b)
        if ra == rb:
            return members.setdefault(ra, {ra})
        parent[max(ra, rb)] = min(ra, rb)
        large, small = sorted((members.pop(ra, {ra}), members.pop(rb, {rb})), key=len, reverse=True)
        large |= small
        members[min(ra, rb)] = large
        return large

    index = QuoteIndex()
    for quote in ordered:
        pending = index.candidates(quote)
        while pending:
            other = pending.pop()
            if similar(quote, index.quotes[other]):
                pending = pending - join(quote.iri, other)  # iterates the candidates, not the component
        index.add(quote)
    for a, b in links:
        join(a, b)
    groups: dict[str, list[QuoteInfo]] = defaultdict(list)
    for quote in ordered:
        groups[root(quote.iri)].append(quote)
    for statement, members in (statements or {}).items():
        groups[root(statement)].extend(members)
    components = [sorted(group, key=lambda quote: quote.iri) for group in groups.values()]
    return sorted(components, key=lambda group: group[0].iri)


# --------------------------------------------------------------- RDF

def statement_iri(members: Iterable[QuoteInfo]) -> URIRef:
    """``…/id/statement/<hash>`` of the smallest member quotation IRI."""
    first = min(quote.iri for quote in members)
    return URIRef(f"{BASE}statement/{hashlib.sha1(first.encode('utf-8')).hexdigest()[:16]}")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".,;:").strip()


def representative_text(texts: Iterable[str]) -> str:
    """The most common wording (trailing punctuation aside), then the longest, then the first."""
    counts = Counter(_clean(text) for text in texts)
    return min(counts, key=lambda text: (-counts[text], -len(text), text))


def statement_triples(groups: Iterable[Sequence[QuoteInfo]]) -> list[Triple]:
    """The statements-graph triples of the given groups (each one statement)."""
    out: list[Triple] = []
    for members in groups:
        node = _iri(statement_iri(members))
        out.append((node, _A, _STATEMENT))
        for quote in members:
            out += [(node, _QUOTATION, _iri(quote.iri)), (_iri(quote.iri), _OF_STATEMENT, node)]
        out.append((node, _TEXT, literal(representative_text(q.text for q in members))))
        speakers = {quote.speaker for quote in members if quote.speaker}
        if len(speakers) == 1:
            out.append((node, _CREATOR, _iri(speakers.pop())))
        out.append((node, _SOURCES, integer(len({q.article for q in members}))))
        out += [(node, _TERM, literal(term)) for term in sorted(set().union(*(quote.terms for quote in members)))]
        out += [(node, _KEY_TERM, literal(term)) for term in sorted(set().union(*(quote.keys for quote in members)))]
    return list(dict.fromkeys(out))


def quotes_in_article(records: ArticleRecords) -> list[QuoteInfo]:
    """The quotations of one article as its graph (:func:`kg.graph.article_triples`) describes them.

    ``forms`` are the texts of the speaker's mentions, one per span; a quotation
    span given twice is one quotation (its first text, its speaker as
    :func:`speaking` chooses among all its creators).
    """
    article = article_iri(records.source.identifier)
    spans: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    refs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for mention in records.mentions:
        spans[mention.entity].setdefault((mention.start, mention.end), mention.text)
        refs[(mention.start, mention.end)].add(entity_iri(mention.entity.split(":", 1)[0], mention.entity))
    by_iri: dict[str, list[Quote]] = defaultdict(list)
    for quote in records.quotes:
        by_iri[quote_iri(article, quote.start, quote.end)].append(quote)
    out = []
    for node, quotes in by_iri.items():
        spoken = [quote for quote in quotes if quote.speaker]
        creators = {entity_iri(key.split(":", 1)[0], key): key
                    for quote in spoken for key in (quote.speaker, *quote.co_speakers)}
        named = {ref for quote in spoken if quote.speaker_start is not None
                 for ref in refs[(quote.speaker_start, quote.speaker_end)]}
        speaker = speaking(set(creators), named)
        forms = tuple(sorted(spans[creators[speaker]].values())) if speaker else ()
        out.append(QuoteInfo(node, article, quotes[0].text, speaker, forms))
    return out


# --------------------------------------------------------------- the store

LIMIT = 100_000  # quotations whose statements a writer keeps (:class:`KnownStatements`)


def _values(items: Iterable[str]) -> str:
    return " ".join(_iri(item) for item in sorted(items))


def stored_quotes(db, statements: Iterable[str] | None = None, exclude: Sequence[str] = (),
                  renamed: dict[str, str] | None = None) -> tuple[list[QuoteInfo], dict[str, str]]:
    """Quotations in the store: all of them (``statements`` None) or the members of ``statements``;
    never those in the graphs ``exclude``. Also each quotation's current statement.

    ``renamed`` maps entity IRIs that the same update renames to their new IRIs: each quotation is read as
    the store holds it after the update (its speaker as :func:`speaking` chooses among its renamed creators,
    with the forms of every mention renamed to it).
    """
    renamed = renamed or {}
    if statements is not None:
        statements = list(statements)
        if not statements:
            return [], {}
        select = (f"VALUES ?s {{ {_values(statements)} }} "
                  f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?s {_iri(NKG.quotation)} ?q }}")
    else:
        select = f"OPTIONAL {{ GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q {_iri(NKG.statement)} ?s }} }}"
    skip = f"FILTER (?g NOT IN ({', '.join(_iri(g) for g in exclude)}))" if exclude else ""
    rows = db.query(
        # (an OPTIONAL inside GRAPH ?g would make Oxigraph scan every quotation)
        f"SELECT ?s ?q ?g ?text ?article ?creator WHERE {{ {select if statements is not None else ''} "
        f"GRAPH ?g {{ ?q a {_iri(SCHEMA.Quotation)} ; {_iri(SCHEMA.text)} ?text ; {_iri(SCHEMA.isPartOf)} ?article }} "
        f"OPTIONAL {{ GRAPH ?g {{ ?q {_iri(SCHEMA.creator)} ?creator }} }} {select if statements is None else ''} "
        f"FILTER (?g != {_iri(STATEMENTS_GRAPH)}) {skip} }}")
    found: dict[tuple[str, str], tuple[str, str, str | None]] = {}
    creators: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = (row["q"].value, row["g"].value)
        found.setdefault(key, (row["text"].value, row["article"].value, row["s"].value if row["s"] else None))
        if row["creator"] is not None:
            creators[key].add(renamed.get(row["creator"].value, row["creator"].value))
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    joint = sorted(key for key, entities in creators.items() if len(entities) > 1)
    if joint:  # a statement made jointly: the creators its speaker mention names
        values = " ".join(f"({_iri(g)} {_iri(q)})" for q, g in joint)
        for row in db.query(f"SELECT ?g ?q ?c WHERE {{ VALUES (?g ?q) {{ {values} }} GRAPH ?g {{ "
                            f"?q {_iri(NKG.speakerMention)} ?m . ?m {_iri(ITSRDF.taIdentRef)} ?c }} }}"):
            named[(row["q"].value, row["g"].value)].add(renamed.get(row["c"].value, row["c"].value))
    speakers = {key: speaking(entities, named[key]) for key, entities in creators.items()}
    sources: dict[str, set[str]] = defaultdict(set)  # an entity IRI -> those renamed to it, and itself
    for old, new in renamed.items():
        sources[new].add(old)
    mentions: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    pairs = {(graph, source) for (_, graph), speaker in speakers.items() for source in {speaker} | sources[speaker]}
    if pairs:
        values = " ".join(f"({_iri(g)} {_iri(c)})" for g, c in sorted(pairs))
        for row in db.query(f"SELECT ?g ?c ?m ?form WHERE {{ VALUES (?g ?c) {{ {values} }} GRAPH ?g {{ "
                            f"?m {_iri(ITSRDF.taIdentRef)} ?c ; {_iri(NIF.anchorOf)} ?form }} }}"):
            entity = renamed.get(row["c"].value, row["c"].value)
            mentions[(row["g"].value, entity)].add((row["m"].value, row["form"].value))
    quotes, membership = [], {}
    for key in sorted(found):
        (iri, graph), (text, article, statement) = key, found[key]
        speaker = speakers.get(key)
        forms = tuple(sorted(form for _, form in mentions.get((graph, speaker), ()))) if speaker else ()
        quotes.append(QuoteInfo(iri, article, text, speaker, forms))
        if statement:
            membership[iri] = statement
    return quotes, membership


def _ask(db, pattern: str) -> bool:
    return bool(db.query(f"ASK {{ {pattern} }}"))


def _statements_of(db, graphs: Sequence[str]) -> set[str]:
    if not graphs:
        return set()
    rows = db.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {_values(graphs)} }} "
                    f"GRAPH ?g {{ ?q a {_iri(SCHEMA.Quotation)} }} "
                    f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q {_iri(NKG.statement)} ?s }} }}")
    return {row["s"].value for row in rows}


def _spoken_by(db, renamed: dict[str, str], exclude: Sequence[str]) -> dict[str, str]:
    """Stored quotations (outside ``exclude``) that read otherwise once ``renamed`` is applied, with their
    statements: a creator renamed, or a mention in their graph renamed to one of their creators (its form
    becomes one of the speaker's, and it may be the speaker mention)."""
    if not renamed:
        return {}
    skip = f"FILTER (?g NOT IN ({', '.join(_iri(g) for g in exclude)}))" if exclude else ""
    pairs = " ".join(f"({_iri(old)} {_iri(new)})" for old, new in sorted(renamed.items()))
    quotation = f"?q a {_iri(SCHEMA.Quotation)} ; {_iri(SCHEMA.creator)} ?c"
    rows = db.query(f"SELECT DISTINCT ?q ?s WHERE {{ {{ VALUES ?c {{ {_values(renamed)} }} GRAPH ?g {{ {quotation} }} }} "
                    f"UNION {{ VALUES (?old ?c) {{ {pairs} }} GRAPH ?g {{ ?m {_iri(ITSRDF.taIdentRef)} ?old . "
                    f"{quotation} }} }} GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q {_iri(NKG.statement)} ?s }} {skip} }}")
    return {row["q"].value: row["s"].value for row in rows}


def _literals(words: Iterable[str]) -> str:
    return " ".join(f'"{word}"' for word in sorted(words))  # terms are [a-z0-9]+


def _candidates(db, batch: Sequence[QuoteInfo], known: KnownStatements) -> set[str]:
    """Statements that may hold a quotation similar to one of ``batch``.

    Per quotation: one of its key terms among the statement's terms, or one of
    the statement's key terms among its terms (exact blocking), and at least
    two terms in common (the union of the members' terms bounds what any member
    shares). Two reads by bound terms (the statements that meet the blocking
    condition, then the terms of those not ``known``); the counting is done here.
    """
    keys = set().union(*(quote.keys for quote in batch))
    if not keys:
        return set()
    words = set().union(*(quote.terms for quote in batch))
    graph = _iri(STATEMENTS_GRAPH)
    by_term: dict[str, set[str]] = defaultdict(set)  # batch key term -> statements with it among their terms
    by_key: dict[str, set[str]] = defaultdict(set)  # batch term -> statements with it among their key terms
    for row in db.query(f"SELECT ?s ?t ?key WHERE {{ GRAPH {graph} {{ "
                        f"{{ VALUES ?t {{ {_literals(keys)} }} ?s {_TERM} ?t }} UNION "
                        f"{{ VALUES ?t {{ {_literals(words)} }} ?s {_KEY_TERM} ?t BIND (true AS ?key) }} }} }}"):
        (by_term if row["key"] is None else by_key)[row["t"].value].add(row["s"].value)
    pairs = {quote.iri: {s for term in quote.keys for s in by_term.get(term, ())}
             | {s for term in quote.terms for s in by_key.get(term, ())} for quote in batch}
    blocked = set().union(*pairs.values())
    held: dict[str, frozenset[str] | set[str]] = {
        s: frozenset().union(*(quote.terms for quote in members)) for s, members in known.get(blocked).items()}
    missing = blocked - held.keys()
    if missing:
        for row in db.query(f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {_values(missing)} }} "
                            f"GRAPH {graph} {{ ?s {_TERM} ?t }} }}"):
            held.setdefault(row["s"].value, set()).add(row["t"].value)
    return {s for quote in batch for s in pairs[quote.iri] if len(quote.terms & held[s]) >= 2}


def _members(db, statements: set[str] | None, known: KnownStatements | None = None
             ) -> dict[str, tuple[QuoteInfo, ...]]:
    """The members of stored ``statements`` (all of them: ``None``): those ``known``, the others read (then
    known too)."""
    found = known.get(statements) if known is not None and statements is not None else {}
    if statements is None or statements - found.keys():
        quotes, membership = stored_quotes(db, None if statements is None else statements - found.keys())
        read: dict[str, list[QuoteInfo]] = defaultdict(list)
        for quote in quotes:
            if quote.iri in membership:
                read[membership[quote.iri]].append(quote)
        if known is not None:
            known.add(read)
        found.update((statement, tuple(members)) for statement, members in read.items())
    return found


def _links(probes: Sequence[QuoteInfo], index: QuoteIndex, statement_of: dict[str, str],
           members: Callable[[str], frozenset[str]], dissolved: set[str]) -> set[tuple[str, str]]:
    """(probe IRI, statement IRI): the statements, ``dissolved`` ones aside, of the indexed quotations (each
    in ``statement_of``; ``members`` gives a statement's member IRIs) that have a member similar to a
    probe. Once one member is, the statement's other candidates are not compared."""
    links = set()
    for probe in probes:
        pending = index.candidates(probe)
        while pending:
            iri = pending.pop()
            statement = statement_of[iri]
            if statement not in dissolved and similar(probe, index.quotes[iri]):
                links.add((probe.iri, statement))
                pending = pending - members(statement)  # iterates the candidates, not the members
    return links


@dataclass
class StatementUpdate:
    """What a batch does to the statements graph: the writes; the statements it replaces (``None``: all of
    them) and those it writes, with their members (for :class:`KnownStatements`, once committed)."""

    writes: Writes
    replaced: set[str] | None
    written: dict[str, tuple[QuoteInfo, ...]]


def update_parts(db, batch: Sequence[QuoteInfo], replaced: Sequence[str], renamed: dict[str, str] | None = None,
                 known: KnownStatements | None = None) -> StatementUpdate:
    """What brings the statements graph up to date with a batch (:class:`StatementUpdate`).

    ``batch`` holds the batch's quotations (:func:`quotes_in_article`), ``replaced`` the IRIs of the
    article graphs the batch drops (old versions), ``renamed`` the entity IRIs
    the batch's operations rename everywhere (old -> new). To apply after the
    batch's own operations, in the same commit. ``known``: what the writer
    knows of the stored statements (nothing by default: then read).

    The quotations whose data change (the batch's, and stored ones that the
    renames change) are the probes. The statements of the dropped and
    renamed quotations dissolve: their remaining members are grouped again
    with the batch. A statement with a member similar to a probe joins the new
    component as it is: it was a connected component, and a probe only adds
    edges to it, so its members' similarities are not computed again. Every
    other pair of quotations keeps its similarity, and components are closed,
    so no other statement can change. Only the triples that change are
    written: of a statement joined, the links to its members are known, and
    only its other triples are read.
    """
    renamed = renamed or {}
    known = known if known is not None else KnownStatements(limit=0)
    fresh = {quote.iri for quote in batch}
    if not _ask(db, f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?s a {_iri(NKG.Statement)} }}"):
        # a new store, or one built before statements existed: group everything once
        stored, _ = stored_quotes(db, None, replaced, renamed)
        components = cluster(batch + [quote for quote in stored if quote.iri not in fresh])
        return StatementUpdate(_insert(statement_triples(components)), None, _written(components))
    _know_all(db, known)
    respoken = _spoken_by(db, renamed, replaced)
    dissolved = _statements_of(db, replaced) | set(respoken.values())
    loose, _ = stored_quotes(db, dissolved, replaced, renamed)
    loose = [quote for quote in loose if quote.iri not in fresh]
    probes = batch + [quote for quote in loose if quote.iri in respoken]
    if known.index is not None:
        links = _links(probes, known.index, known.statement_of, known.iris, dissolved)
        joined = known.get({statement for _, statement in links})
    else:  # the candidates' members, read or known
        candidates = _members(db, _candidates(db, probes, known) - dissolved, known)
        statement_of = {quote.iri: statement for statement, members in candidates.items() for quote in members}
        iris = {statement: frozenset(quote.iri for quote in members) for statement, members in candidates.items()}
        links = _links(probes, QuoteIndex(quote for members in candidates.values() for quote in members),
                       statement_of, iris.__getitem__, dissolved)
        joined = {statement: candidates[statement] for _, statement in links}
    components = cluster(batch + loose, links, joined)
    triples = statement_triples(components)
    old = dissolved | set(joined)
    if not old:
        return StatementUpdate(_insert(triples), old, _written(components))
    # what is stored of the old statements: the dissolved ones read whole; of those joined, the links to
    # their members are known, the rest is read
    patterns = []
    if dissolved:
        values = _values(dissolved)
        patterns += [f"{{ VALUES ?s {{ {values} }} ?s ?p ?o }}",
                     f"{{ VALUES ?o {{ {values} }} ?s {_OF_STATEMENT} ?o BIND ({_OF_STATEMENT} AS ?p) }}"]
    if joined:
        patterns.append(f"{{ VALUES ?s {{ {_values(joined)} }} ?s ?p ?o FILTER (?p != {_QUOTATION}) }}")
    memberships = [triple for statement, members in joined.items() for quote in members
                   for triple in ((_iri(statement), _QUOTATION, _iri(quote.iri)),
                                  (_iri(quote.iri), _OF_STATEMENT, _iri(statement)))]
    writes = replace_data(db, STATEMENTS_GRAPH, " UNION ".join(patterns), triples, sorted(renamed.items()),
                          memberships)
    return StatementUpdate(writes, old, _written(components))


def _know_all(db, known: KnownStatements) -> None:
    """Read every statement of the store into ``known``, if it knows none yet and they fit."""
    if len(known) or not known.limit:
        return
    rows = db.query(f"SELECT (COUNT(?q) AS ?n) WHERE {{ GRAPH {_iri(STATEMENTS_GRAPH)} {{ "
                    f"?q {_iri(NKG.statement)} ?s }} }}")
    if int(next(iter(rows))["n"].value) <= known.limit:
        known.fill(_members(db, None))


def _written(components: Iterable[Sequence[QuoteInfo]]) -> dict[str, tuple[QuoteInfo, ...]]:
    return {str(statement_iri(members)): tuple(members) for members in components}


def _insert(triples: Sequence[Triple]) -> Writes:
    writes = Writes()
    writes.add(STATEMENTS_GRAPH, triples)
    return writes


class KnownStatements:
    """The members of the stored statements a writer has read or written, kept up to date by the writer.

    A statement a batch's quotation joins is needed whole (its members, to
    find one similar to the quotation, and to write the statement again);
    reading it from the store every batch would cost as much as it is big,
    and so grow with the store. A statement is read once, then follows the
    committed batches (:meth:`committed`: those a batch replaces are
    forgotten, those it writes are kept as written). Beyond ``limit``
    quotations, the least recently used are forgotten (and read again when
    needed). While it holds every statement of the store (all of them were
    written or read at once, none forgotten since), it also holds an
    ``index`` of all their members (:class:`QuoteIndex`), which then finds a
    batch's candidates instead of the store.
    """

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.index: QuoteIndex | None = None
        self.statement_of: dict[str, str] = {}  # quotation IRI -> statement IRI (with the index)
        self._members: OrderedDict[str, tuple[QuoteInfo, ...]] = OrderedDict()
        self._iris: dict[str, frozenset[str]] = {}  # statement IRI -> its members' IRIs, once asked for
        self._size = 0

    def __len__(self) -> int:
        return len(self._members)

    def get(self, statements: Iterable[str]) -> dict[str, tuple[QuoteInfo, ...]]:
        """The members of those of ``statements`` known."""
        found = {}
        for statement in statements:
            members = self._members.get(statement)
            if members is not None:
                self._members.move_to_end(statement)
                found[statement] = members
        return found

    def iris(self, statement: str) -> frozenset[str]:
        """The IRIs of the members of ``statement``, one of those known."""
        if statement not in self._iris:
            self._iris[statement] = frozenset(quote.iri for quote in self._members[statement])
        return self._iris[statement]

    def add(self, statements: dict[str, Sequence[QuoteInfo]]) -> None:
        """Know ``statements`` (IRI -> members) as the store holds them."""
        for statement, members in statements.items():
            self._forget(statement)
            self._members[statement] = tuple(members)
            self._size += len(members)
            if self.index is not None:
                for quote in members:
                    self.statement_of[quote.iri] = statement
                    if self.index.quotes.get(quote.iri) is not quote:
                        self.index.add(quote)
        if self._size > self.limit:
            self.index, self.statement_of = None, {}
        while self._size > self.limit:
            self._forget(next(iter(self._members)))

    def fill(self, statements: dict[str, Sequence[QuoteInfo]]) -> None:
        """Know ``statements``, every statement of the store."""
        self.clear()
        self.index = QuoteIndex()
        self.add(statements)

    def committed(self, replaced: set[str] | None, written: dict[str, Sequence[QuoteInfo]]) -> None:
        """Follow a committed batch: the statements it ``replaced`` (``None``: all of them), then those it
        wrote (``written``)."""
        if replaced is None:
            self.fill(written)
            return
        gone = {quote.iri for members in self.get(replaced).values() for quote in members}
        for statement in replaced:
            self._forget(statement)
        self.add(written)
        for iri in gone - self.statement_of.keys() if self.index is not None else ():
            self.index.remove(iri)

    def clear(self) -> None:
        """Forget every statement (the store was written some other way)."""
        self.index, self.statement_of = None, {}
        self._members.clear()
        self._iris.clear()
        self._size = 0

    def _forget(self, statement: str) -> None:
        members = self._members.pop(statement, None)
        self._iris.pop(statement, None)
        for quote in members or ():
            if self.statement_of.get(quote.iri) == statement:
                del self.statement_of[quote.iri]
        self._size -= len(members or ())


def recompute(db) -> Graph:
    """The statements graph computed from scratch from every quotation in the store."""
    quotes, _ = stored_quotes(db)
    return to_graph(statement_triples(cluster(quotes)), Graph(identifier=URIRef(STATEMENTS_GRAPH)))


__all__ = [
    "LIMIT",
    "RULES",
    "KnownStatements",
    "QuoteIndex",
    "QuoteInfo",
    "StatementUpdate",
    "cluster",
    "fewest_shared",
    "key_terms",
    "min_shared",
    "quotes_in_article",
    "recompute",
    "representative_text",
    "similar",
    "speaker_relation",
    "speaking",
    "statement_iri",
    "statement_triples",
    "stored_quotes",
    "terms",
    "update_parts",
]
