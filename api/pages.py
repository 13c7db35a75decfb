"""HTML pages: the start page (with entity search), entity pages and article pages.

Every string from an article reaches HTML through Jinja's autoescaping or
:func:`markupsafe.escape`; the pages carry no inline script.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import urlencode

from flask import Blueprint, abort, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from kg import lookup
from kg.stats import store_stats

from .db import get_store, per_snapshot

bp = Blueprint("pages", __name__)

SEARCH_PAGE = 50
TOP_SPEAKERS = 10
RELATIONS = {"works_for": "works for", "member_of": "is a member of", "participant": "has as participant",
             "took_place_at": "took place at", "said_about": "said something about"}


def graph_url(entity_id: str, depth: int = 1) -> str:
    """The graph view of an entity's neighbourhood."""
    return "/graph?" + urlencode({"entity": entity_id, "depth": depth})


@bp.app_template_test("web_url")
def is_web_url(value: object) -> bool:
    """Whether ``value`` is an http(s) URL, safe as a link target (``javascript:`` and the like are not)."""
    return isinstance(value, str) and value.startswith(("http://", "https://"))


# --- highlighting -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Highlight:
    """A span of text to mark: ``css`` class, a tooltip, the page it links to and an element id."""

    begin: int
    end: int
    css: str
    title: str
    href: str | None = None
    element_id: str | None = None


def highlight(text: str, spans: list[Highlight]) -> Markup:
    """``text`` as HTML with every span wrapped in ``<span class=...>`` (spans may nest or cross).

    The text is cut at every span boundary; each piece is escaped and sits in
    the spans that cover it, outer (earlier, longer) first, so crossing spans
    are closed and reopened and the HTML stays well nested. Each piece links
    (``<a>``, never nested) to the innermost covering span that has an ``href``.
    """
    spans = [s for s in spans if 0 <= s.begin < s.end <= len(text)]
    order = {id(span): position for position, span in enumerate(spans)}
    cuts = sorted({0, len(text)} | {s.begin for s in spans} | {s.end for s in spans})
    out: list[str] = []
    stack: list[Highlight] = []
    for start, stop in pairwise(cuts):
        active = sorted((s for s in spans if s.begin <= start and stop <= s.end),
                        key=lambda s: (s.begin, -s.end, order[id(s)]))
        shared = 0
        while shared < min(len(stack), len(active)) and stack[shared] is active[shared]:
            shared += 1
        out.extend("</span>" for _ in stack[shared:])
        for span in active[shared:]:
            element_id = span.element_id if span.begin == start else None
            out.append(Markup('<span class="{}" title="{}"{}>').format(
                span.css, span.title, Markup(' id="{}"').format(element_id) if element_id else ""))
        stack = active
        piece = escape(text[start:stop])
        target = next((s for s in reversed(active) if s.href), None)
        out.append(Markup('<a href="{}">{}</a>').format(target.href, piece) if target else piece)
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))


def quote_anchor(quote: lookup.Quote) -> str:
    """The element id of a quotation's highlight on its article page."""
    return f"quote-{quote.begin}-{quote.end}"


def article_highlights(detail: lookup.ArticleDetail) -> list[Highlight]:
    """The quotations (linking to their speaker) and mentions (linking to their entity) of an article."""
    spans = []
    for quote in detail.quotes:
        speaker = quote.speaker
        title = f"{speaker.name} ({quote.cue or 'quoted'})" if speaker else "unattributed quotation"
        href = url_for("pages.entity", entity_id=speaker.id) if speaker else None
        spans.append(Highlight(quote.begin, quote.end, "hl-quote", title, href, quote_anchor(quote)))
    for mention in detail.mentions:
        entity = mention.entity
        spans.append(Highlight(mention.begin, mention.end, f"hl-mention hl-{entity.type.lower()}",
                               f"{entity.name} ({entity.type})", url_for("pages.entity", entity_id=entity.id)))
    return spans


# --- pages ------------------------------------------------------------------------------------------------

@bp.errorhandler(HTTPException)
def _html_error(error: HTTPException):
    """Errors of these pages as a page of the site."""
    return render_template("_error.html", status=error.code, message=error.description), error.code


@bp.get("/")
def index():
    """The start page: entity search, counts, top speakers; with ``q`` or ``type``, the search results."""
    store = get_store()
    text = request.args.get("q", "").strip()
    entity_type = request.args.get("type") or None
    if entity_type is not None and entity_type not in lookup.TYPES:
        abort(400, f"unknown entity type {entity_type!r}; choose one of {', '.join(lookup.TYPES)}")
    results = None
    if text or entity_type:
        offset = request.args.get("offset", "0")
        offset = int(offset) if offset.isdigit() else 0
        results = lookup.search_entities(store, text, entity_type, SEARCH_PAGE, offset)
    return render_template("index.html", text=text, entity_type=entity_type, types=lookup.TYPES, results=results,
                           stats=per_snapshot("stats", store_stats),
                           speakers=per_snapshot("top speakers", lambda s: lookup.top_speakers(s, TOP_SPEAKERS)))


@bp.get("/entity/<path:entity_id>")
def entity(entity_id: str):
    """An entity: names, types, roles, quotations by statement, mentioning articles, neighbours, graph."""
    store = get_store()
    detail = lookup.entity(store, entity_id)
    if detail is None:
        abort(404, f"There is no entity {entity_id!r} in this knowledge graph.")
    return render_template("entity.html", detail=detail, entity=detail.entity,
                           groups=lookup.statement_groups(store, detail.quotes.items), graph=graph_url(entity_id),
                           relations=RELATIONS, quote_anchor=quote_anchor)


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    """An article: its text with entities and quotations highlighted, its quotations and entities."""
    detail = lookup.article(get_store(), article_id)
    if detail is None:
        abort(404, f"There is no article {article_id!r} in this knowledge graph.")
    return render_template("article.html", detail=detail, text=highlight(detail.text, article_highlights(detail)),
                           quote_anchor=quote_anchor)
