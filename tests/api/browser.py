"""Headless Chromium for tests: open a page, let its scripts run, read back the DOM and what happened.

``render(url, wait_for="#graph[data-stabilized]")`` is the one-call form; the
:class:`Browser` context manager also evaluates JavaScript and moves the mouse.
It speaks the DevTools protocol over a pipe (``--remote-debugging-pipe``), so it
needs no package beyond the standard library, and it records every request the
page made, console messages, uncaught exceptions, failed loads (except the
browser's own ``/favicon.ico``) and dialogs (``alert`` and the like, answered
at once so a page cannot hang).
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import Self

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1280,900", "--remote-debugging-pipe")


@dataclass
class Page:
    """What a page did while it was open."""

    dom: str = ""
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


class Browser:
    """One headless Chromium with one tab, driven over the DevTools protocol."""

    def __init__(self, timeout: float = 30) -> None:
        self.timeout = timeout
        self.page = Page()
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-")
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def pipe_to_fds_3_and_4() -> None:  # what --remote-debugging-pipe expects
            high_in, high_out = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10), fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)
            os.closerange(5, 65536)

        self._process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={self._profile.name}"],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, close_fds=False,
                                         preexec_fn=pipe_to_fds_3_and_4)  # noqa: PLW1509 (tests: one thread)
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        target = self._call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    # --- protocol ---------------------------------------------------------------
    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._read], [], [], remaining)[0]:
                raise TimeoutError(f"Chromium did not answer within {self.timeout} s; page so far: {self.page}")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium exited")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _post(self, method: str, session: str | None, **params: Any) -> int:
        self._next_id += 1
        request = {"id": self._next_id, "method": method, "params": params}
        if session:
            request["sessionId"] = session
        os.write(self._write, json.dumps(request).encode() + b"\0")
        return self._next_id

    def _call(self, method: str, session: str | None = None, **params: Any) -> dict:
        waiting = self._post(method, session, **params)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._message(deadline)
            if message.get("id") == waiting:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            if message.get("method") == "Page.javascriptDialogOpening":  # answer now: the page is blocked
                self._post("Page.handleJavaScriptDialog", message.get("sessionId"), accept=False)
            if "method" in message:
                self._events.append(message)

    def send(self, method: str, **params: Any) -> dict:
        """Send one command to the tab and return its result (events that arrive meanwhile are recorded)."""
        result = self._call(method, self._session, **params)
        self._record()
        return result

    def _record(self) -> None:
        events, self._events = self._events, []
        for event in events:
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                self.page.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled":
                text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"])
                self.page.console.append(f"{params['type']}: {text}")
                if params["type"] in ("error", "assert"):
                    self.page.errors.append(text)
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                self.page.errors.append(details.get("exception", {}).get("description") or details["text"])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error" \
                    and not params["entry"].get("url", "").endswith("/favicon.ico"):  # the browser's, not the page's
                self.page.errors.append(f"{params['entry']['text']} {params['entry'].get('url', '')}".strip())
            elif method == "Page.javascriptDialogOpening":
                self.page.dialogs.append(params["message"])
            elif method == "Page.loadEventFired":
                self._loaded = True

    # --- what tests use ---------------------------------------------------------------
    def open(self, url: str, wait_for: str | None = None) -> Page:
        """Load ``url``, wait for its load event and then (if given) for an element matching ``wait_for``."""
        self.page = Page()
        self._loaded = False
        self.send("Page.navigate", url=url)
        self.wait_until(lambda: self._loaded)
        if wait_for:
            self.wait_until(lambda: self.evaluate(f"document.querySelector({json.dumps(wait_for)}) !== null"))
        self.page.dom = self.dom()
        return self.page

    def dom(self) -> str:
        """The document as it is now (after scripts changed it), serialised."""
        return self.evaluate("document.documentElement.outerHTML")

    def wait_until(self, condition, interval: float = 0.1) -> None:
        """Poll ``condition()`` (while recording events) until it is true; ``TimeoutError`` after the timeout.

        A condition that fails because the page is navigating (its scripts' context
        went away mid-evaluation) counts as not yet true.
        """
        deadline = time.monotonic() + self.timeout
        failure: Exception | None = None
        while True:
            try:
                if condition():
                    return
            except RuntimeError as error:
                failure = error
            if time.monotonic() > deadline:
                raise TimeoutError(f"page not ready within {self.timeout} s (last error: {failure}): {self.page}")
            time.sleep(interval)
            self.send("Runtime.evaluate", expression="0")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-like values only)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def mouse_move(self, x: float, y: float) -> None:
        """Move the mouse to viewport coordinates (hover effects and tooltips follow)."""
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def click(self, x: float, y: float) -> None:
        """Click the left mouse button at viewport coordinates."""
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def close(self) -> None:
        """Quit Chromium and remove its profile."""
        try:
            self._call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._read)
        os.close(self._write)
        self._profile.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def render(url: str, wait_for: str | None = None, timeout: float = 30) -> Page:
    """Open ``url`` in a fresh headless Chromium and return the page after its scripts ran."""
    with Browser(timeout) as browser:
        return browser.open(url, wait_for)
