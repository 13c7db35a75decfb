"""A compact JSON-LD writer of our own: one node object per subject, prefixed names, a local ``@context``.

The shape is what plain ``json`` readers expect (and what rdflib's
``auto_compact`` wrote): ``{"@context": {...}, "@graph": [node, ...]}``, each
node with its ``@id``, its ``@type`` and its properties as ``prefix:name``
keys, one value alone or several in a list. Strings are plain JSON strings;
other literals keep their lexical form with ``@type`` (or ``@language``), so
nothing is lost or re-typed. Nodes come in IRI order, their values sorted, so
the same graph gives the same file.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, BinaryIO

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


class _Names:
    """IRIs as ``prefix:local`` when a prefix covers them and the local part is a plain name."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        if iri not in self.cache:
            self.cache[iri] = next((f"{prefix}:{iri[len(ns):]}" for prefix, ns in self.prefixes
                                    if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):])), iri)
        return self.cache[iri]


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _value(term, names: _Names) -> Any:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@language": term.language, "@value": term.value}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@type": names(term.datatype.value), "@value": term.value}
    return {"@id": _node_id(term)}


def _one_or_list(values: list) -> Any:
    return values[0] if len(values) == 1 else values


def write_json_ld(triples: Iterable[ox.Triple], output: BinaryIO, prefixes: dict[str, str]) -> None:
    """Write ``triples`` as one compact JSON-LD document with ``prefixes`` as its context."""
    names = _Names(prefixes)
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in triples:
        node = nodes[_node_id(subject)]
        if predicate.value == RDF_TYPE and not isinstance(obj, ox.Literal):
            node["@type"].append(names(obj.value) if isinstance(obj, ox.NamedNode) else _node_id(obj))
        else:
            node[names(predicate.value)].append(_value(obj, names))
    output.write(b'{"@context": ' + json.dumps(prefixes, sort_keys=True).encode() + b', "@graph": [')
    for i, subject in enumerate(sorted(nodes)):
        body: dict[str, Any] = {"@id": subject}
        for key in sorted(nodes[subject], key=lambda k: (k != "@type", k)):
            values = sorted(nodes[subject][key], key=lambda v: json.dumps(v, sort_keys=True))
            body[key] = _one_or_list(values)
        output.write(((",\n" if i else "\n") + json.dumps(body, ensure_ascii=False)).encode())
    output.write(b"\n]}\n")


__all__ = ["write_json_ld"]
