"""Name keys and in-article resolution."""
import pytest

from kg.resolve import name_key, resolve_mentions


@pytest.mark.parametrize("a, b", [
    ("Mohammed Shia al-Sudani", "Mohamed Chia al-Soudani"),
    ("Mohammed Shia al-Sudani", "Mohamed Shia al-Sudani"),
    ("Yehia Rasool", "Yahya Rasool"),
    ("Qassem Soleimani", "Qasem Soleimani"),
])
def test_transliteration_variants_share_a_key(a, b):
    assert name_key(a, "Person") == name_key(b, "Person")


@pytest.mark.parametrize("a, b", [
    ("Ali Hassan", "Ali Hussein"),
    ("John Smith", "Jane Smith"),
    ("Mario Rossi", "Maria Rossi"),
])
def test_different_people_with_similar_names_stay_apart(a, b):
    assert name_key(a, "Person") != name_key(b, "Person")


def test_surname_resolves_to_full_name_in_article():
    found = resolve_mentions([(0, 23, "Mohammed Shia al-Sudani", "Person", ""),
                              (40, 46, "Sudani", "Person", "")])
    assert len(found.entities) == 1
    assert {m.entity for m in found.mentions} == {"Person:muhamad shia sudani"}


def test_ambiguous_surname_stays_partial():
    found = resolve_mentions([(0, 10, "John Smith", "Person", ""), (20, 30, "Jane Smith", "Person", ""),
                              (40, 45, "Smith", "Person", "")])
    smith = found.entities["Person:smith"]
    assert smith.partial


def test_acronym_in_parentheses_joins_long_form():
    found = resolve_mentions([(0, 24, "Popular Front of Nowhere", "Organization", ""),
                              (26, 30, "PFON", "Organization", "")])
    assert len(found.entities) == 1


@pytest.mark.parametrize("spans", [
    # the acronym in brackets, written as a word, and later in capitals
    [(0, 38, "Federation of Dock and Harbour Workers", "Organization", ""), (40, 44, "Fdhw", "Organization", ""),
     (90, 94, "FDHW", "Organization", "")],
    # an acronym anywhere in the article spelling one name of three words or more
    [(0, 36, "Advisory Committee on Water Standards", "Organization", ""), (60, 64, "ACWS", "Organization", "")],
    # a place's acronym before the words the acronym spells
    [(0, 27, "NSW State Emergency Service", "Organization", ""), (60, 63, "SES", "Organization", "")],
])
def test_an_acronym_is_the_name_it_spells(spans):
    assert len(resolve_mentions(spans).entities) == 1


def test_an_acronym_an_article_spells_out_is_that_name_not_the_gazetteer_s():
    # "SDF" is the Syrian Democratic Forces in the gazetteer
    found = resolve_mentions([(0, 25, "Seychelles Defence Forces", "Organization", ""),
                              (27, 30, "SDF", "Organization", "Syrian Democratic Forces"),
                              (60, 63, "SDF", "Organization", "Syrian Democratic Forces")])
    (entity,) = found.entities.values()
    assert entity.name == "Seychelles Defence Forces"


def test_an_acronym_spelling_two_names_stays_alone():
    found = resolve_mentions([(0, 24, "Central Bank of Ruritania", "Organization", ""),
                              (40, 67, "Council for Budget Reform", "Organization", ""),
                              (90, 93, "CBR", "Organization", "")])
    assert len(found.entities) == 3


def test_gazetteer_aliases_share_the_canonical_entity():
    found = resolve_mentions([(0, 2, "US", "Place", "United States"), (5, 18, "United States", "Place", "United States")])
    (entity,) = found.entities.values()
    assert (entity.name, entity.wikidata) == ("United States", "Q30")


def test_an_owned_organization_is_also_known_without_its_owner():
    found = resolve_mentions([(0, 29, "Britain’s Ministry of Defence", "Organization", "")])
    (entity,) = found.entities.values()
    assert set(entity.aliases) == {"Britain’s Ministry of Defence", "Ministry of Defence"}
    assert [(m.start, m.end) for m in found.mentions] == [(0, 29), (10, 29)]


@pytest.mark.parametrize("long, short", [
    ("Nordvik Airways", "Nordvik"),                # the name without its generic last word
    ("Montana Supreme Court", "Supreme Court"),    # the name without its place
    ("U.S. Seventh Fleet", "Seventh Fleet"),
    ("Tengri Resources", "Tengri"),
])
def test_an_organization_named_again_by_part_of_its_name_is_one_entity(long, short):
    found = resolve_mentions([(0, len(long), long, "Organization", ""),
                              (100, 100 + len(short), short, "Organization", "")])
    (entity,) = found.entities.values()
    assert entity.name == long


def test_a_part_shared_by_two_longer_names_stays_apart():
    found = resolve_mentions([(0, 21, "Montana Supreme Court", "Organization", ""),
                              (30, 48, "U.S. Supreme Court", "Organization", ""),
                              (60, 73, "Supreme Court", "Organization", "")])
    assert len(found.entities) == 3


@pytest.mark.parametrize("long, short", [
    ("Manhyia Palace Museum", "Manhyia Palace"),    # a museum in a palace is not the palace
    ("Kivu University Hospital", "Kivu University"),
])
def test_a_name_with_its_own_head_word_is_no_short_form_of_a_longer_institution(long, short):
    found = resolve_mentions([(0, len(long), long, "Organization", ""),
                              (100, 100 + len(short), short, "Organization", "")])
    assert {e.name for e in found.entities.values()} == {long, short}


def test_a_double_barrelled_surname_alone_resolves_to_the_full_name():
    found = resolve_mentions([(0, 22, "Netumbo Nandi-Ndaitwah", "Person", ""), (40, 54, "Nandi-Ndaitwah", "Person", "")])
    assert {m.entity for m in found.mentions} == {"Person:netumbo nandi ndaitwah"}


def test_a_double_barrelled_name_of_its_own_keeps_its_key():
    found = resolve_mentions([(0, 11, "Smith-Jones", "Person", "")])
    assert list(found.entities) == ["Person:smith jones"] and not found.entities["Person:smith jones"].partial


def test_an_owner_with_a_bare_apostrophe_is_also_left_out():
    found = resolve_mentions([(0, 41, "Barbados' Ministry of Health and Wellness", "Organization", "")])
    (entity,) = found.entities.values()
    assert "Ministry of Health and Wellness" in entity.aliases
