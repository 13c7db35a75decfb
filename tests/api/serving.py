"""Starting and stopping the real server, and the hostile name, for the API tests (imported by conftest.py)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HOSTILE_NAME = """<img src=x onerror=alert(1)>"'</script><script>alert(6)</script>"""  # markup meant to run script

SERVING = re.compile(r"serving .* on (http://127\.0\.0\.1:\d+)/")


def start_server(store: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start ``kg serve --store STORE --port 0 ARGS`` and return the process and its base URL."""
    env = {name: value for name, value in os.environ.items() if name != "KG_STORE"}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    match = SERVING.search(line)
    if match is None:
        process.kill()
        raise RuntimeError(f"kg serve did not start: {line!r} {process.stderr.read()!r}")
    return process, match.group(1)


def stop_server(process: subprocess.Popen) -> None:
    """Stop a server started by :func:`start_server` and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class Reply:
    """An HTTP response: status, media type (without parameters), headers (lower-case names), body."""

    status: int
    media_type: str
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """The body as UTF-8 text."""
        return self.body.decode("utf-8")
