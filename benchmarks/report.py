"""Rows, targets and the one table ``make bench`` prints.

A :class:`Row` is one measured figure next to its baseline; its :class:`Target` says what is
asked of it (on the ratio, or on the value itself). Sections declare their rows up front as
:class:`Spec` objects so that a section that cannot run still shows every row it owes.
"""

from __future__ import annotations

import json
import math
import operator
import platform
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

PASS, FAIL, INFO, NA, ERROR = "PASS", "FAIL", "info", "N/A", "ERROR"

_OPS = {">=": operator.ge, "<=": operator.le, "<": operator.lt, ">": operator.gt, "==": operator.eq}


@dataclass(frozen=True)
class Target:
    """``on`` is ``"ratio"`` (value / baseline) or ``"value"``; ``op`` one of ``_OPS``."""

    op: str
    threshold: float
    on: str = "ratio"
    unit: str = ""

    def check(self, value: float | None, ratio: float | None) -> bool | None:
        subject = ratio if self.on == "ratio" else value
        if subject is None or (isinstance(subject, float) and math.isnan(subject)):
            return None
        return _OPS[self.op](subject, self.threshold)

    def describe(self) -> str:
        if self.on == "ratio":
            return f"{self.op} {self.threshold:.3g}x"
        return f"{self.op} {self.threshold:g}{(' ' + self.unit) if self.unit else ''}"


@dataclass(frozen=True)
class Spec:
    """A row a section promises: its key (stable, for JSON consumers), label and target."""

    key: str
    figure: str
    target: Target | None = None


@dataclass
class Row:
    section: str
    key: str
    figure: str
    value: float | None
    unit: str = ""
    baseline: float | None = None
    baseline_name: str = ""
    target: Target | None = None
    note: str = ""
    status: str = ""  # filled by finish()
    ratio: float | None = None  # filled by finish()

    def finish(self) -> Row:
        if self.ratio is None and self.value is not None and self.baseline:
            self.ratio = self.value / self.baseline
        if not self.status:
            if self.value is None:
                self.status = NA
            elif self.target is None:
                self.status = INFO
            else:
                ok = self.target.check(self.value, self.ratio)
                self.status = NA if ok is None else (PASS if ok else FAIL)
        return self

    def to_json(self) -> dict:
        data = asdict(self)
        data["target"] = None if self.target is None else {
            **asdict(self.target), "text": self.target.describe()
        }
        return data


def row(section: str, spec: Spec, value, *, unit="", baseline=None, baseline_name="",
        ratio=None, note="") -> Row:
    """A finished row for ``spec``."""
    return Row(section, spec.key, spec.figure, value, unit, baseline, baseline_name,
               spec.target, note, ratio=ratio).finish()


def missing_rows(section: str, specs: Iterable[Spec], status: str, note: str) -> list[Row]:
    """The rows of a section that could not run (``N/A``) or crashed (``ERROR``)."""
    return [Row(section, s.key, s.figure, None, target=s.target, note=note, status=status)
            for s in specs]


def _number(x: float | None) -> str:
    if x is None:
        return "-"
    if isinstance(x, int) or (float(x).is_integer() and abs(x) >= 100):
        return f"{int(x):,}"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def render_table(rows: Sequence[Row]) -> str:
    """One plain-text table: figure, value, baseline, ratio, target, result, note."""
    header = ("section", "figure", "value", "baseline", "ratio", "target", "result", "note")
    cells = [header]
    for r in rows:
        value = "-" if r.value is None else f"{_number(r.value)} {r.unit}".strip()
        if r.baseline is None:
            baseline = "-"
        else:
            baseline = f"{_number(r.baseline)} {r.unit}".strip()
            if r.baseline_name:
                baseline = f"{r.baseline_name}: {baseline}"
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
        target = "-" if r.target is None else r.target.describe()
        cells.append((r.section, r.figure, value, baseline, ratio, target, r.status, r.note))
    widths = [max(len(c[i]) for c in cells) for i in range(len(header) - 1)]
    lines = []
    for i, c in enumerate(cells):
        line = "  ".join(cell.ljust(w) for cell, w in zip(c[:-1], widths)) + "  " + c[-1]
        lines.append(line.rstrip())
        if i == 0:
            lines.append("-" * min(len(lines[0]) + 20, 160))
    return "\n".join(lines)


def summary(rows: Sequence[Row]) -> str:
    counts = {s: sum(1 for r in rows if r.status == s) for s in (PASS, FAIL, NA, ERROR)}
    targets = sum(1 for r in rows if r.target is not None)
    return (f"{counts[PASS]}/{targets} targets pass, {counts[FAIL]} fail, "
            f"{counts[NA]} not available, {counts[ERROR]} errors")


def environment() -> dict:
    import os

    info = {"python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count()}
    try:
        import spacy

        info["spacy"] = spacy.__version__
    except ImportError:  # pragma: no cover - spaCy is a hard dependency
        pass
    try:
        info["loadavg"] = os.getloadavg()
    except OSError:  # pragma: no cover
        pass
    return info


def write_json(path: Path, rows: Sequence[Row], *, config: dict, extra: dict | None = None) -> None:
    data = {
        "environment": environment(),
        "config": config,
        "summary": summary(rows),
        "rows": [r.to_json() for r in rows],
        **(extra or {}),
    }
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
