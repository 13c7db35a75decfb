"""Readers and writers at once: queries keep being answered while a build writes, and a second build is refused.

Real processes throughout: `kg build` in the background, `kg serve` on a loopback port, `kg query`.
"""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from builds import ARTICLES, articles_by_id, build_process, ingested, wait_until

from api.background import start as start_server
from api.background import stop as stop_server
from bench.corpus import write_corpus

COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, seed=5)
    return folder


def served_count(url: str) -> tuple[int, int]:
    """The HTTP status of a count of articles through ``/sparql``, and the count."""
    request = urllib.request.Request(f"{url}/sparql?{urllib.parse.urlencode({'query': COUNT})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        rows = json.load(response)["results"]["bindings"]
        return response.status, int(rows[0]["n"]["value"])


def test_a_second_build_is_refused_while_the_first_writes(kg, corpus, tmp_path):
    store, log = tmp_path / "store", tmp_path / "build.log"
    first = build_process(corpus, store, log, batch_size=1)
    wait_until(lambda: ingested(log) or first.poll() is not None)
    second = kg("build", corpus, "--store", store, cwd=tmp_path)
    still_writing = first.poll() is None
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert still_writing, "the first build ended too soon for this test"
    assert second.returncode == 2 and "Traceback" not in second.stderr
    assert second.stderr.splitlines() == [
        f"kg: error: {store}: another kg process (pid {first.pid}) is writing this store; "
        "run this command again when it has finished"]
    assert articles_by_id(kg, store) == {path.stem: 1 for path in corpus.glob("*.txt")}


def test_queries_are_answered_while_a_build_writes(kg, corpus, tmp_path):
    store = tmp_path / "store"
    first = sorted(corpus.glob("*.txt"))[:2]
    assert kg("build", *first, "--store", store, cwd=tmp_path).returncode == 0
    server, url = start_server(store)
    try:
        builder = build_process(corpus, store, tmp_path / "build.log", batch_size=1)
        seen: list[tuple[int, int]] = []
        while builder.poll() is None:
            seen.append(served_count(url))
        during = kg("query", COUNT, "--store", store, cwd=tmp_path)  # the command line reads the store too
        assert builder.returncode == 0, builder.stderr.read()
        wait_until(lambda: served_count(url)[1] == ARTICLES, timeout=30)
    finally:
        stop_server(server)
    assert during.returncode == 0, during.stderr
    assert {status for status, _ in seen} == {200}
    counts = [count for _, count in seen]
    assert counts == sorted(counts) and counts[0] >= 2
    assert any(2 < count < ARTICLES for count in counts), counts  # the build's progress, read while it wrote
