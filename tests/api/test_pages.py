"""The HTML pages, read by a real client from the real server and parsed with the standard library's parser.

What each page must show is worked out here from SPARQL over the same store and
from the gold annotations; escaping is checked on the served HTML and, after
Chromium has rendered it, on the live DOM.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from browser import Browser
from sparql_rows import select

from api.background import start as start_server
from api.background import stop as stop_server
from kg.store import Store
from kg.vocab import ENTITIES_GRAPH, article_iri, entity_id

SUDANI = "Mohammed Shia al-Sudani"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RUNNABLE = {"script", "img", "svg", "iframe", "object", "embed", "b"}  # what the hostile data tries to inject


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def find_all(self, tag: str | None = None, css: str | None = None) -> list[Element]:
        """Descendants with this tag and/or class, in document order."""
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (css is None or css in child.attrs.get("class", "").split()):
                found.append(child)
            found += child.find_all(tag, css)
        return found


class Page(HTMLParser):
    """An HTML document as a tree of elements; each element's ``text`` is all the text inside it.

    Inside ``div.article-text`` it also records, for every character of text,
    the classes of the enclosing elements and the ``href`` of the enclosing link.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.characters: list[tuple[str, frozenset[str], str | None]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        for element in self.stack:
            element.text += data
        inside = [e for e in self.stack if "article-text" in e.attrs.get("class", "").split()]
        if inside:
            classes = frozenset(c for e in self.stack for c in e.attrs.get("class", "").split())
            href = next((e.attrs["href"] for e in reversed(self.stack) if e.tag == "a"), None)
            self.characters += [(char, classes, href) for char in data]

    def find_all(self, tag: str | None = None, css: str | None = None) -> list[Element]:
        return self.root.find_all(tag, css)


def get(url: str) -> tuple[int, str, str]:
    """Status, content type and text of a real HTTP GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def page(url: str) -> Page:
    status, content_type, html = get(url)
    assert status == 200 and content_type.startswith("text/html"), (url, status)
    return Page(html)




@pytest.fixture(scope="module")
def sudani(store) -> str:
    """The IRI of the entity named Mohammed Shia al-Sudani (plain SPARQL)."""
    (row,) = select(store, f'SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e schema:name "{SUDANI}" }} }}')
    return row["e"]


def hrefs(document: Page) -> set[str]:
    return {a.attrs.get("href") for a in document.find_all("a")}


def counts_table(document: Page) -> dict[str, str]:
    return {row.find_all("th")[0].text.strip(): row.find_all("td")[0].text.strip()
            for row in document.find_all("table", "counts")[0].find_all("tr")}


# --- start page and search -------------------------------------------------------------------------------

def test_start_page_has_counts_top_speakers_and_links(server, store):
    document = page(f"{server}/")
    counts = counts_table(document)
    articles = select(store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[0]["n"]
    quotes = select(store, "SELECT (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation }")[0]["n"]
    people = select(store, f"SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a schema:Person }} }}")[0]["n"]
    assert counts["Articles"] == articles and counts["Person"] == people
    assert counts["Quotations"].split()[0] == quotes
    rows = select(store, "SELECT ?s (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation ; schema:creator ?s } GROUP BY ?s")
    said = {f"/entity/{entity_id(row['s'])}": int(row["n"]) for row in rows}
    listed = [(item.find_all("a")[0].attrs["href"], int(item.find_all("a")[1].text.split()[0]))
              for item in document.find_all("ol", "speakers")[0].find_all("li")]
    assert listed and all(said[href] == n for href, n in listed)
    assert listed[0][1] == max(said.values())
    assert {"/sparql", "/graph", "/api/openapi.json"} <= hrefs(document)


def test_the_start_page_counts_what_a_later_build_adds(kg, seeds_dir, tmp_path):
    store = tmp_path / "store"
    first, *rest = sorted(seeds_dir.glob("*.txt"))
    assert kg("build", first, "--store", store, cwd=tmp_path).returncode == 0
    process, url = start_server(store)
    try:
        before = counts_table(page(f"{url}/"))["Articles"]
        assert kg("build", *rest, "--store", store, cwd=tmp_path).returncode == 0
        after = counts_table(page(f"{url}/"))["Articles"]
    finally:
        stop_server(process)
    assert (before, after) == ("1", str(1 + len(rest)))


def test_the_search_box_lists_matching_entities(server, sudani):
    document = page(f"{server}/")
    (form,) = [f for f in document.find_all("form") if f.attrs.get("role") == "search"]
    assert form.attrs["method"] == "get" and {i.attrs.get("name") for i in form.find_all("input")} == {"q"}
    results = page(f"{server}{form.attrs['action']}?{urlencode({'q': 'sud', 'type': 'Person'})}")
    (table,) = results.find_all("section", "results")
    assert f"/entity/{entity_id(sudani)}" in hrefs(table)
    assert "/api/entities?q=sud&type=Person" in hrefs(table)


# --- entity page -----------------------------------------------------------------------------------------

def test_entity_page_shows_names_roles_quotes_articles_and_graph(server, store, sudani):
    identifier = entity_id(sudani)
    document = page(f"{server}/entity/{identifier}")
    assert document.find_all("h1")[0].text.startswith(SUDANI)
    names = {r["n"] for r in select(store, f"SELECT ?n WHERE {{ <{sudani}> schema:alternateName ?n }}")}
    assert all(name in document.root.text for name in names)
    roles = select(store, f"SELECT ?title ?org WHERE {{ ?r nkg:holder <{sudani}> ; schema:roleName ?title "
                          f"OPTIONAL {{ ?r nkg:organization ?o . GRAPH <{ENTITIES_GRAPH}> {{ ?o schema:name ?org }} }} }}")
    rows = [[cell.text.strip() for cell in tr.find_all("td")] for tr in document.find_all("table", "roles")[0].find_all("tr")]
    assert roles and all([row["title"], row["org"] or ""] in [r[:2] for r in rows] for row in roles)
    links = hrefs(document)
    for row in select(store, f"SELECT ?q ?id ?b ?e WHERE {{ ?q schema:creator <{sudani}> ; schema:isPartOf ?a ; "
                             "nif:beginIndex ?b ; nif:endIndex ?e . ?a schema:identifier ?id }"):
        assert f"/article/{row['id']}#quote-{row['b']}-{row['e']}" in links
    for row in select(store, f"SELECT DISTINCT ?id WHERE {{ ?m itsrdf:taIdentRef <{sudani}> ; nif:referenceContext ?a . "
                             "?a schema:identifier ?id }"):
        assert f"/article/{row['id']}" in links
    (frame,) = document.find_all("iframe")
    assert frame.attrs["src"] == f"/graph?entity={quote(identifier, safe='')}&depth=1"
    assert frame.attrs["src"] in links


def test_entity_page_groups_quotes_by_statement_with_every_source(server, store, sudani):
    rows = select(store, f"SELECT ?st ?other ?id ?b ?e WHERE {{ ?q schema:creator <{sudani}> ; nkg:statement ?st . "
                         "?st nkg:quotation ?other ; nkg:sourceCount ?n FILTER (?n > 1) "
                         "?other schema:isPartOf ?a ; nif:beginIndex ?b ; nif:endIndex ?e . ?a schema:identifier ?id }")
    assert rows, "Sudani's words are reported by several seed articles"
    document = page(f"{server}/entity/{entity_id(sudani)}")
    for statement in {row["st"] for row in rows}:
        sources = {f"/article/{r['id']}#quote-{r['b']}-{r['e']}" for r in rows if r["st"] == statement}
        assert any(sources <= hrefs(section) for section in document.find_all("section", "statement"))


# --- article page ----------------------------------------------------------------------------------------

def test_article_text_is_highlighted_at_the_stored_offsets(server, store):
    for (article,) in [(row["id"],) for row in select(store, "SELECT ?id WHERE { ?a a schema:NewsArticle ; "
                                                              "schema:identifier ?id }")]:
        iri = article_iri(article)
        (row,) = select(store, f"SELECT ?text WHERE {{ <{iri}> nif:isString ?text }}")
        document = page(f"{server}/article/{article}")
        characters = document.characters
        assert "".join(char for char, _, _ in characters) == row["text"]
        mentions = [(int(r["b"]), int(r["e"]), f"/entity/{entity_id(r['x'])}") for r in select(
            store, f"SELECT ?b ?e ?x WHERE {{ GRAPH ?g {{ ?m a nkg:Mention ; nif:referenceContext <{iri}> ; "
                   "nif:beginIndex ?b ; nif:endIndex ?e ; itsrdf:taIdentRef ?x } }")]
        assert mentions
        for begin, end, href in mentions:
            assert all("hl-mention" in characters[i][1] for i in range(begin, end))
            covering = [(b, e, h) for b, e, h in mentions if b < end and e > begin]
            if len(covering) == 1:  # nothing else named here: every character links to this entity
                assert {characters[i][2] for i in range(begin, end)} == {href}, (article, begin, end)
        quotes = select(store, f"SELECT ?b ?e ?s WHERE {{ ?q schema:isPartOf <{iri}> ; nif:beginIndex ?b ; "
                               "nif:endIndex ?e OPTIONAL { ?q schema:creator ?s } }")
        ids = {element.attrs.get("id") for element in document.find_all("span", "hl-quote")}
        for quote_row in quotes:
            begin, end = int(quote_row["b"]), int(quote_row["e"])
            assert f"quote-{begin}-{end}" in ids
            assert all("hl-quote" in characters[i][1] for i in range(begin, end))
            speaker = f"/entity/{entity_id(quote_row['s'])}" if quote_row["s"] else None
            plain = [i for i in range(begin, end) if not any(b <= i < e for b, e, _ in mentions)]
            assert {characters[i][2] for i in plain} <= {speaker}  # quoted words link to who said them
        outside = [i for i in range(len(characters)) if not any(b <= i < e for b, e, _ in mentions)
                   and not any(int(q["b"]) <= i < int(q["e"]) for q in quotes)]
        assert all(characters[i][2] is None and not characters[i][1] - {"article-text"} for i in outside)


def test_article_page_has_headline_date_and_quotes_with_speakers(server, store, gold):
    for article, gold_article in gold.items():
        document = page(f"{server}/article/{article}")
        (row,) = select(store, f"SELECT ?h WHERE {{ <{article_iri(article)}> schema:headline ?h }}")
        assert document.find_all("h1")[0].text == row["h"]
        if gold_article.get("published"):
            assert gold_article["published"] in document.root.text
        speakers = select(store, f"SELECT ?s WHERE {{ ?q schema:isPartOf <{article_iri(article)}> ; schema:creator ?s }}")
        quoted = [b for b in document.find_all("blockquote", "quote")]
        assert len(quoted) == len(speakers)
        assert {f"/entity/{entity_id(r['s'])}" for r in speakers} <= {h for b in quoted for h in hrefs(b)}


# --- errors and assets -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/entity/person/nobody-0000000000", "/entity/person/a%3Eb", "/entity/x",
                                  "/article/no-such-article"])
def test_unknown_ids_are_404_pages(server, path):
    status, content_type, html = get(server + path)
    assert status == 404 and content_type.startswith("text/html")
    document = Page(html)
    assert document.find_all("h1")[0].text == "404" and "no " in document.find_all("p", "error")[0].text
    assert "/" in hrefs(document)  # the site's header and a way back


def test_pages_load_assets_only_from_this_server(server, sudani):
    for path in ["/", "/?q=iraq", f"/entity/{entity_id(sudani)}", "/article/000_85466fba3cc1c82f"]:
        document = page(server + path)
        sources = [e.attrs.get("href") for e in document.find_all("link")]
        sources += [e.attrs.get("src") for tag in ("script", "img", "iframe") for e in document.find_all(tag)]
        assert all(s.startswith("/") and not s.startswith("//") for s in sources), (path, sources)


# --- hostile names ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(hostile_store) -> Store:
    return Store(hostile_store, create=False)


@pytest.fixture(scope="module")
def hostile_paths(hostile) -> list[str]:
    """Every page where the hostile store's markup shows: start, search, each entity and the article."""
    entities = select(hostile, f"SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e schema:name ?n }} }}")
    articles = select(hostile, "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }")
    return (["/", "/?" + urlencode({"q": "<img"}), "/?type=Person"]
            + [f"/entity/{entity_id(row['e'])}" for row in entities] + [f"/article/{row['id']}" for row in articles])


def test_hostile_markup_is_escaped_in_the_served_html(hostile_server, hostile_paths):
    for path in hostile_paths:
        status, _, html = get(hostile_server + path)
        assert status == 200
        lowered = html.lower()
        assert "<img" not in lowered and "<script" not in lowered and "<svg" not in lowered, path
        assert not {e.tag for e in Page(html).find_all()} & (RUNNABLE - {"iframe"}), path
    assert "&lt;img src=x onerror=alert(1)&gt;" in get(hostile_server + hostile_paths[1])[2]  # shown, as text


def test_hostile_markup_runs_nothing_in_chromium(hostile_server, hostile_paths, hostile):
    people = select(hostile, f"SELECT ?e ?n WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a schema:Person ; schema:name ?n }} }}")
    names = {f"/entity/{entity_id(row['e'])}": row["n"] for row in people}
    assert any("<script>" in name for name in names.values())
    with Browser() as browser:
        for path in hostile_paths:
            rendered = browser.open(hostile_server + path)
            assert rendered.dialogs == [], path  # no alert() ran, here or in a frame
            document = Page(rendered.dom)
            assert not {e.tag for e in document.find_all()} & (RUNNABLE - {"iframe"}), path
            if path in names:  # the name is there, as text
                assert document.find_all("h1")[0].text.startswith(names[path])
