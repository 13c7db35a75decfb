"""Plain, frozen records that flow from ingest to the graph builder.

Data flows one way: text -> spaCy Doc -> these records -> RDF. Nothing here
knows about spaCy or rdflib, so the records are cheap to pickle between
worker processes and easy to build by hand in tests.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PERSON = "Person"
ORGANIZATION = "Organization"
PLACE = "Place"
MILITARY_BASE = "MilitaryBase"
EVENT = "Event"
ENTITY_TYPES = (PERSON, ORGANIZATION, PLACE, MILITARY_BASE, EVENT)


@dataclass(frozen=True)
class Source:
    """One article as read from disk and cleaned, before any NLP.

    ``text`` is the text that is stored; every offset in every later record
    points into it. ``headline`` is also the first line of ``text`` when the
    input format carries the headline inside the body (``.txt``).
    """

    identifier: str
    text: str
    headline: str = ""
    url: str | None = None
    published: dt.date | dt.datetime | None = None
    path: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimeExpression:
    """A date phrase in the text and, when it can be resolved, its date.

    ``value`` is the first day of the period ``precision`` names.
    """

    start: int
    end: int
    text: str
    value: dt.date | None = None
    precision: str = "day"  # "day", "month", "season" or "year"


@dataclass(frozen=True)
class Mention:
    """A span of the article that names an entity (``entity`` is its key)."""

    start: int
    end: int
    text: str
    entity: str


@dataclass(frozen=True)
class Entity:
    """An entity as one article knows it; ``key`` is stable across articles."""

    key: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    partial: bool = False


@dataclass(frozen=True)
class Quote:
    """A statement attributed (or not) to a speaker entity.

    ``start``/``end`` delimit ``text`` in the article; ``direct`` is false for
    reported speech. ``cue`` is the reporting verb as written, ``role`` the
    speaker's title at the time when the article gives it.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    direct: bool = True
    role: str | None = None
    co_speakers: tuple[str, ...] = ()  # further speakers of a statement made jointly ("Egypt and Qatar said")


@dataclass(frozen=True)
class Role:
    """``person`` held ``title`` (at ``org`` when known) as of the article."""

    person: str
    title: str
    org: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class EventRecord:
    """An event found by a trigger rule, with what its sentence says of it."""

    entity: str
    trigger: str
    start: int
    end: int
    date: dt.date | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleRecords:
    """Everything extracted from one article."""

    source: Source
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()
    events: tuple[EventRecord, ...] = ()
    times: tuple[TimeExpression, ...] = field(default=())
