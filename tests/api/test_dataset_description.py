"""The served dataset description: ``/.well-known/void`` and the service description name the real endpoint."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest
import rdflib
from rdflib import RDF, Namespace, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own ConjunctiveGraph use

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET = URIRef("https://w3id.org/newskg/id/dataset")
VOID_GRAPH = URIRef("https://w3id.org/newskg/id/graph/void")
PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}


def fetch(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    """GET ``url``: status, media type and body."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


@pytest.fixture(scope="module")
def exported(seeds_export) -> rdflib.Graph:
    """The description in the seeds' N-Quads export (no endpoint named)."""
    return rdflib.Dataset().parse(seeds_export("nquads"), format="nquads").graph(VOID_GRAPH)


@pytest.mark.parametrize("accept", [None, *PARSERS])
def test_well_known_void_describes_the_dataset_and_its_endpoint(server, accept):
    status, media_type, body = fetch(f"{server}/.well-known/void", accept)
    assert status == 200
    assert media_type == (accept or "text/turtle")
    description = rdflib.Graph().parse(data=body, format=PARSERS[media_type])
    endpoint = URIRef(f"{server}/sparql")
    assert description.value(DATASET, VOID.sparqlEndpoint) == endpoint
    assert (endpoint, RDF.type, DCAT.DataService) in description
    assert description.value(endpoint, DCAT.servesDataset) == DATASET


def test_the_served_counts_are_the_exported_ones(server, exported):
    served = rdflib.Graph().parse(data=fetch(f"{server}/.well-known/void")[2], format="turtle")
    for prop in (VOID.triples, VOID.entities, VOID.classes, VOID.properties):
        assert served.value(DATASET, prop) == exported.value(DATASET, prop) is not None
    partitions = set(exported.objects(DATASET, VOID.classPartition))
    assert partitions and partitions == set(served.objects(DATASET, VOID.classPartition))
    assert {(p, exported.value(p, VOID.entities)) for p in partitions} == \
           {(p, served.value(p, VOID.entities)) for p in partitions}


def test_the_description_leads_to_a_working_endpoint(server):
    served = rdflib.Graph().parse(data=fetch(f"{server}/.well-known/void")[2], format="turtle")
    client = SPARQLWrapper(str(served.value(DATASET, VOID.sparqlEndpoint)))
    client.setQuery("SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a schema:Quotation }")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    quotations = next(p for p in served.objects(DATASET, VOID.classPartition)
                      if served.value(p, VOID["class"]) == URIRef("https://schema.org/Quotation"))
    assert int(rows[0]["n"]["value"]) == served.value(quotations, VOID.entities).toPython() > 0


def test_the_service_description_points_to_the_dataset_description(server):
    status, _, body = fetch(f"{server}/sparql", "text/turtle")
    assert status == 200
    description = rdflib.Graph().parse(data=body, format="turtle")
    service = description.value(predicate=RDF.type, object=SD.Service)
    dataset = description.value(service, SD.defaultDataset)
    assert description.value(dataset, rdflib.RDFS.seeAlso) == DATASET
    assert description.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{server}/sparql")
    assert description.value(DATASET, DCTERMS.license) is not None


def test_an_unacceptable_type_is_refused_with_the_offers(server):
    status, media_type, body = fetch(f"{server}/.well-known/void", "text/csv")
    assert (status, media_type) == (406, "text/plain")
    assert b"text/turtle" in body
