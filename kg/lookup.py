"""The read model behind the JSON API and the pages: entities, quotations and articles of a store.

Every function takes a :class:`~kg.store.Store` and returns plain dataclasses
(no web framework here). Lookups start from bound terms, so Oxigraph answers
them from its indexes: entity and article IRIs and exact name literals or
resolution keys (``nkg:key``) in ``VALUES`` blocks, an article's own named
graph. Two lookups read more than that, on purpose:

* :func:`search_entities` filters every ``schema:name``, ``schema:alternateName``
  and ``nkg:key`` of the entities graph (one pass over that graph's names, never
  over article text); its cost grows with the number of distinct entities.
* :func:`quotes` without any filter, and :func:`top_speakers`, read every
  quotation (ordered, counted); the filters (speaker, about, article) are bound.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import pyoxigraph as ox

from .graph import TYPE_CLASSES
from .network import entity_edges
from .records import PERSON
from .resolve import fold, name_key
from .store import Store
from .vocab import (
    ENTITIES_GRAPH,
    OWL,
    PREFIXES,
    RDF,
    SCHEMA,
    STATEMENTS_GRAPH,
    article_graph_iri,
    article_iri,
    entity_id,
    iri_of_entity_id,
    quote_position,
)

TYPES = tuple(TYPE_CLASSES)  # Person, Organization, Place, MilitaryBase, Event
NEAR = 100  # characters: a mention this close to a quotation counts as "about" (see QuoteFilter)
DETAIL_QUOTES = 100  # quotations listed in an entity's detail (all of them: quotes(speakers=...))
DETAIL_ARTICLES = 100  # articles listed in an entity's detail
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_CLASS_TYPES = {str(classes[0]): name for name, classes in TYPE_CLASSES.items()}

T = TypeVar("T")


# --- what the lookups return ------------------------------------------------------------------------------

@dataclass(frozen=True)
class EntityRef:
    """An entity as other records point to it: short id, IRI, canonical name, most specific type."""

    id: str
    iri: str
    name: str
    type: str


@dataclass(frozen=True)
class Entity(EntityRef):
    """An entity's description in the entities graph: every type, other names, Wikidata links."""

    types: tuple[str, ...] = ()
    alternate_names: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()

    def ref(self) -> EntityRef:
        """The entity as a plain reference."""
        return EntityRef(self.id, self.iri, self.name, self.type)


@dataclass(frozen=True)
class ArticleRef:
    """An article as other records point to it; ``date`` is its ``schema:datePublished`` (ISO) if known."""

    id: str
    iri: str
    headline: str
    url: str | None
    date: str | None


@dataclass(frozen=True)
class StatementRef:
    """The statement a quotation reports: the same words across ``source_count`` articles."""

    iri: str
    text: str
    source_count: int


@dataclass(frozen=True)
class Quote:
    """One quotation in one article, with its character offsets into the article's text."""

    iri: str
    text: str
    direct: bool
    cue: str | None
    speaker: EntityRef | None
    speaker_role: str | None
    begin: int
    end: int
    article: ArticleRef
    statement: StatementRef | None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer result: ``total`` items in all, these start at ``offset``."""

    items: list[T]
    total: int
    offset: int
    limit: int | None

    @property
    def has_next(self) -> bool:
        """Whether items follow this page."""
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotations :func:`quotes` returns; every condition given must hold.

    ``speakers``: entity IRIs, one of which said it. ``about``: entity IRIs, one
    of which is mentioned in or near (within :data:`NEAR` characters of) the
    quotation or of another report of the same statement. ``article``: an
    article IRI. ``date_from``/``date_to``: inclusive bounds on the article's
    publication date (articles without one are left out when a bound is given).
    An empty tuple matches nothing; ``None`` does not filter.
    """

    speakers: tuple[str, ...] | None = None
    about: tuple[str, ...] | None = None
    article: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Role:
    """What one article says a person's role was."""

    title: str
    organization: EntityRef | None
    article: ArticleRef
    date: str | None


@dataclass(frozen=True)
class Neighbour:
    """An entity related to another: the relation, its direction and how often it is stated.

    ``direction`` is ``out`` when the entity looked at is the subject (it works
    for the neighbour), ``in`` when the neighbour is. ``count`` counts articles,
    or quotations for ``said_about``.
    """

    entity: EntityRef
    relation: str
    direction: str
    count: int


@dataclass(frozen=True)
class ArticleMentions:
    """An article that mentions an entity: how often and with which words."""

    article: ArticleRef
    count: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class EntityDetail:
    """Everything the store says about one entity."""

    entity: Entity
    roles: list[Role]
    quotes: Page[Quote]
    articles: Page[ArticleMentions]
    neighbours: list[Neighbour]


@dataclass(frozen=True)
class Mention:
    """A span of an article's text that names an entity."""

    begin: int
    end: int
    text: str
    entity: EntityRef


@dataclass(frozen=True)
class ArticleEntity:
    """An entity an article mentions, and how often."""

    entity: EntityRef
    mentions: int


@dataclass(frozen=True)
class ArticleDetail:
    """One article: its text, the entities it names (with offsets) and its quotations."""

    article: ArticleRef
    text: str
    source_file: str | None
    entities: list[ArticleEntity]
    mentions: list[Mention]
    quotes: list[Quote]


@dataclass(frozen=True)
class StatementGroup:
    """Quotations that report one statement (every source), or one quotation without a statement."""

    statement: StatementRef | None
    quotes: list[Quote]


@dataclass(frozen=True)
class Speaker:
    """An entity and the number of quotations attributed to it."""

    entity: EntityRef
    quotes: int


# --- SPARQL helpers ---------------------------------------------------------------------------------------

def _iri(value: str) -> str:
    """A SPARQL IRI term; ``ValueError`` when ``value`` is not a valid IRI (nothing is ever spliced in raw)."""
    return str(ox.NamedNode(value))


def _literal(value: str) -> str:
    """A SPARQL string literal, escaped."""
    return str(ox.Literal(value))


def _values(variable: str, terms: Iterable[str]) -> str:
    """``VALUES ?variable { ... }`` over already rendered terms."""
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"


def _select(store: Store, query: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT query (union default graph) with each term's lexical value, ``None`` when unbound."""
    result = store.query(query, prefixes=_PREFIXES)
    names = [variable.value for variable in result.variables]
    # a solution's terms by position: looking each one up by name costs as much as evaluating the query
    return [dict(zip(names, [term.value if term is not None else None for term in row])) for row in result]


def _valid_iris(iris: Iterable[str]) -> list[str]:
    """The IRIs rendered as SPARQL terms, leaving out any that is not a valid IRI."""
    out = []
    for iri in sorted(set(iris)):
        try:
            out.append(_iri(iri))
        except ValueError:
            continue
    return out


# --- entities ---------------------------------------------------------------------------------------------

def _entity_type(classes: set[str]) -> tuple[str, tuple[str, ...]]:
    """The most specific type of an entity and all its types, from its ``rdf:type`` classes."""
    types = tuple(name for name in TYPES if str(TYPE_CLASSES[name][0]) in classes)
    specific = [name for name in types if {str(c) for c in TYPE_CLASSES[name]} <= classes]
    return (max(specific, key=lambda name: len(TYPE_CLASSES[name])) if specific else "Thing"), types


_DESCRIBING = {str(RDF.type), str(SCHEMA.name), str(SCHEMA.alternateName), str(OWL.sameAs)}


def entities(store: Store, iris: Iterable[str]) -> dict[str, Entity]:
    """The entities-graph descriptions of these entity IRIs (unknown ones are left out)."""
    terms = _valid_iris(iris)
    if not terms:
        return {}
    # every property, kept here: a VALUES of properties makes Oxigraph's lookups several times slower
    rows = _select(store, f"SELECT ?e ?p ?o WHERE {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ {_values('e', terms)} "
                          "?e ?p ?o } }")
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        if row["p"] in _DESCRIBING:
            facts[row["e"]][row["p"]].add(row["o"])
    out = {}
    for iri, by_property in facts.items():
        names = by_property[str(SCHEMA.name)]
        short = entity_id(iri)
        if not names or short is None:
            continue
        kind, types = _entity_type(by_property[str(RDF.type)])
        name = min(names)
        out[iri] = Entity(short, iri, name, kind, types,
                          tuple(sorted(by_property[str(SCHEMA.alternateName)] - {name}, key=lambda n: (fold(n), n))),
                          tuple(sorted(by_property[str(OWL.sameAs)])))
    return out


def _refs(store: Store, iris: Iterable[str]) -> dict[str, EntityRef]:
    return {iri: entity.ref() for iri, entity in entities(store, iris).items()}


def entity_by_id(store: Store, identifier: str) -> Entity | None:
    """The entity with this short id (``person/muhamad-shia-sudani-04f3ca2d85``), or ``None``."""
    iri = iri_of_entity_id(identifier)
    return entities(store, [iri]).get(iri) if iri else None


def entities_named(store: Store, name: str) -> list[str]:
    """IRIs of the entities called ``name``, however it is spelled.

    An entity matches when ``name`` is exactly its ``schema:name`` or one of its
    ``schema:alternateName`` values, or when ``name`` has one of its resolution
    keys for the entity's type (``kg.resolve.name_key``: case, accents, particles
    and transliteration variants do not matter). When nothing matches, a
    one-word name is tried as a person's family name (``nkg:surnameKey``).
    """
    name = name.strip()
    if not name:
        return []
    keys = {f"{kind}:{key}" for kind in TYPES if (key := name_key(name, kind))}
    found = _select(store, f"SELECT DISTINCT ?e WHERE {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ "
                           f"{{ {_values('n', [_literal(name)])} ?e schema:name|schema:alternateName ?n }} "
                           f"UNION {{ {_values('k', map(_literal, sorted(keys)))} ?e nkg:key ?k }} }} }}")
    surname = name_key(name, PERSON)
    if not found and surname and " " not in surname:
        found = _select(store, f"SELECT DISTINCT ?e WHERE {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ "
                               f"?e nkg:surnameKey {_literal(surname)} }} }}")
    return sorted(row["e"] for row in found)


def resolve_entities(store: Store, text: str) -> list[str]:
    """IRIs of the entities ``text`` stands for: an entity's short id, or any of its names (:func:`entities_named`)."""
    iri = iri_of_entity_id(text.strip())
    if iri and entities(store, [iri]):
        return [iri]
    return entities_named(store, text)


_RANKS = {("name", True): 0, ("alias", True): 1, ("name", False): 2, ("alias", False): 3, ("key", False): 4}
_WORD_RANK = 5


def search_entities(store: Store, text: str = "", entity_type: str | None = None,
                    limit: int | None = None, offset: int = 0) -> Page[Entity]:
    """Entities whose name, or a word of it, starts with ``text`` (any case), best matches first.

    Also matched: an alternate name (alias), and a resolution key that starts
    with the key of ``text`` (so accents and spelling variants do not matter).
    Exact names come first, then prefixes of the canonical name, of an alias,
    of a key, then names with a word that starts with ``text``; ties by name.
    Empty ``text`` lists every entity (by name). ``entity_type`` (one of
    :data:`TYPES`) keeps entities of that type; ``Place`` includes military
    bases. Cost: one filter over the entities graph's names (see module doc).
    """
    if entity_type is not None and entity_type not in TYPES:
        raise ValueError(f"unknown entity type {entity_type!r}")
    wanted = f"?e a {_iri(str(TYPE_CLASSES[entity_type][0]))} ." if entity_type else ""
    text = " ".join(text.split()).lower()
    if not text:
        pattern = 'BIND ("name" AS ?how) BIND (?name AS ?label)'
    else:
        needle = _literal(text)
        kinds = [entity_type] if entity_type else TYPES
        key_prefixes = [_literal(f"{kind}:{key}") for kind in kinds if (key := name_key(text, kind))]
        key_filter = " || ".join(f"STRSTARTS(?label, {prefix})" for prefix in key_prefixes) or "false"
        pattern = (f'{{ ?e schema:name ?label BIND ("name" AS ?how) }} '
                   f'UNION {{ ?e schema:alternateName ?label BIND ("alias" AS ?how) }} '
                   f'UNION {{ ?e nkg:key ?label BIND ("key" AS ?how) }} '
                   f'BIND (LCASE(?label) AS ?lower) '
                   f'FILTER (IF(?how = "key", {key_filter}, STRSTARTS(?lower, {needle}) '
                   f'|| CONTAINS(?lower, CONCAT(" ", {needle})) || CONTAINS(?lower, CONCAT("-", {needle}))))')
    rows = _select(store, f"SELECT ?e ?name ?label ?how WHERE {{ GRAPH {_iri(ENTITIES_GRAPH)} {{ "
                          f"?e schema:name ?name . {wanted} {pattern} }} }}")
    best: dict[str, tuple[int, str, str]] = {}
    for row in rows:
        label = row["label"].lower()
        if row["how"] == "key" or label.startswith(text):
            rank = _RANKS[(row["how"], row["how"] != "key" and label == text)]
        else:
            rank = _WORD_RANK
        best[row["e"]] = min(best.get(row["e"], (rank, fold(row["name"]), row["e"])), (rank, fold(row["name"]), row["e"]))
    ordered = [iri for _, _, iri in sorted(best.values())]
    chosen = ordered[offset:offset + limit] if limit is not None else ordered[offset:]
    found = entities(store, chosen)
    return Page([found[iri] for iri in chosen if iri in found], len(ordered), offset, limit)


# --- articles ---------------------------------------------------------------------------------------------

def articles(store: Store, iris: Iterable[str]) -> dict[str, ArticleRef]:
    """References to these article IRIs (unknown ones are left out)."""
    terms = _valid_iris(iris)
    if not terms:
        return {}
    rows = _select(store, f"SELECT ?a ?id ?headline ?url ?date WHERE {{ {_values('a', terms)} "
                          "?a a schema:NewsArticle ; schema:identifier ?id . "
                          "OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:url ?url } "
                          "OPTIONAL { ?a schema:datePublished ?date } }")
    return {row["a"]: ArticleRef(row["id"], row["a"], row["headline"] or "", row["url"], row["date"])
            for row in rows}


def article(store: Store, identifier: str) -> ArticleDetail | None:
    """The article with this ``schema:identifier``: text, mentions (by offset), entities and quotations."""
    iri = article_iri(identifier)
    ref = articles(store, [iri]).get(iri)
    if ref is None:
        return None
    graph = _iri(article_graph_iri(identifier))
    node = _iri(iri)
    about = _select(store, f"SELECT ?text ?file WHERE {{ GRAPH {graph} {{ {node} nif:isString ?text . "
                           f"OPTIONAL {{ {node} nkg:sourceFile ?file }} }} }}")
    rows = _select(store, f"SELECT ?b ?e ?x ?t WHERE {{ GRAPH {graph} {{ ?m a nkg:Mention ; nif:referenceContext {node} ; "
                          "nif:beginIndex ?b ; nif:endIndex ?e ; itsrdf:taIdentRef ?x ; nif:anchorOf ?t } }")
    refs = _refs(store, {row["x"] for row in rows})
    mentions = sorted((Mention(int(row["b"]), int(row["e"]), row["t"], refs[row["x"]]) for row in rows
                       if row["x"] in refs), key=lambda m: (m.begin, -m.end, m.entity.iri))
    counts = Counter(mention.entity for mention in mentions)
    named = [ArticleEntity(entity, n) for entity, n in sorted(counts.items(), key=lambda e: (-e[1], fold(e[0].name)))]
    return ArticleDetail(ref, about[0]["text"] if about else "", about[0]["file"] if about else None, named,
                         mentions, quotes(store, QuoteFilter(article=iri)).items)


# --- quotations -------------------------------------------------------------------------------------------

def _quote_pattern(conditions: QuoteFilter) -> str | None:
    """The graph pattern binding ?q (and, to filter by them, ?a, its article) for a filter; ``None`` when
    nothing can match."""
    parts = []
    if conditions.article is not None:
        terms = _valid_iris([conditions.article])
        if not terms:
            return None
        parts.append(_values("a", terms))
    if conditions.speakers is not None:
        terms = _valid_iris(conditions.speakers)
        if not terms:
            return None
        parts.append(f"{_values('speaker', terms)} ?q schema:creator ?speaker .")
    if conditions.about is not None:
        terms = _valid_iris(conditions.about)
        if not terms:
            return None
        parts.append(f"{_values('about', terms)} ?m itsrdf:taIdentRef ?about ; nif:referenceContext ?ctx ; "
                     "nif:beginIndex ?mb ; nif:endIndex ?me . "
                     "?near schema:isPartOf ?ctx ; nif:beginIndex ?nb ; nif:endIndex ?ne . "
                     f"FILTER (?mb < ?ne + {NEAR} && ?me > ?nb - {NEAR}) "
                     "?near (nkg:statement/nkg:quotation)? ?q .")
    parts.append("?q a schema:Quotation .")
    bounds = [f'SUBSTR(STR(?published), 1, 10) {op} "{day.isoformat()}"'
              for op, day in ((">=", conditions.date_from), ("<=", conditions.date_to)) if day is not None]
    if conditions.article is not None or bounds:
        parts.append("?q schema:isPartOf ?a .")
    if bounds:
        parts.append(f"?a schema:datePublished ?published . FILTER ({' && '.join(bounds)})")
    return " ".join(parts)


def quotes(store: Store, conditions: QuoteFilter = QuoteFilter(), limit: int | None = None,
           offset: int = 0) -> Page[Quote]:
    """Quotations matching ``conditions``: newest articles first, then by article id and position.

    One query finds every match; a quotation's IRI names its article and start
    (:func:`kg.vocab.quote_position`), the articles' references give the rest of
    the order, and the count and the page come from those rows.
    """
    pattern = _quote_pattern(conditions)
    if pattern is None:
        return Page([], 0, offset, limit)
    matches = {row["q"] for row in _select(store, f"SELECT DISTINCT ?q WHERE {{ {pattern} }}")}
    positions = {iri: position for iri in matches if (position := quote_position(iri)) is not None}
    sources = articles(store, {article for article, _ in positions.values()})
    found = sorted(((sources[article], start, iri) for iri, (article, start) in positions.items() if article in sources),
                   key=lambda item: (item[0].id, item[1], item[2]))
    found.sort(key=lambda item: item[0].date or "", reverse=True)  # stable: unknown dates last
    window = found[offset:offset + limit] if limit is not None else found[offset:]
    return Page(quotes_by_iri(store, [iri for _, _, iri in window], sources), len(matches), offset, limit)


def quotes_by_iri(store: Store, iris: list[str], sources: dict[str, ArticleRef] | None = None) -> list[Quote]:
    """The quotations with these IRIs, in the order given (unknown ones are left out).

    ``sources``: references to (at least) their articles, when the caller has them already.
    """
    terms = _valid_iris(iris)
    if not terms:
        return []
    rows = _select(store, f"SELECT ?q ?text ?direct ?cue ?speaker ?role ?b ?e ?a WHERE {{ "
                          f"{_values('q', terms)} ?q a schema:Quotation ; schema:text ?text ; schema:isPartOf ?a ; "
                          "nif:beginIndex ?b ; nif:endIndex ?e . OPTIONAL { ?q nkg:direct ?direct } "
                          "OPTIONAL { ?q nkg:cue ?cue } OPTIONAL { ?q schema:creator ?speaker } "
                          "OPTIONAL { ?q nkg:speakerRole ?role } }")
    # the statements on their own: inside an OPTIONAL, Oxigraph would read every statement first
    reported = _select(store, f"SELECT ?q ?st ?rep ?count WHERE {{ {_values('q', terms)} "
                              f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q nkg:statement ?st . "
                              "?st nkg:representativeText ?rep ; nkg:sourceCount ?count } }")
    statements: dict[str, dict[str, str | None]] = {}
    for row in reported:
        statements.setdefault(row["q"], row)
    by_iri: dict[str, dict[str, str | None]] = {}
    for row in rows:
        by_iri.setdefault(row["q"], {"st": None, "rep": None, "count": None, **row, **statements.get(row["q"], {})})
    speakers = _refs(store, {row["speaker"] for row in by_iri.values() if row["speaker"]})
    if sources is None:
        sources = articles(store, {row["a"] for row in by_iri.values()})
    out = []
    for iri in iris:
        row = by_iri.get(iri)
        if row is None or row["a"] not in sources:
            continue
        statement = StatementRef(row["st"], row["rep"], int(row["count"])) if row["st"] else None
        out.append(Quote(iri, row["text"], row["direct"] == "true", row["cue"], speakers.get(row["speaker"] or ""),
                         row["role"], int(row["b"]), int(row["e"]), sources[row["a"]], statement))
    return out


def statement_groups(store: Store, quotations: list[Quote]) -> list[StatementGroup]:
    """The statements these quotations report, each with every quotation (source) that reports it.

    Quotations without a statement form a group of their own. Groups keep the
    order of their first quotation in ``quotations``.
    """
    statements = {quote.statement.iri: quote.statement for quote in quotations if quote.statement}
    members: dict[str, list[str]] = defaultdict(list)
    if statements:
        rows = _select(store, f"SELECT ?st ?q WHERE {{ GRAPH {_iri(STATEMENTS_GRAPH)} {{ "
                              f"{_values('st', _valid_iris(statements))} ?st nkg:quotation ?q }} }}")
        for row in rows:
            members[row["st"]].append(row["q"])
    everything = {quote.iri: quote for quote in quotes_by_iri(store, sorted({q for qs in members.values() for q in qs}))}
    groups: dict[str, StatementGroup] = {}
    for quote in quotations:
        if quote.statement is None:
            groups[quote.iri] = StatementGroup(None, [quote])
        elif quote.statement.iri not in groups:
            reports = [everything[q] for q in members[quote.statement.iri] if q in everything]
            reports.sort(key=lambda q: (-_sortable(q.article.date), q.article.id, q.begin))
            groups[quote.statement.iri] = StatementGroup(quote.statement, reports or [quote])
    return list(groups.values())


def _sortable(date: str | None) -> int:
    """A date string as a number that sorts like it (``YYYYMMDD``; 0 when unknown)."""
    return int(date[:10].replace("-", "")) if date and date[:10].replace("-", "").isdigit() else 0


def top_speakers(store: Store, count: int = 10) -> list[Speaker]:
    """The entities with the most quotations attributed to them, most first."""
    rows = _select(store, "SELECT ?s (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a schema:Quotation ; schema:creator ?s } "
                          f"GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT {int(count)}")
    refs = _refs(store, {row["s"] for row in rows})
    return [Speaker(refs[row["s"]], int(row["n"])) for row in rows if row["s"] in refs]


# --- one entity -------------------------------------------------------------------------------------------

def _roles(store: Store, iri: str) -> list[Role]:
    rows = _select(store, f"SELECT ?title ?org ?a ?date WHERE {{ ?r nkg:holder {_iri(iri)} ; a nkg:RoleStatement ; "
                          "schema:roleName ?title ; prov:wasDerivedFrom ?a . OPTIONAL { ?r nkg:organization ?org } "
                          "OPTIONAL { ?r nkg:asOf ?date } }")
    orgs = _refs(store, {row["org"] for row in rows if row["org"]})
    sources = articles(store, {row["a"] for row in rows})
    roles = {Role(row["title"], orgs.get(row["org"] or ""), sources[row["a"]], row["date"])
             for row in rows if row["a"] in sources}  # one per title, organization and article
    return sorted(roles, key=lambda r: (-_sortable(r.date), r.article.id, r.title,
                                        r.organization.name if r.organization else ""))


def _mentioning_articles(store: Store, iri: str, limit: int) -> Page[ArticleMentions]:
    rows = _select(store, f"SELECT ?a ?form (COUNT(?m) AS ?n) WHERE {{ ?m itsrdf:taIdentRef {_iri(iri)} ; "
                          "nif:referenceContext ?a ; nif:anchorOf ?form } GROUP BY ?a ?form")
    forms: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        forms[row["a"]][row["form"]] += int(row["n"])
    sources = articles(store, forms)
    found = [ArticleMentions(sources[a], sum(counter.values()), tuple(sorted(counter, key=lambda f: (-counter[f], f))))
             for a, counter in forms.items() if a in sources]
    found.sort(key=lambda m: (-_sortable(m.article.date), m.article.id))
    return Page(found[:limit], len(found), 0, limit)


def _neighbours(store: Store, iri: str) -> list[Neighbour]:
    """Entities one relation away from ``iri`` (the relations of :mod:`kg.network`, with their counts)."""
    edges = [(o, relation, "out", count) if s == iri else (s, relation, "in", count)
             for (s, relation, o), count in entity_edges(store, iri).items() if s != o]
    refs = _refs(store, {other for other, _, _, _ in edges})
    found = [Neighbour(refs[other], relation, direction, count) for other, relation, direction, count in edges
             if other in refs]
    return sorted(found, key=lambda n: (-n.count, n.relation, n.direction, fold(n.entity.name), n.entity.iri))


def entity(store: Store, identifier: str) -> EntityDetail | None:
    """The entity with this short id: names, types, roles, quotations, mentioning articles, neighbours."""
    described = entity_by_id(store, identifier)
    if described is None:
        return None
    iri = described.iri
    return EntityDetail(described, _roles(store, iri), quotes(store, QuoteFilter(speakers=(iri,)), DETAIL_QUOTES),
                        _mentioning_articles(store, iri, DETAIL_ARTICLES), _neighbours(store, iri))


__all__ = [
    "NEAR",
    "TYPES",
    "ArticleDetail",
    "ArticleEntity",
    "ArticleMentions",
    "ArticleRef",
    "Entity",
    "EntityDetail",
    "EntityRef",
    "Mention",
    "Neighbour",
    "Page",
    "Quote",
    "QuoteFilter",
    "Role",
    "Speaker",
    "StatementGroup",
    "StatementRef",
    "article",
    "articles",
    "entities",
    "entities_named",
    "entity",
    "entity_by_id",
    "quotes",
    "quotes_by_iri",
    "resolve_entities",
    "search_entities",
    "statement_groups",
    "top_speakers",
]
