"""The SPARQL 1.1 Protocol's query operation: reading a request, refusing what a read-only endpoint must, evaluating.

A request carries its query in one of three ways (section 2.1): ``GET
?query=``, ``POST`` of an ``application/x-www-form-urlencoded`` form, ``POST``
of an ``application/sparql-query`` body. ``default-graph-uri`` and
``named-graph-uri`` (in the URL, or in the form of a form ``POST``) give the
dataset. Parameters are decoded strictly as UTF-8 here rather than by
Werkzeug, which would replace bad bytes silently.

Evaluation is Oxigraph's, in a worker process (:mod:`kg.query_workers`). The dataset is, in order of precedence: the
protocol's graphs (then both lists replace the query's ``FROM``/``FROM NAMED``,
as section 2.1.4 says); the query's own ``FROM``/``FROM NAMED``; otherwise the
union of all named graphs as the default graph, with every named graph
available to ``GRAPH``. A graph the store does not hold is an empty graph:
nothing is ever fetched or read from elsewhere. ``SERVICE`` is refused before
evaluation (see :mod:`api.sparql_lexer`), and so is every form of SPARQL Update.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Request

from .sparql_formats import PREFIX_IRIS
from .sparql_lexer import scan

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS", "POST")
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted (send queries only)"
UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")


class ProtocolError(Exception):
    """A request the endpoint refuses: an HTTP status and a message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class QueryRequest:
    """A protocol request's query and dataset. ``query`` is ``None`` when the request has none (a bare GET)."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        """The protocol names the dataset (``default-graph-uri`` or ``named-graph-uri``)."""
        return bool(self.default_graphs or self.named_graphs)


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"{what} is not UTF-8 ({exc.reason} at byte {exc.start}): "
                                 "send SPARQL requests encoded as UTF-8") from exc


def _parameters(data: bytes, what: str) -> list[tuple[str, str]]:
    """``name=value`` pairs of a query string or form body, percent-decoded as strict UTF-8."""
    try:
        return parse_qsl(_decode(data, what), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"{what} is not UTF-8 once percent-decoded ({exc.reason}): "
                                 "send SPARQL requests encoded as UTF-8") from exc


def _check_charset(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(400, f"charset={charset} is not supported: send the request body as UTF-8")


def _body(request: Request) -> bytes:
    """The request's body, or 413 when it is larger than the application's ``MAX_CONTENT_LENGTH``."""
    limit = request.max_content_length
    too_large = ProtocolError(413, f"request body larger than the endpoint's limit of {limit:,} bytes")
    if request.content_length is not None and request.content_length > limit:
        raise too_large
    data = request.stream.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return data


def _iris(values: list[str], parameter: str) -> tuple[str, ...]:
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as exc:
            raise ProtocolError(400, f"{parameter}={value!r} is not an absolute IRI: {exc}") from exc
    return tuple(values)


def read_request(request: Request) -> QueryRequest:
    """The query and dataset of a GET or POST request, or :class:`ProtocolError` for a bad one.

    Refused: a POST whose ``Content-Type`` is neither a form nor
    ``application/sparql-query`` (415), a body not in UTF-8 (400), updates in
    any form (403), a repeated ``query`` (400), a ``query`` in both the URL and
    the body (400), a dataset IRI that is not an absolute IRI (400).
    """
    parameters = _parameters(request.query_string, "the URL's query string")
    query_parts: list[str] = [value for name, value in parameters if name == "query"]
    if request.method == "POST":
        if request.mimetype == SPARQL_UPDATE:
            raise ProtocolError(403, READ_ONLY)
        if request.mimetype == FORM:
            _check_charset(request)
            form = _parameters(_body(request), "the form body")
            if query_parts and any(name == "query" for name, _ in form):
                raise ProtocolError(400, "query given in both the URL and the form body: give it once")
            parameters += form
            query_parts += [value for name, value in form if name == "query"]
        elif request.mimetype == SPARQL_QUERY:
            _check_charset(request)
            if query_parts:
                raise ProtocolError(400, f"a POST of {SPARQL_QUERY} carries the query in its body, "
                                         "not also in a query= parameter")
            query_parts = [_decode(_body(request), "the request body")]
        else:
            given = f"Content-Type {request.mimetype}" if request.mimetype else "no Content-Type"
            raise ProtocolError(415, f"{given}: POST a query as {FORM} (query=...) or as {SPARQL_QUERY}",
                                {"Accept-Post": f"{FORM}, {SPARQL_QUERY}"})
    names = {name for name, _ in parameters}
    if names & set(UPDATE_PARAMETERS):
        raise ProtocolError(403, READ_ONLY)
    if len(query_parts) > 1:
        raise ProtocolError(400, f"query given {len(query_parts)} times: give exactly one query")
    default_graphs = _iris([value for name, value in parameters if name == "default-graph-uri"], "default-graph-uri")
    named_graphs = _iris([value for name, value in parameters if name == "named-graph-uri"], "named-graph-uri")
    query = query_parts[0] if query_parts else None
    if query is None and (request.method == "POST" or default_graphs or named_graphs):
        raise ProtocolError(400, "no query: send query=... (GET or a form POST), or POST the query itself as "
                                 + SPARQL_QUERY)
    return QueryRequest(query, default_graphs, named_graphs)


def prepare(request: QueryRequest, base_iri: str | None = None) -> dict[str, Any]:
    """Check the request's query and give the options it is evaluated with (``ox.Store.query``'s, graphs as IRIs).

    Refused here, before evaluation: an empty query (400), an update sent as a
    query (403), ``SERVICE`` (400). The project's prefixes
    (:data:`kg.vocab.PREFIXES`) are predeclared; a query's own ``PREFIX``
    declarations take precedence. Relative IRIs resolve against ``base_iri``
    (the endpoint's URL).
    """
    text = request.query or ""
    if not text.strip():
        raise ProtocolError(400, "the query is empty")
    found = scan(text)
    if found.is_update:
        raise ProtocolError(403, READ_ONLY)
    if found.calls_service:
        raise ProtocolError(400, "SERVICE (federated query) is not supported: this endpoint only queries its own "
                                 "store and never fetches from other services")
    options: dict[str, Any] = {"prefixes": PREFIX_IRIS, "base_iri": base_iri}
    if request.has_dataset:
        options["default_graph"] = list(request.default_graphs)
        options["named_graphs"] = list(request.named_graphs)
    elif not found.has_dataset_clause:
        options["use_default_graph_as_union"] = True
    return options


__all__ = ["ALLOWED_METHODS", "FORM", "READ_ONLY", "SPARQL_QUERY", "SPARQL_UPDATE",
           "ProtocolError", "QueryRequest", "prepare", "read_request"]
