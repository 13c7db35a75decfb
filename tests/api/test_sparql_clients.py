"""Real SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore.

They send their own requests (their own Accept headers, GET or POST, form or
direct) and parse the answers with their own parsers; the expected data comes
from the store's N-Quads export.
"""
from __future__ import annotations

import urllib.error

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.vocab import ENTITIES_GRAPH, SCHEMA

PEOPLE = "SELECT DISTINCT ?person WHERE { ?person a schema:Person }"


@pytest.fixture(scope="module")
def people(exported) -> set[rdflib.URIRef]:
    """Every schema:Person of the export, in any graph."""
    return {s for s, _, _, _ in exported.quads((None, rdflib.RDF.type, SCHEMA.Person, None))}


def wrapper(server: str, query: str, return_format: str, method: str = "GET", request_method: str = URLENCODED
            ) -> SPARQLWrapper:
    """A SPARQLWrapper for /sparql set up for one query."""
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(query)
    client.setReturnFormat(return_format)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    return client


@pytest.mark.parametrize("method, request_method", [("GET", URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_sparqlwrapper_select_as_json(server, people, method, request_method):
    result = wrapper(server, PEOPLE, JSON, method, request_method).queryAndConvert()
    assert {rdflib.URIRef(b["person"]["value"]) for b in result["results"]["bindings"]} == people


def test_sparqlwrapper_select_as_xml_csv_and_tsv(server, people):
    document = wrapper(server, PEOPLE, XML).queryAndConvert()  # an xml.dom.minidom document
    assert {rdflib.URIRef(uri.firstChild.data) for uri in document.getElementsByTagName("uri")} == people
    csv_lines = wrapper(server, PEOPLE, CSV).queryAndConvert().decode().splitlines()
    assert csv_lines[0] == "person" and {rdflib.URIRef(line) for line in csv_lines[1:]} == people
    tsv_lines = wrapper(server, PEOPLE, TSV).queryAndConvert().decode().splitlines()
    assert tsv_lines[0] == "?person" and {rdflib.URIRef(line.strip("<>")) for line in tsv_lines[1:]} == people


def test_sparqlwrapper_ask(server):
    assert wrapper(server, "ASK { ?s a schema:NewsArticle }", JSON).queryAndConvert()["boolean"] is True
    assert wrapper(server, "ASK { ?s a schema:Nothing }", XML, POST).queryAndConvert() \
        .getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize("return_format", [RDFXML, JSONLD, TURTLE])
def test_sparqlwrapper_construct(server, people, return_format):
    query = "CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }"
    converted = wrapper(server, query, return_format).queryAndConvert()
    if isinstance(converted, bytes):  # SPARQLWrapper leaves Turtle as bytes
        converted = rdflib.Graph().parse(data=converted, format="turtle")
    assert set(converted.subjects(rdflib.RDF.type, SCHEMA.Person)) == people


def test_sparqlwrapper_reports_a_syntax_error_with_the_parsers_message(server):
    with pytest.raises(QueryBadFormed) as error:
        wrapper(server, "SELECT * WHERE { ?s ?p }", JSON).query()
    assert "SPARQL syntax error: error at 1:" in str(error.value)


def test_sparqlwrapper_update_is_refused(server, people):
    with pytest.raises(urllib.error.HTTPError) as error:  # SPARQLWrapper sends it as update= with POST
        wrapper(server, "DELETE WHERE { ?p a schema:Person }", JSON).query()
    assert error.value.code == 403
    result = wrapper(server, PEOPLE, JSON).queryAndConvert()
    assert len(result["results"]["bindings"]) == len(people)


def test_rdflib_sparqlstore_queries_and_reads_triples(server, people, exported):
    graph = rdflib.Graph(store=SPARQLStore(f"{server}/sparql"))
    assert {row[0] for row in graph.query(PEOPLE)} == people
    assert set(graph.subjects(rdflib.RDF.type, SCHEMA.Person)) == people


def test_rdflib_sparqlstore_lists_the_graphs_and_reads_one(server, exported):
    store = SPARQLStore(f"{server}/sparql")
    assert set(store.contexts()) == {g.identifier for g in exported.graphs() if len(g)}
    entities = rdflib.Graph(store=store, identifier=rdflib.URIRef(ENTITIES_GRAPH))  # sent as default-graph-uri
    assert set(entities.triples((None, None, None))) == set(exported.graph(rdflib.URIRef(ENTITIES_GRAPH)))


def test_rdflib_sparqlupdatestore_cannot_write(server):
    store = SPARQLUpdateStore(f"{server}/sparql", f"{server}/sparql", autocommit=True)
    graph = rdflib.Graph(store=store, identifier=rdflib.URIRef("http://example.org/g"))
    triple = (rdflib.URIRef("http://example.org/s"), rdflib.URIRef("http://example.org/p"), rdflib.Literal(1))
    with pytest.raises(urllib.error.HTTPError) as error:
        graph.add(triple)
    assert error.value.code == 403
    assert triple not in rdflib.Graph(store=SPARQLStore(f"{server}/sparql"), identifier=graph.identifier)
