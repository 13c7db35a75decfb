"""The W3C SPARQL 1.1 Protocol test suite, every case that applies to a read-only endpoint.

Source: https://github.com/w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl
(the test names below are the manifest's). Each case sends the suite's request
over raw HTTP (``http.client``: nothing adds or fixes headers) and checks the
suite's expectation, with two adaptations:

- the suite's dataset cases name remote files (``http://kasei.us/.../data1.rdf``)
  that a conforming service would load; this endpoint never fetches, so the
  cases use article graphs of the seeds store instead (``data1`` -> article
  A's graph, ``data2`` -> B's, ``data3`` -> C's), and ask about the article
  nodes those graphs hold;
- the suite's update cases expect success; this endpoint is read-only, so they
  expect a refusal (403) and check that the store did not change.
"""
from __future__ import annotations

import csv
import http.client
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
import rdflib
from serving import Reply

from kg.vocab import article_graph_iri, article_iri

SRX = "{http://www.w3.org/2005/sparql-results#}"
BOOLEAN_TYPES = {"application/sparql-results+xml", "application/sparql-results+json"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}


def send(base: str, method: str, target: str, headers: dict[str, str] | None = None, body: bytes | None = None
         ) -> Reply:
    """Send exactly this request (``target`` is the path and query) and read the response."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None or method in ("POST", "PUT"):
            connection.putheader("Content-Length", str(len(body or b"")))
        connection.endheaders(body)
        response = connection.getresponse()
        content = response.read()
        media_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        return Reply(response.status, media_type, {k.lower(): v for k, v in response.getheaders()}, content)
    finally:
        connection.close()


def encode(text: str) -> str:
    """Percent-encode a parameter value as the suite does (everything but unreserved characters)."""
    return quote(text, safe="")


def boolean_of(reply: Reply) -> bool:
    """The yes/no answer of a boolean result, read with json or ElementTree."""
    if reply.media_type == "application/sparql-results+json":
        return json.loads(reply.body)["boolean"]
    assert reply.media_type == "application/sparql-results+xml", reply.media_type
    return ET.fromstring(reply.body).find(f"{SRX}boolean").text == "true"


def rows_of(reply: Reply) -> list[dict[str, str]]:
    """The rows of a tabular result (values as strings), read with json, ElementTree or csv."""
    if reply.media_type == "application/sparql-results+json":
        return [{k: v["value"] for k, v in b.items()} for b in json.loads(reply.body)["results"]["bindings"]]
    if reply.media_type == "application/sparql-results+xml":
        results = ET.fromstring(reply.body).find(f"{SRX}results")
        return [{b.get("name"): "".join(b.itertext()) for b in r.findall(f"{SRX}binding")} for r in results]
    delimiter = "\t" if reply.media_type == "text/tab-separated-values" else ","
    return list(csv.DictReader(io.StringIO(reply.body.decode()), delimiter=delimiter))


@dataclass(frozen=True)
class Case:
    """One request of the suite, as adapted (see the module's docstring), and what must come back."""

    method: str
    path: str  # below /sparql: "" or "?query=..."
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    status: int = 200
    boolean: bool | None = None  # the expected yes/no answer
    format: str | None = None  # "boolean", "tabular" or "RDF", as the suite's mf:expectedFormat


@pytest.fixture(scope="module")
def articles(seeds_dir) -> list[str]:
    """Identifiers of the seed articles (their file names), sorted: A, B, C are the first three."""
    return sorted(path.stem for path in seeds_dir.glob("*.txt"))


def cases(a: str, b: str, c: str) -> dict[str, Case]:
    """The suite's cases for articles ``a``, ``b``, ``c`` (standing in for data1, data2, data3)."""
    g1, g2, g3 = (encode(article_graph_iri(x)) for x in (a, b, c))
    n1, n2, n3 = (f"<{article_iri(x)}>" for x in (a, b, c))
    query_form = {"Content-Type": "application/x-www-form-urlencoded"}
    direct = {"Content-Type": "application/sparql-query"}
    update = {"Content-Type": "application/sparql-update"}
    return {
        "query_post_form": Case("POST", f"?default-graph-uri={g1}", query_form, b"query=ASK%20%7B%7D",
                                boolean=True),
        "query_dataset_default_graphs_get": Case(
            "GET", f"?query={encode(f'ASK {{ {n1} a ?type . {n2} a ?type . }}')}"
                   f"&default-graph-uri={g1}&default-graph-uri={g2}", boolean=True),
        "query_dataset_default_graphs_post": Case(
            "POST", f"?default-graph-uri={g1}&default-graph-uri={g2}", direct,
            f"ASK {{ {n1} a ?type . {n2} a ?type . }}".encode(), boolean=True),
        "query_dataset_named_graphs_post": Case(
            "POST", f"?named-graph-uri={g1}&named-graph-uri={g2}", direct,
            f"ASK {{ GRAPH ?g1 {{ {n1} a ?type }} GRAPH ?g2 {{ {n2} a ?type }} }}".encode(), boolean=True),
        "query_dataset_named_graphs_get": Case(
            "GET", f"?query={encode(f'ASK {{ GRAPH ?g1 {{ {n1} a ?type }} GRAPH ?g2 {{ {n2} a ?type }} }}')}"
                   f"&named-graph-uri={g1}&named-graph-uri={g2}", boolean=True),
        "query_dataset_full": Case(
            "POST", f"?default-graph-uri={g3}&named-graph-uri={g1}&named-graph-uri={g2}", direct,
            f"ASK {{ {n3} a ?type GRAPH ?g1 {{ {n1} a ?type }} GRAPH ?g2 {{ {n2} a ?type }} }}".encode(),
            boolean=True),
        # The suite's request URL has one named-graph-uri whose value swallowed the second ("%26named-graph-uri%3D");
        # what the case tests is that the protocol's dataset replaces the query's FROM, as two named graphs here.
        "query_multiple_dataset": Case(
            "POST", f"?named-graph-uri={g1}&named-graph-uri={g2}", direct,
            f"ASK FROM <{article_graph_iri(c)}> {{ GRAPH ?g1 {{ {n1} a ?type }} GRAPH ?g2 {{ {n2} a ?type }} }}"
            .encode(), boolean=True),
        "query_get": Case("GET", f"?query=ASK%20%7B%7D&default-graph-uri={g1}", boolean=True),
        "query_content_type_select": Case("POST", f"?default-graph-uri={g1}", direct, b"SELECT (1 AS ?value) {}",
                                          format="tabular"),
        "query_content_type_ask": Case("POST", f"?default-graph-uri={g1}", direct, b"ASK {}", format="boolean"),
        "query_content_type_describe": Case("POST", f"?default-graph-uri={g1}", direct,
                                            b"DESCRIBE <http://example.org/>", format="RDF"),
        "query_content_type_construct": Case("POST", f"?default-graph-uri={g1}", direct,
                                             b"CONSTRUCT { <s> <p> 1 } WHERE {}", format="RDF"),
        "query_post_direct": Case("POST", "", direct, b"ASK {}", boolean=True),
        "update_dataset_default_graph": Case(
            "POST", f"?using-graph-uri={g1}", update,
            f"CLEAR ALL ; INSERT DATA {{ GRAPH <http://example.org/g> {{ {n1} a <http://example.org/Doc> }} }}"
            .encode(), status=403),
        "update_dataset_default_graphs": Case("POST", f"?using-graph-uri={g1}&using-graph-uri={g2}", update,
                                              b"DROP ALL", status=403),
        "update_dataset_named_graphs": Case("POST", f"?using-named-graph-uri={g1}&using-named-graph-uri={g2}",
                                            update, b"DROP ALL", status=403),
        "update_dataset_full": Case("POST", f"?using-graph-uri={g1}&using-named-graph-uri={g2}", update,
                                    b"DROP ALL", status=403),
        "update_post_form": Case("POST", "", query_form, b"update=CLEAR+ALL", status=403),
        "update_post_direct": Case("POST", "", update, b"CLEAR ALL", status=403),
        "update_base_uri": Case(
            "POST", "", update, b"CLEAR GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { GRAPH "
                                b"<http://example.org/protocol-base-test/> { <http://example.org/s> "
                                b"<http://example.org/p> <test> } }", status=403),
        "bad_query_method": Case("PUT", f"?query=ASK%20%7B%7D&default-graph-uri={g1}", query_form, b"", status=405),
        "bad_multiple_queries": Case("GET", "?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", status=400),
        "bad_query_wrong_media_type": Case("POST", "", {"Content-Type": "text/plain"}, b"ASK {}", status=415),
        "bad_query_missing_form_type": Case("POST", "", {}, b"query=ASK%20%7B%7D", status=415),
        "bad_query_missing_direct_type": Case("POST", "", {}, b"ASK {}", status=415),
        "bad_query_non_utf8": Case("POST", "", {"Content-Type": "application/sparql-query; charset=UTF-16"},
                                   "ASK {}".encode("utf-16"), status=400),
        "bad_query_syntax": Case("GET", "?query=ASK%20%7B", status=400),
        "bad_update_get": Case("GET", "?update=CLEAR%20ALL", status=403),
        "bad_multiple_updates": Case("POST", "", query_form, b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                                     status=403),
        "bad_update_wrong_media_type": Case("POST", "", {"Content-Type": "text/plain"}, b"CLEAR NAMED", status=415),
        "bad_update_missing_form_type": Case("POST", "", {}, b"update=CLEAR%20NAMED", status=415),
        "bad_update_non_utf8": Case("POST", "", {"Content-Type": "application/sparql-update; charset=UTF-16"},
                                    "CLEAR NAMED".encode("utf-16"), status=403),
        "bad_update_syntax": Case("POST", "", query_form, b"update=CLEAR%20XYZ", status=403),
        "bad_update_dataset_conflict": Case(
            "POST", "?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople", update,
            b"PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\nDELETE { ?person "
            b"foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\nWHERE { ?person foaf:givenName "
            b"'Bill' }", status=403),
    }


NAMES = list(cases("a", "b", "c"))


def quad_count(server: str) -> int:
    """How many quads the store holds, asked through the endpoint."""
    query = encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    reply = send(server, "GET", f"/sparql?query={query}", {"Accept": "application/sparql-results+json"})
    return int(rows_of(reply)[0]["n"])


@pytest.mark.parametrize("name", NAMES)
def test_w3c_protocol_case(server, articles, name):
    case = cases(*articles[:3])[name]
    before = quad_count(server) if case.status != 200 else None
    reply = send(server, case.method, "/sparql" + case.path, case.headers, case.body)
    assert reply.status == case.status, reply.body
    if case.status != 200:
        # Refused with the reason as text, and nothing changed (the update cases would empty or grow the store).
        assert reply.media_type == "text/plain" and reply.body.strip()
        assert quad_count(server) == before
        return
    if case.boolean is not None or case.format == "boolean":
        assert reply.media_type in BOOLEAN_TYPES
        answer = boolean_of(reply)
        assert case.boolean is None or answer is case.boolean
    elif case.format == "tabular":
        assert reply.media_type in TABULAR_TYPES
        assert rows_of(reply) == [{"value": "1"}]
    else:
        assert reply.media_type in RDF_TYPES
        rdflib.Graph().parse(data=reply.body, format=RDF_TYPES[reply.media_type])  # well-formed RDF


def test_the_dataset_cases_would_fail_without_the_protocol_dataset(server, articles):
    # The positive cases above must be able to fail: with only data1 as default graph the
    # query_dataset_default_graphs question is false, and with no named graphs the
    # query_multiple_dataset question (FROM data3, no FROM NAMED) is false.
    a, b, c = articles[:3]
    ask = encode(f"ASK {{ <{article_iri(a)}> a ?type . <{article_iri(b)}> a ?type . }}")
    only_a = send(server, "GET", f"/sparql?query={ask}&default-graph-uri={encode(article_graph_iri(a))}")
    assert boolean_of(only_a) is False
    query = (f"ASK FROM <{article_graph_iri(c)}> {{ GRAPH ?g1 {{ <{article_iri(a)}> a ?type }} "
             f"GRAPH ?g2 {{ <{article_iri(b)}> a ?type }} }}")
    from_only = send(server, "POST", "/sparql", {"Content-Type": "application/sparql-query"}, query.encode())
    assert boolean_of(from_only) is False


def test_the_manifest_cases_are_all_here():
    # The manifest's 34 entries (mf:entries of sparql/sparql11/protocol/manifest.ttl), each reproduced above.
    manifest = ["query_post_form", "query_dataset_default_graphs_get", "query_dataset_default_graphs_post",
                "query_dataset_named_graphs_post", "query_dataset_named_graphs_get", "query_dataset_full",
                "query_multiple_dataset", "query_get", "query_content_type_select", "query_content_type_ask",
                "query_content_type_describe", "query_content_type_construct", "update_dataset_default_graph",
                "update_dataset_default_graphs", "update_dataset_named_graphs", "update_dataset_full",
                "update_post_form", "update_post_direct", "update_base_uri", "query_post_direct", "bad_query_method",
                "bad_multiple_queries", "bad_query_wrong_media_type", "bad_query_missing_form_type",
                "bad_query_missing_direct_type", "bad_query_non_utf8", "bad_query_syntax", "bad_update_get",
                "bad_multiple_updates", "bad_update_wrong_media_type", "bad_update_missing_form_type",
                "bad_update_non_utf8", "bad_update_syntax", "bad_update_dataset_conflict"]
    assert sorted(NAMES) == sorted(manifest)
