"""``kg serve`` in a subprocess on a free loopback port: for tests, benchmarks and notebooks."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SERVING = re.compile(r"serving .* on (http://127\.0\.0\.1:\d+)/")


def start(store: str | Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start ``kg serve --store STORE --port 0 ARGS``; return the process and its base URL (no trailing slash).

    ``$KG_STORE`` is not passed on, so only ``store`` is served. stderr is left to the caller's.
    """
    env = {name: value for name, value in os.environ.items() if name != "KG_STORE"}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *args],
                               stdout=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    match = SERVING.search(line)
    if match is None:
        stop(process)
        raise RuntimeError(f"kg serve did not start: {line!r}")
    return process, match.group(1)


def stop(process: subprocess.Popen) -> None:
    """Stop a server (SIGTERM, then SIGKILL after 10 s) and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
