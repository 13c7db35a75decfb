"""Name resolution: one key per real thing, within an article and across articles.

``name_key`` folds a name to the form that identifies it whatever the spelling:
accents, case, articles and possessives go; personal names also lose their
particles ("al-"), map transliteration variants through ``name_variants.tsv``
("Mohamed"/"Mohammed" -> "muhammad", "Chia" -> "shia") and fold common
romanisation differences ("Soudani"/"Sudani"). The key, with the entity type,
gives the entity's IRI, so the same person in two articles is one node.

Within an article, a surname alone ("Sudani", "Mr. Kirby") resolves to the
full name it shares, acronyms defined in parentheses join their long form, and
pronouns and phrases such as "the office" or "the coalition" resolve to the
entity they refer back to. A surname with no full name in its article stays a
*partial* entity for the store to resolve across articles.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import resources as res
from .records import EVENT, MILITARY_BASE, ORGANIZATION, PERSON, PLACE, Entity, Mention

HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "gen", "sen", "rep", "prof"}
BASE_WORDS = {"air", "base", "airbase", "airfield", "field", "naval", "station"}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def fold(text: str) -> str:
    """Accent-free lower case with typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=None)
def _variants() -> dict[str, str]:
    rows = (line.split("\t") for line in res.data_text("name_variants.tsv").splitlines()
            if line.strip() and not line.startswith("#"))
    return {variant: key for variant, key in rows}


@lru_cache(maxsize=None)
def _folded_org_names() -> dict[str, str]:
    names = {}
    for canonical, entry in res.alias_table().items():
        if entry.get("type") == ORGANIZATION:
            for name in (canonical, *entry.get("aliases", ())):
                if " " in name:
                    names.setdefault(fold(name), canonical)
    return names


def shipped_organization(text: str) -> str | None:
    """The shipped organization (``alias_table``) that ``text`` names in another case, a name or alias of two
    words or more after any article ("the US state department": United States Department of State)."""
    words = text.split()
    while words and words[0].lower() in {"a", "an", "the"}:
        words = words[1:]
    return _folded_org_names().get(fold(" ".join(words)))


def _fold_person_token(token: str) -> str:
    token = _variants().get(token, token)
    token = re.sub(r"ou", "u", token)
    token = re.sub(r"^ch(?=[aeiou])", "sh", token)
    token = re.sub(r"ph", "f", token)
    return re.sub(r"(.)\1+", r"\1", token)


@lru_cache(maxsize=None)
def _org_variants() -> dict[str, tuple[str, frozenset[str]]]:
    out = {}
    for line in res.data_text("org_word_variants.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            heads = frozenset(cells[2].split(",")) if len(cells) > 2 else frozenset()
            out[cells[0]] = (cells[1], heads)
    return out


def _fold_org_tokens(tokens: list[str]) -> list[str]:
    head = tokens[-1] if tokens else ""
    out = []
    for token in tokens:
        key, heads = _org_variants().get(token, (token, frozenset()))
        out.append(key if not heads or head in heads else token)
    return out


@lru_cache(maxsize=None)
def _person_particles() -> frozenset[str]:
    """The particles left out of people's keys ("van", "de"; not those that begin Arabic names, "abu", "bin")."""
    return res.word_list("name_particles.txt") - {"abu", "abd", "abdul", "bin", "ibn"}


@lru_cache(maxsize=None)
def _demonym_words() -> frozenset[str]:
    """Demonyms in lower case, left out of organizations' keys after their first word."""
    return frozenset(d.lower() for d in res.demonyms())


def name_tokens(name: str, entity_type: str) -> list[str]:
    """The folded tokens a name's key is made of."""
    return list(_name_tokens(name, entity_type))


@lru_cache(maxsize=4096)  # an article names its people and organizations many times, news the same ones often
def _name_tokens(name: str, entity_type: str) -> tuple[str, ...]:
    text = re.sub(r"'s\b", "", POSSESSIVE.sub("", fold(name)))
    tokens = re.findall(r"[a-z0-9]+", text)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    if entity_type == PERSON:
        particles = _person_particles()
        tokens = [_fold_person_token(t) for t in tokens if t not in particles and t not in HONORIFICS]
    elif entity_type == MILITARY_BASE:
        while tokens and tokens[-1] in BASE_WORDS:
            tokens.pop()
        tokens = [_fold_person_token(t) for t in tokens]
    elif entity_type == ORGANIZATION:
        demonyms = _demonym_words()
        tokens = _fold_org_tokens(tokens[:1] + [t for t in tokens[1:] if t not in demonyms])
    return tuple(tokens)


def name_key(name: str, entity_type: str) -> str:
    """The resolution key of a name of the given type."""
    return " ".join(name_tokens(name, entity_type))


@dataclass
class ArticleEntities:
    """Entities and mentions of one article while they are being resolved."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    by_span: dict[tuple[int, int], str] = field(default_factory=dict)  # first entity named at each span

    def add(self, key: str, entity_type: str, surface: str, start: int, end: int,
            canonical: str | None = None, wikidata: str | None = None, partial: bool = False) -> str:
        """Record a mention of entity ``key``, creating or widening the entity."""
        full_key = f"{entity_type}:{key}"
        old = self.entities.get(full_key)
        if old is None:
            name = canonical or surface
            self.entities[full_key] = Entity(full_key, entity_type, name, (surface,), wikidata, partial)
        else:
            aliases = old.aliases if surface in old.aliases else old.aliases + (surface,)
            name = old.name if canonical is None and len(old.name) >= len(surface) else (canonical or surface)
            self.entities[full_key] = Entity(full_key, entity_type, name, aliases,
                                             old.wikidata or wikidata, old.partial and partial)
        bisect.insort(self.mentions, Mention(start, end, surface, full_key), key=_position)  # kept in text order
        self.by_span.setdefault((start, end), full_key)
        return full_key


def _position(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def resolve_mentions(spans: list[tuple[int, int, str, str, str]]) -> ArticleEntities:
    """Group ``(start, end, text, type, canonical)`` name spans into entities.

    ``canonical`` is the gazetteer's name for the span or ``""``.
    """
    table = res.alias_table()
    out = ArticleEntities()
    for text in (s[2] for s in spans if s[3] == PERSON):
        tokens = name_tokens(text, PERSON)
        if len(tokens) >= 2:
            for token in tokens:
                out.surnames.setdefault(token, set()).add(" ".join(tokens))
    acronyms = _acronym_links(spans)
    short_forms = _short_forms(spans)
    for start, end, text, kind, canonical in spans:
        if kind == PERSON:
            tokens = name_tokens(text, PERSON)
            if not tokens:
                continue
            _stray_period_parts(out, " ".join(tokens), text, start)
            key = " ".join(tokens)
            if len(tokens) == 1 or " " not in text.strip():  # "Sotto", and a double-barrelled "Nandi-Ndaitwah"
                full = set.intersection(*(out.surnames.get(token, set()) for token in tokens)) - {key}
                full = {name for name in full if name.endswith(f" {key}")} if len(tokens) > 1 else full
                if len(full) == 1:
                    out.add(next(iter(full)), PERSON, text, start, end)
                else:
                    out.add(key, PERSON, text, start, end, partial=len(tokens) == 1)
                continue
            out.add(key, PERSON, text, start, end)
            continue
        local = acronyms.get(text.upper())  # "Amcu" and "AMCU" alike
        if local is not None and (not canonical or (local[0] != canonical
                                                    and acronym_letters(text) in _spellings(local[0]))):
            # (an acronym the article spells out is that name, not the gazetteer's: "Seychelles Defence Forces
            # (SDF)", though the SDF are Syrian elsewhere)
            target, kind = local
        else:
            target = canonical or short_forms.get(text) or text
        key = name_key(target, kind)
        if not key:
            continue
        if kind == MILITARY_BASE:
            _base_short_name(out, key, text, start)
        if kind == PLACE:
            _region_short_name(out, key, text, start)
        entry = table.get(target)
        out.add(key, kind, text, start, end, canonical=target if (canonical or text in acronyms) else None,
                wikidata=entry.get("wikidata") if entry else None)
        if kind == ORGANIZATION:
            _owned_short_name(out, key, text, start)
    return out


def _owned_short_name(out: ArticleEntities, key: str, text: str, start: int) -> None:
    """"Britain’s Ministry of Defence" is also called "Ministry of Defence"."""
    match = OWNED.search(text)
    if match is not None:
        _also_called(out, key, ORGANIZATION, text[match.end():], start + match.end())


def _stray_period_parts(out: ArticleEntities, key: str, text: str, start: int) -> None:
    """"Abu Mahdi. al-Muhandis": a name broken by a stray period is also its two parts."""
    cut = text.find(". ")
    if cut > 0 and text[cut + 2 : cut + 3].islower():
        out.add(key, PERSON, text[:cut], start, start + cut)
        out.add(key, PERSON, text[cut + 2 :], start + cut + 2, start + len(text))


REGION_WORDS = {"region", "province", "oblast", "governorate", "district", "county", "prefecture"}
OWNED = re.compile(r"^[^\s’']+(?:\s[^\s’']+){0,3}(?:[’']s|(?<=s)[’'])\s(?=[A-Z])")  # "Barbados' Ministry …"


def _base_short_name(out: ArticleEntities, key: str, text: str, start: int) -> None:
    """"Ain al-Asad air base" is also called "Ain al-Asad"."""
    words = text.split()
    while words and words[-1].lower() in BASE_WORDS:
        words.pop()
    short = " ".join(words)
    if short and short != text and text.startswith(short):
        _also_called(out, key, MILITARY_BASE, short, start)


def _also_called(out: ArticleEntities, key: str, entity_type: str, short: str, start: int) -> None:
    """A shorter name of the entity ``key`` inside its mention, unless another name was found there."""
    if (start, start + len(short)) not in out.by_span:
        out.add(key, entity_type, short, start, start + len(short))


def _region_short_name(out: ArticleEntities, key: str, text: str, start: int) -> None:
    """"the Darfur region" is also called "Darfur"."""
    short, _, last = text.rpartition(" ")
    if short and last.lower() in REGION_WORDS:
        _also_called(out, key, PLACE, short, start)


def _acronym_links(spans: list[tuple[int, int, str, str, str]]) -> dict[str, tuple[str, str]]:
    """"Islamic State (IS)": the acronym in parentheses names the span of its type that ends right before it
    (a place inside that name, "Varna" in "Harbour Board of Varna (HBV)", is stepped over), or of any type when
    it spells that span's initials ("Grand Ethiopian Renaissance Dam (GERD)", "Business Unity South Africa
    (Busa)"); else the one name of three words or more whose initials it spells, anywhere in the article.
    Acronym in capitals -> (long name, its type)."""
    links = {}
    ends = {(end, kind): canonical or text for _, end, text, kind, canonical in spans}
    named_ends = {}  # the longest name ending at each offset ("Business Unity South Africa", not "South Africa")
    for start, end, text, kind, canonical in sorted(spans, key=lambda s: s[0] - s[1]):
        if kind != PERSON:
            named_ends.setdefault(end, (canonical or text, kind))
    for start, _, text, kind, _ in spans:
        named = next(((ends[(start - gap, kind)], kind) for gap in (1, 2, 3) if (start - gap, kind) in ends), None) \
            if text.isupper() else None
        if named is None and kind != PERSON:
            named = named_ends.get(start - 2) or named_ends.get(start - 1)  # "Dam (GERD)", "Dam(GERD)"
            named = named if named is not None and acronym_letters(text) in _spellings(named[0]) else None
        if named is not None and named[0] != text:
            links[text.upper()] = named
    spelled: dict[str, set[tuple[str, str]]] = {}  # initials -> the names they spell
    for _, _, text, kind, canonical in spans:
        name = canonical or text
        words = name.split()
        if kind != PERSON and len(words) > 2:
            spelled.setdefault(_initials(name), set()).add((name, kind))
            if words[0].isupper():  # "NSW State Emergency Service" is also the "SES"
                spelled.setdefault(_initials(" ".join(words[1:])), set()).add((name, kind))
    for _, _, text, kind, canonical in spans:
        # "The Advisory Committee on Immunization Practices, or ACIP, …": an acronym anywhere in the article
        # that spells one name of the article
        names = spelled.get(text.lower(), set())
        if text.isupper() and len(text) >= 3 and not canonical and text not in links and len(names) == 1:
            links[text] = next(iter(names))
    return links


def acronym_letters(text: str) -> str:
    """The initials an acronym spells, lower case: all its letters ("nbi" for "NBI", "busa" for "Busa"), or
    its capitals when it mixes cases ("edr" for "EDRi", "iis" for "IISc")."""
    return text.lower() if text.isupper() or text.istitle() else "".join(c for c in text if c.isupper()).lower()


def _initials(name: str) -> str:
    """The first letters of a name's capitalised words ("nbi" for "Nile Basin Initiative")."""
    return "".join(word[0].lower() for word in name.split() if word[:1].isupper())


def _spellings(name: str) -> tuple[str, str]:
    """The initials of a name's capitalised words, and of all its words ("aosis" for "Alliance of Small Island
    States", "dod" for "Department of Defense")."""
    return _initials(name), "".join(word[0].lower() for word in name.split() if word[:1].isalpha())


def _short_forms(spans: list[tuple[int, int, str, str, str]]) -> dict[str, str]:
    """Organizations named again by part of their name: "Nordlys" after "Nordlys Airways", "Supreme Court"
    after "Colorado Supreme Court", "Sixth Fleet" after "U.S. Sixth Fleet" (the one longer name of the
    article that starts or ends with the shorter one; acronyms are linked by :func:`_acronym_links`)."""
    names = {text: canonical or text for _, _, text, kind, canonical in spans if kind == ORGANIZATION}
    heads = res.org_heads()
    links = {}
    for text in names:
        if text.isupper() or names[text] != text:
            continue
        # "Manhyia Palace" is not "Manhyia Palace Museum": a name with a head word of its own is no short form
        # of a longer name that adds another
        headed = any(w.lower() in heads for w in text.split())
        longer = {names[n] for n in names if n.endswith(" " + text) or (
            n.startswith(text + " ") and not (headed and n.split()[-1].lower() in heads))}
        if len(longer) == 1:
            links[text] = next(iter(longer))
    return links


def event_key(kind: str, text: str) -> str:
    """Key of an event from its kind and the words that name it."""
    return f"{kind.lower()} {name_key(text, EVENT)}"


__all__ = ["ArticleEntities", "acronym_letters", "event_key", "fold", "name_key", "name_tokens", "resolve_mentions"]
