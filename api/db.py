"""The store behind the application: opened read-only once, shared by every request."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from kg.store import Store, check_location

EXTENSION = "kg_store"


def init_app(app: Flask) -> None:
    """Check that the configured store exists (a clear error at start, not on the first request)."""
    check_location(Path(app.config["KG_STORE"]), create=False)


def get_store() -> Store:
    """The application's store (read-only), opened on first use."""
    store = current_app.extensions.get(EXTENSION)
    if store is None:
        store = current_app.extensions[EXTENSION] = Store(current_app.config["KG_STORE"], create=False)
    return store
