"""Typical queries, run by Oxigraph (the store) and, as the baseline, by rdflib's in-memory engine.

The subjects of the queries (the speaker, the entity, the place, the word)
are read from the store, so every query finds something whatever the corpus.
This is the only place where rdflib's SPARQL engine runs, and only as a
baseline over a copy of the same data.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Dataset

from kg.store import Store
from kg.vocab import PREFIXES, entity_id

HEADER = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
RELATIONS = "schema:worksFor schema:memberOf nkg:participant schema:location"


@dataclass(frozen=True)
class Subjects:
    """What the queries ask about, chosen from the store."""

    speakers: tuple[tuple[str, str], ...]  # (IRI, name) of the people quoted most, most quoted first
    place: str  # name of the place with the most events (or, without events, the most mentioned place)
    word: str  # a word to search quotations for
    articles: tuple[str, ...]  # some article identifiers

    @property
    def speaker(self) -> tuple[str, str]:
        """The most quoted person."""
        return self.speakers[0]

    @property
    def entity_ids(self) -> list[str]:
        """The short ids of the speakers (as in ``/entity/<id>``)."""
        return [entity_id(iri) for iri, _ in self.speakers]


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rows(store: Store, sparql: str) -> list[list[str]]:
    return [[term.value if term is not None else "" for term in row] for row in store.query(HEADER + sparql)]


def pick_subjects(store: Store) -> Subjects:
    """The speakers, place, word and articles the queries and HTTP requests are about."""
    speakers = _rows(store, "SELECT ?s ?name (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a schema:Quotation ; "
                            "schema:creator ?s . ?s a schema:Person ; schema:name ?name } "
                            "GROUP BY ?s ?name ORDER BY DESC(?n) ?s LIMIT 10")
    if not speakers:
        raise RuntimeError("the corpus gave no quoted person: nothing to query")
    places = _rows(store, "SELECT ?name (COUNT(?e) AS ?n) WHERE { ?e schema:location ?p . ?p schema:name ?name } "
                          "GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1") or \
        _rows(store, "SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a schema:mentions ?p . ?p a schema:Place ; "
                     "schema:name ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1")
    texts = _rows(store, f"SELECT ?text WHERE {{ ?q schema:creator <{speakers[0][0]}> ; schema:text ?text }} "
                         "ORDER BY ?q LIMIT 1")
    word = max(re.findall(r"[a-z]+", texts[0][0].lower()), key=lambda w: (len(w), w))
    articles = _rows(store, "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } "
                            "ORDER BY ?id LIMIT 20")
    return Subjects(tuple((iri, name) for iri, name, _ in speakers), places[0][0], word,
                    tuple(row[0] for row in articles))


def quotes_by_speaker(name: str) -> str:
    """Who said what: every quotation of the entity called ``name``, newest first."""
    return (f"SELECT ?quote ?text ?article ?date WHERE {{ ?speaker schema:name {_literal(name)} . "
            "?quote a schema:Quotation ; schema:creator ?speaker ; schema:text ?text ; schema:isPartOf ?article . "
            "OPTIONAL { ?article schema:datePublished ?date } } ORDER BY DESC(?date) ?quote")


def typical_queries(subjects: Subjects) -> dict[str, str]:
    """The typical queries, by name, as SPARQL with the project's prefixes declared."""
    iri, name = subjects.speaker
    queries = {
        "quotes by speaker": quotes_by_speaker(name),
        "an entity's neighbours": (
            "SELECT ?other ?name (COUNT(*) AS ?weight) WHERE { "
            f"{{ ?article schema:mentions <{iri}>, ?other FILTER (?other != <{iri}>) }} "
            f"UNION {{ VALUES ?p {{ {RELATIONS} }} <{iri}> ?p ?other }} "
            f"UNION {{ VALUES ?p {{ {RELATIONS} }} ?other ?p <{iri}> }} "
            "?other schema:name ?name } GROUP BY ?other ?name ORDER BY DESC(?weight) ?name LIMIT 25"),
        "quotes per speaker, top 10": (
            "SELECT ?speaker ?name (COUNT(DISTINCT ?quote) AS ?quotes) WHERE { ?quote a schema:Quotation ; "
            "schema:creator ?speaker . ?speaker schema:name ?name } "
            "GROUP BY ?speaker ?name ORDER BY DESC(?quotes) ?name LIMIT 10"),
        # distinct at each step: in Oxigraph's union default graph a triple comes once per graph that holds
        # it (an event's type and place are in every article naming it), and the product of those copies
        # would be sorted before DISTINCT removes them
        "events at a place": (
            "SELECT ?event ?name ?type ?date WHERE { { SELECT DISTINCT ?event ?name ?type ?date WHERE { "
            "{ SELECT DISTINCT ?event ?type WHERE { "
            f"?place schema:name {_literal(subjects.place)} . ?event schema:location ?place ; a ?type }} }} "
            "?event schema:name ?name . OPTIONAL { ?event schema:startDate ?date } } } } ORDER BY ?date ?event ?type"),
        "text search in quotes": (
            "SELECT ?quote ?text ?speaker WHERE { ?quote a schema:Quotation ; schema:text ?text "
            f"FILTER (CONTAINS(LCASE(?text), {_literal(subjects.word)})) "
            "OPTIONAL { ?quote schema:creator ?speaker } } ORDER BY ?quote"),
    }
    return {title: HEADER + sparql for title, sparql in queries.items()}


def oxigraph_engine(store: Store) -> Callable[[str], int]:
    """Run a query with Oxigraph (union default graph, as ``kg query`` and ``/sparql``); returns the row count."""
    def run(sparql: str) -> int:
        return sum(1 for row in store.query(sparql) for _ in [tuple(row)])
    return run


def rdflib_engine(dataset: Dataset) -> Callable[[str], int]:
    """Run a query with rdflib's engine over ``dataset`` (the baseline); returns the row count."""
    def run(sparql: str) -> int:
        return sum(1 for row in dataset.query(sparql) for _ in [tuple(row)])
    return run


__all__ = ["HEADER", "Subjects", "oxigraph_engine", "pick_subjects", "quotes_by_speaker", "rdflib_engine",
           "typical_queries"]
