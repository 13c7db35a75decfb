"""The notebooks run top to bottom (nbclient, a real kernel) on the seeds, writing only into a temporary folder."""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["1-who-said-what", "2-entity-graphs", "3-into-other-tools"]


def text_outputs(notebook) -> list[str]:
    """The text each code cell printed or displayed (one string per cell, in order)."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            outputs = cell.get("outputs", [])
            cells.append("".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs))
    return cells


@pytest.fixture
def run(monkeypatch, tmp_path, seeds_dir):
    """``run(name, store)``: execute ``notebooks/NAME.ipynb`` in ``tmp_path`` with ``$KG_STORE=store``."""

    def execute(name: str, store: Path):
        notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        monkeypatch.setenv("KG_STORE", str(store))
        monkeypatch.setenv("KG_SEEDS", str(seeds_dir))
        before = sorted(path.name for path in NOTEBOOKS.iterdir())
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        assert sorted(path.name for path in NOTEBOOKS.iterdir()) == before  # nothing written beside them
        return notebook

    return execute


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_saved_small_and_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.outputs for cell in code] == [[] for _ in code]
    assert all(cell.execution_count is None for cell in code)
    assert all(len(cell.source.splitlines()) <= 12 for cell in code)  # glue and display, no logic of their own


def test_the_notebooks_are_all_listed():
    assert sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb")) == NAMES
    readme = (NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    assert all(f"{name}.ipynb" in readme for name in NAMES)


def test_who_said_what_builds_the_seeds_and_lists_speakers_and_wordings(run, tmp_path, seeds_dir):
    outputs = text_outputs(run("1-who-said-what", tmp_path / "store"))
    assert (tmp_path / "store" / "kg-store.json").exists()
    assert "built 5 articles" in outputs[1]
    speakers = outputs[2]
    assert re.search(r"^Sabrina Singh\s+\d+\s+\d+$", speakers, re.M)  # the Pentagon's deputy press secretary
    sources = set(re.findall(r"\d{3}_[0-9a-f]{16}\.txt", outputs[3]))
    assert sources == {path.name for path in seeds_dir.glob("*.txt")}
    wordings = outputs[4].splitlines()[2:-1]
    statements = {line.split()[0] for line in wordings}
    assert len(wordings) >= 2 * len(statements) >= 2  # each statement is worded in two articles or more


def test_entity_graphs_finds_centres_communities_a_path_and_draws_it(run, seeds_store):
    notebook = run("2-entity-graphs", seeds_store)
    outputs = text_outputs(notebook)
    assert re.match(r"\d+ entities, \d+ relations", outputs[1])
    assert len(outputs[2].splitlines()) == 8
    assert len(outputs[3].splitlines()) >= 2
    path = outputs[4].strip().split(" → ")
    assert len(path) >= 2
    frames = [o["data"]["text/html"] for cell in notebook.cells for o in cell.get("outputs", [])
              if "text/html" in o.get("data", {})]
    assert len(frames) == 1 and frames[0].startswith("<iframe srcdoc=")
    page = re.sub(r"<!--.*?-->", "", html.unescape(frames[0]), flags=re.S)
    assert "new vis.Network(" in page and not re.search(r"<script[^>]*src=\"[^\"]*vis", page)  # vis inlined
    assert all(name in page for name in path)


def test_into_other_tools_exports_queries_serves_validates_and_reads_json(run, tmp_path, seeds_store):
    outputs = text_outputs(run("3-into-other-tools", seeds_store))
    assert {"graph.trig", "graph.jsonld"} <= {path.name for path in tmp_path.iterdir()}
    loaded = outputs[2].splitlines()
    assert re.match(r"\d+ quads in 9 named graphs", loaded[0])
    assert "https://schema.org/NewsArticle" in outputs[3]  # the class partitions of the VoID description
    assert re.match(r"'http://127\.0\.0\.1:\d+/'", outputs[4])
    served = outputs[5].splitlines()
    assert served == loaded[1:] and len(served) == 5  # the same speakers from the file and from the server
    assert re.match(r"endpoint: http://127\.0\.0\.1:\d+/sparql triples: \d+", outputs[6])
    assert outputs[8] == "conforms to the shapes\n"
    assert outputs[9].startswith("context: ") and "Sabrina Singh" in outputs[9]
