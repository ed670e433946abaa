"""reportpage: the standalone report page and its bar chart, everything from the data escaped."""

from __future__ import annotations

from annotator.reportpage import Bar, bar_chart, page, shorten


def test_reportpage_page_escapes_the_title_and_keeps_the_body_in_order():
    html = page("A <b>", "body{}", ["<p>one</p>", "<p>two</p>"])
    assert html.startswith("<!doctype html>") and html.endswith("</body></html>\n")
    assert "<title>A &lt;b&gt;</title>" in html and "<h1>A &lt;b&gt;</h1>" in html
    assert html.index("<p>one</p>") < html.index("<p>two</p>") and "<script" not in html


def test_reportpage_bar_chart_lengths_classes_and_escaping():
    svg = bar_chart([Bar("SLA <x>", "term", 4, 2, 10.0, "10"), Bar("AHT", "acronym", 1, 1, 5.0, "5", css="acr")],
                    "Top & more")
    assert 'aria-label="Top &amp; more"' in svg and "SLA &lt;x&gt; (term): 4 in 2 documents" in svg
    assert 'class="term" x="260" y="0" width="420"' in svg and 'class="acr" x="260" y="24" width="210"' in svg


def test_reportpage_bar_chart_of_zero_values_draws_one_pixel_bars():
    svg = bar_chart([Bar("a", "term", 1, 1, 0.0, "0.0")], "x")
    assert 'width="1" height="18"' in svg


def test_reportpage_shorten():
    assert shorten("abc", 5) == "abc" and shorten("abcdefgh", 5) == "abcd\u2026"
