"""`kg export` in every format: other RDF tools read it, and it is the same graph each time."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Namespace, URIRef
from rdflib.compare import isomorphic

NKG = Namespace("https://w3id.org/newskg/ns#")
SCHEMA = Namespace("https://schema.org/")
ENTITIES_GRAPH = "https://w3id.org/newskg/id/graph/entities"
STATEMENTS_GRAPH = "https://w3id.org/newskg/id/graph/statements"
ONTOLOGY_GRAPH = "https://w3id.org/newskg/ns"
ARTICLE_GRAPH = "https://w3id.org/newskg/id/graph/article/"

# kg format: (rdflib format, pyoxigraph format, rapper input syntax or None)
FORMATS = {
    "turtle": ("turtle", ox.RdfFormat.TURTLE, "turtle"),
    "nt": ("nt", ox.RdfFormat.N_TRIPLES, "ntriples"),
    "nquads": ("nquads", ox.RdfFormat.N_QUADS, "nquads"),
    "trig": ("trig", ox.RdfFormat.TRIG, "trig"),
    "json-ld": ("json-ld", ox.RdfFormat.JSON_LD, None),
    "xml": ("xml", ox.RdfFormat.RDF_XML, "rdfxml"),
}
DATASET_FORMATS = ["nquads", "trig"]
TRIPLE_FORMATS = ["turtle", "nt", "json-ld", "xml"]
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own ConjunctiveGraph use


def parse(data: str | bytes | Path, fmt: str) -> rdflib.Dataset | rdflib.Graph:
    """An export read by rdflib: a Dataset for nquads/trig, a Graph otherwise."""
    graph = rdflib.Dataset() if fmt in DATASET_FORMATS else rdflib.Graph()
    if isinstance(data, Path):
        return graph.parse(str(data), format=FORMATS[fmt][0])
    return graph.parse(data=data, format=FORMATS[fmt][0])


def named_graphs(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    """The non-empty graphs of ``dataset`` by name."""
    return {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}


def union(graph: rdflib.Dataset | rdflib.Graph) -> rdflib.Graph:
    """All the triples of ``graph``, whatever named graph they are in."""
    if isinstance(graph, rdflib.Dataset):
        merged = rdflib.Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    return graph


@pytest.fixture(scope="module")
def parsed(seeds_export):
    """``parsed(fmt)``: the seeds export in ``fmt`` as read by rdflib (cached)."""
    cache = {}

    def get(fmt: str):
        if fmt not in cache:
            cache[fmt] = parse(seeds_export(fmt), fmt)
        return cache[fmt]

    return get


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_pyoxigraph_reads_what_rdflib_reads(seeds_export, parsed, fmt):
    statements = set(ox.parse(path=seeds_export(fmt), format=FORMATS[fmt][1]))
    graph = parsed(fmt)
    count = len(list(graph.quads((None, None, None, None)))) if fmt in DATASET_FORMATS else len(graph)
    assert count > 1000
    assert len(statements) == count


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_through_rdflib(parsed, fmt):
    graph = parsed(fmt)
    again = parse(graph.serialize(format=FORMATS[fmt][0]), fmt)
    if fmt in DATASET_FORMATS:
        before, after = named_graphs(graph), named_graphs(again)
        assert before.keys() == after.keys()
        assert all(isomorphic(before[name], after[name]) for name in before)
    else:
        assert isomorphic(graph, again)


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_hold_the_union_of_the_graphs(parsed, fmt):
    assert isomorphic(parsed(fmt), union(parsed("nquads")))


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_one_named_graph_per_article(parsed, seeds_dir, fmt):
    articles = {ARTICLE_GRAPH + path.stem for path in seeds_dir.glob("*.txt")}
    assert len(articles) == 5
    assert set(named_graphs(parsed(fmt))) == articles | {ENTITIES_GRAPH, STATEMENTS_GRAPH, ONTOLOGY_GRAPH}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_ontology_is_in_every_export(parsed, fmt):
    graph = union(parsed(fmt))
    assert (NKG.MilitaryBase, RDFS.subClassOf, SCHEMA.Place) in graph
    declared = {s for s in graph.subjects(RDF.type, OWL.Class) if s.startswith(NKG)}
    declared |= {s for t in PROPERTY_TYPES for s in graph.subjects(RDF.type, t) if s.startswith(NKG)}
    used = {p for p in graph.predicates() if p.startswith(NKG)}
    used |= {o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef) and o.startswith(NKG)}
    assert NKG.MilitaryBase in declared and len(declared) > 10
    assert used <= declared
    undocumented = [term for term in declared
                    if graph.value(term, RDFS.label) is None or graph.value(term, RDFS.comment) is None]
    assert undocumented == []


def test_json_ld_has_a_local_context(seeds_export, no_network):
    document = json.loads(seeds_export("json-ld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict)
    assert document["@context"]["schema"] == "https://schema.org/"
    assert len(parse(seeds_export("json-ld"), "json-ld")) > 1000


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt", [fmt for fmt, (_, _, syntax) in FORMATS.items() if syntax])
def test_rapper_parses(seeds_export, fmt):
    path = seeds_export(fmt)
    result = subprocess.run(["rapper", "-i", FORMATS[fmt][2], "-c", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    returned = re.search(r"returned (\d+) triples", result.stderr)
    assert returned, result.stderr
    assert int(returned.group(1)) == len(set(ox.parse(path=path, format=FORMATS[fmt][1])))


def test_scorer_reads_the_turtle_export(seeds_export, gold_dir, tmp_path):
    graph = Path(shutil.copy(seeds_export("turtle"), tmp_path / "g.ttl"))
    result = subprocess.run([sys.executable, str(gold_dir.parent / "score.py"), str(graph), str(gold_dir)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("entityR=")
