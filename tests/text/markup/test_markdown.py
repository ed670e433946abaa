"""annotator.text.markup.markdown: code, links, raw HTML, front matter and glue characters."""

from __future__ import annotations

import pytest

from annotator.text.markup import visible_text


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
def test_markdown_hides_code_links_and_raw_html(text, shown):
    assert shown(text, "markdown", "KB") == []
    assert shown(text, "markdown", "SLA") == [text.index("SLA")]


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
def test_markdown_keeps_what_renders_as_text(text, shown):
    assert shown(text, "markdown", "SLA") == [i for i in range(len(text)) if text.startswith("SLA", i)]


def test_markdown_front_matter_keeps_title_and_description_only():
    text = "---\ntitle: 'SLA guide'\ndescription: KB rules\nslug: NPS\nSLA: key\n---\nBody"
    out = visible_text(text, "markdown")
    assert "NPS" not in out and "key" not in out and "title" not in out and "---" not in out
    assert out.index("SLA guide") == text.index("SLA guide")
    assert out.index("KB rules") == text.index("KB rules")
    assert out.endswith("Body")


@pytest.mark.parametrize("key", ["sidebar_label", "category", "tags", "summary"])
def test_markdown_front_matter_display_values_are_visible(key, shown):
    text = f"---\n{key}: [SLA, KB]\nimage: /img/NPS.png\n---\n"
    assert len(shown(text, "markdown", "SLA")) == 1
    assert shown(text, "markdown", "NPS") == []


def test_markdown_front_matter_keys_can_be_narrowed():
    text = "---\ntitle: SLA\ntags: [KB]\n---\n"
    out = visible_text(text, "markdown", front_matter_keys=("title", "description"))
    assert "SLA" in out and "KB" not in out
    assert "SLA" not in visible_text(text, "markdown", front_matter_keys=())


def test_markdown_mdx_expression_attributes_are_hidden(shown):
    text = "SLA\n\n<img src={require('../img/csat_KB.png').default} alt=\"KB shot\" />\n\nSLA"
    assert shown(text, "markdown", "KB") == []
    assert len(shown(text, "markdown", "SLA")) == 2


def test_markdown_mentions_are_prose(shown):
    assert shown("Zendesk: cc @CSM", "markdown", "CSM") == [13]


@pytest.mark.parametrize(
    "text,words",
    [
        ("|SLA|KB|\n|--|--|\n|CSAT|NPS|", ["SLA", "KB", "CSAT", "NPS"]),
        ("~~SLA~~ now KB", ["SLA", "now", "KB"]),
        ("cc @CSM, then KB", ["cc", "CSM", ",", "then", "KB"]),
    ],
)
def test_markdown_glue_characters_do_not_hide_words(nlp, text, words):
    tokens = [t.text for t in nlp(visible_text(text, "markdown")) if not t.is_space and set(t.text) != {"-"}]
    assert tokens == words


@pytest.mark.parametrize(
    "text,expected",
    [
        ("@CSM ok", " CSM ok"),  # at the very start
        ("(@CSM)", "( CSM)"),
        ("a@CSM", "a@CSM"),  # glued to a word, a dot or another "@": no mention
        ("é@CSM", "é@CSM"),
        (".@CSM", ".@CSM"),
        ("@@CSM", "@@CSM"),
        ("x @ y", "x @ y"),
        ("|a|~~b~~|", " a   b   "),
    ],
)
def test_markdown_glue_characters_blanked(text, expected):
    assert visible_text(text, "markdown") == expected


def test_markdown_unclosed_front_matter_is_not_front_matter(shown):
    text = "---\ntitle: SLA\nBody"
    assert shown(text, "markdown", "title") == [4]


def test_markdown_crlf_line_numbers_survive():
    text = "Para\r\n\r\n```\r\nKB\r\n```\r\nSLA\r\n"
    out = visible_text(text, "markdown")
    assert "KB" not in out and out.index("SLA") == text.index("SLA")
    assert out.count("\r\n") == text.count("\r\n")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("``a`b`` `c` SLA", "            SLA"),  # a shorter run inside does not close it
        ("`a`` SLA ``b` KB", "              KB"),  # each opener takes the next run of its length
        ("`` a ` SLA", "`` a ` SLA"),  # no closer of either length: literal
        # an escaped backslash, then a code span; a backslash in code is literal code
        ("a\\\\``b`` `c\\` SLA", "a \\           SLA"),
    ],
)
def test_markdown_code_span_pairing(text, expected):
    assert visible_text(text, "markdown") == expected


def test_markdown_many_unmatched_backticks(shown):
    text = " ".join("`" * n for n in range(1, 200)) + " SLA"
    assert shown(text, "markdown", "SLA") == [len(text) - 3]


# --- backslash escapes (CommonMark: the backslash is markup, the character it escapes is text) --


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Average Handle Time \\(AHT\\) rose", "Average Handle Time  (AHT ) rose"),
        ("\\[SLA\\] and \\*KB\\* and \\_CSAT\\_", " [SLA ] and  *KB * and  _CSAT _"),
        ("\\#1 \\- \\. \\! \\? \\{x\\} \\~ \\^ \\= \\+ \\, \\/ \\: \\; \\' \\\" \\$ \\%",
         " #1  -  .  !  ?  {x }  ~  ^  =  +  ,  /  :  ;  '  \"  $  %"),
        ("a \\\\(b) c", "a  \\(b) c"),  # an escaped backslash escapes nothing after it
        ("a \\\\\\(b)", "a  \\ (b)"),
        ("\\SLA \\é \\ x \\1", "\\SLA \\é \\ x \\1"),  # before a non-punctuation character: literal
        ("SLA\\", "SLA\\"),  # the end of the text: literal
        ("SLA\\\nKB", "SLA \nKB"),  # hard line break
        ("SLA\\\r\nKB", "SLA \r\nKB"),
        ("> SLA\\\n> KB", "  SLA \n  KB"),
        ("SLA\\\n\nKB", "SLA\\\n\nKB"),  # at the end of a paragraph: literal
        ("# SLA\\\n\nKB", "# SLA\\\n\nKB"),  # at the end of a heading: literal
        ("SLA\\\nKB\n===", "SLA \nKB\n==="),  # inside a setext heading
        ("Use `a\\(b` and SLA", "Use        and SLA"),  # no escapes in code spans
        ("```\n\\(SLA\\)\n```\nKB", "   \n       \n   \nKB"),  # nor in code blocks
        ("\\`SLA` KB", " `SLA` KB"),  # an escaped backtick opens no code span
        ("\\\\`SLA` KB", " \\      KB"),  # an escaped backslash does not escape the backtick
        ("\\<b>SLA\\</b>", " <b>SLA </b>"),  # no tag
        ("\\&amp; SLA &amp;", " &amp; SLA &    "),  # no character reference
        ("<div>\n\\(SLA\\)\n</div>", "     \n\\(SLA\\)\n      "),  # raw HTML block: literal
        ("see ERR\\_SLA\\_TIMEOUT now", "see                   now"),  # an identifier
        ("[KB](https://x/a\\)b) \\[SLA\\]", "[KB                   [SLA ]"),
    ],
    ids=[
        "parentheses", "brackets-emphasis", "all-punctuation", "escaped-backslash",
        "escaped-backslash-then-escape", "not-punctuation", "end-of-text", "hard-break",
        "hard-break-crlf", "hard-break-quote", "end-of-paragraph", "end-of-heading", "setext",
        "code-span", "code-block", "escaped-backtick", "escaped-backslash-backtick", "no-tag",
        "no-reference", "html-block", "identifier", "link-target",
    ],
)
def test_markdown_backslash_escapes_render_as_commonmark(text, expected, check_contract):
    out = visible_text(text, "markdown")
    assert out == expected
    check_contract(text, out, "markdown")


def test_markdown_escapes_keep_the_escaped_word_at_its_offsets(shown):
    text = "Average Handle Time \\(AHT\\) and \\*\\*AHT\\*\\*"
    assert shown(text, "markdown", "AHT") == [22, 36]
    assert shown(text, "markdown", "Average Handle Time") == [0]


def test_markdown_many_backslashes_stay_linear(shown):
    text = "\\" * 20000 + "(SLA) " + "\\(" * 10000 + " SLA"
    assert shown(text, "markdown", "SLA") == [20001, len(text) - 3]
