"""The library never depends on the web layer."""
import subprocess
import sys


def test_kg_never_imports_flask():
    code = ("import sys, kg.cli, kg.build, kg.store, kg.query, kg.stats, kg.evaluate, kg.extract; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'api', 'werkzeug'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
