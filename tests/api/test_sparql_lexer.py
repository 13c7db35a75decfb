"""The scanner that finds SERVICE, FROM and updates in a request before Oxigraph sees it.

That these answers agree with Oxigraph's own parser is tested in
test_sparql_no_fetch.py (queries the scanner passes never make Oxigraph fetch).
"""
from __future__ import annotations

import pytest

from api.sparql_lexer import scan


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE<http://example.org/sparql>{} }",
    'SELECT * WHERE { ?s ?p "x"SERVICE<http://example.org/sparql>{} }',
    "SELECT * WHERE { ?s ?p 1.SERVICE <http://example.org/sparql> {} }",
    "SELECT * WHERE { ?s ?p ?o # a comment\nSERVICE ?endpoint {} }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ex:a ex:b ex:c SERVICE ex:endpoint {} }",
    "SELECT * WHERE { ?s ?p 'it''s' SERVICE <http://example.org/sparql> {} }",
    "SELECT * WHERE { ?s ?p '''a ''quoted'' \\''' text''' SERVICE <http://example.org/sparql> {} }",
])
def test_service_is_found_wherever_it_is_a_keyword(query):
    assert scan(query).calls_service


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/sparql> {}" }',
    "SELECT * WHERE { ?s ?p '''\nSERVICE <http://example.org/sparql> {}\n''' }",
    "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> {}",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:service ?service }",
    "SELECT ?SERVICE $service WHERE { ?s ?p ?SERVICE }",
    'SELECT * WHERE { ?s ?p "a \\" SERVICE <http://example.org/sparql> {} \\"" }',
    "SELECT * WHERE { _:service ?p ?o }",
    'SELECT * WHERE { ?s ?p "x"@service }',
])
def test_service_in_a_string_iri_comment_or_name_is_not_the_keyword(query):
    assert not scan(query).calls_service


def test_from_is_a_dataset_clause_only_as_a_keyword():
    assert scan("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }").has_dataset_clause
    assert scan("SELECT * from named <http://example.org/g> { GRAPH ?g { ?s ?p ?o } }").has_dataset_clause
    assert not scan('SELECT * WHERE { ?s ?p "FROM <x>" }').has_dataset_clause
    assert not scan("PREFIX from: <http://example.org/> SELECT ?from WHERE { ?s from:from ?from }").has_dataset_clause


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }",
    "PREFIX ex: <http://example.org/>\nDELETE WHERE { ex:s ?p ?o }",
    "BASE <http://example.org/> LOAD <data.ttl>",
    "CLEAR ALL", "clear named", "DROP GRAPH <http://example.org/g>", "CREATE GRAPH <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>", "MOVE <http://example.org/a> TO <http://example.org/b>",
    "ADD <http://example.org/a> TO <http://example.org/b>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "# comment first\nINSERT DATA { <http://example.org/s> <http://example.org/p> 1 }",
])
def test_updates_are_told_from_queries(update):
    assert scan(update).is_update


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o }", "ASK {}", "CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://example.org/>",
    "PREFIX insert: <http://example.org/> SELECT * WHERE { ?s insert:delete ?o }",
    "# INSERT DATA in a comment\nSELECT * WHERE { ?s ?p ?o }",
])
def test_queries_are_not_updates(query):
    assert not scan(query).is_update
