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
VOID_GRAPH = "https://w3id.org/newskg/id/graph/void"  # the dataset's description (VoID, DCAT)
ARTICLE_GRAPH = "https://w3id.org/newskg/id/graph/article/"
DATASET = rdflib.URIRef("https://w3id.org/newskg/id/dataset")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
CC0 = rdflib.URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
DATE_PROPERTIES = [SCHEMA.datePublished, SCHEMA.startDate, NKG.dateValue, NKG.asOf]
# Properties whose text is written by the project in English (article text has no known language).
ENGLISH_PROPERTIES = [RDFS.label, RDFS.comment, DCTERMS.title, DCTERMS.description]
NOT_A_BASE = "http://relative.invalid/"  # parsing with this base shows any relative IRI

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
    assert set(named_graphs(parsed(fmt))) == articles | {ENTITIES_GRAPH, STATEMENTS_GRAPH, ONTOLOGY_GRAPH, VOID_GRAPH}


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_the_description_is_alone_in_its_graph(parsed, fmt):
    description = named_graphs(parsed(fmt))[VOID_GRAPH]
    assert (DATASET, RDF.type, VOID.Dataset) in description
    others = [graph for name, graph in named_graphs(parsed(fmt)).items() if name != VOID_GRAPH]
    assert not any((DATASET, None, None) in graph for graph in others)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_describes_the_dataset_with_its_licence(parsed, fmt):
    graph = union(parsed(fmt))
    assert (DATASET, RDF.type, VOID.Dataset) in graph
    assert graph.value(DATASET, DCTERMS.license) == CC0
    assert graph.value(DATASET, VOID.triples).datatype == rdflib.XSD.integer


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_no_relative_iris(seeds_export, fmt):
    quads = list(ox.parse(path=seeds_export(fmt), format=FORMATS[fmt][1], base_iri=NOT_A_BASE))
    iris = {term.value for quad in quads for term in quad if isinstance(term, ox.NamedNode)}
    assert len(iris) > 500
    assert [iri for iri in iris if iri.startswith(NOT_A_BASE)] == []
    assert {iri.split(":", 1)[0] for iri in iris} <= {"http", "https"}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_literals_are_well_typed(parsed, fmt):
    literals = [o for _, _, o in union(parsed(fmt)) if isinstance(o, rdflib.Literal)]
    assert [literal for literal in literals if literal.ill_typed] == []
    typed = {literal.datatype for literal in literals}
    assert {rdflib.XSD.integer, rdflib.XSD.boolean, rdflib.XSD.date} <= typed


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_dates_are_xsd_dates(parsed, fmt):
    graph = union(parsed(fmt))
    dates = [o for p in DATE_PROPERTIES for o in graph.objects(None, p)]
    assert len(dates) > 5
    assert {date.datatype for date in dates} <= {rdflib.XSD.date, rdflib.XSD.dateTime}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_english_text_has_a_language_tag(parsed, fmt):
    graph = union(parsed(fmt))
    texts = [o for p in ENGLISH_PROPERTIES for o in graph.objects(None, p)]
    assert len(texts) > 50
    assert [text for text in texts if text.language != "en"] == []


def test_entities_link_to_wikidata_where_the_alias_data_knows_them(parsed):
    aliases = Path(__file__).resolve().parents[1] / "kg" / "data" / "aliases.jsonl"
    known = {}
    for line in aliases.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entry = json.loads(line)
            if entry.get("wikidata"):
                known[entry["name"]] = rdflib.URIRef("http://www.wikidata.org/entity/" + entry["wikidata"])
    graph = union(parsed("nquads"))
    named = {str(name): entity for entity, name in graph.subject_objects(SCHEMA.name)}
    linked = {name: named[name] for name in known if name in named}
    assert len(linked) >= 5  # the United States, Iraq, Iran, ... are in the seeds
    assert {name: graph.value(entity, OWL.sameAs) for name, entity in linked.items()} == \
           {name: known[name] for name in linked}
    assert {str(o).rsplit("/", 1)[0] for o in graph.objects(None, OWL.sameAs)} == {"http://www.wikidata.org/entity"}


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
