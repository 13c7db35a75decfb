"""Checking the graph against the project's SHACL shapes (``kg/data/shapes.ttl``) with pySHACL.

The data graph is the union of all graphs, as an export holds it: the
store's named graphs and the dataset description (:mod:`kg.void`), or an
exported file. It is loaded into an in-memory Oxigraph store, which pySHACL
reads directly, so the shapes' SPARQL constraints are evaluated by Oxigraph.
What the shapes say is in the file; in short: every entity typed and named,
every article with its text, every quotation with text, article and
statement, every span's offsets inside its article's text, every date a
valid ``xsd:date`` or ``xsd:dateTime``. A quotation without a speaker is a
warning, not a violation: articles do quote unnamed sources.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
import pyshacl
from pyshacl.graph_abstraction import OxigraphDataGraph
from rdflib import XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from .errors import KGError
from .resources import data_text
from .store import FORMATS, Store
from .vocab import PREFIXES
from .void import DESCRIPTION_PREFIXES, description_quads

SH = Namespace("http://www.w3.org/ns/shacl#")
# ``kg export``'s format names (files named otherwise are known by their extension: ttl, nq, jsonld, rdf...)
FILE_FORMATS = {name: rdf_format or ox.RdfFormat.JSON_LD for name, rdf_format in FORMATS.items()}
LITERAL_LENGTH = 60
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_NAMESPACES = sorted(((str(ns), prefix) for prefix, ns in {**PREFIXES, **DESCRIPTION_PREFIXES}.items()),
                     key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=1)
def shapes() -> Graph:
    """The project's SHACL shapes, shipped with the package."""
    return Graph().parse(data=data_text("shapes.ttl"), format="turtle")


def show(term: Node | None) -> str:
    """A term as a person reads it: prefixed names where a project prefix fits, short literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for namespace, prefix in _NAMESPACES:
            local = term[len(namespace):]
            if term.startswith(namespace) and local.replace("_", "").isalnum():
                return f"{prefix}:{local}"
        return term.n3()
    if isinstance(term, Literal):
        text = str(term) if len(term) <= LITERAL_LENGTH else str(term)[:LITERAL_LENGTH - 1] + "…"
        plain = Literal(text, lang=term.language).n3()
        return plain if term.datatype in (None, XSD.string) else f"{plain}^^{show(term.datatype)}"
    return term.n3()


class _Data(OxigraphDataGraph):
    """pySHACL's view of the data (an Oxigraph store), whose size is counted once.

    pySHACL asks for the data graph's size for every result it writes; the
    data does not change during a validation, so one count will do.
    """

    _size: int | None = None

    def __len__(self, context: Graph | None = None) -> int:
        if context is not None:
            return super().__len__(context)
        if self._size is None:
            self._size = super().__len__()
        return self._size


@dataclass(frozen=True)
class Problem:
    """One result of the validation: where, what, and how serious."""

    severity: str
    focus: str
    path: str
    message: str
    value: str

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    """The outcome: the graph conforms unless a violation was found (warnings do not count)."""

    problems: tuple[Problem, ...]

    @property
    def violations(self) -> list[Problem]:
        """The problems that make the graph non-conforming."""
        return [problem for problem in self.problems if problem.severity == "violation"]

    @property
    def conforms(self) -> bool:
        """True when there is no violation."""
        return not self.violations

    def __str__(self) -> str:
        counts = {severity: sum(p.severity == severity for p in self.problems) for severity in SEVERITIES.values()}
        summary = ", ".join(f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in counts.items() if n)
        verdict = "conforms" if self.conforms else "does not conform"
        lines = [str(problem) for problem in self.problems]
        return "\n".join([*lines, f"{verdict} to the shapes{f' ({summary})' if summary else ''}"])


def _problems(report: Graph) -> tuple[Problem, ...]:
    """The results of a SHACL validation report, violations first, then by node."""
    found = set()
    for result in report.objects(None, SH.result):
        severity = SEVERITIES.get(report.value(result, SH.resultSeverity), "violation")
        message = str(report.value(result, SH.resultMessage) or report.value(result, SH.sourceConstraintComponent))
        focus, value = report.value(result, SH.focusNode), report.value(result, SH.value)
        shown = show(value) if value is not None and value != focus and str(value) not in message else ""
        found.add(Problem(severity, show(focus), show(report.value(result, SH.resultPath)), message, shown))
    order = list(SEVERITIES.values())
    return tuple(sorted(found, key=lambda p: (order.index(p.severity), p.focus, p.path, p.message, p.value)))


def validate_quads(quads: Iterable[ox.Quad]) -> Report:
    """Validate the union of the graphs of ``quads`` against :func:`shapes`."""
    data = ox.Store()
    data.bulk_extend(quads)
    rdflib_terms = logging.getLogger("rdflib.term")  # it logs a traceback for every ill-typed literal it meets
    level = rdflib_terms.level
    rdflib_terms.setLevel(logging.ERROR)
    try:
        _, report, _ = pyshacl.validate(_Data(data), shacl_graph=shapes(), inference="none", allow_warnings=True)
    finally:
        rdflib_terms.setLevel(level)
    return Report(_problems(report))


def validate_store(store: Store) -> Report:
    """Validate what an export of ``store`` holds: its graphs and their description."""
    return validate_quads([*store.db.quads_for_pattern(None, None, None, None), *description_quads(store.db)])


def validate_file(path: Path, fmt: str | None = None) -> Report:
    """Validate an RDF file; ``fmt`` is a ``kg export`` format or a file extension (default: the file's)."""
    name = (fmt or path.suffix.lstrip(".")).lower()
    rdf_format = FILE_FORMATS.get(name) or ox.RdfFormat.from_extension(name)
    if rdf_format is None:
        raise KGError(f"{path}: unknown RDF format {name!r}; give --format ({', '.join(FILE_FORMATS)})")
    try:
        quads = list(ox.parse(path=path, format=rdf_format))
    except OSError as exc:
        raise KGError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except SyntaxError as exc:
        raise KGError(f"{path}: not valid {rdf_format.name}: {exc}") from exc
    return validate_quads(quads)


__all__ = ["FILE_FORMATS", "Problem", "Report", "shapes", "show", "validate_file", "validate_quads", "validate_store"]
