"""A store on a SPARQL 1.1 server (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso...).

:class:`RemoteDB` answers the part of ``pyoxigraph.Store``'s interface that
:class:`kg.store.Store` uses, over HTTP: queries through the SPARQL 1.1
Protocol (results come back as pyoxigraph objects, parsed from SPARQL JSON or
N-Triples), updates through the update operation (each batch of articles is
one update request, which the server applies as one transaction), and whole
graphs through the Graph Store Protocol (the dump for exports, ``POST`` of
N-Quads for bulk loads).

The endpoints are found from the store URL by the Oxigraph server's
convention (``URL/query``, ``URL/update``, ``URL/store``); the environment
variables ``KG_SPARQL_QUERY``, ``KG_SPARQL_UPDATE`` and ``KG_SPARQL_STORE``
name others (for Fuseki: ``URL/query``, ``URL/update``, ``URL/data``). The
default graph of the project's queries is the union of the named graphs:
Oxigraph server is asked for it with its ``union-default-graph`` parameter,
other servers must be set up that way (see the README).
"""
from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyoxigraph as ox

from .errors import KGError

SCHEMES = ("http://", "https://")
RESULTS_JSON = "application/sparql-results+json"
TIMEOUT = 600  # seconds for one request: a batch's update, or a dump of the whole store


class ServerError(KGError):
    """The server answered with an error status (other than 400, which is :class:`SyntaxError`)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def is_remote(location: object) -> bool:
    """Whether a ``--store`` value names a SPARQL server rather than a directory."""
    return isinstance(location, str) and location.startswith(SCHEMES)


@dataclass(frozen=True)
class Endpoints:
    """The server's query, update and Graph Store Protocol URLs."""

    query: str
    update: str
    store: str

    @classmethod
    def of(cls, url: str) -> Endpoints:
        """The endpoints of the server at ``url`` (see the module's docstring)."""
        base = url.rstrip("/")
        return cls(os.environ.get("KG_SPARQL_QUERY") or f"{base}/query",
                   os.environ.get("KG_SPARQL_UPDATE") or f"{base}/update",
                   os.environ.get("KG_SPARQL_STORE") or f"{base}/store")


class Triples:
    """A CONSTRUCT or DESCRIBE result read back from N-Triples: iterable, and serialisable like ``QueryTriples``."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def __iter__(self) -> Iterator[ox.Triple]:
        return (quad.triple for quad in ox.parse(self._data, ox.RdfFormat.N_TRIPLES))

    def serialize(self, output: BinaryIO | None = None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES,
                  **options: Any) -> bytes | None:
        """Write the triples as ``format`` (to ``output``, or return the bytes)."""
        return ox.serialize(iter(self), output, format, **options)


def _prologue(prefixes: dict[str, str] | None, base_iri: str | None) -> str:
    """``BASE`` and ``PREFIX`` declarations a query's own declarations may override."""
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>" for name, iri in (prefixes or {}).items()]
    return "\n".join(lines) + "\n" if lines else ""


class RemoteDB:
    """The SPARQL server at ``url``, as far as :class:`kg.store.Store` needs a database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.endpoints = Endpoints.of(url)

    def _send(self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
              method: str | None = None) -> tuple[str, bytes]:
        """The media type and body of the server's answer; a refusal is :class:`SyntaxError` (400) or ServerError."""
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            message = " ".join(error.read().decode("utf-8", "replace").split())[:500]
            if error.code == 400:
                raise SyntaxError(message or "bad request") from None
            raise ServerError(f"{self.url}: the SPARQL server answered {error.code} {error.reason}: {message}",
                              error.code) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise KGError(f"{self.url}: cannot reach the SPARQL server: {reason}") from None

    def query(self, sparql: str, use_default_graph_as_union: bool = False, default_graph: list | None = None,
              named_graphs: list | None = None, prefixes: dict[str, str] | None = None,
              base_iri: str | None = None) -> ox.QuerySolutions | ox.QueryBoolean | Triples:
        """Evaluate ``sparql`` on the server; the options are ``pyoxigraph.Store.query``'s."""
        parameters = [("query", _prologue(prefixes, base_iri) + sparql)]
        parameters += [("default-graph-uri", str(getattr(g, "value", g))) for g in default_graph or ()]
        parameters += [("named-graph-uri", str(getattr(g, "value", g))) for g in named_graphs or ()]
        if use_default_graph_as_union:
            parameters.append(("union-default-graph", ""))
        media_type, body = self._send(self.endpoints.query, urllib.parse.urlencode(parameters).encode(),
                                      {"Content-Type": "application/x-www-form-urlencoded",
                                       "Accept": f"{RESULTS_JSON}, application/n-triples;q=0.9"})
        if media_type == "application/n-triples":
            return Triples(body)
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)

    def update(self, sparql: str) -> None:
        """Apply a SPARQL Update request (one transaction on the server)."""
        self._send(self.endpoints.update, sparql.encode("utf-8"),
                   {"Content-Type": "application/sparql-update; charset=utf-8"})

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        """Whether the server holds a graph of that name with something in it."""
        return bool(self.query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"))

    def dump(self, output: BinaryIO, format: ox.RdfFormat = ox.RdfFormat.N_QUADS,
             prefixes: dict[str, str] | None = None) -> None:
        """Every named graph, from the Graph Store Protocol endpoint, written as ``format``."""
        ox.serialize(self.quads_for_pattern(None, None, None), output, format, prefixes=prefixes)

    def quads_for_pattern(self, subject: None, predicate: None, object: None,
                          graph_name: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all of them (only graph patterns are supported)."""
        if graph_name is None:
            _, body = self._send(self.endpoints.store, headers={"Accept": "application/n-quads"})
            return (quad for quad in ox.parse(body, ox.RdfFormat.N_QUADS) if quad.graph_name != ox.DefaultGraph())
        url = f"{self.endpoints.store}?{urllib.parse.urlencode({'graph': graph_name.value})}"
        try:
            _, body = self._send(url, headers={"Accept": "application/n-triples"})
        except ServerError as error:
            if error.status == 404:  # no such graph: an empty one
                return iter(())
            raise
        return (ox.Quad(t.subject, t.predicate, t.object, graph_name) for t in
                (quad.triple for quad in ox.parse(body, ox.RdfFormat.N_TRIPLES)))

    def load(self, data: bytes, format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        """Add the quads of ``data`` to the server (Graph Store Protocol ``POST``)."""
        self._send(self.endpoints.store, data, {"Content-Type": format.media_type}, method="POST")

    def flush(self) -> None:
        """Nothing to do: the server writes its own data."""

    def optimize(self) -> None:
        """Nothing to do: the server compacts its own data."""


__all__ = ["Endpoints", "RemoteDB", "ServerError", "Triples", "is_remote"]
