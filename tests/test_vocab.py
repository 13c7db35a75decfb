"""IRIs and the short entity identifiers used in URLs."""
import pytest

from kg.vocab import BASE, article_iri, entity_id, entity_iri, iri_of_entity_id


@pytest.mark.parametrize("entity_type", ["Person", "Organization", "Place", "MilitaryBase", "Event"])
def test_entity_ids_round_trip(entity_type):
    iri = entity_iri(entity_type, f"{entity_type}:mohammed shia al sudani")
    identifier = entity_id(iri)
    assert identifier.startswith(entity_type.lower() + "/") and "/" not in identifier.split("/", 1)[1]
    assert iri_of_entity_id(identifier) == iri


@pytest.mark.parametrize("iri", [article_iri("001"), BASE + "graph/entities", "https://example.org/person/x",
                                 BASE + "person/", BASE + "person/a/b"])
def test_other_iris_have_no_entity_id(iri):
    assert entity_id(iri) is None


@pytest.mark.parametrize("identifier", ["article/001", "person/../graph", "", "person/a/b", "graph/entities"])
def test_non_entity_ids_have_no_iri(identifier):
    assert iri_of_entity_id(identifier) is None
