"""The read model (kg.lookup) over the seeds store, checked against the gold annotations and plain SPARQL.

Expectations come from ``/work/shared/eval/seeds-gold`` (people, their spellings,
their quotations, roles, publication dates) or from SPARQL written here, never
from what the lookup functions themselves return.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sparql_rows import select

from kg import lookup
from kg.store import Store
from kg.vocab import ENTITIES_GRAPH, STATEMENTS_GRAPH, article_iri, entity_id


@pytest.fixture(scope="module")
def gold_people(gold) -> dict[str, set[str]]:
    """Every person of the gold: canonical name -> every spelling the articles use (and the name itself)."""
    people: dict[str, set[str]] = {}
    for gold_article in gold.values():
        for entity in gold_article["entities"]:
            if entity["type"] == "Person":
                people.setdefault(entity["name"], {entity["name"]}).update(entity["mentions"])
    return people




def names_of(store: Store, iri: str) -> set[str]:
    rows = select(store, f"SELECT ?n WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{iri}> schema:name|schema:alternateName ?n }} }}")
    return {row["n"] for row in rows}


def words(text: str) -> str:
    """Text reduced to its lower-case words, to compare quotations whatever the punctuation around them."""
    return " ".join(re.findall(r"\w+", text.lower()))


SUDANI = "Mohammed Shia al-Sudani"


# --- names -----------------------------------------------------------------------------------------------

def test_every_gold_spelling_of_a_person_finds_that_one_person(store, gold_people):
    for name, spellings in gold_people.items():
        found = {spelling: lookup.entities_named(store, spelling) for spelling in spellings}
        iris = {iri for matches in found.values() for iri in matches}
        assert len(iris) == 1 and all(found.values()), (name, found)
        (iri,) = iris
        assert iri.startswith("https://w3id.org/newskg/id/person/")
        assert names_of(store, iri) & spellings, (name, names_of(store, iri))


@pytest.mark.parametrize("spelling", ["mohamed chia al-soudani", "MOHAMMED SHIA AL-SUDANI", "Mohammed Shía al‑Sudani",
                                      "sudani", "Soudani"])
def test_case_accents_and_transliteration_do_not_matter(store, spelling):
    assert lookup.entities_named(store, spelling) == lookup.entities_named(store, SUDANI) != []


@pytest.mark.parametrize("text", ["Nobody At All", "", "   ", 'Sudani" } UNION { ?e ?p ?o } #', "<script>"])
def test_names_nobody_has_find_nothing(store, text):
    """Including a name with SPARQL syntax in it: it is a literal, never query text."""
    assert lookup.entities_named(store, text) == []


def test_an_entity_id_stands_for_its_entity(store):
    (iri,) = lookup.entities_named(store, SUDANI)
    assert lookup.resolve_entities(store, entity_id(iri)) == [iri]
    assert lookup.resolve_entities(store, "person/nobody-0000000000") == []


# --- quotations ------------------------------------------------------------------------------------------

def test_quotes_by_speaker_are_those_attributed_to_them(store):
    people = select(store, f"SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a schema:Person }} }}")
    assert people
    for row in people:
        expected = {r["q"] for r in select(store, f"SELECT ?q WHERE {{ ?q a schema:Quotation ; schema:creator <{row['e']}> }}")}
        page = lookup.quotes(store, lookup.QuoteFilter(speakers=(row["e"],)))
        assert {quote.iri for quote in page.items} == expected
        assert page.total == len(expected)
        assert all(quote.speaker.iri == row["e"] for quote in page.items)


def test_the_gold_quotations_of_people_are_found_by_any_of_their_names(store, gold, gold_people):
    """Each gold quotation the store attributes to a person (under one of the gold spellings) is found by every spelling."""
    checked = 0
    for article_id, gold_article in gold.items():
        for quote in gold_article["quotes"]:
            if quote["speaker"] not in gold_people:
                continue
            spellings = " ".join(f'"{s}"' for s in gold_people[quote["speaker"]])
            rows = select(store, f"SELECT ?q ?text WHERE {{ ?q schema:isPartOf <{article_iri(article_id)}> ; "
                                 f"schema:text ?text ; schema:creator ?s . GRAPH <{ENTITIES_GRAPH}> {{ "
                                 f"VALUES ?n {{ {spellings} }} ?s schema:name|schema:alternateName ?n }} }}")
            stored = {row["q"] for row in rows if words(row["text"]) in words(quote["text"])
                      or words(quote["text"]) in words(row["text"])}
            for spelling in gold_people[quote["speaker"]]:
                found = lookup.quotes(store, lookup.QuoteFilter(speakers=tuple(lookup.entities_named(store, spelling))))
                assert stored <= {q.iri for q in found.items}, (spelling, quote)
            checked += len(stored)
    assert checked, "the store attributes some gold quotations to the people who said them"


def test_a_quote_carries_its_article_offsets_and_statement(store):
    rows = select(store, "SELECT ?q ?text ?b ?e ?a ?id ?st ?count WHERE { ?q a schema:Quotation ; schema:text ?text ; "
                         "nif:beginIndex ?b ; nif:endIndex ?e ; schema:isPartOf ?a . ?a schema:identifier ?id . "
                         f"GRAPH <{STATEMENTS_GRAPH}> {{ ?st nkg:quotation ?q ; nkg:sourceCount ?count }} }}")
    quotes = {quote.iri: quote for quote in lookup.quotes(store).items}
    assert len(quotes) == len(rows)
    for row in rows:
        quote = quotes[row["q"]]
        assert (quote.text, quote.begin, quote.end) == (row["text"], int(row["b"]), int(row["e"]))
        assert (quote.article.iri, quote.article.id) == (row["a"], row["id"])
        assert (quote.statement.iri, quote.statement.source_count) == (row["st"], int(row["count"]))


def test_pages_of_quotes_add_up_to_all_of_them_newest_first(store, gold):
    total = int(select(store, "SELECT (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation }")[0]["n"])
    seen = []
    for offset in range(0, total + 3, 4):
        page = lookup.quotes(store, limit=4, offset=offset)
        assert page.total == total
        assert page.has_next == (offset + 4 < total)
        seen += page.items
    assert len(seen) == total == len({quote.iri for quote in seen})
    dated = [gold[quote.article.id].get("published") for quote in seen]  # publication dates from the gold
    assert dated == sorted(dated, key=lambda date: date or "", reverse=True)


def test_dates_bound_the_articles_publication_date(store, gold):
    published = {article_id: a["published"] for article_id, a in gold.items() if a.get("published")}
    assert published, "the gold dates at least one seed article"
    article_id, day = min(published.items())
    day = dt.date.fromisoformat(day)
    in_article = {r["q"] for r in select(store, f"SELECT ?q WHERE {{ ?q schema:isPartOf <{article_iri(article_id)}> }}")}
    on_day = lookup.quotes(store, lookup.QuoteFilter(date_from=day, date_to=day)).items
    assert {q.iri for q in on_day} >= in_article
    assert all(q.article.date.startswith(day.isoformat()) for q in on_day)
    later = lookup.quotes(store, lookup.QuoteFilter(date_from=max(dt.date.fromisoformat(d) for d in published.values())
                                                    + dt.timedelta(days=1)))
    assert later.total == 0 and later.items == []


def test_about_finds_quotations_that_mention_the_entity_or_are_near_it(store):
    (iri,) = lookup.entities_named(store, "Islamic State")

    def quotes_with_mention(condition: str) -> set[str]:
        rows = select(store, "SELECT DISTINCT ?q WHERE { ?q a schema:Quotation ; schema:isPartOf ?a ; "
                             f"nif:beginIndex ?qb ; nif:endIndex ?qe . ?m itsrdf:taIdentRef <{iri}> ; "
                             f"nif:referenceContext ?a ; nif:beginIndex ?mb ; nif:endIndex ?me FILTER ({condition}) }}")
        return {row["q"] for row in rows}

    inside = quotes_with_mention("?mb >= ?qb && ?me <= ?qe")
    near = quotes_with_mention(f"?mb < ?qe + {lookup.NEAR} && ?me > ?qb - {lookup.NEAR}")  # overlaps the widened span
    assert inside, "some seed quotation names the Islamic State (ISIS)"
    siblings = {row["other"] for row in select(store, "SELECT ?other WHERE { VALUES ?q { "
                                                      + " ".join(f"<{q}>" for q in near) + " } "
                                                      "?q nkg:statement ?st . ?st nkg:quotation ?other }")}
    found = {quote.iri for quote in lookup.quotes(store, lookup.QuoteFilter(about=(iri,))).items}
    assert inside <= found
    assert near <= found <= near | siblings


def test_filters_combine_and_an_empty_choice_matches_nothing(store):
    (iri,) = lookup.entities_named(store, SUDANI)
    article = lookup.quotes(store, lookup.QuoteFilter(speakers=(iri,))).items[0].article
    both = lookup.quotes(store, lookup.QuoteFilter(speakers=(iri,), article=article.iri)).items
    assert both and all(q.article.iri == article.iri and q.speaker.iri == iri for q in both)
    assert lookup.quotes(store, lookup.QuoteFilter(speakers=())).total == 0
    assert lookup.quotes(store, lookup.QuoteFilter(article=article_iri("no-such-article"))).total == 0
    assert lookup.quotes(store, lookup.QuoteFilter(speakers=("not an iri>",))).total == 0


def test_statement_groups_hold_every_report_of_the_same_words(store):
    rows = select(store, f"SELECT ?st (COUNT(?q) AS ?n) WHERE {{ GRAPH <{STATEMENTS_GRAPH}> {{ ?st nkg:quotation ?q }} }} "
                         "GROUP BY ?st HAVING (COUNT(?q) > 1)")
    assert rows, "the seeds report some words in several articles"
    sizes = {row["st"]: int(row["n"]) for row in rows}
    for group in lookup.statement_groups(store, lookup.quotes(store).items):
        if group.statement and group.statement.iri in sizes:
            assert len(group.quotes) == sizes[group.statement.iri]
            assert len({q.article.id for q in group.quotes}) == group.statement.source_count


def test_top_speakers_are_counted_like_sparql_counts(store):
    rows = select(store, "SELECT ?s (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation ; schema:creator ?s } GROUP BY ?s")
    counts = {row["s"]: int(row["n"]) for row in rows}
    top = lookup.top_speakers(store, 3)
    assert [s.quotes for s in top] == sorted(counts.values(), reverse=True)[:3]
    assert all(counts[s.entity.iri] == s.quotes for s in top)


# --- search ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["sud", "SUD", "Mohammed S", "shia", "mohamed chia"])
def test_search_finds_a_name_by_its_start_or_a_word_any_case_or_spelling(store, text):
    (iri,) = lookup.entities_named(store, SUDANI)
    found = lookup.search_entities(store, text, "Person").items
    assert iri in [entity.iri for entity in found]


def test_search_puts_the_exact_name_first(store):
    (iraq,) = lookup.entities_named(store, "Iraq")
    page = lookup.search_entities(store, "iraq")
    assert page.items[0].iri == iraq
    assert page.total > 1  # Iraqi security forces, Islamic Resistance in Iraq, ...


@pytest.mark.parametrize("kind", lookup.TYPES)
def test_search_by_type_lists_every_entity_of_that_type(store, kind):
    cls = {"MilitaryBase": "nkg:MilitaryBase"}.get(kind, f"schema:{kind}")
    expected = {row["e"] for row in select(store, f"SELECT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a {cls} }} }}")}
    page = lookup.search_entities(store, "", kind, limit=1000)
    assert {entity.iri for entity in page.items} == expected and page.total == len(expected)
    assert all(kind in entity.types for entity in page.items)


def test_search_pages_do_not_overlap(store):
    everything = lookup.search_entities(store, "")
    first, second = lookup.search_entities(store, "", limit=5), lookup.search_entities(store, "", limit=5, offset=5)
    assert [e.iri for e in first.items + second.items] == [e.iri for e in everything.items[:10]]
    assert first.total == second.total == everything.total == len(everything.items)


def test_search_rejects_an_unknown_type(store):
    with pytest.raises(ValueError):
        lookup.search_entities(store, "x", "Planet")


# --- one entity, one article -----------------------------------------------------------------------------

def roles_of(store: Store, iri: str) -> set[tuple[str, str | None, str]]:
    """(title, organization's name, article id) of every role statement about ``iri`` (plain SPARQL)."""
    rows = select(store, f"SELECT ?title ?org ?id WHERE {{ ?r nkg:holder <{iri}> ; schema:roleName ?title ; "
                         "prov:wasDerivedFrom ?a . ?a schema:identifier ?id . OPTIONAL { ?r nkg:organization ?o . "
                         f"GRAPH <{ENTITIES_GRAPH}> {{ ?o schema:name ?org }} }} }}")
    return {(row["title"], row["org"], row["id"]) for row in rows}


def test_an_entity_has_its_names_roles_articles_and_neighbours(store):
    (iri,) = lookup.entities_named(store, SUDANI)
    detail = lookup.entity(store, entity_id(iri))
    assert detail.entity.type == "Person" and detail.entity.iri == iri
    assert {detail.entity.name, *detail.entity.alternate_names} == names_of(store, iri)
    roles = roles_of(store, iri)
    assert roles and {(r.title, r.organization and r.organization.name, r.article.id) for r in detail.roles} == roles
    named_in = select(store, f"SELECT DISTINCT ?id WHERE {{ ?m itsrdf:taIdentRef <{iri}> ; nif:referenceContext ?a . "
                             "?a schema:identifier ?id }")
    assert {m.article.id for m in detail.articles.items} == {row["id"] for row in named_in}
    employers = select(store, f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ <{iri}> schema:worksFor ?o }} }}")
    assert employers
    for row in employers:
        assert any(n.relation == "works_for" and n.direction == "out" and n.entity.iri == row["o"]
                   for n in detail.neighbours)
    assert detail.quotes.total == len(lookup.quotes(store, lookup.QuoteFilter(speakers=(iri,))).items)


@pytest.mark.parametrize("identifier", ["person/nobody-0000000000", "person/a>b", "nonsense", "", "article/x"])
def test_unknown_entities_are_none(store, identifier):
    assert lookup.entity(store, identifier) is None


def test_an_article_has_its_text_mentions_and_quotations(store, gold):
    for article_id in gold:
        detail = lookup.article(store, article_id)
        iri = article_iri(article_id)
        (row,) = select(store, f"SELECT ?text ?headline WHERE {{ <{iri}> nif:isString ?text ; schema:headline ?headline }}")
        assert (detail.text, detail.article.headline) == (row["text"], row["headline"])
        assert detail.article.date == gold[article_id].get("published")
        mentioned = {r["e"] for r in select(store, f"SELECT ?e WHERE {{ <{iri}> schema:mentions ?e }}")}
        assert {e.entity.iri for e in detail.entities} == mentioned
        for mention in detail.mentions:
            assert detail.text[mention.begin:mention.end] == mention.text
        quoted = {r["q"] for r in select(store, f"SELECT ?q WHERE {{ ?q schema:isPartOf <{iri}> }}")}
        assert {q.iri for q in detail.quotes} == quoted
    assert lookup.article(store, "no-such-article") is None
