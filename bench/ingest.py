"""Ingest stage by stage: each stage runs over the whole corpus before the next, with its own clock.

The stages are those ``kg build`` chains for every article: reading
(:mod:`kg.ingest`), tokenising (``nlp.make_doc``), each rule component of
``nlp.pipeline``, resolution and record extraction (:func:`kg.extract.extract`),
graph building (:func:`kg.graph.article_triples`) and the store commit
(:meth:`kg.store.Store.put_articles`, in batches like ``kg build``; it links
people against the store and builds the graphs again, as a build does). The
store written is kept: queries, exports and the servers use it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from spacy.tokens import Doc

from kg.errors import InputError
from kg.extract import extract
from kg.graph import article_triples
from kg.ingest import iter_sources
from kg.nlp import build_pipeline
from kg.records import Source
from kg.store import Store

from .measure import timed, word_count

BATCH_SIZE = 64  # articles per store transaction, as `kg build`'s default


@dataclass(frozen=True)
class Stage:
    """Seconds one stage took over the corpus."""

    name: str
    seconds: float
    rule: bool = False  # a rule component of the spaCy pipeline


@dataclass(frozen=True)
class IngestResult:
    """The stages' timings, the corpus's size and the store written."""

    stages: tuple[Stage, ...]
    setup_seconds: float
    articles: int
    words: int
    store: Store


def _fail(error: InputError) -> None:
    raise error


def _apply(component: Callable[[Doc], Doc], docs: list[Doc]) -> list[Doc]:
    return [component(doc) for doc in docs]


def read_corpus(corpus: Path) -> list[Source]:
    """The corpus's articles as ``kg build`` reads them (any bad file is an error here)."""
    return list(iter_sources([corpus], _fail))


def run_stages(corpus: Path, store_path: Path) -> IngestResult:
    """Time every ingest stage over ``corpus``, writing the store at ``store_path``."""
    read_seconds, sources = timed(lambda: read_corpus(corpus))
    stages = [Stage("read (kg.ingest)", read_seconds)]
    setup_seconds, nlp = timed(build_pipeline)
    seconds, docs = timed(lambda: [nlp.make_doc(source.text) for source in sources])
    stages.append(Stage("tokenise (nlp.make_doc)", seconds))
    for name, component in nlp.pipeline:
        seconds, docs = timed(partial(_apply, component, docs))
        stages.append(Stage(f"rules: {name}", seconds, rule=True))
    seconds, records = timed(lambda: [extract(doc, source) for doc, source in zip(docs, sources)])
    stages.append(Stage("resolution (kg.extract.extract)", seconds))
    seconds, _ = timed(lambda: [article_triples(item) for item in records])
    stages.append(Stage("graph building (kg.graph.article_triples)", seconds))
    store = Store(store_path, create=True)

    def commit() -> None:
        for start in range(0, len(records), BATCH_SIZE):
            store.put_articles(records[start:start + BATCH_SIZE])
        store.compact()

    seconds, _ = timed(commit)
    stages.append(Stage(f"store commit (Store.put_articles, {BATCH_SIZE} per batch)", seconds))
    words = sum(word_count(source.text) for source in sources)
    return IngestResult(tuple(stages), setup_seconds, len(sources), words, store)


__all__ = ["BATCH_SIZE", "IngestResult", "Stage", "read_corpus", "run_stages"]
