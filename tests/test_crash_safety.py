"""Crash safety, for real: a build killed with SIGKILL at a random moment, the store reopened, the build rerun.

An article's ingest has completed when the build logs it (``"article ingested"``: its batch is committed and
published to readers). After the kill the store must open, answer queries and hold every such article once;
the rerun must finish the rest, and the store must then be the one a build that was never interrupted makes.
"""
from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builds import ARTICLES, articles_by_id, build_process, ingested, wait_until

from bench.corpus import write_corpus
from kg import records_json
from kg.store import PENDING, Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, seed=11)
    return folder


def test_a_killed_build_keeps_what_it_completed_and_the_rerun_finishes_without_duplicates(kg, corpus, tmp_path,
                                                                                           nquads):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    store, log = tmp_path / "store", tmp_path / "build.log"
    process = build_process(corpus, store, log)
    wanted = rng.randrange(1, ARTICLES - 4)
    wait_until(lambda: len(ingested(log)) >= wanted or process.poll() is not None)
    time.sleep(rng.uniform(0, 0.4))  # anywhere inside the next batch: extracting, committing or publishing
    process.send_signal(signal.SIGKILL)
    process.wait()
    completed = ingested(log)
    assert process.returncode == -signal.SIGKILL, f"the build ended before it was killed (seed {seed})"

    stored = articles_by_id(kg, store)
    assert set(completed) <= set(stored), f"seed {seed}"
    assert set(stored.values()) == {1}, f"seed {seed}"

    rerun = kg("build", corpus, "--store", store, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert set(articles_by_id(kg, store).values()) == {1} and len(articles_by_id(kg, store)) == ARTICLES
    clean = kg("build", corpus, "--store", tmp_path / "clean", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert nquads(store) == nquads(tmp_path / "clean"), f"seed {seed}"


def test_a_build_killed_while_creating_the_store_leaves_one_that_the_rerun_completes(kg, corpus, tmp_path):
    store, log = tmp_path / "store", tmp_path / "build.log"
    process = build_process(corpus, store, log)
    wait_until(lambda: (store / "kg-store.json").exists() or process.poll() is not None)
    process.send_signal(signal.SIGKILL)
    process.wait()
    rerun = kg("build", corpus, "--store", store, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert len(articles_by_id(kg, store)) == ARTICLES


KILLED_INSIDE_THE_BULK_LOAD = """
import os, signal, sys
from pathlib import Path
from kg import records_json
from kg.store import Store

class Killed:  # the writer's database, killed once half of the batch's additions are loaded
    def __init__(self, db):
        self.db = db
    def __getattr__(self, name):
        return getattr(self.db, name)
    def bulk_load(self, data, **kwargs):
        lines = data.splitlines(keepends=True)
        self.db.bulk_load("".join(lines[:len(lines) // 2]), **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)

records = list(records_json.read([sys.argv[2]], print))
store = Store(Path(sys.argv[1]))
store.put_articles(records[:3])
store.db = Killed(store.db)
store.put_articles(records[1:5])  # two articles replaced, two new
"""


def test_a_build_killed_inside_a_batch_write_leaves_no_part_of_it(kg, corpus, tmp_path, nquads):
    """Killed after the batch's deletions and half its additions: readers, and the writer that reopens the store,
    see the store as the batch before left it."""
    records, store = tmp_path / "records.jsonl", tmp_path / "store"
    assert kg("extract", corpus, "-o", records, cwd=tmp_path).returncode == 0
    killed = subprocess.run([sys.executable, "-c", KILLED_INSIDE_THE_BULK_LOAD, str(store), str(records)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (store / PENDING).exists()
    first = tmp_path / "first"
    with Store(first) as clean:
        clean.put_articles(list(records_json.read([records], print))[:3])
    assert nquads(store) == nquads(first)  # what readers see
    Store(store).close()  # a writer opens the store
    assert not (store / PENDING).exists()
    shutil.rmtree(store / "snapshots")  # readers now read the writer's database itself
    assert nquads(store) == nquads(first)
