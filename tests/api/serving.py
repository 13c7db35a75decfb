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
