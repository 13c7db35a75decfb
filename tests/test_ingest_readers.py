"""Tests for kg.ingest.readers: finding files and reading them into Sources."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import SUPPORTED, discover, iter_sources, read_sources
from kg.records import Source

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` (making folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_all(path: Path) -> list[Source | InputError]:
    """Everything read_sources yields for ``path``."""
    return list(read_sources(path))


def as_tuple(item: Source | InputError) -> tuple[str, ...] | Source:
    """Sources as they are; errors as ("error", message) so they compare by value."""
    return ("error", str(item)) if isinstance(item, InputError) else item


# --- .txt ---------------------------------------------------------------


def test_txt_headline_stays_in_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "\n  \nTalks begin\u00a0today\n\n\nIraq and the US met.  \n\nscroll to top\n")
    assert read_all(path) == [
        Source(
            identifier="story",
            text="Talks begin today\n\nIraq and the US met.",
            headline="Talks begin today",
            path=str(path),
        )
    ]


def test_txt_dateline_and_chrome_headline(tmp_path: Path) -> None:
    path = write(
        tmp_path / "002.txt",
        "Current location:HOME>FOCUS\n\nUS and Iraq to start talks\n\n2024-01-25 FOCUS 69\n\n7921132.jpg\n\nBody.\n\nTAG:",
    )
    (source,) = read_all(path)
    assert source.headline == "US and Iraq to start talks"
    assert source.text == "US and Iraq to start talks\n\n2024-01-25 FOCUS 69\n\nBody."
    assert source.published == dt.date(2024, 1, 25)


def test_txt_cp1252_is_decoded_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "old.txt", b"Caf\xe9 talks\n\nHe said \x93quoted\x94 words.")
    assert read_all(path) == [
        Source(
            identifier="old",
            text="Café talks\n\nHe said “quoted” words.",
            headline="Café talks",
            path=str(path),
            warnings=(f"{path}: not valid UTF-8, decoded as cp1252",),
        )
    ]


def test_txt_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", "Headline\n\nBody é.".encode("utf-16"))
    (source,) = read_all(path)
    assert (source.text, source.warnings) == ("Headline\n\nBody é.", ())


def test_txt_with_only_chrome_has_no_text(tmp_path: Path) -> None:
    path = write(tmp_path / "chrome.txt", "scroll to top\n\nLeave a Reply\n")
    assert [as_tuple(item) for item in read_all(path)] == [("error", f"{path}: no text after cleaning")]


# --- .json ----------------------------------------------------------------


def test_json_object_with_all_fields(tmp_path: Path) -> None:
    record = {"id": 7, "title": "Talks  begin", "text": "Iraq and the US met.\r\n\r\nMore.",
              "url": "https://example.com/7", "date": "2024-01-25"}
    path = write(tmp_path / "one.json", json.dumps(record))
    assert read_all(path) == [
        Source(
            identifier="7",
            text="Talks begin\n\nIraq and the US met.\n\nMore.",
            headline="Talks begin",
            url="https://example.com/7",
            published=dt.date(2024, 1, 25),
            path=str(path),
        )
    ]


def test_json_object_without_optional_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "bare.json", json.dumps({"text": "First line\n\n2024-01-20\n\nBody."}))
    assert read_all(path) == [
        Source(
            identifier="bare",
            text="First line\n\n2024-01-20\n\nBody.",
            headline="First line",
            published=dt.date(2024, 1, 20),
            path=str(path),
        )
    ]


def test_json_title_already_first_line_is_not_repeated(tmp_path: Path) -> None:
    path = write(tmp_path / "dup.json", json.dumps({"title": "Talks begin", "text": "Talks begin\n\nBody."}))
    (source,) = read_all(path)
    assert (source.headline, source.text) == ("Talks begin", "Talks begin\n\nBody.")


def test_json_list_numbers_items(tmp_path: Path) -> None:
    items = [{"text": "A body."}, {"text": "B body.", "id": "b-id"}, ["not", "an", "object"], {"title": "T"}]
    path = write(tmp_path / "many.json", json.dumps(items))
    assert [as_tuple(item) for item in read_all(path)] == [
        Source(identifier="many-1", text="A body.", headline="A body.", path=str(path)),
        Source(identifier="b-id", text="B body.", headline="B body.", path=str(path)),
        ("error", f"{path}:3: expected an object, got list"),
        ("error", f'{path}:4: no "text" field'),
    ]


def test_json_wrong_types(tmp_path: Path) -> None:
    record = {"text": "Body.", "title": 5, "url": {"href": "x"}, "date": [], "id": True}
    path = write(tmp_path / "types.json", json.dumps(record))
    where = str(path)
    assert read_all(path) == [
        Source(
            identifier="types",
            text="5\n\nBody.",
            headline="5",
            path=str(path),
            warnings=(
                f'{where}: ignored "url": expected a string, got dict',
                f'{where}: ignored "date": expected a string, got list',
                f'{where}: ignored "id": expected a string, got bool',
            ),
        )
    ]


def test_json_unparseable_date_falls_back_to_text(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", json.dumps({"text": "Head\nJanuary 25, 2024\n\nBody.", "date": "someday"}))
    (source,) = read_all(path)
    assert source.published == dt.date(2024, 1, 25)
    assert source.warnings == (f"{path}: ignored \"date\": cannot parse 'someday'",)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "T"}, 'no "text" field'),
        ({"text": 5}, '"text" is not a string'),
        ({"text": None}, '"text" is not a string'),
        ({"text": "  \u200b\n"}, "no text after cleaning"),
    ],
)
def test_json_record_errors(tmp_path: Path, record: dict[str, object], message: str) -> None:
    path = write(tmp_path / "bad.json", json.dumps(record))
    assert [as_tuple(item) for item in read_all(path)] == [("error", f"{path}: {message}")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a",\n  oops}', "{path}:2: invalid JSON: Expecting property name enclosed in double quotes"),
        ('"just a string"', "{path}: expected a JSON object or a list of objects, got str"),
        ("[]", "{path}: no records (empty list)"),
    ],
)
def test_json_file_errors_raise(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "broken.json", content)
    with pytest.raises(InputError) as raised:
        read_all(path)
    assert str(raised.value) == message.format(path=path)


# --- .jsonl ---------------------------------------------------------------


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "title": "Alpha", "text": "First body."}),
        "",
        json.dumps({"title": "No text"}),
        '{"text": "broken',
        json.dumps({"text": "Second body.", "date": "Thu, 25 Jan 2024 10:00:00 GMT", "title": ["x"]}),
        "42",
        "   ",
        json.dumps({"text": "Third body."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    assert [as_tuple(item) for item in read_all(path)] == [
        Source(identifier="a", text="Alpha\n\nFirst body.", headline="Alpha", path=str(path)),
        ("error", f'{path}:3: no "text" field'),
        ("error", f"{path}:4: invalid JSON: Unterminated string starting at"),
        Source(
            identifier="feed-5",
            text="Second body.",
            headline="Second body.",
            published=dt.datetime(2024, 1, 25, 10, 0, tzinfo=dt.timezone.utc),
            path=str(path),
            warnings=(f'{path}:5: ignored "title": expected a string, got list',),
        ),
        ("error", f"{path}:6: expected an object, got int"),
        Source(identifier="feed-8", text="Third body.", headline="Third body.", path=str(path)),
    ]


# --- .html ----------------------------------------------------------------


def test_html_page(tmp_path: Path) -> None:
    path = Path(shutil.copy(FIXTURES / "article.html", tmp_path / "article.html"))
    assert read_all(path) == [
        Source(
            identifier="article",
            text=(
                "US & Iraq begin talks on the coalition\n\n"
                "Iraq and the United States held a “first round” of talks in Baghdad on Saturday.\n\n"
                "About 2,500 US troops remain in Iraq & 900 in Syria."
            ),
            headline="US & Iraq begin talks on the coalition",
            url="https://news.example.com/2024/01/25/us-iraq-talks",
            published=dt.datetime(2024, 1, 25, 10, 0, tzinfo=dt.timezone.utc),
            path=str(path),
        )
    ]


def test_htm_title_is_prepended_when_body_lacks_it(tmp_path: Path) -> None:
    path = write(tmp_path / "Page.HTM", "<title>Talks resume</title><p>Iraq said Sunday.</p><p>Advertisement</p>")
    (source,) = read_all(path)
    assert (source.identifier, source.headline, source.text) == ("Page", "Talks resume", "Talks resume\n\nIraq said Sunday.")


def test_html_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><head><title>T</title></head><body><nav>Menu</nav></body></html>")
    assert [as_tuple(item) for item in read_all(path)] == [("error", f"{path}: no text after cleaning")]


# --- file-level problems ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n  \n", "empty file"),
        ("blank.jsonl", b"\n\n", "empty file"),
        ("bom.txt", b"\xef\xbb\xbf \n", "empty file"),
        ("nul.txt", b"Head\x00line\n\nBody", "binary file, not text"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    ],
)
def test_bad_file_raises(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(InputError) as raised:
        read_all(path)
    assert str(raised.value) == f"{path}: {message}"


def test_unreadable_path_raises(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(InputError) as raised:
        read_all(path)
    assert str(raised.value) == f"{path}: cannot read: Is a directory"


def test_read_unsupported_extension_raises(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "# Notes")
    with pytest.raises(InputError) as raised:
        read_all(path)
    assert str(raised.value) == f"{path}: unsupported file type (expected one of .txt, .json, .jsonl, .html, .htm)"


# --- discover -------------------------------------------------------------------


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A folder of article files with hidden and unsupported files mixed in."""
    for name in ["z.txt", "sub/b.JSON", "sub/a.html", "sub/deeper/c.jsonl", "m.htm",
                 ".hidden/x.txt", ".dot.txt", "notes.pdf", "sub/readme.md"]:
        write(tmp_path / "news" / name, "Headline\n\nBody.")
    (tmp_path / "news" / "dir.txt").mkdir()
    return tmp_path / "news"


def test_discover_recurses_sorts_and_skips(tree: Path) -> None:
    assert discover([tree]) == [
        tree / "m.htm",
        tree / "sub" / "a.html",
        tree / "sub" / "b.JSON",
        tree / "sub" / "deeper" / "c.jsonl",
        tree / "z.txt",
    ]


def test_discover_deduplicates_and_accepts_explicit_hidden_file(tree: Path) -> None:
    sub = tree / "sub"
    found = discover([str(tree / "z.txt"), tree / ".dot.txt", sub, sub / "b.JSON", sub / ".." / "z.txt"])
    assert found == [tree / ".dot.txt", sub / "a.html", sub / "b.JSON", sub / "deeper" / "c.jsonl", tree / "z.txt"]


def test_discover_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        discover([tmp_path / "nope.txt"])
    assert str(raised.value) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_discover_unsupported_extension(tree: Path) -> None:
    with pytest.raises(InputError) as raised:
        discover([tree / "notes.pdf"])
    assert str(raised.value) == f"{tree / 'notes.pdf'}: unsupported file type (expected one of {', '.join(SUPPORTED)})"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_discover_rejects_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as raised:
        discover([fifo])
    assert str(raised.value) == f"{fifo}: cannot read: not a regular file"


def test_supported_extensions() -> None:
    assert SUPPORTED == (".txt", ".json", ".jsonl", ".html", ".htm")


# --- iter_sources -----------------------------------------------------------------


def test_iter_sources_reports_problems_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", "Alpha\n\nBody A.")
    write(folder / "b.txt", b"")
    write(folder / "c.jsonl", '{"text": "Gamma."}\n{"text": 3}\n')
    write(folder / "d.json", "{oops")
    write(folder / "e.html", "<h1>Epsilon</h1><p>Body E.</p>")
    missing = tmp_path / "missing"
    errors: list[str] = []
    sources = list(iter_sources([missing, folder, tmp_path / "x.csv"], lambda error: errors.append(str(error))))
    assert [(s.identifier, s.headline) for s in sources] == [("a", "Alpha"), ("c-1", "Gamma."), ("e", "Epsilon")]
    assert errors == [
        f"{missing}: no such file or directory",
        f"{tmp_path / 'x.csv'}: no such file or directory",
        f"{folder / 'b.txt'}: empty file",
        f'{folder / "c.jsonl"}:2: "text" is not a string',
        f"{folder / 'd.json'}:1: invalid JSON: Expecting property name enclosed in double quotes",
    ]


def test_iter_sources_seeds() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    errors: list[InputError] = []
    sources = list(iter_sources([seeds], errors.append))
    assert errors == []
    assert [s.identifier for s in sources] == sorted(p.stem for p in seeds.glob("*.txt"))
    assert all(s.text.startswith(s.headline + "\n") for s in sources)
    assert [s.published for s in sources] == [None, None, dt.date(2024, 1, 25), None, None]


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path: Path) -> None:
    line = json.dumps({"text": "Line one\u2028Line two"}, ensure_ascii=False)
    path = write(tmp_path / "sep.jsonl", line + "\r\n")
    assert read_all(path) == [Source(identifier="sep-1", text="Line one\nLine two", headline="Line one", path=str(path))]
