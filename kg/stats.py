"""Counts that summarise a store: articles, entities by type, quotes."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .store import Store
from .vocab import ENTITIES_GRAPH, NKG, SCHEMA

TYPE_CLASSES = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "Place": SCHEMA.Place,
    "MilitaryBase": NKG.MilitaryBase,
    "Event": SCHEMA.Event,
}


@dataclass(frozen=True)
class Stats:
    """A store's headline counts."""

    articles: int
    entities: dict[str, int]
    quotes: int
    attributed_quotes: int
    mentions: int
    roles: int

    def as_dict(self) -> dict:
        """Plain-dict form for JSON output."""
        return asdict(self)

    def __str__(self) -> str:
        lines = [f"articles: {self.articles}", "entities:"]
        lines += [f"  {name}: {count}" for name, count in self.entities.items()]
        lines += [f"quotes: {self.quotes} ({self.attributed_quotes} attributed)",
                  f"mentions: {self.mentions}", f"role statements: {self.roles}"]
        return "\n".join(lines)


def _count(store: Store, pattern: str) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(rows))["n"].value)


def store_stats(store: Store) -> Stats:
    """Count what the store holds."""
    entities = {}
    for name, cls in TYPE_CLASSES.items():
        if name == "Place":
            pattern = (f"GRAPH <{ENTITIES_GRAPH}> {{ ?e a <{cls}> "
                       f"FILTER NOT EXISTS {{ ?e a <{NKG.MilitaryBase}> }} }}")
        else:
            pattern = f"GRAPH <{ENTITIES_GRAPH}> {{ ?e a <{cls}> }}"
        entities[name] = _count(store, pattern)
    return Stats(
        articles=_count(store, f"?a a <{SCHEMA.NewsArticle}>"),
        entities=entities,
        quotes=_count(store, f"?q a <{SCHEMA.Quotation}>"),
        attributed_quotes=_count(store, f"?q a <{SCHEMA.Quotation}> ; <{SCHEMA.creator}> ?s"),
        mentions=_count(store, f"?m a <{NKG.Mention}>"),
        roles=_count(store, f"?r a <{NKG.RoleStatement}>"),
    )


__all__ = ["Stats", "store_stats"]
