"""annotator.text.markup.html: the HTML scanner, for HTML and for raw HTML in Markdown."""

from __future__ import annotations

import pytest

from annotator.text.markup import visible_text


# --- HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "element",
    ["code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "template", "noscript"],
)
def test_html_hidden_elements(element, shown):
    text = f"<p>SLA <{element}>KB</{element}> SLA</p>"
    assert shown(text, "html", "KB") == []
    assert shown(text, "html", "SLA") == [3, text.rindex("SLA")]


@pytest.mark.parametrize(
    "opening",
    ["<div data-no-glossary>", '<div data-no-glossary="">', "<span DATA-NO-GLOSSARY=1>",
     '<div contenteditable="false">', "<div contenteditable=false>", "<div hidden>"],
)
def test_html_opted_out_elements(opening, shown):
    name = opening[1:].split()[0].rstrip(">")
    text = f"SLA {opening}KB <b>KB</b></{name}> SLA"
    assert shown(text, "html", "KB") == []
    assert len(shown(text, "html", "SLA")) == 2


def test_html_contenteditable_true_is_visible(shown):
    assert shown('<div contenteditable="true">KB</div>', "html", "KB") == [28]


def test_html_tags_and_attributes_are_hidden(shown):
    text = '<a href="https://x/SLA" title="SLA" data-x=\'SLA\'>the KB</a><img alt="SLA" src=SLA.png>'
    out = visible_text(text, "html")
    assert "SLA" not in out
    assert shown(text, "html", "KB") == [text.index("KB")]


def test_html_link_text_is_visible_prose(shown):
    text = '<p>Read the <a href="/kb/1">SLA policy</a>.</p>'
    assert shown(text, "html", "SLA") == [text.index("SLA")]


def test_html_entities_keep_the_words_in_place():
    text = "x &lt;SLA&gt; y"
    assert visible_text(text, "html") == "x <   SLA>    y"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("&amp;", "&    "),
        ("&#60;", "<    "),
        ("&#x3C;", "<     "),
        ("&#60 x", "<    x"),
        ("&nosuch; SLA", "&nosuch; SLA"),
        ("&#0;", "\ufffd   "),
        ("AT&T", "AT&T"),
        ("<b>x</b>&amp;<i>&lt;</i>y", "   x    &       <       y"),  # between tags
        ("<b>&amp;</b>", "   &        "),
    ],
)
def test_html_character_references(text, expected):
    assert visible_text(text, "html") == expected


def test_html_entities_inside_hidden_elements_stay_hidden():
    assert visible_text("<code>&lt;</code>", "html").strip() == ""


def test_html_comments_doctype_cdata_and_pi_are_hidden(shown):
    text = "<!DOCTYPE html><!-- SLA --><![CDATA[SLA]]><?xml SLA?><!--><!--->KB"
    assert shown(text, "html", "SLA") == []
    assert shown(text, "html", "KB") == [len(text) - 2]


def test_html_misnested_tags_keep_all_their_text():
    text = "<b>SLA <i>x</b> y</i> KB"
    out = visible_text(text, "html")
    assert [out.index(w) for w in ("SLA", "x", "y", "KB")] == [text.index(w) for w in ("SLA", "x", "y", "KB")]


def test_html_misnested_hidden_element_closes_with_its_parent(shown):
    # </p> closes the <code> opened inside it, as a browser's tree would.
    text = "<p><code>KB</p> SLA"
    assert shown(text, "html", "SLA") == [text.index("SLA")]
    assert shown(text, "html", "KB") == []


def test_html_stray_end_tags_are_ignored(shown):
    text = "</code></pre>SLA</script>"
    assert shown(text, "html", "SLA") == [13]


def test_html_raw_text_elements_do_not_parse_tags(shown):
    text = "<script>if (a < b) { x = '</div>' }</script>SLA"
    assert shown(text, "html", "SLA") == [len(text) - 3]
    text = "<title>SLA <b> KB</title>"
    assert shown(text, "html", "KB") == [text.index("KB")]


@pytest.mark.parametrize("text", ["SLA <div class='x", "SLA <!-- never closed KB", "SLA <p KB", "SLA </p KB"])
def test_html_unterminated_markup_swallows_the_rest_like_a_browser(text, shown):
    assert shown(text, "html", "SLA") == [0]
    assert shown(text, "html", "KB") == []


@pytest.mark.parametrize("text", ["a < b SLA", "x <3 SLA", "a<>b SLA", "1 << 2 SLA", "</ > SLA"])
def test_html_lone_angle_brackets_are_text(text, shown):
    assert shown(text, "html", "SLA") == [len(text) - 3]


def test_html_ten_thousand_nested_divs(shown):
    text = "<div>" * 10_000 + "SLA" + "</div>" * 10_000
    assert shown(text, "html", "SLA") == [50_000]


def test_html_unclosed_hidden_element_hides_to_the_end(shown):
    text = "SLA <pre>" + "<div>" * 100 + "KB"
    assert shown(text, "html", "KB") == []


@pytest.mark.parametrize(
    "text,format",
    [
        ('<p>Our SLA, see <a href="/sla">the SLA page</a>.</p>', "html"),
        ('Our SLA, see <a href="/sla">the <b>SLA</b> page</a>.', "markdown"),
    ],
)
def test_html_hide_links_hides_anchor_text_only_when_asked(text, format):
    first, second = text.index("SLA"), text.index("SLA", text.index("<a"))
    shown = visible_text(text, format)
    hidden = visible_text(text, format, hide_links=True)
    assert len(hidden) == len(text)
    assert shown[second : second + 3] == "SLA"  # the linter counts link text as prose
    assert hidden[second : second + 3] == "   "  # annotation never puts a tooltip in a link
    assert hidden[first : first + 3] == shown[first : first + 3] == "SLA"
