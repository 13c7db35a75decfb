"""Writing the whole graph in one of six formats, serialised by Oxigraph (JSON-LD by :mod:`kg.jsonld`).

Nothing goes through rdflib. The dataset description (:mod:`kg.void`, a few
triples per graph) is serialised on its own and joined to the store's output:
appended for the line and Turtle-family formats (a second prefix block is
valid there), spliced inside the root element for RDF/XML. N-Quads and TriG
are the store's dump (one named graph per article); the triple formats hold
the union of the graphs, each triple once. JSON-LD is compact (prefixed names,
one node per subject, a local ``@context``), written by our own writer from
the union's triples, so it holds the whole graph in memory while it writes.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .errors import KGError
from .jsonld import write_json_ld
from .vocab import PREFIXES
from .void import DESCRIPTION_PREFIXES, description_quads

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = ("nquads", "trig")  # one named graph per article; the others hold the union
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
PREFIX_MAP = {prefix: str(ns) for prefix, ns in {**PREFIXES, **DESCRIPTION_PREFIXES}.items()}
CLOSING = b"</rdf:RDF>"  # where an RDF/XML document ends: the description goes in before it


class _Spliced:
    """A binary writer that holds back the end of a document so more can be put in before it."""

    def __init__(self, output: BinaryIO, closing: bytes) -> None:
        self.output, self.closing, self.tail = output, closing, b""

    def write(self, data: bytes) -> int:
        """Write all but the last ``len(closing)`` bytes seen so far."""
        size = len(data)
        data = self.tail + bytes(data)
        keep = len(self.closing)
        self.output.write(data[:-keep])
        self.tail = data[-keep:]
        return size

    def flush(self) -> None:
        """Nothing to do: the end is written by :meth:`close_with`."""

    def close_with(self, inner: bytes) -> None:
        """Write ``inner`` and then the document's end."""
        if not self.tail.endswith(self.closing):
            raise KGError(f"unexpected end of a serialisation: {self.tail!r}")
        self.output.write(self.tail[:-len(self.closing)] + inner + self.closing)


def _body(document: bytes) -> bytes:
    """The inside of an RDF/XML root element."""
    start = document.index(b">", document.index(b"<rdf:RDF")) + 1
    return document[start:document.rindex(b"</rdf:RDF>")]


def _description(db: ox.Store) -> tuple[list[ox.Quad], list[ox.Triple]]:
    quads = description_quads(db)
    return quads, [quad.triple for quad in quads]


def _write_xml(results: ox.QueryTriples, description: Iterable[ox.Triple], output: BinaryIO) -> None:
    """The store's triples in RDF/XML with the description spliced in before the document's end.

    No prefixes: RDF/XML then declares each namespace where it is used, so the
    description's elements mean the same inside the store's document.
    """
    spliced = _Spliced(output, CLOSING)
    results.serialize(spliced, ox.RdfFormat.RDF_XML)
    spliced.close_with(_body(ox.serialize(description, None, ox.RdfFormat.RDF_XML)))


def export(db: ox.Store, fmt: str, output: BinaryIO | str) -> None:
    """Write the whole graph of ``db`` and its description in format ``fmt`` (see the module docstring)."""
    if fmt not in FORMATS:
        raise KGError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(output, str):
        with Path(output).open("wb") as handle:
            export(db, fmt, handle)
        return
    rdf_format = FORMATS[fmt]
    quads, triples = _description(db)
    if fmt in DATASET_FORMATS:
        db.dump(output, rdf_format, prefixes=PREFIX_MAP)
        ox.serialize(quads, output, rdf_format, prefixes=PREFIX_MAP)
    elif rdf_format == ox.RdfFormat.RDF_XML:
        _write_xml(db.query(UNION), triples, output)
    elif rdf_format == ox.RdfFormat.JSON_LD:
        write_json_ld(chain(db.query(UNION), triples), output, PREFIX_MAP)
    elif rdf_format == ox.RdfFormat.N_TRIPLES:
        db.query(UNION).serialize(output, rdf_format)
        ox.serialize(triples, output, rdf_format)
    else:
        ox.serialize(db.query(UNION), output, rdf_format, prefixes=PREFIX_MAP)
        ox.serialize(triples, output, rdf_format, prefixes=PREFIX_MAP)


__all__ = ["DATASET_FORMATS", "FORMATS", "export"]
