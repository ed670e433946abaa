"""The standalone HTML report: a bar chart of the top candidates and their examples.

Inline CSS and SVG only (no scripts, no external resources), built like the tag summary's
report (:mod:`annotator.reportpage`); every string from the archive is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..reportpage import Bar, bar_chart, page
from .model import Candidate

#: Candidates in the chart (the table below lists every candidate written).
CHART_TOP = 30

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:66rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
svg text{font-size:12px;fill:#1b1f24}
rect.term,.key.term{fill:#3b6fd8;background:#3b6fd8}rect.acronym,.key.acronym{fill:#d8833b;background:#d8833b}
rect.variant,.key.variant{fill:#4a9b57;background:#4a9b57}
.key{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em;vertical-align:-.05em}
table{border-collapse:collapse;font-size:13px;width:100%}th,td{padding:.25rem .6rem;border-bottom:1px solid #dde;vertical-align:top}
th{text-align:left;background:#f3f5f8}ul{margin:0;padding-left:1.1rem}.ex{color:#444}.id{color:#777}
""".strip()


def _chart(candidates: Sequence[Candidate]) -> str:
    return bar_chart([Bar(c.candidate, c.kind, c.count, c.documents, c.score, f"{c.score:.1f}") for c in candidates],
                     "Top candidates by score")


def _row(rank: int, c: Candidate) -> str:
    esc = html.escape
    forms = ", ".join(f"{esc(text)} ({count})" for text, count in c.long_forms)
    examples = "".join(f'<li><span class="id">{esc(str(e.id))}</span> '
                       f'<span class="ex">{esc(e.excerpt)}</span></li>' for e in c.examples)
    cells = [str(rank), esc(c.candidate), c.kind, str(c.count), str(c.documents),
             f"{c.score:.2f}", forms, esc(c.variant_of or ""),
             f"<ul>{examples}</ul>" if examples else ""]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def render_html(candidates: Sequence[Candidate], *, title: str = "Discovered jargon",
                documents: int = 0) -> str:
    """A self-contained page for ``candidates`` (already ranked and cut to --top)."""
    head = ["#", "candidate", "kind", "count", "documents", "score", "long forms",
            "variant of", "examples"]
    legend = "".join(f'<span class="key {k}"></span>{k}' for k in ("term", "acronym", "variant"))
    return page(title, _CSS, [
        f"<p>{documents:,} documents read, {len(candidates):,} candidates shown.</p>",
        f"<h2>Top {min(CHART_TOP, len(candidates))} candidates</h2>",
        f"<p>{legend}</p>",
        _chart(candidates[:CHART_TOP]) if candidates else "<p>No candidates.</p>",
        "<h2>Candidates and examples</h2>",
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
        + "".join(_row(i, c) for i, c in enumerate(candidates, 1)) + "</tbody></table>",
    ])
