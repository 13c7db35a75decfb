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


def formats_for(result: Result) -> dict[str, ox.QueryResultsFormat] | dict[str, ox.RdfFormat]:
    """The media types a result of this kind can be sent as, the default first."""
    if isinstance(result, ox.QueryTriples):
        return GRAPH_FORMATS
    if isinstance(result, ox.QueryBoolean):
        return BOOLEAN_FORMATS
    return SOLUTION_FORMATS


def serialise(result: Result | list[ox.Triple], media_type: str, prefixes: dict[str, str] = PREFIX_IRIS) -> bytes:
    """``result`` (or a list of triples) written as ``media_type``, one of :func:`formats_for`'s keys.

    Graphs use ``prefixes`` where the format has them. Evaluation is lazy, so
    this is where most of a query's work happens.
    """
    if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
        return result.serialize(format=formats_for(result)[media_type])
    return ox.serialize(result, None, GRAPH_FORMATS[media_type], prefixes=prefixes)


def content_type(media_type: str) -> str:
    """The ``Content-Type`` header for a body of ``media_type`` (always UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


__all__ = ["BOOLEAN_FORMATS", "GRAPH_FORMATS", "HTML", "PREFIX_IRIS", "SOLUTION_FORMATS", "content_type",
           "formats_for", "serialise"]
