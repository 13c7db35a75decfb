"""Building the same articles gives the same graph and the same IRIs, in any order, in any store."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import rdflib
from rdflib.compare import isomorphic

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# How the seed articles reach a fresh store: a list of `kg build` calls, each with its files.
PLANS = {
    "all at once": lambda files: [files],
    "one at a time": lambda files: [[file] for file in files],
    "one at a time, reversed": lambda files: [[file] for file in reversed(files)],
}
PAIRS = [
    ("seeds store", "all at once"),
    ("one at a time", "one at a time, reversed"),
    ("all at once", "one at a time"),
]


@pytest.fixture(scope="module")
def graphs(kg, nquads, seeds_dir, seeds_quads, tmp_path_factory) -> dict[str, set[str]]:
    """The N-Quads lines of a fresh store built by each plan (the plans run side by side)."""
    files = sorted(seeds_dir.glob("*.txt"))

    def build(plan: str) -> set[str]:
        cwd = tmp_path_factory.mktemp("plan")
        for group in PLANS[plan](files):
            result = kg("build", *group, "--store", "store", cwd=cwd)
            assert result.returncode == 0, result.stderr
        return nquads(cwd / "store")

    with ThreadPoolExecutor(max_workers=len(PLANS)) as pool:
        built = dict(zip(PLANS, pool.map(build, PLANS)))
    built["seeds store"] = seeds_quads
    return built


def named_graphs(lines: set[str]) -> dict[str, rdflib.Graph]:
    dataset = rdflib.Dataset().parse(data="\n".join(sorted(lines)), format="nquads")
    return {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}


@pytest.mark.parametrize("first,second", PAIRS)
def test_same_graphs(graphs, first, second):
    a, b = named_graphs(graphs[first]), named_graphs(graphs[second])
    assert len(a) == 9  # five articles, the entities, the statements, the ontology, the description (kg.void)
    assert a.keys() == b.keys()
    different = [name for name in a if not isomorphic(a[name], b[name])]
    assert different == []


def test_no_blank_nodes(graphs):
    terms = {term for graph in named_graphs(graphs["seeds store"]).values() for triple in graph for term in triple}
    assert not any(isinstance(term, rdflib.BNode) for term in terms)


@pytest.mark.parametrize("first,second", PAIRS)
def test_same_iris(graphs, first, second):
    assert graphs[first] == graphs[second]
