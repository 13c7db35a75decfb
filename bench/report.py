"""The results table: one row per figure, next to its baseline, as Markdown or JSON."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HIGHER = "higher"  # the figure improves upward (words/s, requests/s)
LOWER = "lower"  # the figure improves downward (seconds, milliseconds, bytes)


@dataclass
class Row:
    """One figure of the benchmark and the baseline measured in the same run."""

    section: str
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    better: str = HIGHER
    target: str = ""
    met: bool | None = None
    detail: str = ""
    numbers: dict[str, Any] = field(default_factory=dict)
    baseline_stopped: bool = False  # the baseline ran out of time: its time, and the ratio, are lower bounds

    @property
    def ratio(self) -> float | None:
        """How many times better than the baseline the figure is (above 1: faster, or smaller)."""
        if self.value is None or self.baseline is None or self.value == 0 or self.baseline == 0:
            return None
        return self.value / self.baseline if self.better == HIGHER else self.baseline / self.value

    def as_dict(self) -> dict[str, Any]:
        """The row as plain JSON data."""
        return {"section": self.section, "name": self.name, "value": self.value, "unit": self.unit,
                "baseline": self.baseline, "baseline_name": self.baseline_name, "better": self.better,
                "ratio": self.ratio, "baseline_stopped": self.baseline_stopped, "target": self.target or None,
                "met": self.met, "detail": self.detail or None,
                **self.numbers}


def number(value: float | None) -> str:
    """A figure with as many digits as matter: 123,456 / 12.3 / 1.23 / 0.0123."""
    if value is None:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _verdict(row: Row) -> str:
    if not row.target:
        return ""
    mark = {True: "met", False: "**missed**", None: "n/a"}[row.met]
    return f"{row.target}: {mark}"


def markdown(rows: list[Row], title: str) -> str:
    """The rows as Markdown: a heading per section, one table each."""
    out = [f"## {title}", "",
           "*× baseline*: how many times better than the baseline measured in the same run "
           "(above 1: faster, or smaller). *stopped*: the baseline was stopped before it finished, "
           "so its time and the ratio are lower bounds.", ""]
    for section in dict.fromkeys(row.section for row in rows):
        out += [f"### {section}", "", "| measure | value | baseline | × baseline | target | detail |",
                "| --- | ---: | ---: | ---: | --- | --- |"]
        for row in (r for r in rows if r.section == section):
            bound = "> " if row.baseline_stopped else ""
            value = f"{number(row.value)} {row.unit}" if row.value is not None else "n/a"
            stopped = ", stopped" if row.baseline_stopped else ""
            baseline = (f"{bound}{number(row.baseline)} {row.unit} ({row.baseline_name}{stopped})"
                        if row.baseline is not None else "n/a")
            ratio = f"{bound}{row.ratio:.2f}×" if row.ratio is not None else "n/a"
            cells = [row.name, value, baseline, ratio, _verdict(row), row.detail]
            out.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        out.append("")
    return "\n".join(out)


__all__ = ["HIGHER", "LOWER", "Row", "markdown", "number"]
