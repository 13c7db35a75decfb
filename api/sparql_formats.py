"""The formats the endpoint answers in, and serialisation by pyoxigraph (no rdflib on the query path).

Each table maps a media type a client may ask for to the pyoxigraph format
that writes it; the first entry is the default. Aliases (``application/json``,
``application/xml``...) come after the registered types, so that a client
naming both gets the registered one.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.vocab import PREFIXES

HTML = "text/html"

SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
# CSV and TSV define no form for a yes/no answer (SPARQL 1.1 Query Results CSV and TSV Formats, section 1).
BOOLEAN_FORMATS: dict[str, ox.QueryResultsFormat] = {
    media_type: fmt for media_type, fmt in SOLUTION_FORMATS.items()
    if fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML)
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/x-turtle": ox.RdfFormat.TURTLE,
}
PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


# What each kind of result (kg.query_workers.KINDS) can be sent as, the default first.
FORMATS_BY_KIND: dict[str, dict[str, ox.QueryResultsFormat] | dict[str, ox.RdfFormat]] = {
    "solutions": SOLUTION_FORMATS,
    "boolean": BOOLEAN_FORMATS,
    "graph": GRAPH_FORMATS,
}
# How a worker hands a result over for the HTML page, which reads it back (see :func:`read_back`).
PAGE_TRANSPORT = {
    "solutions": ox.QueryResultsFormat.JSON,
    "boolean": ox.QueryResultsFormat.JSON,
    "graph": ox.RdfFormat.N_TRIPLES,
}


def read_back(kind: str, body: bytes) -> Result | list[ox.Triple]:
    """A result a worker wrote in its :data:`PAGE_TRANSPORT` format, as pyoxigraph objects again."""
    if kind == "graph":
        return [quad.triple for quad in ox.parse(body, PAGE_TRANSPORT[kind])]
    return ox.parse_query_results(body, PAGE_TRANSPORT[kind])


def serialise(triples: list[ox.Triple], media_type: str, prefixes: dict[str, str] = PREFIX_IRIS) -> bytes:
    """``triples`` written as ``media_type``, one of :data:`GRAPH_FORMATS`, with ``prefixes`` where the format has them."""
    return ox.serialize(triples, None, GRAPH_FORMATS[media_type], prefixes=prefixes)


def content_type(media_type: str) -> str:
    """The ``Content-Type`` header for a body of ``media_type`` (always UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


__all__ = ["BOOLEAN_FORMATS", "FORMATS_BY_KIND", "GRAPH_FORMATS", "HTML", "PAGE_TRANSPORT", "PREFIX_IRIS",
           "SOLUTION_FORMATS", "content_type", "read_back", "serialise"]
