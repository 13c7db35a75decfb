"""Extracted records as JSON lines (kg extract, kg build --records): shards extracted apart, built as one."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.build import extract_sources
from kg.ingest import iter_sources
from kg.nlp import build_pipeline
from kg.records import ArticleRecords, Entity, EventRecord, Mention, Quote, Source, TimeExpression
from kg.records_json import dumps, loads


@pytest.fixture(scope="module")
def seed_records(seeds_dir) -> list[ArticleRecords]:
    return list(extract_sources(build_pipeline(), iter_sources([seeds_dir], print), print))


def test_every_seed_article_comes_back_as_it_was_extracted(seed_records):
    assert len(seed_records) == 5
    for records in seed_records:
        line = dumps(records)
        assert "\n" not in line
        assert loads(line) == records


def test_dates_datetimes_and_empty_values_come_back_typed():
    records = ArticleRecords(
        Source("x", "Text “here,” he said.", headline="Text", published=dt.datetime(2024, 1, 28, 9, 30)),
        entities=(Entity("Person:x", "Person", "X", ("Mr. X",)),),
        mentions=(Mention(0, 4, "Text", "Person:x"),),
        quotes=(Quote(6, 11, "here,", None, None, None, None, True, None, ()),),
        events=(EventRecord("Event:e", "attack", 0, 4, dt.date(2024, 1, 27), None, ("Person:x",)),),
        times=(TimeExpression(0, 4, "Text", dt.date(2024, 1, 1), "month"),))
    back = loads(dumps(records))
    assert back == records
    assert type(back.source.published) is dt.datetime and type(back.events[0].date) is dt.date


@pytest.mark.parametrize("line", ['{"source": {}}', "[1, 2]", '{"records": 1, "source": {"text": "no id"}}', "nope"])
def test_a_line_it_did_not_write_is_refused(line):
    with pytest.raises((ValueError, KeyError, TypeError)):
        loads(line)


def test_shards_extracted_apart_build_the_store_one_build_makes(kg, seeds_dir, seeds_quads, nquads, tmp_path):
    seeds = sorted(seeds_dir.glob("*.txt"))
    for name, shard in (("a", seeds[:2]), ("b", seeds[2:])):
        result = kg("extract", *shard, "-o", f"{name}.jsonl", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"extracted {len(shard)} articles into {name}.jsonl\n"
    result = kg("build", "--records", "b.jsonl", "a.jsonl", "--store", "store", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert nquads(tmp_path / "store") == seeds_quads


def test_a_bad_line_of_records_is_reported_and_the_rest_built(kg, seeds_dir, tmp_path):
    assert kg("extract", seeds_dir, "-o", "all.jsonl", cwd=tmp_path).returncode == 0
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "damaged.jsonl").write_text("\n".join([lines[0], '{"not": "records"}', *lines[1:]]) + "\n",
                                            encoding="utf-8")
    result = kg("build", "--records", "damaged.jsonl", "--store", "store", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["kg: damaged.jsonl:2: not a line of kg extract's records "
                                          "(not records of version 1)"]
    assert result.stdout.startswith("built 5 articles into store")


def test_extract_writes_nothing_to_a_missing_folder(kg, seeds_dir, tmp_path):
    result = kg("extract", seeds_dir, "-o", tmp_path / "missing" / "x.jsonl", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("kg: error: ") and "no such directory" in result.stderr
