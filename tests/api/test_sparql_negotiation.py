"""Content negotiation for /sparql: q-values, the most specific range, defaults, nothing acceptable."""
from __future__ import annotations

import pytest

from api.sparql_negotiation import best_match, match, parse_accept

RESULTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/html"]


def test_the_rfc_9110_example_gives_each_type_its_quality():
    # RFC 9110, section 12.5.1: "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed,
    # text/plain;format=fixed;q=0.4, */*;q=0.5" gives text/plain 0.7, text/html 0.3, image/jpeg 0.5
    # (our types carry no format= parameter, so the two ranges that name one do not apply).
    ranges = parse_accept("text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, "
                          "text/plain;format=fixed;q=0.4, */*;q=0.5")
    assert match(ranges, "text/plain")[0] == 0.7
    assert match(ranges, "text/html")[0] == 0.3
    assert match(ranges, "image/jpeg")[0] == 0.5


@pytest.mark.parametrize("accept, chosen", [
    (None, "application/sparql-results+json"),  # no Accept: the first offer, the default
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
    ("text/*;q=0.5, text/csv;q=0", "text/tab-separated-values"),  # the specific q=0 excludes CSV
    ("*/*;q=0.5, application/sparql-results+json;q=0", "application/sparql-results+xml"),
    ("application/sparql-results+xml, */*", "application/sparql-results+xml"),  # named beats wildcard at equal q
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("TEXT/CSV", "text/csv"),  # media types are case-insensitive
    ("text/csv;charset=UTF-8", "text/csv"),  # we always send UTF-8
    ("application/sparql-results+json ; q=1.0", "application/sparql-results+json"),
])
def test_the_client_gets_the_type_it_prefers(accept, chosen):
    assert best_match(accept, RESULTS) == chosen


@pytest.mark.parametrize("accept", [
    "image/png",
    "text/csv;q=0",
    "text/csv;charset=iso-8859-1",  # a charset we do not send
    "application/ld+json;profile=\"http://www.w3.org/ns/json-ld#compacted\"",
    "*/*;q=0",
])
def test_nothing_acceptable_is_none(accept):
    assert best_match(accept, RESULTS + ["application/ld+json"]) is None


def test_malformed_elements_are_skipped():
    assert best_match("garbage, text/csv;q=oops, text/tab-separated-values", RESULTS) == "text/tab-separated-values"
    assert best_match("garbage", RESULTS) == RESULTS[0]  # nothing valid is like no header
