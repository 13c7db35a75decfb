"""The query page's view of a result: a table of cells, links to entity and article pages, example queries.

Cells carry plain strings; the template (Jinja, autoescaped) escapes them.
A link is only ever made to the project's own pages (``/entity/...``,
``/article/...``), never to an IRI taken from the data.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from urllib.parse import quote, unquote

import pyoxigraph as ox

from kg.vocab import BASE, XSD, entity_id

from .sparql_formats import PREFIX_IRIS, Result

ROW_LIMIT = 1000
ARTICLE_BASES = (f"{BASE}article/", f"{BASE}graph/article/")


@dataclass(frozen=True)
class Example:
    """An example query shown on the page."""

    title: str
    query: str


EXAMPLES = [
    Example("Who said what", """\
SELECT DISTINCT ?speaker ?name ?text ?article ?headline WHERE {
  ?quote a schema:Quotation ;
         schema:creator ?speaker ;
         schema:text ?text ;
         schema:isPartOf ?article .
  ?speaker schema:name ?name .
  ?article schema:headline ?headline .
}
ORDER BY ?name ?article
LIMIT 200"""),
    Example("An entity's neighbours (the person quoted most often)", """\
SELECT DISTINCT ?entity ?direction ?property ?neighbour ?label WHERE {
  {
    SELECT ?entity WHERE { ?quote a schema:Quotation ; schema:creator ?entity . ?entity a schema:Person }
    GROUP BY ?entity ORDER BY DESC(COUNT(DISTINCT ?quote)) LIMIT 1
  }
  { ?entity ?property ?neighbour . BIND("out" AS ?direction) }
  UNION
  { ?neighbour ?property ?entity . BIND("in" AS ?direction) }
  FILTER (isIRI(?neighbour) && ?property != rdf:type)
  FILTER NOT EXISTS { ?neighbour a nkg:Mention }
  OPTIONAL { ?neighbour schema:name|schema:headline|schema:text ?label }
}
ORDER BY ?direction ?property ?neighbour"""),
    Example("Quotes about a place (a place named inside the quotation)", """\
SELECT DISTINCT ?place ?placeName ?text ?speakerName ?article WHERE {
  ?quote a schema:Quotation ;
         schema:text ?text ;
         schema:isPartOf ?article ;
         nif:beginIndex ?quoteStart ;
         nif:endIndex ?quoteEnd .
  ?mention itsrdf:taIdentRef ?place ;
           nif:referenceContext ?article ;
           nif:beginIndex ?start ;
           nif:endIndex ?end .
  ?place a schema:Place ; schema:name ?placeName .
  FILTER (?start >= ?quoteStart && ?end <= ?quoteEnd)
  OPTIONAL { ?quote schema:creator ?speaker . ?speaker schema:name ?speakerName }
}
ORDER BY ?placeName ?article"""),
]


@dataclass(frozen=True)
class Cell:
    """One RDF term as the page shows it."""

    text: str
    kind: str  # "iri", "literal", "bnode" or "triple"
    href: str | None = None  # a project page for the term
    title: str | None = None  # the full IRI, where the text shortens it
    note: str | None = None  # a literal's language tag or datatype


@dataclass(frozen=True)
class Table:
    """A result as the page shows it: a yes/no answer, or columns and rows (capped at :data:`ROW_LIMIT`)."""

    boolean: bool | None
    columns: list[str]
    rows: list[list[Cell | None]]
    truncated: bool


def compact(iri: str) -> str:
    """``schema:Person`` for ``https://schema.org/Person``: the IRI with a predeclared prefix, or as it is."""
    for prefix, namespace in PREFIX_IRIS.items():
        if not iri.startswith(namespace):
            continue
        local = iri[len(namespace):]
        if local and all(ch.isalnum() or ch in "_-" for ch in local):
            return f"{prefix}:{local}"
    return iri


def page_link(iri: str, root: str = "") -> str | None:
    """The project page of an IRI: ``/entity/<id>`` for an entity, ``/article/<id>`` for an article or its graph."""
    identifier = entity_id(iri)
    if identifier is not None:
        return f"{root}/entity/{quote(identifier, safe='/')}"
    for base in ARTICLE_BASES:
        segment = iri[len(base):] if iri.startswith(base) else ""
        if segment and not any(ch in segment for ch in "/#?"):
            return f"{root}/article/{quote(unquote(segment), safe='')}"
    return None


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, root: str = "") -> Cell | None:
    """The page's view of one term (``None`` for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        text = compact(term.value)
        return Cell(text, "iri", page_link(term.value, root), term.value if text != term.value else None)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}", "bnode")
    if isinstance(term, ox.Literal):
        if term.language:
            note = f"@{term.language}"
        elif term.datatype.value != str(XSD.string):
            note = f"^^{compact(term.datatype.value)}"
        else:
            note = None
        return Cell(term.value, "literal", note=note)
    return Cell(str(term), "triple")


def table(result: Result | list[ox.Triple], root: str = "", limit: int = ROW_LIMIT) -> Table:
    """The first ``limit`` rows (or triples) of a result as cells, and whether there were more."""
    if isinstance(result, ox.QueryBoolean):
        return Table(bool(result), [], [], False)
    if isinstance(result, (ox.QueryTriples, list)):
        columns = ["subject", "predicate", "object"]
        rows = [[cell(t.subject, root), cell(t.predicate, root), cell(t.object, root)]
                for t in islice(result, limit + 1)]
    else:
        columns = [variable.value for variable in result.variables]
        rows = [[cell(solution[name], root) for name in columns] for solution in islice(result, limit + 1)]
    return Table(None, columns, rows[:limit], len(rows) > limit)


__all__ = ["EXAMPLES", "ROW_LIMIT", "Cell", "Example", "Table", "cell", "compact", "page_link", "table"]
