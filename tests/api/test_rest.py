"""The JSON API: the real server over the seeds store for the main paths, Flask's test client for the many
parameter and error cases, and the OpenAPI document checked against the app's routes and real answers.

Expectations come from the gold annotations of the seeds and from SPARQL written here.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest
from jsonschema import Draft202012Validator, ValidationError
from sparql_rows import select

from kg.store import Store
from kg.vocab import ENTITIES_GRAPH, article_iri

SUDANI = "Mohammed Shia al-Sudani"


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], object]:
    """Status, headers and decoded JSON body of a real HTTP request."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))




@pytest.fixture(scope="module")
def sudani_spellings(gold) -> set[str]:
    """How the seed articles write the Iraqi prime minister's name (from the gold)."""
    return {form for a in gold.values() for e in a["entities"] if e["name"] == SUDANI for form in e["mentions"]}


# --- the contract, over HTTP -----------------------------------------------------------------------------

def test_quotes_by_speaker_whatever_the_spelling(server, store, sudani_spellings):
    assert {"Sudani", "Mohamed Chia al-Soudani"} <= sudani_spellings  # the seeds do write these
    names = " ".join(f'"{name}"' for name in sudani_spellings)
    expected = {row["q"] for row in select(store, f"SELECT ?q WHERE {{ ?q a schema:Quotation ; schema:creator ?s . "
                                                  f"GRAPH <{ENTITIES_GRAPH}> {{ VALUES ?n {{ {names} }} "
                                                  "?s schema:name|schema:alternateName ?n } }")}
    assert expected, "the store attributes quotations to the prime minister"
    for spelling in [SUDANI, "mohamed chia al-soudani", "MOHAMMED SHIA AL-SUDANI", *sudani_spellings]:
        status, headers, body = fetch(f"{server}/api/quotes?{urlencode({'speaker': spelling})}")
        assert status == 200 and headers["Content-Type"] == "application/json"
        assert isinstance(body, list) and {item["iri"] for item in body} == expected, spelling
        assert int(headers["X-Total-Count"]) == len(body)
        assert {item["speaker"]["name"] for item in body} == {SUDANI}
        assert all(set(item["article"]) >= {"id", "headline", "url", "date"} and item["text"] for item in body)


def test_a_quote_item_says_where_it_is_and_links_onwards(server, store):
    body = fetch(f"{server}/api/quotes?speaker=Sudani")[2]
    for item in body:
        article = item["article"]
        assert set(article) >= {"id", "headline", "url", "date"}
        assert item["links"] == {"article": f"/article/{article['id']}", "speaker": f"/api/entities/{item['speaker']['id']}"}
        assert isinstance(item["direct"], bool) and item["cue"]
        (row,) = select(store, f"SELECT ?text WHERE {{ <{article_iri(article['id'])}> nif:isString ?text }}")
        assert row["text"][item["offsets"]["begin"]:item["offsets"]["end"]] == item["text"]
        statement = select(store, f"SELECT ?st ?n WHERE {{ ?st nkg:quotation <{item['iri']}> ; nkg:sourceCount ?n }}")
        assert item["statement"]["iri"] == statement[0]["st"]
        assert item["statement"]["other_sources"] == int(statement[0]["n"]) - 1
        assert fetch(server + item["links"]["speaker"])[2]["name"] == SUDANI
        with urllib.request.urlopen(server + item["links"]["article"], timeout=30) as page:
            assert page.status == 200


def test_entity_search_by_prefix_and_type(server, store):
    status, headers, body = fetch(f"{server}/api/entities?q=sud&type=Person")
    assert status == 200 and [item["name"] for item in body] == [SUDANI]
    status, headers, body = fetch(f"{server}/api/entities?type=Organization&limit=500")
    organizations = select(store, f"SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a schema:Organization }} }}")
    assert {item["iri"] for item in body} == {row["e"] for row in organizations}
    assert int(headers["X-Total-Count"]) == len(organizations)
    assert all(item["type"] == "Organization" for item in body)


def test_one_entity_has_names_types_roles_quotes_and_neighbours(server, store, sudani_spellings):
    person = fetch(f"{server}/api/entities?{urlencode({'q': SUDANI})}")[2][0]  # the exact name comes first
    status, _, body = fetch(server + person["links"]["api"])
    assert status == 200
    assert body["name"] == SUDANI and body["types"] == ["Person"]
    assert sudani_spellings - {SUDANI} <= set(body["alternate_names"])
    titles = select(store, f"SELECT DISTINCT ?t WHERE {{ ?r nkg:holder <{body['iri']}> ; schema:roleName ?t }}")
    assert {r["title"] for r in body["roles"]} == {row["t"] for row in titles}
    assert body["quotes"] == fetch(f"{server}/api/quotes?speaker=Sudani")[2]
    assert body["quote_count"] == len(body["quotes"])
    named_in = select(store, f"SELECT DISTINCT ?id WHERE {{ ?m itsrdf:taIdentRef <{body['iri']}> ; "
                             "nif:referenceContext ?a . ?a schema:identifier ?id }")
    assert {m["article"]["id"] for m in body["mentions"]} == {row["id"] for row in named_in}
    assert {"entity", "relation", "direction", "count"} <= set(body["neighbours"][0])
    assert body["links"]["graph"] == f"/graph?entity={quote(person['id'], safe='')}&depth=1"


def test_one_article_has_headline_entities_and_quotes(server, store, gold):
    for article_id, gold_article in gold.items():
        status, _, body = fetch(f"{server}/api/articles/{article_id}")
        assert status == 200 and body["id"] == article_id
        assert body["date"] == gold_article.get("published")
        iri = article_iri(article_id)
        (row,) = select(store, f"SELECT ?h WHERE {{ <{iri}> schema:headline ?h }}")
        assert body["headline"] == row["h"]
        mentioned = {r["e"] for r in select(store, f"SELECT ?e WHERE {{ <{iri}> schema:mentions ?e }}")}
        assert {e["entity"]["iri"] for e in body["entities"]} == mentioned
        assert all(body["text"][m["begin"]:m["end"]] == m["text"] for m in body["mentions"])
        quoted = {r["q"] for r in select(store, f"SELECT ?q WHERE {{ ?q schema:isPartOf <{iri}> }}")}
        assert {q["iri"] for q in body["quotes"]} == quoted


def test_pages_follow_the_link_header_to_every_quote(server, store):
    total = int(select(store, "SELECT (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation }")[0]["n"])
    url, seen = f"{server}/api/quotes?limit=7", []
    while url:
        status, headers, body = fetch(url)
        assert status == 200 and int(headers["X-Total-Count"]) == total and len(body) <= 7
        seen += [item["iri"] for item in body]
        link = re.fullmatch(r'<([^>]+)>; rel="next"', headers.get("Link", ""))
        url = server + link.group(1) if link else None
    assert len(seen) == total == len(set(seen))


def test_dates_filter_by_publication(client, gold):
    published = sorted(a["published"] for a in gold.values() if a.get("published"))
    day = published[0]
    body = client.get(f"/api/quotes?from={day}&to={day}").get_json()
    assert body and {item["article"]["date"][:10] for item in body} == {day}
    assert client.get(f"/api/quotes?from={published[-1][:4]}-12-31&to={published[-1][:4]}-12-31").get_json() == []


def test_about_finds_quotes_that_name_an_entity(client, store):
    (state,) = select(store, f'SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e schema:name "Islamic State" }} }}')
    inside = select(store, "SELECT DISTINCT ?q WHERE { ?q a schema:Quotation ; schema:isPartOf ?a ; nif:beginIndex ?qb ; "
                           f"nif:endIndex ?qe . ?m itsrdf:taIdentRef <{state['e']}> ; nif:referenceContext ?a ; "
                           "nif:beginIndex ?mb ; nif:endIndex ?me FILTER (?mb >= ?qb && ?me <= ?qe) }")
    found = {item["iri"] for item in client.get("/api/quotes?about=ISIS&limit=500").get_json()}
    assert inside and {row["q"] for row in inside} <= found


# --- errors -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/api/quotes?limit=0", "/api/quotes?limit=501", "/api/quotes?limit=ten", "/api/quotes?offset=-1",
    "/api/quotes?from=2024-13-01", "/api/quotes?from=20240101", "/api/quotes?to=yesterday",
    "/api/quotes?from=2024-02-01&to=2024-01-01", "/api/quotes?speaker=", "/api/quotes?speaker=%20",
    "/api/quotes?speakr=Sudani", "/api/entities?type=Planet", "/api/entities?limit=1000",
    "/api/entities/person/x?verbose=1",
])
def test_bad_parameters_are_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"]["status"] == 400 and body["error"]["message"]
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}


@pytest.mark.parametrize("url", ["/api/entities/person/nobody-0000000000", "/api/entities/person/a%3Eb",
                                 "/api/articles/no-such-article", "/api/nothing-here", "/api/", "/api/quotes/1"])
def test_unknown_ids_and_routes_are_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["error"]["status"] == 404


def test_a_wrong_method_is_405_json_over_http(server):
    status, headers, body = fetch(f"{server}/api/quotes", method="POST")
    assert status == 405 and body["error"]["status"] == 405
    assert "GET" in headers["Allow"]


def test_pages_outside_the_api_keep_html_errors(client):
    assert client.get("/no-such-page").mimetype == "text/html"


def test_names_from_articles_come_back_verbatim_as_json(hostile_server, hostile_store):
    names = {row["n"] for row in select(Store(hostile_store, create=False),
                                        f"SELECT ?n WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a schema:Person ; schema:name ?n }} }}")}
    assert any("<script>" in name for name in names)  # the fixture's markup
    status, headers, body = fetch(f"{hostile_server}/api/entities?type=Person")
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert {item["name"] for item in body} == names


# --- OpenAPI ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def openapi(server) -> dict:
    status, headers, body = fetch(f"{server}/api/openapi.json")
    assert status == 200 and headers["Content-Type"] == "application/json"
    return body


def validator(document: dict, schema: dict) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator for ``schema``, resolving ``#/components/...`` in the document."""
    return Draft202012Validator({**schema, "components": document["components"]})


def test_openapi_document_is_3_1_with_valid_schemas(openapi):
    assert openapi["openapi"].startswith("3.1.")
    assert openapi["info"]["title"] and openapi["info"]["version"]
    for schema in openapi["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_openapi_describes_every_api_route(app, openapi):
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule): rule.methods - {"HEAD", "OPTIONS"}
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api")}
    assert routes and set(routes) == set(openapi["paths"])
    for path, methods in routes.items():
        assert {m.lower() for m in methods} <= set(openapi["paths"][path])
        declared = {p["name"] for p in openapi["paths"][path]["get"]["parameters"]
                    for p in [openapi["components"]["parameters"][p["$ref"].rsplit("/", 1)[-1]]] if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", path))


def test_every_documented_query_parameter_is_accepted(client, openapi):
    examples = {"integer": "1", "date": "2024-01-25"}
    for path, operations in openapi["paths"].items():
        for reference in operations["get"]["parameters"]:
            parameter = openapi["components"]["parameters"][reference["$ref"].rsplit("/", 1)[-1]]
            if parameter["in"] != "query":
                continue
            schema = parameter["schema"]
            value = schema.get("enum", [None])[0] or examples.get(schema.get("format") or schema["type"], "Sudani")
            response = client.get(f"{path}?{urlencode({parameter['name']: value})}")
            assert response.status_code == 200, (path, parameter["name"], response.get_json())


ANSWERS = [  # (documented path, real URL, status)
    ("/api/quotes", "/api/quotes?speaker=Sudani", 200),
    ("/api/quotes", "/api/quotes?limit=3&offset=2", 200),
    ("/api/quotes", "/api/quotes?about=ISIS&from=2020-01-01", 200),
    ("/api/quotes", "/api/quotes?limit=0", 400),
    ("/api/entities", "/api/entities?q=i", 200),
    ("/api/entities", "/api/entities?type=MilitaryBase", 200),
    ("/api/entities", "/api/entities?type=x", 400),
    ("/api/entities/{entity_id}", "/api/entities/person/nobody-0000000000", 404),
    ("/api/articles/{article_id}", "/api/articles/none", 404),
    ("/api/openapi.json", "/api/openapi.json", 200),
]


def test_answers_validate_against_the_documented_schemas(client, openapi, store):
    answers = list(ANSWERS)
    for row in select(store, f"SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?type }} }}"):
        answers.append(("/api/entities/{entity_id}", "/api/entities/" + row["e"].split("/id/", 1)[1], 200))
    for row in select(store, "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }"):
        answers.append(("/api/articles/{article_id}", f"/api/articles/{row['id']}", 200))
    for path, url, status in answers:
        response = client.get(url)
        assert response.status_code == status, url
        documented = openapi["paths"][path]["get"]["responses"][str(status)]
        validator(openapi, documented["content"]["application/json"]["schema"]).validate(response.get_json())
        for header in documented.get("headers", {}):
            if header != "Link":
                assert header in response.headers, (url, header)


def test_unknown_routes_answer_with_the_documented_error_schema(client, openapi):
    for url in ["/api/nothing", "/api/quotes/x"]:
        validator(openapi, {"$ref": "#/components/schemas/Error"}).validate(client.get(url).get_json())


def test_the_schemas_reject_an_answer_with_a_field_missing_or_wrong(client, openapi):
    (item,) = client.get("/api/quotes?speaker=Sudani&limit=1").get_json()
    check = validator(openapi, {"$ref": "#/components/schemas/Quote"})
    check.validate(item)
    for broken in ({k: v for k, v in item.items() if k != "speaker"}, {**item, "direct": "yes"}, {**item, "extra": 1}):
        with pytest.raises(ValidationError):
            check.validate(broken)
