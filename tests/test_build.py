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


def test_workers_extract_up_to_a_batch_ahead():
    """With ``ahead``, the workers are given that many articles before the first one is taken, so they go on
    extracting while the build writes a batch; the records still come in input order."""
    from kg.build import WINDOW, extract_sources
    from kg.nlp import build_pipeline
    from kg.records import Source

    pulled = []

    def sources():
        for n in range(40):
            pulled.append(n)
            yield Source(f"a{n:02d}", f"Headline {n}\n\nThe minister said the talks would resume on day {n}.")

    records = extract_sources(build_pipeline(), sources(), print, workers=2, ahead=30)
    first = next(records)
    assert len(pulled) == 30 > 2 * WINDOW
    assert [first.source.identifier, *(r.source.identifier for r in records)] == [f"a{n:02d}" for n in range(40)]
