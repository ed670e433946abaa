"""Discovery output as text, JSON and CSV (the HTML report is :mod:`.report`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .model import Candidate

FORMATS = ("text", "json", "csv", "html")
CSV_FIELDS = ("candidate", "kind", "count", "documents", "score", "long_forms", "variant_of",
              "example_id", "example")


def render_json(candidates: Sequence[Candidate]) -> str:
    return json.dumps({"candidates": [c.to_json() for c in candidates]}, ensure_ascii=False,
                      indent=2) + "\n"


def render_csv(candidates: Sequence[Candidate]) -> str:
    """One row per candidate; long forms as ``form (count); ...``, the first example only."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for c in candidates:
        first = c.examples[0] if c.examples else None
        writer.writerow([
            c.candidate, c.kind, c.count, c.documents, f"{c.score:.4f}",
            "; ".join(f"{text} ({count})" for text, count in c.long_forms),
            c.variant_of or "", first.id if first else "", first.excerpt if first else "",
        ])
    return out.getvalue()


def render_text(candidates: Sequence[Candidate]) -> str:
    """One line per candidate, then its best long form and first example, indented."""
    if not candidates:
        return "no candidates\n"
    width = min(40, max(len(c.candidate) for c in candidates))
    lines = []
    for rank, c in enumerate(candidates, 1):
        extra = f"  = {c.best_long_form}" if c.best_long_form else ""
        if c.variant_of:
            extra += f"  ~ {c.variant_of}"
        lines.append(f"{rank:>4}. {c.candidate:<{width}}  {c.kind:<7} {c.count:>6} in "
                     f"{c.documents:>5} docs  score {c.score:7.2f}{extra}")
        if c.examples:
            lines.append(f"        {c.examples[0].id}: {c.examples[0].excerpt}")
    return "\n".join(lines) + "\n"


def render(candidates: Sequence[Candidate], format: str, *, title: str = "Discovered jargon",
           documents: int = 0) -> str:
    if format == "json":
        return render_json(candidates)
    if format == "csv":
        return render_csv(candidates)
    if format == "html":
        from .report import render_html

        return render_html(candidates, title=title, documents=documents)
    return render_text(candidates)
