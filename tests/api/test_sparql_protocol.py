"""/sparql over HTTP: formats by Accept, the dataset, prefixes, and the errors a client can fix.

Expected answers come from the store's N-Quads export (``kg export``, which
reads the store without SPARQL), parsed by rdflib; responses are parsed by
rdflib's result and RDF parsers, never by the code that wrote them.
"""
from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result
from serving import Reply, http

from kg.vocab import ENTITIES_GRAPH, SCHEMA, article_graph_iri, article_iri

PERSONS = f"SELECT ?person ?name WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?person a schema:Person ; schema:name ?name }} }}"
PERSON_GRAPH = (f"CONSTRUCT {{ ?person a schema:Person ; schema:name ?name }} "
                f"WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?person a schema:Person ; schema:name ?name }} }}")
RESULT_PARSERS = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
RDF_PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
               "application/rdf+xml": "xml"}


def call(server: str, method: str = "GET", params: dict[str, str | list[str]] | None = None,
         accept: str | None = None, content_type: str | None = None, body: bytes | None = None) -> Reply:
    """One request to /sparql (``params`` go in the URL; a list repeats the parameter)."""
    url = f"{server}/sparql"
    if params:
        url += "?" + urllib.parse.urlencode(params, doseq=True)
    headers = {name: value for name, value in (("Accept", accept), ("Content-Type", content_type)) if value}
    return http(url, method, headers, body, timeout=30)


def rows(reply: Reply) -> list[tuple]:
    """The rows of a SELECT result, read by rdflib's parser for its media type."""
    return [tuple(row) for row in Result.parse(io.BytesIO(reply.body), format=RESULT_PARSERS[reply.media_type])]


def graph(reply: Reply) -> rdflib.Graph:
    """A CONSTRUCT/DESCRIBE result, read by rdflib's parser for its media type."""
    return rdflib.Graph().parse(data=reply.body, format=RDF_PARSERS[reply.media_type])


@pytest.fixture(scope="module")
def quads(exported) -> int:
    """How many quads the export holds."""
    return sum(1 for _ in exported.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def persons(exported) -> set[tuple]:
    """(person, name) pairs of the entities graph, from the export."""
    entities = exported.graph(rdflib.URIRef(ENTITIES_GRAPH))
    return {(person, name) for person in entities.subjects(rdflib.RDF.type, SCHEMA.Person)
            for name in entities.objects(person, SCHEMA.name)}


@pytest.fixture(scope="module")
def article(seeds_dir) -> str:
    """The identifier (file name) of the first seed article."""
    return min(path.stem for path in seeds_dir.glob("*.txt"))


def count(server: str, query: str, **params: str | list[str]) -> int:
    """The single number a ``SELECT (COUNT(...) AS ?n)`` query answers."""
    reply = call(server, params={"query": query, **params}, accept="application/sparql-results+json")
    assert reply.status == 200, reply.text
    return int(rows(reply)[0][0])


# --- formats ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("media_type", list(RESULT_PARSERS))
def test_select_answers_in_the_format_asked_for(server, persons, media_type):
    reply = call(server, params={"query": PERSONS}, accept=media_type)
    assert (reply.status, reply.media_type) == (200, media_type)
    assert set(rows(reply)) == persons
    assert len(persons) > 1


@pytest.mark.parametrize("media_type", list(RDF_PARSERS))
def test_construct_answers_in_the_rdf_format_asked_for(server, persons, media_type):
    reply = call(server, params={"query": PERSON_GRAPH}, accept=media_type)
    assert (reply.status, reply.media_type) == (200, media_type)
    expected = {(p, rdflib.RDF.type, SCHEMA.Person) for p, _ in persons} | {(p, SCHEMA.name, n) for p, n in persons}
    assert set(graph(reply)) == expected


def test_ask_answers_in_json_and_xml(server, article):
    ask = f"ASK {{ <{article_iri(article)}> a schema:NewsArticle }}"
    assert json.loads(call(server, params={"query": ask}).body) == {"head": {}, "boolean": True}
    xml = call(server, params={"query": ask}, accept="application/sparql-results+xml")
    assert Result.parse(io.BytesIO(xml.body), format="xml").askAnswer is True
    no = call(server, params={"query": "ASK { <http://example.org/nothing> ?p ?o }"})
    assert json.loads(no.body)["boolean"] is False


@pytest.mark.parametrize("accept", [None, "*/*"])
def test_without_a_preference_results_are_json_and_graphs_turtle(server, accept):
    assert call(server, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, accept=accept).media_type == \
        "application/sparql-results+json"
    assert call(server, params={"query": "ASK {}"}, accept=accept).media_type == "application/sparql-results+json"
    assert call(server, params={"query": PERSON_GRAPH}, accept=accept).media_type == "text/turtle"


@pytest.mark.parametrize("accept, media_type", [
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/*;q=0.5, text/csv;q=0", "text/tab-separated-values"),
    ("application/json", "application/json"),  # SPARQLWrapper and others ask for plain JSON
    ("text/html;q=0.1, text/csv", "text/csv"),
])
def test_q_values_choose_the_format(server, accept, media_type):
    reply = call(server, params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"}, accept=accept)
    assert (reply.status, reply.media_type) == (200, media_type)


@pytest.mark.parametrize("query, accept", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png"),
    ("ASK {}", "text/csv"),  # CSV has no yes/no form
    (PERSON_GRAPH, "application/sparql-results+json"),  # a graph is not a table
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+json;q=0, */*;q=0"),
])
def test_nothing_acceptable_is_406_with_the_choices(server, query, accept):
    reply = call(server, params={"query": query}, accept=accept)
    assert (reply.status, reply.media_type) == (406, "text/plain")
    assert "available:" in reply.text


# --- the dataset -----------------------------------------------------------------------------------------------

def test_the_default_graph_is_the_union_of_all_graphs(server, quads):
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == quads


def test_default_graph_uri_chooses_the_default_graph(server, exported, article):
    in_article = len(exported.graph(rdflib.URIRef(article_graph_iri(article))))
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                 **{"default-graph-uri": article_graph_iri(article)}) == in_article
    # and the named graphs are then only those named (none here)
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                 **{"default-graph-uri": article_graph_iri(article)}) == 0


def test_named_graph_uri_chooses_the_named_graphs(server, article):
    reply = call(server, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                 "named-graph-uri": [article_graph_iri(article), ENTITIES_GRAPH]})
    assert {row[0] for row in rows(reply)} == {rdflib.URIRef(article_graph_iri(article)), rdflib.URIRef(ENTITIES_GRAPH)}


def test_from_and_from_named_in_the_query_are_honoured(server, exported, article):
    graph_iri = article_graph_iri(article)
    in_article = len(exported.graph(rdflib.URIRef(graph_iri)))
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{graph_iri}> WHERE {{ ?s ?p ?o }}") == in_article
    query = f"SELECT DISTINCT ?g FROM NAMED <{graph_iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    reply = call(server, params={"query": query})
    assert rows(reply) == [(rdflib.URIRef(graph_iri),)]


def test_a_graph_the_store_does_not_hold_is_empty(server):
    assert count(server, "SELECT (COUNT(*) AS ?n) FROM <http://example.org/no-such-graph> WHERE { ?s ?p ?o }") == 0
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                 **{"default-graph-uri": "http://example.org/no-such-graph"}) == 0


def test_the_project_prefixes_are_predeclared_and_a_query_may_redeclare_them(server, persons):
    people = {person for person, _ in persons}
    assert count(server, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }") == len(people)
    redeclared = "PREFIX schema: <http://schema.org/> SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }"
    assert count(server, redeclared) == 0


def test_relative_iris_resolve_against_the_endpoint(server):
    reply = call(server, params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, accept="application/n-triples")
    subject = urllib.parse.urljoin(f"{server}/sparql", "s")  # RFC 3986 resolution, by urllib
    assert set(graph(reply)) == {(rdflib.URIRef(subject), rdflib.URIRef(urllib.parse.urljoin(subject, "p")),
                                  rdflib.Literal(1))}


def test_post_form_and_post_direct_answer_like_get(server, persons):
    form = call(server, "POST", body=urllib.parse.urlencode({"query": PERSONS}).encode(),
                content_type="application/x-www-form-urlencoded", accept="application/sparql-results+json")
    direct = call(server, "POST", body=PERSONS.encode(), content_type="application/sparql-query; charset=utf-8",
                  accept="text/csv")
    assert set(rows(form)) == set(rows(direct)) == persons


def test_head_answers_headers_only(server):
    reply = call(server, "HEAD", params={"query": "ASK {}"})
    assert (reply.status, reply.media_type, reply.body) == (200, "application/sparql-results+json", b"")


# --- errors ----------------------------------------------------------------------------------------------------

def test_a_syntax_error_is_400_with_the_parsers_message(server):
    query = "SELECT * WHERE { ?s ?p }"
    with pytest.raises(SyntaxError) as parser:
        ox.Store().query(query)
    reply = call(server, params={"query": query})
    assert (reply.status, reply.media_type) == (400, "text/plain")
    assert str(parser.value) in reply.text


@pytest.mark.parametrize("request_args, message", [
    ({"method": "POST", "body": b"", "content_type": "application/x-www-form-urlencoded"}, "no query"),
    ({"params": {"default-graph-uri": "http://example.org/g"}}, "no query"),
    ({"params": {"query": "ASK {}"}, "method": "POST", "body": b"query=ASK%20%7B%7D",
      "content_type": "application/x-www-form-urlencoded"}, "both the URL and the form"),
    ({"params": {"query": "ASK {}"}, "method": "POST", "body": b"ASK {}",
      "content_type": "application/sparql-query"}, "not also in a query= parameter"),
    ({"params": {"query": ["ASK {}", "ASK {}"]}}, "query given 2 times"),
    ({"params": {"query": "   "}}, "the query is empty"),
    ({"params": {"query": "ASK {}", "default-graph-uri": "not an IRI"}}, "default-graph-uri='not an IRI'"),
    ({"params": {"query": "ASK {}", "named-graph-uri": "relative"}}, "named-graph-uri='relative'"),
])
def test_bad_requests_are_400_with_a_reason(server, request_args, message):
    reply = call(server, **request_args)
    assert (reply.status, reply.media_type) == (400, "text/plain")
    assert message in reply.text


@pytest.mark.parametrize("target, body, content_type", [
    ("/sparql?query=ASK%20%7B%7D%FF", None, None),  # a query string that is not UTF-8 once decoded
    ("/sparql", b"query=ASK%20%7B%7D%FF", "application/x-www-form-urlencoded"),
    ("/sparql", "ASK { ?s ?p 'caf\u00e9' }".encode("latin-1"), "application/sparql-query"),
    ("/sparql", b"ASK {}", "application/sparql-query; charset=ISO-8859-1"),
])
def test_a_request_not_in_utf8_is_400(server, target, body, content_type):
    request = urllib.request.Request(server + target, data=body, method="POST" if body is not None else "GET",
                                     headers={"Content-Type": content_type} if content_type else {})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 400
    assert "UTF-8" in refused.value.read().decode()


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(server, method):
    reply = call(server, method, params={"query": "ASK {}"}, body=b"")
    assert (reply.status, reply.media_type) == (405, "text/plain")
    assert {m.strip() for m in reply.headers["allow"].split(",")} >= {"GET", "POST"}
    assert "PUT" not in reply.headers["allow"]


def test_options_lists_the_allowed_methods(server):
    reply = call(server, "OPTIONS")
    assert reply.status in (200, 204)
    assert {m.strip() for m in reply.headers["allow"].split(",")} == {"GET", "HEAD", "OPTIONS", "POST"}


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x"])
def test_a_post_of_another_type_is_415(server, content_type):
    reply = call(server, "POST", body=b"ASK {}", content_type=content_type)
    assert (reply.status, reply.media_type) == (415, "text/plain")
    assert "application/sparql-query" in reply.text


def test_a_body_over_one_megabyte_is_413(server):
    reply = call(server, "POST", body=b"#" * ((1 << 20) + 1), content_type="application/sparql-query")
    assert reply.status == 413


# --- updates: refused by every route, never applied ------------------------------------------------------------

INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }"


@pytest.mark.parametrize("request_args", [
    {"params": {"update": INSERT}},
    {"method": "POST", "body": urllib.parse.urlencode({"update": INSERT}).encode(),
     "content_type": "application/x-www-form-urlencoded"},
    {"method": "POST", "body": INSERT.encode(), "content_type": "application/sparql-update"},
    {"params": {"query": INSERT}},
    {"method": "POST", "body": INSERT.encode(), "content_type": "application/sparql-query"},
    {"method": "POST", "body": urllib.parse.urlencode({"query": INSERT}).encode(),
     "content_type": "application/x-www-form-urlencoded"},
    {"params": {"query": "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }"}},
    {"params": {"query": "DROP ALL"}},
])
def test_updates_are_refused_with_403_and_never_applied(server, quads, request_args):
    reply = call(server, **request_args)
    assert (reply.status, reply.media_type) == (403, "text/plain")
    assert "read-only" in reply.text
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }") == 0
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == quads


# --- the service description -----------------------------------------------------------------------------------

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "application/n-triples", "application/ld+json",
                                    "application/rdf+xml"])
def test_a_get_without_a_query_describes_the_service(server, exported, accept):
    reply = call(server, accept=accept)
    assert reply.status == 200
    description = graph(reply)
    service = description.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert description.value(service, SD.endpoint) == rdflib.URIRef(f"{server}/sparql")
    assert description.value(service, SD.supportedLanguage) == SD.SPARQL11Query
    assert SD.UnionDefaultGraph in set(description.objects(service, SD.feature))
    # The W3C's names of the formats the endpoint answers in (tested above, one by one)
    assert set(description.objects(service, SD.resultFormat)) == {
        FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
        FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"], FORMATS.RDF_XML}
    dataset = description.value(service, SD.defaultDataset)
    assert description.value(description.value(dataset, SD.defaultGraph), rdflib.RDF.type) == SD.Graph
    names = {description.value(named, SD.name) for named in description.objects(dataset, SD.namedGraph)}
    assert names == {context.identifier for context in exported.graphs() if len(context)}


def test_the_service_description_is_not_offered_as_a_results_format(server):
    reply = call(server, accept="application/sparql-results+json")
    assert reply.status == 406


def test_every_answer_says_it_depends_on_accept(server):
    for reply in (call(server), call(server, params={"query": "ASK {}"}), call(server, params={"query": "ASK {"})):
        assert "Accept" in reply.headers["vary"]
