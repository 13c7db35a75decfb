"""The dataset description: VoID and DCAT, computed from the store with SPARQL.

The description names the dataset ``<https://w3id.org/newskg/id/dataset>``
and says what it holds: counts of triples, entities, classes and properties
(one partition per class and per property, each with its count), the
vocabularies used, an example of each main kind of resource, its licence
(CC0), and one subset per named graph with its own count; an article's
subset names the article's source (its ``schema:url``, else its file name)
as ``dcterms:source`` (and a URL also as ``prov:wasDerivedFrom``).

Every count is a SPARQL aggregate evaluated by Oxigraph over the store's
named graphs. Triples are counted once however many graphs hold them (as in
the union the triple formats export); the description does not count itself.
Exports write it into its own named graph, :data:`VOID_GRAPH`. A file does
not know where it will be served, so an export names no SPARQL endpoint; the
web app passes its own endpoint URL. No blank nodes: every node has an IRI
below the dataset's, so the description is the same for the same store.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import pyoxigraph as ox

from .vocab import BASE, ENTITIES_GRAPH, NKG, ONTOLOGY_GRAPH, PREFIXES, PROV, RDF, SCHEMA, STATEMENTS_GRAPH, slug

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
DATASET = BASE + "dataset"
VOID_GRAPH = BASE + "graph/void"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
DESCRIPTION_PREFIXES = {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS}
# The kinds of resource the description gives an example of.
EXAMPLE_CLASSES = (SCHEMA.NewsArticle, SCHEMA.Quotation, NKG.Statement, SCHEMA.Person, SCHEMA.Organization,
                   SCHEMA.Place, SCHEMA.Event)
TITLE = "News knowledge graph: who said what"
ABOUT = ("People, organizations, places, military bases and events named in news articles, what each article "
         "quoted them as saying, and the roles the articles gave them, with the character offsets of every "
         "mention and quotation in the article's text.")
NO_ENDPOINT = ("This description was written into a file, which does not know where it will be served, so it "
               "names no SPARQL endpoint; `kg serve` publishes the same description with its endpoint at "
               "/.well-known/void.")
GRAPH_TITLES = {
    ENTITIES_GRAPH: "Entities: one description per entity (type, names, resolution keys, Wikidata link)",
    STATEMENTS_GRAPH: "Statements: the same words by the same speaker, grouped across articles",
    ONTOLOGY_GRAPH: "The project's vocabulary (classes and properties added to schema.org, PROV-O and NIF)",
}
_COMPACT = sorted(((str(ns), prefix) for prefix, ns in {**PREFIXES, **DESCRIPTION_PREFIXES}.items()),
                  key=lambda pair: -len(pair[0]))


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n("http://www.w3.org/2001/XMLSchema#integer"))


def _english(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _partition_iri(kind: str, iri: str) -> str:
    """``…/id/dataset/class/schema-Person``: a readable, stable IRI for the partition of ``iri``."""
    for namespace, prefix in _COMPACT:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and slug(local, 64) == local.lower():
            return f"{DATASET}/{kind}/{prefix}-{local}"
    return f"{DATASET}/{kind}/{slug(iri) or 'x'}-{hashlib.sha1(iri.encode('utf-8')).hexdigest()[:10]}"


def _rows(db: ox.Store, query: str) -> list[ox.QuerySolution]:
    return list(db.query(query))


def _totals(db: ox.Store, properties: list[ox.QuerySolution]) -> list[tuple[str, int]]:
    """Counts over the distinct triples of all named graphs (the triples: the property partitions' sum),
    and the number of entities."""
    row = _rows(db, "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
                    "WHERE { GRAPH ?g { ?s ?p ?o } }")[0]
    entities = _rows(db, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?c }} }}")[0]
    return [("triples", sum(int(p["n"].value) for p in properties)), ("entities", int(entities["n"].value)),
            ("distinctSubjects", int(row["subjects"].value)), ("distinctObjects", int(row["objects"].value))]


def _class_and_property_counts(db: ox.Store) -> tuple[list[ox.QuerySolution], list[ox.QuerySolution]]:
    """Instances per class and (distinct) triples per property, in IRI order."""
    classes = _rows(db, f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{RDF.type}> ?c }} }} "
                        "GROUP BY ?c ORDER BY STR(?c)")
    properties = _rows(db, "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } } "
                           "GROUP BY ?p ORDER BY STR(?p)")
    return classes, properties


def _partitions(dataset: ox.NamedNode, classes: list[ox.QuerySolution],
                properties: list[ox.QuerySolution]) -> list[ox.Triple]:
    """One class partition (instances) per class and one property partition (triples) per property."""
    triples = [ox.Triple(dataset, _n(VOID + "classes"), _integer(len(classes))),
               ox.Triple(dataset, _n(VOID + "properties"), _integer(len(properties)))]
    for rows, kind, link, member, count in ((classes, "class", "classPartition", "class", "entities"),
                                            (properties, "property", "propertyPartition", "property", "triples")):
        for row in rows:
            node = _n(_partition_iri(kind, row[0].value))
            triples += [ox.Triple(dataset, _n(VOID + link), node),
                        ox.Triple(node, _n(VOID + member), row[0]),
                        ox.Triple(node, _n(VOID + count), _integer(int(row["n"].value)))]
    return triples


def _vocabularies(terms: list[ox.QuerySolution]) -> list[ox.NamedNode]:
    """The namespaces of every property and class used (the IRI up to its last ``#`` or ``/``), from the
    partitions' rows."""
    namespaces = {re.sub(r"[^#/]+$", "", row[0].value) for row in terms if isinstance(row[0], ox.NamedNode)}
    return [_n(namespace) for namespace in sorted(namespaces) if urlsplit(namespace).scheme]


def _examples(db: ox.Store) -> list[ox.NamedNode]:
    """The first resource (in IRI order) of each of :data:`EXAMPLE_CLASSES` the store holds."""
    values = " ".join(f"<{cls}>" for cls in EXAMPLE_CLASSES)
    rows = _rows(db, f"SELECT ?c (MIN(STR(?s)) AS ?example) WHERE {{ VALUES ?c {{ {values} }} "
                     f"GRAPH ?g {{ ?s <{RDF.type}> ?c }} FILTER (isIRI(?s)) }} GROUP BY ?c")
    found = {row["c"].value: row["example"].value for row in rows}
    return [_n(found[str(cls)]) for cls in EXAMPLE_CLASSES if str(cls) in found]


def _subsets(db: ox.Store, dataset: ox.NamedNode) -> list[ox.Triple]:
    """One subset per named graph with its triple count; an article's also names its article and source."""
    counts = _rows(db, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY STR(?g)")
    sources = {row["g"].value: row for row in _rows(
        db, f"SELECT ?g ?article ?url ?file WHERE {{ GRAPH ?g {{ ?article a <{SCHEMA.NewsArticle}> "
            f"OPTIONAL {{ ?article <{SCHEMA.url}> ?url }} OPTIONAL {{ ?article <{NKG.sourceFile}> ?file }} }} }}")}
    triples = []
    for row in counts:
        graph = row["g"]
        triples += [ox.Triple(dataset, _n(VOID + "subset"), graph),
                    ox.Triple(graph, _n(str(RDF.type)), _n(VOID + "Dataset")),
                    ox.Triple(graph, _n(VOID + "triples"), _integer(int(row["n"].value)))]
        if graph.value in GRAPH_TITLES:
            triples.append(ox.Triple(graph, _n(DCTERMS + "title"), _english(GRAPH_TITLES[graph.value])))
        article = sources.get(graph.value)
        if article is None:
            continue
        triples.append(ox.Triple(graph, _n(VOID + "rootResource"), article["article"]))
        source = article["url"] or article["file"]
        if source is not None:
            triples.append(ox.Triple(graph, _n(DCTERMS + "source"), source))
        if isinstance(article["url"], ox.NamedNode):
            triples.append(ox.Triple(graph, _n(str(PROV.wasDerivedFrom)), article["url"]))
    return triples


def describe_dataset(db: ox.Store, endpoint: str | None = None) -> list[ox.Triple]:
    """The VoID/DCAT description of the graph in ``db``; ``endpoint`` is the SPARQL endpoint serving it, if any."""
    dataset = _n(DATASET)
    classes, properties = _class_and_property_counts(db)
    triples = [
        ox.Triple(dataset, _n(str(RDF.type)), _n(VOID + "Dataset")),
        ox.Triple(dataset, _n(str(RDF.type)), _n(DCAT + "Dataset")),
        ox.Triple(dataset, _n(DCTERMS + "title"), _english(TITLE)),
        ox.Triple(dataset, _n(DCTERMS + "description"), _english(ABOUT if endpoint else f"{ABOUT} {NO_ENDPOINT}")),
        ox.Triple(dataset, _n(DCTERMS + "license"), _n(LICENSE)),
        ox.Triple(dataset, _n(DCTERMS + "conformsTo"), _n(ONTOLOGY_GRAPH)),
        ox.Triple(dataset, _n(VOID + "uriSpace"), ox.Literal(BASE)),
        *(ox.Triple(dataset, _n(DCAT + "keyword"), _english(word))
          for word in ("news", "quotations", "knowledge graph")),
        *(ox.Triple(dataset, _n(VOID + name), _integer(count)) for name, count in _totals(db, properties)),
        *(ox.Triple(dataset, _n(VOID + "vocabulary"), namespace) for namespace in _vocabularies(classes + properties)),
        *(ox.Triple(dataset, _n(VOID + "exampleResource"), example) for example in _examples(db)),
    ]
    triples += _partitions(dataset, classes, properties)
    triples += _subsets(db, dataset)
    if endpoint:
        service = _n(endpoint)
        triples += [
            ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), service),
            ox.Triple(service, _n(str(RDF.type)), _n(DCAT + "DataService")),
            ox.Triple(service, _n(DCAT + "endpointURL"), service),
            ox.Triple(service, _n(DCAT + "servesDataset"), dataset),
            ox.Triple(service, _n(DCTERMS + "conformsTo"), _n(SPARQL_PROTOCOL)),
        ]
    return triples


def description_quads(db: ox.Store) -> list[ox.Quad]:
    """The description (without an endpoint) in its own named graph, :data:`VOID_GRAPH`, as exports hold it."""
    graph = _n(VOID_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in describe_dataset(db)]


__all__ = ["DATASET", "DCAT", "DCTERMS", "DESCRIPTION_PREFIXES", "LICENSE", "VOID", "VOID_GRAPH",
           "describe_dataset", "description_quads"]
