"""What the API tests share: the hostile name and the record of an HTTP reply (the server itself: api.background)."""
from __future__ import annotations

from dataclasses import dataclass

HOSTILE_NAME = """<img src=x onerror=alert(1)>"'</script><script>alert(6)</script>"""  # markup meant to run script

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


def http(url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None,
         timeout: float = 60) -> Reply:
    """One request with urllib; HTTP errors are replies like any other."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, response_headers, content = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, response_headers, content = error.code, error.headers, error.read()
    media_type = (response_headers.get("Content-Type") or "").split(";")[0].strip()
    return Reply(status, media_type, {k.lower(): v for k, v in response_headers.items()}, content)
