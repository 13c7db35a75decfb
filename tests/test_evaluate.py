"""Tests of kg.evaluate on tiny hand-built graphs and gold folders; figures worked out by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.errors import KGError
from kg.evaluate import (
    DateMiss,
    FalseEntity,
    MergeIssue,
    Misattribution,
    MissedEntity,
    QuoteMiss,
    Ratio,
    Report,
    RoleMiss,
    evaluate,
    format_report,
    norm,
    report_json,
    summary_line,
    token_f1,
)
from kg.vocab import NKG, SCHEMA

EX = "http://example.org/"
SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
STEM = "a1"
QUOTE = "the start of the first round of bilateral dialogue between Iraq and the United States"
PERFECT = "entityR=1.0 entityP=1.0 quoteR=1.0 quoteP=1.0 attribution=1.0 merged=1/1"
# eight tokens, and texts that share five of them: token F1 10/16 = 0.625 and 10/17 = 0.588
EIGHT = "alpha bravo charlie delta echo foxtrot golf hotel"
ABOVE = "alpha bravo charlie delta echo xray yankee zulu"
BELOW = ABOVE + " kilo"


# ---------------------------------------------------------------- builders


def add_entity(g: Graph, key: str, types: URIRef | tuple[URIRef, ...], name: str, *alternates: str) -> URIRef:
    """An entity node with a schema:name and alternate names."""
    node = URIRef(EX + key)
    for cls in types if isinstance(types, tuple) else (types,):
        g.add((node, RDF.type, cls))
    g.add((node, SCHEMA.name, Literal(name)))
    for alternate in alternates:
        g.add((node, SCHEMA.alternateName, Literal(alternate)))
    return node


def add_article(g: Graph, stem: str = STEM) -> URIRef:
    """A news article node identified by a gold file stem."""
    node = URIRef(EX + "article/" + stem)
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, SCHEMA.identifier, Literal(stem)))
    g.add((node, SCHEMA.headline, Literal("Headline " + stem)))
    return node


def add_quote(g: Graph, key: str, article: URIRef, text: str, speaker: URIRef | None = None,
              direct: bool | None = True, cue: str | None = "said") -> URIRef:
    """A quotation node; None leaves the speaker, direct flag or cue out."""
    node = URIRef(EX + "quote/" + key)
    g.add((node, RDF.type, SCHEMA.Quotation))
    g.add((node, SCHEMA.text, Literal(text)))
    g.add((node, SCHEMA.isPartOf, article))
    if speaker is not None:
        g.add((node, SCHEMA.creator, speaker))
    if direct is not None:
        g.add((node, NKG.direct, Literal(direct)))
    if cue is not None:
        g.add((node, NKG.cue, Literal(cue)))
    return node


def add_role_statement(g: Graph, key: str, holder: URIRef, title: str, org: URIRef | None = None) -> None:
    """A role statement node (nkg:RoleStatement)."""
    node = URIRef(EX + "role/" + key)
    g.add((node, RDF.type, NKG.RoleStatement))
    g.add((node, NKG.holder, holder))
    g.add((node, SCHEMA.roleName, Literal(title)))
    if org is not None:
        g.add((node, NKG.organization, org))


def entity(name: str, type_: str, *mentions: str, **extra: object) -> dict:
    """A gold entity."""
    return {"name": name, "type": type_, "mentions": list(mentions or (name,)), **extra}


def quote(speaker: str, text: str, direct: bool = True, **extra: object) -> dict:
    """A gold quote."""
    return {"speaker": speaker, "text": text, "direct": direct, **extra}


def write_gold(directory: Path, stem: str = STEM, entities: list[dict] | None = None,
               quotes: list[dict] | None = None, roles: list[dict] | None = None,
               published: str | None = None) -> Path:
    """Write one gold file into ``directory`` and return the directory."""
    directory.mkdir(exist_ok=True)
    doc: dict = {"entities": entities or [], "quotes": quotes or [], "roles": roles or []}
    if published:
        doc["published"] = published
    (directory / f"{stem}.json").write_text(json.dumps(doc), encoding="utf-8")
    return directory


@dataclass
class Case:
    """A gold folder and a graph that matches it perfectly, with the graph's nodes by short name."""

    gold: Path
    graph: Graph
    nodes: dict[str, URIRef]

    def report(self) -> Report:
        """Evaluate the (possibly modified) graph."""
        return evaluate(self.graph, self.gold)


SUDANI = entity("Mohammed Shia al-Sudani", "Person", "Mohammed Shia al-Sudani", "al-Sudani")
GOLD_ENTITIES = [
    SUDANI,
    entity("Pentagon", "Organization"),
    entity("Iraq", "Place"),
    entity("Ain al-Asad Air Base", "MilitaryBase", "Ain al-Asad"),
    entity("First round of talks", "Event", "first round of talks"),
]


@pytest.fixture
def case(tmp_path: Path) -> Case:
    """Five entities of the five types, one quote, one role with org, one publication date; all found."""
    gold = write_gold(
        tmp_path / "gold",
        entities=GOLD_ENTITIES,
        quotes=[quote("Mohammed Shia al-Sudani", QUOTE)],
        roles=[{"person": "Mohammed Shia al-Sudani", "role": "Prime Minister", "org": "Iraq"}],
        published="2024-01-25",
    )
    g = Graph()
    nodes = {
        "sudani": add_entity(g, "sudani", SCHEMA.Person, "Mohammed Shia al-Sudani", "al-Sudani", "Sudani"),
        "pentagon": add_entity(g, "pentagon", SCHEMA.Organization, "Pentagon"),
        "iraq": add_entity(g, "iraq", SCHEMA.Place, "Iraq"),
        "base": add_entity(g, "base", (NKG.MilitaryBase, SCHEMA.Place), "Ain al-Asad Air Base", "Ain al-Asad"),
        "talks": add_entity(g, "talks", (SCHEMA.Event, NKG.Talks), "first round of talks"),
        "article": add_article(g),
    }
    nodes["quote"] = add_quote(g, "q1", nodes["article"], QUOTE, nodes["sudani"])
    g.add((nodes["sudani"], SCHEMA.jobTitle, Literal("Prime Minister")))
    g.add((nodes["sudani"], SCHEMA.worksFor, nodes["iraq"]))
    g.add((nodes["article"], SCHEMA.datePublished, Literal("2024-01-25", datatype=rdflib.XSD.date)))
    return Case(gold, g, nodes)


def drop(g: Graph, node: URIRef) -> None:
    """Remove every triple about ``node``."""
    g.remove((node, None, None))
    g.remove((None, None, node))


# ---------------------------------------------------------------- matching


def test_norm_follows_the_scorer() -> None:
    assert norm("The Pentagon\u2019s") == "pentagon"
    assert norm("  Mohamed\u00a0Chía  al-Soudani. ") == "mohamed chia al-soudani"
    assert norm("An attack") == "attack"
    assert norm("\u201cRaid.\u201d") == "raid"


def test_token_f1_values() -> None:
    assert token_f1(EIGHT, EIGHT) == 1.0
    assert token_f1(EIGHT, ABOVE) == pytest.approx(0.625)
    assert token_f1(EIGHT, BELOW) == pytest.approx(10 / 17)
    assert token_f1(EIGHT, "") == 0.0
    assert token_f1("Prime Minister", "prime minister of Iraq") == pytest.approx(2 / 3)


# ---------------------------------------------------------------- perfect


def test_perfect_match(case: Case) -> None:
    report = case.report()
    e, q = report.entities, report.quotes
    for score in e.by_type:
        assert (score.gold, score.found, score.system, score.correct) == (1, 1, 1, 1), score.type
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert (e.recall, e.precision, e.merged, e.f1) == (Ratio(5, 5), Ratio(5, 5), Ratio(1, 1), 1.0)
    assert (q.recall, q.precision, q.attribution, q.direct, q.cue, q.f1) == (
        Ratio(1, 1), Ratio(1, 1), Ratio(1, 1), Ratio(1, 1), Ratio(1, 1), 1.0)
    assert (report.roles.recall, report.roles.with_org, report.dates.matched) == (Ratio(1, 1),) * 3
    assert e.missed == e.false == e.split == e.merge_issues == ()
    assert q.missed == q.misattributed == q.spurious == report.roles.missed == report.dates.missed == ()
    assert summary_line(report) == PERFECT


# ---------------------------------------------------------------- entities


def test_missed_entity(case: Case) -> None:
    drop(case.graph, case.nodes["pentagon"])
    e = case.report().entities
    org = next(s for s in e.by_type if s.type == "Organization")
    assert (org.gold, org.found, org.system, org.recall) == (1, 0, 0, 0.0)
    assert (e.recall, e.precision) == (Ratio(4, 5), Ratio(4, 4))
    assert e.missed == (MissedEntity("Pentagon", "Organization", (STEM,)),)


def test_false_entities_lower_precision(case: Case) -> None:
    add_entity(case.graph, "reuters", SCHEMA.Organization, "Reuters")
    add_entity(case.graph, "pentagon-place", SCHEMA.Place, "The Pentagon")  # right name, wrong type
    report = case.report()
    e = report.entities
    assert (e.recall, e.precision) == (Ratio(5, 5), Ratio(5, 7))
    assert set(e.false) == {FalseEntity("Reuters", ("Organization",)), FalseEntity("The Pentagon", ("Place",))}
    org = next(s for s in e.by_type if s.type == "Organization")
    place = next(s for s in e.by_type if s.type == "Place")
    assert (org.system, org.correct, org.precision) == (2, 1, 0.5)
    assert (place.system, place.correct) == (2, 1)  # the base, also a schema:Place, counts as a base only
    assert summary_line(report).startswith("entityR=1.0 entityP=0.714 ")


def test_node_with_several_types_is_attributed_to_each(case: Case) -> None:
    case.graph.add((case.nodes["iraq"], RDF.type, NKG.MilitaryBase))
    e = case.report().entities
    base = next(s for s in e.by_type if s.type == "MilitaryBase")
    assert (base.system, base.correct) == (2, 1)  # Iraq is no acceptable base ...
    assert e.precision == Ratio(5, 5)  # ... but a correct entity overall


def test_split_entity(case: Case) -> None:
    g, sudani = case.graph, case.nodes["sudani"]
    g.remove((sudani, SCHEMA.alternateName, Literal("al-Sudani")))
    add_entity(g, "sudani-2", SCHEMA.Person, "al-Sudani")
    e = case.report().entities
    assert (e.recall, e.precision, e.merged) == (Ratio(5, 5), Ratio(6, 6), Ratio(0, 1))
    assert [(i.name, i.type, sorted(i.nodes), i.uncovered) for i in e.split] == [
        ("Mohammed Shia al-Sudani", "Person", ["Mohammed Shia al-Sudani", "al-Sudani"], ())]
    assert e.merge_issues == e.split


def test_uncovered_surface_form_is_not_merged(case: Case) -> None:
    case.graph.remove((case.nodes["sudani"], SCHEMA.alternateName, Literal("al-Sudani")))
    e = case.report().entities
    assert (e.recall, e.merged, e.split) == (Ratio(5, 5), Ratio(0, 1), ())
    assert e.merge_issues == (
        MergeIssue("Mohammed Shia al-Sudani", "Person", ("Mohammed Shia al-Sudani",), ("al-Sudani",)),)


def test_mentions_are_merged_across_gold_files(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", "a1", entities=[entity("United States", "Place", "United States")])
    write_gold(gold, "a2", entities=[entity("United States", "Place", "US")])
    g = Graph()
    add_entity(g, "us", SCHEMA.Place, "United States")
    e = evaluate(g, gold).entities
    assert (e.recall, e.merged) == (Ratio(1, 1), Ratio(0, 1))
    assert e.merge_issues[0].uncovered == ("US",)


def test_uncertain_items_are_not_counted_against_recall(case: Case) -> None:
    doc = json.loads((case.gold / f"{STEM}.json").read_text())
    doc["entities"].append(entity("Tower 22", "MilitaryBase", uncertain=True))
    doc["quotes"].append(quote("Pentagon", EIGHT, direct=False, uncertain=True))
    (case.gold / f"{STEM}.json").write_text(json.dumps(doc))
    report = case.report()
    assert summary_line(report) == PERFECT
    # found anyway, they are correct system output
    add_entity(case.graph, "tower", NKG.MilitaryBase, "Tower 22")
    add_quote(case.graph, "q2", case.nodes["article"], EIGHT, case.nodes["pentagon"])
    report = case.report()
    assert (report.entities.recall, report.entities.precision) == (Ratio(5, 5), Ratio(6, 6))
    assert (report.quotes.recall, report.quotes.precision) == (Ratio(1, 1), Ratio(2, 2))


def test_alt_types_and_alt_speakers_are_accepted(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path / "gold",
        entities=[entity("Baghdad International Airport", "MilitaryBase", "Baghdad airport", alt_types=["Place"]),
                  entity("Office of the Prime Minister", "Organization", "PM's office"), SUDANI],
        quotes=[quote("Office of the Prime Minister", QUOTE, alt_speakers=["Mohammed Shia al-Sudani"])],
    )
    g = Graph()
    add_entity(g, "airport", SCHEMA.Place, "Baghdad airport")
    sudani = add_entity(g, "sudani", SCHEMA.Person, "al-Sudani")
    add_quote(g, "q", add_article(g), QUOTE, sudani)
    report = evaluate(g, gold)
    assert (report.entities.recall, report.entities.precision) == (Ratio(2, 3), Ratio(2, 2))
    assert report.entities.missed == (MissedEntity("Office of the Prime Minister", "Organization", (STEM,)),)
    assert report.quotes.attribution == Ratio(1, 1)


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize(("text", "found"), [(ABOVE, True), (BELOW, False)])
def test_quote_fuzzy_match_threshold(tmp_path: Path, text: str, found: bool) -> None:
    gold = write_gold(tmp_path / "gold", entities=[entity("Pentagon", "Organization")],
                      quotes=[quote("Pentagon", EIGHT)])
    g = Graph()
    add_quote(g, "q", add_article(g), text, add_entity(g, "pentagon", SCHEMA.Organization, "Pentagon"))
    q = evaluate(g, gold).quotes
    assert (q.recall, q.precision, q.attribution) == (Ratio(int(found), 1),) * 3
    assert q.missed == (() if found else (QuoteMiss(STEM, EIGHT),))
    assert q.spurious == (() if found else (QuoteMiss(STEM, text),))


def test_quote_in_another_article_does_not_match(case: Case) -> None:
    other = add_article(case.graph, "a2")
    case.graph.set((case.nodes["quote"], SCHEMA.isPartOf, other))
    q = case.report().quotes
    assert (q.recall, q.precision) == (Ratio(0, 1), Ratio(0, 1))
    assert q.spurious == (QuoteMiss("a2", QUOTE[:60]),)


def test_misattributed_quote(case: Case) -> None:
    case.graph.set((case.nodes["quote"], SCHEMA.creator, case.nodes["pentagon"]))
    report = case.report()
    q = report.quotes
    assert (q.recall, q.precision, q.attribution) == (Ratio(1, 1), Ratio(1, 1), Ratio(0, 1))
    assert q.misattributed == (Misattribution(STEM, QUOTE[:60], "Mohammed Shia al-Sudani", ("Pentagon",)),)
    assert summary_line(report) == "entityR=1.0 entityP=1.0 quoteR=1.0 quoteP=1.0 attribution=0.0 merged=1/1"


def test_spurious_quote_lowers_precision(case: Case) -> None:
    add_quote(case.graph, "q2", case.nodes["article"], "the weather will be fine tomorrow", case.nodes["iraq"])
    q = case.report().quotes
    assert (q.recall, q.precision, q.attribution) == (Ratio(1, 1), Ratio(1, 2), Ratio(1, 1))
    assert q.f1 == pytest.approx(2 / 3)
    assert q.spurious == (QuoteMiss(STEM, "the weather will be fine tomorrow"),)


def test_direct_flag_accuracy_and_cue_coverage(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", entities=[entity("Pentagon", "Organization")], quotes=[
        quote("Pentagon", QUOTE, direct=True),
        quote("Pentagon", EIGHT, direct=False),
        quote("Pentagon", "troops will stay in the country for now", direct=False),
    ])
    g = Graph()
    article, pentagon = add_article(g), add_entity(g, "pentagon", SCHEMA.Organization, "Pentagon")
    add_quote(g, "q1", article, QUOTE, pentagon, direct=True, cue="said")
    add_quote(g, "q2", article, EIGHT, pentagon, direct=True, cue=None)  # wrong flag
    add_quote(g, "q3", article, "troops will stay in the country for now", pentagon, direct=None, cue="told")
    q = evaluate(g, gold).quotes
    assert (q.recall, q.direct, q.cue) == (Ratio(3, 3), Ratio(1, 3), Ratio(2, 3))


# ---------------------------------------------------------------- roles and dates


def test_role_statement_without_org(case: Case) -> None:
    g, sudani = case.graph, case.nodes["sudani"]
    g.remove((sudani, SCHEMA.jobTitle, None))
    g.remove((sudani, SCHEMA.worksFor, None))
    add_role_statement(g, "r1", sudani, "prime minister of Iraq")
    roles = case.report().roles
    assert (roles.recall, roles.with_org) == (Ratio(1, 1), Ratio(0, 1))
    assert roles.missed == (
        RoleMiss("Mohammed Shia al-Sudani", "Prime Minister", "Iraq", (STEM,), "organization not linked"),)


def test_role_statement_with_org(case: Case) -> None:
    g, sudani = case.graph, case.nodes["sudani"]
    g.remove((sudani, SCHEMA.jobTitle, None))
    g.remove((sudani, SCHEMA.worksFor, None))
    add_role_statement(g, "r1", sudani, "Prime Minister", case.nodes["iraq"])
    roles = case.report().roles
    assert (roles.recall, roles.with_org, roles.missed) == (Ratio(1, 1), Ratio(1, 1), ())


def test_roles_found_with_and_without_org(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", entities=[
        entity("Sabrina Singh", "Person", "Sabrina Singh", "Singh"), entity("Pentagon", "Organization"),
        entity("Abu Mahdi al-Muhandis", "Person"), entity("Hadi Mizban", "Person"),
    ], roles=[
        {"person": "Sabrina Singh", "role": "Deputy Press Secretary", "org": "Pentagon"},
        {"person": "Abu Mahdi al-Muhandis", "role": "militia leader", "org": None},
        {"person": "Hadi Mizban", "role": "spokesman", "org": "Pentagon"},
        {"person": "Qassem Soleimani", "role": "commander", "org": "Iran"},
    ])
    g = Graph()
    singh = add_entity(g, "singh", SCHEMA.Person, "Singh")
    g.add((singh, SCHEMA.jobTitle, Literal("deputy press secretary")))
    g.add((singh, SCHEMA.memberOf, add_entity(g, "pentagon", SCHEMA.Organization, "The Pentagon")))
    muhandis = add_entity(g, "muhandis", SCHEMA.Person, "Abu Mahdi al-Muhandis")
    g.add((muhandis, SCHEMA.jobTitle, Literal("leader of the militia")))
    mizban = add_entity(g, "mizban", SCHEMA.Person, "Hadi Mizban")
    g.add((mizban, SCHEMA.jobTitle, Literal("minister")))
    roles = evaluate(g, gold).roles
    assert (roles.recall, roles.with_org) == (Ratio(2, 4), Ratio(2, 4))
    assert {(m.person, m.reason) for m in roles.missed} == {
        ("Hadi Mizban", "no matching title"), ("Qassem Soleimani", "person not found")}


@pytest.mark.parametrize(("value", "matched"), [
    (Literal("2024-01-25", datatype=rdflib.XSD.date), True),
    (Literal("2024-01-25T09:30:00+03:00", datatype=rdflib.XSD.dateTime), True),
    (Literal("2024-01-26", datatype=rdflib.XSD.date), False),
])
def test_date_published(case: Case, value: Literal, matched: bool) -> None:
    case.graph.set((case.nodes["article"], SCHEMA.datePublished, value))
    dates = case.report().dates
    assert dates.matched == Ratio(int(matched), 1)
    assert dates.missed == (() if matched else (DateMiss(STEM, "2024-01-25", ("2024-01-26",)),))


def test_missing_date_is_a_miss(case: Case) -> None:
    case.graph.remove((case.nodes["article"], SCHEMA.datePublished, None))
    assert case.report().dates.missed == (DateMiss(STEM, "2024-01-25", ()),)


# ---------------------------------------------------------------- input


def test_dataset_is_read_as_union_of_named_graphs(case: Case) -> None:
    ds = Dataset()
    entities = ds.graph(URIRef(EX + "graph/entities"))
    article = ds.graph(URIRef(EX + "graph/article/a1"))
    for triple in case.graph:
        subject = triple[0]
        target = article if subject in (case.nodes["article"], case.nodes["quote"]) else entities
        target.add(triple)
    assert len(entities) > 0 and len(article) > 0
    assert summary_line(evaluate(ds, case.gold)) == PERFECT


def test_missing_gold_dir(tmp_path: Path) -> None:
    with pytest.raises(KGError, match="not found"):
        evaluate(Graph(), tmp_path / "nope")


def test_gold_dir_without_json(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(KGError, match="no gold .json files"):
        evaluate(Graph(), tmp_path)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "cannot read gold file"),
    (json.dumps({"entities": []}), "malformed"),
    (json.dumps([1, 2]), "malformed"),
    (json.dumps({"entities": [entity("X", "Thing")], "quotes": []}), "unknown entity type"),
])
def test_bad_gold_file(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "a1.json").write_text(content)
    with pytest.raises(KGError, match=message) as info:
        evaluate(Graph(), tmp_path)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- output


def test_format_report(case: Case) -> None:
    drop(case.graph, case.nodes["pentagon"])
    report = case.report()
    text = format_report(report)
    lines = text.splitlines()
    assert lines[-1] == summary_line(report) == (
        "entityR=0.8 entityP=1.0 quoteR=1.0 quoteP=1.0 attribution=1.0 merged=1/1")
    assert lines[1].split() == ["type", "gold", "found", "system", "correct", "P", "R", "F1"]
    assert "Organization 1 0 0 0 0.000 0.000 0.000" in [" ".join(line.split()) for line in lines]
    assert "all 5 4 4 4 1.000 0.800 0.889" in [" ".join(line.split()) for line in lines]
    assert "entities missed (1):" in lines and "  Pentagon [Organization] in a1" in lines
    brief = format_report(report, misses=False)
    assert "entities missed" not in brief and brief.splitlines()[-1] == lines[-1]


def test_report_json(case: Case) -> None:
    case.graph.set((case.nodes["quote"], SCHEMA.creator, case.nodes["pentagon"]))
    data = json.loads(json.dumps(report_json(case.report())))
    assert data["summary"] == {"entity_recall": 1.0, "entity_precision": 1.0, "merge_complete": "1/1",
                               "quote_recall": 1.0, "quote_attribution": 0.0, "quote_precision": 1.0}
    assert data["quotes"]["attribution"] == {"hits": 0, "total": 1, "value": 0.0}
    assert data["quotes"]["misattributed"][0]["system_speakers"] == ["Pentagon"]
    assert data["entities"]["by_type"][0]["f1"] == 1.0


def test_summary_line_equals_acceptance_scorer(case: Case, tmp_path: Path) -> None:
    g, n = case.graph, case.nodes
    drop(g, n["pentagon"])  # missed: recall 4/5
    add_entity(g, "reuters", SCHEMA.Organization, "Reuters")  # false
    g.remove((n["sudani"], SCHEMA.alternateName, Literal("al-Sudani")))
    add_entity(g, "sudani-2", SCHEMA.Person, "al-Sudani")  # split: precision 5/6, merged 0/1
    g.set((n["quote"], SCHEMA.creator, n["iraq"]))  # misattributed
    add_quote(g, "q2", n["article"], "the weather will be fine tomorrow")  # spurious
    path = tmp_path / "graph.ttl"
    g.serialize(path, format="turtle")
    result = subprocess.run([sys.executable, str(SCORE_PY), str(path), str(case.gold)],
                            capture_output=True, text=True, check=True)
    expected = "entityR=0.8 entityP=0.833 quoteR=1.0 quoteP=0.5 attribution=0.0 merged=0/1"
    assert result.stdout.splitlines()[-1] == expected
    assert summary_line(evaluate(Graph().parse(path), case.gold)) == expected
