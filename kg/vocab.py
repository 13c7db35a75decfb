"""Namespaces and IRI minting shared by the graph builder, the store and the API."""
from __future__ import annotations

import hashlib
import re
import unicodedata
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
    "slug", "article_iri", "article_graph_iri", "entity_iri",
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


def entity_iri(entity_type: str, key: str) -> str:
    """Deterministic IRI of an entity from its type and resolution key."""
    readable = slug(key.split(":", 1)[-1], 40) or "x"
    return f"{BASE}{entity_type.lower()}/{readable}-{_digest(entity_type + '|' + key)}"
