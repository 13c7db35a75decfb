"""Tests for kg.ingest.html: article extraction from web pages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.html import HtmlArticle, extract_html

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "article.html"


def test_article_page() -> None:
    assert extract_html(FIXTURE.read_text(encoding="utf-8")) == HtmlArticle(
        title="US & Iraq begin talks on the coalition",
        text=(
            "US & Iraq begin talks on the coalition\n\n"
            "Iraq and the United States held a “first round” of talks in Baghdad on Saturday.\n\n"
            "About 2,500 US troops remain in Iraq & 900 in Syria."
        ),
        url="https://news.example.com/2024/01/25/us-iraq-talks",
        published=dt.datetime(2024, 1, 25, 10, 0, tzinfo=dt.timezone.utc),
    )


def page(head: str = "", body: str = "") -> str:
    """A minimal HTML page."""
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        (page('<meta property="og:title" content="From OG"><title>From title</title>', "<h1>From h1</h1>"), "From OG"),
        (page("<title>From title</title>", "<h1>From  <em>h1</em></h1><p>x</p>"), "From h1"),
        (page("<title>From title</title>", "<header><h1>Site logo</h1></header><p>x</p>"), "From title"),
        (page("", "<h1>Page h1</h1><article><h1>Article h1</h1><p>x</p></article>"), "Article h1"),
        (page("", "<p>x</p>"), ""),
    ],
)
def test_title_fallbacks(markup: str, title: str) -> None:
    assert extract_html(markup).title == title


@pytest.mark.parametrize(
    ("markup", "url"),
    [
        (page('<link rel="canonical" href="https://a.example/1"><meta property="og:url" content="https://b.example/2">'),
         "https://a.example/1"),
        (page('<meta property="og:url" content="https://b.example/2">'), "https://b.example/2"),
        (page('<link rel="stylesheet" href="x.css">'), None),
    ],
)
def test_url(markup: str, url: str | None) -> None:
    assert extract_html(markup).url == url


@pytest.mark.parametrize(
    ("markup", "published"),
    [
        (page('<meta property="article:published_time" content="2024-01-25">'), dt.date(2024, 1, 25)),
        (page('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
              '"datePublished": "2024-01-24T08:00:00Z"}]}</script>'),
         dt.datetime(2024, 1, 24, 8, 0, tzinfo=dt.timezone.utc)),
        (page('<script type="application/ld+json">{not json</script>'), None),
        (page("", '<span itemprop="datePublished" content="2024-01-23">Jan 23</span>'), dt.date(2024, 1, 23)),
        (page("", '<p>Posted <time datetime="2024-01-22">Monday</time></p>'), dt.date(2024, 1, 22)),
        (page("", '<time datetime="2024-01-01">today</time><article><time datetime="2024-01-21">x</time></article>'),
         dt.date(2024, 1, 21)),
        (page('<meta property="article:published_time" content="soon">', '<time datetime="2024-01-20">x</time>'),
         dt.date(2024, 1, 20)),
        (page("", "<p>No date here.</p>"), None),
    ],
)
def test_published(markup: str, published: dt.date | None) -> None:
    assert extract_html(markup).published == published


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<article><p>Short.</p></article><article><p>The longer article.</p><p>Two.</p></article>",
         "The longer article.\n\nTwo."),
        ("<div>Outside.</div><main><p>Inside main.</p></main>", "Inside main."),
        ('<div>Outside.</div><div role="main"><p>Inside role.</p></div>', "Inside role."),
        ("<p>One</p>Loose text<ul><li>Item A</li><li>Item <b>B</b></li></ul>", "One\n\nLoose text\n\nItem A\n\nItem B"),
        ("<p>Line<br>break</p>", "Line\n\nbreak"),
        ("<p>a <span>b</span>c<!-- note -->d</p>", "a bcd"),
        ('<p>Kept.</p><div class="social-share">Share</div><div id="comments">Nice!</div>'
         '<div class="newsletter-signup">Sign up</div><div role="navigation">Menu</div>'
         '<p hidden>Hidden.</p><div aria-hidden="true">Icon</div>', "Kept."),
        ('<article class="post has-comments"><p>Body kept.</p></article>', "Body kept."),
        ("<blockquote><p>Quoted.</p></blockquote><pre>a   b</pre>", "Quoted.\n\na b"),
    ],
)
def test_body_text(body: str, text: str) -> None:
    assert extract_html(page("", body)).text == text


@pytest.mark.parametrize(
    "markup",
    ["", "   ", "<!-- only a comment -->", "<p>unclosed <b>bold", "<div " * 500, "\x00\ud800",
     "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>"],
)
def test_malformed_markup_never_raises(markup: str) -> None:
    assert isinstance(extract_html(markup), HtmlArticle)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("", HtmlArticle()),
        ("<p>unclosed <b>bold", HtmlArticle(text="unclosed bold")),
        ("<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>", HtmlArticle(text="x")),
    ],
)
def test_malformed_markup_result(markup: str, expected: HtmlArticle) -> None:
    assert extract_html(markup) == expected


TAG_SOUP = st.sampled_from(
    ["<p>", "</p>", "<article>", "</article>", "<nav>", "<div class='share'>", "</div>", "<script>", "</script>",
     "<!--", "-->", "<br>", "&amp;", "&bogus;", "<h1>", "</h1>", "<meta property='og:title' content='T'>",
     "<time datetime='2024-01-25'>", "<script type='application/ld+json'>{\"datePublished\": [", "text", " ", "\n"]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(TAG_SOUP).map("".join)))
def test_arbitrary_markup_never_raises(markup: str) -> None:
    article = extract_html(markup)
    assert isinstance(article.text, str) and "\n\n\n" not in article.text
