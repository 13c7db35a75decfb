"""Tests for kg.ingest.dates: publication dates and date expressions."""
from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import dates
from kg.ingest.dates import find_published, find_time_expressions, parse_date
from kg.records import TimeExpression

ANCHOR = dt.date(2024, 1, 25)  # a Thursday
UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Current location:HOME>FOCUS\n\nTalks on US troops\n\n2024-01-25 FOCUS 69\n\nBody.", dt.date(2024, 1, 25)),
        ("Talks on US troops\nPublished: January 25, 2024\nBody.", dt.date(2024, 1, 25)),
        ("Talks on US troops\nPublished on 25 January 2024 · Updated 26 January 2024\n", dt.date(2024, 1, 25)),
        ("Talks on US troops\nUpdated Fri, 26 Jan 2024 10:00 GMT\nBody.", dt.date(2024, 1, 26)),
        ("Talks on US troops\nBy Jane Doe | Jan. 25, 2024 | 3 min read\nBody.", dt.date(2024, 1, 25)),
        ("Talks on US troops\n2024-01-25T09:30:00Z\nBody.", dt.date(2024, 1, 25)),
        ("Talks\nThursday, January 25, 2024\n", dt.date(2024, 1, 25)),
        ("Talks on US troops\n\nIraq said Sunday it had resumed talks.", None),
        ("Talks\nFebruary 30, 2024\nMarch 1, 2024", dt.date(2024, 3, 1)),
        ("Talks\n1850-01-01\n2024-01-25", dt.date(2024, 1, 25)),
        ("Talks\nOn January 10th the office spoke.\n", None),
        (
            "Talks\nThe talks, which began on January 25, 2024, in Baghdad between officials of both "
            "countries, ended without agreement.",
            None,
        ),
        ("\n".join(["Line"] * 15 + ["2024-01-25"]), None),
        ("", None),
    ],
)
def test_find_published(text: str, expected: dt.date | None) -> None:
    assert find_published(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-25", dt.date(2024, 1, 25)),
        (" 2024-01-25 ", dt.date(2024, 1, 25)),
        ("2024-01-25T10:00:00Z", dt.datetime(2024, 1, 25, 10, 0, tzinfo=UTC)),
        ("2024-01-25T10:00:00+03:00", dt.datetime(2024, 1, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))),
        ("2024-01-25T10:00:00", dt.datetime(2024, 1, 25, 10, 0)),
        ("2024-01-25 10:00", dt.datetime(2024, 1, 25, 10, 0)),
        ("Thu, 25 Jan 2024 10:00:00 GMT", dt.datetime(2024, 1, 25, 10, 0, tzinfo=UTC)),
        ("25 Jan 2024 10:00:00 +0100", dt.datetime(2024, 1, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
        ("January 25, 2024", dt.date(2024, 1, 25)),
        ("25 January 2024", dt.date(2024, 1, 25)),
        ("Jan. 25, 2024", dt.date(2024, 1, 25)),
        ("Sept. 3, 2023", dt.date(2023, 9, 3)),
        ("Thursday, January 25, 2024", dt.date(2024, 1, 25)),
        ("JANUARY 25, 2024", dt.date(2024, 1, 25)),
        ("January 25, 2024 10:30 pm", dt.datetime(2024, 1, 25, 22, 30)),
        ("January 25, 2024 at 10:30 UTC", dt.datetime(2024, 1, 25, 10, 30, tzinfo=UTC)),
        ("Published: 2024-01-25", dt.date(2024, 1, 25)),
        ("Updated January 26, 2024", dt.date(2024, 1, 26)),
        ("2024-02-30", None),
        ("February 30, 2024", None),
        ("January 25, 2024 25:00", None),
        ("January 25", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | dt.datetime | None) -> None:
    result = parse_date(value)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("met in Baghdad on Saturday.", "Saturday", dt.date(2024, 1, 20), "day"),
        ("Iraq said Sunday it had resumed talks.", "Sunday", dt.date(2024, 1, 21), "day"),
        ("In Sunday’s statement, Rasool said", "Sunday", dt.date(2024, 1, 21), "day"),
        ("In Sunday's statement, Rasool said", "Sunday", dt.date(2024, 1, 21), "day"),
        ("On Thursday, Washington said", "Thursday", dt.date(2024, 1, 25), "day"),
        ("On Saturday evening, a drone struck", "Saturday evening", dt.date(2024, 1, 20), "day"),
        ("On Friday this group pledged", "Friday", dt.date(2024, 1, 19), "day"),
        ("they met last Thursday", "last Thursday", dt.date(2024, 1, 18), "day"),
        ("they meet next Monday", "next Monday", dt.date(2024, 1, 29), "day"),
        ("On January 10th, the office said", "January 10th", dt.date(2024, 1, 10), "day"),
        ("talks opened on January 27 but", "January 27", dt.date(2024, 1, 27), "day"),
        ("made before Oct. 7, ISIL said", "Oct. 7", dt.date(2023, 10, 7), "day"),
        ("the deadline of 10 January passed", "10 January", dt.date(2024, 1, 10), "day"),
        ("on the 3rd of February", "3rd of February", dt.date(2024, 2, 3), "day"),
        ("a US airstrike in January 2020 killed", "January 2020", dt.date(2020, 1, 1), "month"),
        ("operating there since December 2021, when", "December 2021", dt.date(2021, 12, 1), "month"),
        ("in December of 2021", "December of 2021", dt.date(2021, 12, 1), "month"),
        ("attacks since mid-October, many claimed", "mid-October", dt.date(2023, 10, 1), "month"),
        ("in early March", "early March", dt.date(2023, 3, 1), "month"),
        ("talks began in February", "February", dt.date(2024, 2, 1), "month"),
        ("formed in 2014 to fight ISIS", "2014", dt.date(2014, 1, 1), "year"),
        ("present since 2014.", "2014", dt.date(2014, 1, 1), "year"),
        ("until late 2025", "2025", dt.date(2025, 1, 1), "year"),
        ("agreed to form a commission last summer, according", "last summer", dt.date(2023, 6, 1), "season"),
        ("agreed with Baghdad this summer.", "this summer", dt.date(2024, 6, 1), "season"),
        ("Last winter was cold", "Last winter", dt.date(2022, 12, 1), "season"),
        ("this winter", "this winter", dt.date(2023, 12, 1), "season"),
        ("next spring", "next spring", dt.date(2024, 3, 1), "season"),
        ("last fall", "last fall", dt.date(2023, 9, 1), "season"),
        ("first discussed last year.", "last year", dt.date(2023, 1, 1), "year"),
        ("earlier this year", "this year", dt.date(2024, 1, 1), "year"),
        ("next year", "next year", dt.date(2025, 1, 1), "year"),
        ("last month", "last month", dt.date(2023, 12, 1), "month"),
        ("next month", "next month", dt.date(2024, 2, 1), "month"),
        ("last week", "last week", dt.date(2024, 1, 18), "day"),
        ("today", "today", dt.date(2024, 1, 25), "day"),
        ("Yesterday morning", "Yesterday morning", dt.date(2024, 1, 24), "day"),
        ("tomorrow", "tomorrow", dt.date(2024, 1, 26), "day"),
        ("last night", "last night", dt.date(2024, 1, 24), "day"),
        ("signed on January 25, 2024 in Baghdad", "January 25, 2024", dt.date(2024, 1, 25), "day"),
        ("signed Jan. 5, 2023.", "Jan. 5, 2023", dt.date(2023, 1, 5), "day"),
        ("signed on 25 January 2024.", "25 January 2024", dt.date(2024, 1, 25), "day"),
        ("Thursday, 25 January 2024, Baghdad", "Thursday, 25 January 2024", dt.date(2024, 1, 25), "day"),
        ("2024-01-25 FOCUS 69", "2024-01-25", dt.date(2024, 1, 25), "day"),
    ],
)
def test_expression_with_anchor(text: str, phrase: str, value: dt.date, precision: str) -> None:
    start = text.index(phrase)
    assert find_time_expressions(text, ANCHOR) == [
        TimeExpression(start, start + len(phrase), phrase, value, precision)
    ]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("on January 5", dt.date(2023, 12, 20), dt.date(2024, 1, 5)),
        ("on December 28", dt.date(2024, 1, 2), dt.date(2023, 12, 28)),
        ("on February 24", ANCHOR, dt.date(2024, 2, 24)),
        ("on February 26", ANCHOR, dt.date(2023, 2, 26)),
        ("on February 29", dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
        ("on Saturday", dt.date(2024, 1, 27), dt.date(2024, 1, 27)),
        ("last Saturday", dt.date(2024, 1, 27), dt.date(2024, 1, 20)),
        ("last summer", dt.date(2024, 10, 1), dt.date(2024, 6, 1)),
        ("last summer", dt.date(2024, 7, 10), dt.date(2023, 6, 1)),
        ("this summer", dt.date(2024, 10, 1), dt.date(2024, 6, 1)),
        ("this winter", dt.date(2024, 4, 1), dt.date(2024, 12, 1)),
        ("last month", dt.date(2024, 1, 5), dt.date(2023, 12, 1)),
        ("on Saturday", dt.datetime(2024, 1, 25, 23, 0), dt.date(2024, 1, 20)),
    ],
)
def test_resolution_depends_on_anchor(text: str, anchor: dt.date, value: dt.date) -> None:
    assert [found.value for found in find_time_expressions(text, anchor)] == [value]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on Saturday", None, "day"),
        ("yesterday", None, "day"),
        ("on January 27", None, "day"),
        ("since mid-October", None, "month"),
        ("last summer", None, "season"),
        ("last year", None, "year"),
        ("in December 2021", dt.date(2021, 12, 1), "month"),
        ("in 2014", dt.date(2014, 1, 1), "year"),
        ("on January 25, 2024", dt.date(2024, 1, 25), "day"),
        ("2024-01-25", dt.date(2024, 1, 25), "day"),
    ],
)
def test_expression_without_anchor(text: str, value: dt.date | None, precision: str) -> None:
    assert [(found.value, found.precision) for found in find_time_expressions(text, None)] == [(value, precision)]


@pytest.mark.parametrize(
    "text",
    [
        "about 2,500 US troops and 900 in Syria",
        "officials may 2014 reconsider",
        "the 1990s saw war",
        "the 2014-15 season",
        "since 1,500 troops left",
        "Saturdays are quiet",
        "the saturday market",
        "in Marchetti's report",
        "Mayor Adams spoke",
        "the fall of the regime",
        "killed 27 people",
    ],
)
def test_not_a_date(text: str) -> None:
    assert find_time_expressions(text, ANCHOR) == []


def test_several_expressions_sorted_without_overlap() -> None:
    text = "On Saturday, talks that began in 2014 and stalled last summer resumed; on January 25, 2024 they ended."
    found = find_time_expressions(text, ANCHOR)
    assert [(f.text, f.value, f.precision) for f in found] == [
        ("Saturday", dt.date(2024, 1, 20), "day"),
        ("2014", dt.date(2014, 1, 1), "year"),
        ("last summer", dt.date(2023, 6, 1), "season"),
        ("January 25, 2024", dt.date(2024, 1, 25), "day"),
    ]
    assert all(text[f.start:f.end] == f.text for f in found)


DATE_WORDS = st.sampled_from(
    ["on", "in", "since", "mid-", "early", "last", "this", "next", "Saturday", "Sunday's", "evening", "January",
     "Jan.", "Oct", "May", "may", "10th", "27", "7,", "2014", "2024-01-25", "summer", "winter", "year", "week",
     "month", "today", "yesterday", "of", ",", ".", "2,500", "troops"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, max_size=20).map(" ".join), st.sampled_from([ANCHOR, None]))
def test_expressions_are_sorted_disjoint_slices(text: str, anchor: dt.date | None) -> None:
    found = find_time_expressions(text, anchor)
    assert all(text[f.start:f.end] == f.text and f.text for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(f.precision in {"day", "month", "season", "year"} for f in found)
    assert all(f.value is None or isinstance(f.value, dt.date) for f in found)


ODD_WORDS = st.sampled_from(["ſeptember", "\u212aK", "FRIDAY", "frıday", "İn", "x2024-01-25", "3rd", "٣", "Mid-May",
                             "tHiS", "wednesday,", "-", "—", "\n", "\u00a0", "last\tnight", "in\n\n", "Août", "_May"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(DATE_WORDS, ODD_WORDS), max_size=20).map(" ".join))
def test_finders_tried_at_their_triggers_match_as_a_full_scan(text: str) -> None:
    starts = dates._starts(text)
    for index, (pattern, _, _, triggers) in enumerate(dates._FINDERS):
        tried = dates._matches(pattern, text, None if triggers is None else starts[index])
        assert [m.span() for m in tried] == [m.span() for m in pattern.finditer(text)], pattern.pattern[:40]


def test_the_fold_covers_every_letter_the_finders_match_case_insensitively() -> None:
    matched = {c for c in map(chr, range(128, 0x110000)) if re.fullmatch("[a-z]", c, re.IGNORECASE)}
    assert all(c.translate(dates._FOLD).lower() in string.ascii_lowercase for c in matched)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_never_raises(value: str) -> None:
    result = parse_date(value)
    assert result is None or isinstance(result, dt.date)
