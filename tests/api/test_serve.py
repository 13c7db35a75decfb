"""`kg serve`: a real waitress server on a loopback port, and its start-up errors."""
from __future__ import annotations

import urllib.request


def test_serve_answers_on_loopback(server):
    with urllib.request.urlopen(f"{server}/static/style.css", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Server"] == "newskg"
        assert b"newskg" in response.read()


def test_serve_without_a_store_is_one_line_and_status_2(kg, tmp_path):
    result = kg("serve", "--store", tmp_path / "missing", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"kg: error: {tmp_path / 'missing'}: no kg store here (run `kg build` first)"]


def test_serve_is_listed_by_kg_help(kg, tmp_path):
    result = kg("--help", cwd=tmp_path)
    assert "serve" in result.stdout.split("Commands:")[1]
