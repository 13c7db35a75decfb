"""/sparql never makes the server fetch a URL or read a file: SERVICE, FROM, FROM NAMED, GRAPH, LOAD, DESCRIBE.

A listener on a loopback port records every request it gets. Oxigraph itself
does fetch a ``SERVICE`` IRI (the first test shows the listener seeing it), so
the endpoint refuses ``SERVICE`` before evaluation; a graph the store does not
hold is an empty graph, whatever its IRI says.
"""
from __future__ import annotations

import http.server
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from api.sparql_lexer import scan


class Listener(http.server.ThreadingHTTPServer):
    """An HTTP server on a loopback port that records the path of every request and answers 500."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _Recorder)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.server_port}/"


class _Recorder(http.server.BaseHTTPRequestHandler):
    def _record(self) -> None:
        self.server.requests.append(self.path)
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = _record

    def log_message(self, *args) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """A :class:`Listener` running in a thread for the module's tests."""
    server = Listener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def sparql(server: str, query: str, **params: str) -> tuple[int, str]:
    """GET /sparql?query=... (JSON results, Turtle graphs): the status and the body."""
    url = f"{server}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json, text/turtle"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_oxigraph_itself_would_fetch_a_service_iri(listener):
    # The control: without the endpoint's check, Oxigraph sends the request, and the listener sees it.
    store = ox.Store()
    before = len(listener.requests)
    with pytest.raises(OSError):
        list(store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}control> {{ ?s ?p ?o }} }}"))
    assert listener.requests[before:] == ["/control"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?s ?p ?o.service<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s a schema:Person SERVICE <{url}> {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_with_400_and_nothing_is_fetched(server, listener, query):
    before = len(listener.requests)
    status, body = sparql(server, query.format(url=listener.url))
    assert status == 400
    assert "SERVICE" in body and "not supported" in body
    assert listener.requests[before:] == []


@pytest.mark.parametrize("query, params", [
    ("SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}", {}),
    ("SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
    ("SELECT * WHERE {{ GRAPH <{url}data.ttl> {{ ?s ?p ?o }} }}", {}),
    ("SELECT * WHERE {{ ?s ?p ?o }}", {"default-graph-uri": "{url}data.ttl"}),
    ("SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {"named-graph-uri": "{url}data.ttl"}),
    ("DESCRIBE <{url}data.ttl>", {}),
])
def test_a_graph_named_by_a_url_is_an_empty_graph_and_is_not_fetched(server, listener, query, params):
    before = len(listener.requests)
    status, body = sparql(server, query.format(url=listener.url),
                          **{name: value.format(url=listener.url) for name, value in params.items()})
    assert status == 200
    if body.startswith("{"):
        assert json.loads(body)["results"]["bindings"] == []
    else:  # DESCRIBE: an empty graph, as Turtle with only prefix lines
        assert [line for line in body.splitlines() if line and not line.startswith("@prefix")] == []
    assert listener.requests[before:] == []


@pytest.mark.parametrize("query", ["LOAD <{url}data.ttl>", "LOAD SILENT <{url}data.ttl> INTO GRAPH <{url}g>"])
def test_load_is_refused_and_nothing_is_fetched(server, listener, query):
    before = len(listener.requests)
    status, body = sparql(server, query.format(url=listener.url))
    assert status == 403
    assert "read-only" in body
    assert listener.requests[before:] == []


def test_from_a_file_iri_reads_no_file(server):
    # /etc/passwd exists and starts with a "root:" line; an empty result shows it was not read.
    status, body = sparql(server, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert status == 200
    assert json.loads(body)["results"]["bindings"] == []
    status, body = sparql(server, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": "file:///etc/passwd"})
    assert status == 200
    assert json.loads(body)["results"]["bindings"] == []
    assert "root:" not in body


# --- the scanner against Oxigraph: whatever Oxigraph would fetch, the scanner has flagged ---------------------

# String contents are built of atoms, so that escaping them for each kind of quote is exact.
_ATOMS = ["SERVICE", "service", " ", "{", "}", "<", ">", "#", ".", "a", "\n", "'", '"',
          '\\"', "\\'", "\\\\", "\\u0022", "\\u0027", "\\n"]
_TEXT = st.lists(st.sampled_from(_ATOMS), max_size=10)
_QUOTES = ['"', "'", '"""', "'''"]


def _string(atoms: list[str], quote: str) -> str:
    """The atoms as a SPARQL string literal between ``quote``s (quotes like it and short-string newlines escaped)."""
    def escaped(atom: str) -> str:
        if atom == quote[0]:
            return "\\" + atom
        return "\\n" if atom == "\n" and len(quote) == 1 else atom

    return quote + "".join(escaped(atom) for atom in atoms) + quote


@st.composite
def _noise_element(draw, index: int) -> str:
    """A graph pattern element that mentions SERVICE only inside a string, IRI, comment, name or variable."""
    kind = draw(st.sampled_from(["bind", "filter", "iri", "name", "comment", "var", "triple"]))
    atoms = draw(_TEXT)
    if kind == "bind":
        return f"BIND({_string(atoms, draw(st.sampled_from(_QUOTES)))} AS ?b{index})"
    if kind == "filter":
        return f"FILTER(?o != {_string(atoms, draw(st.sampled_from(_QUOTES)))})"
    if kind == "iri":
        return f"BIND(<http://example.org/{draw(st.sampled_from(['SERVICE', 'service', 'x']))}> AS ?b{index})"
    if kind == "name":
        return f"BIND(service:{draw(st.sampled_from(['SERVICE', 'a.SERVICE', 'x']))} AS ?b{index})"
    if kind == "comment":
        return "# " + "".join(atoms).replace("\n", " ") + "\n"
    if kind == "var":
        return f"BIND(1 AS ?SERVICE{index})"
    return "?s ?p ?o"


@st.composite
def _queries(draw, url: str) -> tuple[str, bool]:
    """A query made of noise elements and maybe a SERVICE call, and whether it has that call."""
    elements = [draw(_noise_element(i)) for i in range(draw(st.integers(1, 5)))]
    service = draw(st.booleans())
    if service:
        keyword = draw(st.sampled_from(["SERVICE", "service", "Service", "SERVICE SILENT"]))
        elements.insert(draw(st.integers(0, len(elements))), f"{keyword} <{url}fuzz> {{ ?x ?y ?z }}")
    joiners = [draw(st.sampled_from([" ", "\n", "", " . ", ".", " #c\n"])) for _ in elements]
    body = "".join(joiner + element for joiner, element in zip(joiners, elements))
    return f"PREFIX service: <http://example.org/>\nSELECT * WHERE {{ ?s ?p ?o {body} }}", service


@pytest.fixture(scope="module")
def memory_store() -> ox.Store:
    """An in-memory store with one triple in the default graph (so that every join reaches SERVICE)."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("1")))
    return store


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_scanner_flags_exactly_the_service_calls_oxigraph_would_make(listener, memory_store, data):
    query, has_service = data.draw(_queries(listener.url))
    before = len(listener.requests)
    try:
        list(memory_store.query(query))
        parsed = True
    except SyntaxError:
        parsed = False
    except (OSError, RuntimeError):  # the listener answers 500
        parsed = True
    fetched = len(listener.requests) > before
    event(f"parsed={parsed} service={has_service} fetched={fetched}")
    assert not fetched or scan(query).calls_service  # never a fetch the scanner missed
    if parsed:  # and for a valid query, no false alarm either
        assert scan(query).calls_service == has_service
