"""Running SPARQL against a store and printing the result for people or tools."""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError
from .store import Store
from .vocab import PREFIXES

OUTPUTS = ("table", "json", "csv", "tsv", "xml")
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


def read_query(text: str) -> str:
    """The query text, read from a file when given as ``@file.rq``."""
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KGError(f"{path}: cannot read query: {exc}") from exc
    if not text.strip():
        raise KGError("empty query")
    return text


def _term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _table(result: ox.QuerySolutions) -> str:
    names = [v.value for v in result.variables]
    rows = [[_term(row[name]) for name in names] for row in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def run_query(store: Store, text: str, output: str = "table") -> str:
    """Evaluate ``text`` on ``store`` and format the result as ``output``."""
    if output not in OUTPUTS:
        raise KGError(f"unknown output {output!r}; choose one of {', '.join(OUTPUTS)}")
    result = store.query(read_query(text), prefixes={p: str(ns) for p, ns in PREFIXES.items()})
    if isinstance(result, ox.QueryBoolean):
        if output == "table":
            return "true" if bool(result) else "false"
        return result.serialize(format=RESULT_FORMATS[output]).decode()
    if isinstance(result, ox.QueryTriples):
        buffer = io.BytesIO()
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        ox.serialize(result, buffer, ox.RdfFormat.TURTLE, prefixes=prefixes)
        return buffer.getvalue().decode()
    if output == "table":
        return _table(result)
    return result.serialize(format=RESULT_FORMATS[output]).decode()


__all__ = ["OUTPUTS", "read_query", "run_query"]
