"""The store's write lock and published snapshots (kg.locking, kg.snapshots), in one process."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.errors import KGError
from kg.locking import StoreLocked
from kg.snapshots import KEEP, SNAPSHOTS, latest, publish
from kg.store import Store

QUAD = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"),
               ox.NamedNode("http://example.org/g"))


def count(store: Store) -> int:
    return len(list(store.db.quads_for_pattern(None, None, None, ox.NamedNode("http://example.org/g"))))


def test_a_second_writer_is_refused_until_the_first_closes(tmp_path):
    first = Store(tmp_path / "s")
    with pytest.raises(StoreLocked, match=r"another kg process \(pid \d+\) is writing this store"):
        Store(tmp_path / "s")
    first.close()
    Store(tmp_path / "s").close()


def test_readers_see_what_was_published_not_what_is_being_written(tmp_path):
    writer = Store(tmp_path / "s")
    writer.db.add(QUAD)
    assert count(Store(tmp_path / "s", create=False)) == 0
    writer.publish()
    assert count(Store(tmp_path / "s", create=False)) == 1


def test_snapshots_are_numbered_and_only_the_newest_are_kept(tmp_path):
    writer = Store(tmp_path / "s")
    for _ in range(KEEP + 3):
        writer.publish()
    names = sorted(path.name for path in (tmp_path / "s" / SNAPSHOTS).iterdir())
    assert names == [f"{n:012d}" for n in range(5, 5 + KEEP)]  # one at opening, then KEEP + 3
    assert latest(tmp_path / "s") == tmp_path / "s" / SNAPSHOTS / names[-1]


def test_a_reader_keeps_reading_a_snapshot_removed_under_it(tmp_path):
    writer = Store(tmp_path / "s")
    writer.db.add(QUAD)
    writer.publish()
    reader = Store(tmp_path / "s", create=False)
    for _ in range(KEEP):
        writer.publish()
    assert not reader.snapshot.exists()
    assert count(reader) == 1


def test_an_interrupted_publication_is_cleaned_up_and_never_read(tmp_path):
    writer = Store(tmp_path / "s")
    partial = tmp_path / "s" / SNAPSHOTS / ".partial-000000000099"
    partial.mkdir()
    assert latest(tmp_path / "s").name == "000000000001"
    writer.publish()
    assert not partial.exists()


def test_a_store_without_snapshots_gets_one_when_first_read(tmp_path):
    path = tmp_path / "s"
    with Store(path) as writer:
        writer.db.add(QUAD)
        writer.db.flush()
    shutil.rmtree(path / SNAPSHOTS)  # as a store written before snapshots existed
    assert count(Store(path, create=False)) == 1
    assert latest(path) is not None


def test_a_store_being_created_with_nothing_published_is_not_read(tmp_path):
    path = tmp_path / "s"
    writer = Store(path)
    shutil.rmtree(path / SNAPSHOTS)
    with pytest.raises(KGError, match="has committed nothing yet"):
        Store(path, create=False)
    writer.close()


def test_publishing_is_what_the_writer_commits(tmp_path):
    writer = Store(tmp_path / "s")
    writer.db.add(QUAD)
    snapshot = publish(writer.db, tmp_path / "s")
    assert count(Store(tmp_path / "s", create=False)) == 1 and snapshot == latest(tmp_path / "s")
