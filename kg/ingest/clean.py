"""Turn raw article bytes into the clean text that is stored.

Decoding (:func:`decode`, :func:`is_probably_binary`) and normalisation
(:func:`clean_text`). The string :func:`clean_text` returns is the stored
text: every later offset points into it, so no offset map is kept.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from importlib.resources import files

# Characters that stand for a line break.
_NEWLINES = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
# Spaces of every width, and tabs, become one plain space.
_SPACES = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# Invisible characters: soft hyphen, zero-width characters, bidi marks.
_INVISIBLE = (
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
)
# Other control characters (C0 except newline and tab, DEL, C1).
_CONTROLS = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\t")
# Quote marks mapped to the canonical “ ” ‘ ’ by the character itself.
_QUOTES = {"«": "“", "„": "“", "‟": "“", "〝": "“", "＂": "“", "»": "”", "〞": "”", "〟": "”", "‹": "‘", "›": "’"}
_CHARACTERS = str.maketrans({**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE + _CONTROLS), **_QUOTES})
# French typography puts a space inside guillemets: « text » -> «text».
_GUILLEMET_SPACE = re.compile(r"(?<=[«‹])[^\S\n]+|[^\S\n]+(?=[»›])")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")

# Byte-order marks and the codec each one selects; UTF-32 before UTF-16
# because the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SAMPLE = 8192
_BINARY_SHARE = 0.1
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_UTF16_NUL_SHARE = 0.3  # of the byte pairs, for UTF-16 without a byte-order mark
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


@cache
def _chrome_patterns() -> tuple[re.Pattern[str], ...]:
    """The site-chrome line patterns from ``kg/data/chrome_lines.txt``."""
    lines = (files("kg") / "data" / "chrome_lines.txt").read_text(encoding="utf-8").splitlines()
    return tuple(
        re.compile(line.strip(), re.IGNORECASE)
        for line in lines
        if line.strip() and not line.lstrip().startswith("#")
    )


def _is_chrome(line: str) -> bool:
    """Whether the whole ``line`` is site chrome (navigation, share bar, credit...)."""
    stripped = line.strip()
    return bool(stripped) and any(p.fullmatch(stripped) for p in _chrome_patterns())


def clean_text(raw: str) -> str:
    """Normalise characters and quotes, drop site-chrome lines, tidy blank lines.

    Line breaks become LF; the spaces French typography puts inside
    guillemets go; odd spaces and tabs become plain spaces (runs collapse to
    one); invisible and stray control characters are removed; quote marks
    map to “ ” ‘ ’ by the character itself (straight quotes stay); the text
    is NFC-normalised; each line is stripped; chrome lines go; at most one
    blank line separates paragraphs. Cleaning clean text changes nothing.
    """
    text = _GUILLEMET_SPACE.sub("", _NEWLINES.sub("\n", raw))
    text = unicodedata.normalize("NFC", text.translate(_CHARACTERS))
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    kept = "\n".join(line for line in lines if not _is_chrome(line))
    return _BLANK_RUN.sub("\n\n", kept).strip("\n")


def bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text without a byte-order mark, else ``None``.

    Such text (mostly Latin script) has a NUL in nearly every other byte: the
    odd bytes for little-endian, the even ones for big-endian.
    """
    sample = data[:_BINARY_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = sample[0:pairs * 2:2].count(0), sample[1:pairs * 2:2].count(0)
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= _UTF16_NUL_SHARE * pairs and others <= pairs // 100:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def is_probably_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary file: NUL bytes or many control bytes.

    Text with a UTF-16 or UTF-32 byte-order mark, and UTF-16 without one
    (:func:`bomless_utf16`), is not binary even though it holds NUL bytes.
    """
    if any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig"):
        return False
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return bomless_utf16(data) is None
    controls = sum(1 for byte in sample if (byte < 0x20 or byte == 0x7F) and byte not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > _BINARY_SHARE


def decode(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode file bytes; return the text and warnings about the decoding.

    A byte-order mark selects UTF-8, UTF-16 or UTF-32 (the mark is dropped);
    UTF-16 without one is recognised by its NUL bytes (with a warning);
    otherwise the bytes are read as UTF-8. UTF-8 text with a few broken bytes
    (it holds valid multi-byte sequences too) keeps its text, each broken
    sequence replaced by U+FFFD, with a warning. Other bytes that are not
    valid in the encoding are read as cp1252, or latin-1 when cp1252 fails
    too, with the warning ``"NAME: not valid UTF-8, decoded as cp1252"``.
    """
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if codec is None and (utf16 := bomless_utf16(data)):
        return data.decode(utf16), (f"{name}: no byte-order mark, decoded as {utf16.upper()}",)
    codec = codec or "utf-8"
    try:
        return data.decode(codec), ()
    except UnicodeDecodeError:
        pass
    if codec == "utf-8":
        text = data.decode(codec, errors="replace")
        broken = text.count("\ufffd")
        if _NON_ASCII.search(text):
            return text, (f"{name}: {broken} broken UTF-8 sequence{'s' if broken != 1 else ''} "
                          "replaced by U+FFFD",)
    fallback = "cp1252"
    try:
        text = data.decode(fallback)
    except UnicodeDecodeError:
        fallback = "latin-1"  # decodes every byte string
        text = data.decode(fallback)
    label = codec.removesuffix("-sig").upper()
    return text, (f"{name}: not valid {label}, decoded as {fallback}",)
