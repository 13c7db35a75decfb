"""Hostile and broken files given to `kg build`: each is built or refused in one clear line, the rest of the batch
is built, and nothing already in the store changes.

All the files go to one `kg build`, together with one good article, into a copy of the seeds store; one of
them is a broken new version of a seed article, which must leave the stored version as it was.
"""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest
from sparql_rows import select

from kg.store import Store
from kg.vocab import article_graph_iri

ARTICLE = "Talks resume\n\n“We will talk again,” said Prime Minister Mohammed Shia al-Sudani on Monday.\n"
SEED = "000_85466fba3cc1c82f"

# name -> (content, what happens, a fragment of its message or None for none)
CASES: dict[str, tuple[bytes, str, str | None]] = {
    "binary.txt": (bytes(range(256)) * 40, "refused", "binary file, not text"),
    "invalid-utf8.txt": (ARTICLE.encode() + b"Broken \xff\xfe bytes \xc3\x28 here.\n", "built",
                         "broken UTF-8 sequences replaced by U+FFFD"),
    "utf16-bom.txt": (ARTICLE.encode("utf-16"), "built", None),
    "utf16-le.txt": (ARTICLE.encode("utf-16-le"), "built", "no byte-order mark, decoded as UTF-16-LE"),
    "utf16-be.txt": (ARTICLE.encode("utf-16-be"), "built", "no byte-order mark, decoded as UTF-16-BE"),
    "one-line.txt": (b"Huge\n" + b"word " * 10_500_000, "refused", "characters long, more than the 1,000,000"),
    "nested.json": (b"[" * 100_000 + b"]" * 100_000, "refused", "invalid JSON: nested too deeply"),
    "huge.json": (json.dumps({"id": "huge", "text": ARTICLE, "extra": list(range(1_000_000))}).encode(), "built",
                  None),
    "scripts.html": (b"<html><head><title>Raid &amp; talks</title><script>alert('head')</script></head><body>"
                     b"<article><p>&ldquo;We will not stop,&rdquo; said Gen. Ali Rahman on Monday.</p>"
                     b"<script>document.write('body')</script><p>Aid &#x201C;arrived&#x201D; late.</p></article>"
                     b"</body></html>", "built", None),
    "unbalanced.txt": (("Unbalanced\n\n“This never closes, the minister said.\n\nA stray ” close and “ an open.\n\n"
                        "“We are ready,” said John Kirby.\n").encode(), "built", None),
    "punctuation.txt": ("!!!\n\n?!.,;:—–-“”‘’«»()[]{}...\n".encode(), "built", None),
    "invisible.txt": (("Names\n\n“We agree,” said Ah\u200fmad al\u200d-Ra\u202eshid\u202c, a spokes\u200bman, "
                       "and Mo\u2066hammed Ali\u2069.\n").encode(), "built", None),
    f"{SEED}.txt": (b"\x00\x01\x02" * 1000, "refused", "binary file, not text"),
}
# JSON lines of every wrong type, and one good line with fields of the wrong type, each reported once
JSON_LINES = (b'{"text": 5}\n[1, 2]\n"text"\n{"text": "Aid arrives. \\u201cIt helps,\\u201d said Ann Lee.", '
              b'"title": ["x"], "date": {"y": 1}}\n{"title": "no text"}\nnot json\n')
JSONL_MESSAGES = ['types.jsonl:1: "text" is not a string', "types.jsonl:2: expected an object, got list",
                  "types.jsonl:3: expected an object, got str", 'types.jsonl:4: ignored "title"',
                  'types.jsonl:4: ignored "date"', 'types.jsonl:5: no "text" field', "types.jsonl:6: invalid JSON"]


def graph_quads(store_path, identifier: str) -> set:
    store = Store(store_path, create=False)
    return set(store.db.quads_for_pattern(None, None, None, ox.NamedNode(str(article_graph_iri(identifier)))))


def identifiers(store_path) -> set[str]:
    rows = select(Store(store_path, create=False), "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }")
    return {row["id"] for row in rows}


@pytest.fixture(scope="module")
def built(kg, seeds_store, seeds_dir, tmp_path_factory):
    """The store before and after the build, and the build's result."""
    cwd = tmp_path_factory.mktemp("hostile-input")
    store = shutil.copytree(seeds_store, cwd / "store")
    before = {path.stem: graph_quads(store, path.stem) for path in seeds_dir.glob("*.txt")}
    inputs = cwd / "inputs"
    inputs.mkdir()
    for name, (content, _, _) in CASES.items():
        (inputs / name).write_bytes(content)
    (inputs / "types.jsonl").write_bytes(JSON_LINES)
    (inputs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = kg("build", inputs, "--store", store, cwd=cwd, timeout=600)
    return before, store, result


def test_the_build_reports_problems_and_exits_2_without_a_traceback(built):
    _, _, result = built
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert all(line.startswith("kg: ") for line in result.stderr.splitlines()), result.stderr


@pytest.mark.parametrize("name", CASES)
def test_each_file_is_built_or_refused_as_expected(built, name):
    _, store, result = built
    _, outcome, message = CASES[name]
    mine = [line for line in result.stderr.splitlines() if f"/{name}:" in line]
    assert ([message in line for line in mine] == [True]) if message else mine == [], mine
    stem = name.rsplit(".", 1)[0]
    if name != f"{SEED}.txt":
        assert (stem in identifiers(store)) == (outcome == "built")


def test_json_lines_of_the_wrong_type_are_each_reported_and_the_good_one_built(built):
    _, store, result = built
    for message in JSONL_MESSAGES:
        assert sum(message in line for line in result.stderr.splitlines()) == 1, message
    assert {"types-4"} == {i for i in identifiers(store) if i.startswith("types")}


def test_the_rest_of_the_batch_is_built(built):
    _, store, _ = built
    assert "good" in identifiers(store)


def test_nothing_already_in_the_store_changes(built):
    before, store, _ = built
    assert {identifier: graph_quads(store, identifier) for identifier in before} == before


def test_scripts_are_dropped_and_entities_decoded(built):
    _, store, _ = built
    [row] = select(Store(store, create=False), 'SELECT ?text ?headline WHERE { ?a schema:identifier "scripts" ; '
                   "schema:headline ?headline ; nif:isString ?text }")
    assert "alert" not in row["text"] and "document.write" not in row["text"]
    assert "“We will not stop,” said Gen. Ali Rahman" in row["text"] and row["headline"] == "Raid & talks"


def test_invisible_characters_leave_names_whole(built):
    _, store, _ = built
    names = {row["n"] for row in select(Store(store, create=False), 'SELECT ?n WHERE { ?q a schema:Quotation ; '
                                        'schema:isPartOf/schema:identifier "invisible" ; schema:creator/schema:name ?n }')}
    assert names == {"Ahmad al-Rashid", "Mohammed Ali"}  # one statement of the two, each name whole


def test_an_unbalanced_mark_does_not_swallow_the_rest_of_the_article(built):
    _, store, _ = built
    quotes = {(row["t"], row["n"]) for row in select(Store(store, create=False), 'SELECT ?t ?n WHERE { '
                                                   '?q a schema:Quotation ; schema:isPartOf/schema:identifier "unbalanced" ; '
                                                   "schema:text ?t ; schema:creator/schema:name ?n }")}
    assert ("We are ready,", "John Kirby") in quotes or ("We are ready", "John Kirby") in quotes
