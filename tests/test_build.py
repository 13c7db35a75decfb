"""`kg build --workers N`: extraction in N processes gives the store one process gives."""
import pyoxigraph as ox

from kg.build import build
from kg.store import Store


def quads(store: Store) -> set:
    return set(store.db.quads_for_pattern(None, None, None, None))


def test_two_workers_build_the_same_store(seeds_dir, seeds_store, tmp_path):
    bad = tmp_path / "in" / "bad.json"
    bad.parent.mkdir()
    bad.write_text("{not json", encoding="utf-8")
    report = build([seeds_dir, bad], lambda: Store(tmp_path / "two"), progress=False, workers=2)
    assert report.articles == 5 and len(report.problems) == 1
    assert quads(report.store) == quads(Store(seeds_store, create=False))


def test_the_cli_takes_workers(kg, seeds_dir, seeds_store, tmp_path):
    result = kg("build", seeds_dir, "--store", "s", "--workers", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    built = ox.Store.read_only(str(tmp_path / "s" / "oxigraph"))
    assert set(built.quads_for_pattern(None, None, None, None)) == quads(Store(seeds_store, create=False))
