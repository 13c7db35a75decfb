"""Records to RDF: pure functions, same input, same triples, same IRIs.

``article_graph`` describes one article: the article (a ``schema:NewsArticle``
and a NIF context holding the stored text), every mention with its character
offsets (NIF), the quotations, role statements, events and dates. The
entities' names live in one shared graph described by ``entity_graph``,
because a name is chosen from every article that mentions the entity.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable
from urllib.parse import urlsplit

from rdflib import Graph, Literal, URIRef

from .link import head
from .records import ArticleRecords, Entity, Quote, Role
from .resources import event_kinds
from .vocab import (
    ITSRDF,
    NIF,
    NKG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    SCHEMA,
    WD,
    XSD,
    article_graph_iri,
    article_iri,
    entity_iri,
    slug,
)

TYPE_CLASSES = {
    "Person": (SCHEMA.Person,),
    "Organization": (SCHEMA.Organization,),
    "Place": (SCHEMA.Place,),
    "MilitaryBase": (NKG.MilitaryBase, SCHEMA.Place),
    "Event": (SCHEMA.Event,),
}
EVENT_CLASSES = {kind: NKG[kind] for kind in event_kinds() if not kind.startswith("_")}  # ontology.ttl declares them


def new_graph(identifier: str | URIRef | None = None) -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph(identifier=URIRef(identifier) if identifier else None)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def entity_ref(entity: Entity) -> URIRef:
    """The IRI of an entity record."""
    return URIRef(entity_iri(entity.type, entity.key))


def date_literal(value: dt.date | dt.datetime) -> Literal:
    """``xsd:date`` or ``xsd:dateTime`` literal for a date value."""
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def _url(value: str) -> URIRef | Literal:
    parts = urlsplit(value)
    return URIRef(value) if parts.scheme in ("http", "https") and parts.netloc and " " not in value else Literal(value)


def _span(graph: Graph, node: URIRef, context: URIRef, start: int, end: int, text: str) -> None:
    graph.add((node, NIF.referenceContext, context))
    graph.add((node, NIF.beginIndex, Literal(start, datatype=XSD.integer)))
    graph.add((node, NIF.endIndex, Literal(end, datatype=XSD.integer)))
    graph.add((node, NIF.anchorOf, Literal(text)))


def mention_iri(article: str, start: int, end: int) -> URIRef:
    """NIF-style IRI of a character span of an article (RFC 5147 ``char=``)."""
    return URIRef(f"{article}#char={start},{end}")


def article_graph(records: ArticleRecords) -> Graph:
    """The named graph of one article."""
    source = records.source
    article = URIRef(article_iri(source.identifier))
    graph = new_graph(article_graph_iri(source.identifier))
    graph.add((article, RDF.type, SCHEMA.NewsArticle))
    graph.add((article, RDF.type, NIF.Context))
    graph.add((article, SCHEMA.identifier, Literal(source.identifier)))
    graph.add((article, SCHEMA.headline, Literal(source.headline)))
    graph.add((article, NIF.isString, Literal(source.text)))
    graph.add((article, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    graph.add((article, NIF.endIndex, Literal(len(source.text), datatype=XSD.integer)))
    if source.url:
        graph.add((article, SCHEMA.url, _url(source.url)))
    if source.published:
        graph.add((article, SCHEMA.datePublished, date_literal(source.published)))
    if source.path:
        graph.add((article, NKG.sourceFile, Literal(source.path.rsplit("/", 1)[-1])))
    refs = {entity.key: entity_ref(entity) for entity in records.entities}
    for entity in records.entities:
        for cls in TYPE_CLASSES[entity.type]:
            graph.add((refs[entity.key], RDF.type, cls))
        graph.add((article, SCHEMA.mentions, refs[entity.key]))
    for mention in records.mentions:
        node = mention_iri(article, mention.start, mention.end)
        graph.add((node, RDF.type, NKG.Mention))
        _span(graph, node, article, mention.start, mention.end, mention.text)
        graph.add((node, ITSRDF.taIdentRef, refs[mention.entity]))
    for quote in records.quotes:
        _add_quote(graph, article, quote, refs)
    for role in records.roles:
        _add_role(graph, article, role, refs, source.published)
    for event in records.events:
        node = refs[event.entity]
        graph.add((node, RDF.type, EVENT_CLASSES.get(event.trigger, SCHEMA.Event)))
        if event.date:
            graph.add((node, SCHEMA.startDate, date_literal(event.date)))
        if event.place:
            graph.add((node, SCHEMA.location, refs[event.place]))
        for participant in event.participants:
            graph.add((node, NKG.participant, refs[participant]))
    for time in records.times:
        node = mention_iri(article, time.start, time.end)
        graph.add((node, RDF.type, NKG.TimeExpression))
        _span(graph, node, article, time.start, time.end, time.text)
        if time.value:
            graph.add((node, NKG.dateValue, date_literal(time.value)))
            graph.add((node, NKG.precision, Literal(time.precision)))
    return graph


def _add_quote(graph: Graph, article: URIRef, quote: Quote, refs: dict[str, URIRef]) -> None:
    node = URIRef(f"{article}/quote/{quote.start}-{quote.end}")
    graph.add((node, RDF.type, SCHEMA.Quotation))
    graph.add((node, SCHEMA.text, Literal(quote.text)))
    graph.add((node, SCHEMA.isPartOf, article))
    graph.add((node, NKG.direct, Literal(quote.direct)))
    graph.add((node, NIF.referenceContext, article))
    graph.add((node, NIF.beginIndex, Literal(quote.start, datatype=XSD.integer)))
    graph.add((node, NIF.endIndex, Literal(quote.end, datatype=XSD.integer)))
    if quote.cue:
        graph.add((node, NKG.cue, Literal(quote.cue)))
    if quote.speaker:
        for key in (quote.speaker, *quote.co_speakers):
            graph.add((node, SCHEMA.creator, refs[key]))
            graph.add((node, PROV.wasAttributedTo, refs[key]))
        if quote.speaker_start is not None:
            graph.add((node, NKG.speakerMention, mention_iri(article, quote.speaker_start, quote.speaker_end)))
    if quote.role:
        graph.add((node, NKG.speakerRole, Literal(quote.role)))


def _add_role(graph: Graph, article: URIRef, role: Role, refs: dict[str, URIRef],
              published: dt.date | dt.datetime | None) -> None:
    person = refs[role.person]
    where = f"{role.start}-{role.end}" if role.start is not None else slug(role.person.split(":", 1)[-1])
    node = URIRef(f"{article}/role/{where}/{slug(role.title)}")
    graph.add((node, RDF.type, NKG.RoleStatement))
    graph.add((node, NKG.holder, person))
    graph.add((node, SCHEMA.roleName, Literal(role.title)))
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((person, SCHEMA.jobTitle, Literal(role.title)))
    if role.org:
        graph.add((node, NKG.organization, refs[role.org]))
        graph.add((person, SCHEMA.worksFor, refs[role.org]))
    if published:
        graph.add((node, NKG.asOf, date_literal(published)))
    if role.start is not None:
        graph.add((node, NKG.mention, mention_iri(article, role.start, role.end)))


def choose_name(names: Counter, preferred: Iterable[str] = ()) -> str:
    """The canonical name among the surface forms seen (deterministic).

    A preferred (gazetteer) name wins; otherwise the name with the most words,
    then the most frequent, then the first in code-point order.
    """
    preferred = [p for p in preferred if p]
    if preferred:
        return min(preferred, key=lambda p: (-names.get(p, 0), p))
    return min(names, key=lambda n: (-len(n.split()), -names[n], n))


def entity_graph(iri: str, entity_type: str, names: Counter, preferred: Iterable[str] = (),
                 wikidata: str | None = None, keys: Iterable[str] = ()) -> Graph:
    """Description of one entity in the shared entities graph."""
    graph = new_graph()
    node = URIRef(iri)
    for cls in TYPE_CLASSES[entity_type]:
        graph.add((node, RDF.type, cls))
    name = choose_name(names, preferred)
    graph.add((node, SCHEMA.name, Literal(name)))
    for other in sorted(set(names) - {name}):
        graph.add((node, SCHEMA.alternateName, Literal(other)))
    if wikidata:
        graph.add((node, OWL.sameAs, WD[wikidata]))
    for key in keys:
        graph.add((node, NKG.key, Literal(key)))
        words = key.split(":", 1)[-1].split()
        if entity_type == "Person" and words:
            graph.add((node, NKG.surnameKey, Literal(words[-1])))
        elif entity_type == "Organization" and words:
            graph.add((node, NKG.headKey, Literal(head(key))))
    return graph


__all__ = ["article_graph", "choose_name", "date_literal", "entity_graph", "entity_ref", "mention_iri",
           "new_graph"]
