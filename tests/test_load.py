"""The bounded load test (``python -m bench.load``) in small: real `kg serve`, real clients, zero errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_mixed_load_is_answered_without_errors_and_its_figures_are_printed(seeds_store, tmp_path):
    figures_file = tmp_path / "load.json"
    result = subprocess.run([sys.executable, "-m", "bench.load", "--store", str(seeds_store), "--requests", "160",
                             "--clients", "4", "--json", str(figures_file)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    assert (figures["requests"], figures["errors"], figures["clients"]) == (160, 0, 4)
    assert {"/sparql", "/api/quotes?speaker=", "/entity/<id>", "/"} <= set(figures["routes"])
    assert sum(route["requests"] for route in figures["routes"].values()) == 160
    assert figures["p50_ms"] <= figures["p99_ms"]
    assert "160 requests from 4 clients" in result.stdout and "0 errors" in result.stdout
