"""Shared fixtures: the real `kg` command, the seed articles, stores built from them."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import Store


@pytest.fixture(scope="session")
def kg():
    """Run the console script: ``kg("stats", "--store", "s", cwd=tmp_path)`` -> CompletedProcess.

    Arguments may be paths; stdout and stderr are captured as text. ``$KG_STORE``
    is cleared so the default store is the documented ``./kg-store``.
    """
    env = {name: value for name, value in os.environ.items() if name != "KG_STORE"}

    def run(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)

    return run


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles (``seeds/*.txt``)."""
    return Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The gold annotations of the seeds, in the shared evaluation folder."""
    return Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds-gold"


@pytest.fixture(scope="session")
def seeds_build(kg, seeds_dir, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """``kg --log-file build.log build SEEDS --store store``, run once: the store's path and the finished process."""
    cwd = tmp_path_factory.mktemp("seeds-build")
    return cwd / "store", kg("--log-file", "build.log", "build", seeds_dir, "--store", "store", cwd=cwd)


@pytest.fixture(scope="session")
def seeds_store(seeds_build) -> Path:
    """A store holding the five seed articles. Read-only: copy it to change it."""
    store, result = seeds_build
    assert result.returncode == 0, result.stderr
    return store


@pytest.fixture
def seeds_store_copy(seeds_store, tmp_path) -> Path:
    """A private, writable copy of the seeds store, at ``tmp_path/store``."""
    return Path(shutil.copytree(seeds_store, tmp_path / "store"))


@pytest.fixture(scope="session")
def seeds_export(kg, seeds_store, tmp_path_factory):
    """``seeds_export(fmt)``: the file ``kg export --format FMT -o FILE`` wrote from the seeds store.

    Each format is exported once per session, when first asked for.
    """
    folder = tmp_path_factory.mktemp("seeds-exports")
    files: dict[str, Path] = {}

    def export(fmt: str) -> Path:
        if fmt not in files:
            path = folder / f"graph.{fmt}"
            result = kg("export", "--store", seeds_store, "--format", fmt, "-o", path, cwd=folder)
            assert result.returncode == 0, result.stderr
            assert result.stdout == ""
            files[fmt] = path
        return files[fmt]

    return export


@pytest.fixture(scope="session")
def seeds_quads(seeds_export) -> set[str]:
    """The lines of the seeds store's N-Quads export."""
    return set(seeds_export("nquads").read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="session")
def nquads(kg):
    """``nquads(store)``: the set of lines of ``kg export --store STORE --format nquads``."""

    def export(store: Path) -> set[str]:
        result = kg("export", "--store", store, "--format", "nquads", cwd=Path(store).parent)
        assert result.returncode == 0, result.stderr
        return set(result.stdout.splitlines())

    return export


@pytest.fixture(scope="session")
def store(seeds_store):
    """The seeds store opened read-only, for independent queries beside the code under test."""
    return Store(seeds_store, create=False)


@pytest.fixture(scope="session")
def gold(gold_dir) -> dict[str, dict]:
    """The seeds' gold annotations, by article id."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(gold_dir.glob("*.json"))}
