"""Records to RDF: the article graph for a hand-made record, compared as graphs."""
import datetime as dt
from dataclasses import replace

from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic

from kg.graph import article_graph, choose_name, entity_graph
from kg.records import ArticleRecords, Entity, Mention, Quote, Role, Source
from kg.vocab import NKG, SCHEMA, entity_iri

TEXT = "Title\n\nAli Baba said “hi there”."
PERSON = "Person:ali baba"


def records() -> ArticleRecords:
    source = Source("a1", TEXT, headline="Title", published=dt.date(2024, 1, 25), path="in/a1.txt",
                    url="https://news.example/a1")
    return ArticleRecords(
        source,
        entities=(Entity(PERSON, "Person", "Ali Baba", ("Ali Baba",)),),
        mentions=(Mention(7, 15, "Ali Baba", PERSON),),
        quotes=(Quote(22, 30, "hi there", PERSON, 7, 15, "said", True, "spokesman"),),
        roles=(Role(PERSON, "spokesman", None, 7, 15),),
    )


EXPECTED = """
@prefix schema: <https://schema.org/> . @prefix nkg: <https://w3id.org/newskg/ns#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix a: <https://w3id.org/newskg/id/article/> .

a:a1 a schema:NewsArticle, nif:Context ;
    schema:identifier "a1" ; schema:headline "Title" ;
    schema:url <https://news.example/a1> ;
    schema:datePublished "2024-01-25"^^xsd:date ;
    nkg:sourceFile "a1.txt" ;
    nif:isString "Title\\n\\nAli Baba said “hi there”." ;
    nif:beginIndex 0 ; nif:endIndex 32 ;
    schema:mentions <PERSON> .

<PERSON> a schema:Person ; schema:jobTitle "spokesman" .

<https://w3id.org/newskg/id/article/a1#char=7,15> a nkg:Mention ;
    nif:referenceContext a:a1 ; nif:beginIndex 7 ; nif:endIndex 15 ; nif:anchorOf "Ali Baba" ;
    itsrdf:taIdentRef <PERSON> .

<https://w3id.org/newskg/id/article/a1/quote/22-30> a schema:Quotation ;
    schema:text "hi there" ; schema:isPartOf a:a1 ; nkg:direct true ; nkg:cue "said" ;
    nif:referenceContext a:a1 ; nif:beginIndex 22 ; nif:endIndex 30 ;
    schema:creator <PERSON> ; prov:wasAttributedTo <PERSON> ;
    nkg:speakerMention <https://w3id.org/newskg/id/article/a1#char=7,15> ;
    nkg:speakerRole "spokesman" .

<https://w3id.org/newskg/id/article/a1/role/7-15/spokesman> a nkg:RoleStatement ;
    nkg:holder <PERSON> ; schema:roleName "spokesman" ; prov:wasDerivedFrom a:a1 ;
    nkg:asOf "2024-01-25"^^xsd:date ;
    nkg:mention <https://w3id.org/newskg/id/article/a1#char=7,15> .
"""


def test_article_graph_matches_the_contract_shape():
    got = article_graph(records())
    want = Graph().parse(data=EXPECTED.replace("PERSON", entity_iri("Person", PERSON)), format="turtle")
    _, only_got, only_want = graph_diff(got, want)
    assert (sorted(only_got), sorted(only_want)) == ([], [])


def test_a_joint_statement_has_every_speaker_as_creator():
    other = "Person:baba ali"
    record = records()
    joint = ArticleRecords(record.source, record.entities + (Entity(other, "Person", "Baba Ali", ("Baba Ali",)),),
                           record.mentions, (replace(record.quotes[0], co_speakers=(other,)),), record.roles)
    quote = URIRef("https://w3id.org/newskg/id/article/a1/quote/22-30")
    creators = set(article_graph(joint).objects(quote, SCHEMA.creator))
    assert creators == {URIRef(entity_iri("Person", PERSON)), URIRef(entity_iri("Person", other))}


def test_a_quotation_refers_to_the_entities_named_inside_its_words():
    text = "Title\n\nAli Baba said “Baghdad and Basra agree”."
    city, port = "Place:baghdad", "Place:basra"
    record = ArticleRecords(
        Source("a1", text),
        entities=(Entity(PERSON, "Person", "Ali Baba", ("Ali Baba",)), Entity(city, "Place", "Baghdad", ("Baghdad",)),
                  Entity(port, "Place", "Basra", ("Basra",))),
        mentions=(Mention(7, 15, "Ali Baba", PERSON), Mention(22, 29, "Baghdad", city), Mention(34, 39, "Basra", port)),
        quotes=(Quote(22, 45, "Baghdad and Basra agree", PERSON, 7, 15, "said"),),
    )
    quote = URIRef("https://w3id.org/newskg/id/article/a1/quote/22-45")
    assert set(article_graph(record).objects(quote, NKG.refersTo)) == {URIRef(entity_iri("Place", city)),
                                                                       URIRef(entity_iri("Place", port))}


def test_offsets_point_at_the_text():
    record = records()
    quote, mention = record.quotes[0], record.mentions[0]
    assert TEXT[quote.start:quote.end] == quote.text
    assert TEXT[mention.start:mention.end] == mention.text


def test_same_records_same_graph():
    assert isomorphic(article_graph(records()), article_graph(records()))
    assert str(article_graph(records()).identifier) == "https://w3id.org/newskg/id/graph/article/a1"


def test_identifiers_with_odd_characters_stay_valid_iris():
    source = Source("dir/ä b#1", "Text")
    graph = article_graph(ArticleRecords(source))
    subjects = {str(s) for s in graph.subjects()}
    assert subjects == {"https://w3id.org/newskg/id/article/dir%2F%C3%A4%20b%231"}


def test_datetime_publication_is_typed_datetime():
    source = Source("a", "Text", published=dt.datetime(2024, 1, 25, 10, 30))
    graph = article_graph(ArticleRecords(source))
    (value,) = graph.objects(predicate=next(p for p in graph.predicates() if p.endswith("datePublished")))
    assert str(value.datatype) == "http://www.w3.org/2001/XMLSchema#dateTime"


def test_canonical_name_prefers_gazetteer_then_longest_then_most_frequent():
    from collections import Counter

    assert choose_name(Counter({"US": 5, "United States": 1}), ["United States"]) == "United States"
    names = Counter({"Mohammed Shia al-Sudani": 3, "Mohamed Chia al-Soudani": 1, "Sudani": 9})
    assert choose_name(names) == "Mohammed Shia al-Sudani"


def test_entity_graph_has_one_name_and_alternates():
    from collections import Counter

    graph = entity_graph("https://x/e", "Place", Counter({"US": 2, "United States": 1}), ["United States"], "Q30")
    turtle = graph.serialize(format="nt")
    assert '<https://schema.org/name> "United States"' in turtle
    assert '<https://schema.org/alternateName> "US"' in turtle
    assert "<http://www.wikidata.org/entity/Q30>" in turtle
