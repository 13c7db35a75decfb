"""``/api/*``: the JSON API (quotes by speaker, entity search and detail, articles, OpenAPI).

Every answer is JSON, errors too: ``{"error": {"status": 404, "message": "..."}}``
for unknown ids and routes below ``/api``, 400 for bad parameters, 405 for a
method a route does not take. Lists are JSON arrays, one page at a time
(``limit``, ``offset``); the ``X-Total-Count`` header gives the number of items
in all, and a ``Link: <...>; rel="next"`` header the next page's URL. The data
comes from :mod:`kg.lookup`; this module only reads parameters and shapes JSON.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, Response, abort, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from kg import lookup
from kg.vocab import article_iri

from . import openapi
from .db import get_store
from .pages import graph_url

bp = Blueprint("rest", __name__, url_prefix="/api")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
QUOTE_PARAMETERS = ("speaker", "about", "article", "from", "to", "limit", "offset")
ENTITY_PARAMETERS = ("q", "type", "limit", "offset")


# --- errors -----------------------------------------------------------------------------------------------

def error_response(status: int, message: str) -> Response:
    """The JSON error body every ``/api`` error has."""
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    return response


@bp.app_errorhandler(HTTPException)
def _json_errors(error: HTTPException) -> Response | HTTPException:
    """HTTP errors below ``/api`` (unknown routes and methods too) as JSON; elsewhere as they are."""
    if not (request.path == bp.url_prefix or request.path.startswith(bp.url_prefix + "/")):
        return error
    response = error_response(error.code or 500, error.description or error.name)
    allowed = getattr(error, "valid_methods", None)
    if allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response



# --- parameters -------------------------------------------------------------------------------------------

def _check_parameters(allowed: tuple[str, ...]) -> None:
    """400 for a parameter the route does not take (a typo would otherwise be ignored silently)."""
    for name in request.args:
        if name not in allowed:
            abort(400, f"unknown parameter {name!r}; this route takes {', '.join(allowed)}")


def _text(name: str) -> str | None:
    """A text parameter, ``None`` when absent; 400 when given but blank."""
    value = request.args.get(name)
    if value is not None and not value.strip():
        abort(400, f"parameter {name!r} must not be empty")
    return value


def _integer(name: str, default: int, low: int, high: int | None = None) -> int:
    """An integer parameter within ``[low, high]``; 400 otherwise."""
    value = request.args.get(name)
    if value is None:
        return default
    number = int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None
    if number is None or number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        abort(400, f"parameter {name!r} must be an integer {bounds}, not {value!r}")
    return number


def _date(name: str) -> dt.date | None:
    """An ISO date parameter (``YYYY-MM-DD``); 400 otherwise."""
    value = request.args.get(name)
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        abort(400, f"parameter {name!r} must be a date as YYYY-MM-DD, not {value!r}")


def _page_bounds() -> tuple[int, int]:
    return _integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT), _integer("offset", 0, 0)


def _page_response(page: lookup.Page, items: list[dict[str, Any]]) -> Response:
    """A JSON array with the total in ``X-Total-Count`` and the next page in ``Link``."""
    response = jsonify(items)
    response.headers["X-Total-Count"] = str(page.total)
    if page.has_next:
        arguments = {**request.args.to_dict(), "offset": page.offset + len(page.items)}
        response.headers["Link"] = f'<{url_for(request.endpoint, **arguments)}>; rel="next"'
    return response


# --- JSON shapes ------------------------------------------------------------------------------------------

def _link(endpoint: str, name: str, value: str) -> str:
    """``url_for(endpoint, name=value)``, remembered for the rest of the request (a page of quotations names
    the same speaker and articles again and again, and building a URL costs more than the rest of a quotation)."""
    links = g.setdefault("rest_links", {})
    key = (endpoint, name, value)
    if key not in links:
        links[key] = url_for(endpoint, **{name: value})
    return links[key]


def entity_links(identifier: str) -> dict[str, str]:
    """Where an entity is shown: its page and its JSON."""
    return {"page": _link("pages.entity", "entity_id", identifier),
            "api": _link("rest.entity", "entity_id", identifier)}


def _entity_ref(ref: lookup.EntityRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"id": ref.id, "iri": ref.iri, "name": ref.name, "type": ref.type, "links": entity_links(ref.id)}


def _entity_summary(entity: lookup.Entity) -> dict[str, Any]:
    return {**_entity_ref(entity), "types": list(entity.types), "alternate_names": list(entity.alternate_names),
            "same_as": list(entity.same_as)}


def _article_ref(ref: lookup.ArticleRef) -> dict[str, Any]:
    return {"id": ref.id, "iri": ref.iri, "headline": ref.headline, "url": ref.url, "date": ref.date,
            "links": {"page": _link("pages.article", "article_id", ref.id),
                      "api": _link("rest.article", "article_id", ref.id)}}


def _quote(quote: lookup.Quote) -> dict[str, Any]:
    statement = quote.statement
    return {
        "iri": quote.iri, "text": quote.text, "direct": quote.direct, "cue": quote.cue,
        "speaker": _entity_ref(quote.speaker), "speaker_role": quote.speaker_role,
        "offsets": {"begin": quote.begin, "end": quote.end},
        "article": _article_ref(quote.article),
        "statement": None if statement is None else {
            "iri": statement.iri, "text": statement.text, "source_count": statement.source_count,
            "other_sources": max(statement.source_count - 1, 0)},
        "links": {"article": _link("pages.article", "article_id", quote.article.id),
                  "speaker": _link("rest.entity", "entity_id", quote.speaker.id) if quote.speaker else None},
    }


# --- routes -----------------------------------------------------------------------------------------------

@bp.get("/quotes")
def quotes() -> Response:
    """Quotations, filtered by speaker, entity talked about, article and publication dates."""
    _check_parameters(QUOTE_PARAMETERS)
    store = get_store()
    speaker, about, article = _text("speaker"), _text("about"), _text("article")
    date_from, date_to = _date("from"), _date("to")
    if date_from and date_to and date_from > date_to:
        abort(400, f"parameter 'from' ({date_from}) is after 'to' ({date_to})")
    limit, offset = _page_bounds()
    conditions = lookup.QuoteFilter(
        speakers=tuple(lookup.resolve_entities(store, speaker)) if speaker is not None else None,
        about=tuple(lookup.resolve_entities(store, about)) if about is not None else None,
        article=article_iri(article) if article is not None else None,
        date_from=date_from, date_to=date_to)
    page = lookup.quotes(store, conditions, limit, offset)
    return _page_response(page, [_quote(quote) for quote in page.items])


@bp.get("/entities")
def entities() -> Response:
    """Entities whose name or alias starts with ``q`` (any case), optionally of one type."""
    _check_parameters(ENTITY_PARAMETERS)
    entity_type = _text("type")
    if entity_type is not None and entity_type not in lookup.TYPES:
        abort(400, f"parameter 'type' must be one of {', '.join(lookup.TYPES)}, not {entity_type!r}")
    limit, offset = _page_bounds()
    page = lookup.search_entities(get_store(), request.args.get("q", ""), entity_type, limit, offset)
    return _page_response(page, [_entity_summary(entity) for entity in page.items])


@bp.get("/entities/<path:entity_id>")
def entity(entity_id: str) -> Response:
    """One entity: names, types, roles, quotations, mentioning articles and neighbours."""
    _check_parameters(())
    detail = lookup.entity(get_store(), entity_id)
    if detail is None:
        abort(404, f"no entity {entity_id!r}")
    return jsonify({
        **_entity_summary(detail.entity),
        "roles": [{"title": role.title, "organization": _entity_ref(role.organization),
                   "article": _article_ref(role.article), "date": role.date} for role in detail.roles],
        "quotes": [_quote(quote) for quote in detail.quotes.items],
        "quote_count": detail.quotes.total,
        "mentions": [{"article": _article_ref(m.article), "count": m.count, "forms": list(m.forms)}
                     for m in detail.articles.items],
        "article_count": detail.articles.total,
        "neighbours": [{"entity": _entity_ref(n.entity), "relation": n.relation, "direction": n.direction,
                        "count": n.count} for n in detail.neighbours],
        "links": {**entity_links(entity_id), "quotes": url_for("rest.quotes", speaker=entity_id),
                  "graph": graph_url(entity_id)},
    })


@bp.get("/articles/<path:article_id>")
def article(article_id: str) -> Response:
    """One article: headline, url, date, text, the entities it names (with offsets) and its quotations."""
    _check_parameters(())
    detail = lookup.article(get_store(), article_id)
    if detail is None:
        abort(404, f"no article {article_id!r}")
    return jsonify({
        **_article_ref(detail.article),
        "text": detail.text, "source_file": detail.source_file,
        "entities": [{"entity": _entity_ref(e.entity), "mentions": e.mentions} for e in detail.entities],
        "mentions": [{"begin": m.begin, "end": m.end, "text": m.text, "entity": m.entity.id} for m in detail.mentions],
        "quotes": [_quote(quote) for quote in detail.quotes],
    })


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """The OpenAPI 3.1 description of this API."""
    _check_parameters(())
    return jsonify(openapi.document())
