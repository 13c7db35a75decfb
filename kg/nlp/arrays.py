"""Finding tokens by an attribute without a ``Token`` for every one of them.

A rule's loop over a whole Doc builds a Python ``Token`` for each token it
looks at, the largest cost of the rule components; ``Doc.to_array`` reads an
attribute of every token in C, so a loop can visit only the tokens that can
matter to it.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc
from spacy.vocab import Vocab


def string_ids(vocab: Vocab, words: Iterable[str]) -> frozenset[int]:
    """The string ids of ``words``, for :func:`indices`."""
    return frozenset(vocab.strings.add(word) for word in words)


def indices(doc: Doc, attr: int, ids: frozenset[int]) -> list[int]:
    """Indices of the tokens whose ``attr`` (``ORTH``, ``LOWER``) is one of the string ids ``ids``."""
    return [i for i, value in enumerate(doc.to_array(attr).tolist()) if value in ids]


def flagged(doc: Doc, flag: int) -> list[int]:
    """Indices of the tokens that have ``flag`` (``IS_SPACE``, ``IS_UPPER``...)."""
    return [i for i, value in enumerate(doc.to_array(flag).tolist()) if value]


__all__ = ["flagged", "indices", "string_ids"]
