"""The `kg` command line, run as a real process: build, stats, query, export, evaluate, errors."""
from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest
import rdflib

ENTITY_TYPES = ["Person", "Organization", "Place", "MilitaryBase", "Event"]
ARTICLE_IDS_QUERY = "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } ORDER BY ?id"
NEWS_ARTICLE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle>"


def seed_ids(seeds_dir) -> list[str]:
    return sorted(path.stem for path in seeds_dir.glob("*.txt"))


def error_line(result) -> str:
    """The one line a failed command wrote to stderr (exit status 2, no traceback)."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), result.stderr
    return lines[0]


def count_articles(quads: set[str]) -> int:
    return sum(1 for line in quads if NEWS_ARTICLE in line)


def stats_counts(text: str) -> dict[str, int]:
    """``{"articles": 5, "Person": 9, ...}`` from the text summary of `kg stats`."""
    counts = {}
    for line in text.splitlines():
        name, _, value = line.strip().partition(": ")
        if value and value.split()[0].isdigit():
            counts[name] = int(value.split()[0])
    return counts


# --- build and stats -----------------------------------------------------------


def test_build_prints_a_summary(seeds_build):
    _, result = seeds_build
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "built 5 articles into store"
    counts = stats_counts(result.stdout)
    assert counts["articles"] == 5
    # the gold annotations of the seeds hold every type and 36 quotes
    assert all(counts[name] > 0 for name in ENTITY_TYPES + ["quotes"])


def test_build_logs_one_json_line_per_ingested_article(seeds_build, seeds_dir):
    store, result = seeds_build
    lines = [json.loads(line) for line in (store.parent / "build.log").read_text(encoding="utf-8").splitlines()]
    assert sorted(line["article"] for line in lines) == seed_ids(seeds_dir)
    for line in lines:
        assert (line["level"], line["logger"], line["message"]) == ("info", "kg.build", "article ingested")
        assert line["entities"] > 0 and line["mentions"] >= line["entities"] and line["quotes"] > 0
        assert line["extract_ms"] > 0 and line["commit_ms"] > 0 and line["batch"] == 5


def test_log_level_and_file_are_checked(kg, tmp_path):
    bad_file = kg("--log-file", tmp_path / "missing" / "x.log", "stats", "--store", tmp_path, cwd=tmp_path)
    assert "cannot write the log" in error_line(bad_file)
    bad_level = kg("--log-level", "loud", "stats", cwd=tmp_path)
    assert "loud" in error_line(bad_level)


def test_stats_agrees_with_build(kg, seeds_build, seeds_store):
    _, build = seeds_build
    text = kg("stats", "--store", seeds_store, cwd=seeds_store.parent)
    as_json = kg("stats", "--json", "--store", seeds_store, cwd=seeds_store.parent)
    assert text.returncode == 0 and as_json.returncode == 0
    assert text.stdout.splitlines() == build.stdout.splitlines()[1:]
    data = json.loads(as_json.stdout)
    assert data["articles"] == 5
    assert data["entities"] == {name: stats_counts(text.stdout)[name] for name in ENTITY_TYPES}
    assert data["quotes"] == stats_counts(text.stdout)["quotes"]


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"]])
def test_help(kg, tmp_path, args):
    result = kg(*args, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage:")


# --- query ---------------------------------------------------------------------

def table_ids(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[0] == "id" and set(lines[1]) == {"-"} and lines[-1] == "(5 rows)"
    return [line.strip() for line in lines[2:-1]]


ID_PARSERS = {
    "table": table_ids,
    "json": lambda out: [row["id"]["value"] for row in json.loads(out)["results"]["bindings"]],
    "csv": lambda out: [row[0] for row in csv.reader(io.StringIO(out)) if row][1:],
    "tsv": lambda out: [line.strip('"') for line in out.splitlines()[1:] if line],
    "xml": lambda out: [el.text for el in ET.fromstring(out).iter("{http://www.w3.org/2005/sparql-results#}literal")],
}


@pytest.mark.parametrize("output", list(ID_PARSERS))
def test_query_outputs(kg, seeds_store, seeds_dir, output):
    result = kg("query", ARTICLE_IDS_QUERY, "--output", output, "--store", seeds_store, cwd=seeds_store.parent)
    assert result.returncode == 0, result.stderr
    assert ID_PARSERS[output](result.stdout) == seed_ids(seeds_dir)


def test_query_from_file(kg, seeds_store, tmp_path):
    (tmp_path / "count.rq").write_text("SELECT (COUNT(?a) AS ?n)\nWHERE { ?a a schema:NewsArticle }\n")
    result = kg("query", "@count.rq", "--output", "csv", "--store", seeds_store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["n", "5"]


@pytest.mark.parametrize("query,expected", [
    ("ASK { nkg:MilitaryBase rdfs:subClassOf schema:Place }", "true"),
    ("ASK { nkg:MilitaryBase rdfs:subClassOf schema:Person }", "false"),
])
def test_query_ask_with_predeclared_prefixes(kg, seeds_store, query, expected):
    result = kg("query", query, "--store", seeds_store, cwd=seeds_store.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_query_construct_prints_turtle(kg, seeds_store):
    query = "CONSTRUCT { ?a schema:headline ?h } WHERE { ?a a schema:NewsArticle ; schema:headline ?h }"
    result = kg("query", query, "--store", seeds_store, cwd=seeds_store.parent)
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) == 5
    assert set(graph.predicates()) == {rdflib.URIRef("https://schema.org/headline")}


@pytest.mark.parametrize("args,first_words", [
    (["SELECT ?x WHERE { ?x ?y }"], "kg: error: SPARQL syntax error"),
    (["@missing.rq"], "kg: error: missing.rq: cannot read query"),
    (["SELECT * WHERE { ?s ?p ?o }", "--output", "yaml"], "kg: error: unknown output 'yaml'"),
])
def test_query_errors(kg, seeds_store, tmp_path, args, first_words):
    result = kg("query", *args, "--store", seeds_store, cwd=tmp_path)
    assert error_line(result).startswith(first_words)


def test_query_syntax_error_points_into_the_users_query(kg, seeds_store):
    result = kg("query", "SELECT ?x WHERE { ?x ?y }", "--store", seeds_store, cwd=seeds_store.parent)
    assert "error at 1:26" in error_line(result)


# --- export --------------------------------------------------------------------

LOOKS_LIKE = {
    "turtle": lambda text: text.startswith("@prefix "),
    "nt": lambda text: all(line.startswith("<") and line.endswith(" .") for line in text.splitlines()),
    "nquads": lambda text: all(line.endswith("> .") for line in text.splitlines()),
    "trig": lambda text: text.startswith("@prefix ") and "{" in text,
    "json-ld": lambda text: "@context" in json.loads(text),
    "xml": lambda text: text.startswith("<?xml"),
}


@pytest.mark.parametrize("fmt", list(LOOKS_LIKE))
def test_export_to_file(seeds_export, fmt):
    text = seeds_export(fmt).read_text(encoding="utf-8")
    assert len(text) > 10_000
    assert LOOKS_LIKE[fmt](text)


def test_export_to_stdout(kg, seeds_store, seeds_quads):
    result = kg("export", "--format", "nquads", "--store", seeds_store, cwd=seeds_store.parent)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.splitlines()) == seeds_quads


def test_export_file_has_the_usual_permissions(seeds_export, tmp_path):
    plain = tmp_path / "plain"
    plain.write_text("")
    assert seeds_export("turtle").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_export_into_missing_folder(kg, seeds_store, tmp_path):
    result = kg("export", "--format", "nt", "-o", "no/such/folder/g.nt", "--store", seeds_store, cwd=tmp_path)
    assert error_line(result).startswith("kg: error: ")


# --- evaluate ------------------------------------------------------------------


def test_evaluate(kg, seeds_store, gold_dir):
    result = kg("evaluate", gold_dir, "--store", seeds_store, cwd=seeds_store.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("entityR=")


def test_evaluate_json(kg, seeds_store, gold_dir):
    result = kg("evaluate", gold_dir, "--json", "--store", seeds_store, cwd=seeds_store.parent)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert 0 < summary["entity_recall"] <= 1


# --- bad input: one line on stderr, exit 2, the store as it was ----------------


@pytest.mark.parametrize("name,content,first_words", [
    pytest.param("missing.txt", None, "kg: missing.txt: no such file", id="missing-path"),
    pytest.param("notes.pdf", b"%PDF-1.4 Iraq and the US", "kg: notes.pdf: unsupported file type", id="unsupported"),
    pytest.param("empty.txt", b"", "kg: empty.txt: empty file", id="empty"),
    pytest.param("blank.txt", b" \n\t\n   \n", "kg: blank.txt: empty file", id="whitespace-only"),
    pytest.param("binary.txt", b"Headline\n\x00\x00\x01\x02body\x00", "kg: binary.txt: binary file", id="binary"),
    pytest.param("broken.json", b'{"text": "Iraq said', "kg: broken.json:1: invalid JSON", id="invalid-json"),
])
def test_bad_input_leaves_store_unchanged(kg, nquads, seeds_quads, seeds_store_copy, tmp_path,
                                          name, content, first_words):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = kg("build", name, "--store", "store", cwd=tmp_path)
    assert error_line(result).startswith(first_words)
    assert nquads(seeds_store_copy) == seeds_quads


def test_non_utf8_text_is_built_with_a_warning(kg, nquads, seeds_store_copy, tmp_path):
    (tmp_path / "cafe.txt").write_bytes("Café owners protest in Baghdad\n\nThe café was closed on Monday.\n"
                                        .encode("cp1252"))
    result = kg("build", "cafe.txt", "--store", "store", cwd=tmp_path)
    line = error_line(result)
    assert line.startswith("kg: cafe.txt: ") and "cp1252" in line
    quads = nquads(seeds_store_copy)
    assert count_articles(quads) == 6
    assert any('<https://schema.org/headline> "Café owners protest in Baghdad"' in quad for quad in quads)


def test_jsonl_with_a_bad_line_builds_the_good_ones(kg, seeds_store_copy, tmp_path):
    records = [{"id": "first", "text": "Sudani met Austin in Baghdad.\n\nThe talks went on."},
               {"id": "second", "body": "no text field here"},
               {"id": "third", "title": "Talks resume", "text": "Iraq and the US resumed talks on Sunday."}]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(record) for record in records) + "\n")
    result = kg("build", "news.jsonl", "--store", "store", cwd=tmp_path)
    assert error_line(result).startswith('kg: news.jsonl:2: no "text" field')
    assert result.stdout.startswith("built 2 articles")
    assert stats_counts(result.stdout)["articles"] == 7


def test_folder_with_one_bad_file_builds_the_others(kg, seeds_store_copy, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "one.txt").write_text("Iraq and US hold talks\n\nThe talks began in Baghdad on Saturday.\n")
    (folder / "two.txt").write_text("Coalition to stay\n\nThe coalition will stay, officials said.\n")
    (folder / "three.txt").write_bytes(b"")
    result = kg("build", "batch", "--store", "store", cwd=tmp_path)
    assert error_line(result).startswith(f"kg: {os.path.join('batch', 'three.txt')}: empty file")
    assert result.stdout.startswith("built 2 articles")
    assert stats_counts(result.stdout)["articles"] == 7


def test_unknown_export_format(kg, seeds_store, tmp_path):
    result = kg("export", "--format", "pdf", "-o", "graph.pdf", "--store", seeds_store, cwd=tmp_path)
    assert error_line(result).startswith("kg: error: unknown format 'pdf'")
    assert not (tmp_path / "graph.pdf").exists()


def test_store_that_is_a_regular_file(kg, seeds_dir, tmp_path):
    (tmp_path / "store").write_text("not a store")
    result = kg("build", seeds_dir, "--store", "store", cwd=tmp_path)
    assert error_line(result).startswith("kg: error: store: store path is a file")
    assert (tmp_path / "store").read_text() == "not a store"


@pytest.mark.parametrize("args", [
    ["export", "--format", "nt"],
    ["query", "ASK { ?s ?p ?o }"],
    ["stats"],
])
def test_directory_that_is_not_a_store(kg, tmp_path, args):
    (tmp_path / "folder").mkdir()
    result = kg(*args, "--store", "folder", cwd=tmp_path)
    assert error_line(result).startswith("kg: error: folder: no kg store here")
    assert list((tmp_path / "folder").iterdir()) == []


# --- re-building replaces ------------------------------------------------------


def test_building_the_seeds_again_changes_nothing(kg, nquads, seeds_dir, seeds_quads, seeds_store_copy, tmp_path):
    result = kg("build", seeds_dir, "--store", "store", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    quads = nquads(seeds_store_copy)
    assert count_articles(quads) == 5
    assert quads == seeds_quads


def test_building_an_edited_article_replaces_it(kg, seeds_dir, seeds_quads, seeds_store_copy, tmp_path):
    original = next(seeds_dir.glob("003_*.txt"))
    old_headline = "Iraq, US resume talks on US-led coalition withdrawal"
    assert original.read_text(encoding="utf-8").startswith(old_headline)
    seeds_text = "\n".join(seeds_quads)
    assert "anti-extremist coalition" in seeds_text and '"Yehia Rasool"' in seeds_text
    edited = tmp_path / "edited" / original.name
    edited.parent.mkdir()
    edited.write_text("Iraq and US pause coalition talks\n\nThe talks in Baghdad were paused on Monday.\n")

    assert kg("build", edited, "--store", "store", cwd=tmp_path).returncode == 0
    headlines = kg("query", "SELECT ?h WHERE { ?a schema:headline ?h }", "--output", "csv",
                   "--store", "store", cwd=tmp_path)
    leftovers = kg("query", 'ASK { { ?c nif:isString ?s FILTER(CONTAINS(?s, "anti-extremist")) } '
                            'UNION { ?e schema:name "Yehia Rasool" } }', "--store", "store", cwd=tmp_path)
    rows = [row[0] for row in csv.reader(io.StringIO(headlines.stdout)) if row][1:]
    assert len(rows) == 5
    assert "Iraq and US pause coalition talks" in rows and old_headline not in rows
    assert leftovers.stdout.strip() == "false"


# --- --model -------------------------------------------------------------------


@pytest.fixture(scope="module")
def unknown_model_build(kg, seeds_dir, tmp_path_factory):
    """``kg build SEEDS --model en_no_such_model --store store`` in an empty folder: (folder, result)."""
    cwd = tmp_path_factory.mktemp("unknown-model")
    return cwd, kg("build", seeds_dir, "--model", "en_no_such_model", "--store", "store", cwd=cwd)


def test_model_not_installed(unknown_model_build):
    _, result = unknown_model_build
    assert "en_no_such_model" in error_line(result)


def test_failed_build_creates_no_store(unknown_model_build):
    cwd, _ = unknown_model_build
    assert not (cwd / "store").exists()


def test_stand_in_model(kg, seeds_dir, tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "model")
    result = kg("build", seeds_dir, "--model", tmp_path / "model", "--store", "store", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stats_counts(result.stdout)["articles"] == 5


def test_load_copies_an_export_into_a_new_store(kg, seeds_export, seeds_quads, nquads, tmp_path):
    result = kg("load", seeds_export("nquads"), "--store", "copy", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("loaded ") and " quads from " in result.stdout
    assert nquads(tmp_path / "copy") == seeds_quads


def test_load_refuses_what_is_not_a_dataset_export(kg, seeds_export, tmp_path):
    result = kg("load", seeds_export("turtle"), "--store", "copy", cwd=tmp_path)
    assert "cannot load .turtle: give an export in .nq or .nquads or .trig" in error_line(result)
    assert not (tmp_path / "copy").exists()
