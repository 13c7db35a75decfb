"""`kg validate`: the seeds' graph conforms to the shapes, and a broken graph is caught with a readable message.

Broken graphs are the seeds' N-Quads export with lines removed or changed,
so each test says in plain N-Quads what it breaks.
"""
from __future__ import annotations

import re
import time

import pytest

NS = {
    "schema": "https://schema.org/",
    "nkg": "https://w3id.org/newskg/ns#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
ID = "https://w3id.org/newskg/id/"
SUDANI = f"<{ID}person/muhamad-shia-sudani-04f3ca2d85>"
ARTICLE = f"<{ID}article/002_4347aecd19218ae7>"
QUOTE = f"<{ID}article/002_4347aecd19218ae7/quote/2001-2079>"
VERDICT = re.compile(r"^(conforms|does not conform) to the shapes(?: \((.*)\))?$")


def iri(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return f"<{NS[prefix]}{local}>"


def verdict(output: str) -> tuple[str, str]:
    """The last line of `kg validate`: ("conforms" or "does not conform", "1 violation, 2 warnings")."""
    match = VERDICT.match(output.strip().splitlines()[-1])
    assert match, output
    return match.group(1), match.group(2) or ""


@pytest.fixture(scope="module")
def seeds_lines(seeds_export) -> list[str]:
    """The seeds' export, one N-Quads statement per line."""
    lines = seeds_export("nquads").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(f"{QUOTE} {iri('schema:text')} ") for line in lines)
    assert any(line.startswith(f"{SUDANI} {iri('schema:name')} ") for line in lines)
    return lines


@pytest.fixture
def validate(kg, seeds_lines, tmp_path):
    """``validate(edit)``: `kg validate` on the seeds' export after ``edit(lines) -> lines``."""

    def run(edit):
        path = tmp_path / "broken.nq"
        path.write_text("\n".join(edit(list(seeds_lines))) + "\n", encoding="utf-8")
        return kg("validate", path, cwd=tmp_path)

    return run


def without(subject: str, predicate: str):
    """An edit that drops every statement of ``subject`` with ``predicate``."""
    def edit(lines: list[str]) -> list[str]:
        kept = [line for line in lines if not line.startswith(f"{subject} {iri(predicate)} ")]
        assert len(kept) < len(lines)
        return kept
    return edit


def replacing(pattern: str, replacement: str):
    """An edit that rewrites the lines matching the regular expression ``pattern``."""
    def edit(lines: list[str]) -> list[str]:
        changed = [re.sub(pattern, replacement, line) for line in lines]
        assert changed != lines
        return changed
    return edit


def test_the_seeds_graph_conforms(kg, seeds_store):
    started = time.perf_counter()
    result = kg("validate", "--store", seeds_store, cwd=seeds_store.parent)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "conforms to the shapes\n"
    assert result.stderr == ""
    assert elapsed < 30  # a few seconds on the seeds


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "json-ld", "xml"])
def test_every_export_conforms(kg, seeds_export, fmt):
    path = seeds_export(fmt)
    result = kg("validate", path, "--format", fmt, cwd=path.parent)
    assert (result.returncode, result.stdout) == (0, "conforms to the shapes\n"), result.stderr


@pytest.mark.parametrize("edit,expected", [
    pytest.param(without(QUOTE, "schema:text"),
                 f"violation: {QUOTE} schema:text: a quotation has exactly one non-empty schema:text",
                 id="quotation-without-text"),
    pytest.param(without(QUOTE, "schema:isPartOf"),
                 f"violation: {QUOTE} schema:isPartOf: a quotation is part of exactly one article",
                 id="quotation-without-article"),
    pytest.param(without(SUDANI, "schema:name"),
                 f"violation: {SUDANI} schema:name: an entity has exactly one non-empty schema:name",
                 id="entity-without-name"),
    pytest.param(without(SUDANI, "rdf:type"),
                 f"violation: {SUDANI}: the entity is not typed schema:Person, schema:Organization, "
                 "schema:Place or schema:Event", id="entity-without-type"),
    pytest.param(replacing(rf"^({re.escape(QUOTE)} {re.escape(iri('nif:endIndex'))}) \"2079\"",
                           r'\1 "9999"'),
                 f"violation: {QUOTE}: the span ends at character 9999, beyond the end of its article's text "
                 "(2080 characters)", id="offset-beyond-the-text"),
    pytest.param(replacing(r'"2024-01-25"\^\^<http://www.w3.org/2001/XMLSchema#date> (<[^>]*graph/article/)',
                           r'"2024-02-30"^^<http://www.w3.org/2001/XMLSchema#date> \1'),
                 f'violation: {ARTICLE} schema:datePublished: schema:datePublished is a valid xsd:date or '
                 'xsd:dateTime (value: "2024-02-30"^^xsd:date)', id="ill-typed-date"),
    pytest.param(replacing(rf"^({re.escape(ARTICLE)} {re.escape(iri('schema:datePublished'))}) "
                           r'"2024-01-25"\^\^<[^>]*>', r'\1 "January 25, 2024"'),
                 f'violation: {ARTICLE} schema:datePublished: schema:datePublished is a valid xsd:date or '
                 'xsd:dateTime (value: "January 25, 2024")', id="date-as-text"),
    pytest.param(replacing(r'^(<[^>]*#char=1051,1053> <[^>]*#anchorOf>) "US"', r'\1 "UK"'),
                 f'violation: <{ID}article/002_4347aecd19218ae7#char=1051,1053>: nif:anchorOf "UK" is not the '
                 'article\'s text at these offsets ("US")', id="anchor-not-the-text"),
])
def test_a_broken_graph_is_caught_with_a_readable_message(validate, edit, expected):
    result = validate(edit)
    assert result.returncode == 1, result.stderr
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout
    assert verdict(result.stdout)[0] == "does not conform"


def test_a_quotation_without_speaker_is_only_a_warning(validate):
    result = validate(lambda lines: without(QUOTE, "prov:wasAttributedTo")(without(QUOTE, "schema:creator")(lines)))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[0] == (f"warning: {QUOTE} schema:creator: the quotation has no speaker "
                                             "(schema:creator): it is unattributed")
    assert verdict(result.stdout) == ("conforms", "1 warning")


def test_speakers_must_agree_between_creator_and_attribution(validate):
    result = validate(without(QUOTE, "prov:wasAttributedTo"))
    assert result.returncode == 1
    assert f"violation: {QUOTE} schema:creator: a quotation's speakers are the same by schema:creator and " \
           "prov:wasAttributedTo" in result.stdout


def test_a_wrong_source_count_is_caught(validate):
    statement = f"<{ID}statement/27c4b030e931d792>"
    result = validate(replacing(rf"^({re.escape(statement)} {re.escape(iri('nkg:sourceCount'))}) \"3\"",
                                r'\1 "2"'))
    assert result.returncode == 1
    assert f"violation: {statement}: nkg:sourceCount is 2 but the statement's quotations are in 3 articles" \
           in result.stdout


def test_an_export_without_its_description_is_caught(validate):
    result = validate(lambda lines: [line for line in lines if "/graph/void> ." not in line])
    assert result.returncode == 1
    assert f"violation: <{ID}dataset>: the dataset description" in result.stdout


def test_every_problem_is_listed_and_counted(validate):
    result = validate(lambda lines: without(SUDANI, "schema:name")(without(QUOTE, "schema:creator")(
        without(QUOTE, "prov:wasAttributedTo")(lines))))
    problems = result.stdout.splitlines()[:-1]
    assert [line.split(":", 1)[0] for line in problems] == ["violation", "warning"]
    assert verdict(result.stdout) == ("does not conform", "1 violation, 1 warning")


@pytest.mark.parametrize("args,first_words", [
    (["missing.ttl"], "kg: error: missing.ttl: cannot read"),
    (["graph.pdf"], "kg: error: graph.pdf: unknown RDF format 'pdf'"),
    (["bad.nt"], "kg: error: bad.nt: not valid N-Triples"),
    (["--store", "nowhere"], "kg: error: nowhere: no kg store here"),
])
def test_bad_input_is_one_line_and_status_2(kg, tmp_path, args, first_words):
    (tmp_path / "graph.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "bad.nt").write_text("<relative> <http://example.org/p> <http://example.org/o> .\n")
    result = kg("validate", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(first_words) and result.stderr.count("\n") == 1
