"""The store's write lock: one writing process at a time, and a clear refusal for the next.

The lock is an advisory ``flock`` on ``STORE/write.lock``, held for as long
as the writing :class:`~kg.store.Store` is open. The operating system drops it
when the process ends, however it ends (``SIGKILL`` included), so a crashed
build never leaves a stale lock behind. The holder's process id is written
into the file, for the message the next writer gets.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from .errors import KGError

LOCK_FILE = "write.lock"


class StoreLocked(KGError):
    """Another process is writing the store."""


class WriteLock:
    """An exclusive, non-blocking lock on a store directory (see the module's docstring)."""

    def __init__(self, store_dir: Path) -> None:
        self.path = Path(store_dir) / LOCK_FILE
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`StoreLocked` naming the process that holds it."""
        handle = open(self.path, "a+", encoding="ascii")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StoreLocked(f"{self.path.parent}: another kg process (pid {holder}) is writing this store; "
                              "run this command again when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Let the lock go (closing the file releases the ``flock``)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def check(self) -> None:
        """Raise :class:`StoreLocked` if another process holds the lock now (it is not kept)."""
        if self.path.exists():
            self.acquire()
            self.release()


__all__ = ["LOCK_FILE", "StoreLocked", "WriteLock"]
