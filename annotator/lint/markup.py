"""Visible prose of an article: the markup engine's ``visible_text`` plus lint extras.

:func:`visible` returns a string of the same length as the input in which everything that is
not visible prose is replaced by spaces (line breaks are kept, so lines and columns survive).
The markup engine (``annotator.text.markup``) does Markdown and HTML for the whole product;
the linter also needs reStructuredText and a few things only articles have (front matter,
static-site shortcodes), which live here.
"""

from __future__ import annotations

import re

_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]\"'`]+|\bwww\.[^\s<>()\[\]\"'`]+|\bmailto:[^\s<>]+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def blank(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with every character but line breaks turned into spaces."""
    return re.sub(r"[^\r\n]", " ", text[start:end])


def _mask(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _mask_matches(chars: list[str], text: str, pattern: re.Pattern, group: int | str = 0) -> None:
    for match in pattern.finditer(text):
        _mask(chars, match.start(group), match.end(group))


# --- front matter -----------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_FM_LINE = re.compile(r"^([ \t]*[\w.-]+[ \t]*:)([^\n]*)$", re.MULTILINE)
#: Front-matter keys whose values a reader sees (page title, summary).
VISIBLE_KEYS = frozenset({"title", "description", "summary", "subtitle"})


def mask_front_matter(chars: list[str], text: str) -> int:
    """Blank a leading YAML block except the values of visible keys; returns its end offset."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return 0
    _mask(chars, 0, match.end())
    for line in _FM_LINE.finditer(text, match.start(1), match.end(1)):
        key = line.group(1).strip().rstrip(":").strip().lower()
        if key in VISIBLE_KEYS:
            for i in range(line.start(2), line.end(2)):
                chars[i] = text[i]
    return match.end()


# --- Markdown (fallback and extras) ---------------------------------------------------------------
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\2[`~]*[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_TARGET = re.compile(r"\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?)\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_REF_LINK = re.compile(r"\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
_SHORTCODE = re.compile(r"\{\{[%<].*?[%>]\}\}", re.DOTALL)
_MD_PUNCT = re.compile(r"[\[\]]")


def _markdown(text: str) -> str:
    chars = list(text)
    mask_front_matter(chars, text)
    for pattern in (_FENCE, _INLINE_CODE, _IMAGE, _REF_DEF, _REF_LINK, _AUTOLINK, _SHORTCODE):
        _mask_matches(chars, text, pattern)
    _mask_matches(chars, text, _LINK_TARGET, 1)
    masked = "".join(chars)
    return _html(masked, keep_text=True)


# --- HTML ----------------------------------------------------------------------------------------
_HTML_HIDDEN = re.compile(
    r"<(script|style|code|pre|kbd|samp|textarea|template)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*?(?:\{[^{}]*\}[^<>]*?)*/?>|<![^>]*>|<\?.*?\?>", re.DOTALL)
_HTML_NO_GLOSSARY = re.compile(
    r"<(\w+)\b[^>]*\bdata-no-glossary\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def _html(text: str, keep_text: bool = False) -> str:
    chars = list(text)
    for pattern in (_HTML_COMMENT, _HTML_HIDDEN, _HTML_NO_GLOSSARY, _HTML_TAG, _ENTITY):
        _mask_matches(chars, text, pattern)
    return "".join(chars)


# --- reStructuredText ---------------------------------------------------------------------------
_RST_ROLE = re.compile(r":[\w+.-]+:`[^`]*`|`[^`]*`:[\w+.-]+:")
_RST_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_RST_LINK = re.compile(r"`([^`<]*?)\s*<([^`>]*)>`_{1,2}")
_RST_INTERPRETED = re.compile(r"`[^`]+`_{0,2}")
_RST_DIRECTIVE = re.compile(r"^([ \t]*)\.\.[ \t]+([\w:-]+)::[^\n]*$", re.MULTILINE)
_RST_COMMENT = re.compile(r"^([ \t]*)\.\.(?:[ \t][^\n]*)?$", re.MULTILINE)
_RST_OPTION = re.compile(r"^[ \t]+:[\w-]+:[^\n]*$", re.MULTILINE)
_RST_SUBST = re.compile(r"\|[^|\n]+\|_{0,2}")
#: Directives whose body is code or data, never prose.
_RST_CODE_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "literalinclude", "highlight", "raw", "math", "csv-table",
     "include", "image", "toctree", "mermaid", "graphviz"}
)


def _indented_block_end(text: str, start: int, indent: int) -> int:
    """End offset of the block of lines after ``start`` indented deeper than ``indent``."""
    pos = start
    end = start
    length = len(text)
    while pos < length:
        nl = text.find("\n", pos)
        line_end = length if nl < 0 else nl
        line = text[pos:line_end]
        if line.strip():
            if len(line) - len(line.lstrip(" \t")) <= indent:
                break
            end = line_end
        pos = line_end + 1
    return end


def _rst(text: str) -> str:
    chars = list(text)
    for match in _RST_DIRECTIVE.finditer(text):
        indent = len(match.group(1))
        _mask(chars, match.start(), match.end())
        if match.group(2).lower() in _RST_CODE_DIRECTIVES:
            _mask(chars, match.end(), _indented_block_end(text, match.end(), indent))
    for match in _RST_COMMENT.finditer(text):
        if "::" in match.group(0):
            continue
        indent = len(match.group(1))
        _mask(chars, match.start(), _indented_block_end(text, match.end(), indent))
    # "Paragraph::" introduces a literal block: mask the indented lines after it.
    for match in re.finditer(r"::[ \t]*\r?\n", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        indent = len(text[line_start:]) - len(text[line_start:].lstrip(" \t"))
        if _RST_DIRECTIVE.match(text, line_start):
            continue
        _mask(chars, match.start(), match.start() + 2)
        _mask(chars, match.end(), _indented_block_end(text, match.end(), indent))
    for pattern in (_RST_OPTION, _RST_ROLE, _RST_LITERAL, _RST_SUBST):
        _mask_matches(chars, "".join(chars) if pattern is _RST_OPTION else text, pattern)
    for match in _RST_LINK.finditer(text):
        _mask(chars, match.start(2) - 1, match.end())
        _mask(chars, match.start(), match.start(1))
    masked = "".join(chars)
    chars = list(masked)
    for match in _RST_INTERPRETED.finditer(masked):
        # `text`_ reference: the text is visible, the backticks and underscores are not.
        chars[match.start()] = " "
        for i in range(match.end() - 1, match.start(), -1):
            if masked[i] in "`_":
                chars[i] = " "
            else:
                break
    return "".join(chars)


def _plain(text: str) -> str:
    return text


_ENGINES = {"markdown": _markdown, "html": _html, "rst": _rst, "text": _plain}


def visible(text: str, format: str) -> str:
    """Same-length ``text`` with only visible prose left (see the module docstring)."""
    masked = _ENGINES[format](text)
    chars = list(masked)
    for pattern in (_URL, _EMAIL):
        _mask_matches(chars, masked, pattern)
    out = "".join(chars)
    assert len(out) == len(text)
    return out
