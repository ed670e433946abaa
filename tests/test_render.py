"""Terminal and HTML rendering of an annotate() result (pure functions, no pipeline needed)."""

from __future__ import annotations

import html.parser
import re

import pytest

from annotator.render import (
    CONTENT_SECURITY_POLICY,
    build_notes,
    render_html,
    render_terminal,
    safe_terminal_text,
    superscript,
)

HOSTILE = "<img src=x onerror=alert(1)>"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def span(text: str, word: str, *, nth: int = 0, term_id: str, term: str, definition: str | None = "",
         is_acronym: bool = True, senses: list | None = None, source: str | None = "seed.txt") -> dict:
    """A span record as export.doc_to_json makes it, located by searching ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    repeat = definition is None
    return {
        "start": start, "end": start + len(word), "text": word, "label": "CX_ACRONYM" if is_acronym else "CX_TERM",
        "term_id": term_id, "term": term, "definition": definition, "is_acronym": is_acronym,
        "category": None, "senses": None if repeat else (senses or [{"term_id": term_id, "term": term,
        "definition": definition, "score": 1.0, "reason": "only sense"}]), "source": source, "repeat": repeat,
    }


@pytest.fixture
def sample():
    text = "👍 Our SLA is 4h.\nAHT rose; the SLA breach \x1b[2J was logged by the Help Desk. Ask IT."
    spans = [
        span(text, "SLA", term_id="sla", term="Service Level Agreement", definition=f"A promise {HOSTILE} & more."),
        span(text, "AHT", term_id="average-handle-time", term="Average Handle Time", definition="Time per contact.",
             senses=[
                 {"term_id": "average-handle-time", "term": "Average Handle Time", "definition": "Time per contact.",
                  "score": 0.8, "reason": "context: 1 related word (breach)"},
                 {"term_id": "average-hold-time", "term": "Average Hold Time", "definition": "Time on hold.",
                  "score": 0.2, "reason": "no context; defined by 1 source"},
             ]),
        span(text, "SLA", nth=1, term_id="sla", term="Service Level Agreement", definition=None),
        span(text, "Help Desk", term_id="help-desk", term="Help Desk", definition="The support team.", is_acronym=False),
    ]
    result = {"spans": spans, "unknown_acronyms": [{"start": text.index("IT"), "end": text.index("IT") + 2, "text": "IT"}],
              "truncated": False, "glossary": {"version": "abc123", "concepts": 3}}
    return text, result


def test_render_notes_number_concepts_in_order_of_first_use(sample):
    _, result = sample
    notes, numbers = build_notes(result)
    assert [n.key for n in notes] == ["sla", "average-handle-time", "help-desk"]
    assert numbers == [1, 2, 1, 3]
    assert notes[0].count == 2 and notes[0].definition.startswith("A promise")  # repeat has none


def test_render_terminal_plain_marks_every_occurrence(sample):
    text, result = sample
    out = render_terminal(text, result)
    assert "\x1b" not in out
    body = out.split("\n\nDefinitions")[0]
    assert body.count("[SLA]¹") == 2 and "[AHT]²" in body and "[Help Desk]³" in body
    # removing the markers gives the text back (with the control character made visible)
    assert re.sub(r"\[([^\[\]]*)\][⁰¹²³⁴⁵⁶⁷⁸⁹]+", r"\1", body) == safe_terminal_text(text).rstrip("\n")


def test_render_terminal_lists_definitions_senses_and_unknown(sample):
    text, result = sample
    out = render_terminal(text, result)
    notes = out.split("Definitions\n", 1)[1]
    assert notes.startswith("1. SLA — Service Level Agreement (2×)\n")
    assert HOSTILE in notes  # literal text in a terminal is harmless
    assert "Ambiguous: chose Average Handle Time (context: 1 related word (breach)); other senses:" in notes
    assert "- Average Hold Time: Time on hold." in notes
    assert "3. Help Desk\n" in notes
    assert "Acronyms not in the glossary: IT" in notes


def test_render_terminal_color_uses_ansi_and_strips_back_to_text(sample):
    text, result = sample
    out = render_terminal(text, result, color=True)
    assert "\x1b[1;33mSLA\x1b[0m" in out and "\x1b[1;36mHelp Desk\x1b[0m" in out
    assert "[SLA]" not in out
    plain_body = ANSI.sub("", out).split("\n\nDefinitions")[0]
    assert re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", plain_body) == safe_terminal_text(text).rstrip("\n")


@pytest.mark.parametrize("char, shown", [("\x1b", "␛"), ("\x07", "␇"), ("\r", "␍"), ("\x00", "␀"), ("\x7f", "␡"), ("\x9b", "\ufffd")])
def test_render_terminal_control_characters_are_made_visible(char, shown):
    assert safe_terminal_text(f"a{char}b\tc\nd") == f"a{shown}b\tc\nd"


def test_render_terminal_control_characters_in_definitions(sample):
    text, result = sample
    result["spans"][0]["definition"] = "Bad \x1b]0;pwned\x07 title"
    assert "\x1b" not in render_terminal(text, result) and "\x07" not in render_terminal(text, result)


def test_render_terminal_no_terms():
    out = render_terminal("Nothing here.", {"spans": [], "unknown_acronyms": []})
    assert out == "Nothing here.\n\nNo glossary terms found.\n"


class _Collector(html.parser.HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_render_html_is_standalone_and_escaped(sample):
    text, result = sample
    page = render_html(text, result, title="Ticket <42>")
    parser = _Collector()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert "img" not in tags and "iframe" not in tags  # the hostile definition is text
    assert HOSTILE.replace("<", "&lt;").replace(">", "&gt;") in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing loaded from anywhere
    assert not any(a.get("src") for _, a in parser.tags)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{}]  # one inline script, no src
    assert "<title>Ticket &lt;42&gt;</title>" in page
    assert "\x1b" in page  # html.escape keeps it; a browser shows it as a control, never executes it


def test_render_html_csp_pins_inline_code(sample):
    text, result = sample
    page = render_html(text, result)
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    parser = _Collector()
    parser.feed(page)
    handlers = [name for _, attrs in parser.tags for name in attrs if name.startswith("on")]
    assert handlers == []  # no inline event handlers (the CSP would block them anyway)


def test_render_html_terms_are_focusable_with_tooltips(sample):
    text, result = sample
    page = render_html(text, result)
    parser = _Collector()
    parser.feed(page)
    terms = [a for t, a in parser.tags if a.get("class") == "term"]
    tips = {a["id"]: a for t, a in parser.tags if a.get("class") == "tip"}
    assert len(terms) == len(result["spans"])
    for term in terms:
        assert term["tabindex"] == "0"
        assert tips[term["aria-describedby"]]["role"] == "tooltip"
    # every occurrence, repeats included, shows its concept's definition
    assert page.count("Service Level Agreement</b>") == 2 and page.count("A promise &lt;img") >= 3
    notes = [a["id"] for t, a in parser.tags if t == "li" and a.get("id", "").startswith("note-")]
    assert notes == ["note-1", "note-2", "note-3"]


def test_render_html_text_round_trips(sample):
    text, result = sample
    page = render_html(text, result)
    pre = re.search(r'<pre class="text">(.*)</pre>', page, re.S).group(1)
    visible = re.sub(r'<span class="tip".*?</span></span>', "", pre)
    visible = re.sub(r"<sup>.*?</sup>", "", visible)
    visible = re.sub(r"<[^>]+>", "", visible)
    assert html.unescape(visible) == text


def test_render_superscript():
    assert superscript(1024) == "¹⁰²⁴"


# --- rendered Markdown and HTML ---------------------------------------------------------------

MARKDOWN = """---
title: Escalations
owner: ops
---
# Queue rules

Code first: `SLA` and then the **SLA** in prose.

| Metric | Target |
|--------|--------|
| AHT    | 5 min  |

```
SLA = 4h
```
"""

HTML_DOC = """<html><head><title>x</title>
<meta http-equiv="Content-Security-Policy" content="default-src *">
<link rel="stylesheet" href="https://evil.example/x.css"><script>alert(1)</script></head>
<body><p onclick="alert(2)" style="background:url(https://evil.example/p.png)">Our <b>SLA</b> &amp; the AHT.</p>
<img src="https://evil.example/i.png"><iframe src="https://evil.example/"></iframe>
<p>See <a href="https://kb.example/sla">the guide</a> or <a href="#top">top</a>. Then SLA again.</p></body></html>
"""


def doc_result(text: str, words: list[tuple[str, int]]) -> dict:
    """Spans for the nth occurrence of each word, with a definition on the first of a concept."""
    spans, seen = [], set()
    for word, nth in words:
        term_id = word.lower()
        spans.append(span(text, word, nth=nth, term_id=term_id, term=word.title(),
                          definition=None if term_id in seen else f"About {word}."))
        seen.add(term_id)
    spans.sort(key=lambda s: s["start"])
    return {"spans": spans, "unknown_acronyms": [], "truncated": False, "glossary": {}}


def terms_in(page: str) -> list[tuple[str, str]]:
    """(enclosing element, term text) for each tooltip term, as a browser's tokenizer sees them."""

    class Walker(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.found, self.depth = [], [], 0

        def handle_starttag(self, tag, attrs):
            if self.depth:
                self.depth += 1
            elif dict(attrs).get("class") == "term":
                self.found.append([self.stack[-1], ""])
                self.depth = 1
            if tag not in ("br", "hr", "wbr", "col"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if self.stack:
                self.stack.pop()
            self.depth = max(0, self.depth - 1)

        def handle_data(self, data):
            if self.depth == 1:  # the term's own text, not its number or tooltip
                self.found[-1][1] += data

    walker = Walker()
    walker.feed(page.split('<div class="doc">', 1)[1].split("</div>\n<section>", 1)[0])
    return [tuple(t) for t in walker.found]


def test_render_html_markdown_is_rendered_with_terms_at_their_offsets():
    # The code span's SLA is occurrence 0, the prose one occurrence 1: only the prose one is a span.
    result = doc_result(MARKDOWN, [("SLA", 1), ("AHT", 0)])
    page = render_html(MARKDOWN, result, input_format="markdown")
    body = page.split('<div class="doc">', 1)[1].split("<section>", 1)[0]
    assert "<h1>Queue rules</h1>" in body and "<table>" in body and "<code>SLA</code>" in body
    assert "```" not in body and "| Metric" not in body and "title:" not in body and "# Queue" not in body
    assert terms_in(page) == [("strong", "SLA"), ("td", "AHT")]
    assert "<pre><code>SLA = 4h\n</code></pre>" in body


def test_render_html_html_input_is_sanitised_and_keeps_the_page_csp():
    result = doc_result(HTML_DOC, [("SLA", 0), ("AHT", 0), ("SLA", 1)])
    page = render_html(HTML_DOC, result, input_format="html")
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page and "default-src *" not in page
    body = page.split('<div class="doc">', 1)[1].split("<section>", 1)[0]
    assert "&lt;p" not in body and "<p>" in body  # rendered, not shown as source
    assert "alert" not in page and "evil.example" not in page and "kb.example" not in page
    parser = _Collector()
    parser.feed(page)
    assert [t for t, _ in parser.tags if t in ("img", "iframe", "link", "meta", "script")].count("script") == 1
    assert not any(name.startswith("on") or name == "style" for _, attrs in parser.tags for name in attrs)
    assert '<a href="#top">top</a>' in body and "<a>the guide</a>" in body
    assert terms_in(page) == [("b", "SLA"), ("p", "AHT"), ("p", "SLA")]


def test_render_html_term_split_by_markup_or_inside_a_link_gets_no_tooltip():
    text = "<p><b>tier</b> 1 and <a href='#x'>SLA</a> and SLA.</p>"
    result = doc_result(text, [("SLA", 0), ("SLA", 1)])
    result["spans"].insert(0, span(text, "tier</b> 1", term_id="tier-1", term="Tier 1", definition="First line."))
    page = render_html(text, result, input_format="html")
    assert terms_in(page) == [("p", "SLA")]
    assert '<a href="#x">SLA<sup>2</sup></a>' in page  # the note number, no nested control
    assert "\ue000" not in page and "\ue001" not in page


def test_render_html_forged_markers_in_the_input_are_neutralised():
    text = "Plain \ue000\U000f0000SLA\ue001 and SLA."
    result = doc_result(text, [("SLA", 1)])
    page = render_html(text, result, input_format="markdown")
    assert terms_in(page) == [("p", "SLA")]
    assert page.count('class="term"') == 1


@pytest.mark.browser
def test_render_html_one_tooltip_at_a_time_and_escape_closes(browser, tmp_path, sample):
    text, result = sample
    path = tmp_path / "page.html"
    path.write_text(render_html(text, result), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(path.as_uri())
        visible = "() => [...document.querySelectorAll('.tip')].filter(t => t.offsetParent).length"
        terms = page.locator(".term")
        terms.nth(0).focus()
        assert page.evaluate(visible) == 1
        terms.nth(3).hover()  # pointer on another term while the first keeps focus
        assert page.evaluate(visible) == 1
        assert page.locator(".tip").nth(3).is_visible()
        page.keyboard.press("Escape")
        assert page.evaluate(visible) == 0
        page.mouse.move(1, 1)  # leaving the hovered term does not bring the dismissed one back
        assert page.evaluate(visible) == 0
        page.keyboard.press("Tab")  # focus moves on: its tooltip shows
        assert page.evaluate(visible) == 1 and page.locator(".tip").nth(1).is_visible()
        assert errors == []
    finally:
        page.close()
