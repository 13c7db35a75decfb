"""Namespaces and IRI minting shared by the graph builder, the store and the API."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("https://schema.org/")
NKG = Namespace("https://w3id.org/newskg/ns#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
WD = Namespace("http://www.wikidata.org/entity/")

BASE = "https://w3id.org/newskg/id/"
ENTITIES_GRAPH = BASE + "graph/entities"
STATEMENTS_GRAPH = BASE + "graph/statements"  # derived: quotations grouped across articles (kg/statements.py)
ONTOLOGY_GRAPH = "https://w3id.org/newskg/ns"
_ENTITY_KINDS = frozenset({"person", "organization", "place", "militarybase", "event"})  # first IRI segment

PREFIXES = {
    "schema": SCHEMA,
    "nkg": NKG,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "wd": WD,
}

__all__ = [
    "SCHEMA", "NKG", "NIF", "ITSRDF", "WD", "PROV", "RDF", "RDFS", "SKOS", "OWL", "XSD",
    "BASE", "ENTITIES_GRAPH", "ONTOLOGY_GRAPH", "PREFIXES",
    "slug", "article_iri", "article_graph_iri", "entity_iri", "entity_id", "iri_of_entity_id", "quote_iri",
    "quote_position",
]


def slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII slug of ``text`` for readable IRIs (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _safe_id(identifier: str) -> str:
    """The identifier as one IRI path segment (unreserved characters kept, the rest %-encoded)."""
    return quote(identifier, safe="")


def article_iri(identifier: str) -> str:
    """IRI of the article node for a source identifier."""
    return f"{BASE}article/{_safe_id(identifier)}"


def article_graph_iri(identifier: str) -> str:
    """IRI of the named graph that holds one article's statements."""
    return f"{BASE}graph/article/{_safe_id(identifier)}"


@lru_cache(maxsize=65536)
def entity_iri(entity_type: str, key: str) -> str:
    """Deterministic IRI of an entity from its type and resolution key."""
    readable = slug(key.split(":", 1)[-1], 40) or "x"
    return f"{BASE}{entity_type.lower()}/{readable}-{_digest(entity_type + '|' + key)}"


def quote_iri(article: str, start: int, end: int) -> str:
    """IRI of the quotation at ``start``-``end`` of the article with IRI ``article``."""
    return f"{article}/quote/{start}-{end}"


def quote_position(iri: str) -> tuple[str, int] | None:
    """The article IRI and start offset a :func:`quote_iri` is made of (``None`` for any other IRI)."""
    match = _QUOTE.fullmatch(iri)
    return (match[1], int(match[2])) if match else None


_QUOTE = re.compile(r"(.+)/quote/([0-9]+)-[0-9]+")


def entity_id(iri: str) -> str | None:
    """The short identifier of an entity IRI used in URLs (``person/muhamad-shia-sudani-04f3ca2d85``).

    It is the IRI's path below :data:`BASE`; ``None`` for an IRI that is not a project entity.
    """
    if not iri.startswith(BASE):
        return None
    local = iri[len(BASE):]
    kind, _, rest = local.partition("/")
    return local if kind in _ENTITY_KINDS and rest and "/" not in rest else None


def iri_of_entity_id(identifier: str) -> str | None:
    """The entity IRI for a short identifier from :func:`entity_id`; ``None`` when it cannot be one."""
    iri = BASE + identifier
    return iri if entity_id(iri) == identifier else None
