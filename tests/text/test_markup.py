"""annotator.text.markup: visible prose at the original offsets, for every format."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.text.markup import (
    ALL_FORMATS,
    FORMATS,
    LineIndex,
    headings,
    line_col,
    next_sentence,
    visible_text,
)

GOLDEN = Path(__file__).parent / "data" / "markup"
GOLDEN_CASES = {"kb_article.md": "markdown", "ticket.html": "html", "guide.rst": "rst", "ticket.txt": "text"}


def _check_contract(text: str, out: str, format: str) -> None:
    """Same length, line breaks kept, and every changed character is a blank, except where an
    HTML character reference starts (it holds the decoded character)."""
    assert len(out) == len(text)
    for index, (before, after) in enumerate(zip(text, out)):
        if before in "\r\n":
            assert after == before, index
        elif after != before:
            assert after == " " or (format in ("html", "markdown") and before == "&"), index


def _shown(text: str, format: str, word: str) -> list[int]:
    """Offsets where ``word`` is still visible (the original word, at the original place)."""
    out = visible_text(text, format)
    starts, position = [], out.find(word)
    while position != -1:
        assert text[position : position + len(word)] == word
        starts.append(position)
        position = out.find(word, position + 1)
    return starts


# --- contract ---------------------------------------------------------------------------------


def test_markup_formats():
    assert FORMATS == ("text", "markdown", "html")
    assert ALL_FORMATS == ("text", "markdown", "html", "rst")


def test_markup_unknown_format_is_a_coded_error():
    with pytest.raises(InputError) as error:
        visible_text("SLA", "docx")
    assert error.value.code == "E204"
    assert error.value.field == "format"


def test_markup_non_string_is_a_coded_error():
    with pytest.raises(InputError) as error:
        visible_text(b"SLA", "html")
    assert error.value.code == "E201"


@pytest.mark.parametrize("format", ALL_FORMATS)
def test_markup_empty_and_blank_inputs(format):
    for text in ("", " ", "\n", "\r\n\r\n", "\t"):
        assert visible_text(text, format) == text


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_markup_golden_files(name):
    """Whole documents: the expected masking is in ``<name>.visible`` next to the input.

    Regenerate after a deliberate change with ``UPDATE_GOLDEN=1`` and review the diff.
    """
    text = (GOLDEN / name).read_text(encoding="utf-8")
    out = visible_text(text, GOLDEN_CASES[name])
    _check_contract(text, out, GOLDEN_CASES[name])
    expected_path = GOLDEN / f"{name}.visible"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(out, encoding="utf-8")
    assert out == expected_path.read_text(encoding="utf-8")


# --- properties -------------------------------------------------------------------------------

html_fragments = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<", ">", "</", "/>", "<!--", "-->", "<!", "<?", "&", "&lt;", "&#", "&#x", ";", "=", '"',
                "'", "<div>", "</div>", "<code>", "</code>", "<script>", "</script>", "<a href='x'>",
                "</a>", "<p data-no-glossary>", "<![CDATA[", "]]>", "`", "```", "\n", "    ", "[", "](",
                ")", "---\n", "::", ".. ", "``", ":ref:`", "SLA", " ", "https://x.y/", "@", "|", "\r",
            ]
        ),
        st.text(max_size=5),
    ),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("format", ALL_FORMATS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_markup_arbitrary_unicode_never_raises_and_keeps_offsets(format, text):
    _check_contract(text, visible_text(text, format), format)


@pytest.mark.parametrize("format", ALL_FORMATS)
@settings(max_examples=200, deadline=None)
@given(text=html_fragments)
def test_markup_arbitrary_markup_fragments_never_raise_and_keep_offsets(format, text):
    _check_contract(text, visible_text(text, format), format)


# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "see https://kb.example.com/SLA now",
        "see http://x.io/a?q=SLA&b=KB now",
        "see www.example.com/SLA now",
        "mail SLA.team@example.com now",
        "write mailto:SLA@example.com now",
        "ping @SLA now",
        "ping @SLA-team now",
        "see ftp://files.example.com/SLA.pdf now",
    ],
)
def test_markup_text_masks_urls_emails_and_handles(text):
    out = visible_text(text, "text")
    assert "SLA" not in out and "KB" not in out
    assert out.split() == [text.split()[0], "now"]


@pytest.mark.parametrize("text", ["Our SLA is 4h.", "Call 555-1234 about the SLA", "SLA@ risk", "a@b"])
def test_markup_text_keeps_prose(text):
    assert visible_text(text, "text").count("SLA") == text.count("SLA")


def test_markup_text_handle_does_not_swallow_the_full_stop():
    assert visible_text("thanks @support.", "text") == "thanks         ."


# --- HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "element",
    ["code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "template", "noscript"],
)
def test_markup_html_hidden_elements(element):
    text = f"<p>SLA <{element}>KB</{element}> SLA</p>"
    assert _shown(text, "html", "KB") == []
    assert _shown(text, "html", "SLA") == [3, text.rindex("SLA")]


@pytest.mark.parametrize(
    "opening",
    ["<div data-no-glossary>", '<div data-no-glossary="">', "<span DATA-NO-GLOSSARY=1>",
     '<div contenteditable="false">', "<div contenteditable=false>", "<div hidden>"],
)
def test_markup_html_opted_out_elements(opening):
    name = opening[1:].split()[0].rstrip(">")
    text = f"SLA {opening}KB <b>KB</b></{name}> SLA"
    assert _shown(text, "html", "KB") == []
    assert len(_shown(text, "html", "SLA")) == 2


def test_markup_html_contenteditable_true_is_visible():
    assert _shown('<div contenteditable="true">KB</div>', "html", "KB") == [28]


def test_markup_html_tags_and_attributes_are_hidden():
    text = '<a href="https://x/SLA" title="SLA" data-x=\'SLA\'>the KB</a><img alt="SLA" src=SLA.png>'
    out = visible_text(text, "html")
    assert "SLA" not in out
    assert _shown(text, "html", "KB") == [text.index("KB")]


def test_markup_html_link_text_is_visible_prose():
    text = '<p>Read the <a href="/kb/1">SLA policy</a>.</p>'
    assert _shown(text, "html", "SLA") == [text.index("SLA")]


def test_markup_html_entities_keep_the_words_in_place():
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
    ],
)
def test_markup_html_character_references(text, expected):
    assert visible_text(text, "html") == expected


def test_markup_html_entities_inside_hidden_elements_stay_hidden():
    assert visible_text("<code>&lt;</code>", "html").strip() == ""


def test_markup_html_comments_doctype_cdata_and_pi_are_hidden():
    text = "<!DOCTYPE html><!-- SLA --><![CDATA[SLA]]><?xml SLA?><!--><!--->KB"
    assert _shown(text, "html", "SLA") == []
    assert _shown(text, "html", "KB") == [len(text) - 2]


def test_markup_html_misnested_tags_keep_all_their_text():
    text = "<b>SLA <i>x</b> y</i> KB"
    out = visible_text(text, "html")
    assert [out.index(w) for w in ("SLA", "x", "y", "KB")] == [text.index(w) for w in ("SLA", "x", "y", "KB")]


def test_markup_html_misnested_hidden_element_closes_with_its_parent():
    # </p> closes the <code> opened inside it, as a browser's tree would.
    text = "<p><code>KB</p> SLA"
    assert _shown(text, "html", "SLA") == [text.index("SLA")]
    assert _shown(text, "html", "KB") == []


def test_markup_html_stray_end_tags_are_ignored():
    text = "</code></pre>SLA</script>"
    assert _shown(text, "html", "SLA") == [13]


def test_markup_html_raw_text_elements_do_not_parse_tags():
    text = "<script>if (a < b) { x = '</div>' }</script>SLA"
    assert _shown(text, "html", "SLA") == [len(text) - 3]
    text = "<title>SLA <b> KB</title>"
    assert _shown(text, "html", "KB") == [text.index("KB")]


@pytest.mark.parametrize("text", ["SLA <div class='x", "SLA <!-- never closed KB", "SLA <p KB", "SLA </p KB"])
def test_markup_html_unterminated_markup_swallows_the_rest_like_a_browser(text):
    assert _shown(text, "html", "SLA") == [0]
    assert _shown(text, "html", "KB") == []


@pytest.mark.parametrize("text", ["a < b SLA", "x <3 SLA", "a<>b SLA", "1 << 2 SLA", "</ > SLA"])
def test_markup_html_lone_angle_brackets_are_text(text):
    assert _shown(text, "html", "SLA") == [len(text) - 3]


def test_markup_html_ten_thousand_nested_divs():
    text = "<div>" * 10_000 + "SLA" + "</div>" * 10_000
    assert _shown(text, "html", "SLA") == [50_000]


def test_markup_html_unclosed_hidden_element_hides_to_the_end():
    text = "SLA <pre>" + "<div>" * 100 + "KB"
    assert _shown(text, "html", "KB") == []


# --- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "```\nKB\n```\nSLA",
        "~~~python\nKB\n~~~\nSLA",
        "Para\n\n    KB code\n\nSLA",
        "Use `KB` and SLA",
        "Use ``a ` KB`` and SLA",
        "[SLA](https://x/KB)",
        "[SLA](https://x/KB \"KB title\")",
        "[SLA](<https://x/K B>)",
        "[SLA](https://x/(KB)) ok",
        "![SLA](KB.png)",
        "[SLA][KB]",
        "SLA <https://x/KB>",
        "SLA <KB@example.com>",
        "SLA https://x/KB",
        "SLA www.example.com/KB",
        "SLA\n\n[KB]: https://example.com",
        "SLA <span title='KB'>x</span>",
        "SLA <code>KB</code>",
        "SLA <!-- KB -->",
        "SLA\n\n<div>\n<script>\nKB\n</script>\n</div>",
        "- SLA\n\n  ```\n  KB\n  ```",
        "> SLA\n>\n>     KB",
    ],
)
def test_markup_markdown_hides_code_links_and_raw_html(text):
    assert _shown(text, "markdown", "KB") == []
    assert _shown(text, "markdown", "SLA") == [text.index("SLA")]


@pytest.mark.parametrize(
    "text",
    [
        "a <b SLA",  # not a complete tag: literal text in Markdown
        "a <!-- SLA",  # unterminated comment: literal
        "`unclosed SLA",
        "``` SLA `` not code",
        "\\`SLA\\`",
        "- item\n    - nested SLA",  # a nested list, not an indented code block
        "1 < 2 and SLA > 0",
        "**SLA** and _SLA_",
    ],
)
def test_markup_markdown_keeps_what_renders_as_text(text):
    assert _shown(text, "markdown", "SLA") == [i for i in range(len(text)) if text.startswith("SLA", i)]


def test_markup_markdown_front_matter_keeps_title_and_description_only():
    text = "---\ntitle: 'SLA guide'\ndescription: KB rules\nslug: NPS\nSLA: key\n---\nBody"
    out = visible_text(text, "markdown")
    assert "NPS" not in out and "key" not in out and "title" not in out and "---" not in out
    assert out.index("SLA guide") == text.index("SLA guide")
    assert out.index("KB rules") == text.index("KB rules")
    assert out.endswith("Body")


@pytest.mark.parametrize("key", ["sidebar_label", "category", "tags", "summary"])
def test_markup_markdown_front_matter_display_values_are_visible(key):
    text = f"---\n{key}: [SLA, KB]\nimage: /img/NPS.png\n---\n"
    assert len(_shown(text, "markdown", "SLA")) == 1
    assert _shown(text, "markdown", "NPS") == []


def test_markup_markdown_front_matter_keys_can_be_narrowed():
    text = "---\ntitle: SLA\ntags: [KB]\n---\n"
    out = visible_text(text, "markdown", front_matter_keys=("title", "description"))
    assert "SLA" in out and "KB" not in out
    assert "SLA" not in visible_text(text, "markdown", front_matter_keys=())


def test_markup_markdown_mdx_expression_attributes_are_hidden():
    text = "SLA\n\n<img src={require('../img/csat_KB.png').default} alt=\"KB shot\" />\n\nSLA"
    assert _shown(text, "markdown", "KB") == []
    assert len(_shown(text, "markdown", "SLA")) == 2


def test_markup_markdown_mentions_are_prose():
    assert _shown("Zendesk: cc @CSM", "markdown", "CSM") == [13]


@pytest.mark.parametrize(
    "text,words",
    [
        ("|SLA|KB|\n|--|--|\n|CSAT|NPS|", ["SLA", "KB", "CSAT", "NPS"]),
        ("~~SLA~~ now KB", ["SLA", "now", "KB"]),
        ("cc @CSM, then KB", ["cc", "CSM", ",", "then", "KB"]),
    ],
)
def test_markup_markdown_glue_characters_do_not_hide_words(nlp, text, words):
    tokens = [t.text for t in nlp(visible_text(text, "markdown")) if not t.is_space and set(t.text) != {"-"}]
    assert tokens == words


@pytest.mark.parametrize("format", ALL_FORMATS)
@pytest.mark.parametrize("text", ["see ERR_SLA_TIMEOUT", "see sla_KB_breach()", "see #spt_SLA-channel"])
def test_markup_identifiers_are_hidden(format, text):
    out = visible_text(text, format)
    assert out.startswith("see ") and "SLA" not in out and "KB" not in out


@pytest.mark.parametrize("format", ALL_FORMATS)
@pytest.mark.parametrize("text", ["see _SLA_", "see #SLA", "see SLA-KB", "see __SLA__"])
def test_markup_emphasis_and_hashtags_are_not_identifiers(format, text):
    assert "SLA" in visible_text(text, format)


def test_markup_markdown_unclosed_front_matter_is_not_front_matter():
    text = "---\ntitle: SLA\nBody"
    assert _shown(text, "markdown", "title") == [4]


def test_markup_markdown_crlf_line_numbers_survive():
    text = "Para\r\n\r\n```\r\nKB\r\n```\r\nSLA\r\n"
    out = visible_text(text, "markdown")
    assert "KB" not in out and out.index("SLA") == text.index("SLA")
    assert out.count("\r\n") == text.count("\r\n")


def test_markup_markdown_many_unmatched_backticks():
    text = " ".join("`" * n for n in range(1, 200)) + " SLA"
    assert _shown(text, "markdown", "SLA") == [len(text) - 3]


# --- reStructuredText -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SLA ``KB`` x",
        "SLA :ref:`KB` x",
        "SLA :doc:`/a/KB` x",
        "SLA `KB`:term: x",
        "SLA `text <https://x/KB>`_ x",
        "SLA |KB| x",
        "SLA https://x/KB",
        "SLA::\n\n    KB\n\nafter",
        "SLA\n\n::\n\n    KB\n",
        "SLA\n\n.. code-block:: python\n\n   KB\n",
        "SLA\n\n.. _KB: https://example.com\n",
        "SLA\n\n.. |x| replace:: KB\n",
        "SLA\n\n.. a comment about KB\n   still KB\n",
        "SLA\n\n.. image:: KB.png\n   :alt: KB\n",
        "SLA\n\n__ https://example.com/KB\n",
    ],
)
def test_markup_rst_hides_literals_roles_targets_and_directives(text):
    assert _shown(text, "rst", "KB") == []
    assert _shown(text, "rst", "SLA") == [text.index("SLA")]


def test_markup_rst_admonition_text_and_body_are_prose():
    text = ".. note:: SLA first\n   :class: KB\n\n   Then NPS.\n"
    assert _shown(text, "rst", "SLA") == [text.index("SLA")]
    assert _shown(text, "rst", "NPS") == [text.index("NPS")]
    assert _shown(text, "rst", "KB") == []


def test_markup_rst_literal_block_ends_at_dedent():
    text = "Run this::\n\n    KB\n\nSLA again.\n"
    assert _shown(text, "rst", "SLA") == [text.index("SLA")]


# --- headings and sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    "format,text,expected",
    [
        ("markdown", "# The SLA #\n\nBody", ["The SLA"]),
        ("markdown", "Title KB\n===\n\nBody", ["Title KB"]),
        ("markdown", "---\ntitle: \"SLA guide\"\n---\n## Next\n", ["SLA guide", "Next"]),
        ("markdown", "```\n# not a heading\n```", []),
        ("html", "<title>T SLA</title><h1>One</h1><p>x</p><h2 id=a>Two <b>KB</b></h2>", ["T SLA", "One", "Two <b>KB</b>"]),
        ("rst", "SLA Guide\n=========\n\nBody\n\nPart\n----\n", ["SLA Guide", "Part"]),
        ("text", "Title\n\nBody", []),
    ],
)
def test_markup_headings(format, text, expected):
    assert [text[start:end] for start, end in headings(text, format)] == expected


def test_markup_next_sentence_after_a_heading():
    text = "# SLA\n\nA Service Level Agreement sets targets. Then more."
    visible = visible_text(text, "markdown")
    (_, heading_end), = headings(text, "markdown")
    start, end = next_sentence(visible, heading_end)
    assert text[start:end] == "A Service Level Agreement sets targets."
    assert next_sentence(visible, len(text)) is None


def test_markup_next_sentence_stops_at_a_blank_line():
    text = "# KB\n\nno full stop here\n\nNext para."
    start, end = next_sentence(text, 4)
    assert text[start:end] == "no full stop here"


@pytest.mark.parametrize(
    "text,offset,expected",
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\nbc SLA", 5, (2, 4)),
        ("a\r\nb", 3, (2, 1)),
        ("a\rb", 2, (2, 1)),
        ("👍 SLA", 2, (1, 3)),
        ("x\n\n\nSLA", 4, (4, 1)),
    ],
)
def test_markup_line_col(text, offset, expected):
    assert line_col(text, offset) == expected
    assert LineIndex(text).line_col(offset) == expected


def test_markup_line_index_lines():
    index = LineIndex("one\r\ntwo\nthree")
    assert len(index) == 3
    assert [index.line_start(n) for n in (1, 2, 3)] == [0, 5, 9]
    assert [index.line_end(n) for n in (1, 2, 3)] == [3, 8, 14]


@pytest.mark.parametrize(
    "text,format",
    [
        ('<p>Our SLA, see <a href="/sla">the SLA page</a>.</p>', "html"),
        ('Our SLA, see <a href="/sla">the <b>SLA</b> page</a>.', "markdown"),
    ],
)
def test_markup_hide_links_hides_anchor_text_only_when_asked(text, format):
    first, second = text.index("SLA"), text.index("SLA", text.index("<a"))
    shown = visible_text(text, format)
    hidden = visible_text(text, format, hide_links=True)
    assert len(hidden) == len(text)
    assert shown[second : second + 3] == "SLA"  # the linter counts link text as prose
    assert hidden[second : second + 3] == "   "  # annotation never puts a tooltip in a link
    assert hidden[first : first + 3] == shown[first : first + 3] == "SLA"
