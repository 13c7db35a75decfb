"""The dataset description (VoID, DCAT) in every export: its counts are the export's own, read independently."""
from __future__ import annotations

import json

import pytest
import rdflib
from rdflib import RDF, Namespace, URIRef
from rdflib.compare import isomorphic

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own ConjunctiveGraph use

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
NKG = Namespace("https://w3id.org/newskg/ns#")
DATASET = URIRef("https://w3id.org/newskg/id/dataset")
VOID_GRAPH = "https://w3id.org/newskg/id/graph/void"
ENTITIES_GRAPH = "https://w3id.org/newskg/id/graph/entities"
ARTICLE_GRAPH = "https://w3id.org/newskg/id/graph/article/"
CC0 = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")


def read(path) -> tuple[rdflib.Graph, dict[str, rdflib.Graph]]:
    """An N-Quads export: its description graph, and its other graphs by name."""
    dataset = rdflib.Dataset().parse(str(path), format="nquads")
    graphs = {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}
    return graphs.pop(VOID_GRAPH), graphs


@pytest.fixture(scope="module")
def export(seeds_export) -> tuple[rdflib.Graph, dict[str, rdflib.Graph]]:
    """The seeds' N-Quads export: the description, and the graphs it describes."""
    return read(seeds_export("nquads"))


@pytest.fixture(scope="module")
def description(export) -> rdflib.Graph:
    return export[0]


@pytest.fixture(scope="module")
def data(export) -> rdflib.Graph:
    """The union of the described graphs (each triple once)."""
    merged = rdflib.Graph()
    for graph in export[1].values():
        merged += graph
    return merged


def count(description: rdflib.Graph, node, prop: str = "triples") -> int:
    value = description.value(node, VOID[prop])
    assert value.datatype == rdflib.XSD.integer
    return value.toPython()


def test_the_dataset_is_void_and_dcat_with_a_cc0_licence(description):
    assert set(description.objects(DATASET, RDF.type)) == {VOID.Dataset, DCAT.Dataset}
    assert description.value(DATASET, DCTERMS.license) == CC0
    assert description.value(DATASET, DCTERMS.title).language == "en"
    assert description.value(DATASET, VOID.uriSpace) == rdflib.Literal("https://w3id.org/newskg/id/")


def test_the_triple_count_is_the_union_of_the_described_graphs(description, data):
    assert count(description, DATASET) == len(data) > 3000


def test_distinct_subjects_and_objects(description, data):
    assert count(description, DATASET, "distinctSubjects") == len(set(data.subjects()))
    assert count(description, DATASET, "distinctObjects") == len(set(data.objects()))


def test_entities_are_those_of_the_entities_graph(description, export):
    entities = export[1][ENTITIES_GRAPH]
    assert count(description, DATASET, "entities") == len(set(entities.subjects(RDF.type))) > 20


def test_one_class_partition_per_class_counting_its_instances(description, data):
    partitions = {description.value(p, VOID["class"]): count(description, p, "entities")
                  for p in description.objects(DATASET, VOID.classPartition)}
    expected = {cls: len(set(data.subjects(RDF.type, cls))) for cls in set(data.objects(None, RDF.type))}
    assert partitions == expected
    assert count(description, DATASET, "classes") == len(expected)


def test_articles_and_quotations_are_counted(description, seeds_dir, kg, seeds_store):
    partitions = {description.value(p, VOID["class"]): count(description, p, "entities")
                  for p in description.objects(DATASET, VOID.classPartition)}
    assert partitions[SCHEMA.NewsArticle] == len(list(seeds_dir.glob("*.txt"))) == 5
    stats = json.loads(kg("stats", "--json", "--store", seeds_store, cwd=seeds_store.parent).stdout)
    assert partitions[SCHEMA.Quotation] == stats["quotes"]
    assert partitions[SCHEMA.Person] == stats["entities"]["Person"]


def test_one_property_partition_per_property_counting_its_triples(description, data):
    partitions = {description.value(p, VOID.property): count(description, p)
                  for p in description.objects(DATASET, VOID.propertyPartition)}
    assert partitions == {p: len(list(data.triples((None, p, None)))) for p in set(data.predicates())}
    assert count(description, DATASET, "properties") == len(partitions)


def test_vocabularies_are_the_namespaces_of_the_terms_used(description, data):
    terms = set(data.predicates()) | set(data.objects(None, RDF.type))
    namespaces = {URIRef(term[:max(term.rfind("#"), term.rfind("/")) + 1]) for term in terms}
    assert set(description.objects(DATASET, VOID.vocabulary)) == namespaces
    assert {URIRef(str(SCHEMA)), URIRef(str(NKG)), URIRef(str(PROV))} <= namespaces


def test_example_resources_are_typed_resources_of_the_graph(description, data):
    examples = set(description.objects(DATASET, VOID.exampleResource))
    kinds = {cls for example in examples for cls in data.objects(example, RDF.type)}
    assert {SCHEMA.NewsArticle, SCHEMA.Quotation, NKG.Statement, SCHEMA.Person} <= kinds


def test_every_named_graph_is_a_subset_with_its_count(description, export):
    graphs = export[1]
    subsets = set(description.objects(DATASET, VOID.subset))
    assert {str(s) for s in subsets} == set(graphs)
    assert {str(s): count(description, s) for s in subsets} == {name: len(g) for name, g in graphs.items()}


def test_each_article_graph_names_its_source_file(description, seeds_dir):
    sources = {str(subset)[len(ARTICLE_GRAPH):]: description.value(subset, DCTERMS.source)
               for subset in description.objects(DATASET, VOID.subset) if str(subset).startswith(ARTICLE_GRAPH)}
    assert sources == {path.stem: rdflib.Literal(path.name) for path in seeds_dir.glob("*.txt")}


def test_an_article_with_a_url_is_derived_from_it(kg, tmp_path):
    record = {"id": "talks", "url": "https://news.example/iraq-talks", "title": "Talks resume",
              "text": "Talks resume\n\nIraq and the US resumed talks on Sunday, officials said."}
    (tmp_path / "news.json").write_text(json.dumps(record), encoding="utf-8")
    assert kg("build", "news.json", "--store", "store", cwd=tmp_path).returncode == 0
    assert kg("export", "--store", "store", "--format", "nquads", "-o", "g.nq", cwd=tmp_path).returncode == 0
    description, _ = read(tmp_path / "g.nq")
    subset = URIRef(ARTICLE_GRAPH + "talks")
    assert description.value(subset, DCTERMS.source) == URIRef(record["url"])
    assert description.value(subset, PROV.wasDerivedFrom) == URIRef(record["url"])
    assert description.value(subset, VOID.rootResource) == URIRef("https://w3id.org/newskg/id/article/talks")


def test_an_export_names_no_endpoint_and_says_why(description):
    assert description.value(DATASET, VOID.sparqlEndpoint) is None
    assert "/.well-known/void" in description.value(DATASET, DCTERMS.description)


def test_no_blank_nodes_so_two_exports_are_identical(kg, seeds_store, seeds_export, tmp_path):
    assert kg("export", "--store", seeds_store, "--format", "nquads", "-o", "again.nq", cwd=tmp_path).returncode == 0
    first, again = read(seeds_export("nquads"))[0], read(tmp_path / "again.nq")[0]
    assert not any(isinstance(term, rdflib.BNode) for triple in first for term in triple)
    assert isomorphic(first, again) and len(first) == len(again)
