"""Statements: the same words by the same speaker, grouped across articles (kg/statements.py)."""
from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from dataclasses import replace

import pyoxigraph as ox
import pytest

from kg.records import ArticleRecords, Entity, Mention, Quote, Source
from kg.statements import (
    LIMIT,
    NKG_TERM,
    KnownStatements,
    QuoteIndex,
    QuoteInfo,
    _candidates,
    cluster,
    key_terms,
    min_shared,
    quotes_in_article,
    recompute,
    representative_text,
    similar,
    speaker_relation,
    statement_iri,
    stored_quotes,
    terms,
    update_parts,
)
from kg.store import Store
from kg.vocab import NKG, SCHEMA, STATEMENTS_GRAPH, entity_iri

SINGH = [
    "will certainly be part of the talks as they move forward.",
    "will certainly be part of the conversations as it goes forward",
    "certainly be part of the discussions as things progress",
]
DIALOGUE = [
    ("the start of the first round of bilateral dialogue between Iraq and the United States of America to end the "
     "Coalition in Iraq"),
    ("is hosting the start of the first round of bilateral dialogue between Iraq and the US to end the mission of "
     "the international coalition in Iraq"),
    ("first round of bilateral dialogue between Iraq and the United States to end the international coalition "
     "mission in Iraq"),
]
WORKING_GROUPS = [
    "working groups of military experts and defense professionals",
    "expert working groups of military and defence professionals",
    "expert working groups",
]
FAMILIES = {"singh": SINGH, "dialogue": DIALOGUE, "working groups": WORKING_GROUPS}

SINGH_IRI = entity_iri("Person", "Person:sabrina singh")
SPEAKERS = {  # relation -> (speaker, forms) of the second quotation, the first being Sabrina Singh's
    "same": (SINGH_IRI, ("Sabrina Singh", "Singh")),
    "compatible": (entity_iri("Person", "Person:sabrin singh"), ("Sabrin Singh",)),
    "unknown": (None, ()),
    "different": (entity_iri("Organization", "Organization:office of the prime minister"), ("the office",)),
}


def info(text: str, article: str = "a", speaker: str | None = SINGH_IRI, forms: tuple[str, ...] = ("Sabrina Singh",),
         iri: str | None = None) -> QuoteInfo:
    return QuoteInfo(iri or f"{article}/quote/{abs(hash(text)) % 10 ** 6}", article, text, speaker, forms)


def pair(a: str, b: str, relation: str) -> tuple[QuoteInfo, QuoteInfo]:
    speaker, forms = SPEAKERS[relation]
    return info(a, "a"), info(b, "b", speaker, forms)


# --------------------------------------------------------------- terms

@pytest.mark.parametrize("a,b", [
    ("defence professionals", "defense professional"),
    ("the United States of America", "the US"),
    ("U.S. troops", "America's troops"),
    ("the talks", "the conversations"),
    ("the discussions as things progress", "the negotiations as it goes forward"),
    ("organised a programme in the centre", "organized a program in the center"),
    ("ISIS [ISIL] fighters", "Daesh fighter"),
    ("a clear timeline", "a clear timetable"),
])
def test_terms_fold_variants(a, b):
    assert terms(a) == terms(b)


def test_terms_drop_function_words_and_punctuation():
    assert terms("“It is, of course, what we said to them,” he told us.") == frozenset({"course"})
    assert terms("Iraq's forces won't leave") == frozenset({"iraq", "force", "not", "leave"})
    assert terms("the talks") == frozenset({"talk"})


# --------------------------------------------------------------- similarity

SAME = [(a, b, rel) for family in (SINGH, DIALOGUE) for a, b in itertools.combinations(family, 2)
        for rel in ("same", "compatible")]
SAME += [(a, b, "same") for a, b in itertools.combinations(WORKING_GROUPS, 2)]
SAME += [(a, b, "different") for a, b in itertools.combinations(DIALOGUE, 2)]  # long: text alone suffices
SAME += [(SINGH[0], SINGH[1], "unknown"), (WORKING_GROUPS[0], WORKING_GROUPS[1], "different")]
DIFFERENT = [
    # same speaker, different things
    (SINGH[0], "the talks will not change the number of US troops in Iraq", "same"),
    ("Military experts will supervise the end of the military mission", WORKING_GROUPS[0], "same"),
    ("the coalition will end its mission in Iraq", "the coalition mission in Syria will continue", "same"),
    ("the first round of talks will start on Saturday", DIALOGUE[2], "same"),
    # generic phrases
    ("the talks", "the talks", "same"),
    ("the talks", "the talks", "different"),
    ("the security situation", "the security situation", "different"),
    ("expert working groups", WORKING_GROUPS[0], "different"),
    ("expert working groups", "expert military groups", "same"),
    # polarity
    ("the US will withdraw its troops from Iraq", "the US will not withdraw its troops from Iraq", "same"),
]


@pytest.mark.parametrize("a,b,relation", SAME)
def test_same_statement(a, b, relation):
    first, second = pair(a, b, relation)
    assert speaker_relation(first, second) == relation
    assert similar(first, second) and similar(second, first)


@pytest.mark.parametrize("a,b,relation", DIFFERENT)
def test_different_statements(a, b, relation):
    first, second = pair(a, b, relation)
    assert not similar(first, second) and not similar(second, first)


def test_quotations_of_one_article_are_never_linked_directly():
    assert not similar(info(SINGH[0], "a"), info(SINGH[1], "a", iri="other"))


def test_office_and_its_minister_are_compatible_speakers():
    office = info(DIALOGUE[1], "b", entity_iri("Organization", "Organization:office of iraqi prime minister"),
                  ("the office of Iraqi Prime Minister Mohammed Shia al-Sudani",))
    person = info(DIALOGUE[0], "a", entity_iri("Person", "Person:mohammed shia al-sudani"), ("Sudani",))
    pentagon = info(DIALOGUE[2], "c", entity_iri("Organization", "Organization:pentagon"), ("Pentagon",))
    assert speaker_relation(office, person) == "compatible"
    assert speaker_relation(office, pentagon) == "different"


def random_quotes(rng: random.Random, count: int) -> list[QuoteInfo]:
    """``count`` quotations of a small vocabulary (some negated), by speakers of every relation, or by nobody."""
    vocab = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "iraq", "coalition",
             "mission", "troop", "kilo", "lima", "not"]
    speakers = [SINGH_IRI, SPEAKERS["compatible"][0], SPEAKERS["different"][0], None]
    quotes = []
    for i in range(count):
        words = rng.sample(vocab, rng.randint(1, 9))
        speaker = rng.choice(speakers)
        quotes.append(QuoteInfo(f"q{i:04d}", f"art{rng.randint(0, 9)}", " ".join(words), speaker,
                                ("Singh",) if speaker in speakers[:2] else ()))
    return quotes


def brute_components(quotes: list[QuoteInfo]) -> list[list[str]]:
    """The connected components of comparing every quotation with every other one."""
    parent = {quote.iri: quote.iri for quote in quotes}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    for a, b in itertools.combinations(quotes, 2):
        if similar(a, b):
            parent[max(root(a.iri), root(b.iri))] = min(root(a.iri), root(b.iri))
    groups: dict[str, list[str]] = {}
    for quote in quotes:
        groups.setdefault(root(quote.iri), []).append(quote.iri)
    return sorted(sorted(group) for group in groups.values())


def test_the_index_finds_every_similar_quotation():
    """Prefix filtering is exact: every indexed quotation similar to a probe is among its candidates, while
    the index grows (ordered again as it doubles) and loses quotations; and it prunes."""
    rng = random.Random(7)
    quotes = random_quotes(rng, 400)
    index = QuoteIndex()
    similar_pairs = 0
    for n, quote in enumerate(quotes):
        if n % 7 == 3:
            index.remove(quotes[n - 3].iri)
        found = index.candidates(quote)
        expected = {other.iri for other in index.quotes.values() if similar(quote, other)}
        assert expected <= found
        similar_pairs += len(expected)
        index.add(quote)
        assert set(index.quotes) == {q.iri for q in quotes[:n + 1]} - {quotes[m - 3].iri for m in range(3, n + 1, 7)}
    assert similar_pairs > 1000
    probes = quotes[:100]
    assert sum(len(index.candidates(quote)) for quote in probes) < len(probes) * len(index.quotes) / 2


def test_cluster_gives_the_components_of_comparing_everything():
    for seed in range(3):
        quotes = random_quotes(random.Random(seed), 300)
        assert [[quote.iri for quote in group] for group in cluster(quotes)] == brute_components(quotes)


def test_key_terms_bound():
    assert [min_shared(n) for n in (2, 3, 4, 6, 10)] == [2, 3, 3, 3, 5]
    assert key_terms(frozenset({"talk"})) == frozenset()
    assert len(terms(DIALOGUE[1])) == 12 and min_shared(12) == 6
    assert len(key_terms(terms(DIALOGUE[1]))) == 12 - 6 + 1


# --------------------------------------------------------------- clustering

def seed_quotes() -> list[QuoteInfo]:
    speakers = [SPEAKERS["same"], SPEAKERS["compatible"], SPEAKERS["different"]]
    out = []
    for name, family in FAMILIES.items():
        for n, text in enumerate(family):
            speaker, forms = speakers[n] if name == "dialogue" else SPEAKERS["same"]
            out.append(QuoteInfo(f"art{n}/quote/{name}", f"art{n}", text, speaker, forms))
    return out


def test_seed_families_are_three_statements_in_any_order():
    quotes = seed_quotes()
    expected = sorted(sorted(f"art{n}/quote/{name}" for n in range(3)) for name in FAMILIES)
    rng = random.Random(1)
    for _ in range(5):
        rng.shuffle(quotes)
        assert sorted([q.iri for q in group] for group in cluster(quotes)) == expected


def test_a_statement_taken_whole_gives_the_components_of_all_its_members():
    """cluster() with a statement given as a component (its members' similarities not computed again) and a
    link to it finds what clustering every member finds."""
    quotes = seed_quotes()
    singh = [quote for quote in quotes if quote.iri.endswith("/singh")]
    rest = [quote for quote in quotes if quote not in singh]
    newcomer = info(SINGH[0], "art9", iri="art9/quote/singh")
    expected = [[q.iri for q in group] for group in cluster(quotes + [newcomer])]
    whole = cluster(rest + [newcomer], [(newcomer.iri, "statement/singh")], {"statement/singh": singh})
    assert [[q.iri for q in group] for group in whole] == expected
    # without the link, the statement stays apart from the newcomer's group
    apart = cluster(rest + [newcomer], [], {"statement/singh": singh})
    assert [[q.iri for q in group] for group in apart] != expected


def test_statement_iri_is_that_of_the_smallest_member():
    quotes = seed_quotes()
    assert statement_iri(quotes) == statement_iri(reversed(quotes)) == statement_iri([min(quotes, key=lambda q: q.iri)])
    assert str(statement_iri(quotes)).startswith("https://w3id.org/newskg/id/statement/")


def test_representative_text():
    assert representative_text(SINGH) == "will certainly be part of the conversations as it goes forward"
    assert representative_text(["b a", "the longest one", "b a."]) == "b a"  # most common first
    assert representative_text(["xy", "ab"]) == "ab"


# --------------------------------------------------------------- the store

OTHERS = {"a": "the weather in Baghdad was hot and dry all week", "b": "bread prices rose sharply in Basra",
          "c": "the football final ended in a goalless draw", "d": "new schools will open in Mosul next year"}


def article(identifier: str, quote: str | None, speaker: str = "Sabrina Singh", extra: str | None = None
            ) -> ArticleRecords:
    """An article in which ``speaker`` says ``quote`` (if any), then says ``extra`` (something else)."""
    extra = extra or OTHERS[identifier]
    key = f"Person:{speaker.lower()}"
    said = f"{speaker} said: “{quote}”. Then " if quote else ""
    text = f"{said}{speaker} added “{extra}”."
    mentions, quotes = [], []
    for start in (i for i in range(len(text)) if text.startswith(speaker, i)):
        mentions.append(Mention(start, start + len(speaker), speaker, key))
    for words in filter(None, (quote, extra)):
        start = text.index(words)
        name = mentions[len(quotes)]
        quotes.append(Quote(start, start + len(words), words, key, name.start, name.end, "said", True))
    return ArticleRecords(Source(identifier, text, headline=identifier),
                          entities=(Entity(key, "Person", speaker),), mentions=tuple(mentions), quotes=tuple(quotes))


def statements_quads(store: Store) -> set:
    return set(store.db.quads_for_pattern(None, None, None, ox.NamedNode(STATEMENTS_GRAPH)))


def check(store: Store) -> dict[str, set[str]]:
    """Invariants (every quotation in exactly one statement; incremental == from scratch);
    returns each statement's member quotation texts."""
    rows = store.query(f"SELECT ?q (COUNT(?s) AS ?n) WHERE {{ ?q a <{SCHEMA.Quotation}> "
                       f"OPTIONAL {{ GRAPH <{STATEMENTS_GRAPH}> {{ ?q <{NKG.statement}> ?s }} }} }} GROUP BY ?q")
    assert {int(row["n"].value) for row in rows} <= {1}
    rebuilt = {(str(s), str(p), str(o)) for s, p, o in recompute(store.db)}
    stored = {(q.subject.value, q.predicate.value, q.object.value) for q in statements_quads(store)}
    assert stored == rebuilt
    members: dict[str, set[str]] = {}
    for row in store.query(f"SELECT ?s ?t WHERE {{ GRAPH <{STATEMENTS_GRAPH}> {{ ?s <{NKG.quotation}> ?q }} "
                           f"?q <{SCHEMA.text}> ?t }}"):
        members.setdefault(row["s"].value, set()).add(row["t"].value)
    return members


def singh_statement(members: dict[str, set[str]]) -> set[str]:
    found = [texts for texts in members.values() if texts & set(SINGH)]
    assert len(found) == 1
    return found[0]


def test_three_articles_one_statement(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article(n, text) for n, text in zip("abc", SINGH)])
    members = check(store)
    assert singh_statement(members) == set(SINGH)
    assert len(members) == 1 + 3  # the shared statement, and one singleton statement per other quotation
    row = next(iter(store.query(
        f"SELECT ?s ?n ?text ?who WHERE {{ GRAPH <{STATEMENTS_GRAPH}> {{ ?s <{NKG.sourceCount}> ?n ; "
        f"<{NKG.representativeText}> ?text ; <{SCHEMA.creator}> ?who FILTER(?n = 3) }} }}")))
    assert row["text"].value == "will certainly be part of the conversations as it goes forward"
    assert row["who"].value == SINGH_IRI


PLANS = {
    "one batch": [["a", "b", "c", "d"]],
    "one per batch": [["a"], ["b"], ["c"], ["d"]],
    "reversed": [["d"], ["c"], ["b"], ["a"]],
    "mixed": [["c", "a"], ["d", "b"]],
}


def four_articles() -> dict[str, ArticleRecords]:
    return {"a": article("a", SINGH[0], "Sabrin Singh"), "b": article("b", SINGH[1]),
            "c": article("c", SINGH[2], extra=WORKING_GROUPS[0]),
            "d": article("d", DIALOGUE[0], "Farhad Alaaldin", extra=WORKING_GROUPS[2])}


def test_order_and_batching_do_not_change_the_statements(tmp_path):
    records = four_articles()
    graphs = {}
    for name, plan in PLANS.items():
        store = Store(tmp_path / name.replace(" ", "-"))
        for batch in plan:
            store.put_articles([records[n] for n in batch])
        check(store)
        graphs[name] = statements_quads(store)
    assert len({frozenset(g) for g in graphs.values()}) == 1
    assert len(graphs["one batch"]) > 50


def test_replacing_and_removing_quotes_updates_the_statement(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article(n, text) for n, text in zip("abc", SINGH)])
    store.put_articles([article("b", None)])
    assert singh_statement(check(store)) == {SINGH[0], SINGH[2]}
    store.put_articles([article("c", None)])
    assert singh_statement(check(store)) == {SINGH[0]}  # a singleton: still a statement, one source
    count = store.query(f"SELECT ?n WHERE {{ GRAPH <{STATEMENTS_GRAPH}> {{ ?s <{NKG.quotation}> ?q ; "
                        f"<{NKG.sourceCount}> ?n }} ?q <{SCHEMA.text}> {json.dumps(SINGH[0])} }}")
    assert [row["n"].value for row in count] == ["1"]
    # the same final set built afresh gives the same graph, IRIs included
    fresh = Store(tmp_path / "fresh")
    fresh.put_articles([article("c", None), article("a", SINGH[0]), article("b", None)])
    assert statements_quads(fresh) == statements_quads(store)


def test_a_bridging_quote_joins_two_statements_and_leaving_splits_them(tmp_path):
    left, right = "alpha bravo charlie", "delta echo foxtrot"
    store = Store(tmp_path / "s")
    store.put_articles([article("a", left), article("b", right)])
    assert len(check(store)) == 4
    store.put_articles([article("c", f"{left} {right}")])
    assert {left, right, f"{left} {right}"} in check(store).values()
    store.put_articles([article("c", None)])
    assert {left} in check(store).values() and {right} in check(store).values()
    fresh = Store(tmp_path / "fresh")
    fresh.put_articles([article("c", None), article("b", right), article("a", left)])
    assert statements_quads(fresh) == statements_quads(store)


def test_replacing_the_first_member_renames_the_statement(tmp_path):
    store = Store(tmp_path / "s")
    store.put_articles([article(n, text) for n, text in zip("abc", SINGH)])
    store.put_articles([article("a", None)])
    check(store)
    fresh = Store(tmp_path / "fresh")
    fresh.put_articles([article("b", SINGH[1]), article("c", SINGH[2]), article("a", None)])
    assert statements_quads(fresh) == statements_quads(store)


def test_a_speaker_renamed_in_the_store_regroups_its_quotations(tmp_path):
    """When an update renames an entity everywhere (store-level linking), its quotations are regrouped."""
    store = Store(tmp_path / "s")
    store.put_articles([article("a", WORKING_GROUPS[2], "Kirby Office"),
                        article("b", WORKING_GROUPS[0], "Pentagon Press")])
    assert {WORKING_GROUPS[2]} in check(store).values()  # different speakers: a short phrase stays apart
    old, new = entity_iri("Person", "Person:kirby office"), entity_iri("Person", "Person:pentagon press")
    rename = [f"DELETE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{new}> }} }} "
              f"WHERE {{ GRAPH ?g {{ ?s ?p <{old}> }} }}"]
    writes = update_parts(store.db, [], [], {old: new}).writes
    writes.operations[:0] = rename
    store.db.update(writes.update())
    assert {WORKING_GROUPS[2], WORKING_GROUPS[0]} in check(store).values()


def test_a_store_without_statements_is_brought_up_to_date(tmp_path):
    store = Store(tmp_path / "s")
    records = four_articles()
    store.put_articles([records["a"], records["b"]])
    store.db.update(f"DROP GRAPH <{STATEMENTS_GRAPH}>")  # as built before statements existed
    store.put_articles([records["c"], records["d"]])
    check(store)
    assert singh_statement(check(store)) == set(SINGH)


def test_seeds_footprint_statement_through_the_command_line(seeds_dir, tmp_path):
    store = tmp_path / "store"
    built = subprocess.run([sys.executable, "-m", "kg", "build", str(seeds_dir), "--store", str(store)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    query = """
    SELECT ?s ?text (COUNT(DISTINCT ?article) AS ?sources) WHERE {
      ?s a nkg:Statement ; nkg:representativeText ?text ; nkg:quotation ?q .
      ?q schema:isPartOf ?article .
      FILTER EXISTS { ?s nkg:quotation/schema:creator/(schema:name|schema:alternateName) ?name
                      FILTER(CONTAINS(?name, "Singh")) }
    } GROUP BY ?s ?text HAVING (COUNT(DISTINCT ?article) >= 3)"""
    result = subprocess.run([sys.executable, "-m", "kg", "query", query, "--store", str(store), "--output", "json"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert len(rows) == 1
    assert "certainly be part of the" in rows[0]["text"]["value"]
    assert int(rows[0]["sources"]["value"]) >= 3


def test_joining_a_statement_writes_only_what_changes(tmp_path):
    """A new report of a stored statement adds its member and replaces the counts: the statement's other
    triples are neither deleted nor written again, and the graph is the one grouping from scratch gives."""
    store = Store(tmp_path / "s")
    store.put_articles([article("a", SINGH[0]), article("b", SINGH[1])])
    before = statements_quads(store)
    writes = update_parts(store.db, quotes_in_article(article("c", SINGH[2])), []).writes
    deleted = " ".join(writes.operations)
    inserted = writes.nquads()
    assert all(part.startswith("DELETE DATA") for part in writes.operations) and set(writes.added) <= {STATEMENTS_GRAPH}
    assert f"<{NKG.quotation}>" not in deleted and f"<{NKG.sourceCount}>" in deleted
    assert inserted.count(f"<{NKG.quotation}>") == 1 + 1  # the new member, and the other extra quotation "c" says
    kept = [f"{quad.subject} {quad.predicate} {quad.object} " for quad in before]
    assert kept and not any(triple in inserted or triple in deleted for triple in kept
                            if f"<{NKG.quotation}>" in triple or f"<{NKG_TERM}>" in triple)
    store.put_articles([article("c", SINGH[2])])
    assert singh_statement(check(store)) == set(SINGH)


def joint_article(identifier: str, quote: str, speakers: list[str], listed: bool = False) -> ArticleRecords:
    """An article in which ``speakers`` (in this order) say ``quote`` together: one quotation record per
    speaker, or (``listed``) one record with the others as co-speakers."""
    names = " and ".join(speakers)
    text = f"{names} said: “{quote}”."
    start = text.index(quote)
    mentions = [Mention(text.index(name), text.index(name) + len(name), name, f"Person:{name.lower()}")
                for name in speakers]
    quotes = [Quote(start, start + len(quote), quote, mention.entity, mention.start, mention.end, "said", True)
              for mention in mentions]
    if listed:
        quotes = [replace(quotes[0], co_speakers=tuple(mention.entity for mention in mentions[1:]))]
    entities = tuple(Entity(f"Person:{name.lower()}", "Person", name) for name in speakers)
    return ArticleRecords(Source(identifier, text, headline=identifier), entities=entities, mentions=tuple(mentions),
                          quotes=tuple(quotes))


@pytest.mark.parametrize("listed,speaker", [(True, "zora quill"), (False, "abel marsh")])
def test_a_joint_quotation_is_grouped_under_the_speaker_it_is_stored_with(tmp_path, listed, speaker):
    """A quotation by several speakers is grouped under the one its speaker mention names (the first one
    listed), or, when its mentions name several, the first by IRI: in its own batch as once stored, so after
    every batch the statements are those grouping from scratch gives."""
    joint, alone, later = ("the bridge repairs will finish this winter", "the bridge repairs will finish",
                           "bridge repairs will finish soon")
    first = entity_iri("Person", f"Person:{speaker}")
    records = joint_article("a", joint, ["Zora Quill", "Abel Marsh"], listed)
    assert [quote.speaker for quote in quotes_in_article(records)] == [first]
    store = Store(tmp_path / "s")
    store.put_articles([records, article("b", alone, "Zora Quill")])
    stored, _ = stored_quotes(store.db, None)
    assert {quote.text: quote.speaker for quote in stored}[joint] == first
    together = {joint, alone} if listed else {joint}  # the shorter wording is Zora Quill's
    assert together in check(store).values()
    store.put_articles([article("c", later, "Zora Quill")])
    assert (together | {later} if listed else {alone, later}) in check(store).values()


def test_candidates_are_the_statements_blocking_allows(tmp_path):
    """The candidate statements of a batch: a key term among the statement's terms or a term among its key
    terms, and two terms in common (compared with every statement in the store)."""
    store = Store(tmp_path / "s")
    records = four_articles()
    store.put_articles(records.values())
    batch = quotes_in_article(article("e", SINGH[0] + " " + DIALOGUE[1], extra=WORKING_GROUPS[1]))
    statements: dict[str, tuple[set[str], set[str]]] = {}
    for row in store.query(f"SELECT ?s ?p ?t WHERE {{ GRAPH <{STATEMENTS_GRAPH}> {{ ?s ?p ?t "
                           f"FILTER (?p IN (<{NKG_TERM}>, <{NKG.keyTerm}>)) }} }}"):
        words, keys = statements.setdefault(row["s"].value, (set(), set()))
        (keys if row["p"].value == str(NKG.keyTerm) else words).add(row["t"].value)
    expected = {s for s, (words, keys) in statements.items() for quote in batch
                if (quote.keys & words or quote.terms & keys) and len(quote.terms & words) >= 2}
    assert expected and expected != set(statements)
    assert _candidates(store.db, batch, KnownStatements()) == expected


def varied_articles() -> list[ArticleRecords]:
    """Articles whose statements join, bridge and split, some made jointly (listed or not)."""
    bridge = "the bridge repairs will finish this winter"
    return [*four_articles().values(),
            joint_article("j1", bridge, ["Zora Quill", "Abel Marsh"], listed=True),
            joint_article("j2", "the bridge repairs will finish soon", ["Zora Quill", "Abel Marsh"]),
            article("j3", "the bridge repairs will finish", "Zora Quill", extra="the ferry will run all winter"),
            article("e", SINGH[1] + " " + WORKING_GROUPS[1], extra=DIALOGUE[2]),
            article("f", WORKING_GROUPS[2], "Farhad Alaaldin", extra="bread prices rose sharply in Basra again")]


@pytest.mark.parametrize("limit", [LIMIT, 4, 0])
def test_the_statements_graph_is_the_same_whatever_the_batching_and_after_a_rebuild(tmp_path, limit):
    """Byte for byte the same statements graph (and that of grouping from scratch) for every batch size, in
    reverse order, after building everything again, and whether the writer keeps every statement it knows
    (``limit``), only some, or none."""
    records = varied_articles()
    graphs = set()
    for size in (len(records), 2):
        for order in (records, records[::-1]):
            store = Store(tmp_path / f"{size}-{len(graphs)}-{order[0].source.identifier}")
            store._statements = KnownStatements(limit)
            for start in range(0, len(order), size):
                store.put_articles(order[start:start + size])
            check(store)
            graphs.add(frozenset(statements_quads(store)))
            store.put_articles(records)  # a rebuild: every article replaced
            check(store)
            graphs.add(frozenset(statements_quads(store)))
    assert len(graphs) == 1
    assert len(next(iter(graphs))) > 100
