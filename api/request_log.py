"""One structured log line per request (logger ``api.request``; :mod:`kg.logs` formats it).

The line has the method, path, status, time taken, response size and the
client's address; never the query string or body (a query may be long, or
private). Unhandled errors are logged by Flask under the ``api`` logger, which
:mod:`kg.logs` writes as one line with the traceback in a field; the client
gets only the status and a short message.
"""
from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request

from kg.logs import log

logger = logging.getLogger("api.request")


def _start() -> None:
    g.request_started = time.perf_counter()


def _log(response: Response) -> Response:
    started = g.pop("request_started", None)
    elapsed = round((time.perf_counter() - started) * 1000, 2) if started is not None else None
    log(logger, logging.INFO, "request", method=request.method, path=request.path, status=response.status_code,
        ms=elapsed, bytes=response.content_length, client=request.remote_addr)
    return response


def init_app(app: Flask) -> None:
    """Log every request ``app`` answers."""
    app.before_request(_start)
    app.after_request(_log)
