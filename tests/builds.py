"""What the crash and concurrency tests share: a build in the background, its log, and the store's articles."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = 24  # synthetic articles per corpus (bench.corpus): a build of them takes seconds, in many batches
COUNT_BY_ID = ("SELECT ?id (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } "
               "GROUP BY ?id")


def ingested(log: Path) -> list[str]:
    """The articles the build's log says it completed (a line still being written is not read)."""
    if not log.exists():
        return []
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").split("\n")[:-1] if line.strip()]
    return [line["article"] for line in lines if line["message"] == "article ingested"]


def build_process(corpus: Path, store: Path, log: Path, batch_size: int = 2) -> subprocess.Popen:
    """``kg --log-file LOG build CORPUS --store STORE`` started in the background."""
    env = {name: value for name, value in os.environ.items() if name != "KG_STORE"}
    return subprocess.Popen([sys.executable, "-m", "kg", "--log-file", str(log), "build", str(corpus),
                             "--store", str(store), "--batch-size", str(batch_size)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def wait_until(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def articles_by_id(kg, store: Path) -> dict[str, int]:
    result = kg("query", COUNT_BY_ID, "--store", store, "--output", "json", cwd=store.parent)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    return {row["id"]["value"]: int(row["n"]["value"]) for row in rows}
