"""Content negotiation: the ``Accept`` header, q-values and the most specific match (RFC 9110, 12.5.1).

Werkzeug's ``MIMEAccept`` gives a media type the quality of the first range
that matches it in q order, so ``*/*;q=0.5, text/csv;q=0`` would still accept
CSV; here, as the RFC says, the most specific range decides.

The endpoint's media types carry no parameters but the charset, always UTF-8:
a range with ``charset=utf-8`` names them (more specifically than one without),
a range with any other parameter (``charset=latin1``, a JSON-LD ``profile``)
does not.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    params: frozenset[tuple[str, str]]
    quality: float

    def specificity(self, media_type: str) -> int:
        """How precisely this range names ``media_type`` (3 exact with charset ... 0 ``*/*``), -1 if not at all."""
        offered_type, _, offered_subtype = media_type.partition("/")
        if self.params - {("charset", "utf-8")}:
            return -1
        if self.type == "*":
            return 0
        if self.type != offered_type:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != offered_subtype:
            return -1
        return 3 if self.params else 2


def _params(parts: list[str]) -> tuple[dict[str, str], float]:
    params: dict[str, str] = {}
    quality = 1.0
    for part in parts:
        name, _, value = part.partition("=")
        name, value = name.strip().lower(), value.strip().strip('"')
        if name == "q":
            try:
                quality = min(max(float(value), 0.0), 1.0)
            except ValueError:
                quality = 0.0
        elif name:
            params[name] = value.lower()
    return params, quality


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header (malformed elements are skipped)."""
    ranges = []
    for element in header.split(","):
        media, *parts = element.split(";")
        kind, slash, subtype = media.strip().lower().partition("/")
        if not slash or not kind or not subtype or (kind == "*" and subtype != "*"):
            continue
        params, quality = _params(parts)
        ranges.append(MediaRange(kind, subtype, frozenset(params.items()), quality))
    return ranges


def match(ranges: list[MediaRange], media_type: str) -> tuple[float, int]:
    """The quality the client gives ``media_type`` and how specifically: those of the most specific range naming it.

    ``(0.0, -1)`` when no range names it.
    """
    best = (0.0, -1)
    for media_range in ranges:
        specificity = media_range.specificity(media_type)
        if specificity > best[1]:
            best = (media_range.quality, specificity)
    return best


def best_match(header: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers, or ``None`` when it accepts none of them (answer 406).

    Highest quality wins; among equals, the offer the client named more
    specifically, then the earlier offer. Without an ``Accept`` header (or one
    with no valid element), the first offer.
    """
    ranges = parse_accept(header or "")
    if not ranges:
        return offers[0] if offers else None
    scored = [(*match(ranges, offer), -position, offer) for position, offer in enumerate(offers)]
    quality, _, _, offer = max(scored, default=(0.0, -1, 0, None))
    return offer if quality > 0 else None


__all__ = ["MediaRange", "best_match", "match", "parse_accept"]
