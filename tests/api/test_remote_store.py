"""A store on a real SPARQL server: Oxigraph server (``oxigraph serve``), started and stopped by these tests.

`kg build`, `kg query`, `kg stats`, `kg export` and `kg serve` take the server's URL as ``--store``; what they
write and read there must be what they write and read in a store on disk.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import http

from api.background import start as start_server
from api.background import stop as stop_server

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))  # the test extra's server (pip install oxigraph)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    """Until the server at ``url`` answers a query."""
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=5).read()
            return
        except OSError:
            assert process.poll() is None, "oxigraph serve ended"
            assert time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory) -> Iterator[str]:
    """``oxigraph serve`` on a free loopback port with an empty database; its base URL."""
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_for(url, process)
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def remote_seeds(kg, oxigraph_server, seeds_dir, tmp_path_factory) -> str:
    """The seeds built into the server (twice: a rebuild replaces, never duplicates)."""
    cwd = tmp_path_factory.mktemp("remote")
    for _ in range(2):
        result = kg("build", seeds_dir, "--store", oxigraph_server, cwd=cwd)
        assert result.returncode == 0, result.stderr
    return oxigraph_server


def test_the_server_holds_what_a_store_on_disk_holds(kg, remote_seeds, seeds_quads, tmp_path):
    result = kg("export", "--store", remote_seeds, "--format", "nquads", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.splitlines()) == seeds_quads


def test_one_named_graph_per_article_on_the_server(remote_seeds, seeds_dir):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }"
    request = urllib.request.Request(f"{remote_seeds}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    rows = json.load(urllib.request.urlopen(request, timeout=30))["results"]["bindings"]
    assert sorted(row["g"]["value"].rsplit("/", 1)[-1] for row in rows) == sorted(p.stem for p in seeds_dir.glob("*.txt"))


def test_stats_and_query_read_the_server(kg, remote_seeds, seeds_store, tmp_path):
    remote = kg("stats", "--store", remote_seeds, "--json", cwd=tmp_path)
    local = kg("stats", "--store", seeds_store, "--json", cwd=tmp_path)
    assert remote.returncode == 0, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    query = "SELECT ?name WHERE { ?e a schema:Person ; schema:name ?name } ORDER BY ?name"
    assert kg("query", query, "--store", remote_seeds, cwd=tmp_path).stdout == \
        kg("query", query, "--store", seeds_store, cwd=tmp_path).stdout


def test_kg_serve_answers_from_the_server(remote_seeds, seeds_store):
    remote, remote_url = start_server(remote_seeds)
    local, local_url = start_server(seeds_store)
    try:
        for path in ["/api/quotes?speaker=Sudani", "/api/entities?q=Iraq",
                     "/sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?q) AS ?n) "
                                                                   "WHERE { ?q a schema:Quotation }"})]:
            accept = {"Accept": "application/sparql-results+json"} if path.startswith("/sparql") else {}
            there, here = http(remote_url + path, headers=accept), http(local_url + path, headers=accept)
            assert (there.status, there.body) == (here.status, here.body), path
    finally:
        stop_server(remote)
        stop_server(local)


def test_an_unreachable_server_is_one_line_and_status_2(kg, seeds_dir, tmp_path):
    result = kg("build", seeds_dir, "--store", f"http://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("kg: error: http://127.0.0.1:") and "cannot reach the SPARQL server" in line


def test_an_export_loads_into_an_empty_server_in_bulk(kg, seeds_export, seeds_quads, tmp_path_factory, tmp_path):
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("empty")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process)
        loaded = kg("load", seeds_export("nquads"), "--store", url, cwd=tmp_path)
        assert loaded.returncode == 0, loaded.stderr
        exported = kg("export", "--store", url, "--format", "nquads", cwd=tmp_path)
        assert set(exported.stdout.splitlines()) == seeds_quads
    finally:
        process.terminate()
        process.wait(timeout=30)
