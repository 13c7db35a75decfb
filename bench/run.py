"""``python -m bench``: generate a corpus, measure every stage against its baseline, print the table.

Baselines, measured in the same run: the bare ``spacy.blank("en")``
tokenizer (``nlp.pipe``) for ingest, rdflib's in-memory engine and
serialisers for queries and exports, Flask's development server for HTTP.
Timings are printed, never asserted; the targets are checked and marked.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import spacy

from . import child
from .corpus import write_corpus
from .exports import ExportResult, export_to, load_dataset, measure_exports
from .ingest import IngestResult, run_stages
from .measure import Latency, directory_size, repeat, timed
from .queries import oxigraph_engine, pick_subjects, rdflib_engine, typical_queries
from .report import LOWER, Row, markdown
from .serving import flask_dev_command, load, mixed_requests, running, sequential, speaker_requests, waitress_command

MB = 1024 * 1024
DEFAULT_ARTICLES = 120
LONGEST_BASELINE = 90  # seconds: no rdflib export runs longer
PATIENCE = 1.2  # rdflib's serialiser is stopped after this much more than the export target's time
END_TO_END_TARGET = 100_000  # words/s on one core
WORKERS_TARGET = 1.8  # times one process, with --workers 2
MEMORY_TARGET = 1.2  # peak RSS of the large build over the small one
HTTP_TARGET_MS = 20  # who said what by speaker, p50 through HTTP
EXPORT_TARGET = 10  # times faster than rdflib's serialiser
BLANK = "spacy.blank, nlp.pipe"
RDFLIB = "rdflib"
FLASK_DEV = "Flask dev server"


@dataclass(frozen=True)
class Settings:
    """How much to measure: corpus size, repetitions and the baselines' time limits."""

    articles: int
    seed: int
    query_runs: int  # Oxigraph runs per query
    baseline_query_runs: int  # rdflib runs per query
    baseline_query_limit: float  # seconds after which an rdflib query run is stopped
    export_runs: int
    export_patience: float  # rdflib's serialiser is stopped after this many times the store's export time
    http_runs: int  # sequential requests per endpoint
    load_requests: int  # requests in the mixed load
    clients: int  # client threads of the mixed load


def settings(args: argparse.Namespace) -> Settings:
    """The settings the command line asks for."""
    if args.quick:
        return Settings(articles=args.articles or 20, seed=args.seed, query_runs=10, baseline_query_runs=3,
                        baseline_query_limit=10, export_runs=1, export_patience=PATIENCE * EXPORT_TARGET,
                        http_runs=10, load_requests=48, clients=3)
    return Settings(articles=args.articles or DEFAULT_ARTICLES, seed=args.seed, query_runs=50, baseline_query_runs=10,
                    baseline_query_limit=20, export_runs=2, export_patience=PATIENCE * EXPORT_TARGET,
                    http_runs=100, load_requests=320, clients=4)


STARTED = time.perf_counter()


def progress(message: str) -> None:
    """One line on stderr: where the benchmark is, and since when."""
    print(f"bench [{time.perf_counter() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


# --- ingest -------------------------------------------------------------------------------------------

def ingest_rows(result: IngestResult, blank: dict[str, Any], blank_setup: float) -> list[Row]:
    """Words/s of each ingest stage next to the blank tokenizer's."""
    baseline = result.words / blank["seconds"]
    section = "Ingest, stage by stage"

    def stage_row(name: str, seconds: float) -> Row:
        return Row(section, name, result.words / seconds, "words/s", baseline, BLANK,
                   detail=f"{seconds:.2f} s, {result.articles / seconds:,.1f} articles/s",
                   numbers={"seconds": seconds, "articles_per_s": result.articles / seconds})

    rows = [Row(section, "pipeline setup (build_pipeline)", result.setup_seconds, "s", blank_setup,
                'spacy.blank("en")', LOWER)]
    rules = [stage for stage in result.stages if stage.rule]
    for stage in result.stages:
        rows.append(stage_row(stage.name, stage.seconds))
        if stage is rules[-1]:
            rows.append(stage_row("rules (all components)", sum(rule.seconds for rule in rules)))
    rows.append(stage_row("all stages", sum(stage.seconds for stage in result.stages)))
    return rows


def end_to_end_rows(words: int, articles: int, one: dict[str, Any], two: dict[str, Any] | None,
                    blank: dict[str, Any]) -> list[Row]:
    """End-to-end throughput, with one process and (when the library has them) two workers."""
    section = "End to end"
    speed = words / one["seconds"]
    rows = [Row(section, "kg build, one process", speed, "words/s", words / blank["seconds"], BLANK,
                target=f"≥ {END_TO_END_TARGET:,} words/s", met=speed >= END_TO_END_TARGET,
                detail=f"{one['seconds']:.1f} s, {articles / one['seconds']:,.1f} articles/s, pipeline setup included",
                numbers={"seconds": one["seconds"], "articles_per_s": articles / one["seconds"]})]
    if two is None:
        rows.append(Row(section, "kg build --workers 2", None, "words/s", speed, "one process",
                        target=f"≥ {WORKERS_TARGET}× one process", detail="n/a (no --workers yet)"))
    else:
        rows.append(Row(section, "kg build --workers 2", words / two["seconds"], "words/s", speed, "one process",
                        target=f"≥ {WORKERS_TARGET}× one process",
                        met=one["seconds"] / two["seconds"] >= WORKERS_TARGET,
                        detail=f"{two['seconds']:.1f} s", numbers={"seconds": two["seconds"]}))
    rows.append(Row(section, "peak RSS, kg build", one["peak_rss"] / MB, "MB", blank["peak_rss"] / MB, BLANK, LOWER,
                    detail="whole build process"))
    return rows


def scaling_row(small: tuple[int, dict[str, Any]], large: tuple[int, dict[str, Any]], section: str) -> Row:
    """Peak RSS of the larger build next to the smaller one's: memory should not grow with the corpus."""
    (small_n, small_run), (large_n, large_run) = small, large
    growth = large_run["peak_rss"] / small_run["peak_rss"]
    return Row(section, f"peak RSS, {large_n:,} vs {small_n:,} articles", large_run["peak_rss"] / MB, "MB",
               small_run["peak_rss"] / MB, f"{small_n:,} articles", LOWER,
               target=f"flat: within {MEMORY_TARGET - 1:.0%}", met=growth <= MEMORY_TARGET,
               detail=f"RSS ratio {growth:.2f}", numbers={"rss_ratio": growth})


# --- store, exports, queries --------------------------------------------------------------------------

def export_rows(results: list[ExportResult], nquads_bytes: int, store_bytes: int) -> list[Row]:
    """The store's size, and every export format's time next to rdflib's."""
    rows = [Row("Store and exports", "store size on disk", store_bytes / MB, "MB", nquads_bytes / MB,
                "same data as N-Quads", LOWER)]
    for result in results:
        seconds = result.ours.p50
        speedup = result.rdflib_total / seconds
        theirs = "stopped" if result.rdflib_stopped else f"{result.rdflib_bytes / MB:.1f} MB"
        rows.append(Row("Store and exports", f"export {result.format}", seconds, "s", result.rdflib_total,
                        f"{RDFLIB} parse + serialize", LOWER, target=f"≥ {EXPORT_TARGET}× faster",
                        met=True if speedup >= EXPORT_TARGET else None if result.rdflib_stopped else False,
                        detail=f"{result.ours_bytes / MB:.1f} MB, {result.ours_bytes / MB / seconds:.1f} MB/s "
                               f"(rdflib: {theirs}); like for like, both from data at rest: rdflib parses "
                               f"the data ({result.rdflib_load_seconds:.2f} s) and serialises it "
                               f"({'>' if result.rdflib_stopped else ''}{result.rdflib_seconds:.2f} s, "
                               f"{result.rdflib_seconds / seconds:.2f}× ours with the data in memory); "
                               f"{len(result.ours.samples)} runs",
                        numbers={"bytes": result.ours_bytes, "baseline_bytes": result.rdflib_bytes,
                                 "runs": len(result.ours.samples), "rdflib_load_seconds": result.rdflib_load_seconds,
                                 "rdflib_serialize_seconds": result.rdflib_seconds},
                        baseline_stopped=result.rdflib_stopped))
    return rows


def query_rows(ours: dict[str, tuple[Latency, int]], theirs: dict[str, tuple[Latency, int | None]]) -> list[Row]:
    """p50 of each typical query with Oxigraph next to rdflib's engine (p99 and row counts in the detail)."""
    rows = []
    for name, (latency, count) in ours.items():
        base, base_count = theirs[name]
        if base.stopped:
            compared = f"{count} rows (rdflib stopped after {base.p50:.0f} s)"
        else:
            agree = "" if count == base_count else " — **the engines disagree**"
            compared = (f"p99 {latency.p99 * 1000:.2f} ms (rdflib {base.p99 * 1000:.1f} ms); "
                        f"{count} rows (rdflib {base_count}){agree}")
        rows.append(Row("Queries (p50; Oxigraph, the store's engine)", name, latency.p50 * 1000, "ms",
                        base.p50 * 1000, f"{RDFLIB} engine", LOWER,
                        detail=f"{compared}; {len(latency.samples)} runs (rdflib {len(base.samples)})",
                        numbers={"p99_ms": latency.p99 * 1000, "baseline_p99_ms": base.p99 * 1000, "rows": count,
                                 "baseline_rows": base_count, "runs": len(latency.samples),
                                 "baseline_runs": len(base.samples)},
                        baseline_stopped=base.stopped))
    return rows


def time_queries(run: Callable[[str], int], queries: dict[str, str], runs: int, budget: float,
                 limit: float | None = None) -> dict[str, tuple[Latency, int | None]]:
    """Latency and row count of each query with the engine ``run``."""
    return {name: repeat(partial(run, sparql), runs, budget, limit) for name, sparql in queries.items()}


# --- HTTP ---------------------------------------------------------------------------------------------

def http_rows(ours: dict[str, Any], theirs: dict[str, Any], config: Settings) -> list[Row]:
    """waitress (``kg serve``) next to Flask's development server."""
    section = "HTTP (kg serve: waitress, next to Flask's development server)"
    rows = []
    for name in ("/sparql, quotes by speaker", "/api/quotes?speaker="):
        latency, base = ours[name], theirs[name]
        rows.append(Row(section, f"{name} (p50)", latency.p50 * 1000, "ms", base.p50 * 1000, FLASK_DEV, LOWER,
                        target=f"≤ {HTTP_TARGET_MS} ms", met=latency.p50 * 1000 <= HTTP_TARGET_MS,
                        detail=f"p99 {latency.p99 * 1000:.1f} ms (dev {base.p99 * 1000:.1f} ms); "
                               f"{len(latency.samples)} requests, one keep-alive connection",
                        numbers={"p99_ms": latency.p99 * 1000, "baseline_p99_ms": base.p99 * 1000}))
    mixed, base = ours["mixed"], theirs["mixed"]
    how = f"{config.load_requests} mixed requests (API, SPARQL, pages), {config.clients} keep-alive clients"
    route, slowest = mixed.slowest()
    numbers = {"p50_ms_by_route": {name: latency.p50 * 1000 for name, latency in mixed.routes.items()},
               "baseline_p50_ms_by_route": {name: latency.p50 * 1000 for name, latency in base.routes.items()}}
    rows += [Row(section, "mixed load, requests/s", mixed.per_second, "req/s", base.per_second, FLASK_DEV,
                 detail=how, numbers={"seconds": mixed.seconds, "requests": len(mixed.latency.samples)}),
             Row(section, "mixed load, p50", mixed.latency.p50 * 1000, "ms", base.latency.p50 * 1000, FLASK_DEV,
                 LOWER, detail=f"slowest route: {route}, p50 {slowest.p50 * 1000:,.0f} ms", numbers=numbers),
             Row(section, "mixed load, p99", mixed.latency.p99 * 1000, "ms", base.latency.p99 * 1000, FLASK_DEV,
                 LOWER, detail=how)]
    return rows


def measure_server(command: list[str], announce: str, subjects, config: Settings) -> dict[str, Any]:
    """Who-said-what latencies and the mixed load against one server."""
    by_sparql, by_api = speaker_requests(subjects)
    with running(command, announce) as port:
        return {"/sparql, quotes by speaker": sequential(port, by_sparql, config.http_runs),
                "/api/quotes?speaker=": sequential(port, by_api, config.http_runs),
                "mixed": load(port, mixed_requests(subjects), config.load_requests, config.clients)}


# --- the whole run ------------------------------------------------------------------------------------

def benchmark(config: Settings, work: Path) -> tuple[list[Row], dict[str, Any]]:
    """Every measurement, as table rows, and the run's context (sizes, versions)."""
    corpus = work / "corpus"
    progress(f"writing {config.articles} articles (seed {config.seed})")
    write_corpus(corpus, config.articles, config.seed)
    small_n = max(5, config.articles // 4)
    write_corpus(work / "small", small_n, config.seed)

    progress("baseline: blank tokenizer")
    blank = child.run("blank", corpus)
    blank_setup, _ = timed(lambda: spacy.blank("en"))
    progress("ingest, stage by stage")
    ingest = run_stages(corpus, work / "store")
    rows = ingest_rows(ingest, blank, blank_setup)

    progress("end to end: kg build, one process")
    one = child.run("build", corpus, work / "e2e-1")
    two = None
    if child.workers_supported():
        progress("end to end: kg build, two workers")
        two = child.run("build", corpus, work / "e2e-2", "--workers", "2")
    progress(f"end to end: kg build, {small_n} articles (memory scaling)")
    small = child.run("build", work / "small", work / "e2e-small")
    rows += end_to_end_rows(ingest.words, ingest.articles, one, two, blank)
    rows.append(scaling_row((small_n, small), (config.articles, one), "End to end"))

    store = ingest.store
    progress("loading the graph into rdflib")
    dataset, load_seconds = load_dataset(store, work)
    progress("exports")
    nquads_bytes = export_to(store, "nquads", work / "size.nq")
    exports = measure_exports(store, dataset, load_seconds, work, config.export_runs, config.export_patience,
                              LONGEST_BASELINE)
    rows += export_rows(exports, nquads_bytes, directory_size(store.path))

    progress("queries")
    subjects = pick_subjects(store)
    queries = typical_queries(subjects)
    ours = time_queries(oxigraph_engine(store), queries, config.query_runs, budget=10)
    theirs = time_queries(rdflib_engine(dataset), queries, config.baseline_query_runs, budget=20,
                          limit=config.baseline_query_limit)
    rows += query_rows(ours, theirs)
    del dataset

    progress("HTTP: kg serve (waitress)")
    waitress = measure_server(waitress_command(store.path), "stdout", subjects, config)
    progress("HTTP: Flask development server")
    flask_dev = measure_server(flask_dev_command(store.path), "stderr", subjects, config)
    rows += http_rows(waitress, flask_dev, config)

    context = {"articles": ingest.articles, "words": ingest.words, "seed": config.seed,
               "rdflib_load_seconds": load_seconds, "speaker": subjects.speaker[1], "place": subjects.place,
               "search_word": subjects.word}
    return rows, context


def scaling(sizes: list[int], seed: int, work: Path) -> tuple[list[Row], dict[str, Any]]:
    """``--scaling SMALL LARGE``: end-to-end builds of two corpus sizes and the ratio of their peak RSS."""
    runs = []
    rows = []
    for size in sizes:
        progress(f"writing {size} articles (seed {seed})")
        write_corpus(work / f"corpus-{size}", size, seed)
        progress(f"kg build, {size} articles")
        result = child.run("build", work / f"corpus-{size}", work / f"store-{size}")
        runs.append((size, result))
        rows.append(Row("Memory scaling", f"kg build, {size:,} articles", size / result["seconds"], "articles/s",
                        detail=f"{result['seconds']:.1f} s, peak RSS {result['peak_rss'] / MB:.0f} MB, "
                               f"store {directory_size(work / f'store-{size}') / MB:.0f} MB",
                        numbers={"seconds": result["seconds"], "peak_rss": result["peak_rss"]}))
    rows.append(scaling_row(runs[0], runs[1], "Memory scaling"))
    return rows, {"sizes": sizes, "seed": seed}


def environment() -> dict[str, Any]:
    """Where the figures come from: machine and library versions."""
    return {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            **{name: version(name) for name in ("spacy", "pyoxigraph", "rdflib", "flask", "waitress")}}


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None,
                        help=f"Corpus size (default {DEFAULT_ARTICLES}; --quick 20).")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the synthetic corpus (default 1).")
    parser.add_argument("--quick", action="store_true", help="A small corpus and few repetitions (for the tests).")
    parser.add_argument("--scaling", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                        help="Only build corpora of two sizes end to end and compare their peak RSS.")
    parser.add_argument("--json", metavar="FILE", help="Also write the figures as JSON to FILE ('-': stdout, "
                                                       "instead of the Markdown table).")
    parser.add_argument("--keep", metavar="DIR", type=Path, help="Work in DIR (corpus, stores) and keep it.")
    args = parser.parse_args(argv)
    if (args.articles is not None and args.articles < 1) or (args.scaling and min(args.scaling) < 1):
        parser.error("sizes must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    args = parse_arguments(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        if args.scaling:
            rows, context = scaling(args.scaling, args.seed, work)
            title = f"Memory scaling: {args.scaling[0]:,} and {args.scaling[1]:,} articles"
        else:
            config = settings(args)
            rows, context = benchmark(config, work)
            title = f"Benchmark: {context['articles']:,} articles, {context['words']:,} words (seed {config.seed})"
    context = {**context, **environment(), "seconds": time.perf_counter() - started,
               "command": "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv)}
    progress(f"done in {context['seconds']:.0f} s")
    if args.json:
        text = json.dumps({"context": context, "rows": [row.as_dict() for row in rows]}, indent=1)
        if args.json == "-":
            print(text)
            return 0
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    versions = ", ".join(f"{name} {context[name]}" for name in ("spacy", "pyoxigraph", "rdflib", "flask", "waitress"))
    print(markdown(rows, title))
    print(f"`{context['command']}`: {context['seconds']:.0f} s on {context['cpus']} CPUs, Python {context['python']}, "
          f"{versions}.")
    return 0


__all__ = ["Settings", "benchmark", "main", "scaling"]
