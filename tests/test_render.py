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
