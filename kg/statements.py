"""The same statement across articles: quotations grouped by speaker and wording.

Several articles often report the same words by the same speaker, each with
its own wording ("part of the talks as they move forward" / "part of the
conversations as it goes forward"). The quotations stay as they are, one
``schema:Quotation`` per article in that article's graph; this module adds a
derived graph, ``STATEMENTS_GRAPH``, in which every quotation belongs to
exactly one ``nkg:Statement`` (a statement with one member is a quotation
nobody else reported), so that one question gets one statement with all its
sources and wordings.

* **Terms.** A wording is reduced to a set of content words: US/UK/ISIS name
  variants folded, lower case, punctuation and function words dropped,
  British spellings folded to American ones (defence/defense), plurals
  stripped and a handful of synonyms folded (talks/conversations/discussions,
  move forward/goes forward/progress, timeline/timetable). No thesaurus.
* **Similarity** (:func:`similar`) needs two quotations of different articles
  with the same polarity (both or neither negated) and at least two shared
  terms, then either a high Jaccard index or the shorter wording (nearly) inside
  the longer one. How high depends on the speakers (:data:`RULES`): the same
  entity or names that share a word ("Sabrin Singh" / "Sabrina Singh", an office
  named after its minister) are a strong signal; an unattributed quotation
  needs more words in common, and two different speakers more still, so short
  generic phrases by different people never merge. A quotation made jointly
  (several creators) has the speaker its speaker mention names, else the
  first of its creators by IRI (:func:`speaking`): the same whether it is read
  from a batch's records or from the store.
* **Statements** are the connected components of that similarity graph; a
  statement's IRI is derived from its smallest member quotation IRI. So the
  statements graph is a pure function of the set of quotations in the store,
  whatever the order or batching of the builds.
* **Blocking.** No quotation is compared with every other one. Terms have a
  fixed, store-independent order (rough rarity: words known to be frequent in
  news last, then longer words first); every similar pair shares at least
  ``k(m)`` terms, ``m`` being the smaller term count (:func:`min_shared`), so
  the smaller quotation's first ``m - k(m) + 1`` terms (its *key terms*) hold
  a shared term (prefix filtering). Each statement carries its members' terms
  (``nkg:term``) and key terms (``nkg:keyTerm``): a new quotation's candidates
  are the statements with one of its key terms among their terms, or one of its
  terms among their key terms. That is exact: no similar pair is missed.
* **Updates** (:func:`update_parts`) change only the statements a batch
  touches: those of the articles it replaces are grouped again from their
  remaining members, and one with a member similar to one of its quotations
  joins the new group whole (its members' similarities are not computed
  again). Because components are closed, nothing else can change. Only the
  triples that change are written (a DELETE DATA, then the triples added), with
  the batch's other writes (:class:`kg.ntriples.Writes`, committed atomically by
  :meth:`kg.store.Store.put_articles`).
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, lru_cache

from rdflib import Graph, URIRef

from .ntriples import Triple, Writes, integer, literal, replace_data, to_graph
from .ntriples import iri as _iri
from .records import ArticleRecords, Quote
from .vocab import BASE, ITSRDF, NIF, NKG, RDF, SCHEMA, STATEMENTS_GRAPH, article_iri, entity_iri, quote_iri

NKG_TERM = NKG["term"]  # not NKG.term: that is Namespace.term()
_A, _STATEMENT, _QUOTATION, _OF_STATEMENT = _iri(RDF.type), _iri(NKG.Statement), _iri(NKG.quotation), _iri(NKG.statement)
_TEXT, _CREATOR, _SOURCES = _iri(NKG.representativeText), _iri(SCHEMA.creator), _iri(NKG.sourceCount)
_TERM, _KEY_TERM = _iri(NKG_TERM), _iri(NKG.keyTerm)

# --------------------------------------------------------------- terms

STOPWORDS = frozenset("""
a about above across after afterwards again against ago all almost along already also although always am
among amongst an and another any anyone anything are around as at be became because become becomes been
before being below beside besides between beyond both but by can could did do does doing done down during
each either else enough etc even ever every everyone everything few for from further had has have having he
her here hers herself him himself his how however i if in including indeed into is it its itself just
least less let lot lots many may me meanwhile might mine more moreover most mostly much must my myself
namely neither nevertheless next nobody noone now of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps please quite rather re really said same say saying
says seem seemed seems several shall she should since so some somehow someone something sometime sometimes
somewhere such than that the their theirs them themselves then thence there thereby therefore these they
thing things this those though through throughout thus to together told too toward towards under unless
until up upon us very via was way ways we well were what whatever when whenever where whereas wherever
whether which while who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves kind sort mr mrs ms dr
""".split())

NEGATIONS = frozenset({"not", "no", "never", "nor", "cannot", "nothing", "none", "nobody", "neither"})

# Known-frequent news words sort last among a quotation's terms (see ``term_rank``).
FREQUENT = frozenset("""
usa uk iraq iraqi syria iran israel gaza government minister president official military force troop security
country year month week day time people war attack coalition mission talk region international national
foreign new state group part first last end presence support world city police party leader report
statement spokesman army defense ministry office american prime issue plan continue need work make take
come want know like good right two three four not no isis forces area local political
""".split())

_COUNTRY_FOLDS = [
    (re.compile(r"\b(?:United\s+States(?:\s+of\s+America)?|U\.\s?S\.(?:\s?A\.)?|USA|US|America)(?!\w)"), " usa "),
    (re.compile(r"\b(?:United\s+Kingdom|Great\s+Britain|Britain|U\.K\.|UK)(?!\w)"), " uk "),
    (re.compile(r"\b(?:ISIS|ISIL|Daesh|Islamic\s+State)\b"), " isis "),
]
_CONTRACTIONS = [
    (re.compile(r"\bwon['\u2019]t\b", re.IGNORECASE), "will not"),
    (re.compile(r"\bcan['\u2019]t\b", re.IGNORECASE), "cannot"),
    (re.compile(r"n['\u2019]t\b", re.IGNORECASE), " not"),
    (re.compile(r"['\u2019]s\b", re.IGNORECASE), ""),
    (re.compile(r"['\u2019]"), ""),
]
# two-word idioms folded to one term (the tokens are lower case, before stop words are dropped)
_PHRASES = {(verb, adverb): "progress"
            for verb in ("move", "moves", "moved", "moving", "go", "goes", "going", "went")
            for adverb in ("forward", "forwards", "ahead")}
_IRREGULAR = {"goes": "go", "went": "go", "gone": "go", "progressed": "progress", "progressing": "progress",
              "men": "man", "women": "woman", "children": "child", "news": "news", "series": "series",
              "species": "species", "means": "means", "media": "media", "data": "data"}
_SPELLING = [  # British -> American, applied to singular forms
    (re.compile(r"^(def|off|lic|pret)ence"), r"\1ense"),
    (re.compile(r"^(colo|favo|hono|labo|neighbo|behavio|rumo|armo|harbo|endeavo|vigo|humo|flavo|valo|savio|"
                r"odo|parlo|splendo|tumo)ur"), r"\1r"),
    (re.compile(r"^(cent|theat|met|lit|fib|somb|lust|spect)re"), r"\1er"),
    (re.compile(r"^(travel|cancel|label|model|fuel|signal|level|channel|counsel|equal|total|dial|marshal|rival|"
                r"quarrel|tunnel|panel|jewel)l(ed|ing|er)$"), r"\1\2"),
    (re.compile(r"^programme"), "program"),
    (re.compile(r"^judgement"), "judgment"),
    (re.compile(r"^(anal|paral|catal)ys(e|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^([a-z]{3,})is(e|ed|ing|ation|er)$"), r"\1iz\2"),
]
_SYNONYMS = {
    "talk": "talk", "conversation": "talk", "discussion": "talk", "negotiation": "talk", "dialogue": "talk",
    "dialog": "talk",
    "timeline": "timetable", "schedule": "timetable",
}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    word = _singular(word)
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return _SYNONYMS.get(word, word)


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    for pattern, replacement in _COUNTRY_FOLDS + _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return re.findall(r"[a-z0-9]+", _ascii(text).lower())


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The normalised content words of a wording (see the module docstring)."""
    tokens = _tokens(text)
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        pair = tuple(tokens[i:i + 2])
        if pair in _PHRASES:
            merged.append(_PHRASES[pair])
            i += 2
        else:
            merged.append(tokens[i])
            i += 1
    out = set()
    for token in merged:
        if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
            continue
        folded = _fold(token)
        if folded not in STOPWORDS:
            out.add(folded)
    return frozenset(out)


def term_rank(term: str) -> tuple:
    """The fixed order of terms used for key terms: known-frequent last, then longer first."""
    return (term in FREQUENT, -len(term), term)


# --------------------------------------------------------------- similarity

@dataclass(frozen=True)
class Rule:
    """Thresholds for one speaker relation: a Jaccard route and a containment route."""

    jaccard: Fraction
    jaccard_shared: int
    containment: Fraction
    containment_shared: int


# Justified by the cases in tests/test_statements.py: the three seed families
# merge, the near-misses (other topics, generic phrases, negation) do not.
RULES = {
    "same": Rule(Fraction(1, 2), 3, Fraction(3, 4), 2),
    "compatible": Rule(Fraction(1, 2), 3, Fraction(3, 4), 2),
    "unknown": Rule(Fraction(3, 5), 3, Fraction(4, 5), 3),
    "different": Rule(Fraction(3, 5), 4, Fraction(9, 10), 4),
}

# words that say what a speaker is, not who: they never make two speakers compatible
SPEAKER_GENERIC = frozenset("""
office ministry minister prime president vice deputy press secretary spokesman spokeswoman spokesperson
official officials government department general army military forces force national international global
united states state republic council committee agency coalition iraqi iraq american america usa kingdom
federal foreign defense defence affairs security the and against sheikh mohammed muhammad mohamed ahmed ali
abdul abu bin news media source sources group party
""".split())


@cache
def min_shared(size: int) -> int:
    """The fewest terms a quotation of ``size`` terms shares with any quotation it is similar to
    (as the one with fewer terms), whatever the speakers: the bound behind key terms."""
    bounds = []
    for rule in RULES.values():
        # Jaccard: shared >= j * |union| >= j * size; containment: shared >= c * size
        bounds.append(max(2, rule.jaccard_shared, math.ceil(rule.jaccard * size)))
        bounds.append(max(2, rule.containment_shared, math.ceil(rule.containment * size)))
    return min(bounds)


def key_terms(words: frozenset[str]) -> frozenset[str]:
    """The first ``n - min_shared(n) + 1`` terms in :func:`term_rank` order (none below two terms)."""
    if len(words) < 2:
        return frozenset()
    count = len(words) - min_shared(len(words)) + 1
    return frozenset(sorted(words, key=term_rank)[:max(count, 0)])


def name_tokens(forms: Iterable[str]) -> frozenset[str]:
    """The words of a speaker's names that can identify it (generic and short words dropped)."""
    out = set()
    for form in forms:
        for token in re.findall(r"[a-z0-9]+", _ascii(form).lower()):
            if len(token) >= 3 and token not in SPEAKER_GENERIC and token not in STOPWORDS:
                out.add(token)
    return frozenset(out)


@dataclass(frozen=True)
class QuoteInfo:
    """What grouping needs of one quotation; everything comes from its own article graph.

    ``speaker`` is the creator IRI (of a statement made jointly, the one
    :func:`speaking` gives, read the same from the batch's records and from the
    store); ``forms`` the surface forms of that speaker in the article (the
    readable part of the IRI is added).
    """

    iri: str
    article: str
    text: str
    speaker: str | None = None
    forms: tuple[str, ...] = ()
    terms: frozenset[str] = field(init=False, repr=False, compare=False)
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    names: frozenset[str] = field(init=False, repr=False, compare=False)
    negated: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = terms(self.text)
        object.__setattr__(self, "terms", words)
        object.__setattr__(self, "keys", key_terms(words))
        object.__setattr__(self, "negated", bool(words & NEGATIONS))
        forms = list(self.forms)
        if self.speaker:
            readable = re.sub(r"-[0-9a-f]{10}$", "", self.speaker.rsplit("/", 1)[-1])
            forms.append(readable.replace("-", " "))
        object.__setattr__(self, "names", name_tokens(forms))


def speaking(creators: set[str], named: set[str]) -> str | None:
    """Who speaks for a quotation among its ``creators``: the one its speaker mentions name (``named``: the
    entities they refer to), else (none or several named) the first by IRI."""
    named = named & creators
    return next(iter(named)) if len(named) == 1 else min(creators, default=None)


def speaker_relation(a: QuoteInfo, b: QuoteInfo) -> str:
    """``same``, ``compatible`` (names share a word), ``unknown`` (one is unattributed) or ``different``."""
    if not a.speaker or not b.speaker:
        return "unknown"
    if a.speaker == b.speaker:
        return "same"
    return "compatible" if a.names & b.names else "different"


def similar(a: QuoteInfo, b: QuoteInfo) -> bool:
    """Whether two quotations of different articles report the same statement."""
    if a.article == b.article or a.negated != b.negated:
        return False
    shared = len(a.terms & b.terms)
    if shared < 2:
        return False
    rule = RULES[speaker_relation(a, b)]
    union = len(a.terms) + len(b.terms) - shared
    smaller = min(len(a.terms), len(b.terms))
    jaccard, containment = rule.jaccard, rule.containment  # compared in integers: Fractions are slow
    return ((shared >= rule.jaccard_shared and shared * jaccard.denominator >= jaccard.numerator * union)
            or (shared >= rule.containment_shared
                and shared * containment.denominator >= containment.numerator * smaller))


def _blocking_index(quotes: Sequence[QuoteInfo]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Positions of the quotations by each of their terms, and by each of their key terms."""
    by_term: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        for term in quote.terms:
            by_term[term].append(i)
        for term in quote.keys:
            by_key[term].append(i)
    return by_term, by_key


def edges(quotes: Sequence[QuoteInfo]) -> set[tuple[str, str]]:
    """The similar pairs ``(iri, iri)`` (smaller IRI first), found through key-term blocking."""
    by_term, by_key = _blocking_index(quotes)
    found = set()
    for i, quote in enumerate(quotes):
        candidates = {j for term in quote.keys for j in by_term[term]}
        candidates.update(j for term in quote.terms for j in by_key.get(term, ()))
        for j in candidates:
            if j > i and similar(quote, quotes[j]):
                a, b = sorted((quote.iri, quotes[j].iri))
                found.add((a, b))
    return found


def cluster(quotes: Iterable[QuoteInfo], links: Iterable[tuple[str, str]] = (),
            statements: dict[str, Sequence[QuoteInfo]] | None = None) -> list[list[QuoteInfo]]:
    """Connected components of the similarity graph, each sorted by IRI, in order of first IRI.

    A quotation given twice (same IRI) counts once, the last one winning.
    ``statements`` (IRI -> members) are components already, taken whole: their
    members' similarities are not computed again; ``links`` (quotation IRI,
    statement IRI) join one of ``quotes`` to one of them.
    """
    unique = {quote.iri: quote for quote in quotes}
    ordered = [unique[iri] for iri in sorted(unique)]
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in [*sorted(edges(ordered)), *links]:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[QuoteInfo]] = defaultdict(list)
    for quote in ordered:
        groups[root(quote.iri)].append(quote)
    for statement, members in (statements or {}).items():
        groups[root(statement)].extend(members)
    components = [sorted(group, key=lambda quote: quote.iri) for group in groups.values()]
    return sorted(components, key=lambda group: group[0].iri)


# --------------------------------------------------------------- RDF

def statement_iri(members: Iterable[QuoteInfo]) -> URIRef:
    """``…/id/statement/<hash>`` of the smallest member quotation IRI."""
    first = min(quote.iri for quote in members)
    return URIRef(f"{BASE}statement/{hashlib.sha1(first.encode('utf-8')).hexdigest()[:16]}")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".,;:").strip()


def representative_text(texts: Iterable[str]) -> str:
    """The most common wording (trailing punctuation aside), then the longest, then the first."""
    counts = Counter(_clean(text) for text in texts)
    return min(counts, key=lambda text: (-counts[text], -len(text), text))


def statement_triples(groups: Iterable[Sequence[QuoteInfo]]) -> list[Triple]:
    """The statements-graph triples of the given groups (each one statement)."""
    out: list[Triple] = []
    for members in groups:
        node = _iri(statement_iri(members))
        out.append((node, _A, _STATEMENT))
        for quote in members:
            out += [(node, _QUOTATION, _iri(quote.iri)), (_iri(quote.iri), _OF_STATEMENT, node)]
        out.append((node, _TEXT, literal(representative_text(q.text for q in members))))
        speakers = {quote.speaker for quote in members if quote.speaker}
        if len(speakers) == 1:
            out.append((node, _CREATOR, _iri(speakers.pop())))
        out.append((node, _SOURCES, integer(len({q.article for q in members}))))
        out += [(node, _TERM, literal(term)) for term in sorted(set().union(*(quote.terms for quote in members)))]
        out += [(node, _KEY_TERM, literal(term)) for term in sorted(set().union(*(quote.keys for quote in members)))]
    return list(dict.fromkeys(out))


def quotes_in_article(records: ArticleRecords) -> list[QuoteInfo]:
    """The quotations of one article as its graph (:func:`kg.graph.article_triples`) describes them.

    ``forms`` are the texts of the speaker's mentions, one per span; a quotation
    span given twice is one quotation (its first text, its speaker as
    :func:`speaking` chooses among all its creators).
    """
    article = article_iri(records.source.identifier)
    spans: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    refs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for mention in records.mentions:
        spans[mention.entity].setdefault((mention.start, mention.end), mention.text)
        refs[(mention.start, mention.end)].add(entity_iri(mention.entity.split(":", 1)[0], mention.entity))
    by_iri: dict[str, list[Quote]] = defaultdict(list)
    for quote in records.quotes:
        by_iri[quote_iri(article, quote.start, quote.end)].append(quote)
    out = []
    for node, quotes in by_iri.items():
        spoken = [quote for quote in quotes if quote.speaker]
        creators = {entity_iri(key.split(":", 1)[0], key): key
                    for quote in spoken for key in (quote.speaker, *quote.co_speakers)}
        named = {ref for quote in spoken if quote.speaker_start is not None
                 for ref in refs[(quote.speaker_start, quote.speaker_end)]}
        speaker = speaking(set(creators), named)
        forms = tuple(sorted(spans[creators[speaker]].values())) if speaker else ()
        out.append(QuoteInfo(node, article, quotes[0].text, speaker, forms))
    return out


# --------------------------------------------------------------- the store

def _values(items: Iterable[str]) -> str:
    return " ".join(_iri(item) for item in sorted(items))


def stored_quotes(db, statements: Iterable[str] | None = None, exclude: Sequence[str] = (),
                  renamed: dict[str, str] | None = None) -> tuple[list[QuoteInfo], dict[str, str]]:
    """Quotations in the store: all of them (``statements`` None) or the members of ``statements``;
    never those in the graphs ``exclude``. Also each quotation's current statement.

    ``renamed`` maps entity IRIs that the same update renames to their new IRIs: each quotation is read as
    the store holds it after the update (its speaker as :func:`speaking` chooses among its renamed creators,
    with the forms of every mention renamed to it).
    """
    renamed = renamed or {}
    if statements is not None:
        statements = list(statements)
        if not statements:
            return [], {}
        select = (f"VALUES ?s {{ {_values(statements)} }} "
                  f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?s {_iri(NKG.quotation)} ?q }}")
    else:
        select = f"OPTIONAL {{ GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q {_iri(NKG.statement)} ?s }} }}"
    skip = f"FILTER (?g NOT IN ({', '.join(_iri(g) for g in exclude)}))" if exclude else ""
    rows = db.query(
        # (an OPTIONAL inside GRAPH ?g would make Oxigraph scan every quotation)
        f"SELECT ?s ?q ?g ?text ?article ?creator WHERE {{ {select if statements is not None else ''} "
        f"GRAPH ?g {{ ?q a {_iri(SCHEMA.Quotation)} ; {_iri(SCHEMA.text)} ?text ; {_iri(SCHEMA.isPartOf)} ?article }} "
        f"OPTIONAL {{ GRAPH ?g {{ ?q {_iri(SCHEMA.creator)} ?creator }} }} {select if statements is None else ''} "
        f"FILTER (?g != {_iri(STATEMENTS_GRAPH)}) {skip} }}")
    found: dict[tuple[str, str], tuple[str, str, str | None]] = {}
    creators: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = (row["q"].value, row["g"].value)
        found.setdefault(key, (row["text"].value, row["article"].value, row["s"].value if row["s"] else None))
        if row["creator"] is not None:
            creators[key].add(renamed.get(row["creator"].value, row["creator"].value))
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    joint = sorted(key for key, entities in creators.items() if len(entities) > 1)
    if joint:  # a statement made jointly: the creators its speaker mention names
        values = " ".join(f"({_iri(g)} {_iri(q)})" for q, g in joint)
        for row in db.query(f"SELECT ?g ?q ?c WHERE {{ VALUES (?g ?q) {{ {values} }} GRAPH ?g {{ "
                            f"?q {_iri(NKG.speakerMention)} ?m . ?m {_iri(ITSRDF.taIdentRef)} ?c }} }}"):
            named[(row["q"].value, row["g"].value)].add(renamed.get(row["c"].value, row["c"].value))
    speakers = {key: speaking(entities, named[key]) for key, entities in creators.items()}
    sources: dict[str, set[str]] = defaultdict(set)  # an entity IRI -> those renamed to it, and itself
    for old, new in renamed.items():
        sources[new].add(old)
    mentions: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    pairs = {(graph, source) for (_, graph), speaker in speakers.items() for source in {speaker} | sources[speaker]}
    if pairs:
        values = " ".join(f"({_iri(g)} {_iri(c)})" for g, c in sorted(pairs))
        for row in db.query(f"SELECT ?g ?c ?m ?form WHERE {{ VALUES (?g ?c) {{ {values} }} GRAPH ?g {{ "
                            f"?m {_iri(ITSRDF.taIdentRef)} ?c ; {_iri(NIF.anchorOf)} ?form }} }}"):
            entity = renamed.get(row["c"].value, row["c"].value)
            mentions[(row["g"].value, entity)].add((row["m"].value, row["form"].value))
    quotes, membership = [], {}
    for key in sorted(found):
        (iri, graph), (text, article, statement) = key, found[key]
        speaker = speakers.get(key)
        forms = tuple(sorted(form for _, form in mentions.get((graph, speaker), ()))) if speaker else ()
        quotes.append(QuoteInfo(iri, article, text, speaker, forms))
        if statement:
            membership[iri] = statement
    return quotes, membership


def _ask(db, pattern: str) -> bool:
    return bool(db.query(f"ASK {{ {pattern} }}"))


def _statements_of(db, graphs: Sequence[str]) -> set[str]:
    if not graphs:
        return set()
    rows = db.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {_values(graphs)} }} "
                    f"GRAPH ?g {{ ?q a {_iri(SCHEMA.Quotation)} }} "
                    f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q {_iri(NKG.statement)} ?s }} }}")
    return {row["s"].value for row in rows}


def _spoken_by(db, renamed: dict[str, str], exclude: Sequence[str]) -> dict[str, str]:
    """Stored quotations (outside ``exclude``) whose speaker is in ``renamed``, with their statements."""
    if not renamed:
        return {}
    skip = f"FILTER (?g NOT IN ({', '.join(_iri(g) for g in exclude)}))" if exclude else ""
    rows = db.query(f"SELECT ?q ?s WHERE {{ VALUES ?c {{ {_values(renamed)} }} "
                    f"GRAPH ?g {{ ?q a {_iri(SCHEMA.Quotation)} ; {_iri(SCHEMA.creator)} ?c }} "
                    f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?q {_iri(NKG.statement)} ?s }} {skip} }}")
    return {row["q"].value: row["s"].value for row in rows}


def _literals(words: Iterable[str]) -> str:
    return " ".join(f'"{word}"' for word in sorted(words))  # terms are [a-z0-9]+


def _candidates(db, batch: Sequence[QuoteInfo]) -> set[str]:
    """Statements that may hold a quotation similar to one of ``batch``.

    Per quotation: one of its key terms among the statement's terms, or one of
    the statement's key terms among its terms (exact blocking), and at least
    two terms in common (the union of the members' terms bounds what any member
    shares). Two reads by bound terms (the statements that meet the blocking
    condition, then their terms); the counting is done here.
    """
    keys = set().union(*(quote.keys for quote in batch))
    if not keys:
        return set()
    words = set().union(*(quote.terms for quote in batch))
    graph = _iri(STATEMENTS_GRAPH)
    by_term: dict[str, set[str]] = defaultdict(set)  # batch key term -> statements with it among their terms
    by_key: dict[str, set[str]] = defaultdict(set)  # batch term -> statements with it among their key terms
    for row in db.query(f"SELECT ?s ?t ?key WHERE {{ GRAPH {graph} {{ "
                        f"{{ VALUES ?t {{ {_literals(keys)} }} ?s {_TERM} ?t }} UNION "
                        f"{{ VALUES ?t {{ {_literals(words)} }} ?s {_KEY_TERM} ?t BIND (true AS ?key) }} }} }}"):
        (by_term if row["key"] is None else by_key)[row["t"].value].add(row["s"].value)
    pairs = {quote.iri: {s for term in quote.keys for s in by_term.get(term, ())}
             | {s for term in quote.terms for s in by_key.get(term, ())} for quote in batch}
    blocked = set().union(*pairs.values())
    if not blocked:
        return set()
    held: dict[str, set[str]] = defaultdict(set)
    for row in db.query(f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {_values(blocked)} }} "
                        f"GRAPH {graph} {{ ?s {_TERM} ?t }} }}"):
        held[row["s"].value].add(row["t"].value)
    return {s for quote in batch for s in pairs[quote.iri] if len(quote.terms & held[s]) >= 2}


def update_parts(db, batch: Sequence[QuoteInfo], replaced: Sequence[str],
                 renamed: dict[str, str] | None = None) -> Writes:
    """The writes (:class:`~kg.ntriples.Writes`) that bring the statements graph up to date with a batch.

    ``batch`` holds the batch's quotations (:func:`quotes_in_article`), ``replaced`` the IRIs of the
    article graphs the batch drops (old versions), ``renamed`` the entity IRIs
    the batch's operations rename everywhere (old -> new). To apply after the
    batch's own operations, in the same commit.

    The quotations whose data change (the batch's, and stored ones whose
    speaker is renamed) are the probes. The statements of the dropped and
    renamed quotations dissolve: their remaining members are grouped again
    with the batch. A statement with a member similar to a probe joins the new
    component as it is: it was a connected component, and a probe only adds
    edges to it, so its members' similarities are not computed again. Every
    other pair of quotations keeps its similarity, and components are closed,
    so no other statement can change. Only the triples that change are
    written.
    """
    renamed = renamed or {}
    fresh = {quote.iri for quote in batch}
    if not _ask(db, f"GRAPH {_iri(STATEMENTS_GRAPH)} {{ ?s a {_iri(NKG.Statement)} }}"):
        # a new store, or one built before statements existed: group everything once
        stored, _ = stored_quotes(db, None, replaced, renamed)
        return _insert(statement_triples(cluster(batch + [quote for quote in stored if quote.iri not in fresh])))
    respoken = _spoken_by(db, renamed, replaced)
    dissolved = _statements_of(db, replaced) | set(respoken.values())
    loose, _ = stored_quotes(db, dissolved, replaced, renamed)
    loose = [quote for quote in loose if quote.iri not in fresh]
    probes = batch + [quote for quote in loose if quote.iri in respoken]
    kept, membership = stored_quotes(db, _candidates(db, probes) - dissolved, replaced, renamed)
    links = {(probe, membership[other]) for probe, other in _cross_edges(probes, kept)}
    touching = {statement for _, statement in links}
    joined: dict[str, list[QuoteInfo]] = defaultdict(list)
    for quote in kept:
        if membership[quote.iri] in touching:
            joined[membership[quote.iri]].append(quote)
    triples = statement_triples(cluster(batch + loose, links, joined))
    old = dissolved | touching
    if not old:
        return _insert(triples)
    values = _values(old)
    pattern = (f"{{ VALUES ?s {{ {values} }} ?s ?p ?o }} UNION "
               f"{{ VALUES ?o {{ {values} }} ?s {_iri(NKG.statement)} ?o BIND ({_iri(NKG.statement)} AS ?p) }}")
    return replace_data(db, STATEMENTS_GRAPH, pattern, triples, sorted(renamed.items()))


def _insert(triples: Sequence[Triple]) -> Writes:
    writes = Writes()
    writes.add(STATEMENTS_GRAPH, triples)
    return writes


def _cross_edges(probes: Sequence[QuoteInfo], stored: Sequence[QuoteInfo]) -> list[tuple[str, str]]:
    """Similar pairs (probe IRI, stored IRI), stored quotations that are probes aside (same blocking as
    :func:`edges`, but only probe against stored)."""
    probe_iris = {quote.iri for quote in probes}
    others = [quote for quote in stored if quote.iri not in probe_iris]
    by_term, by_key = _blocking_index(others)
    out = []
    for probe in probes:
        candidates = {j for term in probe.keys for j in by_term.get(term, ())}
        candidates.update(j for term in probe.terms for j in by_key.get(term, ()))
        out.extend((probe.iri, others[j].iri) for j in sorted(candidates) if similar(probe, others[j]))
    return out


def recompute(db) -> Graph:
    """The statements graph computed from scratch from every quotation in the store."""
    quotes, _ = stored_quotes(db)
    return to_graph(statement_triples(cluster(quotes)), Graph(identifier=URIRef(STATEMENTS_GRAPH)))


__all__ = [
    "RULES",
    "QuoteInfo",
    "cluster",
    "edges",
    "key_terms",
    "min_shared",
    "quotes_in_article",
    "recompute",
    "representative_text",
    "similar",
    "speaker_relation",
    "speaking",
    "statement_iri",
    "statement_triples",
    "stored_quotes",
    "terms",
    "update_parts",
]
