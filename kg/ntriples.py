"""RDF terms and triples as N-Triples text: what the store's updates are written in.

Writing terms as text directly is many times faster than building rdflib
terms and graphs and asking them for ``n3()``; the lexical forms are those
rdflib writes (``true``, ``5``, ISO dates), so the stored data is the same.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph

XSD = "http://www.w3.org/2001/XMLSchema#"
Triple = tuple[str, str, str]  # subject, predicate, object, each as an N-Triples term

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@lru_cache(maxsize=65536)
def iri(value: str) -> str:
    """``<value>``."""
    return f"<{value}>"


def literal(text: str, datatype: str | None = None) -> str:
    """A string literal (``datatype`` None) or a typed one, escaped as N-Triples wants."""
    quoted = f'"{text.translate(_ESCAPES)}"'
    return quoted if datatype is None else f"{quoted}^^<{datatype}>"


def integer(value: int) -> str:
    """An ``xsd:integer`` literal."""
    return f'"{value}"^^<{XSD}integer>'


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` literal."""
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


def date(value: dt.date | dt.datetime) -> str:
    """``xsd:date`` or ``xsd:dateTime`` literal for a date value."""
    kind = "dateTime" if isinstance(value, dt.datetime) else "date"
    return f'"{value.isoformat()}"^^<{XSD}{kind}>'


def lines(triples: Iterable[Triple]) -> str:
    """The triples as N-Triples (also the body of a SPARQL ``INSERT DATA`` graph block)."""
    return "\n".join(f"{s} {p} {o} ." for s, p, o in triples)


def delete_data(db, graph: str, pattern: str, renames: Iterable[tuple[str, str]] = ()) -> list[str]:
    """A ``DELETE DATA`` of the triples ``?s ?p ?o`` that ``pattern`` matches in ``graph`` of ``db`` (none:
    no operation), each IRI renamed by ``renames`` (old, new), applied in order, as updates before it do.

    Explicit triples rather than a ``DELETE WHERE``: an update that has to read makes every write in it
    several times slower in Oxigraph. Read before the update, so only for a writer that holds the store.
    """
    renames = list(renames)

    def term(value) -> str:
        if renames and isinstance(value, ox.NamedNode):
            text = value.value
            for old, new in renames:
                text = new if text == old else text
            return iri(text)
        return str(value)

    rows = db.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}")
    body = "\n".join(f"{term(row['s'])} {row['p']} {term(row['o'])} ." for row in rows)
    return [f"DELETE DATA {{ GRAPH <{graph}> {{ {body} }} }}"] if body else []


def to_graph(triples: Iterable[Triple], graph: Graph) -> Graph:
    """``graph`` with the triples added (parsed as N-Triples), for code that wants rdflib's API."""
    return graph.parse(data=lines(triples), format="nt")


__all__ = ["Triple", "boolean", "date", "delete_data", "integer", "iri", "lines", "literal", "to_graph"]
