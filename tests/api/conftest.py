"""The real server: ``kg serve`` on a loopback port, started once per session and stopped after."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from serving import HOSTILE_NAME

from api import create_app
from api.background import start as start_server
from api.background import stop as stop_server
from kg.void import VOID_GRAPH


@pytest.fixture(scope="session")
def server(seeds_store) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``, no trailing slash) of ``kg serve`` over the seeds store."""
    process, url = start_server(seeds_store)
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def exported(seeds_export) -> rdflib.Dataset:
    """The seeds store as ``kg export --format nquads`` writes it, parsed by rdflib: what the endpoint serves.

    Without the export's description of the dataset (:mod:`kg.void`): the
    endpoint sends that at ``/.well-known/void``, not as one of its graphs.
    """
    dataset = rdflib.Dataset()
    dataset.parse(seeds_export("nquads"), format="nquads")
    dataset.remove_graph(rdflib.URIRef(VOID_GRAPH))
    return dataset


@pytest.fixture(scope="session")
def app(seeds_store):
    """The application over the seeds store, for Flask's test client where no socket is needed."""
    return create_app(seeds_store, {"TESTING": True})


@pytest.fixture
def client(app):
    """Flask's test client of :func:`app`."""
    return app.test_client()




@pytest.fixture(scope="session")
def hostile_store(kg, tmp_path_factory) -> Path:
    """A store whose headline, text, quotes and one person's names are markup meant to run script.

    ``tests/fixtures/hostile/evil.txt`` is built as usual; then every person's
    ``schema:name`` becomes :data:`HOSTILE_NAME` and gains it as an
    ``schema:alternateName`` too (as another tool writing into the store could).
    """
    import pyoxigraph as ox

    from kg.store import Store
    from kg.vocab import ENTITIES_GRAPH, SCHEMA

    cwd = tmp_path_factory.mktemp("hostile")
    source = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "evil.txt"
    result = kg("build", source, "--store", "store", cwd=cwd)
    assert result.returncode == 0, result.stderr
    name = ox.Literal(HOSTILE_NAME)
    with Store(cwd / "store") as store:
        store.db.update(f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e <{SCHEMA.name}> ?old }} }}
                  INSERT {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e <{SCHEMA.name}> {name} ; <{SCHEMA.alternateName}> {name} }} }}
                  WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a <{SCHEMA.Person}> ; <{SCHEMA.name}> ?old }} }}""")
        store.publish()
    return cwd / "store"


@pytest.fixture(scope="session")
def hostile_server(hostile_store) -> Iterator[str]:
    """Base URL of ``kg serve`` over :func:`hostile_store`."""
    process, url = start_server(hostile_store)
    yield url
    stop_server(process)
