"""Structured logging: one JSON object per line, for builds (one line per article) and the server (per request).

Records are logged under the ``kg`` logger tree with their fields in
``extra={"fields": {...}}``; :class:`JSONLines` writes the time, level,
logger, message and those fields as one line. A traceback, when there is one,
goes into the same line as the ``traceback`` field, so a log stays one event a
line and nothing reaches a client.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from .errors import KGError

LEVELS = ("debug", "info", "warning", "error")


class JSONLines(logging.Formatter):
    """Format a record as one line of JSON (see the module's docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record's line: ``time``, ``level``, ``logger``, ``message``, then its fields."""
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str = "warning", file: str | Path | None = None, stream: TextIO | None = None) -> None:
    """Send the ``kg`` and ``api`` loggers' records at ``level`` and above to ``file`` (appended) or ``stream``.

    ``stream`` defaults to standard error. Calling it again replaces the
    handler it installed before.
    """
    try:
        handler: logging.Handler = (logging.FileHandler(file, encoding="utf-8") if file is not None
                                    else logging.StreamHandler(stream or sys.stderr))
    except OSError as exc:
        raise KGError(f"{file}: cannot write the log: {exc.strerror or exc}") from exc
    handler.setFormatter(JSONLines())
    for name in ("kg", "api"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if isinstance(h.formatter, JSONLines)]:
            logger.removeHandler(old)
            old.close()
        logger.addHandler(handler)
        logger.setLevel(level.upper())
        logger.propagate = False


def log(logger: logging.Logger, level: int, message: str, **fields: Any) -> None:
    """Log ``message`` with structured ``fields``."""
    logger.log(level, message, extra={"fields": fields})


__all__ = ["JSONLines", "LEVELS", "configure", "log"]
