"""The servers: ``kg serve`` (waitress, the production server) and Flask's development server, side by side.

Each runs as a subprocess on a free loopback port over the same store.
Clients are ``http.client`` connections kept alive between requests. The
load is bounded: a fixed list of requests shared by a few client threads,
so it stops by itself.
"""
from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from api.background import stop

from .measure import Latency
from .queries import Subjects, quotes_by_speaker

PORT = re.compile(r"http://127\.0\.0\.1:(\d+)")
START_TIMEOUT = 60  # seconds a server may take to print its port
SPARQL_JSON = "application/sparql-results+json"
DROPPED = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Request:
    """A GET request: path with query string, the media type asked for, and the route it exercises."""

    path: str
    accept: str
    route: str


@dataclass(frozen=True)
class LoadResult:
    """A bounded load: wall-clock seconds, the latency of each answered request by route, and the failures."""

    seconds: float
    routes: dict[str, Latency]
    errors: tuple[str, ...] = ()  # one line per request that failed (a status other than 200, a dropped connection)

    @property
    def latency(self) -> Latency:
        """The latency of all requests."""
        return Latency(tuple(sample for latency in self.routes.values() for sample in latency.samples))

    @property
    def per_second(self) -> float:
        """Requests answered per second."""
        return len(self.latency.samples) / self.seconds

    def slowest(self) -> tuple[str, Latency]:
        """The route with the highest median latency."""
        return max(self.routes.items(), key=lambda item: item[1].p50)


def _drain(stream) -> None:
    for _ in stream:
        pass


@contextmanager
def running(command: list[str], announce: str) -> Iterator[int]:
    """Run a server ``command``; yields the port it prints on its ``announce`` stream ("stdout" or "stderr")."""
    env = {name: value for name, value in os.environ.items() if name not in ("KG_STORE", "FLASK_APP")}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    watchdog = threading.Timer(START_TIMEOUT, process.kill)
    watchdog.start()
    try:
        stream = process.stdout if announce == "stdout" else process.stderr
        seen = []
        for line in stream:
            seen.append(line)
            if match := PORT.search(line):
                break
        else:
            raise RuntimeError(f"{' '.join(command)} did not start: {''.join(seen)[-2000:]}")
        watchdog.cancel()
        for other in (process.stdout, process.stderr):
            threading.Thread(target=_drain, args=(other,), daemon=True).start()
        yield int(match.group(1))
    finally:
        watchdog.cancel()
        stop(process)


def waitress_command(store: Path) -> list[str]:
    """``kg serve`` on a free port, with its default threads."""
    return [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0"]


def flask_dev_command(store: Path) -> list[str]:
    """``flask run``: Flask's development server (threaded, no reloader, no debugger) on a free port."""
    return [sys.executable, "-m", "flask", "--app", f"api:create_app({str(store)!r})", "run", "--port", "0",
            "--no-reload", "--no-debugger", "--with-threads"]


def fetch(connection: http.client.HTTPConnection, request: Request) -> float:
    """Seconds to send ``request`` and read the whole answer; a dropped kept-alive connection is reopened once."""
    for attempt in (1, 2):
        start = time.perf_counter()
        try:
            connection.request("GET", request.path, headers={"Accept": request.accept})
            response = connection.getresponse()
            response.read()
        except DROPPED:
            connection.close()
            if attempt == 2:
                raise
            continue
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise RuntimeError(f"GET {request.path} answered {response.status}")
        return elapsed
    raise AssertionError("unreachable")


def sequential(port: int, requests: list[Request], runs: int) -> Latency:
    """Latency of ``runs`` requests (cycling through ``requests``) one after the other on one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for request in requests[:3]:
            fetch(connection, request)  # warm-up: the first request opens the store
        return Latency(tuple(fetch(connection, requests[i % len(requests)]) for i in range(runs)))
    finally:
        connection.close()


def load(port: int, requests: list[Request], total: int, clients: int, strict: bool = True) -> LoadResult:
    """``total`` requests (cycling through ``requests``) shared by ``clients`` threads, each with its connection.

    ``strict``: the first failed request stops the load with RuntimeError;
    otherwise every failure is counted in the result and the load goes on.
    """
    samples: list[list[tuple[str, float]]] = [[] for _ in range(clients)]
    errors: list[BaseException] = []
    ready = threading.Barrier(clients + 1)

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        ready.wait()
        try:
            for i in range(number, total, clients):
                request = requests[i % len(requests)]
                try:
                    samples[number].append((request.route, fetch(connection, request)))
                except (RuntimeError, OSError, http.client.HTTPException) as exc:
                    errors.append(exc)
                    connection.close()
                    if strict:
                        return
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors and strict:
        raise RuntimeError(f"load failed: {errors[0]}") from errors[0]
    routes: dict[str, list[float]] = {}
    for route, sample in (pair for per_client in samples for pair in per_client):
        routes.setdefault(route, []).append(sample)
    return LoadResult(seconds, {route: Latency(tuple(values)) for route, values in routes.items()},
                      tuple(f"{type(error).__name__}: {error}" for error in errors))


def sparql_request(sparql: str) -> Request:
    """A SPARQL protocol GET asking for JSON results."""
    return Request("/sparql?" + urlencode({"query": sparql}), SPARQL_JSON, "/sparql")


def speaker_requests(subjects: Subjects) -> tuple[list[Request], list[Request]]:
    """Who said what by speaker: through ``/sparql`` and through ``/api/quotes?speaker=``."""
    names = [name for _, name in subjects.speakers]
    return ([sparql_request(quotes_by_speaker(name)) for name in names],
            [Request("/api/quotes?" + urlencode({"speaker": name}), "application/json", "/api/quotes?speaker=")
             for name in names])


def mixed_requests(subjects: Subjects) -> list[Request]:
    """What a reader and a client program ask in turn: API, SPARQL, pages."""
    by_sparql, by_api = speaker_requests(subjects)
    out: list[Request] = []
    for i, (entity, (_, name)) in enumerate(zip(subjects.entity_ids, subjects.speakers)):
        article = subjects.articles[i % len(subjects.articles)]
        out += [by_api[i], by_sparql[i],
                Request("/api/entities?" + urlencode({"q": name[:3]}), "application/json", "/api/entities?q="),
                Request(f"/api/entities/{quote(entity)}", "application/json", "/api/entities/<id>"),
                Request(f"/api/articles/{quote(article)}", "application/json", "/api/articles/<id>"),
                Request(f"/entity/{quote(entity)}", "text/html", "/entity/<id>"),
                Request(f"/article/{quote(article)}", "text/html", "/article/<id>"),
                Request("/", "text/html", "/")]
    return out


__all__ = ["LoadResult", "Request", "fetch", "flask_dev_command", "load", "mixed_requests", "running",
           "sequential", "speaker_requests", "sparql_request", "waitress_command"]
