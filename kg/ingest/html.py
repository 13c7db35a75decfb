"""Pull the article (title, body text, canonical URL, date) out of a web page."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

import lxml.html
from lxml import etree

from kg.ingest.dates import parse_date

_CHROME = json.loads((resources.files("kg") / "data" / "html_chrome.json").read_text(encoding="utf-8"))
# Elements that never hold article text, and class/id words, their stems ("navbar",
# "sharebar", "cookie-banner") and ARIA roles that mark page furniture.
_DROP_TAGS = frozenset(_CHROME["drop_tags"])
_CHROME_WORDS = frozenset(_CHROME["chrome_words"])
_CHROME_STEMS = tuple(_CHROME["chrome_stems"])
_CHROME_ROLES = frozenset(_CHROME["chrome_roles"])
# Containers that are kept whatever their class says (a "has-comments" body).
_CONTAINERS = frozenset({"html", "body", "article", "main"})
# Elements that start a new paragraph.
_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
_DATE_META = (
    "article:published_time", "og:published_time", "pubdate", "publishdate", "dc.date.issued", "dc.date", "date",
)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


@dataclass(frozen=True)
class HtmlArticle:
    """What a web page says about its article; empty fields when it says nothing."""

    title: str = ""
    text: str = ""
    url: str | None = None
    published: dt.date | dt.datetime | None = None


def _squash(text: str) -> str:
    """Collapse HTML whitespace to single spaces."""
    return " ".join(text.split())


def _meta(doc: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property, name or itemprop (first wins)."""
    found: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            found.setdefault(key, content)
    return found


def _canonical_url(doc: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    """``<link rel=canonical>``, else ``og:url``."""
    for link in doc.iter("link"):
        href = (link.get("href") or "").strip()
        if href and "canonical" in (link.get("rel") or "").lower().split():
            return href
    return meta.get("og:url")


def _json_ld_values(doc: lxml.html.HtmlElement, key: str) -> Iterator[str]:
    """String values of ``key`` anywhere in the page's JSON-LD blocks."""
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            stack = [json.loads(script.text or "")]
        except (ValueError, RecursionError):
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get(key), str):
                    yield item[key]
                stack.extend(reversed(item.values()))
            elif isinstance(item, list):
                stack.extend(reversed(item))


def _published(doc: lxml.html.HtmlElement, meta: dict[str, str]) -> dt.date | dt.datetime | None:
    """The first parseable publication date the page gives."""
    candidates = [
        *(meta[key] for key in _DATE_META if key in meta),
        *_json_ld_values(doc, "datePublished"),
        *(el.get("content") or el.get("datetime") or el.text_content()
          for el in doc.xpath("//*[@itemprop='datePublished']")),
        *(el.get("datetime") for el in doc.xpath("//article//time[@datetime]")),
        *(el.get("datetime") for el in doc.xpath("//time[@datetime]")),
    ]
    return next(filter(None, map(parse_date, candidates)), None)


def _is_chrome(element: lxml.html.HtmlElement) -> bool:
    """Whether ``element`` is page furniture rather than article content."""
    if element.tag in _DROP_TAGS:
        return True
    if element.tag in _CONTAINERS:
        return False
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").strip().lower() in _CHROME_ROLES:
        return True
    words = set(_WORD_SPLIT.split(f"{element.get('class') or ''} {element.get('id') or ''}".lower()))
    return bool(words & _CHROME_WORDS) or any(word.startswith(_CHROME_STEMS) for word in words)


def _content_root(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The largest ``<article>``, else ``<main>``, ``[role=main]``, ``<body>``, the page."""
    articles = doc.xpath("//article")
    if articles:
        return max(articles, key=lambda article: len(article.text_content()))
    return next(iter(doc.xpath("//main") or doc.xpath("//*[@role='main']") or doc.xpath("//body")), doc)


def _paragraphs(root: lxml.html.HtmlElement) -> list[str]:
    """The text of ``root`` split into paragraphs at block elements."""
    chunks: list[list[str]] = [[]]
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element.tag in _BLOCKS and chunks[-1]:
            chunks.append([])
        text = element.text if event == "start" else (element.tail if element is not root else None)
        if text:
            chunks[-1].append(text)
    return [paragraph for paragraph in (_squash("".join(chunk)) for chunk in chunks) if paragraph]


# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def extract_html(markup: str) -> HtmlArticle:
    """Extract the article of a web page; never raises on malformed markup.

    Metadata first (``og:title``, canonical link or ``og:url``, publication
    date from meta tags, JSON-LD, ``itemprop=datePublished`` or ``<time>``),
    then page furniture is dropped (scripts, navigation, headers and footers,
    share bars, comments, cookie banners, related links, figure captions)
    and the text of the main content is joined into paragraphs separated by
    blank lines. The title falls back to the first ``<h1>``, then ``<title>``.
    """
    markup = _NOT_XML.sub("", markup)  # lxml refuses to hold text with these characters
    try:
        doc = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return HtmlArticle()
    meta = _meta(doc)
    url = _canonical_url(doc, meta)
    published = _published(doc, meta)
    for element in [element for element in doc.iter(etree.Element) if _is_chrome(element)]:
        element.drop_tree()
    root = _content_root(doc)
    heading = next(iter(root.xpath(".//h1") + doc.xpath("//h1") + doc.xpath("//title")), None)
    title = meta.get("og:title") or (_squash(heading.text_content()) if heading is not None else "")
    return HtmlArticle(_squash(title), "\n\n".join(_paragraphs(root)), url, published)
