"""Linking a batch's people and organizations to those already in the store.

Within an article :mod:`kg.resolve` joins name variants. Across articles three
more cases need the store:

* a surname alone ("Sudani" in an article that never gives the full name)
  is the one person in the store with that family name, when there is one;
* a one-letter slip in a given name ("Sabrin Singh" for "Sabrina Singh") is
  the same person when the two also share a job title word or an employer;
* an organization named only by a description ("the joint commission", in
  an article that never names it) is the one organization in the store whose
  name has that head noun ("Higher Military Commission"), when there is one.

The surviving key is a function of the names alone (the longer, then the
first in code-point order), so the result does not depend on which article
came first: when a later article brings the better key, the store's entity
is re-keyed (its IRI changes everywhere) instead of the newcomer being
mapped onto the older one.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations

from . import resources as res
from .records import ORGANIZATION, PERSON, ArticleRecords, Entity
from .vocab import entity_iri

GENERIC_TITLE_WORDS = {"deputy", "senior", "chief", "top", "former", "acting", "assistant", "the", "of", "for"}
MIN_TYPO_LENGTH = 5
MIN_SWAP_LENGTH = 8  # a family name this long may have one letter typed for another ("Dissanayaka")
LINKED_TYPES = (PERSON, ORGANIZATION)
CONNECTORS = {"of", "for", "against", "in", "on", "to", "and"}


@dataclass
class Linkable:
    """What linking needs to know of one person or organization: key, title words, employers."""

    key: str
    partial: bool
    titles: set[str] = field(default_factory=set)
    employers: set[str] = field(default_factory=set)


def head(key: str) -> str:
    """The word a partial name is linked by: a person's family name ("Person:sabrina singh" -> "singh"),
    an organization's head noun ("Organization:global coalition against daesh" -> "coalition")."""
    words = key.split(":", 1)[1].split()
    if key.startswith(f"{ORGANIZATION}:"):
        words = words[: next((i for i, w in enumerate(words) if w in CONNECTORS and i), len(words))]
    return words[-1] if words else ""


def is_partial(key: str, name: str) -> bool:
    """Whether an entity is named by no one in particular: a surname alone, or a description in lower
    case made of descriptive words ("joint commission", not "Higher Military Commission")."""
    words = key.split(":", 1)[1].split()
    if key.startswith(f"{PERSON}:"):
        return len(words) == 1
    described = res.word_list("nominal_modifiers.txt") | res.word_list("nominal_heads.txt")
    return bool(words) and name[:1].islower() and all(w in described for w in words)


def one_deletion(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter left out (or the reverse)."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1 or len(b) < MIN_TYPO_LENGTH:
        return False
    return any(a[:i] + a[i + 1:] == b for i in range(len(a)))


def one_swap(a: str, b: str) -> bool:
    """Whether ``b`` is the long word ``a`` with one letter typed for another."""
    return len(a) == len(b) >= MIN_SWAP_LENGTH and sum(x != y for x, y in zip(a, b)) == 1


def same_person_typo(a: Linkable, b: Linkable) -> bool:
    """People's names one slip apart (a letter left out of one word, or one typed for another in a long family
    name), with a shared role or employer to back it."""
    if not (a.key.startswith(f"{PERSON}:") and b.key.startswith(f"{PERSON}:")):
        return False
    ta, tb = a.key.split(":", 1)[1].split(), b.key.split(":", 1)[1].split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    differing = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(differing) != 1 or not (one_deletion(*differing[0]) or ta[-1] != tb[-1] and one_swap(*differing[0])):
        return False
    shared_titles = (a.titles & b.titles) - GENERIC_TITLE_WORDS
    return bool(shared_titles or a.employers & b.employers)


def better_key(keys) -> str:
    """The key that survives a merge: the longest, then the first in code-point order."""
    return min(keys, key=lambda k: (-len(k), k))


def plan(candidates: list[Linkable]) -> dict[str, str]:
    """Map every key that should change to the key it becomes.

    ``candidates`` holds the batch's people and organizations and the store's
    sharing their heads; full names are grouped by :func:`same_person_typo`,
    partial names (a surname alone, a description) join the single group of
    their type with that head.
    """
    mapping: dict[str, str] = {}
    groups = _typo_groups([c for c in candidates if not c.partial])
    by_head: dict[tuple[str, str], set[str]] = {}
    for group in groups:
        target = better_key({c.key for c in group})
        for c in group:
            if c.key != target:
                mapping[c.key] = target
        by_head.setdefault((target.split(":", 1)[0], head(target)), set()).add(target)
    for candidate in candidates:
        if candidate.partial:
            targets = by_head.get((candidate.key.split(":", 1)[0], head(candidate.key)), set())
            if len(targets) == 1:
                mapping[candidate.key] = next(iter(targets))
    return mapping


def _typo_blocks(candidate: Linkable) -> list[tuple]:
    """What two people one slip apart share: their word count and family name, or their word count and given
    name (a slip in the family name); others share nothing."""
    if not candidate.key.startswith(f"{PERSON}:"):
        return [(candidate.key,)]
    words = candidate.key.split(":", 1)[1].split() or [""]
    return [(PERSON, len(words), "family", words[-1]), (PERSON, len(words), "given", words[0])]


def _typo_groups(full: list[Linkable]) -> list[list[Linkable]]:
    """The connected components of :func:`same_person_typo`, comparing only within a block (near-linear)."""
    blocks: dict[tuple, list[int]] = {}
    for i, candidate in enumerate(full):
        for block in _typo_blocks(candidate):
            blocks.setdefault(block, []).append(i)
    parent = list(range(len(full)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in blocks.values():
        for a, b in combinations(members, 2):
            if same_person_typo(full[a], full[b]):
                parent[root(b)] = root(a)
    groups: dict[int, list[Linkable]] = {}
    for i, candidate in enumerate(full):
        groups.setdefault(root(i), []).append(candidate)
    return list(groups.values())


def batch_linkables(batch: list[ArticleRecords]) -> dict[str, Linkable]:
    """The people and organizations of a batch, people with the titles and employers (IRIs) the batch gives them."""
    out: dict[str, Linkable] = {}
    for records in batch:
        for entity in records.entities:
            if entity.type in LINKED_TYPES:
                partial = entity.partial if entity.type == PERSON else is_partial(entity.key, entity.name)
                out.setdefault(entity.key, Linkable(entity.key, partial))
                out[entity.key].partial &= partial
        for role in records.roles:
            person = out.get(role.person)
            if person is not None:
                person.titles |= set(role.title.lower().split())
                if role.org:
                    org_type, _ = role.org.split(":", 1)
                    person.employers.add(entity_iri(org_type, role.org))
    return out


def rekey(records: ArticleRecords, mapping: dict[str, str]) -> ArticleRecords:
    """The same records with entity keys replaced as ``mapping`` says (entities merged)."""
    if not any(e.key in mapping for e in records.entities):
        return records
    def move(key: str | None) -> str | None:
        return mapping.get(key, key) if key else key

    entities: dict[str, Entity] = {}
    for entity in records.entities:
        key = move(entity.key)
        old = entities.get(key)
        aliases = entity.aliases if old is None else old.aliases + tuple(a for a in entity.aliases if a not in old.aliases)
        entities[key] = replace(entity, key=key, aliases=aliases, partial=entity.partial and (old is None or old.partial))
    return replace(
        records,
        entities=tuple(entities.values()),
        mentions=tuple(replace(m, entity=move(m.entity)) for m in records.mentions),
        quotes=tuple(replace(q, speaker=move(q.speaker), co_speakers=tuple(move(k) for k in q.co_speakers))
                     for q in records.quotes),
        roles=tuple(replace(r, person=move(r.person), org=move(r.org)) for r in records.roles),
        events=tuple(replace(e, entity=move(e.entity), place=move(e.place),
                             participants=tuple(move(p) for p in e.participants)) for e in records.events),
    )


__all__ = ["Linkable", "batch_linkables", "better_key", "head", "is_partial", "one_deletion", "plan", "rekey",
           "same_person_typo"]
