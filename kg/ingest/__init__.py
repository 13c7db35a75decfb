"""Reading article files into cleaned :class:`~kg.records.Source` records.

``readers`` finds and reads files, ``clean`` decodes and normalises text,
``html`` extracts the article from a web page and ``dates`` finds
publication dates and date expressions.
"""
from kg.ingest.clean import clean_text, decode, is_probably_binary
from kg.ingest.dates import find_published, find_time_expressions, parse_date
from kg.ingest.html import HtmlArticle, extract_html
from kg.ingest.readers import SUPPORTED, discover, iter_sources, read_sources

__all__ = [
    "SUPPORTED",
    "HtmlArticle",
    "clean_text",
    "decode",
    "discover",
    "extract_html",
    "find_published",
    "find_time_expressions",
    "is_probably_binary",
    "iter_sources",
    "parse_date",
    "read_sources",
]
