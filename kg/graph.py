"""Records to RDF: pure functions, same input, same triples, same IRIs.

``article_triples`` describes one article: the article (a ``schema:NewsArticle``
and a NIF context holding the stored text), every mention with its character
offsets (NIF), the quotations, role statements, events and dates. The
entities' names live in one shared graph described by ``entity_triples``,
because a name is chosen from every article that mentions the entity.
Triples are N-Triples text (:mod:`kg.ntriples`), the form the store writes;
``article_graph`` and ``entity_graph`` give the same as rdflib graphs.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

from .link import head
from .ntriples import Triple, boolean, date, integer, iri, literal, to_graph
from .records import ArticleRecords, Entity, Mention, Quote, Role
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
    article_graph_iri,
    article_iri,
    entity_iri,
    quote_iri,
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

_TYPE_TERMS = {kind: tuple(iri(c) for c in classes) for kind, classes in TYPE_CLASSES.items()}
_EVENT_TERMS = {kind: iri(c) for kind, c in EVENT_CLASSES.items()}
A = iri(RDF.type)
_P = {name: iri(ns[name]) for ns, names in (
    (SCHEMA, "NewsArticle identifier headline url datePublished mentions Quotation text isPartOf creator "
             "jobTitle worksFor roleName startDate location Event name alternateName"),
    (NIF, "Context isString beginIndex endIndex referenceContext anchorOf"),
    (NKG, "sourceFile Mention direct cue speakerMention speakerRole RoleStatement holder organization asOf "
          "mention participant refersTo TimeExpression dateValue precision key surnameKey headKey"),
    (ITSRDF, "taIdentRef"), (PROV, "wasAttributedTo wasDerivedFrom"), (OWL, "sameAs"),
) for name in names.split()}


def new_graph(identifier: str | URIRef | None = None) -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph(identifier=URIRef(identifier) if identifier else None)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def entity_ref(entity: Entity) -> URIRef:
    """The IRI of an entity record."""
    return URIRef(entity_iri(entity.type, entity.key))


def _url(value: str) -> str:
    parts = urlsplit(value)
    return iri(value) if parts.scheme in ("http", "https") and parts.netloc and " " not in value else literal(value)


def _span(out: list[Triple], node: str, context: str, start: int, end: int, text: str) -> None:
    out += [(node, _P["referenceContext"], context), (node, _P["beginIndex"], integer(start)),
            (node, _P["endIndex"], integer(end)), (node, _P["anchorOf"], literal(text))]


def mention_iri(article: str, start: int, end: int) -> str:
    """NIF-style IRI of a character span of an article (RFC 5147 ``char=``)."""
    return f"{article}#char={start},{end}"


def article_triples(records: ArticleRecords) -> list[Triple]:
    """The triples of the named graph of one article (``article_graph_iri`` of its identifier)."""
    source = records.source
    article_value = article_iri(source.identifier)
    article = iri(article_value)
    out: list[Triple] = [
        (article, A, _P["NewsArticle"]), (article, A, _P["Context"]),
        (article, _P["identifier"], literal(source.identifier)), (article, _P["headline"], literal(source.headline)),
        (article, _P["isString"], literal(source.text)), (article, _P["beginIndex"], integer(0)),
        (article, _P["endIndex"], integer(len(source.text))),
    ]
    if source.url:
        out.append((article, _P["url"], _url(source.url)))
    if source.published:
        out.append((article, _P["datePublished"], date(source.published)))
    if source.path:
        out.append((article, _P["sourceFile"], literal(source.path.rsplit("/", 1)[-1])))
    refs = {entity.key: iri(entity_iri(entity.type, entity.key)) for entity in records.entities}
    for entity in records.entities:
        out += [(refs[entity.key], A, cls) for cls in _TYPE_TERMS[entity.type]]
        out.append((article, _P["mentions"], refs[entity.key]))
    for mention in records.mentions:
        node = iri(mention_iri(article_value, mention.start, mention.end))
        out.append((node, A, _P["Mention"]))
        _span(out, node, article, mention.start, mention.end, mention.text)
        out.append((node, _P["taIdentRef"], refs[mention.entity]))
    for quote in records.quotes:
        _add_quote(out, article_value, quote, refs, records.mentions)
    for role in records.roles:
        _add_role(out, article_value, role, refs, source.published)
    for event in records.events:
        node = refs[event.entity]
        out.append((node, A, _EVENT_TERMS.get(event.trigger, _P["Event"])))
        if event.date:
            out.append((node, _P["startDate"], date(event.date)))
        if event.place:
            out.append((node, _P["location"], refs[event.place]))
        out += [(node, _P["participant"], refs[participant]) for participant in event.participants]
    for time in records.times:
        node = iri(mention_iri(article_value, time.start, time.end))
        out.append((node, A, _P["TimeExpression"]))
        _span(out, node, article, time.start, time.end, time.text)
        if time.value:
            out += [(node, _P["dateValue"], date(time.value)), (node, _P["precision"], literal(time.precision))]
    return list(dict.fromkeys(out))


def article_graph(records: ArticleRecords) -> Graph:
    """The named graph of one article, as an rdflib graph."""
    return to_graph(article_triples(records), new_graph(article_graph_iri(records.source.identifier)))


def _add_quote(out: list[Triple], article_value: str, quote: Quote, refs: dict[str, str],
               mentions: Iterable[Mention]) -> None:
    """A quotation's triples, with the entities named inside its span (``nkg:refersTo``)."""
    article = iri(article_value)
    node = iri(quote_iri(article_value, quote.start, quote.end))
    out += [(node, A, _P["Quotation"]), (node, _P["text"], literal(quote.text)), (node, _P["isPartOf"], article),
            (node, _P["direct"], boolean(quote.direct)), (node, _P["referenceContext"], article),
            (node, _P["beginIndex"], integer(quote.start)), (node, _P["endIndex"], integer(quote.end))]
    if quote.cue:
        out.append((node, _P["cue"], literal(quote.cue)))
    if quote.speaker:
        for key in (quote.speaker, *quote.co_speakers):
            out += [(node, _P["creator"], refs[key]), (node, _P["wasAttributedTo"], refs[key])]
        if quote.speaker_start is not None:
            out.append((node, _P["speakerMention"],
                        iri(mention_iri(article_value, quote.speaker_start, quote.speaker_end))))
    if quote.role:
        out.append((node, _P["speakerRole"], literal(quote.role)))
    out += [(node, _P["refersTo"], refs[mention.entity]) for mention in mentions
            if quote.start <= mention.start and mention.end <= quote.end]


def _add_role(out: list[Triple], article_value: str, role: Role, refs: dict[str, str], published) -> None:
    person = refs[role.person]
    where = f"{role.start}-{role.end}" if role.start is not None else slug(role.person.split(":", 1)[-1])
    node = iri(f"{article_value}/role/{where}/{slug(role.title)}")
    out += [(node, A, _P["RoleStatement"]), (node, _P["holder"], person), (node, _P["roleName"], literal(role.title)),
            (node, _P["wasDerivedFrom"], iri(article_value)), (person, _P["jobTitle"], literal(role.title))]
    if role.org:
        out += [(node, _P["organization"], refs[role.org]), (person, _P["worksFor"], refs[role.org])]
    if published:
        out.append((node, _P["asOf"], date(published)))
    if role.start is not None:
        out.append((node, _P["mention"], iri(mention_iri(article_value, role.start, role.end))))


def choose_name(names: Counter, preferred: Iterable[str] = ()) -> str:
    """The canonical name among the surface forms seen (deterministic).

    A preferred (gazetteer) name wins; otherwise the name with the most words,
    then the most frequent, then the first in code-point order.
    """
    preferred = [p for p in preferred if p]
    if preferred:
        return min(preferred, key=lambda p: (-names.get(p, 0), p))
    return min(names, key=lambda n: (-len(n.split()), -names[n], n))


def entity_triples(iri_value: str, entity_type: str, names: Counter, preferred: Iterable[str] = (),
                   wikidata: str | None = None, keys: Iterable[str] = ()) -> list[Triple]:
    """Description of one entity in the shared entities graph."""
    node = iri(iri_value)
    out = [(node, A, cls) for cls in _TYPE_TERMS[entity_type]]
    name = choose_name(names, preferred)
    out.append((node, _P["name"], literal(name)))
    out += [(node, _P["alternateName"], literal(other)) for other in sorted(set(names) - {name})]
    if wikidata:
        out.append((node, _P["sameAs"], iri(WD[wikidata])))
    for key in keys:
        out.append((node, _P["key"], literal(key)))
        words = key.split(":", 1)[-1].split()
        if entity_type == "Person" and words:
            out.append((node, _P["surnameKey"], literal(words[-1])))
        elif entity_type == "Organization" and words:
            out.append((node, _P["headKey"], literal(head(key))))
    return list(dict.fromkeys(out))


def entity_graph(iri_value: str, entity_type: str, names: Counter, preferred: Iterable[str] = (),
                 wikidata: str | None = None, keys: Iterable[str] = ()) -> Graph:
    """Description of one entity in the shared entities graph, as an rdflib graph."""
    return to_graph(entity_triples(iri_value, entity_type, names, preferred, wikidata, keys), new_graph())


__all__ = ["article_graph", "article_triples", "choose_name", "entity_graph", "entity_ref", "entity_triples",
           "mention_iri", "new_graph"]
