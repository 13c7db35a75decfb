"""Building a store from article files: read, extract, write in batches.

The build streams: sources are read lazily, parsed and written
``batch_size`` articles per transaction, so memory does not grow with the
number of articles. With ``workers`` > 1, extraction (rules and resolution)
runs in that many processes while this one reads the files and writes the
store; records come back in input order, so the store is the same.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from . import records_json
from .errors import InputError, KGError
from .extract import extract
from .ingest import discover, iter_sources
from .logs import log
from .nlp import build_pipeline
from .records import ArticleRecords, Source
from .store import Store

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did: articles written and the problems it reported."""

    articles: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    store: Store | None = None


WINDOW = 8  # articles in flight per worker process
_worker_nlp: Language | None = None  # the pipeline of an extraction worker (inherited when forked)


def _extract_one(nlp: Language, source: Source) -> tuple[ArticleRecords | InputError, float]:
    """The records of one source, or the error that stopped its extraction (in one line), and the seconds taken."""
    started = time.perf_counter()
    try:
        return extract(nlp(source.text), source), time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - reported, the build goes on
        reason = " ".join(str(exc).split())
        return (InputError(f"{source.path or source.identifier}: extraction failed: {type(exc).__name__}: "
                           f"{reason[:200]}{'…' if len(reason) > 200 else ''}"), time.perf_counter() - started)


def _start_worker(model: str | None) -> None:
    global _worker_nlp
    if _worker_nlp is None:  # a spawned worker builds its own pipeline
        _worker_nlp = build_pipeline(model)


def _extract_in_worker(source: Source) -> tuple[ArticleRecords | InputError, float]:
    return _extract_one(_worker_nlp, source)


def _outcomes(nlp: Language, model: str | None, sources: Iterable[Source], workers: int,
              ahead: int = 0) -> Iterator[tuple[ArticleRecords | InputError, float]]:
    """Each source's records or error, in order; extracted in ``workers`` processes when more than one.

    The workers keep up to ``ahead`` articles (at least :data:`WINDOW` each) in flight, so that they go on
    extracting while the caller is busy with what it has (a build writing a batch).
    """
    if workers <= 1:
        yield from (_extract_one(nlp, source) for source in sources)
        return
    global _worker_nlp
    _worker_nlp = nlp
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    gc.freeze()  # forked workers then share the pipeline's pages instead of copying them as the GC walks them
    try:
        with context.Pool(workers, initializer=_start_worker, initargs=(model,)) as pool:
            pending: deque = deque()
            for source in sources:
                pending.append(pool.apply_async(_extract_in_worker, (source,)))
                if len(pending) >= max(workers * WINDOW, ahead):
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        gc.unfreeze()


def extract_sources(nlp: Language, sources: Iterable[Source], on_error: Callable[[InputError], None],
                    workers: int = 1, model: str | None = None,
                    seconds: dict[int, float] | None = None, ahead: int = 0) -> Iterator[ArticleRecords]:
    """Records of each source, in order (extracted in ``workers`` processes when more than one, up to
    ``ahead`` articles ahead of the caller).

    ``seconds`` (if given) gets each one's extraction time, by ``id(records)``.

    An article the rules fail on is reported through ``on_error`` and skipped,
    so one pathological text never stops a build.
    """
    for outcome, took in _outcomes(nlp, model, sources, workers, ahead):
        if isinstance(outcome, InputError):
            on_error(outcome)
            continue
        if seconds is not None:
            seconds[id(outcome)] = took
        yield outcome


def _batches(items: Iterable[ArticleRecords], size: int) -> Iterator[list[ArticleRecords]]:
    """Groups of ``size``; an identifier seen twice in a group keeps its last version."""
    batch: dict[str, ArticleRecords] = {}
    for item in items:
        key = item.source.identifier
        if key in batch:
            yield list(batch.values())
            batch = {}
        batch[key] = item
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


def _extracted(paths: list[str | Path], model: str | None, workers: int, progress: bool | None,
               report: BuildReport, problem: Callable[[InputError], None], on_problem: Callable[[str], None] | None,
               seconds: dict[int, float], ahead: int = 0) -> Iterator[ArticleRecords]:
    """The records of every article under ``paths``, with a progress bar by file (``ahead``: see
    :func:`extract_sources`)."""
    from tqdm import tqdm

    try:
        total = len(discover(paths))
    except InputError:
        total = None
    nlp = build_pipeline(model)
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=total, unit="file", disable=not show, file=sys.stderr) as bar:
        def sources() -> Iterator[Source]:
            last_path = None
            for source in iter_sources(paths, problem):
                for warning in source.warnings:
                    report.warnings.append(warning)
                    if on_problem:
                        on_problem(warning)
                if source.path != last_path:
                    bar.update(1)
                    last_path = source.path
                yield source

        yield from extract_sources(nlp, sources(), problem, workers, model, seconds, ahead)


def _problems(report: BuildReport, on_problem: Callable[[str], None] | None) -> Callable[[InputError], None]:
    """What to do with a problem: log it, keep it in the report, pass it on."""
    def problem(error: InputError) -> None:
        log(logger, logging.WARNING, "input refused", error=str(error))
        report.problems.append(str(error))
        if on_problem:
            on_problem(str(error))
    return problem


def build(paths: Iterable[str | Path], open_store: Callable[[], Store], model: str | None = None,
          batch_size: int = 64, progress: bool | None = None,
          on_problem: Callable[[str], None] | None = None, workers: int = 1, records: bool = False) -> BuildReport:
    """Ingest ``paths`` into the store ``open_store()`` gives; bad files are reported and skipped.

    The store is opened (and so created) only when there is an article to
    write: a build of nothing but bad files leaves no store behind. Each
    article is logged (logger ``kg.build``, :mod:`kg.logs`) once its batch is
    committed and published to readers.
    ``progress`` shows a progress bar (``None``: only when stderr is a terminal).
    ``workers`` processes extract the articles (one: this process does).
    ``records``: ``paths`` are files of records :func:`extract_to` wrote
    (:mod:`kg.records_json`), written without extracting again.
    """
    report = BuildReport()
    problem = _problems(report, on_problem)
    seconds: dict[int, float] = {}
    items = (records_json.read(paths, problem) if records else
             # the workers extract the next batch while this process writes one
             _extracted(list(paths), model, workers, progress, report, problem, on_problem, seconds, batch_size))
    for batch in _batches(items, batch_size):
        report.store = report.store or open_store()
        started = time.perf_counter()
        report.store.put_articles(batch)
        commit_ms = round((time.perf_counter() - started) * 1000, 1)
        report.articles += len(batch)
        for item in batch:
            took = seconds.pop(id(item), None)
            log(logger, logging.INFO, "article ingested", article=item.source.identifier, path=item.source.path,
                entities=len(item.entities), mentions=len(item.mentions), quotes=len(item.quotes),
                extract_ms=round(took * 1000, 1) if took is not None else None, commit_ms=commit_ms,
                batch=len(batch))
    if report.store is not None:
        report.store.compact()
    return report


def extract_to(paths: Iterable[str | Path], output: Path, model: str | None = None, progress: bool | None = None,
               on_problem: Callable[[str], None] | None = None, workers: int = 1) -> BuildReport:
    """Extract the articles under ``paths`` into a file of records (:mod:`kg.records_json`), with no store.

    The file is written only when every article is extracted: a temporary
    file beside it is renamed into place at the end.
    """
    report = BuildReport()
    problem = _problems(report, on_problem)
    if not output.parent.is_dir():
        raise KGError(f"{output.parent}: no such directory")
    partial = output.with_name(f".{output.name}.partial")
    try:
        report.articles = records_json.write(
            _extracted(list(paths), model, workers, progress, report, problem, on_problem, {}), partial)
        partial.replace(output)
    except OSError as exc:
        raise KGError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return report


__all__ = ["BuildReport", "build", "extract_sources", "extract_to"]
