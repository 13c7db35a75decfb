"""Find article files and read them into :class:`~kg.records.Source` records.

Problems are :class:`~kg.errors.InputError` with a one-line message that
starts with the path (and the line or item number for JSON records).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.clean import clean_text, decode, is_probably_binary
from kg.ingest.dates import find_published, parse_date
from kg.ingest.html import extract_html
from kg.records import Source

SUPPORTED = (".txt", ".json", ".jsonl", ".html", ".htm")
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's own limit (nlp.max_length); a longer text is not one news article


def _is_supported(path: Path) -> bool:
    """Whether ``path`` has one of the supported extensions (any case)."""
    return path.suffix.lower() in SUPPORTED


def _unsupported(path: Path) -> InputError:
    """The error for a file whose extension no reader handles."""
    return InputError(f"{path}: unsupported file type (expected one of {', '.join(SUPPORTED)})")


def _expand(path: Path) -> list[Path]:
    """The supported files ``path`` names: itself, or those under a folder.

    Hidden files and folders are skipped inside folders; a path given
    explicitly that is missing or has an unsupported extension is an error.
    """
    if path.is_dir():
        found: list[Path] = []
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found.extend(Path(folder, name) for name in names if not name.startswith("."))
        return [file for file in found if _is_supported(file) and file.is_file()]
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if not _is_supported(path):
        raise _unsupported(path)
    if not path.is_file():
        raise InputError(f"{path}: cannot read: not a regular file")
    return [path]


def _unique_sorted(paths: Iterable[Path]) -> list[Path]:
    """``paths`` sorted, each file once however it was named."""
    unique: dict[Path, Path] = {}
    for path in paths:
        unique.setdefault(path.resolve(), path)
    return sorted(unique.values(), key=str)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The supported files among ``paths`` and, recursively, under the folders among them.

    Sorted and de-duplicated. Raises :class:`InputError` for a path that does
    not exist or an explicitly named file with an unsupported extension.
    """
    return _unique_sorted(file for path in paths for file in _expand(Path(path)))


def _first_line(text: str) -> str:
    """The first non-empty line of ``text``."""
    return next((line for line in text.split("\n") if line.strip()), "")


def _article(
    where: str,
    identifier: str,
    body: str,
    *,
    title: str = "",
    url: str | None = None,
    published: dt.date | dt.datetime | None = None,
    path: Path,
    warnings: tuple[str, ...] = (),
) -> Source | InputError:
    """A Source from a raw body and optional title, or the error why there is none.

    The stored text starts with the cleaned title as its own line unless the
    body's first line already is the title; without a title the headline is
    the body's first line. The publication date falls back to a dateline in
    the text.
    """
    text = clean_text(body)
    if not text:
        return InputError(f"{where}: no text after cleaning")
    if len(text) > MAX_ARTICLE_CHARS:
        return InputError(f"{where}: the text is {len(text):,} characters long, more than the {MAX_ARTICLE_CHARS:,} "
                          "of an article: split it into articles")
    headline = " ".join(clean_text(title).split())
    if headline and _first_line(text) != headline:
        text = f"{headline}\n\n{text}"
    return Source(
        identifier=identifier,
        text=text,
        headline=headline or _first_line(text),
        url=url,
        published=published if published is not None else find_published(text),
        path=str(path),
        warnings=warnings,
    )


def _string_field(record: dict[str, Any], name: str, where: str, warnings: list[str]) -> str | None:
    """``record[name]`` as a string: numbers are converted, other types ignored with a warning."""
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        return value.strip() or None
    warnings.append(f'{where}: ignored "{name}": expected a string, got {type(value).__name__}')
    return None


def _record(
    item: Any, where: str, default_id: str, path: Path, warnings: tuple[str, ...]
) -> Source | InputError:
    """A Source from one JSON record, or the error why there is none."""
    if not isinstance(item, dict):
        return InputError(f"{where}: expected an object, got {type(item).__name__}")
    if "text" not in item:
        return InputError(f'{where}: no "text" field')
    if not isinstance(item["text"], str):
        return InputError(f'{where}: "text" is not a string')
    notes = list(warnings)
    title, url, date, identifier = (
        _string_field(item, name, where, notes) for name in ("title", "url", "date", "id")
    )
    published = parse_date(date) if date else None
    if date and published is None:
        notes.append(f'{where}: ignored "date": cannot parse {date!r}')
    return _article(
        where, identifier or default_id, item["text"],
        title=title or "", url=url, published=published, path=path, warnings=tuple(notes),
    )


def _read_json(path: Path, text: str, warnings: tuple[str, ...]) -> Iterator[Source | InputError]:
    """A ``.json`` file: one object, or a list of objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    except RecursionError:
        raise InputError(f"{path}: invalid JSON: nested too deeply") from None
    if isinstance(data, dict):
        yield _record(data, str(path), path.stem, path, warnings)
        return
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON object or a list of objects, got {type(data).__name__}")
    if not data:
        raise InputError(f"{path}: no records (empty list)")
    for number, item in enumerate(data, 1):
        yield _record(item, f"{path}:{number}", f"{path.stem}-{number}", path, warnings)


def _read_jsonl(path: Path, text: str, warnings: tuple[str, ...]) -> Iterator[Source | InputError]:
    """A ``.jsonl`` file: one object per line, blank lines ignored."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(f"{where}: invalid JSON: {error.msg}")
        except RecursionError:
            yield InputError(f"{where}: invalid JSON: nested too deeply")
        else:
            yield _record(item, where, f"{path.stem}-{number}", path, warnings)


def _read_txt(path: Path, text: str, warnings: tuple[str, ...]) -> Iterator[Source | InputError]:
    """A ``.txt`` file: the first non-empty line is the headline and stays in the text."""
    yield _article(str(path), path.stem, text, path=path, warnings=warnings)


def _read_html(path: Path, text: str, warnings: tuple[str, ...]) -> Iterator[Source | InputError]:
    """A web page: its article, with the page title as headline."""
    page = extract_html(text)
    yield _article(
        str(path), path.stem, page.text,
        title=page.title, url=page.url, published=page.published, path=path, warnings=warnings,
    )


_READERS: dict[str, Callable[[Path, str, tuple[str, ...]], Iterator[Source | InputError]]] = {
    ".txt": _read_txt,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".html": _read_html,
    ".htm": _read_html,
}


def read_sources(path: Path) -> Iterator[Source | InputError]:
    """Read the articles in one file.

    Yields a :class:`Source` per article and, for a problem with one record
    (a JSON line without ``"text"``, an article with no text after cleaning),
    an :class:`InputError` instance instead of raising, so the caller can
    report it and go on. Problems with the whole file *raise* InputError when
    iteration starts: unreadable, empty or whitespace-only, binary, an
    unsupported extension, or invalid JSON in a ``.json`` file. Decoding
    warnings and ignored fields are in ``Source.warnings``.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise _unsupported(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if is_probably_binary(data):
        raise InputError(f"{path}: binary file, not text")
    text, warnings = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty file")
    yield from reader(path, text, warnings)


def iter_sources(paths: Iterable[str | Path], on_error: Callable[[InputError], None]) -> Iterator[Source]:
    """Every article under ``paths``, in a deterministic order, never raising InputError.

    Each problem (a missing path, an unsupported or unreadable file, a bad
    record) goes to ``on_error``; the other files and records are still read.
    """
    found: list[Path] = []
    for path in paths:
        try:
            found.extend(_expand(Path(path)))
        except InputError as error:
            on_error(error)
    for file in _unique_sorted(found):
        try:
            for item in read_sources(file):
                if isinstance(item, InputError):
                    on_error(item)
                else:
                    yield item
        except InputError as error:
            on_error(error)
