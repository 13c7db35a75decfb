"""The Flask application: SPARQL endpoint, JSON API, HTML pages and graph view.

It imports :mod:`kg`; :mod:`kg` never imports it. ``create_app`` is the
application factory (one blueprint per concern); ``kg serve`` runs it under
waitress (see :mod:`api.cli`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from kg.network import DEFAULT_LIMIT

DEFAULTS: dict[str, Any] = {
    "KG_STORE": None,  # the store directory; None means `kg`'s default ($KG_STORE or ./kg-store)
    "GRAPH_NODE_LIMIT": DEFAULT_LIMIT,  # /graph draws at most this many entities (the best-connected)
    "SPARQL_WORKERS": 2,  # processes evaluating /sparql queries (kg.query_workers)
    "SPARQL_TIMEOUT": 10.0,  # seconds a /sparql query may run before it is stopped (503)
    "SPARQL_QUEUE_TIMEOUT": 10.0,  # seconds a /sparql query may wait for a free worker (then 503)
    "SPARQL_MAX_RESULT_BYTES": 64 * 1024 * 1024,  # a larger serialised /sparql result is refused with 400
    "MAX_CONTENT_LENGTH": 1024 * 1024,  # request bodies above this are refused with 413
}


def create_app(store: str | Path | None = None, config: dict[str, Any] | None = None) -> Flask:
    """Build the application for the store at ``store`` (opened read-only on first use)."""
    from kg.cli import default_store

    from . import db, graph_view, pages, request_log, rest, security, sparql

    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.update(config or {})
    app.config["KG_STORE"] = str(store or app.config["KG_STORE"] or default_store())
    db.init_app(app)
    security.init_app(app)
    request_log.init_app(app)
    for blueprint in (sparql.bp, rest.bp, pages.bp, graph_view.bp):
        app.register_blueprint(blueprint)
    return app


__all__ = ["create_app"]
