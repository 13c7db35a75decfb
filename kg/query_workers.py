"""SPARQL evaluation in worker processes, with a time limit and a result-size cap (for ``/sparql``).

pyoxigraph cannot interrupt a query, so the endpoint evaluates each one in a
separate process (a pool of ``SPARQL_WORKERS``; the names in capitals are the
application's settings, see ``api.DEFAULTS``). A query still running after
``SPARQL_TIMEOUT`` seconds has its worker killed (a new one takes its place)
and the client gets 503; a result whose serialisation grows past
``SPARQL_MAX_RESULT_BYTES`` is stopped and the client gets 400 (add a
``LIMIT``); a request that finds every worker busy for
``SPARQL_QUEUE_TIMEOUT`` seconds gets 503 too. A worker that dies (out of
memory, say) is replaced; its request gets 500.

A worker reads the store's newest published snapshot (:mod:`kg.snapshots`),
whose path comes with each job, and writes the result in the media type the
request negotiated for the kind of result the query turns out to give.
Workers import pyoxigraph and a few modules of ``kg``, nothing of the web
layer, and say when they are ready: the time limit counts the query only,
never a worker's start.
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.remote import RemoteDB, is_remote
from kg.snapshots import open_read_only

KINDS = ("solutions", "boolean", "graph")
READY = "ready"
START_TIMEOUT = 120  # seconds a new worker may take to import what it needs (a loaded machine is slow)


class QueryRefused(Exception):
    """A query the pool did not answer: an HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)  # both in args, so that it pickles
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Job:
    """One query to evaluate: where, how, and the media type to write each kind of result in (``None``: not acceptable)."""

    store: str
    query: str
    options: dict[str, Any] = field(default_factory=dict)  # for ox.Store.query; graphs as IRI strings
    media_types: dict[str, str | None] = field(default_factory=dict)  # by kind (KINDS)
    prefixes: dict[str, str] = field(default_factory=dict)  # for graph formats that have them


@dataclass(frozen=True)
class Answer:
    """A query's result: its kind and its body in the negotiated media type (``None``: none was acceptable)."""

    kind: str
    media_type: str | None
    body: bytes


class _TooLarge(Exception):
    pass


class _CappedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _kind(result: Any) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "solutions" if isinstance(result, ox.QuerySolutions) else "graph"  # a graph: local or remote triples


def _options(options: dict[str, Any]) -> dict[str, Any]:
    """``ox.Store.query`` options from a job's (graph IRIs as strings, so that jobs pickle)."""
    out = dict(options)
    for name in ("default_graph", "named_graphs"):
        if name in out:
            out[name] = [ox.NamedNode(iri) for iri in out[name]]
    return out


def evaluate(store: ox.Store, job: Job, max_bytes: int) -> Answer:
    """Evaluate ``job`` on ``store`` and write its result (in this process); raises :class:`QueryRefused`."""
    try:
        result = store.query(job.query, **_options(job.options))
    except SyntaxError as exc:
        raise QueryRefused(400, f"SPARQL syntax error: {exc}") from exc
    except ValueError as exc:  # e.g. a base IRI made of a malformed Host header
        raise QueryRefused(400, f"cannot evaluate the query: {exc}") from exc
    kind = _kind(result)
    media_type = job.media_types.get(kind)
    if media_type is None:  # the request accepts no type this kind of result has: the caller answers 406
        return Answer(kind, None, b"")
    sink = _CappedBuffer(max_bytes)
    try:
        if kind == "graph":
            ox.serialize(result, sink, ox.RdfFormat.from_media_type(media_type), prefixes=job.prefixes)
        else:
            result.serialize(sink, ox.QueryResultsFormat.from_media_type(media_type))
    except _TooLarge:
        raise QueryRefused(400, f"the result is larger than the endpoint's limit of {max_bytes:,} bytes: "
                                "ask for less (add a LIMIT, or select fewer variables)") from None
    except (OSError, RuntimeError) as exc:  # raised by pyoxigraph while the lazy result is computed
        raise QueryRefused(500, f"query evaluation failed: {exc}") from exc
    return Answer(kind, media_type, b"".join(sink.parts))


def _open(location: str) -> ox.Store | RemoteDB:
    """A snapshot, read-only (if a build has removed it since, the newest one of its store), or a SPARQL server."""
    return RemoteDB(location) if is_remote(location) else open_read_only(Path(location))[0]


def _work(connection: Connection, max_bytes: int) -> None:
    """A worker's loop: say it is ready, then answer jobs until the pool closes the connection."""
    opened: tuple[str, ox.Store | RemoteDB] | None = None
    connection.send(READY)
    while True:
        try:
            job: Job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != job.store:
                opened = None  # the older snapshot is let go before the newer one is opened
                opened = (job.store, _open(job.store))
            reply: Answer | QueryRefused = evaluate(opened[1], job, max_bytes)
        except QueryRefused as refused:
            reply = refused
        except (OSError, KGError) as exc:
            reply = QueryRefused(500, f"cannot read the store: {exc}")
        connection.send(reply)


class _Worker:
    def __init__(self, context: Any, max_bytes: int) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, max_bytes), daemon=True, name="sparql-worker")
        self.process.start()
        child.close()
        try:
            ready = self.connection.poll(START_TIMEOUT) and self.connection.recv() == READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise QueryRefused(500, "a query worker process did not start")

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class QueryPool:
    """At most ``size`` worker processes that evaluate jobs under ``timeout`` seconds and ``max_bytes`` of result.

    A job waits at most ``queue_timeout`` seconds (default: ``timeout``) for a free worker.
    """

    def __init__(self, size: int, timeout: float, max_bytes: int, queue_timeout: float | None = None) -> None:
        self.size = size
        self.timeout = timeout
        self.queue_timeout = timeout if queue_timeout is None else queue_timeout
        self.max_bytes = max_bytes
        self._context = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []
        self._started = 0
        self._changed = threading.Condition()

    def _checkout(self) -> _Worker:
        """An idle worker, a new one if fewer than ``size`` run, or 503 after ``queue_timeout`` seconds."""
        deadline = time.monotonic() + self.queue_timeout
        with self._changed:
            while not self._idle and self._started >= self.size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryRefused(503, f"all {self.size} query workers stayed busy for "
                                            f"{self.queue_timeout:g} s: try again later")
                self._changed.wait(remaining)
            if self._idle:
                return self._idle.pop()
            self._started += 1
        return self._new_worker()

    def _release(self, worker: _Worker) -> None:
        with self._changed:
            self._idle.append(worker)
            self._changed.notify()

    def _discard(self, worker: _Worker | None) -> None:
        if worker is not None:
            worker.stop()
        with self._changed:
            self._started -= 1
            self._changed.notify()

    def start(self) -> None:
        """Start every worker now rather than on first use (so that the first queries do not wait for one)."""
        while True:
            with self._changed:
                if self._started >= self.size:
                    return
                self._started += 1
            self._release(self._new_worker())

    def _new_worker(self) -> _Worker:
        """A worker for a place already counted in ``_started`` (given back if it does not start)."""
        try:
            return _Worker(self._context, self.max_bytes)
        except BaseException:
            self._discard(None)
            raise

    def run(self, job: Job) -> Answer:
        """The answer to ``job``, or :class:`QueryRefused` (see the module's docstring for the statuses)."""
        worker = self._checkout()
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                self._discard(worker)
                raise QueryRefused(503, f"the query ran longer than the endpoint's limit of {self.timeout:g} s "
                                        "and was stopped: ask for less, or make the query more selective")
            reply = worker.connection.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker)
            raise QueryRefused(500, "the query's worker process ended unexpectedly (out of memory?)") from exc
        self._release(worker)
        if isinstance(reply, QueryRefused):
            raise reply
        return reply

    def close(self) -> None:
        """Stop the idle workers (the others are daemon processes: they end with the server)."""
        with self._changed:
            idle, self._idle = self._idle, []
        for worker in idle:
            self._discard(worker)


__all__ = ["KINDS", "Answer", "Job", "QueryPool", "QueryRefused", "evaluate"]
