"""The store behind the application: its newest published snapshot, opened read-only, shared by every request.

A build may write the store while the application serves it (:mod:`kg.snapshots`):
each request checks for a newer snapshot (one directory listing) and, when
there is one, the application switches to it. Requests already running keep
the snapshot they started with.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app

from kg.snapshots import latest
from kg.store import Store, check_location

EXTENSION = "kg_store"
MEMO = "kg_store_memo"
_opening = threading.Lock()
T = TypeVar("T")


def init_app(app: Flask) -> None:
    """Check that the configured store exists (a clear error at start, not on the first request)."""
    check_location(app.config["KG_STORE"], create=False)


def _newer(store: Store | None) -> bool:
    return store is None or (store.path is not None and latest(store.path) not in (None, store.snapshot))


def get_store() -> Store:
    """The application's store (read-only): the newest snapshot, opened on first use and after every new commit.

    A store on a SPARQL server (:mod:`kg.remote`) is opened once: the server shows every commit itself.
    """
    store = current_app.extensions.get(EXTENSION)
    if _newer(store):
        with _opening:
            store = current_app.extensions.get(EXTENSION)
            if _newer(store):
                store = current_app.extensions[EXTENSION] = Store(current_app.config["KG_STORE"], create=False)
    return store


def per_snapshot(key: str, compute: Callable[[Store], T]) -> T:
    """``compute(store)`` on the application's store, computed once per snapshot (a snapshot never changes).

    A store on a SPARQL server changes under us: there it is computed every time.
    """
    store = get_store()
    if store.path is None:
        return compute(store)
    owner, values = current_app.extensions.get(MEMO, (None, {}))
    if owner is not store:
        values = {}
        current_app.extensions[MEMO] = (store, values)
    if key not in values:
        values[key] = compute(store)
    return values[key]
