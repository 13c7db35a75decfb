"""The endpoint's limits, on real servers started with them: query time, waiting for a worker, result size and
request size; each refusal has its status and a message, and the endpoint answers the next query as usual.
"""
from __future__ import annotations

import threading
import time
import urllib.parse

import pytest
from serving import http

from api.background import start as start_server
from api.background import stop as stop_server

JSON = "application/sparql-results+json"
# Three unconstrained patterns over a few thousand triples: about 10^11 solutions to count.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"


def ask(url: str, query: str, accept: str = JSON):
    return http(f"{url}/sparql?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


@pytest.fixture(scope="module")
def limited(seeds_store):
    """``kg serve`` with one worker, a 2 s time limit, a 0.5 s wait for a worker and a 4,000-byte result cap."""
    process, url = start_server(seeds_store, "--query-workers", "1", "--query-timeout", "2", "--queue-timeout",
                                "0.5", "--max-result-bytes", "4000", "--max-request-bytes", "2048")
    yield url
    stop_server(process)


def test_a_query_over_the_time_limit_is_stopped_with_503_and_the_next_one_is_answered(limited):
    started = time.monotonic()
    reply = ask(limited, ENDLESS)
    assert time.monotonic() - started < 30  # stopped, not run to its end
    assert (reply.status, reply.media_type) == (503, "text/plain")
    assert "longer than the endpoint's limit of 2 s" in reply.text
    after = ask(limited, "ASK { ?s a schema:Person }")
    assert (after.status, after.text.replace(" ", "").count('"boolean":true')) == (200, 1)


def test_a_query_that_finds_every_worker_busy_gets_503_and_says_so(limited):
    replies = {}
    heavy = threading.Thread(target=lambda: replies.setdefault("heavy", ask(limited, ENDLESS)))
    heavy.start()
    time.sleep(0.5)  # the heavy query now holds the only worker
    waiting = ask(limited, "ASK {}")
    heavy.join()
    assert (waiting.status, waiting.media_type) == (503, "text/plain")
    assert "all 1 query workers stayed busy for 0.5 s" in waiting.text
    assert replies["heavy"].status == 503


@pytest.mark.parametrize("accept", [JSON, "text/csv", "text/html"])
def test_a_result_over_the_size_cap_is_refused_with_400(limited, accept):
    reply = ask(limited, EVERYTHING, accept)
    assert reply.status == 400
    assert "limit of 4,000 bytes" in reply.text
    assert ask(limited, EVERYTHING + " LIMIT 2", accept).status == 200


def test_a_graph_over_the_size_cap_is_refused_too(limited):
    reply = ask(limited, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "text/turtle")
    assert reply.status == 400 and "4,000 bytes" in reply.text


def test_a_request_body_over_the_limit_is_refused_with_413(limited):
    query = "ASK {}  # " + "x" * 3000
    reply = http(f"{limited}/sparql", "POST", {"Content-Type": "application/sparql-query", "Accept": JSON},
                 query.encode())
    assert reply.status == 413
    small = http(f"{limited}/sparql", "POST", {"Content-Type": "application/sparql-query", "Accept": JSON},
                 b"ASK {}")
    assert small.status == 200
