"""The store behind the application: its newest published snapshot, opened read-only, shared by every request.

A build may write the store while the application serves it (:mod:`kg.snapshots`):
each request checks for a newer snapshot (one directory listing) and, when
there is one, the application switches to it. Requests already running keep
the snapshot they started with.
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from kg.snapshots import latest
from kg.store import Store, check_location

EXTENSION = "kg_store"
_opening = threading.Lock()


def init_app(app: Flask) -> None:
    """Check that the configured store exists (a clear error at start, not on the first request)."""
    check_location(Path(app.config["KG_STORE"]), create=False)


def get_store() -> Store:
    """The application's store (read-only): the newest snapshot, opened on first use and after every new commit."""
    path = Path(current_app.config["KG_STORE"])
    store = current_app.extensions.get(EXTENSION)
    if store is None or latest(path) not in (None, store.snapshot):
        with _opening:
            store = current_app.extensions.get(EXTENSION)
            if store is None or latest(path) not in (None, store.snapshot):
                store = current_app.extensions[EXTENSION] = Store(path, create=False)
    return store
