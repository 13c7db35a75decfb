"""RDF terms and triples as N-Triples text: what the store's updates are written in.

Writing terms as text directly is many times faster than building rdflib
terms and graphs and asking them for ``n3()``; the lexical forms are those
rdflib writes (``true``, ``5``, ISO dates), so the stored data is the same.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph

XSD = "http://www.w3.org/2001/XMLSchema#"
Triple = tuple[str, str, str]  # subject, predicate, object, each as an N-Triples term


@lru_cache(maxsize=65536)
def iri(value: str) -> str:
    """``<value>``."""
    return f"<{value}>"


def literal(text: str, datatype: str | None = None) -> str:
    """A string literal (``datatype`` None) or a typed one, escaped as N-Triples wants."""
    # (four replaces, each a scan in C, are an order of magnitude faster than one str.translate)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    quoted = f'"{escaped}"'
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


def term(value: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """An Oxigraph term written as this module writes terms, so that stored and computed triples compare as text."""
    if isinstance(value, ox.NamedNode):
        return iri(value.value)
    if isinstance(value, ox.Literal):
        if value.language:
            return f"{literal(value.value)}@{value.language}"
        datatype = value.datatype.value
        return literal(value.value, None if datatype == f"{XSD}string" else datatype)
    return str(value)


def stored_triples(db, graph: str, pattern: str, renames: Iterable[tuple[str, str]] = ()) -> set[Triple]:
    """The triples ``?s ?p ?o`` that ``pattern`` matches in ``graph`` of ``db``, each IRI renamed by ``renames``
    (old, new), applied in order, as updates before it do."""
    renames = list(renames)

    def written(value) -> str:
        if renames and isinstance(value, ox.NamedNode):
            text = value.value
            for old, new in renames:
                text = new if text == old else text
            return iri(text)
        return term(value)

    rows = db.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}")
    return {(written(row["s"]), term(row["p"]), written(row["o"])) for row in rows}


def nquads(graph: str, triples: Iterable[Triple]) -> str:
    """The triples as N-Quads lines in ``graph``, each ending with a newline."""
    name = iri(graph)
    return "".join(f"{s} {p} {o} {name} .\n" for s, p, o in triples)


@dataclass
class Writes:
    """The writes of one batch: SPARQL Update operations that drop, rename and delete, applied first, then the
    triples to add, by graph.

    No added triple is one an operation deletes, so the operations and the additions may be applied separately
    (:meth:`kg.store.Store.put_articles` adds in bulk) or together, as one update (:meth:`update`).
    """

    operations: list[str] = field(default_factory=list)
    added: dict[str, list[Triple]] = field(default_factory=dict)

    def add(self, graph: str, triples: Iterable[Triple]) -> None:
        """Add ``triples`` to ``graph``."""
        triples = list(triples)
        if triples:
            self.added.setdefault(graph, []).extend(triples)

    def extend(self, other: Writes) -> None:
        """Apply ``other``'s writes after these."""
        self.operations += other.operations
        for graph, triples in other.added.items():
            self.add(graph, triples)

    def nquads(self) -> str:
        """The added triples as N-Quads."""
        return "".join(nquads(graph, triples) for graph, triples in self.added.items())

    def update(self) -> str:
        """Everything as one SPARQL Update (the operations, then an ``INSERT DATA``), or "" if nothing is written."""
        blocks = [f"GRAPH {iri(graph)} {{ {lines(triples)} }}" for graph, triples in self.added.items()]
        return " ;\n".join(self.operations + (["INSERT DATA { " + "\n".join(blocks) + " }"] if blocks else []))


def replace_data(db, graph: str, pattern: str, triples: Iterable[Triple],
                 renames: Iterable[tuple[str, str]] = (), stored: Iterable[Triple] = ()) -> Writes:
    """The writes that make the triples ``pattern`` matches in ``graph`` of ``db`` (:func:`stored_triples`,
    renamed by ``renames`` as operations before these do), and the triples the caller knows are ``stored``
    there (not read again), become ``triples``: a ``DELETE DATA`` of the stored triples not among them (none:
    no operation), then the new ones added.

    Only the difference is written, and as explicit triples rather than a ``DELETE WHERE``: an update that has
    to read makes every write in it several times slower in Oxigraph. Read before the update, so only for a
    writer that holds the store.
    """
    old = stored_triples(db, graph, pattern, renames)
    old.update(stored)
    new = list(dict.fromkeys(triples))
    gone = sorted(old.difference(new))
    writes = Writes([f"DELETE DATA {{ GRAPH <{graph}> {{ {lines(gone)} }} }}"] if gone else [])
    writes.add(graph, [triple for triple in new if triple not in old])
    return writes


def to_graph(triples: Iterable[Triple], graph: Graph) -> Graph:
    """``graph`` with the triples added (parsed as N-Triples), for code that wants rdflib's API."""
    return graph.parse(data=lines(triples), format="nt")


__all__ = ["Triple", "Writes", "boolean", "date", "integer", "iri", "lines", "literal", "nquads", "replace_data",
           "stored_triples", "term", "to_graph"]
