"""Tests for kg.ingest.clean: decoding, character normalisation, site chrome."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.clean import clean_text, decode, is_probably_binary

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # odd spaces and tabs become one plain space
        ("a\u00a0b", "a b"),
        ("a\u2003b", "a b"),
        ("a\u2009b", "a b"),
        ("a\u202fb", "a b"),
        ("a\u205fb", "a b"),
        ("a\u3000b", "a b"),
        ("a\tb", "a b"),
        ("a \u00a0 b", "a b"),
        # soft hyphen, zero-width characters and bidi marks disappear
        ("co\u00adoperate", "cooperate"),
        ("a\u200bb", "ab"),
        ("a\u200cb", "ab"),
        ("a\u200db", "ab"),
        ("a\u2060b", "ab"),
        ("\ufeffab", "ab"),
        ("a\u200eb\u200f", "ab"),
        ("\u202aa\u202bb\u202cc\u202dd\u202ee", "abcde"),
        ("\u2066a\u2067b\u2068c\u2069", "abc"),
        ("a\x07b\x1bc", "abc"),
        # line breaks
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\u2028b", "a\nb"),
        # NFC
        ("caf\u0065\u0301", "caf\u00e9"),
        # quote marks
        ("«Bonjour»", "“Bonjour”"),
        ("«\u00a0Bonjour\u00a0»", "“Bonjour”"),
        ("„Hallo“", "“Hallo“"),
        ("‟x”", "“x”"),
        ("〝x〞 〝y〟", "“x” “y”"),
        ("＂x＂", "“x“"),
        ("‹x›", "‘x’"),
        ("“a decade of war »", "“a decade of war”"),
        ("“x” ‘y’ \"z\" 'w'", "“x” ‘y’ \"z\" 'w'"),
        # blank lines and spaces around lines
        ("a\n\n\n\nb", "a\n\nb"),
        ("a   \nb\t\n", "a\nb"),
        ("\n\n  a\n\n\n", "a"),
        ("a \n \n \n \nb", "a\n\nb"),
    ],
)
def test_normalisation(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


CHROME_LINES = [
    "scroll to top",
    "Back to top button",
    "Skip to main content",
    "Leave a Reply",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Related Articles",
    "Related",
    "To watch on video",
    "Watch the video",
    "TAG:",
    "TAG: Iraq, United States, U.S. troops",
    "Tags: politics",
    "Current location:HOME>FOCUS",
    "Home > World > Middle East",
    "7921132.jpg",
    "photo_2.png",
    "https://cdn.example.com/img/talks-2024.JPEG?w=800",
    "source site-39",
    "Photo: John Smith/Reuters",
    "(Photo by Jane Doe/AFP)",
    "Image credit: Getty Images",
    "Credit: Reuters",
    "Hadi Mizban/Pool via Reuters",
    "Share this article",
    "Share",
    "Share on Facebook",
    "Facebook Twitter WhatsApp Email",
    "Follow us on Twitter and Telegram",
    "Advertisement",
    "ADVERTISEMENT - scroll to continue",
    "Read more:",
    "See also",
    "Most read",
    "You may also like",
    "We use cookies to give you the best experience. By continuing, you agree to our cookie policy.",
    "This website uses cookies.",
    "Accept all cookies",
    "Cookie settings",
    "Sign up for our daily newsletter",
    "© 2024 Reuters. All rights reserved.",
    "Copyright 2024 Example Media",
    "Next article",
    "12 Comments",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_line_is_dropped(line: str) -> None:
    raw = f"First paragraph of the story.\n\n{line}\n\nSecond paragraph."
    assert clean_text(raw) == "First paragraph of the story.\n\nSecond paragraph."


@pytest.mark.parametrize("line", [line.upper() for line in CHROME_LINES[:6]])
def test_chrome_patterns_ignore_case(line: str) -> None:
    assert clean_text(f"Story.\n{line}") == "Story."


KEPT_LINES = [
    "The top commander was killed in the strike.",
    "Iraqi Prime Minister Mohammed Shia al-Sudani at the first session of negotiations between Iraq "
    "and the United States on the future of foreign troops in Iraq. [Hadi Mizban/Pool via Reuters]",
    "Officials did not leave a reply to written questions before the deadline.",
    "Related talks continued on Sunday, officials said.",
    "Advertisement revenue fell by a third, the company said.",
    "He shared the photo on social media after the meeting.",
    "Photo agencies such as Reuters and AFP covered the talks in Baghdad.",
    "Read more about the history of the coalition in our explainer, which covers the years since 2014.",
    "The tags on the crates showed they came from Iran.",
    "Home is where the troops want to return, the general said.",
    "Follow-up talks are planned for next month.",
    "Current US policy is to keep troops in Iraq.",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_article_line_is_kept(line: str) -> None:
    assert clean_text(f"Headline\n\n{line}") == f"Headline\n\n{line}"


def read_seed(path: Path) -> str:
    """A seed file's raw text."""
    return path.read_text(encoding="utf-8")


SEED_CHROME = [
    "scroll to top", "Leave a Reply", "TAG:", "Current location", "7921132.jpg", "source site-39",
    "Back to top button", "Related Articles", "To watch on video", "Your email address",
]


def test_seed_files_are_present() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_seed_chrome_is_removed(path: Path) -> None:
    cleaned = clean_text(read_seed(path))
    assert [chrome for chrome in SEED_CHROME if chrome in cleaned] == []


@pytest.mark.parametrize(
    ("stem", "sentences"),
    [
        ("000_85466fba3cc1c82f", [
            "Iraqi officials have complained that the US strikes violate their sovereignty.",
            "Iraqi Prime Minister Mohammed Shia al-Sudani at the first session of negotiations between Iraq and "
            "the United States on the future of foreign troops in Iraq. [Hadi Mizban/Pool via Reuters]",
        ]),
        ("001_80c0272cb910878d", [
            "“The talks and whatever progress made will determine the length of these negotiations,” "
            "Sudani’s foreign affairs adviser, Farhad Alaaldin, told AFP.",
        ]),
        ("002_4347aecd19218ae7", [
            "2024-01-25 FOCUS 69",
            "The US and Iraq are expected to soon begin talks on the future of the US military presence",
        ]),
        ("003_1934250a859a8e87", [
            "The United States has retaliated with several deadly strikes targeting these groups.",
        ]),
        ("004_d54f419eae337405", [
            "“Future adjustments”",
            "The United States deploys around 2,500 soldiers in Iraq and nearly 900 in neighboring Syria",
        ]),
    ],
)
def test_seed_sentences_remain(stem: str, sentences: list[str]) -> None:
    cleaned = clean_text(read_seed(next(path for path in SEEDS if path.stem == stem)))
    assert [sentence for sentence in sentences if sentence not in cleaned] == []


@pytest.mark.parametrize(
    ("stem", "first", "last"),
    [
        ("000_85466fba3cc1c82f",
         "The United States and Iraq begin formal talks on the withdrawal of the US-led military coalition "
         "| military news",
         "and promised to continue. their attacks."),
        ("002_4347aecd19218ae7",
         "US and Iraqi governments expected to start talks on future of US military presence in the country",
         "forces in Iraq permanently.”"),
        ("003_1934250a859a8e87", "Iraq, US resume talks on US-led coalition withdrawal",
         "of the coalition’s mission."),
        ("004_d54f419eae337405",
         "Negotiations between the United States and Iraq on the future of the international anti-jihadist "
         "coalition",
         "French, British and Spanish soldiers."),
    ],
)
def test_seed_starts_with_headline_and_ends_with_article(stem: str, first: str, last: str) -> None:
    cleaned = clean_text(read_seed(next(path for path in SEEDS if path.stem == stem)))
    assert cleaned.split("\n")[0] == first
    assert cleaned.endswith(last)
    assert "\n\n\n" not in cleaned


def test_seed_nbsp_is_normalised() -> None:
    cleaned = clean_text(read_seed(next(path for path in SEEDS if path.stem.startswith("002"))))
    assert "\u00a0" not in cleaned
    assert "The US and Iraq are expected to soon begin talks" in cleaned


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain text\nsecond line\r\n", False),
        (b"tab\tand form feed\f", False),
        (b"", False),
        ("h\u00e9".encode("utf-16"), False),
        ("h\u00e9".encode("utf-32"), False),
        (b"abc\x00def", True),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (b"\x01\x02\x03\x04\x05abcdef", True),
        (b"\xef\xbb\xbftext with \x00", True),
    ],
)
def test_is_probably_binary(data: bytes, expected: bool) -> None:
    assert is_probably_binary(data) is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"caf\xc3\xa9", ("café", ())),
        (b"\xef\xbb\xbfhi", ("hi", ())),
        ("h\u00e9 \u201cx\u201d".encode("utf-16"), ("h\u00e9 \u201cx\u201d", ())),
        (b"\xfe\xff" + "h\u00e9".encode("utf-16-be"), ("h\u00e9", ())),
        ("h\u00e9".encode("utf-32"), ("h\u00e9", ())),
        (b"caf\xe9 \x93quoted\x94", ("café “quoted”", ("in.txt: not valid UTF-8, decoded as cp1252",))),
        (b"\x81\xe9", ("\x81\u00e9", ("in.txt: not valid UTF-8, decoded as latin-1",))),
        (b"\xff\xfeA", ("\u00ff\u00feA", ("in.txt: not valid UTF-16, decoded as cp1252",))),
    ],
)
def test_decode(data: bytes, expected: tuple[str, tuple[str, ...]]) -> None:
    assert decode(data, "in.txt") == expected


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("Home » World » Middle East", True),
        ("Home › News", True),
        ("Home’s defence minister said the troops would stay.", False),
    ],
)
def test_breadcrumb_separators(line: str, dropped: bool) -> None:
    assert clean_text(f"Story.\n{line}") == ("Story." if dropped else f"Story.\n{line}")


SAMPLE_PIECES = st.sampled_from(
    ["\n", "\r\n", "\r", " ", "\u00a0", "\t", "\u200b", "\u00ad", "\u202e", "«", "»", "‹", "›", "„", "“", "”",
     "'", '"', "e\u0301", "\x07", "Advertisement", "scroll to top", "Home", ">", "photo.jpg", "TAG:", "Reuters",
     "/", "Share", "Iraq", "said", ".", ","]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(SAMPLE_PIECES).map("".join)))
def test_clean_text_is_idempotent_and_tidy(raw: str) -> None:
    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\n\n\n" not in cleaned
    assert not set(cleaned) & set("\u00a0\t\u200b\u00ad\u202e\ufeff«»‹›„")
    assert all(line == line.strip() for line in cleaned.split("\n"))
    assert cleaned == cleaned.strip("\n")


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_decode_never_fails(data: bytes) -> None:
    text, warnings = decode(data, "x")
    assert isinstance(text, str)
    assert len(warnings) <= 1
    assert isinstance(is_probably_binary(data), bool)
