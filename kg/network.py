"""The knowledge graph as a networkx graph: entities are nodes, their relations are edges.

:func:`entity_network` reads a :class:`~kg.store.Store` with a handful of
SPARQL queries (evaluated by Oxigraph) and returns a ``networkx.MultiDiGraph``
keyed by entity IRI, for the graph view of the web app and for notebooks.

Relations between entities (one edge per pair and relation, with a count):

==================  =========================================  ===============
relation            read from                                  count
==================  =========================================  ===============
``works_for``       ``schema:worksFor`` (person -> employer)   articles
``member_of``       ``schema:memberOf``                        articles
``participant``     ``nkg:participant`` (event -> taker)       articles
``took_place_at``   ``schema:location`` (event -> place)       articles
``said_about``      a quotation by the subject that            quotations
                    ``nkg:refersTo`` the object (names it)
``mentioned_with``  both named in one article (weak; opt in)   articles
==================  =========================================  ===============
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .errors import KGError
from .graph import TYPE_CLASSES
from .store import Store
from .vocab import ENTITIES_GRAPH, ITSRDF, NKG, SCHEMA, entity_id

TYPES = tuple(TYPE_CLASSES)
MAX_DEPTH = 3
DEFAULT_LIMIT = 1500
LABEL_LENGTH = 40


class UnknownEntity(KGError):
    """The store has no entity with this IRI."""


@dataclass(frozen=True)
class Relation:
    """A kind of edge: its human label and what its count counts."""

    label: str
    counts: str


RELATIONS = {
    "works_for": Relation("works for", "articles"),
    "member_of": Relation("member of", "articles"),
    "participant": Relation("participant", "articles"),
    "took_place_at": Relation("took place at", "articles"),
    "said_about": Relation("said something about", "quotations"),
    "mentioned_with": Relation("mentioned with", "articles"),
}
PROPERTIES = {
    "works_for": SCHEMA.worksFor,
    "member_of": SCHEMA.memberOf,
    "participant": NKG.participant,
    "took_place_at": SCHEMA.location,
}
_CLASS_TYPES = {str(classes[0]): name for name, classes in TYPE_CLASSES.items()}

# Each pattern binds ?s and ?o (the two entities) and ?x (what the count counts).
_PROPERTY_EDGES = ("VALUES (?p ?rel) { " + " ".join(f'(<{p}> "{r}")' for r, p in PROPERTIES.items()) + " } "
                   "GRAPH ?x { ?s ?p ?o }")
_COMENTION_EDGES = (f"?x <{SCHEMA.mentions}> ?s . ?x <{SCHEMA.mentions}> ?o . FILTER (STR(?s) < STR(?o)) "
                    'BIND ("mentioned_with" AS ?rel)')
_SAID_ABOUT_EDGES = (f"?x <{SCHEMA.creator}> ?s ; <{NKG.refersTo}> ?o . FILTER (?s != ?o) "
                     'BIND ("said_about" AS ?rel)')


def _values(variable: str, iris: Iterable[str] | None) -> str:
    """A VALUES clause binding ``variable`` to ``iris``; nothing (any value) for ``None``."""
    if iris is None:
        return ""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in sorted(iris))} }}"


def _around(pattern: str, frontier: set[str] | None) -> str:
    """``pattern`` as is (whole graph), or only where ?s or ?o is in ``frontier`` (bounded lookups)."""
    if frontier is None:
        return f"{{ {pattern} }}"
    return f"{{ {_values('s', frontier)} {pattern} }} UNION {{ {_values('o', frontier)} {pattern} }}"


def _edges(store: Store, frontier: set[str] | None, comentions: bool) -> dict[tuple[str, str, str], int]:
    """Edges touching ``frontier`` (every edge when ``None``): (subject, relation, object) -> count."""
    patterns = [_PROPERTY_EDGES, _SAID_ABOUT_EDGES] + ([_COMENTION_EDGES] if comentions else [])
    union = " UNION ".join(f"{{ SELECT ?s ?rel ?o (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {_around(p, frontier)} }} "
                           "GROUP BY ?s ?rel ?o }" for p in patterns)
    rows = store.query(f"SELECT ?s ?rel ?o ?n WHERE {{ {union} }}")
    edges = {(row["s"].value, row["rel"].value, row["o"].value): int(row["n"].value) for row in rows}
    return {edge: n for edge, n in edges.items() if entity_id(edge[0]) and entity_id(edge[2])}


def entity_edges(store: Store, entity_iri: str, comentions: bool = False) -> dict[tuple[str, str, str], int]:
    """The relations touching one entity, from one bounded query: (subject, relation, object) -> count."""
    return _edges(store, {entity_iri}, comentions)


def _entities(store: Store, iris: set[str] | None = None) -> dict[str, tuple[str, str]]:
    """Entities of the entities graph (all, or those in ``iris``): IRI -> (type, canonical name)."""
    rows = store.query(f"SELECT ?e ?class ?name WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ {_values('e', iris)} "
                       f"?e a ?class ; <{SCHEMA.name}> ?name }} }}")
    types: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for row in rows:
        iri = row["e"].value
        names[iri] = min(names.get(iri, row["name"].value), row["name"].value)
        if row["class"].value in _CLASS_TYPES:
            types[iri].add(_CLASS_TYPES[row["class"].value])
    return {iri: (max(types[iri], key=lambda t: len(TYPE_CLASSES[t])), name)
            for iri, name in names.items() if types[iri]}


def _counts(store: Store, iris: set[str] | None) -> dict[str, dict[str, int]]:
    """Mentions, articles and quotations of each entity (of those in ``iris``; all for ``None``)."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"mentions": 0, "articles": 0, "quotes": 0})
    values = _values("e", iris)
    rows = store.query(
        f"SELECT ?e ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{ "
        f'{{ {values} ?x <{ITSRDF.taIdentRef}> ?e BIND ("mentions" AS ?what) }} '
        f'UNION {{ {values} ?x <{SCHEMA.mentions}> ?e BIND ("articles" AS ?what) }} '
        f'UNION {{ {values} ?x <{SCHEMA.creator}> ?e ; a <{SCHEMA.Quotation}> BIND ("quotes" AS ?what) }} '
        "} GROUP BY ?e ?what")
    for row in rows:
        out[row["e"].value][row["what"].value] = int(row["n"].value)
    return out


def _roles(store: Store, iris: set[str] | None) -> dict[str, list[str]]:
    """Each person's roles as the articles state them ("Prime Minister (Iraq)"), one per title (``None``: all)."""
    rows = store.query(
        f"SELECT DISTINCT ?e ?title ?org WHERE {{ {_values('e', iris)} "
        f"?r a <{NKG.RoleStatement}> ; <{NKG.holder}> ?e ; <{SCHEMA.roleName}> ?title . "
        f"OPTIONAL {{ ?r <{NKG.organization}> ?o . GRAPH <{ENTITIES_GRAPH}> {{ ?o <{SCHEMA.name}> ?org }} }} }}")
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for row in sorted(rows, key=lambda r: (r["org"] is None, r["title"].value)):
        title, org = row["title"].value, row["org"]
        titles[row["e"].value].setdefault(title.casefold(), f"{title} ({org.value})" if org else title)
    return {iri: sorted(by_title.values(), key=str.casefold) for iri, by_title in titles.items()}


def _neighbourhood(store: Store, focus: str, depth: int, comentions: bool
                   ) -> tuple[dict[str, int], dict[tuple[str, str, str], int]]:
    """Entities within ``depth`` relations of ``focus`` (IRI -> distance) and the edges among them.

    One bounded query per level, plus one for the edges among the farthest entities.
    """
    distance = {focus: 0}
    found: dict[tuple[str, str, str], int] = {}
    frontier = {focus}
    for level in range(1, depth + 2):
        edges = _edges(store, frontier, comentions)
        found.update(edges)
        if level > depth:
            break
        frontier = {end for s, _, o in edges for end in (s, o)} - set(distance)
        distance.update(dict.fromkeys(frontier, level))
        if not frontier:
            break
    return distance, {edge: n for edge, n in found.items() if edge[0] in distance and edge[2] in distance}


def entity_network(store: Store, entity_iri: str | None = None, depth: int = 1, types: Iterable[str] | None = None,
                   limit: int = DEFAULT_LIMIT, comentions: bool = False) -> nx.MultiDiGraph:
    """The entities and their relations: the whole graph, or ``entity_iri``'s neighbourhood within ``depth``.

    Nodes are entity IRIs with attributes ``entity_id``, ``type``, ``name``,
    ``label`` (the name, shortened), ``roles``, ``mentions``, ``articles``,
    ``quotes``, ``degree`` (distinct neighbours shown) and ``distance`` (from
    the focus entity; 0 in the whole graph). Edges are keyed by relation (see
    :data:`RELATIONS`) with attributes ``relation``, ``label``, ``count`` and
    ``counts`` (what is counted). ``types`` keeps only entities of those types
    (the focus entity always stays); ``comentions`` adds the weak "mentioned
    with" edges. Beyond ``limit`` entities, the nearest and then best-connected
    are kept; the graph's attributes ``total`` and ``truncated`` say so.
    Raises :class:`UnknownEntity` for an IRI the store does not describe.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise KGError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    unknown = set(types or ()) - set(TYPES)
    if unknown:
        raise KGError(f"unknown entity type {min(unknown)!r}; choose from {', '.join(TYPES)}")
    if entity_iri is None:
        entities = _entities(store)
        distance = dict.fromkeys(entities, 0)
        edges = _edges(store, None, comentions)
    else:
        if not _entities(store, {entity_iri}):
            raise UnknownEntity(f"no entity {entity_iri}")
        distance, edges = _neighbourhood(store, entity_iri, depth, comentions)
        entities = _entities(store, set(distance))
    wanted = set(types or TYPES)
    graph = nx.MultiDiGraph(focus=entity_iri, depth=depth if entity_iri else None)
    graph.add_nodes_from(iri for iri, (kind, _) in entities.items() if kind in wanted or iri == entity_iri)
    graph.add_edges_from((s, o, rel, {"relation": rel, "label": RELATIONS[rel].label, "count": n,
                                      "counts": RELATIONS[rel].counts})
                         for (s, rel, o), n in edges.items() if s in graph and o in graph)
    graph.graph["total"] = graph.number_of_nodes()
    graph.graph["truncated"] = graph.number_of_nodes() > limit
    if graph.graph["truncated"]:
        kept = sorted(graph, key=lambda iri: (distance[iri], -len(set(nx.all_neighbors(graph, iri))), iri))[:limit]
        graph.remove_nodes_from(set(graph) - set(kept))
    _describe(store, graph, entities, distance)
    return graph


def _describe(store: Store, graph: nx.MultiDiGraph, entities: dict[str, tuple[str, str]],
              distance: dict[str, int]) -> None:
    """Set the node attributes of the entities kept (counted all at once for the whole graph: faster)."""
    counted = set(graph) if graph.graph["focus"] else None
    counts, roles = _counts(store, counted), _roles(store, counted)
    for iri in graph:
        kind, name = entities[iri]
        label = name if len(name) <= LABEL_LENGTH else name[:LABEL_LENGTH - 1].rstrip() + "…"
        graph.nodes[iri].update(entity_id=entity_id(iri), type=kind, name=name, label=label,
                                roles=roles.get(iri, []), degree=len(set(nx.all_neighbors(graph, iri))),
                                distance=distance[iri], **counts[iri])


__all__ = ["DEFAULT_LIMIT", "MAX_DEPTH", "RELATIONS", "TYPES", "UnknownEntity", "entity_edges", "entity_network"]
