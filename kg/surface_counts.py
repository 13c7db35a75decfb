"""How often each entity is mentioned by each of its names, kept up to date by the store's writer.

An entity's description (its name and alternate names) is chosen from the
surface forms of all its mentions in the store. Counting them with a query
reads every earlier mention of the entity, so the cost of a batch would grow
with the store. The writer instead keeps the counts of the entities it has
touched: an entity is read from the store once (the first time a batch
touches it), then its counts follow each committed batch: the article graphs
the batch drops, the renames it makes and the mentions it adds, exactly as
the update applies them. The counts are those the query would give: one per
mention node and form in each article graph.
"""
from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable

from .records import ArticleRecords
from .vocab import ITSRDF, NIF, entity_iri

LIMIT = 100_000  # entities whose counts are kept (the least recently touched are read again when needed)


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def query_counts(db, entities: Iterable[str], graphs: Iterable[str] | None = None) -> dict[str, Counter]:
    """Mentions of ``entities`` by surface form, in all graphs or (``graphs``) only those."""
    entities, out = list(entities), defaultdict(Counter)
    if not entities or graphs is not None and not graphs:
        return out
    within = f"VALUES ?g {{ {_values(graphs)} }} " if graphs is not None else ""
    rows = db.query(
        f"SELECT ?e ?form (COUNT(?m) AS ?n) WHERE {{ {within}VALUES ?e {{ {_values(entities)} }} "
        f"GRAPH ?g {{ ?m <{ITSRDF.taIdentRef}> ?e ; <{NIF.anchorOf}> ?form }} }} GROUP BY ?e ?form")
    for row in rows:
        out[row["e"].value][row["form"].value] += int(row["n"].value)
    return out


def batch_counts(batch: Iterable[ArticleRecords]) -> dict[str, Counter]:
    """The mentions the batch's article graphs hold, by entity IRI and form (as :func:`query_counts` counts them)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for records in batch:
        iris = {entity.key: entity_iri(entity.type, entity.key) for entity in records.entities}
        nodes: dict[tuple[int, int], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for mention in records.mentions:
            refs, forms = nodes[(mention.start, mention.end)]
            refs.add(iris[mention.entity])
            forms.add(mention.text)
        for time in records.times:
            if (time.start, time.end) in nodes:
                nodes[(time.start, time.end)][1].add(time.text)
        for refs, forms in nodes.values():
            for iri in refs:
                out[iri].update(forms)
    return out


class SurfaceCounts:
    """The store's mention counts of the entities a writer touched (at most ``limit`` of them)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._counts: OrderedDict[str, Counter] = OrderedDict()

    def outside(self, db, entities: set[str], dropped: list[str]) -> dict[str, Counter]:
        """The counts of ``entities`` in the store's graphs other than ``dropped`` (existing article graphs)."""
        fetched = query_counts(db, [iri for iri in entities if iri not in self._counts])
        out = {iri: Counter(self._counts.get(iri, fetched.get(iri, ()))) for iri in entities}
        for iri, counter in query_counts(db, entities, dropped).items():
            out[iri].subtract(counter)
            out[iri] = +out[iri]
        return out

    def committed(self, outside: dict[str, Counter], renames: Iterable[tuple[str, str]],
                  added: dict[str, Counter]) -> None:
        """Follow a committed update: graphs dropped (``outside``, as :meth:`outside` gave it), entities
        renamed in this order (old IRI, new IRI), then the mentions ``added`` (:func:`batch_counts`)."""
        counts = {iri: Counter(counter) for iri, counter in outside.items()}
        for old, new in renames:
            counts.setdefault(new, Counter()).update(counts.get(old, ()))
            counts[old] = Counter()
        for iri, counter in added.items():
            counts.setdefault(iri, Counter()).update(counter)
        for iri, counter in counts.items():
            self._counts[iri] = counter
            self._counts.move_to_end(iri)
        while len(self._counts) > self.limit:
            self._counts.popitem(last=False)

    def clear(self) -> None:
        """Forget every count (the store was written some other way)."""
        self._counts.clear()


__all__ = ["LIMIT", "SurfaceCounts", "batch_counts", "query_counts"]
