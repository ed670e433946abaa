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
    """Each plain-text ticket's highlights are exactly the service's spans for its text, as the
    demo configures the widget: jargon only, first mention of each concept."""
    tickets = [t for t in load_tickets(Path(app.config["HELPDESK_SAMPLES_DIR"])) if isinstance(t.body, str)
               and not hasattr(t.body, "__html__")]
    assert tickets
    for ticket in tickets:
        result = client.post("/api/annotate", json={"text": ticket.body, "options": {"first_only": True}}).get_json()
        expected = [(s["text"], s["start_utf16"]) for s in result["spans"] if s["familiarity"] == "jargon"]
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
        const every = {firstOnly: false, familiarity: 'all'};  // not the demo's filters
        const first = await HelpdeskGlossary.annotate(box, every);
        const second = await HelpdeskGlossary.annotate(box, every);
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


# --- a help desk's view: jargon only, keyboard, other origins, failures, small screens ---------

EVERYDAY = {"agent", "agents", "queue", "ticket", "tickets", "survey", "dashboard"}


def test_browser_demo_shows_jargon_only_each_reachable_by_keyboard(demo):
    terms = demo.eval_on_selector_all(".ticket-body .hg-term", "els => els.map(e => [e.textContent, e.tabIndex])")
    assert terms and {t.lower() for t, _ in terms}.isdisjoint(EVERYDAY)
    assert all(index == 0 for _, index in terms)
    assert "SLA" in [t for t, _ in terms]
    # first mention only, per ticket
    for ticket in demo.locator(".ticket-body").all():
        ids = ticket.evaluate("e => [...e.querySelectorAll('.hg-term')].map(t => t.dataset.hgTerm)")
        assert len(ids) == len(set(ids))


def test_browser_skip_link_reaches_the_reply_box_in_two_keys(demo):
    demo.keyboard.press("Tab")
    assert demo.evaluate("() => document.activeElement.className") == "skip-link"
    assert demo.locator(".skip-link").is_visible()  # shown when focused
    demo.keyboard.press("Enter")
    assert demo.evaluate("() => document.activeElement.id") == "reply-text"


def test_browser_tab_presses_before_the_reply_box(demo):
    """Without the skip link: every highlight is a stop on the way, and there are few of them."""
    demo.locator(".skip-link").focus()
    visited = []
    while demo.evaluate("() => document.activeElement.id") != "reply-text" and len(visited) < 100:
        demo.keyboard.press("Tab")
        visited.append(demo.evaluate("() => document.activeElement.classList.contains('hg-term')"))
    assert visited.count(True) == demo.locator(".ticket-body .hg-term").count()
    assert len(visited) <= 30  # 42 with every term of every ticket


@pytest.mark.parametrize(
    "attributes, expected",
    [
        ("", ["SLA"]),
        ('data-familiarity="all"', ["agents", "queue", "SLA"]),
        ('data-familiarity="all" data-first-only="false"', ["agents", "queue", "SLA", "queue", "SLA"]),
    ],
)
def test_browser_familiarity_and_first_only_per_element(demo, attributes, expected):
    texts = demo.evaluate("""async (attributes) => {
        const box = document.createElement('div');
        box.innerHTML = '<p ' + attributes + '>Our agents in the queue missed the SLA: the queue and the SLA.</p>';
        document.querySelector('.queue').prepend(box);
        await HelpdeskGlossary.annotate(box.firstChild);
        return [...box.querySelectorAll('.hg-term')].map(e => e.textContent);
    }""", attributes)
    assert texts == expected


def test_browser_demo_loads_without_404_or_console_errors(page, live_server):
    failed, console = [], []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(live_server + "/")
    page.wait_for_function(TERMS_DONE, timeout=20_000)
    page.locator("#reply-panel[data-state=ok]").wait_for(timeout=20_000)
    assert failed == [] and console == [] and page.js_errors == []
    assert page.eval_on_selector("link[rel=icon]", "e => e.href").startswith("data:image/svg+xml")


def test_browser_api_down_shows_a_quiet_unavailable_line(page, live_server):
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "warning" else None)
    page.route("**/api/**", lambda route: route.abort("connectionrefused"))
    page.goto(live_server + "/")
    page.wait_for_function(TERMS_DONE, timeout=20_000)
    panel = page.locator("#reply-panel")
    page.wait_for_function("() => document.querySelector('#reply-panel').dataset.state === 'error'", timeout=10_000)
    status = panel.locator(".hg-panel__status")
    assert "unavailable" in status.inner_text()
    assert panel.locator(".hg-panel__heading:visible, .hg-panel__list:visible").count() == 0
    background = status.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")  # a line of text, not a red box
    assert page.locator(".ticket-body .hg-term").count() == 0
    assert len(console) == 1 and "HelpdeskGlossary" in console[0]  # once, not once per ticket
    assert page.js_errors == []


def test_browser_topbar_at_420px_keeps_the_hint_readable(browser, live_server, artifacts_dir):
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        page.wait_for_function(TERMS_DONE, timeout=20_000)
        hint = page.locator(".topbar__hint")
        box = hint.bounding_box()
        line = hint.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert box["height"] <= 2 * line + 1 and box["width"] > 250
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
        page.screenshot(path=str(artifacts_dir / "demo-420px.png"), clip={"x": 0, "y": 0, "width": 420, "height": 400})
    finally:
        context.close()


CROSS_ORIGIN_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Another desk</title>
<link rel="icon" href="data:,"></head><body>
<div class="ticket-body">Our SLA was missed.</div><div class="ticket-body">The AHT rose.</div>
<script src="{server}/plugin/tooltip.js" data-target=".ticket-body"></script></body></html>"""


@pytest.fixture
def other_origin(live_server, free_port):
    """A page on another loopback origin (another port) that embeds the widget from live_server."""
    import http.server
    import threading

    body = CROSS_ORIGIN_PAGE.format(server=live_server).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_browser_cross_origin_without_cors_logs_one_clear_message(page, other_origin, live_server):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(other_origin + "/")
    page.wait_for_function(TERMS_DONE, timeout=20_000)
    assert page.locator(".hg-term").count() == 0  # blocked: the page stays as it was
    ours = [w for w in warnings if "HelpdeskGlossary" in w]
    assert len(ours) == 1, warnings
    assert live_server in ours[0] and f"--cors-origin {other_origin}" in ours[0]


def test_browser_transcript_view_tooltips_on_words_never_on_speaker_labels(demo):
    demo.wait_for_function("() => document.querySelector('.transcript').dataset.hgState", timeout=20_000)
    in_labels = demo.eval_on_selector_all(".turn__who .hg-term, .turn__time .hg-term", "els => els.length")
    assert in_labels == 0
    terms = demo.eval_on_selector_all(".transcript .turn__text .hg-term", "els => els.map(e => e.textContent)")
    assert "SLA" in terms
    assert demo.locator(".turn__who").first.text_content() == "Agent"
    assert demo.js_errors == []
