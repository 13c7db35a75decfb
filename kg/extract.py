"""From an annotated spaCy Doc to plain records (:mod:`kg.records`).

This is the only module that reads the pipeline's annotations; everything
after it (graph building, storing) sees records alone.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from . import resources as res
from .ingest.dates import find_time_expressions
from .nlp.entities import NESTED_KEY, NOMINALS_KEY, OWNER_MARKS, ROLE_ATTR, SUBNATIONAL
from .nlp.events import CORES_KEY, EVENTS_KEY
from .nlp.quotes import QUOTES_ATTR, QuoteSpan
from .records import (
    EVENT,
    ORGANIZATION,
    PERSON,
    PLACE,
    ArticleRecords,
    EventRecord,
    Mention,
    Quote,
    Role,
    Source,
    TimeExpression,
)
from .resolve import ArticleEntities, event_key, name_key, resolve_mentions, shipped_organization

SELF_DESCRIPTIONS = {"party", "group", "movement", "alliance", "militia", "company", "firm", "club", "command",
                     "secretariat"}  # "the ruling Georgian Dream party": the name before the word is the party
NON_PERSON_TYPES = (f"{ORGANIZATION}:", f"{PLACE}:")
OFFICE_HEADS = {"office", "services", "presidency", "cabinet"}
GOVERNMENT_HEADS = {"government", "administration"}
# "the group", "the company", "the club": the organization last named, when none is named with that head word
GENERIC_HEADS = {"group"} | res.word_list("org_descriptors.txt")
INSTITUTIONS = {"army", "navy", "force", "police", "coastguard", "coast guard", "ministry", "parliament", "embassy", "presidency", "bank"}
PRONOUN_GENDERS = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
ASKING = {"asked", "pressed", "questioned", "quizzed", "challenged"}  # "Asked by X …, he said": not X
PERSON_NOUNS = res.word_list("person_nouns.txt")  # "the witness", "the farmer": no titles
AGE_NOUN = re.compile(r"\d+-years?-old")  # "the 22-year-old said"
NOMINAL_HEADS = res.word_list("nominal_heads.txt")
NOMINAL_MODIFIERS = res.word_list("nominal_modifiers.txt")
TEXT_KEY = "kg_text"


def extract(doc: Doc, source: Source) -> ArticleRecords:
    """All records of one article from its annotated Doc."""
    spans = list(doc.ents) + list(doc.spans[NESTED_KEY])
    found = resolve_mentions(sorted((*_surface(e), e.label_, e.kb_id_) for e in spans))
    roles = _roles(doc, found)
    quotes = _quotes(doc, found, roles)
    times = tuple(find_time_expressions(_text(doc), _anchor(source)))
    events = _events(doc, found, times, source.identifier)
    mentions = tuple(sorted(found.mentions, key=lambda m: (m.start, m.end)))
    return ArticleRecords(source, tuple(found.entities.values()), mentions, quotes, roles, events, times)


def _text(doc: Doc) -> str:
    """The Doc's text, joined once (``Doc.text`` joins every token's text on each access)."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


def _surface(span: Span) -> tuple[int, int, str]:
    """A name's offsets and text, without the sentence's full stop that the tokenizer kept on it ("Kan.")."""
    text = span.text
    if len(text) > 2 and text.endswith(".") and text[-2].islower() and span[-1].is_sent_end:
        return span.start_char, span.end_char - 1, text[:-1]
    return span.start_char, span.end_char, text


def _trimmed(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """Character offsets of a name as :func:`_surface` gives them."""
    name = doc.char_span(*span)
    return _surface(name)[:2] if name is not None else span


def _anchor(source: Source) -> dt.date | None:
    """The date relative expressions resolve against: the publication day."""
    published = source.published
    return published.date() if isinstance(published, dt.datetime) else published


def _key_named(found: ArticleEntities, text: str | None) -> str | None:
    """The article's organization or place entity with this name or alias."""
    if not text:
        return None
    text = text.removesuffix("’s").removesuffix("'s").strip()  # "Ukraine’s Defence Minister X"
    for entity_type in (ORGANIZATION, PLACE):
        key = f"{entity_type}:{name_key(text, entity_type)}"
        if key in found.entities:
            return key
        for entity in found.entities.values():
            if entity.type == entity_type and (text == entity.name or text in entity.aliases):
                return entity.key
    return None


def _roles(doc: Doc, found: ArticleEntities) -> tuple[Role, ...]:
    out = []
    for person_start, person_end, title, org_text in doc._.get(ROLE_ATTR) or ():
        span = doc[person_start:person_end]
        key = found.by_span.get(_surface(span)[:2])
        if key is None or not key.startswith(PERSON):
            continue
        role = Role(key, title, _key_named(found, org_text), span.start_char, span.end_char)
        if role not in out:
            out.append(role)
    return tuple(out)


@dataclass
class _Speakers:
    """Who spoke last, for pronouns and continued quotations."""

    last: str | None = None
    last_group: tuple[str, ...] = ()  # who made the last statement with it ("X and Y said")
    people: list[str] = field(default_factory=list)  # the people who spoke, last one last
    last_end: int = 0  # where the last attributed statement ends
    by_span: dict[tuple[int, int], str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # "m"/"f" for the people whose names or titles say

    def note(self, key: str | None, span: tuple[int, int] | None, end: int, group: tuple[str, ...] = ()) -> None:
        if key is None:
            return
        self.last = key
        self.last_group = group
        self.last_end = end
        if key.startswith(PERSON):
            self.people.append(key)
        if span is not None:
            self.by_span[span] = key

    def fits(self, key: str, gender: str | None) -> bool:
        """Whether ``key`` can be the person a pronoun of ``gender`` stands for."""
        return gender is None or self.genders.get(key, gender) == gender

    def last_person(self, gender: str | None = None) -> str | None:
        """The last person who spoke that a pronoun of ``gender`` can stand for."""
        return next((k for k in reversed(self.people) if self.fits(k, gender)), None)


def _genders(doc: Doc, found: ArticleEntities, roles: tuple[Role, ...]) -> dict[str, str]:
    """"m" or "f" for the people whose given name (faker's lists), honorific ("Ms.") or title
    ("spokeswoman") says so."""
    names, words = res.gendered_names(), res.gendered_words()
    out: dict[str, str] = {}
    for role in roles:
        gender = next((words[w] for w in role.title.lower().replace(".", "").split() if w in words), None)
        if gender is not None:
            out.setdefault(role.person, gender)
    for mention in found.mentions:
        if mention.entity.startswith(f"{PERSON}:") and mention.entity not in out:
            before = _text(doc)[max(0, mention.start - 6):mention.start].replace(".", " ").split()
            given = names.get(mention.text.split()[0]) if " " in mention.text else None
            gender = given or (words.get(before[-1].lower()) if before else None)
            if gender is not None:
                out[mention.entity] = gender
    return out


def _quotes(doc: Doc, found: ArticleEntities, roles: tuple[Role, ...]) -> tuple[Quote, ...]:
    nominals = _nominals(doc, found, roles)
    titles = {role.person: role.title for role in roles}
    speakers = _Speakers(genders=_genders(doc, found, roles))
    out = []
    spans = doc._.get(QUOTES_ATTR) or ()
    quoted = [(q.start, q.end) for q in spans]
    for q in spans:
        key = _speaker(doc, q, found, speakers, nominals, roles, quoted)
        span = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
        others = tuple(dict.fromkeys(k for span in q.co_speakers
                                     if (k := found.by_span.get(_trimmed(doc, span))) is not None and k != key))
        if not others and key is not None and key == speakers.last and _refers_back(doc, q):
            others = speakers.last_group  # "X and Y said … “…,” they said": the same speakers
        speakers.note(key, span, q.end, others)
        s0, s1 = _trimmed(doc, span) if span is not None else (None, None)
        out.append(Quote(q.start, q.end, q.text, key, s0, s1, q.cue, q.direct,
                         titles.get(key) if key else None, others if key else ()))
    return tuple(out)


def _speaker(doc: Doc, q: QuoteSpan, found: ArticleEntities, speakers: _Speakers,
             nominals: dict[tuple[int, int], str], roles: tuple[Role, ...],
             quoted: list[tuple[int, int]]) -> str | None:
    """The entity a quotation's speaker words refer to.

    "he"/"she" is the last person named outside what was quoted ("He said"
    after "X said he expected President Y to …" is X); "the striker" is the
    last person given that title (or the first one given it later).
    """
    if q.speaker_start is None:
        return None
    span = (q.speaker_start, q.speaker_end)
    if span in speakers.by_span and q.speaker_kind != "previous":  # the words a quotation before was given to:
        return speakers.by_span[span]  # the same speaker ("“…,” she said. “…”")
    if q.speaker_kind == "previous":  # a person introduced since the last statement speaks, else its speaker
        introduced = _last_person_outside(doc, found, q.start, quoted)
        if introduced is not None and any(m.entity == introduced and m.start >= speakers.last_end
                                          for m in found.mentions if m.end <= q.start):
            return introduced
        if speakers.last is not None:
            return speakers.last
    if q.speaker_kind in ("entity", "previous"):
        return speakers.by_span.get(span) or found.by_span.get(_trimmed(doc, span)) or nominals.get(span)
    if q.speaker_kind == "nominal":
        return nominals.get(span)
    if q.speaker_kind == "demonym":  # "Estonian officials said": the country
        country = res.demonyms()[_text(doc)[q.speaker_start:q.speaker_end]]
        return found.add(name_key(country, PLACE), PLACE, _text(doc)[q.speaker_start:q.speaker_end],
                         q.speaker_start, q.speaker_end, canonical=country)
    word = _text(doc)[q.speaker_start:q.speaker_end].lower()
    if q.speaker_kind == "pronoun":
        if word in PRONOUN_GENDERS:
            gender = PRONOUN_GENDERS[word]
            if speakers.last is not None and speakers.fits(speakers.last, gender) \
                    and _still_speaking(doc, found, speakers, q.speaker_start, (f"{PERSON}:",)):
                return speakers.last
            return _sentence_subject(doc, found, q.speaker_start, quoted, speakers, gender) \
                or speakers.last_person(gender)
        if word in {"their", "its"}:
            return speakers.last  # "according to their press release": the last speaker's
        if word == "they" and speakers.last_group and _still_speaking(
                doc, found, speakers, q.speaker_start, (f"{PERSON}:", *NON_PERSON_TYPES), skip=(q.start, q.end)):
            return speakers.last  # "X and Y said …. “…,” they said": X (and Y, see _quotes)
        if word in {"they", "it"} and _still_speaking(doc, found, speakers, q.speaker_start, NON_PERSON_TYPES,
                                                      skip=(q.start, q.end)):
            return speakers.last  # "X, which is owned by Y, said …. It said …": X
        return _last_organization(doc, found, _before_opening_phrase(doc, q.speaker_start)) or speakers.last
    if q.speaker_kind == "spokesperson":  # an unnamed spokesperson: of the organization that just spoke,
        # else of the one last named
        if speakers.last is not None and speakers.last.startswith(f"{ORGANIZATION}:"):
            return speakers.last
        return _last_organization(doc, found, q.speaker_start)
    if q.speaker_kind == "role":  # the last person given that title, else the first one named later,
        # else the last person named ("Marnus Labuschagne scored 90. “…,” the captain said.")
        titled = [r for r in roles if r.start is not None and word in r.title.lower().split()]
        before = [r.person for r in titled if r.start < q.speaker_start]
        if before or titled:
            return before[-1] if before else titled[0].person
        countryman = _of_nationality(doc, found, word, q.speaker_start)
        if countryman is not None:
            return countryman  # "the Dane" after "Denmark’s Mikkel Holm" or "Danish rider Mikkel Holm"
        if word in PERSON_NOUNS or word in res.person_demonyms() or AGE_NOUN.fullmatch(word):
            # ("the witness", "the Norwegian", "the 22-year-old"): the person speaking, unless another heads a
            # sentence of this paragraph
            last = speakers.last_person()
            subject = _last_subject(doc, found, q.speaker_start, quoted)
            if last is not None and (subject is None or (
                    last == speakers.last and "\n" in _text(doc)[subject.start : q.speaker_start])):
                return last
            return subject.entity if subject is not None else _last_person_outside(doc, found, q.speaker_start, quoted)
        return _last_person_outside(doc, found, q.speaker_start, quoted)
    return speakers.last  # a statement or press release: the last speaker's


def _of_nationality(doc: Doc, found: ArticleEntities, word: str, offset: int) -> str | None:
    """The last person before ``offset`` the article gives the nationality a demonym noun (``word``: "dane",
    "norwegian") names: a demonym ("Danish", "Dane") or the country's name and "’s" right before the name."""
    country = next((c for d, c in res.demonyms().items() if d.lower() == word), None) \
        if word in res.person_demonyms() else None
    if country is None:
        return None
    text, demonyms = _text(doc), res.demonyms()
    for mention in reversed([m for m in found.mentions if m.end <= offset and m.entity.startswith(f"{PERSON}:")]):
        before = text[max(0, mention.start - 40) : mention.start].rstrip()
        if before.endswith((f"{country}’s", f"{country}'s")) or any(demonyms.get(w) == country
                                                                    for w in before.split()[-3:]):
            return mention.entity
    return None


def _still_speaking(doc: Doc, found: ArticleEntities, speakers: _Speakers, offset: int,
                    types: tuple[str, ...], skip: tuple[int, int] = (0, 0)) -> bool:
    """Whether a pronoun at ``offset`` stands for the last speaker, an entity of one of ``types`` (key
    prefixes): nothing else of those types has been named since the sentence of the last statement ended
    ("X said his side had been short since Y left. “…,” he said": X, not Y; "X, which is owned by Y, said ….
    It said": X); names inside ``skip`` (the statement itself) do not count."""
    last = speakers.last
    if last is None or not last.startswith(types) or not speakers.last_end:
        return False
    statement = doc.char_span(speakers.last_end - 1, speakers.last_end, alignment_mode="expand")
    since = statement.sent.end_char if statement is not None else speakers.last_end
    return since <= offset and not any(m.entity.startswith(types) and m.entity != last
                                       and m.entity not in speakers.last_group and not skip[0] <= m.start < skip[1]
                                       and since <= m.start < offset and not _asker(doc, m) for m in found.mentions)


def _asker(doc: Doc, mention: Mention) -> bool:
    """Whether a mention names who asked in the phrase that opens its sentence ("Asked by Inspector X what
    happened next, he replied": not X)."""
    if " by " not in _text(doc)[max(0, mention.start - 40) : mention.start]:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or doc[span.sent.start].lower_ not in ASKING:
        return False
    return any(t.lower_ == "by" for t in doc[max(span.sent.start, span.start - 4) : span.start])


def _refers_back(doc: Doc, q: QuoteSpan) -> bool:
    """Whether a statement's speaker words refer to the last speaker: "they", "their statement", "the
    statement"."""
    if q.speaker_kind == "document":
        return True
    return q.speaker_kind == "pronoun" and _text(doc)[q.speaker_start:q.speaker_end].lower() in {"they", "their"}


def _before_opening_phrase(doc: Doc, offset: int) -> int:
    """Where a pronoun's antecedent must end: before the phrase that opens its sentence, when the
    pronoun comes right after it ("In a statement carried by Tass, it said": not Tass)."""
    pronoun = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if pronoun is None or pronoun.start == 0 or doc[pronoun.start - 1].text != ",":
        return offset
    return pronoun.sent.start_char


def _last_organization(doc: Doc, found: ArticleEntities, offset: int, modifier_end: int | None = None) -> str | None:
    """The organization last named before ``offset`` that could be "it": not the outlet someone spoke to
    ("told Reuters", "in a statement to AFP"), nor the name that modifies the phrase starting at
    ``modifier_end`` ("the EU regulator")."""
    before = [m for m in found.mentions if m.end <= offset and m.entity.startswith(f"{ORGANIZATION}:")
              and not _spoken_to(_text(doc)[max(0, m.start - 16):m.start])
              and (modifier_end is None or _text(doc)[m.end:modifier_end].strip())]
    return before[-1].entity if before else None


def _spoken_to(before: str) -> bool:
    """Whether the words before a name make it an outlet someone spoke to ("told Reuters", "a statement to
    AFP"), not one that speaks ("according to the ministry")."""
    words = before.lower().split()
    if words[-1:] == ["the"]:
        words.pop()  # "told The Straits Times"
    return bool(words) and (words[-1] == "told" or (words[-1] == "to" and words[-2:-1] != ["according"]))


def _people_outside(doc: Doc, found: ArticleEntities, offset: int, quoted: list[tuple[int, int]],
                    speakers: _Speakers | None = None, gender: str | None = None) -> list[Mention]:
    """The mentions of people before ``offset`` outside any quotation or reported clause (of those a pronoun
    of ``gender`` can stand for), in order."""
    return [m for m in found.mentions if m.end <= offset and m.entity.startswith(f"{PERSON}:")
            and not any(a <= m.start and m.end <= b for a, b in quoted)
            and (speakers is None or speakers.fits(m.entity, gender)) and not _asker(doc, m)]


def _last_person_outside(doc: Doc, found: ArticleEntities, offset: int, quoted: list[tuple[int, int]],
                         speakers: _Speakers | None = None, gender: str | None = None) -> str | None:
    """The person last named before ``offset`` outside any quotation or reported clause (one a pronoun of
    ``gender`` can stand for)."""
    before = _people_outside(doc, found, offset, quoted, speakers, gender)
    return before[-1].entity if before else None


def _last_subject(doc: Doc, found: ArticleEntities, offset: int, quoted: list[tuple[int, int]]) -> Mention | None:
    """The mention of the person last named at the head of a sentence before ``offset`` ("X, 39, was testifying
    against Y. The foreman said …": X, not Y)."""
    for m in reversed(_people_outside(doc, found, offset, quoted)):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.start - span.sent.start <= 3 \
                and not any(t.is_alpha and t.is_lower for t in doc[span.sent.start : span.start]):
            return m
    return None


def _sentence_subject(doc: Doc, found: ArticleEntities, offset: int, quoted: list[tuple[int, int]],
                      speakers: _Speakers, gender: str | None) -> str | None:
    """The person a pronoun at ``offset`` stands for when the last speaker does not: of the people last
    named before it (:func:`_last_person_outside`), the first one named in that sentence, its subject, when
    the pronoun's sentence is a later one ("Captain X dedicated the win to Y, who died in August. “…,” he
    said": X)."""
    people = _people_outside(doc, found, offset, quoted, speakers, gender)
    if not people:
        return None
    last = people[-1]
    span = doc.char_span(last.start, last.end, alignment_mode="expand")
    if span is None or span.sent.end_char > offset:
        return last.entity
    sent = span.sent
    return next((m.entity for m in people if sent.start_char <= m.start and m.end <= sent.end_char), last.entity)


def _nominals(doc: Doc, found: ArticleEntities, roles: tuple[Role, ...]) -> dict[tuple[int, int], str]:
    """Resolve "the coalition", "his office", "Iraq's foreign ministry" to entities."""
    out: dict[tuple[int, int], str] = {}
    for span in doc.spans[NOMINALS_KEY]:
        key = _nominal_entity(doc, span, found, roles)
        if key is not None:
            out[(span.start_char, span.end_char)] = key
    return out


def _nominal_entity(doc: Doc, span: Span, found: ArticleEntities, roles: tuple[Role, ...]) -> str | None:
    start, end = span.start_char, span.end_char
    inner = [m for m in found.mentions if start <= m.start and m.end <= end]
    owned = max((t.i + 1 - span.start for t in span if t.text in OWNER_MARKS), default=0)
    words = [t.lower_ for t in span[owned:]]  # not its owner's words: "the government’s science secretariat"
    # the words after an owner that say which of its bodies it is ("Greece's migration ministry")
    specific = {w for w in words[:-1] if w not in NOMINAL_MODIFIERS and w not in NOMINAL_HEADS} if owned else set()
    if span.label_ in OFFICE_HEADS:
        person = next((m.entity for m in inner if m.entity.startswith(f"{PERSON}:")), None)
        if person is None:
            titled = [r.person for r in roles if r.title.lower() in span.text.lower() and (r.start or 0) < start]
            person = titled[-1] if titled else None
        office = _last_before(found, start, f"{ORGANIZATION}:office of")
        if person is None and office is not None and not inner:
            return _add_nominal(found, span, office.split(":", 1)[1])
        if person is None and not specific:
            person = _last_before(found, start, PERSON)
        if person is not None:
            return _add_nominal(found, span, f"office of {person.split(':', 1)[1]}",
                                canonical=f"Office of {found.entities[person].name}")
    countries = {m.entity for m in inner if m.entity.startswith(f"{PLACE}:")} | _demonym_places(span)
    if span.label_ in GOVERNMENT_HEADS and not any(t.lower_ in SUBNATIONAL for t in span):
        # "the Greek government", "Turkey's government": the country speaks
        return next(iter(countries)) if len(countries) == 1 and next(iter(countries)) in found.entities else None
    described = _described_entity(doc, span, found) or _named_before(doc, span, found)
    if described is not None:
        return _add_nominal(found, span, described.split(":", 1)[1])
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]  # "the coast guard", "the air force"
    for head in (w for w in pairs + words if w in NOMINAL_HEADS):
        antecedent = _antecedent(doc, found, head, start, countries)
        if antecedent is not None and not _another_body(found, antecedent, span.label_, specific):
            return _add_nominal(found, span, antecedent.split(":", 1)[1])
    if (span.label_ in GENERIC_HEADS or " ".join(words[-2:]) in GENERIC_HEADS) and not countries:  # "auction house"
        nearest = _last_organization(doc, found, start, modifier_end=start if len(span) == 1 else None)
        if nearest is not None and not _another_body(found, nearest, span.label_, specific):
            return _add_nominal(found, span, nearest.split(":", 1)[1])
    shipped = shipped_organization(span.text)
    if shipped is not None:  # "the US state department"
        return _add_nominal(found, span, name_key(shipped, ORGANIZATION), canonical=shipped)
    # (an institution named by its capitalised head alone, "the Army", "told Parliament", is its own name)
    own_name = span.label_ in INSTITUTIONS and (countries or all(t.text.istitle() for t in span))
    if own_name or specific or any(t.lower_ in NOMINAL_MODIFIERS for t in span):
        return _add_nominal(found, span, name_key(span.text, ORGANIZATION))
    return None


def _another_body(found: ArticleEntities, key: str, head: str, specific: set[str]) -> bool:
    """Whether an organization with the nominal's head word is another body than the one its specific words
    describe: "the government's volcano agency" is not the National Disaster Management Agency (but "Brazil's
    space research agency" may be the National Institute for Space Research, and "Brazil's environmental
    agency" Ibama)."""
    entity = found.entities[key]
    names = (entity.name, *entity.aliases)
    return bool(specific) and any(head in _head_words(name) for name in names) \
        and not any(specific & set(name.lower().split()) for name in names)


def _add_nominal(found: ArticleEntities, span: Span, key: str, canonical: str | None = None) -> str:
    """Mentions for a nominal phrase and, when it has an owner or complement, for its core.

    "Iraq's foreign ministry" is also "foreign ministry"; "the office of Prime
    Minister X" is also "office of Prime Minister".
    """
    known = found.entities.get(f"{ORGANIZATION}:{key}")
    canonical = canonical or (known.name if known is not None else None)  # "company" never renames "Maersk"
    full = found.add(key, ORGANIZATION, span.text, span.start_char, span.end_char, canonical=canonical)
    core = _nominal_core(span, found)
    if core is not None and core.text != span.text:
        found.add(key, ORGANIZATION, core.text, core.start_char, core.end_char, canonical=canonical)
    return full


def _nominal_core(span: Span, found: ArticleEntities) -> Span | None:
    """The nominal without its owner ("Iraq's") or its named complement ("... Mohamed X")."""
    doc = span.doc
    start, end = span.start, span.end
    for i in range(span.start, span.end):
        if doc[i].text in OWNER_MARKS:
            start = i + 1
    people = [m for m in found.mentions if span.start_char < m.start and m.end <= span.end_char
              and m.entity.startswith(f"{PERSON}:")]
    if people:
        end = doc.char_span(people[0].start, people[0].end, alignment_mode="expand").start
        while end > start and doc[end - 1].lower_ in {"of", "the"}:
            end -= 1
    return doc[start:end] if start < end else None


def _described_entity(doc: Doc, span: Span, found: ArticleEntities) -> str | None:
    """The organization a description directly follows: "the Islamic State (IS) jihadist group".

    A bare head after a name is the name's modifier, not its description:
    "the EU regulator" is not the EU.
    """
    i = span.start
    if i >= 3 and doc[i - 1].text == ")" and doc[i - 3].text == "(":
        i -= 3
    elif len(span) == 1:
        return None
    return _organization_before(doc, i, found) if i > 0 else None


def _named_before(doc: Doc, span: Span, found: ArticleEntities) -> str | None:
    """The organization named right before a head word that describes it: "the ruling Georgian Dream party",
    "the Wagner group" (``SELF_DESCRIPTIONS``)."""
    if len(span) != 1 or span[0].lower_ not in SELF_DESCRIPTIONS or span.start == 0:
        return None
    return _organization_before(doc, span.start, found)


def _organization_before(doc: Doc, i: int, found: ArticleEntities) -> str | None:
    """The organization whose mention ends right before token ``i``."""
    prev_end = doc[i - 1].idx + len(doc[i - 1])
    return next((m.entity for m in reversed(found.mentions)
                 if m.end == prev_end and m.entity.startswith(f"{ORGANIZATION}:")), None)


def _demonym_places(span: Span) -> set[str]:
    places = res.demonyms()
    return {f"{PLACE}:{name_key(places[t.text], PLACE)}" for t in span if t.text in places}


def _antecedent(doc: Doc, found: ArticleEntities, head: str, offset: int, countries: set[str]) -> str | None:
    """The organization a nominal with this head refers back to (else forward to).

    The head must be the head word of one of the organization's names (its last word, or the word before
    its complement: "the court" for "Supreme Court of Colorado"), else one of the head words of the kinds of
    organization it describes ("the regulator" for "European Medicines Agency") or the word the article
    put before one of its mentions ("the state weather agency PAGASA"), the nearest first; and a nominal
    tied to one country never refers to an organization tied to another.
    """
    text = _text(doc)
    candidates = [m for m in found.mentions if m.entity.startswith(f"{ORGANIZATION}:")]
    before = [m for m in candidates if m.end <= offset][::-1]
    after = [m for m in candidates if m.start > offset]
    described = {m.entity for m in candidates if text[max(0, m.start - len(head) - 1):m.start] == f"{head} "}
    for heads in ({head}, res.descriptor_heads().get(head, set())):  # its own word first, then its kinds
        for m in before + after:
            entity = found.entities[m.entity]
            names = (entity.name, *entity.aliases)
            if not any(heads & _head_words(name) for name in names) and not (heads != {head} and m.entity in described):
                continue
            theirs = set().union(*(_name_places(name) for name in names))
            if countries and not countries & theirs:
                continue
            return m.entity
    return None


def _head_words(name: str) -> set[str]:
    """The words a description can use for a name: its last one, and the one before its complement
    ("court" for "Supreme Court of Colorado", "committee" for "Advisory Committee on Immunization Practices",
    "embassy" for "US Embassy in Lima")."""
    words = name.lower().split()
    complement = next((i for i, w in enumerate(words) if w in {"of", "for", "on", "to", "in"} and i > 0), None)
    return set(words[-1:]) | ({words[complement - 1]} if complement is not None else set())


def _name_places(name: str) -> set[str]:
    places = res.demonyms()
    return {f"{PLACE}:{name_key(places[w], PLACE)}" for w in name.split() if w in places}


def _last_before(found: ArticleEntities, offset: int, prefix: str) -> str | None:
    """The entity whose key starts with ``prefix`` (a type, or "Organization:office of") last mentioned before ``offset``."""
    prefix = prefix if ":" in prefix else f"{prefix}:"
    before = [m for m in found.mentions if m.end <= offset and m.entity.startswith(prefix)]
    return before[-1].entity if before else None


def _events(doc: Doc, found: ArticleEntities, times: tuple[TimeExpression, ...],
            identifier: str) -> tuple[EventRecord, ...]:
    """Events from the trigger spans, grouped as ``event_kinds.json`` says."""
    policy = res.event_kinds()
    groups: dict[str, list[tuple[Span, Span]]] = {}
    singles: list[tuple[str, Span, Span]] = []
    for span, core in zip(doc.spans[EVENTS_KEY], doc.spans[CORES_KEY]):
        rule = policy.get(span.label_, {})
        kind = rule.get("same_as", span.label_)
        if rule.get("group") == "article":
            groups.setdefault(kind, []).append((span, core))
        else:
            singles.append((kind, span, core))
    out = []
    groups = {kind: spans for kind, spans in groups.items() if any(_specific(doc, s, c) for s, c in spans)}
    bare = [(kind, span, core) for kind, span, core in singles
            if not _specific(doc, span, core) and _definite(doc, span)]
    singles = [(kind, span, core) for kind, span, core in singles if _specific(doc, span, core)]
    for kind, spans in groups.items():
        key = _group_key(doc, found, kind, policy[kind]["key"], spans) or f"{kind.lower()} in {identifier}"
        out.append(_event(doc, found, times, kind, f"{kind.lower()} {key}", spans))
    named: dict[str, list] = {}  # the events a definite bare trigger ("the strike") can refer to
    for kind, span, core in singles:
        named.setdefault(event_key(kind, core.text), []).append((span, core))
    for kind, span, core in bare:
        same = [key for key, spans in named.items() if key.startswith(f"{kind.lower()} ")
                and not key.endswith(f" in {identifier}")]
        before = [key for key in same if named[key][0][0].start < span.start]
        key = before[-1] if before else (same[0] if same else f"{kind.lower()} in {identifier}")
        named.setdefault(key, []).append((span, core))
    kinds = {event_key(kind, core.text): kind for kind, _, core in singles} | {
        f"{kind.lower()} in {identifier}": kind for kind, _, _ in bare}
    for key, spans in named.items():
        out.append(_event(doc, found, times, kinds[key], key, sorted(spans, key=lambda sc: sc[0].start)))
    return tuple(out)


def _definite(doc: Doc, span: Span) -> bool:
    """Whether a bare trigger refers to one event the article speaks of: "the strike", "this week's vote"."""
    i = span.start - 1
    return i >= 0 and (doc[i].lower_ in {"the", "this", "that"} or doc[i].text in OWNER_MARKS)


def _specific(doc: Doc, span: Span, core: Span) -> bool:
    """Whether a mention pins down one event: more words than its trigger, or a tail."""
    return span.end > core.end or len(core) > len(res.event_trigger_tokens(core.text.lower()))


def _inside(found: ArticleEntities, start: int, end: int, types: tuple[str, ...]) -> list[str]:
    return [m.entity for m in found.mentions if start <= m.start and m.end <= end and m.entity.startswith(types)]


def _group_key(doc: Doc, found: ArticleEntities, kind: str, how: str, spans: list) -> str | None:
    """What identifies an article's event of this kind across articles."""
    actors = (f"{PLACE}:", f"{ORGANIZATION}:")
    if how == "location":
        places = [k for span, core in spans if core.end < span.end and doc[core.end].lower_ in {"in", "on"}
                  for k in _inside(found, core.end_char, span.end_char, (f"{PLACE}:",))]
        places += [k for span, core in spans if not core[1:2].text.startswith(("’", "'"))
                   for k in _inside(found, core.start_char, core[0].idx + len(core[0]), (f"{PLACE}:",))]
        return places[0].split(":", 1)[1] if places else None
    counts: dict[str, int] = {}
    for span, _ in spans:
        sent = span.sent
        for key in _inside(found, sent.start_char, sent.end_char, actors):
            counts[key] = counts.get(key, 0) + 1
    top = sorted(counts, key=lambda k: (not k.startswith(f"{PLACE}:"), -counts[k], k))[:2]
    return " and ".join(sorted(k.split(":", 1)[1] for k in top)) if len(top) == 2 else None


def _event(doc: Doc, found: ArticleEntities, times: tuple[TimeExpression, ...], kind: str, key: str,
           spans: list) -> EventRecord:
    """One event entity with a mention for every span (and its core, when shorter)."""
    full_key = ""
    for span, core in spans:
        full_key = found.add(key, EVENT, span.text, span.start_char, span.end_char)
        if core.end < span.end:
            found.add(key, EVENT, core.text, core.start_char, core.end_char)
    first = spans[0][0]
    sents = [span.sent for span, _ in spans]
    date = next((t.value for sent in sents for t in times
                 if sent.start_char <= t.start < sent.end_char and t.value), None)
    place = next((m.entity for sent in sents for m in found.mentions
                  if sent.start_char <= m.start < sent.end_char and m.entity.startswith(f"{PLACE}:")
                  and _text(doc)[max(0, m.start - 4):m.start].strip() in {"in", "at", "near", "outside"}), None)
    participants = tuple(dict.fromkeys(
        k for span, _ in spans for k in _inside(found, span.start_char, span.end_char,
                                                (f"{PLACE}:", f"{ORGANIZATION}:", f"{PERSON}:"))))
    return EventRecord(full_key, kind, first.start_char, first.end_char, date, place, participants)


__all__ = ["extract"]
