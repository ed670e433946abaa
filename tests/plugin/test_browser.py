"""The widget in a real browser: Debian's chromium via Playwright against a real local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.plugin.web import load_tickets

pytestmark = pytest.mark.browser

TERMS_DONE = "() => [...document.querySelectorAll('.ticket-body')].every(e => e.dataset.hgState)"


@pytest.fixture
def demo(page, live_server):
    page.goto(live_server + "/")
    page.wait_for_function(TERMS_DONE, timeout=20_000)
    return page


def wrapped_terms(page, selector: str) -> list[tuple[str, int]]:
    """(text, UTF-16 offset in the element's text) of each wrapped term, in document order."""
    return page.eval_on_selector(selector, """root => {
        const out = []; let offset = 0;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const term = node.parentElement.closest('.hg-term');
            if (term && term.firstChild === node) out.push([node.data, offset]);
            offset += node.data.length;
        }
        return out;
    }""")


def test_browser_terms_wrapped_with_the_right_text(demo, client, app):
    """Each plain-text ticket's highlights are exactly the service's spans for its text."""
    tickets = [t for t in load_tickets(Path(app.config["HELPDESK_SAMPLES_DIR"])) if isinstance(t.body, str)
               and not hasattr(t.body, "__html__")]
    assert tickets
    for ticket in tickets:
        result = client.post("/api/annotate", json={"text": ticket.body}).get_json()
        expected = [(s["text"], s["start_utf16"]) for s in result["spans"]]
        assert expected, ticket.slug
        assert wrapped_terms(demo, f"#ticket-{ticket.slug} .ticket-body") == [list(e) for e in expected]
    assert demo.js_errors == []


def test_browser_skips_code_pre_and_links(demo):
    inside = demo.eval_on_selector_all(".hg-term", "els => els.filter(e => e.closest('code, pre, a')).length")
    assert inside == 0
    # ...while prose in the same ticket is annotated.
    assert demo.locator("#ticket-05-api-integration .ticket-body .hg-term").count() > 0


def test_browser_emoji_does_not_shift_highlight(demo):
    demo.evaluate("""() => {
        const p = document.createElement('p');
        p.id = 'emoji'; p.textContent = '👍👍 Our SLA and 🤔 the CSAT';
        document.querySelector('.queue').prepend(p);
        return HelpdeskGlossary.annotate(p);
    }""")
    assert demo.eval_on_selector_all("#emoji .hg-term", "els => els.map(e => e.textContent)") == ["SLA", "CSAT"]
    text = "👍👍 Our SLA and 🤔 the CSAT"
    utf16 = [[t, len(text[: text.index(t)].encode("utf-16-le")) // 2] for t in ("SLA", "CSAT")]
    assert utf16 == [["SLA", 9], ["CSAT", 24]]
    assert wrapped_terms(demo, "#emoji") == utf16
    # In the sample ticket too: "✨ SLA targets" highlights exactly "SLA".
    texts = demo.eval_on_selector_all("#ticket-04-self-service .hg-term", "els => els.map(e => e.textContent)")
    assert "SLA" in texts


def test_browser_tooltip_on_hover_is_hoverable_and_escape_hides(demo):
    term = demo.locator("#ticket-01-chat-queue-sla .hg-term").first
    term.hover()
    tooltip = demo.locator("#hg-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.get_attribute("role") == "tooltip"
    assert term.get_attribute("aria-describedby") == "hg-tooltip"
    assert tooltip.inner_text().strip()
    # WCAG 1.4.13: moving the pointer onto the tooltip keeps it open.
    box = tooltip.bounding_box()
    demo.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    demo.wait_for_timeout(600)
    assert tooltip.is_visible()
    demo.keyboard.press("Escape")
    assert tooltip.is_hidden()


def test_browser_tooltip_on_keyboard_focus(demo):
    demo.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(5):
        demo.keyboard.press("Tab")
        if demo.evaluate("() => document.activeElement.classList.contains('hg-term')"):
            break
    assert demo.evaluate("() => document.activeElement.classList.contains('hg-term')")
    tooltip = demo.locator("#hg-tooltip")
    tooltip.wait_for(state="visible")
    focused = demo.evaluate("() => document.activeElement.textContent")
    assert focused in tooltip.inner_text() or tooltip.inner_text().strip()
    demo.keyboard.press("Escape")
    assert tooltip.is_hidden()
    # Focus stays on the term; tabbing on shows the next one.
    demo.keyboard.press("Tab")
    tooltip.wait_for(state="visible")


def test_browser_ambiguous_acronym_shows_every_sense(demo):
    ambiguous = demo.locator(".hg-term--ambiguous").first
    if ambiguous.count() == 0:
        pytest.fail("the AHT sample ticket should contain an ambiguous acronym")
    ambiguous.hover()
    senses = demo.locator("#hg-tooltip .hg-sense")
    senses.first.wait_for(state="visible")
    assert senses.count() >= 2
    assert "hg-sense--chosen" in (senses.first.get_attribute("class") or "")


def test_browser_xss_definition_renders_as_text(demo, xss_entry):
    term, definition = xss_entry
    demo.evaluate("""(term) => {
        const p = document.createElement('p');
        p.id = 'xss'; p.textContent = 'That was a ' + term.toLowerCase() + ' again.';
        document.querySelector('.queue').prepend(p);
        return HelpdeskGlossary.annotate(p);
    }""", term)
    target = demo.locator("#xss .hg-term")
    assert target.count() == 1
    target.hover()
    tooltip = demo.locator("#hg-tooltip")
    tooltip.wait_for(state="visible")
    assert definition in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    demo.wait_for_timeout(300)
    assert demo.dialogs == []


def test_browser_editor_inserts_expansion_and_keeps_caret(demo):
    editor = demo.locator("#reply-text")
    button = demo.locator("#reply-panel .hg-panel__insert", has_text="(SLA)").first
    button.wait_for(state="visible", timeout=20_000)
    before = editor.input_value()
    caret = len(before) - 5  # near the end, after the first SLA
    editor.evaluate("(el, pos) => { el.focus(); el.setSelectionRange(pos, pos); }", caret)
    label = button.inner_text()
    replacement = label[label.index("\u201c") + 1:label.rindex("\u201d")]
    button.click()
    after = editor.input_value()
    assert replacement in after
    first = before.index("SLA")
    assert after == before[:first] + replacement + before[first + 3:]
    position = editor.evaluate("el => [el.selectionStart, el.selectionEnd]")
    shift = len(replacement) - 3
    assert position == [caret + shift, caret + shift]
    # The panel re-checks and SLA is no longer listed as undefined.
    demo.wait_for_function(
        "() => ![...document.querySelectorAll('#reply-panel .hg-panel__acronym')].some(e => e.textContent === 'SLA')",
        timeout=10_000,
    )


def test_browser_editor_caret_before_insertion_stays(demo):
    editor = demo.locator("#reply-text")
    button = demo.locator("#reply-panel .hg-panel__insert", has_text="(IVR)").first
    button.wait_for(state="visible", timeout=20_000)
    editor.evaluate("el => { el.focus(); el.setSelectionRange(3, 3); }")
    button.click()
    assert editor.evaluate("el => [el.selectionStart, el.selectionEnd]") == [3, 3]


def test_browser_proxy_502_shows_quiet_error(demo):
    html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    for path in ("**/api/annotate", "**/api/lint"):
        demo.route(path, lambda route: route.fulfill(status=502, content_type="text/html", body=html))
    editor = demo.locator("#reply-text")
    editor.focus()
    demo.keyboard.press("Control+End")
    demo.keyboard.type(" Also the KPI.")
    panel = demo.locator("#reply-panel")
    demo.wait_for_function("() => document.querySelector('#reply-panel').dataset.state === 'error'", timeout=10_000)
    assert "unavailable" in panel.locator(".hg-panel__status").inner_text()
    assert "Bad Gateway" not in panel.inner_text()
    assert demo.js_errors == []
    # The page still works: typing goes on, the tooltip on tickets still opens.
    demo.keyboard.type(" ok")
    assert editor.input_value().endswith("KPI. ok")
    demo.locator(".ticket-body .hg-term").first.hover()
    demo.locator("#hg-tooltip").wait_for(state="visible")


def test_browser_demo_screenshot_with_open_tooltip(demo, artifacts_dir):
    term = demo.locator("#ticket-03-aht-context .hg-term--ambiguous").first
    if term.count() == 0:
        term = demo.locator("#ticket-01-chat-queue-sla .hg-term").first
    term.scroll_into_view_if_needed()
    term.hover()
    demo.locator("#hg-tooltip").wait_for(state="visible")
    demo.locator("#reply-panel .hg-panel__insert").first.wait_for(state="visible", timeout=20_000)
    path = artifacts_dir / "demo-tooltip.png"
    demo.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


SKIPPED_MARKUP = """
<p>Prose SLA one.</p>
<code>SLA</code> <pre>SLA</pre> <a href="#">SLA</a> <kbd>SLA</kbd> <samp>SLA</samp>
<textarea>SLA</textarea> <input value="SLA"> <svg><text>SLA</text></svg>
<span contenteditable="false">SLA</span> <span data-no-glossary>SLA <b>SLA</b></span>
<p>Prose <b>SLA</b> two.</p>
"""


def test_browser_widget_skips_code_links_fields_and_opted_out_nodes(demo):
    """Text nodes only, never inside the skip list; a second pass wraps nothing twice."""
    counts = demo.evaluate("""async (html) => {
        const box = document.createElement('div');
        box.id = 'hostile'; box.innerHTML = html;  // test fixture markup, not widget code
        document.querySelector('.queue').prepend(box);
        const first = await HelpdeskGlossary.annotate(box);
        const second = await HelpdeskGlossary.annotate(box);
        return [first, second];
    }""", SKIPPED_MARKUP)
    assert counts == [2, 0]
    wrapped = demo.eval_on_selector_all("#hostile .hg-term", "els => els.map(e => e.parentElement.tagName)")
    assert wrapped == ["P", "B"]
    assert demo.eval_on_selector("#hostile textarea", "e => e.value") == "SLA"
    assert demo.eval_on_selector("#hostile input", "e => e.value") == "SLA"


def test_browser_contenteditable_editor_inserts_and_keeps_caret(demo):
    demo.evaluate("""() => {
        const wrap = document.createElement('div');
        wrap.innerHTML = '<div id="ce" contenteditable="true"></div><aside id="ce-panel"></aside>';
        document.querySelector('.reply').prepend(wrap);
        const ce = document.getElementById('ce');
        ce.textContent = 'We met the SLA last week. Thanks!';
        window.ceEditor = HelpdeskGlossary.attachEditor(ce, document.getElementById('ce-panel'));
    }""")
    button = demo.locator("#ce-panel .hg-panel__insert", has_text="(SLA)").first
    button.wait_for(state="visible", timeout=20_000)
    # Caret after "last week." (past the acronym), then insert.
    demo.evaluate("""() => {
        const node = document.getElementById('ce').firstChild;
        const range = document.createRange();
        range.setStart(node, node.data.indexOf(' Thanks')); range.collapse(true);
        const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""")
    label = button.inner_text()
    replacement = label[label.index("\u201c") + 1:label.rindex("\u201d")]
    button.click()
    text = demo.eval_on_selector("#ce", "e => e.textContent")
    assert text == f"We met the {replacement} last week. Thanks!"
    caret = demo.evaluate("""() => {
        const sel = getSelection();
        return sel.anchorNode.data.slice(0, sel.anchorOffset);
    }""")
    assert caret == f"We met the {replacement} last week."
