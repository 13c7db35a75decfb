"""Exports: ``Store.export`` in every format against rdflib serialising the same data.

rdflib gets the data from the store's own exports (N-Triples for the
triple formats, N-Quads for the dataset formats), so both sides write
exactly the same triples. Both are timed from data at rest to the written
file: the store's export reads the store on disk, so rdflib's time is its
parse of the data (once per kind) plus its serialiser; the serialiser's
time alone (data already in memory) is kept beside it. rdflib's
Turtle and TriG writers slow down much faster than the data grows, so each
rdflib run is stopped once it has taken ``patience`` times the store's time:
the baseline is then a lower bound, still enough to tell whether a target
"n times faster" is met.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from kg.store import FORMATS, Store
from kg.vocab import PREFIXES

from .measure import Latency, TimeLimit, limited, repeat, timed

DATASET_FORMATS = ("nquads", "trig")


@dataclass(frozen=True)
class ExportResult:
    """One format: the store's export times and size, rdflib's time and size."""

    format: str
    ours: Latency
    ours_bytes: int
    rdflib_seconds: float  # rdflib's serialiser alone, the data already in memory
    rdflib_bytes: int | None  # None when rdflib was stopped
    rdflib_load_seconds: float  # rdflib's parse of the same data

    @property
    def rdflib_total(self) -> float:
        """rdflib from data at rest to the file: its parse and its serialiser (like the store's export)."""
        return self.rdflib_load_seconds + self.rdflib_seconds

    @property
    def rdflib_stopped(self) -> bool:
        """Whether rdflib was stopped before it finished (its time is then a lower bound)."""
        return self.rdflib_bytes is None


def export_to(store: Store, fmt: str, path: Path) -> int:
    """Export the store in ``fmt`` to ``path``; returns the file's size."""
    with path.open("wb") as handle:
        store.export(fmt, handle)
    return path.stat().st_size


def _rdflib_serialize(graph: Graph, fmt: str, path: Path) -> int:
    options = {"context": {p: str(ns) for p, ns in PREFIXES.items()}, "auto_compact": True} if fmt == "json-ld" else {}
    graph.serialize(destination=str(path), format=fmt, encoding="utf-8", **options)
    return path.stat().st_size


def load_dataset(store: Store, directory: Path) -> tuple[Dataset, float]:
    """The store's data in an rdflib ``Dataset`` (union default graph), and the seconds the parse took."""
    path = directory / "load.nq"
    export_to(store, "nquads", path)
    dataset = Dataset(default_union=True)
    seconds, _ = timed(lambda: dataset.parse(str(path), format="nquads"))
    path.unlink()
    return dataset, seconds


def measure_exports(store: Store, dataset: Dataset, dataset_load: float, directory: Path, runs: int,
                    patience: float, longest: float) -> list[ExportResult]:
    """Time every export format of the store, and rdflib writing the same data in it.

    ``dataset_load``: the seconds rdflib took to parse ``dataset``. rdflib's
    serialiser is stopped after ``patience`` times the store's time (at most ``longest`` seconds).
    """
    triples = Graph()
    export_to(store, "nt", directory / "union.nt")
    triples_load, _ = timed(lambda: triples.parse(str(directory / "union.nt"), format="nt"))
    (directory / "union.nt").unlink()
    results = []
    for fmt in FORMATS:
        ours_path, theirs_path = directory / f"ours.{fmt}", directory / f"rdflib.{fmt}"
        ours, size = repeat(lambda: export_to(store, fmt, ours_path), runs, budget=30)  # noqa: B023 - called at once
        source = dataset if fmt in DATASET_FORMATS else triples
        limit = min(patience * ours.p50, longest)
        try:
            seconds, theirs = limited(lambda: _rdflib_serialize(source, fmt, theirs_path), limit)  # noqa: B023
        except TimeLimit:
            seconds, theirs = limit, None
        load = dataset_load if fmt in DATASET_FORMATS else triples_load
        results.append(ExportResult(fmt, ours, size, seconds, theirs, load))
        ours_path.unlink()
        theirs_path.unlink(missing_ok=True)
    return results


__all__ = ["ExportResult", "export_to", "load_dataset", "measure_exports"]
