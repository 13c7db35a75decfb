"""A lexical look at a SPARQL request before Oxigraph evaluates it.

Oxigraph answers ``SERVICE <iri>`` by fetching the IRI, and the Python API has
no switch to turn that off, so the endpoint must find the keyword itself. It
cuts the text into SPARQL tokens (comments, strings, IRIs, variables, prefixed
names and blank nodes, language tags, numbers, bare words) and looks only at
the bare words: ``SERVICE`` inside a string, an IRI, a comment or a prefixed
name (``ex:service``) is not the keyword, and ``\\u`` escapes count only inside
strings and IRIs, as in Oxigraph's parser. Where the two could read a text
differently the scanner errs towards seeing the keyword (a query refused that
Oxigraph would not have run, never the other way round);
tests/api/test_sparql_lexer.py checks that against Oxigraph itself.

The same pass tells whether the query has a dataset clause (``FROM``/``FROM
NAMED``, which Oxigraph's union-default-graph option would override) and what
operation it starts with (to tell an update sent as a query from a syntax error).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'
               |"(?:[^"\\\r\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<name>(?:[^\W\d][\w.\-\u00B7]*)?:(?:[\w.:%\-\u00B7]|\\.)*)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<number>[0-9]+|[0-9]*\.[0-9]+)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

PROLOGUE = frozenset({"PREFIX", "BASE"})
UPDATE_OPERATIONS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


@dataclass(frozen=True)
class Scan:
    """What the scanner saw in a request's text."""

    keywords: frozenset[str]  # every bare word, upper-cased
    operation: str | None  # the first bare word after the prologue (SELECT, ASK, INSERT...), upper-cased

    @property
    def calls_service(self) -> bool:
        """The text uses the ``SERVICE`` keyword (federated query)."""
        return "SERVICE" in self.keywords

    @property
    def has_dataset_clause(self) -> bool:
        """The text has ``FROM`` or ``FROM NAMED``."""
        return "FROM" in self.keywords

    @property
    def is_update(self) -> bool:
        """The text starts like a SPARQL Update request, not a query."""
        return self.operation in UPDATE_OPERATIONS


def scan(text: str) -> Scan:
    """Cut ``text`` into SPARQL tokens and collect its keywords (see the module's docstring)."""
    words = [match.group("word").upper() for match in _TOKEN.finditer(text) if match.lastgroup == "word"]
    operation = next((word for word in words if word not in PROLOGUE), None)
    return Scan(frozenset(words), operation)


__all__ = ["UPDATE_OPERATIONS", "Scan", "scan"]
