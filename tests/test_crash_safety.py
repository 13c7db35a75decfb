"""Crash safety, for real: a build killed with SIGKILL at a random moment, the store reopened, the build rerun.

An article's ingest has completed when the build logs it (``"article ingested"``: its batch is committed and
published to readers). After the kill the store must open, answer queries and hold every such article once;
the rerun must finish the rest, and the store must then be the one a build that was never interrupted makes.
"""
from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest
from builds import ARTICLES, articles_by_id, build_process, ingested, wait_until

from bench.corpus import write_corpus


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
