"""The endpoint's SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/).

Sent for a GET of ``/sparql`` without a query that asks for RDF: the endpoint's
IRI, the language (SPARQL 1.1 Query only), the result formats, and the default
dataset: a default graph that is the union of all named graphs
(``sd:UnionDefaultGraph``) and every named graph of the store (one per
article, the entities, the statements, the ontology), which ``rdfs:seeAlso``
the dataset's VoID description (:mod:`kg.void`, sent with it).
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.vocab import RDF, RDFS
from kg.void import DATASET, DESCRIPTION_PREFIXES

from .sparql_formats import PREFIX_IRIS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
PREFIXES = {"sd": SD, "formats": FORMATS, "rdfs": str(RDFS), **DESCRIPTION_PREFIXES}
# The W3C's names (https://www.w3.org/ns/formats/) of the formats in api.sparql_formats.
RESULT_FORMATS = [FORMATS + name for name in (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "JSON-LD", "RDF_XML")]


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def service_description(store: ox.Store, endpoint: str) -> list[ox.Triple]:
    """The service description of the endpoint at ``endpoint`` over ``store``, as triples."""
    a = ox.NamedNode(str(RDF.type))
    service, dataset, default_graph = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, a, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        *(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(iri)) for iri in RESULT_FORMATS),
        ox.Triple(service, ox.NamedNode(str(RDFS.comment)), ox.Literal(
            "Read-only: SPARQL Update and SERVICE are refused. Predeclared prefixes: "
            + ", ".join(f"{prefix}: <{iri}>" for prefix, iri in PREFIX_IRIS.items()) + ".")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, a, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, a, _sd("Graph")),
        ox.Triple(default_graph, ox.NamedNode(str(RDFS.comment)),
                  ox.Literal("The union of all the named graphs of the dataset.")),
        ox.Triple(dataset, ox.NamedNode(str(RDFS.seeAlso)), ox.NamedNode(DATASET)),  # its VoID description
    ]
    graphs = sorted(store.named_graphs(), key=lambda node: node.value)
    named = [ox.BlankNode(f"graph{position}") for position in range(len(graphs))]
    triples += [ox.Triple(dataset, _sd("namedGraph"), node) for node in named]
    for node, graph in zip(named, graphs):
        triples += [ox.Triple(node, a, _sd("NamedGraph")), ox.Triple(node, _sd("name"), graph)]
    return triples


__all__ = ["FORMATS", "PREFIXES", "RESULT_FORMATS", "SD", "service_description"]
