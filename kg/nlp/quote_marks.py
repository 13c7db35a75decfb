"""Pairing quote marks in raw text, robust to unbalanced and mismatched marks.

Works on the cleaned text (see :mod:`kg.ingest.clean`): double quotes are
“ ” or straight ``"``; a text that opens more quotations with ‘ than with a
double mark quotes with single marks, where a ’ inside a word is an
apostrophe and a double mark quotes within a quotation. A quotation that runs over several paragraphs follows
the newspaper convention: each continued paragraph reopens with a mark and
only the last one closes. An opening mark that is never closed ends at its
paragraph's end (and does not go on into the next paragraph when its own
paragraph attributes it, "“We had ten minutes, said X"), so one stray mark
never swallows the rest of the article.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

OPENERS = {"“"}
CLOSERS = {"”"}
STRAIGHT = '"'
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
STRAIGHT_SINGLE = "'"  # quotes only in a text that quotes with it (else an apostrophe)
MARKS = "".join(sorted(OPENERS | CLOSERS | {STRAIGHT, SINGLE_OPEN, SINGLE_CLOSE}))
PARAGRAPH = re.compile(r"\n\s*\n|\n")
# ", said X" / ", X Y said": a paragraph that attributes its open quotation does not continue it in the next one
ATTRIBUTION = re.compile(r",\s+(?:(?:[A-Z][\w’'.-]*\s+){1,3})?(?:said|says|told|added|asked|explained|insisted)\b")


@dataclass(frozen=True)
class QuotePair:
    """Character offsets of the marks (``open`` at the opening mark, ``close``
    at the closing one) and of the words inside (``start``/``end``)."""

    open: int
    close: int
    start: int
    end: int
    closed: bool = True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@lru_cache(maxsize=None)
def _one_of(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")


def _positions(text: str, chars: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets of the characters of ``chars`` in ``text[start:end]``, in order (a regular expression finds them
    much faster than a loop over every character)."""
    return (m.start() for m in _one_of(chars).finditer(text, start, len(text) if end is None else end))


def _is_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:;,"


def _single_marks(text: str) -> tuple[str, str] | None:
    """The single marks the text quotes with (‘…’, British style, or straight '…'), if it does: more
    quotations open with one of them than with a double mark (a double mark inside a single-quoted quotation
    quotes someone within it, and is no quotation of its own)."""
    doubles = sum(1 for i in _positions(text, "".join(OPENERS) + STRAIGHT)
                  if text[i] in OPENERS or _is_opening_straight(text, i))
    best, marks = doubles, None
    for opening, closing in ((SINGLE_OPEN, SINGLE_CLOSE), (STRAIGHT_SINGLE, STRAIGHT_SINGLE)):
        opened = sum(1 for i in _positions(text, opening) if _is_opening_straight(text, i)
                     and i + 1 < len(text) and not text[i + 1].isspace())
        if opened > best:
            best, marks = opened, (opening, closing)
    return marks


def _closes(text: str, i: int, single: tuple[str, str] | None) -> bool:
    """Whether the mark at ``i`` closes a quotation (in single-mark text, a ’ followed by a letter is an
    apostrophe: "president’s", "don’t")."""
    ch = text[i]
    if single:
        return ch == single[1] and not (i + 1 < len(text) and text[i + 1].isalnum())
    return ch in CLOSERS or ch == STRAIGHT


def find_quote_pairs(text: str) -> list[QuotePair]:
    """All quotations in ``text``, in order of their opening marks."""
    pairs: list[QuotePair] = []
    carry: int | None = None  # opening offset of a quote continued from the previous paragraph
    paragraphs = _paragraphs(text)
    single = _single_marks(text)
    openers = {single[0]} if single else OPENERS
    marks = MARKS + STRAIGHT_SINGLE if single and single[0] == STRAIGHT_SINGLE else MARKS
    for index, (a, b) in enumerate(paragraphs):
        opened: int | None = None
        for i in _positions(text, marks, a, b):  # (no other character opens or closes anything)
            ch = text[i]
            closing = opened is not None and _closes(text, i, single)
            opening = (ch in openers and (not single or _is_opening_straight(text, i))) \
                or (ch == STRAIGHT and opened is None and _is_opening_straight(text, i))
            if opening and not (closing and ch == STRAIGHT_SINGLE):  # a straight ' closes what it can ("…,' said")
                if opened is None:
                    opened = i
            elif closing:
                first = carry if carry is not None else opened
                pairs.append(QuotePair(first, i, first + 1, i))
                opened, carry = None, None
        if opened is None:
            carry = None
            continue
        next_opens = index + 1 < len(paragraphs) and text[paragraphs[index + 1][0]] in openers | {STRAIGHT} \
            and not ATTRIBUTION.search(text, opened, b)
        if next_opens:
            carry = carry if carry is not None else opened
        else:
            first = carry if carry is not None else opened
            end = b
            pairs.append(QuotePair(first, end, first + 1, end, closed=False))
            carry = None
    return pairs


__all__ = ["QuotePair", "find_quote_pairs"]
