"""Property-based tests: random files and random text through ingest, extraction and graph building, and nothing
escapes but the errors the command line reports.

Reading a file may only fail with :class:`~kg.errors.InputError` (one line); extracting records from any text
that ingest accepted and turning them into RDF may not fail at all, and every mention and quotation found
is the text at its offsets.
"""
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract import extract
from kg.graph import article_graph
from kg.ingest import read_sources
from kg.ingest.clean import clean_text
from kg.nlp import build_pipeline
from kg.records import Source

# Pieces of news text that exercise the rules: names, titles, quote marks of every kind, verbs of saying,
# organisation and base words, and the characters hostile input is made of.
WORDS = ["said", "told", "according to", "added", "he", "she", "they", "Mr.", "Ms", "Dr", "Gen.", "President",
         "Prime Minister", "spokesman", "the ministry", "Ministry of Defence", "Islamic State (IS)", "Ain al-Asad",
         "air base", "Tower 22", "Camp Victory", "Baghdad", "Iraq", "Washington", "Pentagon", "John Kirby",
         "Mohammed Shia al-Sudani", "Sudani", "talks", "drone strike", "on Monday", "in January", "2024",
         "“", "”", "‘", "’", '"', "'", "«", "»", "—", "–", "-", ",", ".", ":", ";", "(", ")", "\n", "\n\n",
         "\u200f", "\u200d", "\u202e", "\ufeff", "\x00", "\u0644\u0627", "Ελλάδα", "İmamoğlu", "&amp;", "<b>",
         "<script>alert(1)</script>", "...", "?", "!"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12)), max_size=120).map(" ".join)
EXTENSIONS = [".txt", ".json", ".jsonl", ".html"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def _records(nlp, source: Source):
    records = extract(nlp(source.text), source)
    article_graph(records)  # the RDF of it must be buildable too
    return records


@FUZZ
@given(text=news_text.map(clean_text))  # extraction always reads cleaned text (kg.ingest)
def test_any_text_extracts_and_builds_rdf(nlp, text):
    source = Source(identifier="fuzz", text=text, headline=text.split("\n")[0])
    records = _records(nlp, source)
    for mention in records.mentions:
        assert text[mention.start:mention.end] == mention.text
    for quote in records.quotes:
        assert 0 <= quote.start <= quote.end <= len(text) and text[quote.start:quote.end] == quote.text


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), news_text.map(lambda t: t.encode("utf-8")),
                      news_text.map(lambda t: t.encode("utf-16")),
                      st.recursive(st.none() | st.booleans() | st.integers() | st.text(string.printable, max_size=20),
                                   lambda inner: st.lists(inner, max_size=4)
                                   | st.dictionaries(st.sampled_from(["text", "title", "id", "url", "date", "x"]),
                                                     inner, max_size=5),
                                   max_leaves=20).map(lambda v: __import__("json").dumps(v).encode())),
       extension=st.sampled_from(EXTENSIONS))
def test_any_file_is_read_or_refused_in_one_line(nlp, tmp_path_factory, data, extension):
    path = tmp_path_factory.mktemp("fuzz") / f"article{extension}"
    path.write_bytes(data)
    try:
        items = list(read_sources(path))
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))
        return
    for item in items:
        if isinstance(item, InputError):
            assert "\n" not in str(item)
        else:
            _records(nlp, item)
