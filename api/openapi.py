"""The OpenAPI 3.1 document of the JSON API (served at ``/api/openapi.json``).

Schemas are JSON Schema 2020-12 (what OpenAPI 3.1 uses) and closed
(``additionalProperties: false``), so a test can validate real answers
against them and notice any field that is added, missing or of another type.
"""
from __future__ import annotations

from typing import Any

from kg import __version__
from kg.lookup import NEAR, TYPES

JSON = "application/json"
LIMITS = {"default": 50, "maximum": 500}

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: Schema) -> Schema:
    """``schema`` or JSON ``null``."""
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def _object(properties: dict[str, Schema], description: str = "") -> Schema:
    """A closed object whose properties are all required."""
    schema: Schema = {"type": "object", "properties": properties, "required": list(properties),
                      "additionalProperties": False}
    return {"description": description, **schema} if description else schema


def _list(item: Schema) -> Schema:
    return {"type": "array", "items": item}


STRING: Schema = {"type": "string"}
IRI: Schema = {"type": "string", "format": "iri"}
PATH: Schema = {"type": "string", "pattern": "^/"}
COUNT: Schema = {"type": "integer", "minimum": 0}
OFFSET: Schema = {"type": "integer", "minimum": 0}

ENTITY_REF = {
    "id": {**STRING, "description": "Short id used in URLs: the IRI's path below https://w3id.org/newskg/id/.",
           "examples": ["person/muhamad-shia-sudani-04f3ca2d85"]},
    "iri": IRI,
    "name": {**STRING, "description": "Canonical name."},
    "type": {"type": "string", "enum": [*TYPES, "Thing"], "description": "Most specific type."},
    "links": _ref("EntityLinks"),
}
ENTITY_SUMMARY = {
    **ENTITY_REF,
    "types": _list({"type": "string", "enum": list(TYPES)}),
    "alternate_names": _list(STRING),
    "same_as": _list({**IRI, "description": "Wikidata item."}),
}
ARTICLE_REF = {
    "id": {**STRING, "description": "The article's schema:identifier."},
    "iri": IRI,
    "headline": STRING,
    "url": _nullable(STRING),
    "date": _nullable({**STRING, "description": "schema:datePublished, ISO 8601."}),
    "links": _ref("ArticleLinks"),
}

SCHEMAS: dict[str, Schema] = {
    "Error": _object({"error": _object({"status": {"type": "integer", "minimum": 400, "maximum": 599},
                                        "message": STRING})}, "An error: its HTTP status and what went wrong."),
    "EntityLinks": _object({"page": PATH, "api": PATH}),
    "ArticleLinks": _object({"page": PATH, "api": PATH}),
    "EntityRef": _object(ENTITY_REF, "An entity as other records point to it."),
    "Entity": _object(ENTITY_SUMMARY, "An entity with all its names and types."),
    "ArticleRef": _object(ARTICLE_REF, "An article as other records point to it."),
    "Statement": _object({
        "iri": IRI,
        "text": {**STRING, "description": "Representative wording of the statement."},
        "source_count": {"type": "integer", "minimum": 1, "description": "Articles that report the statement."},
        "other_sources": {**COUNT, "description": "Articles other than this quotation's that report it."},
    }, "The statement a quotation reports: the same words across articles."),
    "Quote": _object({
        "iri": IRI,
        "text": STRING,
        "direct": {"type": "boolean", "description": "Inside quote marks (true) or reported speech (false)."},
        "cue": _nullable({**STRING, "description": "The reporting verb (said, told, ...)."}),
        "speaker": _nullable(_ref("EntityRef")),
        "speaker_role": _nullable({**STRING, "description": "The speaker's title as the article gives it."}),
        "offsets": _object({"begin": OFFSET, "end": OFFSET},
                           "Character offsets into the article's text (nif:beginIndex, nif:endIndex)."),
        "article": _ref("ArticleRef"),
        "statement": _nullable(_ref("Statement")),
        "links": _object({"article": PATH, "speaker": _nullable(PATH)}),
    }, "One quotation in one article."),
    "Role": _object({"title": STRING, "organization": _nullable(_ref("EntityRef")), "article": _ref("ArticleRef"),
                     "date": _nullable(STRING)}, "A role (job title, employer) as one article states it."),
    "ArticleMentions": _object({"article": _ref("ArticleRef"), "count": {"type": "integer", "minimum": 1},
                                "forms": _list(STRING)}, "An article that mentions the entity."),
    "Neighbour": _object({
        "entity": _ref("EntityRef"),
        "relation": {"type": "string", "enum": ["works_for", "member_of", "participant", "took_place_at",
                                                "said_about"]},
        "direction": {"type": "string", "enum": ["out", "in"],
                      "description": "out: the entity is the subject (it works for the neighbour)."},
        "count": {"type": "integer", "minimum": 1, "description": "Articles (quotations for said_about)."},
    }, "A related entity."),
    "EntityDetail": _object({
        **ENTITY_SUMMARY,
        "roles": _list(_ref("Role")),
        "quotes": {**_list(_ref("Quote")), "description": "The first 100 quotations (all: /api/quotes?speaker=ID)."},
        "quote_count": COUNT,
        "mentions": {**_list(_ref("ArticleMentions")), "description": "The first 100 mentioning articles."},
        "article_count": COUNT,
        "neighbours": _list(_ref("Neighbour")),
        "links": _object({"page": PATH, "api": PATH, "quotes": PATH, "graph": PATH}),
    }, "One entity and what the store says about it."),
    "ArticleDetail": _object({
        **ARTICLE_REF,
        "text": STRING,
        "source_file": _nullable(STRING),
        "entities": _list(_object({"entity": _ref("EntityRef"), "mentions": {"type": "integer", "minimum": 1}})),
        "mentions": _list(_object({"begin": OFFSET, "end": OFFSET, "text": STRING,
                                   "entity": {**STRING, "description": "Entity id (see entities)."}})),
        "quotes": _list(_ref("Quote")),
    }, "One article with its text, mentions (by offset) and quotations."),
}

PARAMETERS: dict[str, Schema] = {
    "limit": {"name": "limit", "in": "query", "description": "Items per page.",
              "schema": {"type": "integer", "minimum": 1, **LIMITS}},
    "offset": {"name": "offset", "in": "query", "description": "Items to skip.",
               "schema": {"type": "integer", "minimum": 0, "default": 0}},
    "speaker": {"name": "speaker", "in": "query", "description":
                "Who said it: any name or alias of the entity (exact, or the same after folding case, accents, "
                "particles and transliteration variants), or its id.", "schema": {**STRING, "minLength": 1}},
    "about": {"name": "about", "in": "query", "description":
              f"An entity (name, alias or id) mentioned in the quotation or within {NEAR} characters of it, or "
              "of another report of the same statement.", "schema": {**STRING, "minLength": 1}},
    "article": {"name": "article", "in": "query", "description": "An article id.",
                "schema": {**STRING, "minLength": 1}},
    "from": {"name": "from", "in": "query", "description": "Articles published on or after this date.",
             "schema": {**STRING, "format": "date"}},
    "to": {"name": "to", "in": "query", "description": "Articles published on or before this date.",
           "schema": {**STRING, "format": "date"}},
    "q": {"name": "q", "in": "query", "description":
          "Start of a name or alias, or of a word in it (any case); empty lists every entity.", "schema": STRING},
    "type": {"name": "type", "in": "query", "description": "Entity type (Place includes military bases).",
             "schema": {"type": "string", "enum": list(TYPES)}},
    "entity_id": {"name": "entity_id", "in": "path", "required": True, "description":
                  "Entity id; it contains a slash (person/...), which is sent as is.", "schema": STRING},
    "article_id": {"name": "article_id", "in": "path", "required": True, "description": "Article id.",
                   "schema": STRING},
}

PAGE_HEADERS = {
    "X-Total-Count": {"description": "Number of items on all pages.", "schema": COUNT},
    "Link": {"description": 'The next page, when there is one: <URL>; rel="next".', "schema": STRING},
}


def _error(description: str) -> Schema:
    return {"description": description, "content": {JSON: {"schema": _ref("Error")}}}


def _get(summary: str, parameters: list[str], schema: Schema, errors: dict[str, str],
         headers: dict[str, Schema] | None = None) -> Schema:
    ok: Schema = {"description": "OK", "content": {JSON: {"schema": schema}}}
    if headers:
        ok["headers"] = headers
    responses = {"200": ok, **{code: _error(text) for code, text in errors.items()},
                 "405": _error("Method not allowed (the Allow header lists the methods).")}
    return {"get": {"summary": summary, "parameters": [_ref_parameter(p) for p in parameters],
                    "responses": responses}}


def _ref_parameter(name: str) -> Schema:
    return {"$ref": f"#/components/parameters/{name}"}


BAD = "Bad parameter (unknown name, empty value, bad date or limit)."


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newskg JSON API",
            "version": __version__,
            "description": (
                "Entities, quotations and articles of a news knowledge graph. Lists are JSON arrays, one page "
                "at a time (limit, offset) with X-Total-Count and Link headers. Errors, also for unknown "
                'routes below /api, are {"error": {"status": ..., "message": ...}}.'),
        },
        "paths": {
            "/api/quotes": _get("Quotations by speaker, entity talked about, article and date",
                                ["speaker", "about", "article", "from", "to", "limit", "offset"],
                                _list(_ref("Quote")), {"400": BAD}, PAGE_HEADERS),
            "/api/entities": _get("Entities by name or alias prefix and type", ["q", "type", "limit", "offset"],
                                  _list(_ref("Entity")), {"400": BAD}, PAGE_HEADERS),
            "/api/entities/{entity_id}": _get("One entity", ["entity_id"], _ref("EntityDetail"),
                                              {"400": BAD, "404": "No such entity."}),
            "/api/articles/{article_id}": _get("One article", ["article_id"], _ref("ArticleDetail"),
                                               {"400": BAD, "404": "No such article."}),
            "/api/openapi.json": _get("This document", [], {"type": "object"}, {"400": BAD}),
        },
        "components": {"schemas": SCHEMAS, "parameters": PARAMETERS},
    }


__all__ = ["document"]
