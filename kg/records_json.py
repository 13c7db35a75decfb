"""Extracted records as JSON lines: extraction on many machines, resolution and writing on one.

``kg extract`` writes one line per article (its :class:`~kg.records.ArticleRecords`);
``kg build --records`` reads such files and writes them as if it had
extracted them itself, so shards of the input can be extracted anywhere and
built into one store, with every name resolved across all of them. Dates are
ISO 8601 strings (a datetime has a ``T``); tuples are lists; the line's
``"records"`` field carries the format's version.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .records import ArticleRecords

VERSION = 1


def _default(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(records: ArticleRecords) -> str:
    """One article's records as one line of JSON."""
    return json.dumps({"records": VERSION, **dataclasses.asdict(records)}, default=_default, ensure_ascii=False)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    """``value`` (as :func:`json.loads` gives it) as the type ``hint`` says."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        return tuple(_decode(typing.get_args(hint)[0], item) for item in value)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if dt.date in options or dt.datetime in options:
            return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
        return _decode(options[0], value)
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{f.name: _decode(hints[f.name], value[f.name]) for f in dataclasses.fields(hint)
                       if f.name in value})
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    return value


def loads(line: str) -> ArticleRecords:
    """The records :func:`dumps` wrote (ValueError, KeyError or TypeError for a line it did not write)."""
    data = json.loads(line)
    if not isinstance(data, dict) or data.get("records") != VERSION:
        raise ValueError(f"not records of version {VERSION}")
    return _decode(ArticleRecords, data)


def write(records: Iterable[ArticleRecords], path: Path) -> int:
    """Write ``records`` to ``path``, one line each; how many were written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for item in records:
            handle.write(dumps(item) + "\n")
            count += 1
    return count


def read(paths: Iterable[str | Path], on_error: typing.Callable[[InputError], None]) -> Iterator[ArticleRecords]:
    """The records in files :func:`write` wrote; a bad file or line goes to ``on_error`` and is skipped."""
    for path in map(Path, paths):
        try:
            handle = path.open(encoding="utf-8")
        except OSError as error:
            on_error(InputError(f"{path}: cannot read: {error.strerror or error}"))
            continue
        with handle:
            try:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        yield loads(line)
                    except (ValueError, KeyError, TypeError, AttributeError) as error:
                        on_error(InputError(f"{path}:{number}: not a line of kg extract's records ({error})"))
            except UnicodeDecodeError:
                on_error(InputError(f"{path}: not UTF-8 text: not a file of kg extract's records"))


__all__ = ["VERSION", "dumps", "loads", "read", "write"]
