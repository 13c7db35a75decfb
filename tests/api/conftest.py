"""The real server: ``kg serve`` on a loopback port, started once per session and stopped after."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from api import create_app

SERVING = re.compile(r"serving .* on (http://127\.0\.0\.1:\d+)/")


def start_server(store: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start ``kg serve --store STORE --port 0 ARGS`` and return the process and its base URL."""
    env = {name: value for name, value in os.environ.items() if name != "KG_STORE"}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    match = SERVING.search(line)
    if match is None:
        process.kill()
        raise RuntimeError(f"kg serve did not start: {line!r} {process.stderr.read()!r}")
    return process, match.group(1)


def stop_server(process: subprocess.Popen) -> None:
    """Stop a server started by :func:`start_server` and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(seeds_store) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``, no trailing slash) of ``kg serve`` over the seeds store."""
    process, url = start_server(seeds_store)
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def app(seeds_store):
    """The application over the seeds store, for Flask's test client where no socket is needed."""
    return create_app(seeds_store, {"TESTING": True})


@pytest.fixture
def client(app):
    """Flask's test client of :func:`app`."""
    return app.test_client()


HOSTILE_NAME = """<img src=x onerror=alert(1)>"'</script><script>alert(6)</script>"""


@pytest.fixture(scope="session")
def hostile_store(kg, tmp_path_factory) -> Path:
    """A store whose headline, text, quotes and one person's names are markup meant to run script.

    ``tests/fixtures/hostile/evil.txt`` is built as usual; then every person's
    ``schema:name`` becomes :data:`HOSTILE_NAME` and gains it as an
    ``schema:alternateName`` too (as another tool writing into the store could).
    """
    import pyoxigraph as ox

    from kg.vocab import ENTITIES_GRAPH, SCHEMA

    cwd = tmp_path_factory.mktemp("hostile")
    source = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "evil.txt"
    result = kg("build", source, "--store", "store", cwd=cwd)
    assert result.returncode == 0, result.stderr
    db = ox.Store(str(cwd / "store" / "oxigraph"))
    name = ox.Literal(HOSTILE_NAME)
    db.update(f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e <{SCHEMA.name}> ?old }} }}
                  INSERT {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e <{SCHEMA.name}> {name} ; <{SCHEMA.alternateName}> {name} }} }}
                  WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a <{SCHEMA.Person}> ; <{SCHEMA.name}> ?old }} }}""")
    db.flush()
    del db
    return cwd / "store"


@pytest.fixture(scope="session")
def hostile_server(hostile_store) -> Iterator[str]:
    """Base URL of ``kg serve`` over :func:`hostile_store`."""
    process, url = start_server(hostile_store)
    yield url
    stop_server(process)
