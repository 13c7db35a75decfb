"""Linking across articles: surnames alone, one-letter slips and described organizations, in any order."""
import itertools

import pytest

from kg.link import Linkable, head, is_partial, one_deletion, plan, same_person_typo
from kg.records import ArticleRecords, Entity, Mention, Role, Source
from kg.store import Store


def person(key, titles=(), employers=()):
    return Linkable(f"Person:{key}", len(key.split()) == 1, set(titles), set(employers))


def organization(key, name):
    return Linkable(f"Organization:{key}", is_partial(f"Organization:{key}", name))


@pytest.mark.parametrize("a, b, expected", [
    ("sabrina", "sabrin", True),
    ("sabrin", "sabrina", True),
    ("maria", "mario", False),      # a substitution, not a slip of one letter left out
    ("jon", "john", False),         # too short to call a typo
    ("daniela", "daniel", True),
])
def test_one_deletion(a, b, expected):
    assert one_deletion(a, b) is expected


def test_a_slip_needs_a_shared_role_or_employer():
    pentagon = "https://x/pentagon"
    assert same_person_typo(person("sabrin singh", ["press", "secretary"]), person("sabrina singh", ["secretary"]))
    assert same_person_typo(person("sabrin singh", employers=[pentagon]), person("sabrina singh", employers=[pentagon]))
    assert not same_person_typo(person("daniel cohen", ["professor"]), person("daniela cohen", ["judge"]))
    assert not same_person_typo(person("sabrin singh", ["deputy"]), person("sabrina singh", ["deputy"]))


@pytest.mark.parametrize("a, b, expected", [
    ("thandi khumalo", "thandi kumalo", True),           # a letter left out of the family name
    ("ravi kumara dissanayaka", "ravi kumara dissanayake", True),  # one typed for another in a long family name
    ("mario rossi", "maria rossi", False),               # not in a given name
    ("peter okafor", "peter okafar", False),             # nor in a short family name
])
def test_a_slip_in_the_family_name(a, b, expected):
    union = "https://x/union"
    assert same_person_typo(person(a, employers=[union]), person(b, employers=[union])) is expected
    assert (plan([person(a, employers=[union]), person(b, employers=[union])]) != {}) is expected


def test_plan_keeps_the_longer_key_and_links_a_lone_surname():
    mapping = plan([person("sabrin singh", ["secretary"]), person("sabrina singh", ["secretary"]), person("singh")])
    assert mapping == {"Person:sabrin singh": "Person:sabrina singh", "Person:singh": "Person:sabrina singh"}


def test_an_ambiguous_surname_stays_alone():
    assert plan([person("john smith"), person("jane smith"), person("smith")]) == {}


@pytest.mark.parametrize("key, expected", [
    ("Person:sabrina singh", "singh"),
    ("Organization:higher military commission", "commission"),
    ("Organization:global coalition against daesh", "coalition"),
    ("Organization:ministry of foreign affairs", "ministry"),
])
def test_the_head_a_partial_name_is_linked_by(key, expected):
    assert head(key) == expected


@pytest.mark.parametrize("key, name, expected", [
    ("Organization:joint commission", "joint commission", True),
    ("Organization:higher military commission", "Higher Military Commission", False),  # a name, though made of such words
    ("Organization:higher military commission", "higher military commission", True),
    ("Organization:islamic resistance in iraq", "Islamic Resistance in Iraq", False),
])
def test_an_organization_is_partial_when_only_described(key, name, expected):
    assert is_partial(key, name) is expected


def test_a_described_organization_joins_the_one_organization_with_its_head():
    assert plan([organization("joint commission", "joint commission"),
                 organization("higher military commission", "Higher Military Commission")]) == {
        "Organization:joint commission": "Organization:higher military commission"}
    assert plan([organization("joint commission", "joint commission"),
                 organization("higher military commission", "Higher Military Commission"),
                 organization("european commission", "European Commission")]) == {}


def article(identifier, name, title=None, entity_type="Person"):
    key = f"{entity_type}:{name.lower()}"
    text = f"{name} spoke."
    roles = (Role(key, title, None, 0, len(name)),) if title else ()
    entity = Entity(key, entity_type, name, (name,), partial=entity_type == "Person" and " " not in name)
    return ArticleRecords(Source(identifier, text), entities=(entity,), mentions=(Mention(0, len(name), name, key),),
                          roles=roles)


def names_in(store, entity_type="Person"):
    rows = store.query("SELECT ?name WHERE { GRAPH <https://w3id.org/newskg/id/graph/entities> "
                       f"{{ ?p a <https://schema.org/{entity_type}> ; <https://schema.org/name> ?name }} }}")
    return sorted(row["name"].value for row in rows)


def people_in(store):
    return names_in(store)


ARTICLES = [article("a", "Sabrin Singh", "deputy press secretary"),
            article("b", "Sabrina Singh", "deputy press secretary"),
            article("c", "Singh")]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_people_link_across_articles_whatever_the_order(tmp_path, order):
    one_by_one = Store(tmp_path / "one")
    for i in order:
        one_by_one.put_articles([ARTICLES[i]])
    together = Store(tmp_path / "all")
    together.put_articles(ARTICLES)
    assert people_in(one_by_one) == people_in(together) == ["Sabrina Singh"]
    assert set(one_by_one.db.quads_for_pattern(None, None, None, None)) == set(
        together.db.quads_for_pattern(None, None, None, None))


def test_similar_names_without_shared_role_stay_apart(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article("a", "Daniel Cohen", "professor")])
    store.put_articles([article("b", "Daniela Cohen", "judge")])
    assert people_in(store) == ["Daniel Cohen", "Daniela Cohen"]


COMMISSIONS = [article("a", "joint commission", entity_type="Organization"),
               article("b", "Higher Military Commission", entity_type="Organization"),
               article("c", "Islamic Resistance in Iraq", entity_type="Organization")]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_described_organization_links_across_articles_whatever_the_order(tmp_path, order):
    one_by_one = Store(tmp_path / "one")
    for i in order:
        one_by_one.put_articles([COMMISSIONS[i]])
    together = Store(tmp_path / "all")
    together.put_articles(COMMISSIONS)
    assert names_in(one_by_one, "Organization") == names_in(together, "Organization") == [
        "Higher Military Commission", "Islamic Resistance in Iraq"]
    assert set(one_by_one.db.quads_for_pattern(None, None, None, None)) == set(
        together.db.quads_for_pattern(None, None, None, None))
