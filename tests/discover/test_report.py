from __future__ import annotations

import pytest

from annotator.discover.model import Candidate, Example
from annotator.discover.report import CHART_TOP, render_html

CANDIDATES = [
    Candidate("VBT", "acronym", 4, 3, 9.0, long_forms=(("Very Breached Ticket", 2),),
              examples=(Example("t1", "Our Very Breached Ticket (VBT) list", 25, 28),)),
    Candidate("<script>x</script>", "term", 3, 3, 5.0,
              examples=(Example("t2", "a <b>hostile</b> excerpt", 0, 5),)),
]


@pytest.mark.parametrize("candidates", [CANDIDATES, []])
def test_report_html_is_standalone_and_escaped(candidates):
    page = render_html(candidates, title="T <x>", documents=5)
    assert page.startswith("<!doctype html>") and "<svg" in page or not candidates
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "T &lt;x&gt;" in page
    if candidates:
        assert "&lt;b&gt;hostile&lt;/b&gt;" in page


def test_report_chart_is_cut_to_the_top():
    many = [Candidate(f"term {i}", "term", 2, 2, 100.0 - i) for i in range(CHART_TOP + 10)]
    page = render_html(many)
    assert page.count("<rect ") == CHART_TOP and page.count("<tr><td>") == len(many)
