"""``python -m bench.load``: a bounded load test of ``kg serve`` on loopback, and its figures.

A fixed number of requests (``--requests``), mixing SPARQL queries, the JSON
API and pages (:func:`bench.serving.mixed_requests`), is shared by
``--clients`` threads, each with a kept-alive connection; it stops by itself.
It prints throughput, p50/p99 latency overall and by route, and every error;
the exit status is 1 when any request failed. The store is ``--store``, or
the seed articles built into a temporary one.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.store import Store

from .queries import pick_subjects
from .serving import LoadResult, load, mixed_requests, running, waitress_command

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seeds_store(folder: Path) -> Path:
    store = folder / "store"
    subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "--store", str(store)], check=True,
                   stdout=subprocess.DEVNULL)
    return store


def run_load(store: Path, requests: int, clients: int) -> LoadResult:
    """Serve ``store`` with ``kg serve`` and put the bounded mixed load on it."""
    plan = mixed_requests(pick_subjects(Store(store, create=False)))
    with running(waitress_command(store), "stdout") as port:
        return load(port, plan, requests, clients, strict=False)


def summary(result: LoadResult, clients: int) -> dict:
    """The figures of a load, as plain data."""
    latency = result.latency
    return {"requests": len(latency.samples) + len(result.errors), "clients": clients, "errors": len(result.errors),
            "seconds": round(result.seconds, 3), "requests_per_second": round(result.per_second, 1),
            "p50_ms": round(latency.p50 * 1000, 2), "p99_ms": round(latency.p99 * 1000, 2),
            "routes": {route: {"requests": len(values.samples), "p50_ms": round(values.p50 * 1000, 2),
                               "p99_ms": round(values.p99 * 1000, 2)} for route, values in result.routes.items()},
            "error_lines": list(result.errors)}


def table(figures: dict) -> str:
    """The figures as Markdown."""
    lines = [f"{figures['requests']} requests from {figures['clients']} clients in {figures['seconds']} s: "
             f"{figures['requests_per_second']} requests/s, p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, "
             f"{figures['errors']} errors", "", "| route | requests | p50 ms | p99 ms |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{route}` | {row['requests']} | {row['p50_ms']} | {row['p99_ms']} |"
              for route, row in figures["routes"].items()]
    lines += [f"- error: {line}" for line in figures["error_lines"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the load test; 1 when any request failed."""
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="store to serve (default: the seeds, built into a temporary one)")
    parser.add_argument("--requests", type=int, default=4000, help="requests in all (default: 4000)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default: 8)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-load-") as folder:
        store = options.store or _seeds_store(Path(folder))
        figures = summary(run_load(store, options.requests, options.clients), options.clients)
    print(table(figures))
    if options.json:
        options.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
