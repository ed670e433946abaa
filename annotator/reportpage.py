"""Standalone HTML reports (the tag summary, the discovery report): the page, a bar chart.

Inline CSS and SVG only (no scripts, no external resources); every string that comes from
the data is escaped here or by the caller.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Bar(NamedTuple):
    name: str  # the bar's label (shortened left of the bar; whole in the tooltip)
    kind: str  # said in the tooltip; also the bar's CSS class unless ``css`` is given
    count: int
    documents: int
    value: float  # the bar's length, relative to the longest
    value_text: str  # written after the bar
    css: str | None = None


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def page(title: str, css: str, body: Iterable[str]) -> str:
    """A whole page: the head with ``css`` inline, an ``<h1>`` of ``title``, then ``body``."""
    esc = html.escape
    return "\n".join([
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{css}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        *body,
        "</body></html>",
        "",
    ])


def bar_chart(bars: Sequence[Bar], label: str) -> str:
    """An SVG bar chart, one bar a row, each with a tooltip (name, kind, count, documents)."""
    bar_h, gap, label_w, chart_w = 18, 6, 260, 420
    height = len(bars) * (bar_h + gap)
    longest = max(bar.value for bar in bars) or 1.0
    parts = [f'<svg role="img" aria-label="{html.escape(label)}" width="{label_w + chart_w + 80}" '
             f'height="{height}" viewBox="0 0 {label_w + chart_w + 80} {height}">']
    for i, bar in enumerate(bars):
        y = i * (bar_h + gap)
        width = max(1, round(chart_w * bar.value / longest))
        # About 40 characters fit left of the bars; the tooltip keeps the full name.
        parts.append(
            f'<g><title>{html.escape(bar.name)} ({html.escape(bar.kind)}): {bar.count} in '
            f'{bar.documents} documents</title>'
            f'<text x="{label_w - 8}" y="{y + bar_h - 4}" text-anchor="end">{html.escape(shorten(bar.name, 40))}</text>'
            f'<rect class="{bar.css or bar.kind}" x="{label_w}" '
            f'y="{y}" width="{width}" height="{bar_h}"></rect>'
            f'<text x="{label_w + width + 6}" y="{y + bar_h - 4}">{bar.value_text}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
