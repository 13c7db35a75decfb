"""Clocks, percentiles, peak memory and sizes: the measuring tools every part of the harness shares."""
from __future__ import annotations

import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (linear interpolation between the closest ranks)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Latency:
    """Seconds taken by repeated runs of one operation."""

    samples: tuple[float, ...]
    stopped: bool = False  # a run hit its time limit: the one sample is that limit, a lower bound

    @property
    def p50(self) -> float:
        """Median, in seconds."""
        return percentile(list(self.samples), 0.50)

    @property
    def p99(self) -> float:
        """99th percentile, in seconds (the slowest run when there are fewer than 100)."""
        return percentile(list(self.samples), 0.99)

    def as_dict(self) -> dict[str, float | int]:
        """p50 and p99 in milliseconds, and the number of runs."""
        return {"p50_ms": self.p50 * 1000, "p99_ms": self.p99 * 1000, "runs": len(self.samples)}


class TimeLimit(BaseException):
    """An operation ran out of the time it was given.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception``
    inside the library being timed swallows it.
    """


def timed(operation: Callable[[], object]) -> tuple[float, object]:
    """Seconds ``operation()`` took, and what it returned."""
    start = time.perf_counter()
    result = operation()
    return time.perf_counter() - start, result


def limited(operation: Callable[[], object], limit: float | None) -> tuple[float, object]:
    """:func:`timed`, but stopped with :class:`TimeLimit` after ``limit`` seconds (``None``: no limit).

    Uses ``SIGALRM``: only for pure-Python work (rdflib) in the main thread.
    """
    if limit is None:
        return timed(operation)

    def expire(signum: int, frame: object) -> None:
        raise TimeLimit(f"stopped after {limit:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return timed(operation)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def repeat(operation: Callable[[], object], runs: int, budget: float,
           limit: float | None = None) -> tuple[Latency, object]:
    """Time ``operation`` ``runs`` times, or fewer (at least once) when ``budget`` seconds run out.

    Returns the latencies and the last result. A run stopped by ``limit``
    ends the measurement: the latency is then that limit alone, marked
    ``stopped``, and the result ``None``.
    """
    samples: list[float] = []
    result = None
    while len(samples) < runs and (not samples or sum(samples) < budget):
        try:
            seconds, result = limited(operation, limit)
        except TimeLimit:
            return Latency((limit,), stopped=True), None
        samples.append(seconds)
    return Latency(tuple(samples)), result


def peak_rss() -> int:
    """The largest resident set this process has had, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def directory_size(path: Path) -> int:
    """Bytes in the files under ``path``."""
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(text.split())


__all__ = ["Latency", "TimeLimit", "directory_size", "limited", "peak_rss", "percentile", "repeat", "timed",
           "word_count"]
