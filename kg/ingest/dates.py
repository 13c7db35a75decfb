"""Publication dates and date expressions in article text.

The words (month and weekday names, seasons, cue words...) come from
``kg/data/dates.json``. Relative expressions are resolved against the
publication date, the *anchor*, assuming news past tense:

* a weekday is the latest such day on or before the anchor ("last"/"next"
  Saturday: strictly before/after it);
* a day or month without a year ("January 27", "mid-October") is its latest
  occurrence at most ``days_ahead`` (31) days after the anchor;
* a season ("last summer") uses Northern-hemisphere meteorological seasons
  (spring = Mar 1, summer = Jun 1, autumn = Sep 1, winter = Dec 1). "this
  winter" is the current season when the anchor is in it, otherwise "this
  <season>" is the one starting in the anchor's year; "last"/"next" are the
  occurrences before/after the season the anchor is in;
* "last/this/next year" is January 1 of that year, "... month" the first of
  that month, "... week" the anchor plus or minus seven days (precision day).

Without an anchor, absolute expressions still get a value and relative ones
get ``None``. ``TimeExpression.value`` is the first day of the period its
``precision`` ("day", "month", "season" or "year") names.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files

from kg.records import TimeExpression

_WORDS = json.loads((files("kg") / "data" / "dates.json").read_text(encoding="utf-8"))
_MONTHS = {name: number for number, names in enumerate(_WORDS["months"], 1) for name in names}
_WEEKDAYS = {name: number for number, name in enumerate(_WORDS["weekdays"])}
_SEASONS: dict[str, int] = _WORDS["seasons"]
_RELATIVE_DAYS = {" ".join(key.split()): shift for key, shift in _WORDS["relative_days"].items()}
_MODIFIERS: dict[str, int] = _WORDS["modifiers"]
_DAYS_AHEAD = dt.timedelta(days=_WORDS["days_ahead"])


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any space."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_MONTH = rf"(?P<month>{_alternation(_MONTHS)})\b\.?"
_WEEKDAY_PREFIX = rf"(?:(?:{_alternation(_WEEKDAYS)}),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_PREFIX = rf"(?:(?P<prefix>{_alternation(_WORDS['period_prefixes'])})(?:-|\s+))"
_CUE = rf"\b(?:{_alternation(_WORDS['cues'])})\s+"
_FLAGS = re.IGNORECASE

_ISO = re.compile(
    r"(?<![\d-])(?P<phrase>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d-])"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<phrase>{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?)", _FLAGS
)
_DAY_MONTH = re.compile(
    rf"(?<![\w,.])(?P<phrase>{_WEEKDAY_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)", _FLAGS
)
_MONTH_PERIOD = re.compile(
    rf"(?P<cue>{_CUE})?\b(?P<phrase>{_PREFIX}?{_MONTH}(?:\s+(?:of\s+)?{_YEAR})?)", _FLAGS
)
_YEAR_ALONE = re.compile(rf"{_CUE}{_PREFIX}?(?P<phrase>(?P<year>(?:19|20)\d\d))(?![\w-]|[.,]\d)", _FLAGS)
_WEEKDAY = re.compile(
    rf"\b(?P<phrase>(?:(?P<modifier>{_alternation(_MODIFIERS)})\s+)?(?P<weekday>{_alternation(_WEEKDAYS)})\b"
    rf"(?:\s+(?:{_alternation(_WORDS['parts_of_day'])})\b)?)",
    _FLAGS,
)
_RELATIVE_DAY = re.compile(
    rf"\b(?P<phrase>(?P<word>{_alternation(_RELATIVE_DAYS)})\b"
    rf"(?:\s+(?:{_alternation(_WORDS['parts_of_day'])})\b)?)",
    _FLAGS,
)
_RELATIVE_PERIOD = re.compile(
    rf"\b(?P<phrase>(?P<modifier>{_alternation(_MODIFIERS)})\s+"
    rf"(?P<unit>year|month|week|{_alternation(_SEASONS)}))\b",
    _FLAGS,
)
_TIME = re.compile(
    r",?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?(?:\s*(?P<utc>UTC|GMT|Z))?",
    _FLAGS,
)
_LABEL = re.compile(rf"\s*(?:{_alternation(_WORDS['published_labels'])})\b\s*(?:on|at)?\s*:?\s*", _FLAGS)

Resolution = tuple[dt.date | None, str]
Resolver = Callable[[re.Match[str], dt.date | None], Resolution | None]


def _date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)``, or None when there is no such day."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _explicit(match: re.Match[str]) -> dt.date | None:
    """The date a match with year, month and day groups spells out."""
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    return _date(int(match["year"]), number, int(match["day"]))


def _full_dates(text: str) -> Iterator[tuple[int, dt.date]]:
    """Dates written with a year (ISO or with a month name) in ``text``, with offsets."""
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            value = _explicit(match) if match["year"] else None
            if value is not None:
                yield match.start(), value


def find_published(text: str) -> dt.date | None:
    """The publication date given near the top of ``text``, if any.

    Looks at the first few non-empty lines for a dateline: a line that starts
    with a label such as "Published:" or "Updated", or a short line, holding
    a date with a year ("2024-01-25 FOCUS 69", "January 25, 2024",
    "25 Jan 2024"). Returns the first plausible date (1900 to next year).
    """
    lines = [line for line in text.splitlines() if line.strip()][: _WORDS["published_lines"]]
    latest = dt.date.today().year + 1
    for line in lines:
        if not (_LABEL.match(line) or len(line.split()) <= _WORDS["dateline_words"]):
            continue
        for _, value in sorted(_full_dates(line), key=lambda found: found[0]):
            if 1900 <= value.year <= latest:
                return value
    return None


def _textual(value: str) -> dt.date | dt.datetime | None:
    """A date with a month name, optionally followed by a time, filling all of ``value``."""
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.match(value)
        if match is None or not match["year"]:
            continue
        day = _explicit(match)
        rest = value[match.end():]
        if day is None or not rest.strip(" ,"):
            return day
        time = _TIME.fullmatch(rest)
        if time is None:
            return None
        hour = int(time["hour"])
        if time["ampm"]:
            hour = hour % 12 + (12 if time["ampm"].lower() == "p" else 0)
        zone = dt.timezone.utc if time["utc"] else None
        try:
            clock = dt.time(hour, int(time["minute"]), int(time["second"] or 0), tzinfo=zone)
        except ValueError:
            return None
        return dt.datetime.combine(day, clock)
    return None


def parse_date(value: str) -> dt.date | dt.datetime | None:
    """Parse a metadata date; a ``date`` when no time is given, else a ``datetime``.

    Accepts ISO 8601 dates and datetimes (with ``Z`` or an offset), RFC 2822
    ("Thu, 25 Jan 2024 10:00:00 GMT"), and textual dates ("January 25, 2024",
    "25 January 2024", "Jan. 25, 2024", optionally with a time), also after a
    label such as "Published:". Returns None when nothing parses.
    """
    text = value.strip()
    label = _LABEL.match(text)
    if label:
        text = text[label.end():].strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            pass
    textual = _textual(text)
    if textual is not None:
        return textual
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _latest_before(anchor: dt.date | None, make: Callable[[int], dt.date | None]) -> dt.date | None:
    """The latest ``make(year)`` at most ``days_ahead`` days after ``anchor``."""
    if anchor is None:
        return None
    limit = anchor + _DAYS_AHEAD
    found = (make(year) for year in (anchor.year + 1, anchor.year, anchor.year - 1))
    return next((day for day in found if day is not None and day <= limit), None)


def _season_start(anchor: dt.date) -> dt.date:
    """First day of the season ``anchor`` falls in."""
    started = [month for month in _SEASONS.values() if month <= anchor.month]
    if started:
        return dt.date(anchor.year, max(started), 1)
    return dt.date(anchor.year - 1, max(_SEASONS.values()), 1)


def _season(anchor: dt.date, month: int, shift: int) -> dt.date:
    """The season starting in ``month`` that is last (-1), this (0) or next (1) for ``anchor``."""
    current = _season_start(anchor)
    if shift == 0:
        return current if current.month == month else dt.date(anchor.year, month, 1)
    candidate = dt.date(current.year, month, 1)
    if shift < 0:
        return candidate if candidate < current else candidate.replace(year=current.year - 1)
    return candidate if candidate > current else candidate.replace(year=current.year + 1)


def _resolve_day(match: re.Match[str], anchor: dt.date | None) -> Resolution:
    """A day: ISO, or with a month name and with or without a year."""
    if match["year"]:
        return _explicit(match), "day"
    month, day = _MONTHS[match["month"].lower()], int(match["day"])
    return _latest_before(anchor, lambda year: _date(year, month, day)), "day"


def _resolve_month(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    """A month with a year, a prefix ("mid-October") or a cue ("in October").

    A bare month name is too ambiguous to be a date phrase (None).
    """
    if not (match["cue"] or match["prefix"] or match["year"]):
        return None
    month = _MONTHS[match["month"].lower()]
    if match["year"]:
        return dt.date(int(match["year"]), month, 1), "month"
    return _latest_before(anchor, lambda year: dt.date(year, month, 1)), "month"


def _resolve_year(match: re.Match[str], anchor: dt.date | None) -> Resolution:
    """A year after a cue ("in 2014", "since 2014")."""
    return dt.date(int(match["year"]), 1, 1), "year"


def _resolve_weekday(match: re.Match[str], anchor: dt.date | None) -> Resolution:
    """A weekday: on or before the anchor, or strictly before/after with last/next."""
    if anchor is None:
        return None, "day"
    weekday = _WEEKDAYS[match["weekday"].lower()]
    shift = _MODIFIERS.get((match["modifier"] or "").lower(), 0)
    if shift > 0:
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7), "day"
    back = (anchor.weekday() - weekday) % 7
    return anchor - dt.timedelta(days=back or (7 if shift < 0 else 0)), "day"


def _resolve_relative_day(match: re.Match[str], anchor: dt.date | None) -> Resolution:
    """Today, yesterday, tomorrow and the like."""
    if anchor is None:
        return None, "day"
    return anchor + dt.timedelta(days=_RELATIVE_DAYS[" ".join(match["word"].lower().split())]), "day"


def _resolve_period(match: re.Match[str], anchor: dt.date | None) -> Resolution:
    """Last/this/next year, month, week or season."""
    unit = match["unit"].lower()
    precision = {"year": "year", "month": "month", "week": "day"}.get(unit, "season")
    if anchor is None:
        return None, precision
    shift = _MODIFIERS[match["modifier"].lower()]
    if unit == "year":
        return dt.date(anchor.year + shift, 1, 1), precision
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return dt.date(year, month + 1, 1), precision
    if unit == "week":
        return anchor + dt.timedelta(weeks=shift), precision
    return _season(anchor, _SEASONS[unit], shift), precision


DIGITS = "#"  # the trigger key of every word that starts with a digit (:func:`_starts`)
_FIRST_WORDS = {key.split()[0] for key in _RELATIVE_DAYS}
_MONTHS_AND_WEEKDAYS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)

# Each finder: pattern, resolver, the groups that must be capitalised in running text, and its triggers: the
# words (:func:`_starts`) every one of its matches starts with (None: it is run over the whole text).
_FINDERS: tuple[tuple[re.Pattern[str], Resolver, str, frozenset[str] | None], ...] = (
    (_ISO, _resolve_day, "", None),
    (_MONTH_DAY, _resolve_day, "month", _MONTHS_AND_WEEKDAYS),
    (_DAY_MONTH, _resolve_day, "month", frozenset(_WEEKDAYS) | {DIGITS}),
    (_MONTH_PERIOD, _resolve_month, "month",
     frozenset(_MONTHS) | frozenset(_WORDS["cues"]) | frozenset(_WORDS["period_prefixes"])),
    (_YEAR_ALONE, _resolve_year, "", frozenset(_WORDS["cues"])),
    (_WEEKDAY, _resolve_weekday, "weekday", frozenset(_WEEKDAYS) | frozenset(_MODIFIERS)),
    (_RELATIVE_DAY, _resolve_relative_day, "", frozenset(_FIRST_WORDS)),
    (_RELATIVE_PERIOD, _resolve_period, "", frozenset(_MODIFIERS)),
)
_WORD = re.compile(r"\w+")
# the letters other than A-Z that an IGNORECASE pattern matches to a-z ("ſ" to "s", the Kelvin sign to "k")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDED = re.compile("[\u0130\u0131\u017f\u212a]")  # (a search is much faster than a translate)
_TRIGGERED_BY: dict[str, tuple[int, ...]] = {}
for _index, (*_, _triggers) in enumerate(_FINDERS):
    for _word in _triggers or ():
        _TRIGGERED_BY[_word] = (*_TRIGGERED_BY.get(_word, ()), _index)


def _starts(text: str) -> list[list[int]]:
    """For each finder with triggers, where the words of ``text`` that trigger it start, in order.

    A word is looked up as :data:`DIGITS` if it starts with a digit, else folded to lower case as the
    finders' IGNORECASE matching folds it (:data:`_FOLD` changes no word's bounds: all are letters).
    """
    starts: list[list[int]] = [[] for _ in _FINDERS]
    for word in _WORD.finditer(text.translate(_FOLD) if _FOLDED.search(text) else text):
        found = word[0]
        for index in _TRIGGERED_BY.get(DIGITS if found[0].isdigit() else found.lower(), ()):
            starts[index].append(word.start())
    return starts


def _matches(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only ``starts`` (None: everywhere).

    Every match of a finder starts at the beginning of a word, one of its triggers whole (each is followed by
    a space, a hyphen, a comma or a word boundary in the pattern): trying those positions in order, from the
    end of the last match, finds the same matches as scanning every position.
    """
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            end = match.end()
            yield match


def _candidates(text: str, anchor: dt.date | None) -> Iterator[TimeExpression]:
    """Every date phrase any finder sees, overlaps included."""
    starts = _starts(text)
    for index, (pattern, resolve, capitalised, triggers) in enumerate(_FINDERS):
        for match in _matches(pattern, text, None if triggers is None else starts[index]):
            if capitalised and not match[capitalised][0].isupper():
                continue
            resolved = resolve(match, anchor)
            if resolved is None:
                continue
            start, end = match.span("phrase")
            value, precision = resolved
            yield TimeExpression(start, end, text[start:end], value, precision)


def find_time_expressions(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Date phrases in ``text`` resolved against the publication date ``anchor``.

    Returns non-overlapping expressions sorted by start; where phrases
    overlap the longest wins. See the module docstring for the rules.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    chosen: list[TimeExpression] = []
    for found in sorted(_candidates(text, anchor), key=lambda t: (t.start - t.end, t.start)):
        if all(found.end <= kept.start or found.start >= kept.end for kept in chosen):
            chosen.append(found)
    return sorted(chosen, key=lambda t: t.start)
