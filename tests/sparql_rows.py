"""Independent SPARQL for tests: the rows of a SELECT on a store, as lexical values."""
from __future__ import annotations

from kg.store import Store
from kg.vocab import PREFIXES

SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def select(store: Store, query: str) -> list[dict[str, str | None]]:
    """Rows of ``query`` (the project's prefixes declared), each a dict of variable -> lexical value or None."""
    result = store.query(SPARQL_PREFIXES + query)
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]
