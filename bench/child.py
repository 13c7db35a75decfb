"""Jobs run in a fresh process, so that their peak memory is theirs alone.

``python -m bench.child build CORPUS STORE [--workers N]`` builds the corpus
with :func:`kg.build.build` (end to end: read, rules, resolution, graph,
store); ``python -m bench.child blank CORPUS`` runs the baseline, the bare
``spacy.blank("en")`` tokenizer over the same texts with ``nlp.pipe``. Each
prints one JSON object: seconds (the timed part only, after imports), peak
RSS in bytes, articles.
"""
from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .measure import peak_rss


def workers_supported() -> bool:
    """Whether :func:`kg.build.build` takes a ``workers`` argument (parallel extraction)."""
    from kg.build import build

    return "workers" in inspect.signature(build).parameters


def build_job(corpus: Path, store: Path, workers: int) -> dict[str, Any]:
    """Build ``corpus`` into a new store at ``store`` the way ``kg build`` does."""
    from kg.build import build
    from kg.store import Store

    options = {"workers": workers} if workers > 1 else {}
    start = time.perf_counter()
    report = build([corpus], lambda: Store(store, create=True), progress=False, **options)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": report.articles, "problems": len(report.problems)}


def blank_job(corpus: Path) -> dict[str, Any]:
    """The baseline: ``spacy.blank("en")`` tokenizing the corpus's texts with ``nlp.pipe``."""
    import spacy

    from kg.ingest import iter_sources

    texts = [source.text for source in iter_sources([corpus], lambda error: None)]
    nlp = spacy.blank("en")
    start = time.perf_counter()
    articles = sum(1 for _ in nlp.pipe(texts))
    return {"seconds": time.perf_counter() - start, "articles": articles, "problems": 0}


def run(job: str, *arguments: str | Path) -> dict[str, Any]:
    """Run ``job`` in a new Python process and return what it measured."""
    command = [sys.executable, "-m", "bench.child", job, *map(str, arguments)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Command line of the child process."""
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    jobs = parser.add_subparsers(dest="job", required=True)
    build = jobs.add_parser("build")
    build.add_argument("corpus", type=Path)
    build.add_argument("store", type=Path)
    build.add_argument("--workers", type=int, default=1)
    blank = jobs.add_parser("blank")
    blank.add_argument("corpus", type=Path)
    args = parser.parse_args(argv)
    result = build_job(args.corpus, args.store, args.workers) if args.job == "build" else blank_job(args.corpus)
    print(json.dumps({**result, "peak_rss": peak_rss()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
