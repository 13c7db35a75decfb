"""Score the graph against hand-annotated gold files (``kg evaluate``).

The headline figures (entity recall/precision, merging, quote recall,
precision and attribution) follow the acceptance scorer
``shared/eval/score.py``: the same name normalisation, token F1 with a 0.6
threshold for quotes, entities matched by any of their names, uncertain gold
items left out of recall, ``alt_types``/``alt_speakers`` accepted, and the
graph read as loosely as the scorer reads it (types, names, quote text and
speakers by local name). One deliberate difference: an article is keyed by
its ``identifier`` when it has one, where the scorer takes whichever of its
identifier/url/source properties it meets last.

Beyond the headline the report gives per-type entity scores, direct-flag
accuracy and cue coverage of the found quotes, role and publication-date
recall, and the lists of misses, so that the effect of a rule change shows.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import rdflib
from rdflib import RDF, Literal
from rdflib.term import Node

from kg.errors import KGError
from kg.records import ENTITY_TYPES, EVENT, MILITARY_BASE, ORGANIZATION, PERSON, PLACE
from kg.vocab import NKG, SCHEMA

__all__ = [
    "QUOTE_THRESHOLD", "ROLE_THRESHOLD",
    "Ratio", "TypeScore", "MissedEntity", "FalseEntity", "MergeIssue", "QuoteMiss",
    "Misattribution", "RoleMiss", "DateMiss",
    "EntityReport", "QuoteReport", "RoleReport", "DateReport", "Report",
    "norm", "token_f1", "evaluate", "summary_line", "format_report", "report_json",
]

QUOTE_THRESHOLD = 0.6
ROLE_THRESHOLD = 0.5
_PREFIX = 60
# why a gold role is missed
_NO_PERSON, _NO_TITLE, _NO_ORG = "person not found", "no matching title", "organization not linked"

# rdf:type local names the scorer accepts for each entity type
_TYPE_NAMES: dict[str, frozenset[str]] = {
    PERSON: frozenset({"Person"}),
    ORGANIZATION: frozenset({
        "Organization", "GovernmentOrganization", "NGO", "MilitaryOrganization", "Corporation",
        "NewsMediaOrganization", "PoliticalParty", "ArmedGroup", "Alliance", "Agency",
    }),
    PLACE: frozenset({
        "Place", "Country", "City", "AdministrativeArea", "State", "Continent", "Region", "GeoPlace",
    }),
    MILITARY_BASE: frozenset({"MilitaryBase", "Base", "Airport", "MilitaryFacility"}),
    EVENT: frozenset({
        "Event", "MilitaryEvent", "Attack", "Meeting", "Talks", "Negotiation", "Strike", "Airstrike",
    }),
}
_NAME_PROPS = frozenset({"label", "name", "alternateName", "prefLabel", "altLabel", "alias", "surfaceForm"})
_TEXT_PROPS = frozenset({"text", "value", "quoteText", "content"})
_SPEAKER_PROPS = frozenset({
    "creator", "author", "spokenByCharacter", "speaker", "attributedTo", "wasAttributedTo", "saidBy",
})
_QUOTE_TYPES = frozenset({"Quotation", "Quote", "Statement"})
_ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "Document"})
# properties that identify an article's source file, in order of preference
_KEY_PROPS = ("identifier", "url", "source", "sourceFile", "wasDerivedFrom", "sameAs")

_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

_T = TypeVar("_T")


# --------------------------------------------------------------- matching


def norm(text: str) -> str:
    """Normalise a name or quote for comparison, exactly as the acceptance scorer does."""
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_CURLY)
    text = re.sub(r"[\s\u00a0]+", " ", text).strip().lower()
    text = re.sub(r"^(the|a|an) ", "", text)
    text = re.sub(r"'s$", "", text)
    return text.strip(" .,;:\"'")


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text))


def token_f1(gold: str, system: str) -> float:
    """Harmonic mean of token precision and recall of ``system`` against ``gold`` (0.0 if either is empty)."""
    gold_tokens, system_tokens = _tokens(gold), _tokens(system)
    hit = sum((Counter(gold_tokens) & Counter(system_tokens)).values())
    if not hit:
        return 0.0
    precision, recall = hit / len(system_tokens), hit / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def _forms(names: Iterable[str]) -> frozenset[str]:
    return frozenset(norm(name) for name in names)


def _local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _prefix(text: str) -> str:
    return text[:_PREFIX]


def _merge_by(items: Iterable[_T], key: Callable[[_T], Hashable], combine: Callable[[_T, _T], _T]) -> list[_T]:
    """Fold items with equal keys into the first one, in first-seen order."""
    merged: dict[Hashable, _T] = {}
    for item in items:
        k = key(item)
        merged[k] = combine(merged[k], item) if k in merged else item
    return list(merged.values())


# ------------------------------------------------------------------- gold


@dataclass(frozen=True)
class _GoldEntity:
    name: str
    type: str
    alt_types: frozenset[str]
    mentions: frozenset[str]
    uncertain: bool
    articles: tuple[str, ...]

    @property
    def types(self) -> frozenset[str]:
        return self.alt_types | {self.type}

    @property
    def forms(self) -> frozenset[str]:
        """Normalised mentions and canonical name: what a node may be called to match."""
        return _forms(self.mentions | {self.name})


@dataclass(frozen=True)
class _GoldQuote:
    article: str
    speakers: tuple[str, ...]  # the speaker first, then the accepted alternatives
    text: str
    direct: bool
    uncertain: bool


@dataclass(frozen=True)
class _GoldRole:
    person: str
    role: str
    org: str | None
    uncertain: bool
    articles: tuple[str, ...]


@dataclass(frozen=True)
class _GoldDoc:
    entities: tuple[_GoldEntity, ...]
    quotes: tuple[_GoldQuote, ...]
    roles: tuple[_GoldRole, ...]
    published: str | None


@dataclass(frozen=True)
class _Gold:
    entities: dict[str, _GoldEntity]  # corpus level, by canonical name
    quotes: tuple[_GoldQuote, ...]
    roles: tuple[_GoldRole, ...]  # corpus level, one per (person, role, org)
    published: dict[str, str]  # article stem -> date

    def forms_of(self, name: str) -> frozenset[str]:
        """Normalised surface forms of a gold entity by canonical name (the name alone if unknown)."""
        entity = self.entities.get(name)
        return _forms((entity.mentions if entity else frozenset()) | {name})


def _entity_type(value: str, path: Path) -> str:
    if value not in ENTITY_TYPES:
        raise KGError(f"gold file {path}: unknown entity type {value!r}")
    return value


def _parse_doc(path: Path, data: Any) -> _GoldDoc:
    stem = path.stem
    entities = tuple(
        _GoldEntity(
            name=e["name"],
            type=_entity_type(e["type"], path),
            alt_types=frozenset(_entity_type(t, path) for t in e.get("alt_types", [])),
            mentions=frozenset(e["mentions"]),
            uncertain=bool(e.get("uncertain", False)),
            articles=(stem,),
        )
        for e in data["entities"]
    )
    quotes = tuple(
        _GoldQuote(stem, (q["speaker"], *q.get("alt_speakers", [])), q["text"], bool(q["direct"]),
                   bool(q.get("uncertain", False)))
        for q in data["quotes"]
    )
    roles = tuple(
        _GoldRole(r["person"], r["role"], r.get("org"), bool(r.get("uncertain", False)), (stem,))
        for r in data.get("roles", [])
    )
    published = data.get("published")
    return _GoldDoc(entities, quotes, roles, str(published) if published else None)


def _read_doc(path: Path) -> _GoldDoc:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KGError(f"cannot read gold file {path}: {exc}") from exc
    try:
        return _parse_doc(path, data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise KGError(f"gold file {path} is malformed: missing or ill-typed {exc}") from exc


def _load_gold(gold_dir: Path) -> _Gold:
    if not gold_dir.is_dir():
        raise KGError(f"gold directory not found: {gold_dir}")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise KGError(f"no gold .json files in {gold_dir}")
    docs = {path.stem: _read_doc(path) for path in paths}
    entities = _merge_by(
        (e for doc in docs.values() for e in doc.entities),
        key=lambda e: e.name,
        combine=lambda first, more: replace(
            first, mentions=first.mentions | more.mentions, articles=first.articles + more.articles),
    )
    roles = _merge_by(
        (r for doc in docs.values() for r in doc.roles),
        key=lambda r: (norm(r.person), norm(r.role), norm(r.org or "")),
        combine=lambda first, more: replace(first, articles=first.articles + more.articles),
    )
    return _Gold(
        entities={e.name: e for e in entities},
        quotes=tuple(q for doc in docs.values() for q in doc.quotes),
        roles=tuple(roles),
        published={stem: doc.published for stem, doc in docs.items() if doc.published},
    )


# ----------------------------------------------------------------- system


@dataclass(frozen=True)
class _SystemQuote:
    node: Node
    text: str
    speakers: tuple[Node, ...]
    articles: frozenset[str]  # keys of the articles it is linked to

    def belongs_to(self, stem: str) -> bool:
        """A quote linked to no article may match in any article."""
        return not self.articles or stem in self.articles


def _union(graph: rdflib.Graph) -> rdflib.Graph:
    """The union of all named graphs of a dataset; a plain graph as it is."""
    if not isinstance(graph, rdflib.ConjunctiveGraph):
        return graph
    union = rdflib.Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _stem(value: str) -> str:
    return Path(value).name.removesuffix(".txt")


class _System:
    """The graph as the evaluation reads it: entities, names, articles, quotes, roles."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        local_types: dict[Node, set[str]] = defaultdict(set)
        for node, cls in graph.subject_objects(RDF.type):
            local_types[node].add(_local(cls))
        self.names: dict[Node, set[str]] = defaultdict(set)
        for node, prop, value in graph:
            if isinstance(value, Literal) and _local(prop) in _NAME_PROPS:
                self.names[node].add(norm(str(value)))
        self.entities: dict[Node, frozenset[str]] = {}
        for node, classes in local_types.items():
            kinds = frozenset(kind for kind, accepted in _TYPE_NAMES.items() if classes & accepted)
            if kinds:
                self.entities[node] = kinds
        self.article_keys = {
            node: self._article_key(node) for node, classes in local_types.items() if classes & _ARTICLE_TYPES
        }
        self.quotes = [quote for node, classes in local_types.items() if classes & _QUOTE_TYPES
                       for quote in self._quotes(node)]

    def _article_key(self, article: Node) -> str:
        values: dict[str, list[str]] = defaultdict(list)
        for prop, value in self.graph.predicate_objects(article):
            values[_local(prop)].append(str(value))
        found = next((values[prop] for prop in _KEY_PROPS if values[prop]), None)
        return _stem(min(found)) if found else _local(article)

    def _quotes(self, node: Node) -> list[_SystemQuote]:
        texts, speakers, articles = [], [], set()
        for prop, value in self.graph.predicate_objects(node):
            if isinstance(value, Literal):
                if _local(prop) in _TEXT_PROPS:
                    texts.append(str(value))
            elif _local(prop) in _SPEAKER_PROPS:
                speakers.append(value)
            if value in self.article_keys:
                articles.add(self.article_keys[value])
        articles.update(self.article_keys[s] for s in self.graph.subjects(None, node) if s in self.article_keys)
        return [_SystemQuote(node, text, tuple(speakers), frozenset(articles)) for text in texts]

    def match_entity(self, forms: frozenset[str], types: frozenset[str]) -> list[Node]:
        """Entity nodes with one of the normalised ``forms`` as a name and one of ``types``."""
        return [node for node, kinds in self.entities.items() if self.names[node] & forms and kinds & types]

    def display(self, node: Node) -> str:
        """A readable name for a node: its schema:name, else its first name, else its IRI's local name."""
        name = self.graph.value(node, SCHEMA.name)
        return str(name) if name is not None else min(self.names[node], default=_local(node))

    def displays(self, nodes: Iterable[Node]) -> tuple[str, ...]:
        """Readable names of several nodes."""
        return tuple(self.display(node) for node in nodes)

    def direct(self, node: Node) -> bool | None:
        """The nkg:direct flag of a quotation node, None when it has none."""
        flag = self.graph.value(node, NKG.direct)
        return flag.toPython() if isinstance(flag, Literal) else None

    def has_cue(self, node: Node) -> bool:
        """Whether a quotation node names its reporting verb (nkg:cue)."""
        return any(str(cue).strip() for cue in self.graph.objects(node, NKG.cue))

    def _role_statements(self, person: Node) -> list[Node]:
        return [s for s in self.graph.subjects(NKG.holder, person)
                if (s, RDF.type, NKG.RoleStatement) in self.graph]

    def titles(self, person: Node) -> list[str]:
        """Role titles of a person: schema:jobTitle and the roleName of its role statements."""
        statements = self._role_statements(person)
        values = [*self.graph.objects(person, SCHEMA.jobTitle),
                  *(v for s in statements for v in self.graph.objects(s, SCHEMA.roleName))]
        return [str(v) for v in values]

    def employers(self, person: Node) -> list[Node]:
        """Organisations a person works for or belongs to, directly or through role statements."""
        statements = self._role_statements(person)
        return [*self.graph.objects(person, SCHEMA.worksFor), *self.graph.objects(person, SCHEMA.memberOf),
                *(o for s in statements for o in self.graph.objects(s, NKG.organization))]

    def dates(self, stem: str) -> list[str]:
        """Lexical schema:datePublished values of the articles keyed ``stem``."""
        return sorted({str(d) for a, key in self.article_keys.items() if key == stem
                       for d in self.graph.objects(a, SCHEMA.datePublished)})


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Ratio:
    """``hits`` out of ``total``; its value is 0.0 when the total is 0, as in the scorer."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        """hits / total, or 0.0."""
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.total})"


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class TypeScore:
    """Entity scores of one type.

    Recall side: ``gold`` entities whose main type it is, ``found`` of them.
    Precision side: ``system`` nodes carrying the type, ``correct`` of them
    named like a gold entity this type is acceptable for. A node typed both
    MilitaryBase and Place counts as a MilitaryBase only.
    """

    type: str
    gold: int
    found: int
    system: int
    correct: int

    @property
    def precision(self) -> float:
        """Share of the system nodes of this type that are correct."""
        return Ratio(self.correct, self.system).value

    @property
    def recall(self) -> float:
        """Share of the gold entities of this type that are found."""
        return Ratio(self.found, self.gold).value

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)


@dataclass(frozen=True)
class MissedEntity:
    """A gold entity no node matches."""

    name: str
    type: str
    articles: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.name} [{self.type}] in {', '.join(self.articles)}"


@dataclass(frozen=True)
class FalseEntity:
    """A system entity named like no gold entity of a compatible type."""

    name: str
    types: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.name} [{', '.join(self.types)}]"


@dataclass(frozen=True)
class MergeIssue:
    """A gold entity spread over several nodes, or whose surface forms the nodes do not all carry."""

    name: str
    type: str
    nodes: tuple[str, ...]
    uncovered: tuple[str, ...]

    def __str__(self) -> str:
        text = f"{self.name} [{self.type}]: {len(self.nodes)} node(s) ({' | '.join(self.nodes)})"
        return text + (f"; uncovered: {', '.join(self.uncovered)}" if self.uncovered else "")


@dataclass(frozen=True)
class QuoteMiss:
    """A gold quote not found, or a system quote matching no gold quote (``article`` may be empty)."""

    article: str
    text: str

    def __str__(self) -> str:
        return f"{self.article or '-'}: \"{self.text}\""


@dataclass(frozen=True)
class Misattribution:
    """A found gold quote whose matching system quotes have none of the accepted speakers."""

    article: str
    text: str
    gold_speaker: str
    system_speakers: tuple[str, ...]

    def __str__(self) -> str:
        found = ", ".join(self.system_speakers) or "no speaker"
        return f"{self.article}: \"{self.text}\" gold {self.gold_speaker}, system {found}"


@dataclass(frozen=True)
class RoleMiss:
    """A gold role not (fully) found, with the reason."""

    person: str
    role: str
    org: str | None
    articles: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        at = f" ({self.org})" if self.org else ""
        return f"{self.person}: {self.role}{at} in {', '.join(self.articles)}: {self.reason}"


@dataclass(frozen=True)
class DateMiss:
    """A gold publication date the article's schema:datePublished does not give."""

    article: str
    gold: str
    system: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.article}: gold {self.gold}, system {', '.join(self.system) or 'none'}"


@dataclass(frozen=True)
class EntityReport:
    """Entity recall, precision and merging, overall and per type, with misses."""

    by_type: tuple[TypeScore, ...]
    recall: Ratio
    precision: Ratio
    merged: Ratio  # multi-mention gold entities on exactly one node carrying all their forms
    missed: tuple[MissedEntity, ...]
    false: tuple[FalseEntity, ...]
    split: tuple[MergeIssue, ...]  # gold entities matched by several nodes
    merge_issues: tuple[MergeIssue, ...]  # the multi-mention entities not merged

    @property
    def f1(self) -> float:
        """Harmonic mean of overall precision and recall."""
        return _f1(self.precision.value, self.recall.value)


@dataclass(frozen=True)
class QuoteReport:
    """Quote recall, precision, attribution, direct flags and cues, with misses."""

    recall: Ratio
    precision: Ratio
    attribution: Ratio
    direct: Ratio  # found quotes whose best match has the gold direct flag
    cue: Ratio  # found quotes whose best match has a cue
    missed: tuple[QuoteMiss, ...]
    misattributed: tuple[Misattribution, ...]
    spurious: tuple[QuoteMiss, ...]

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision.value, self.recall.value)


@dataclass(frozen=True)
class RoleReport:
    """Gold roles found by title, and by title and organisation (a role without org needs the title only)."""

    recall: Ratio
    with_org: Ratio
    missed: tuple[RoleMiss, ...]


@dataclass(frozen=True)
class DateReport:
    """Gold publication dates given by the articles' schema:datePublished."""

    matched: Ratio
    missed: tuple[DateMiss, ...]


@dataclass(frozen=True)
class Report:
    """The whole evaluation."""

    entities: EntityReport
    quotes: QuoteReport
    roles: RoleReport
    dates: DateReport


# ------------------------------------------------------------- evaluation


def _merge_issue(entity: _GoldEntity, nodes: list[Node], system: _System) -> MergeIssue:
    carried = set().union(*(system.names[node] for node in nodes))
    uncovered = tuple(sorted(m for m in entity.mentions if norm(m) not in carried))
    return MergeIssue(entity.name, entity.type, system.displays(nodes), uncovered)


def _score_entities(gold: _Gold, system: _System) -> EntityReport:
    counted = [e for e in gold.entities.values() if not e.uncertain]
    nodes = {e.name: system.match_entity(e.forms, e.types) for e in counted}
    gold_by_type = Counter(e.type for e in counted)
    found_by_type = Counter(e.type for e in counted if nodes[e.name])

    accepted: dict[str, set[str]] = defaultdict(set)  # name form -> types it is acceptable for
    for entity in gold.entities.values():
        for form in entity.forms:
            accepted[form] |= entity.types
    system_by_type: Counter[str] = Counter()
    correct_by_type: Counter[str] = Counter()
    false = []
    for node, kinds in system.entities.items():
        compatible = set().union(*(accepted[n] for n in system.names[node] if n in accepted))
        attributed = kinds - {PLACE} if MILITARY_BASE in kinds else kinds  # a base is a Place subclass
        system_by_type.update(attributed)
        correct_by_type.update(attributed & compatible)
        if not kinds & compatible:
            false.append(FalseEntity(system.display(node), tuple(sorted(kinds))))

    issues = {e.name: _merge_issue(e, nodes[e.name], system) for e in counted}
    multi = [issues[e.name] for e in counted if len(_forms(e.mentions)) > 1]
    not_merged = [issue for issue in multi if len(issue.nodes) != 1 or issue.uncovered]
    return EntityReport(
        by_type=tuple(TypeScore(t, gold_by_type[t], found_by_type[t], system_by_type[t], correct_by_type[t])
                      for t in ENTITY_TYPES),
        recall=Ratio(sum(found_by_type.values()), len(counted)),
        precision=Ratio(len(system.entities) - len(false), len(system.entities)),
        merged=Ratio(len(multi) - len(not_merged), len(multi)),
        missed=tuple(MissedEntity(e.name, e.type, e.articles) for e in counted if not nodes[e.name]),
        false=tuple(false),
        split=tuple(issue for issue in issues.values() if len(issue.nodes) > 1),
        merge_issues=tuple(not_merged),
    )


def _score_quotes(gold: _Gold, system: _System) -> QuoteReport:
    counted = [q for q in gold.quotes if not q.uncertain]
    missed, misattributed = [], []
    found = attributed = direct = cued = 0
    for quote in counted:
        scored = [(token_f1(quote.text, sq.text), sq) for sq in system.quotes if sq.belongs_to(quote.article)]
        hits = [(f1, sq) for f1, sq in scored if f1 >= QUOTE_THRESHOLD]
        if not hits:
            missed.append(QuoteMiss(quote.article, _prefix(quote.text)))
            continue
        best = max(hits, key=lambda hit: hit[0])[1]
        found += 1
        direct += system.direct(best.node) == quote.direct
        cued += system.has_cue(best.node)
        wanted = frozenset().union(*(gold.forms_of(s) for s in quote.speakers))
        if any(system.names[speaker] & wanted for _, sq in hits for speaker in sq.speakers):
            attributed += 1
        else:
            misattributed.append(Misattribution(quote.article, _prefix(quote.text), quote.speakers[0],
                                                system.displays(best.speakers)))
    spurious = [
        QuoteMiss(",".join(sorted(sq.articles)), _prefix(sq.text)) for sq in system.quotes
        if not any(sq.belongs_to(q.article) and token_f1(q.text, sq.text) >= QUOTE_THRESHOLD for q in gold.quotes)
    ]
    return QuoteReport(
        recall=Ratio(found, len(counted)),
        precision=Ratio(len(system.quotes) - len(spurious), len(system.quotes)),
        attribution=Ratio(attributed, len(counted)),
        direct=Ratio(direct, found),
        cue=Ratio(cued, found),
        missed=tuple(missed),
        misattributed=tuple(misattributed),
        spurious=tuple(spurious),
    )


def _role_miss(role: _GoldRole, gold: _Gold, system: _System) -> str | None:
    """Why a gold role is not (fully) found, None when it is."""
    person = gold.entities.get(role.person)
    types = person.types if person else frozenset({PERSON})
    nodes = system.match_entity(gold.forms_of(role.person), types)
    if not nodes:
        return _NO_PERSON
    titled = [n for n in nodes if any(token_f1(role.role, t) >= ROLE_THRESHOLD for t in system.titles(n))]
    if not titled:
        return _NO_TITLE
    if role.org is None:
        return None
    org_forms = gold.forms_of(role.org)
    return None if any(system.names[o] & org_forms for n in titled for o in system.employers(n)) else _NO_ORG


def _score_roles(gold: _Gold, system: _System) -> RoleReport:
    counted = [r for r in gold.roles if not r.uncertain]
    reasons = [(role, _role_miss(role, gold, system)) for role in counted]
    missed = [RoleMiss(r.person, r.role, r.org, r.articles, reason) for r, reason in reasons if reason]
    return RoleReport(
        recall=Ratio(sum(reason in (None, _NO_ORG) for _, reason in reasons), len(counted)),
        with_org=Ratio(len(counted) - len(missed), len(counted)),
        missed=tuple(missed),
    )


def _score_dates(gold: _Gold, system: _System) -> DateReport:
    missed = []
    for stem, published in sorted(gold.published.items()):
        found = system.dates(stem)
        if published[:10] not in {d[:10] for d in found}:
            missed.append(DateMiss(stem, published, tuple(found)))
    return DateReport(Ratio(len(gold.published) - len(missed), len(gold.published)), tuple(missed))


def evaluate(graph: rdflib.Graph | rdflib.Dataset, gold_dir: Path) -> Report:
    """Score ``graph`` (a dataset is read as the union of its graphs) against the gold files in ``gold_dir``.

    Raises KGError when the gold directory is missing, has no .json files or
    holds an unreadable or malformed one.
    """
    gold = _load_gold(Path(gold_dir))
    system = _System(_union(graph))
    return Report(
        entities=_score_entities(gold, system),
        quotes=_score_quotes(gold, system),
        roles=_score_roles(gold, system),
        dates=_score_dates(gold, system),
    )


# ---------------------------------------------------------------- output


def summary_line(report: Report) -> str:
    """The one-line summary, in the format of the acceptance scorer's last line."""
    e, q = report.entities, report.quotes
    return (f"entityR={round(e.recall.value, 3)} entityP={round(e.precision.value, 3)} "
            f"quoteR={round(q.recall.value, 3)} quoteP={round(q.precision.value, 3)} "
            f"attribution={round(q.attribution.value, 3)} merged={e.merged.hits}/{e.merged.total}")


def _type_table(entities: EntityReport) -> list[str]:
    row = "{:<14}{:>6}{:>7}{:>8}{:>8}{:>8}{:>8}{:>8}"
    total = TypeScore("all", entities.recall.total, entities.recall.hits,
                      entities.precision.total, entities.precision.hits)
    return [row.format("type", "gold", "found", "system", "correct", "P", "R", "F1")] + [
        row.format(s.type, s.gold, s.found, s.system, s.correct,
                   f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        for s in (*entities.by_type, total)
    ]


def _miss_lists(report: Report) -> list[str]:
    lists: list[tuple[str, tuple[object, ...]]] = [
        ("entities missed", report.entities.missed),
        ("false entities", report.entities.false),
        ("split entities", report.entities.split),
        ("merging incomplete", report.entities.merge_issues),
        ("quotes missed", report.quotes.missed),
        ("quotes misattributed", report.quotes.misattributed),
        ("spurious quotes", report.quotes.spurious),
        ("roles missed", report.roles.missed),
        ("dates missed", report.dates.missed),
    ]
    lines = []
    for title, items in lists:
        if items:
            lines += ["", f"{title} ({len(items)}):", *(f"  {item}" for item in items)]
    return lines


def format_report(report: Report, misses: bool = True) -> str:
    """The report as plain text: entity table, merging, quotes, roles, dates, misses, summary line."""
    e, q, r = report.entities, report.quotes, report.roles
    lines = [
        "Entities",
        *_type_table(e),
        "",
        f"Merging: {e.merged.hits}/{e.merged.total} multi-mention gold entities on one node with all their forms"
        f" ({len(e.split)} gold entities split over several nodes)",
        "",
        f"Quotes: recall {q.recall}  precision {q.precision}  F1 {q.f1:.3f}",
        f"        attribution {q.attribution}  direct flag {q.direct}  cue {q.cue}",
        "",
        f"Roles: title {r.recall}  title+organization {r.with_org}",
        f"Dates: {report.dates.matched}",
    ]
    if misses:
        lines += _miss_lists(report)
    lines += ["", summary_line(report)]
    return "\n".join(lines)


def _jsonable(value: Any) -> Any:
    if is_dataclass(value):
        out = {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
        out.update({name: getattr(value, name) for name, attr in vars(type(value)).items()
                    if isinstance(attr, property)})
        return out
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    return value


def report_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict: ``summary`` with the scorer's headline keys, then every section."""
    e, q = report.entities, report.quotes
    summary = {
        "entity_recall": round(e.recall.value, 3),
        "entity_precision": round(e.precision.value, 3),
        "merge_complete": f"{e.merged.hits}/{e.merged.total}",
        "quote_recall": round(q.recall.value, 3),
        "quote_attribution": round(q.attribution.value, 3),
        "quote_precision": round(q.precision.value, 3),
    }
    return {"summary": summary, **_jsonable(report)}
