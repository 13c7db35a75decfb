"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query only) and its HTML query page.

One URL serves three audiences, told apart by ``Accept`` (with q-values):

- a protocol client with a query gets the result as SPARQL JSON, XML, CSV or
  TSV (SELECT; JSON or XML for ASK) or as Turtle, N-Triples, JSON-LD or RDF/XML
  (CONSTRUCT, DESCRIBE); the first of each list without ``Accept``; 406 when
  nothing it accepts fits;
- a browser (``text/html`` preferred) gets the query page, with the result as
  a table when there is a query;
- a GET without a query that asks for RDF gets the service description,
  with the dataset's VoID/DCAT description (also at ``/.well-known/void``).

Errors go to protocol clients as ``text/plain`` with the reason (the parser's
message for a syntax error) and to browsers as the page with the message.
See :mod:`api.sparql_protocol` for what is refused and why.
"""
from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask.blueprints import BlueprintSetupState

from kg.query_workers import Answer, Job, QueryPool, QueryRefused
from kg.void import DESCRIPTION_PREFIXES

from .db import get_store
from .sparql_formats import (
    FORMATS_BY_KIND,
    GRAPH_FORMATS,
    HTML,
    PAGE_TRANSPORT,
    PREFIX_IRIS,
    SOLUTION_FORMATS,
    Result,
    content_type,
    read_back,
    serialise,
)
from .sparql_html import EXAMPLES, ROW_LIMIT, table
from .sparql_negotiation import best_match
from .sparql_protocol import ALLOWED_METHODS, ProtocolError, QueryRequest, prepare, read_request
from .sparql_service import PREFIXES as SD_PREFIXES
from .sparql_service import service_description

bp = Blueprint("sparql", __name__)
POOL = "kg_sparql_pool"

ALLOW = ", ".join(ALLOWED_METHODS)
# Methods listed only to answer them with the protocol's text/plain 405 rather than Flask's HTML one.
REFUSED_METHODS = ["PUT", "DELETE", "PATCH"]


@bp.record_once
def _create_pool(state: BlueprintSetupState) -> None:
    """The application's query workers (started on first use, or at once by kg serve), as its configuration says."""
    config = state.app.config
    state.app.extensions[POOL] = QueryPool(config["SPARQL_WORKERS"], config["SPARQL_TIMEOUT"],
                                           config["SPARQL_MAX_RESULT_BYTES"], config["SPARQL_QUEUE_TIMEOUT"])


def _wants_html() -> bool:
    """The client prefers the HTML page to every format of the protocol."""
    return best_match(request.headers.get("Accept"), [*SOLUTION_FORMATS, *GRAPH_FORMATS, HTML]) == HTML


def _respond(body: str | bytes, media_type: str, status: int = 200, headers: dict[str, str] | None = None
             ) -> Response:
    """A response whose type was negotiated (so it varies with ``Accept``)."""
    return Response(body, status=status, headers={"Vary": "Accept", **(headers or {})},
                    content_type=content_type(media_type))


def _page(status: int = 200, query: str = "", result: Result | list | None = None, error: str | None = None,
          headers: dict[str, str] | None = None, elapsed_ms: float = 0.0) -> Response:
    """The query page, with ``result`` as a table and/or an ``error`` message."""
    shown = table(result, request.script_root) if result is not None else None
    html = render_template("sparql.html", query=query, table=shown, error=error, examples=EXAMPLES,
                           prefixes=PREFIX_IRIS, row_limit=ROW_LIMIT, elapsed_ms=elapsed_ms)
    return _respond(html, HTML, status, headers)


def _refuse(error: ProtocolError, query: str) -> Response:
    if _wants_html():
        return _page(error.status, query, error=error.message, headers=error.headers)
    return _respond(error.message + "\n", "text/plain", error.status, error.headers)


def _unacceptable(offers: list[str]) -> ProtocolError:
    return ProtocolError(406, f"cannot answer in any type this request accepts (Accept: {request.headers['Accept']}); "
                              f"available: {', '.join(offers)}")


def _negotiate() -> dict[str, str | None]:
    """For each kind of result, the media type this request gets it in (HTML for the page), ``None`` if none fits."""
    accept = request.headers.get("Accept")
    return {kind: best_match(accept, [*formats, HTML]) for kind, formats in FORMATS_BY_KIND.items()}


def _answer(query_request: QueryRequest) -> tuple[Answer, str]:
    """Evaluate the request's query in a worker; the answer and the media type the client gets it in."""
    negotiated = _negotiate()
    written = {kind: None if chosen is None else
               (PAGE_TRANSPORT[kind] if chosen == HTML else FORMATS_BY_KIND[kind][chosen]).media_type
               for kind, chosen in negotiated.items()}
    job = Job(get_store().reader_location, query_request.query or "", prepare(query_request, request.base_url),
              written, PREFIX_IRIS)
    try:
        answer = current_app.extensions[POOL].run(job)
    except QueryRefused as refused:
        raise ProtocolError(refused.status, refused.message) from None
    chosen = negotiated[answer.kind]
    if chosen is None:
        raise _unacceptable([*FORMATS_BY_KIND[answer.kind], HTML])
    return answer, chosen


def _without_query() -> Response:
    """A GET without a query: the service description, or the empty query page for a browser."""
    offers = [*GRAPH_FORMATS, HTML]
    media_type = best_match(request.headers.get("Accept"), offers)
    if media_type is None:
        raise _unacceptable(offers)
    if media_type == HTML:
        return _page()
    store = get_store()
    triples = service_description(store.db, request.base_url) + store.dataset_description(request.base_url)
    return _respond(serialise(triples, media_type, SD_PREFIXES), media_type)


@bp.route("/.well-known/void")
def void() -> Response:
    """The dataset's VoID/DCAT description (:mod:`kg.void`), naming this endpoint; Turtle unless asked otherwise."""
    media_type = best_match(request.headers.get("Accept"), list(GRAPH_FORMATS))
    if media_type is None:
        return _respond(_unacceptable(list(GRAPH_FORMATS)).message + "\n", "text/plain", 406)
    triples = get_store().dataset_description(url_for("sparql.endpoint", _external=True))
    return _respond(serialise(triples, media_type, {**PREFIX_IRIS, **DESCRIPTION_PREFIXES}), media_type)


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", *REFUSED_METHODS], provide_automatic_options=False)
def endpoint() -> Response:
    """The SPARQL 1.1 Protocol query operation (GET, POST form, POST ``application/sparql-query``)."""
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": ALLOW})
    shown_query = request.args.get("query", "")  # for the page, should the request be refused
    try:
        if request.method not in ALLOWED_METHODS:
            raise ProtocolError(405, f"{request.method} is not allowed here: send SPARQL queries with GET or POST",
                                {"Allow": ALLOW})
        query_request = read_request(request)
        shown_query = query_request.query or ""
        if query_request.query is None:
            return _without_query()
        started = time.perf_counter()
        answer, media_type = _answer(query_request)
        if media_type == HTML:
            return _page(query=query_request.query, result=read_back(answer.kind, answer.body),
                         elapsed_ms=(time.perf_counter() - started) * 1000)
        return _respond(answer.body, media_type)
    except ProtocolError as error:
        return _refuse(error, shown_query)
