"""Where a span sits on the page: a heading line, a Markdown table cell."""

from __future__ import annotations

import pytest

from annotator.pipeline.rules import layout


@pytest.mark.parametrize(
    "text,heading",
    [("## Ticket rules\nbody", True), ("title: Very Breached Tickets\n", True), ("Service Level Agreement\n", True),
     ("We track the Service Level Agreement.\n", False), ("Service Level Agreement.\n", False),
     ("- Service Level Agreement Tool\n", False), ("1. Ticket Prioritization Script\n", False),
     # a table row of links, as the markdown masker leaves it (pipes and targets blanked)
     ("  **Sheet**   [Ticket Operations Criticality          \n", False)],
)
def test_layout_in_heading(text, heading):
    start = text.index("T") if "Ticket" in text else text.index("S")
    assert layout.in_heading(text, start, start + 5) is heading


@pytest.mark.parametrize(
    "text,word,label",
    [("| Open |\n", "Open", True), ("| Open | x |\n|---|---|\n", "Open", False), ("| a b c d |\n", "b", False),
     ("no table | Open |\n", "Open", False), ("| Pending review |\n", "Pending", True)],
)
def test_layout_table_label(text, word, label):
    start = text.index(word)
    assert layout.table_label(text, start, start + len(word)) is label
