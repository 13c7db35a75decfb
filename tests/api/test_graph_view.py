"""``/graph``: the graph view, drawn by headless Chromium from a real ``kg serve``.

What the page shows is checked against SPARQL written here (run on the same
store) and against the gold annotations; the page is read back as the DOM
after its scripts ran, parsed with lxml.
"""
from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest
import pyvis
from browser import Browser, render

from api.background import start as start_server
from api.background import stop as stop_server
from kg.network import DEFAULT_LIMIT
from kg.store import Store
from kg.vocab import BASE, ENTITIES_GRAPH, ITSRDF, NIF, NKG, SCHEMA, entity_id

READY = "#graph[data-stabilized]"
SUDANI = "person/muhamad-shia-sudani-04f3ca2d85"
PREFIXES = {"schema": str(SCHEMA), "nkg": str(NKG), "nif": str(NIF), "itsrdf": str(ITSRDF)}


@pytest.fixture(scope="module")
def seeds(seeds_store) -> Store:
    return Store(seeds_store, create=False)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for this module's pages."""
    with Browser() as chromium:
        yield chromium


def entities(store: Store, where: str = "") -> set[str]:
    """Ids of the named entities of the entities graph that also match ``where`` (binding ?e)."""
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e schema:name ?name }} {where} }}",
                       prefixes=PREFIXES)
    return {entity_id(row["e"].value) for row in rows}


def neighbours(store: Store, entity: str) -> set[str]:
    """Entities one relation away: a works-for/member-of/participant/location link either way, or a
    quotation by one whose text names the other."""
    node = f"<https://w3id.org/newskg/id/{entity}>"
    return entities(store, f"""
        {{ VALUES ?p {{ schema:worksFor schema:memberOf nkg:participant schema:location }}
           {{ {node} ?p ?e }} UNION {{ ?e ?p {node} }} }}
        UNION {{ ?q schema:creator {node} ; nif:referenceContext ?article ; nif:beginIndex ?b ; nif:endIndex ?end .
                 ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?article ; nif:beginIndex ?mb ; nif:endIndex ?me .
                 FILTER (?e != {node} && ?mb >= ?b && ?me <= ?end) }}
        UNION {{ ?q schema:creator ?e ; nif:referenceContext ?article ; nif:beginIndex ?b ; nif:endIndex ?end .
                 ?m itsrdf:taIdentRef {node} ; nif:referenceContext ?article ; nif:beginIndex ?mb ; nif:endIndex ?me .
                 FILTER (?e != {node} && ?mb >= ?b && ?me <= ?end) }}""")


def drawn(dom: str) -> tuple[lxml.html.HtmlElement, dict]:
    """The graph container (with the attributes graph.js set) and the data block, from a serialised DOM."""
    document = lxml.html.fromstring(dom)
    return document.get_element_by_id("graph"), json.loads(document.get_element_by_id("graph-data").text)


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def node_position(browser: Browser, node: str) -> tuple[float, float]:
    """Where a node is drawn, in viewport coordinates (the graph scrolled into view first)."""
    return tuple(browser.evaluate(f"""(() => {{
        const container = document.getElementById("graph");
        container.scrollIntoView();
        const network = container.visNetwork, box = container.getBoundingClientRect();
        const at = network.canvasToDOM(network.getPosition({json.dumps(node)}));
        return [box.left + at.x, box.top + at.y];
    }})()"""))


def hover(browser: Browser, node: str) -> str:
    """Hover over a node and return the tooltip's text once it shows."""
    browser.mouse_move(*node_position(browser, node))
    shown = "(() => { const tip = document.querySelector('div.vis-tooltip');" \
            " return tip !== null && tip.style.visibility !== 'hidden' && tip.textContent; })()"
    browser.wait_until(lambda: browser.evaluate(shown))
    return browser.evaluate(shown)


def test_the_whole_graph_draws_every_entity(browser, server, seeds):
    page = browser.open(f"{server}/graph", READY)
    graph, data = drawn(page.dom)
    assert int(graph.get("data-nodes")) == len(entities(seeds)) > 0
    assert {node["id"] for node in data["nodes"]} == entities(seeds)
    assert int(graph.get("data-edges")) == len(data["edges"]) > 0
    assert graph.get("data-stabilized") == "true"
    assert graph.xpath(".//canvas")
    assert page.errors == [] and page.dialogs == []


def test_nothing_is_loaded_from_outside_the_server(server):
    page = render(f"{server}/graph", READY)  # a fresh browser: nothing cached
    assert page.requests and all(url.startswith(f"{server}/") for url in page.requests), page.requests
    status, html = fetch(f"{server}/graph")
    assert status == 200
    assert [url for url in re.findall(r"(?:https?:)?//[^\s\"'<>]+", html) if not url.startswith(server)] == []


def test_vis_network_is_served_from_the_pyvis_package(server):
    bundled = max((Path(pyvis.__file__).parent / "lib").glob("vis-*/vis-network.min.js"))
    with urllib.request.urlopen(f"{server}/graph/vis/vis-network.min.js", timeout=30) as response:
        assert "javascript" in response.headers["Content-Type"]
        assert response.read() == bundled.read_bytes()
    assert fetch(f"{server}/graph/vis/tom-select.complete.min.js")[0] == 404


def test_a_neighbourhood_shows_the_entity_and_its_related_entities(browser, server, seeds):
    page = browser.open(f"{server}/graph?entity={SUDANI}&depth=1", READY)
    graph, data = drawn(page.dom)
    expected = neighbours(seeds, SUDANI) | {SUDANI}
    assert {node["id"] for node in data["nodes"]} == expected
    assert int(graph.get("data-nodes")) == len(expected) > 3
    heading = lxml.html.fromstring(page.dom).xpath("//h1")[0]
    assert heading.text_content().strip() == "Around Mohammed Shia al-Sudani"
    assert heading.xpath(".//a/@href") == [f"/entity/{SUDANI}"]
    assert page.errors == []


def test_depth_reaches_the_neighbours_of_neighbours(browser, server, seeds):
    first = neighbours(seeds, SUDANI)
    second = set().union(*(neighbours(seeds, entity) for entity in first)) | first | {SUDANI}
    _, data = drawn(browser.open(f"{server}/graph?entity={SUDANI}&depth=2", READY).dom)
    assert {node["id"] for node in data["nodes"]} == second
    assert len(second) > len(first) + 1


def test_edges_are_labelled_with_their_relation(browser, server):
    _, data = drawn(browser.open(f"{server}/graph?entity={SUDANI}", READY).dom)
    labels = {(edge["from"], edge["label"], edge["to"]) for edge in data["edges"]}
    assert (SUDANI, "works for", "place/iraq-efb0075065") in labels  # gold: Prime Minister of Iraq
    assert {label for _, label, _ in labels} <= {"works for", "member of", "participant", "took place at",
                                                 "said something about"}


def test_hovering_an_entity_shows_its_roles_and_counts(browser, server, seeds):
    quotes = len(list(seeds.query(f"SELECT ?q WHERE {{ ?q a schema:Quotation ; schema:creator "
                                  f"<https://w3id.org/newskg/id/{SUDANI}> }}", prefixes=PREFIXES)))
    browser.open(f"{server}/graph?entity={SUDANI}", READY)
    tip = hover(browser, SUDANI)
    assert tip.splitlines()[:2] == ["Mohammed Shia al-Sudani", "Person"]
    assert "Roles: Prime Minister (Iraq)" in tip.splitlines()  # gold: Prime Minister, org Iraq
    assert f"Quotes: {quotes} ·" in tip and quotes > 0


def test_clicking_an_entity_opens_its_page(browser, server):
    browser.open(f"{server}/graph?entity={SUDANI}", READY)
    browser.click(*node_position(browser, "place/iraq-efb0075065"))
    browser.wait_until(lambda: browser.evaluate("location.pathname") == "/entity/place/iraq-efb0075065")


def test_type_checkboxes_hide_and_show_entities_in_the_page(browser, server, seeds):
    everyone, people = len(entities(seeds)), len(entities(seeds, "?e a schema:Person"))
    browser.open(f"{server}/graph", READY)
    visible = "document.getElementById('graph').dataset.visible"
    assert browser.evaluate(visible) == str(everyone)
    browser.evaluate("document.querySelector('input[name=type][value=Person]').click()")
    assert browser.evaluate(visible) == str(everyone - people)
    browser.evaluate("document.querySelector('input[name=type][value=Person]').click()")
    assert browser.evaluate(visible) == str(everyone)
    assert browser.page.errors == []


def test_the_type_parameter_keeps_only_those_types(browser, server, seeds):
    graph, data = drawn(browser.open(f"{server}/graph?type=Person&type=Event", READY).dom)
    expected = entities(seeds, "{ ?e a schema:Person } UNION { ?e a schema:Event }")
    assert {node["id"] for node in data["nodes"]} == expected
    assert int(graph.get("data-nodes")) == len(expected)


def test_beyond_the_node_limit_the_page_says_how_many_it_shows(browser, server, seeds):
    page = browser.open(f"{server}/graph?limit=5", READY)
    graph, _ = drawn(page.dom)
    assert graph.get("data-nodes") == "5"
    summary = " ".join(lxml.html.fromstring(page.dom).find_class("graph-summary")[0].text_content().split())
    assert f"Showing the 5 best-connected of {len(entities(seeds))} entities" in summary


@pytest.mark.parametrize("query, status, message", [
    ("entity=person/muhamad-shia-sudani-04f3ca2d85&depth=0", 400, "depth must be a whole number from 1 to 3"),
    ("entity=person/muhamad-shia-sudani-04f3ca2d85&depth=4", 400, "depth must be a whole number from 1 to 3"),
    ("entity=person/muhamad-shia-sudani-04f3ca2d85&depth=two", 400, "depth must be a whole number from 1 to 3"),
    ("depth=-1", 400, "depth must be a whole number from 1 to 3"),
    ("type=Planet", 400, "unknown entity type &#39;Planet&#39;"),
    ("limit=0", 400, "limit must be a whole number"),
    ("entity=person/nobody-0000000000", 404, "No entity &#39;person/nobody-0000000000&#39;"),
    ("entity=not-an-entity", 404, "No entity &#39;not-an-entity&#39;"),
])
def test_a_bad_request_gets_a_clear_message_and_status(server, query, status, message):
    code, body = fetch(f"{server}/graph?{query}")
    assert (code, message in body) == (status, True)
    assert "Traceback" not in body


def test_a_hostile_name_stays_text_everywhere(browser, hostile_server, hostile_store):
    rows = Store(hostile_store, create=False).query(
        f"SELECT ?e ?name WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a schema:Person ; schema:name ?name }} }}",
        prefixes=PREFIXES)
    person, name = min((entity_id(row["e"].value), row["name"].value) for row in rows)
    assert "</script><script>" in name and "<img" in name
    page = browser.open(f"{hostile_server}/graph", READY)
    tip = hover(browser, person)
    tooltip_markup = browser.evaluate("document.querySelector('div.vis-tooltip').innerHTML")
    around = browser.open(f"{hostile_server}/graph?entity={person}", READY)
    assert tip.splitlines()[0] == name
    assert "<img" not in tooltip_markup and "<script" not in tooltip_markup
    for shown in (page, around):
        document = lxml.html.fromstring(shown.dom)
        assert document.xpath("//img") == []
        assert [(s.get("src"), s.get("type"), s.get("id")) for s in document.xpath("//script")] == [
            ("/graph/vis/vis-network.min.js", None, None), ("/static/graph.js", None, None),
            (None, "application/json", "graph-data")]
        assert shown.dialogs == [] and shown.errors == []
        assert int(document.get_element_by_id("graph").get("data-nodes")) >= 1
    heading = lxml.html.fromstring(around.dom).xpath("//h1")[0]
    assert heading.text_content().strip() == f"Around {name}"


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory):
    """``kg serve`` over a synthetic store of 2,500 entities: 2,000 people, each working for one of
    500 organizations (so every organization has four employees)."""
    path = tmp_path_factory.mktemp("crowded") / "store"
    store = Store(path, create=True)
    people = [f"<{BASE}person/p-{i}>" for i in range(2000)]
    organizations = [f"<{BASE}organization/o-{i}>" for i in range(500)]
    described = [f'{p} a schema:Person ; schema:name "Person {i}" .' for i, p in enumerate(people)]
    described += [f'{o} a schema:Organization ; schema:name "Organization {i}" .' for i, o in enumerate(organizations)]
    works = [f"{p} schema:worksFor {organizations[i % 500]} ." for i, p in enumerate(people)]
    store.db.update(f"PREFIX schema: <{SCHEMA}> INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{ {' '.join(described)} }} "
                    f"GRAPH <{BASE}graph/article/synthetic> {{ {' '.join(works)} }} }}")
    store.publish()
    store.close()
    process, url = start_server(path)
    yield url
    stop_server(process)


def test_thousands_of_entities_settle_then_freeze_and_the_cap_is_said(crowded_server):
    with Browser(timeout=120) as chromium:
        page = chromium.open(f"{crowded_server}/graph", READY)
        positions = "JSON.stringify(document.getElementById('graph').visNetwork.getPositions())"
        settled = chromium.evaluate(positions)
        time.sleep(1)
        assert chromium.evaluate(positions) == settled  # physics is off once the layout settled
    graph, data = drawn(page.dom)
    assert graph.get("data-nodes") == str(DEFAULT_LIMIT) and graph.xpath(".//canvas")
    assert {node["id"] for node in data["nodes"]} >= {f"organization/o-{i}" for i in range(500)}  # best connected
    summary = " ".join(lxml.html.fromstring(page.dom).find_class("graph-summary")[0].text_content().split())
    assert f"Showing the {DEFAULT_LIMIT} best-connected of 2500 entities" in summary
    assert page.errors == []
