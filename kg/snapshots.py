"""Published snapshots: what readers see of a store while a build writes it.

Oxigraph's read-only mode is undefined while another process writes the same
database, so readers never open the writer's database. After every committed
batch the writer publishes a *snapshot*: an Oxigraph backup (a RocksDB
checkpoint, made of hard links, so it is cheap) in
``STORE/snapshots/<number>``. A snapshot is written under a temporary name and
renamed into place, so a directory with a number for a name is always
complete, and the highest number is the newest commit. Readers open the
newest snapshot read-only and switch to a newer one when it appears
(:func:`latest` is a directory listing). The writer keeps the newest
:data:`KEEP` snapshots and removes the rest; a reader that still has an
older one open keeps reading it (its files stay open).

A build killed at any moment leaves the last published snapshot intact; the
next writer publishes again as soon as it opens the store. A writer whose
database may hold part of a batch (:meth:`kg.store.Store.put_articles`)
restores it from the newest snapshot first (:func:`restore`).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

SNAPSHOTS = "snapshots"
PARTIAL = ".partial-"
KEEP = 2


def _numbered(folder: Path) -> list[int]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted(int(name) for name in names if name.isdigit())


def latest(store_dir: Path) -> Path | None:
    """The newest complete snapshot of the store at ``store_dir``, or ``None`` if none was published."""
    folder = Path(store_dir) / SNAPSHOTS
    numbers = _numbered(folder)
    return folder / f"{numbers[-1]:012d}" if numbers else None


def open_read_only(snapshot: Path) -> tuple[ox.Store, Path]:
    """The snapshot opened read-only, or, if a writer has removed it since it was chosen, the newest one."""
    try:
        return ox.Store.read_only(str(snapshot)), snapshot
    except OSError:
        newest = latest(snapshot.parent.parent)
        if newest is None or newest == snapshot:
            raise
        return ox.Store.read_only(str(newest)), newest


def publish(db: ox.Store, store_dir: Path, keep: int = KEEP) -> Path:
    """Publish the current state of ``db`` (the store at ``store_dir``) as its newest snapshot.

    The caller holds the store's write lock. Leftovers of an interrupted
    publication and all but the newest ``keep`` snapshots are removed.
    """
    folder = Path(store_dir) / SNAPSHOTS
    folder.mkdir(exist_ok=True)
    numbers = _numbered(folder)
    number = numbers[-1] + 1 if numbers else 1
    partial = folder / f"{PARTIAL}{number:012d}"
    if partial.exists():
        shutil.rmtree(partial)
    db.backup(str(partial))
    target = folder / f"{number:012d}"
    os.rename(partial, target)
    sync_directory(folder)
    for name in os.listdir(folder):
        if name.startswith(PARTIAL):
            shutil.rmtree(folder / name, ignore_errors=True)
    for old in [*numbers, number][:-keep]:
        shutil.rmtree(folder / f"{old:012d}", ignore_errors=True)
    return target


def restore(snapshot: Path, database: Path) -> None:
    """Make the database at ``database`` (closed, possibly damaged or missing) a copy of ``snapshot``.

    The table files are hard links (RocksDB never changes a ``.sst`` file), the
    rest is copied. The copy is made beside ``database`` and renamed into
    place, so a restore interrupted at any moment can simply be made again.
    """
    partial, old = database.with_name(f"{database.name}{PARTIAL}restore"), database.with_name(f"{database.name}.old")
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(snapshot, partial, copy_function=_link_tables)
    sync_directory(partial)
    if database.exists():
        os.rename(database, old)
    os.rename(partial, database)
    sync_directory(database.parent)
    shutil.rmtree(old, ignore_errors=True)


def _link_tables(source: str, target: str) -> None:
    if source.endswith(".sst"):
        os.link(source, target)
    else:
        shutil.copy2(source, target)


def sync_directory(folder: Path) -> None:
    """Make a rename (or a new file) in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["KEEP", "SNAPSHOTS", "latest", "open_read_only", "publish", "restore", "sync_directory"]
