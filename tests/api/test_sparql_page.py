"""The query page at /sparql for a browser: form, examples, result table, links, escaping, no JavaScript needed.

Pages are read with lxml's HTML parser, and, for escaping, rendered by
headless Chromium, whose DOM shows whether any markup from an article got in.
"""
from __future__ import annotations

import subprocess
import urllib.error
import urllib.parse
import urllib.request

import lxml.html
import pytest
import rdflib
from serving import HOSTILE_NAME

from api.sparql_html import EXAMPLES
from kg.vocab import BASE, SCHEMA, entity_id

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what Chromium sends


def page(server: str, query: str | None = None) -> tuple[int, lxml.html.HtmlElement]:
    """GET /sparql (with ``query``) as a browser: the status and the parsed page."""
    url = f"{server}/sparql" + (f"?{urllib.parse.urlencode({'query': query})}" if query is not None else "")
    request = urllib.request.Request(url, headers={"Accept": BROWSER})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, content_type, body = response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        status, content_type, body = error.code, error.headers["Content-Type"], error.read()
    assert content_type.startswith("text/html")
    return status, lxml.html.fromstring(body)


def cells(document: lxml.html.HtmlElement) -> list[dict[str, lxml.html.HtmlElement]]:
    """The result table's rows, each a column name -> cell element mapping."""
    columns = [th.text_content() for th in document.xpath("//table[contains(@class, 'sparql-table')]//th")]
    return [dict(zip(columns, tr.xpath("./td")))
            for tr in document.xpath("//table[contains(@class, 'sparql-table')]/tbody/tr")]


@pytest.fixture(scope="module")
def exported(seeds_export) -> rdflib.Dataset:
    """The seeds store as ``kg export --format nquads`` writes it, parsed by rdflib (reads see all graphs)."""
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(seeds_export("nquads"), format="nquads")
    return dataset


def test_the_empty_page_has_the_form_examples_and_prefixes(server):
    status, document = page(server)
    assert status == 200
    form = document.xpath("//form[textarea[@name='query']]")[0]
    assert (form.get("method"), form.get("action")) == ("get", "/sparql")
    assert len(document.xpath("//ul[@class='sparql-examples']/li/a")) == len(EXAMPLES) == 3
    assert "PREFIX schema: <https://schema.org/>" in document.xpath("//pre[@class='sparql-prefixes']")[0].text_content()


def test_the_page_needs_no_javascript_and_nothing_from_elsewhere(server):
    _, document = page(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert document.xpath("//script") == []
    for element, attribute in (("link", "href"), ("img", "src"), ("iframe", "src")):
        for url in document.xpath(f"//{element}/@{attribute}"):
            assert not urllib.parse.urlsplit(url).netloc, url  # local: no host, no CDN


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.title)
def test_every_example_link_runs_its_query_and_shows_rows(server, example):
    _, start = page(server)
    link, = [a.get("href") for a in start.xpath("//ul[@class='sparql-examples']/li/a") if a.text == example.title]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["query"][0]
    assert query == example.query
    status, document = page(server, query)
    assert status == 200 and not document.xpath("//*[@class='error']")
    assert len(cells(document)) > 0
    assert document.xpath("//textarea[@name='query']")[0].text == example.query


def test_who_said_what_shows_every_attributed_quotation(server, exported):
    expected = set()
    for quote in set(exported.subjects(rdflib.RDF.type, SCHEMA.Quotation)):
        for speaker in exported.objects(quote, SCHEMA.creator):
            for name in exported.objects(speaker, SCHEMA.name):
                expected |= {(str(name), str(text)) for text in exported.objects(quote, SCHEMA.text)}
    _, document = page(server, EXAMPLES[0].query)
    shown = {(row["name"].text_content(), row["text"].text_content()) for row in cells(document)}
    assert shown == expected and len(expected) > 5


def test_entities_and_articles_link_to_their_pages(server, exported):
    _, document = page(server, EXAMPLES[0].query)
    rows = cells(document)
    for row in rows:
        speaker = row["speaker"].xpath("./a")[0]
        assert speaker.get("href") == "/entity/" + speaker.text_content()[len(BASE):]
        assert entity_id(speaker.text_content()) is not None
        article = row["article"].xpath("./a")[0]
        identifier = exported.value(rdflib.URIRef(article.text_content()), SCHEMA.identifier)
        assert article.get("href") == f"/article/{identifier}"
    for href in (rows[0]["speaker"].xpath("./a/@href")[0], rows[0]["article"].xpath("./a/@href")[0]):
        with urllib.request.urlopen(server + href, timeout=30) as response:  # the pages exist
            assert response.status == 200


def test_only_project_iris_become_links(server):
    _, document = page(server, "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <http://example.org/a> "
                               f"<{BASE}person/x/y> <{BASE}article/a/quote/1-2> 'text' }} }}")
    assert [row["x"].text_content() for row in cells(document)] == [
        "javascript:alert(1)", "http://example.org/a", f"{BASE}person/x/y", f"{BASE}article/a/quote/1-2", "text"]
    assert document.xpath("//table[contains(@class, 'sparql-table')]//a") == []


def test_ask_and_construct_have_their_own_views(server):
    _, ask = page(server, "ASK { ?s a schema:NewsArticle }")
    assert ask.xpath("//p[@class='sparql-boolean']")[0].text_content() == "true"
    _, construct = page(server, "CONSTRUCT { ?s a schema:Person } WHERE { ?s a schema:Person } LIMIT 1")
    row, = cells(construct)
    assert (row["predicate"].text_content(), row["object"].text_content()) == ("rdf:type", "schema:Person")


def test_a_long_result_is_cut_at_1000_rows_with_a_note(server):
    _, document = page(server, "SELECT * WHERE { ?s ?p ?o }")
    assert len(cells(document)) == 1000
    assert "The first 1000 rows" in document.xpath("//section[@class='sparql-result']")[0].text_content()


def test_an_error_is_shown_on_the_page_with_the_query_kept(server):
    query = "SELECT * WHERE { ?s ?p </textarea><script>alert(1)</script>"
    status, document = page(server, query)
    assert status == 400
    assert "SPARQL syntax error" in document.xpath("//p[@class='error']")[0].text_content()
    assert document.xpath("//textarea[@name='query']")[0].text == query
    assert document.xpath("//script") == []


HOSTILE_QUERY = """SELECT ?name ?headline ?text WHERE {
  ?person a schema:Person ; schema:name ?name .
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?quote schema:text ?text }
}"""


def test_article_strings_are_escaped(hostile_server):
    _, document = page(hostile_server, HOSTILE_QUERY)
    shown = cells(document)
    assert HOSTILE_NAME in {row["name"].text_content() for row in shown}
    assert any("<script>" in row["headline"].text_content() for row in shown)
    assert document.xpath("//main//script | //main//img | //main//svg | //main//b") == []


def test_chromium_runs_no_markup_from_articles(hostile_server, tmp_path):
    url = f"{hostile_server}/sparql?" + urllib.parse.urlencode({"query": HOSTILE_QUERY})
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=True).stdout
    document = lxml.html.fromstring(dom)
    assert HOSTILE_NAME in {row["name"].text_content() for row in cells(document)}
    assert document.xpath("//script | //img | //svg | //main//b") == []
