"""Extraction accuracy against hand-made gold: the seeds (issue 3's targets) and the held-out set.

The held-out sets (tests/fixtures/heldout*) were written for this project by
helpers who did not read the rules; their floors are the figures the rules
reached, so a change that loses ground there fails here. Each set was scored
once before any rule looked at it, then guided rule changes; the newest set
stays unread until it has been scored (see README, "Accuracy").
"""
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build
from kg.evaluate import evaluate
from kg.store import Store
from kg.validate import validate_store

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
SEEDS_GOLD = HERE.parents[1] / "shared" / "eval" / "seeds-gold"


def score(tmp_path_factory, articles: Path, gold: Path):
    path = tmp_path_factory.mktemp("accuracy") / "store"
    report = build([articles], lambda: Store(path), progress=False)
    assert report.problems == []
    store = Store(path, create=False)
    return evaluate(store.rdflib_dataset(), gold), validate_store(store)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return score(tmp_path_factory, SEEDS, SEEDS_GOLD)


@pytest.fixture(scope="module", params=["heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
                                        "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
                                        "heldout12", "heldout13", "heldout14", "heldout15", "heldout16",
                                        "heldout17", "heldout18"])
def heldout(request, tmp_path_factory):
    folder = HERE / "fixtures" / request.param
    return request.param, score(tmp_path_factory, folder / "articles", folder / "gold")


@pytest.mark.parametrize("figure, floor", [
    ("entity recall", 0.95), ("entity precision", 0.90), ("quote recall", 0.95),
    ("quote precision", 0.90), ("attribution", 0.95), ("merged", 16 / 16),
])
def test_seed_targets(seeds, figure, floor):
    assert value(seeds[0], figure) >= floor


FLOORS = {  # the figures the rules reached (rounded down). Each set was scored once before any rule was written
    # for it (README, "Accuracy": the first-sight row) and has guided rules since. Quote precision of the first
    # four sets is lower since "said A, and that B" gives two statements: their gold keeps such a report whole.
    "heldout": {"entity recall": 0.92, "entity precision": 0.92, "quote recall": 0.96,
                "quote precision": 0.93, "attribution": 0.94},
    "heldout2": {"entity recall": 0.91, "entity precision": 0.85, "quote recall": 0.97,
                 "quote precision": 0.95, "attribution": 0.96},
    "heldout3": {"entity recall": 0.93, "entity precision": 0.84, "quote recall": 0.96,
                 "quote precision": 0.91, "attribution": 0.93},
    "heldout4": {"entity recall": 0.91, "entity precision": 0.82, "quote recall": 0.96,
                 "quote precision": 0.93, "attribution": 0.93},
    "heldout5": {"entity recall": 0.90, "entity precision": 0.81, "quote recall": 0.97,
                 "quote precision": 0.96, "attribution": 0.91},
    "heldout6": {"entity recall": 0.88, "entity precision": 0.80, "quote recall": 0.98,
                 "quote precision": 0.96, "attribution": 0.93},
    "heldout7": {"entity recall": 0.91, "entity precision": 0.82, "quote recall": 0.98,
                 "quote precision": 0.97, "attribution": 0.94},
    "heldout8": {"entity recall": 0.84, "entity precision": 0.81, "quote recall": 0.96,
                 "quote precision": 0.96, "attribution": 0.95},
    "heldout9": {"entity recall": 0.84, "entity precision": 0.78, "quote recall": 0.96,
                 "quote precision": 0.95, "attribution": 0.91},
    "heldout10": {"entity recall": 0.85, "entity precision": 0.81, "quote recall": 0.98,
                  "quote precision": 0.97, "attribution": 0.93},
    "heldout11": {"entity recall": 0.88, "entity precision": 0.78, "quote recall": 0.98,
                  "quote precision": 0.98, "attribution": 0.96},
    "heldout12": {"entity recall": 0.86, "entity precision": 0.76, "quote recall": 0.97,
                  "quote precision": 0.97, "attribution": 0.97},
    "heldout13": {"entity recall": 0.85, "entity precision": 0.78, "quote recall": 0.95,
                  "quote precision": 0.98, "attribution": 0.90},
    "heldout14": {"entity recall": 0.86, "entity precision": 0.83, "quote recall": 0.95,
                  "quote precision": 0.96, "attribution": 0.92},
    "heldout15": {"entity recall": 0.81, "entity precision": 0.78, "quote recall": 0.96,
                  "quote precision": 0.97, "attribution": 0.87},
    "heldout16": {"entity recall": 0.79, "entity precision": 0.81, "quote recall": 0.93,
                  "quote precision": 0.96, "attribution": 0.91},
    "heldout17": {"entity recall": 0.85, "entity precision": 0.82, "quote recall": 0.96,
                  "quote precision": 0.98, "attribution": 0.90},
    "heldout18": {"entity recall": 0.79, "entity precision": 0.79, "quote recall": 0.98,
                  "quote precision": 0.98, "attribution": 0.94},
}


@pytest.mark.parametrize("figure", ["entity recall", "entity precision", "quote recall", "quote precision",
                                    "attribution"])
def test_heldout_floors(heldout, figure):
    name, (report, _) = heldout
    assert value(report, figure) >= FLOORS[name][figure]


def test_every_graph_conforms_to_the_shapes(seeds, heldout):
    for _, shapes in (seeds, heldout[1]):
        assert shapes.conforms, "\n".join(map(str, shapes.violations))


def value(report, figure: str) -> float:
    e, q = report.entities, report.quotes
    return {
        "entity recall": e.recall.value, "entity precision": e.precision.value,
        "quote recall": q.recall.value, "quote precision": q.precision.value,
        "attribution": q.attribution.value, "merged": e.merged.hits / e.merged.total,
    }[figure]


def test_the_held_out_gold_is_consistent_with_its_articles():
    checked = subprocess.run([sys.executable, str(HERE / "fixtures" / "check_gold.py")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    folders = len(list((HERE / "fixtures").glob("heldout*/gold")))
    assert checked.stdout.count("\nOK") + checked.stdout.startswith("OK") == folders
