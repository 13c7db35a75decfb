"""Response headers over HTTP: a strict Content-Security-Policy and companions on every page, CORS for reads only.

The pages themselves are opened in Chromium under that policy by test_graph_view and test_pages, which
fail on any violation it reports.
"""
from __future__ import annotations

import urllib.parse

import pytest
from serving import http

ASK = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})


@pytest.fixture(scope="module")
def pages(server, store):
    """A path of every kind of page: start, search, entity, article, graph, query page."""
    entity = next(iter(store.query("SELECT ?e WHERE { GRAPH ?g { ?e a <https://schema.org/Person> } } LIMIT 1")))
    identifier = entity["e"].value.split("/entity/", 1)[-1] if "/entity/" in entity["e"].value else None
    article = next(iter(store.query("SELECT ?id WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> ; "
                                    "<https://schema.org/identifier> ?id } } LIMIT 1")))["id"].value
    paths = ["/", "/?q=Sudani", f"/article/{article}", "/graph", "/sparql"]
    if identifier:
        paths.append(f"/entity/{identifier}")
    return paths


def test_every_page_has_the_policy_and_its_companions(server, pages):
    for path in pages:
        reply = http(server + path, headers={"Accept": "text/html"})
        assert (reply.status, reply.media_type) == (200, "text/html"), path
        policy = dict(part.strip().split(" ", 1) for part in reply.headers["content-security-policy"].split(";"))
        assert policy["default-src"] == "'none'" and policy["script-src"] == "'self'", path
        assert "unsafe" not in reply.headers["content-security-policy"]
        assert policy["frame-ancestors"] == "'self'" and policy["base-uri"] == "'none'"
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["x-frame-options"] == "SAMEORIGIN"


@pytest.mark.parametrize("path", [ASK, "/api/entities?q=Iraq", "/.well-known/void"])
def test_reads_may_be_made_from_any_origin(server, path):
    reply = http(server + path, headers={"Origin": "https://notebook.example"})
    assert reply.status == 200
    assert reply.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in reply.headers


def test_a_preflight_allows_reads_only(server):
    read = http(f"{server}/sparql", "OPTIONS", {"Origin": "https://a.example", "Access-Control-Request-Method": "GET"})
    assert read.headers["access-control-allow-origin"] == "*"
    assert read.headers["access-control-allow-methods"] == "GET, HEAD"
    post = http(f"{server}/sparql", "OPTIONS", {"Origin": "https://a.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in post.headers


def test_a_post_answer_cannot_be_read_from_another_origin(server):
    reply = http(f"{server}/sparql", "POST", {"Origin": "https://a.example", "Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"}, b"ASK {}")
    assert reply.status == 200
    assert "access-control-allow-origin" not in reply.headers
