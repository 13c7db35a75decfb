"""Structured logging of the server: one JSON line per request, and an error's traceback in the log, never
in the answer.
"""
from __future__ import annotations

import io
import json
import logging

import pytest

from api import create_app
from kg.logs import configure


@pytest.fixture
def logged(seeds_store):
    """An application over the seeds store, with a route that fails, and the stream its log goes to."""
    stream = io.StringIO()
    configure("info", stream=stream)
    app = create_app(seeds_store)

    @app.get("/api/broken")
    @app.get("/broken")
    def broken():
        raise ZeroDivisionError("secret detail")

    yield app.test_client(), stream
    for name in ("kg", "api"):
        logging.getLogger(name).handlers.clear()


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_one_line_per_request_with_its_fields(logged):
    client, stream = logged
    client.get("/api/entities?q=Iraq")
    client.get("/no/such/page")
    requests = [line for line in lines(stream) if line["logger"] == "api.request"]
    assert [(line["method"], line["path"], line["status"]) for line in requests] == [
        ("GET", "/api/entities", 200), ("GET", "/no/such/page", 404)]
    assert all(line["level"] == "info" and line["ms"] >= 0 and line["time"].endswith("+00:00") for line in requests)
    assert "q=Iraq" not in stream.getvalue()  # query strings are not logged


@pytest.mark.parametrize("path, media_type", [("/broken", "text/html"), ("/api/broken", "application/json")])
def test_an_error_is_logged_with_its_traceback_and_the_client_sees_none(logged, path, media_type):
    client, stream = logged
    reply = client.get(path)
    assert reply.status_code == 500 and reply.mimetype == media_type
    assert "secret detail" not in reply.get_data(as_text=True)
    assert "Traceback" not in reply.get_data(as_text=True)
    [error] = [line for line in lines(stream) if line["level"] == "error"]
    assert "ZeroDivisionError: secret detail" in error["traceback"]
