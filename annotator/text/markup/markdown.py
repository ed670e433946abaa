"""Markdown (format ``markdown``): CommonMark plus front matter, GFM tables and MDX attributes.

Hidden: front matter (the ``---`` block at the top: keys, delimiters and every value except
those of the requested front-matter keys such as ``title``, ``description``, ``sidebar_label``
or ``tags``, which readers see), fenced and indented code blocks, inline code, link and image
targets (``[text](target "title")``, ``[text][ref]``; the link text and the image's alt text
stay visible), reference definitions (``[x]: http://...``), autolinks, bare URLs, e-mails and
identifiers, raw HTML tags and comments (MDX ``{expression}`` attribute values included; the
content of ``<code>``, ``<script>`` ... follows the HTML rules), and the backslash of each
backslash escape (see below). Table pipes, ``~~`` and the ``@`` of a mention are blanked because
the tokenizer would glue them to the word next to them (``|SLA|KB|`` is one token); the mention
itself stays visible (in articles it names a role: "cc @CSM"). A blockquote's ``>`` is hidden on
every line, so a term its lines split is read whole (:mod:`.quotes`). Heading and emphasis
markers are kept: they are punctuation the tokenizer splits off.

Backslash escapes follow CommonMark: in a paragraph or heading, a backslash before an ASCII
punctuation character renders as that character alone (``Average Handle Time \\(AHT\\)`` reads
"Average Handle Time (AHT)"), so the backslash is hidden and the character stays, with the same
offsets; an escaped character has no Markdown meaning (an escaped backtick opens no code span,
``\\<b>`` is no tag, ``\\&amp;`` no character reference, ``snake\\_case`` is an identifier).
A backslash at the end of a line that the paragraph continues after is a hard line break,
hidden too. A backslash before anything else (a letter, a space, the end of a block) is a
literal backslash, and escapes do not work inside code spans, code blocks, autolinks or raw
HTML (all hidden).

markdown-it-py finds the block structure (code blocks, headings, paragraphs); everything inline
is found here, on offsets into the original.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator

from .front_matter import find_front_matter, header_keys, prose_values
from .html import hidden_for, hide_html
from .lines import LineIndex
from .mask import Mask, Masked, MaskOptions, Span, blank, hide_all
from .paragraphs import plain_paragraphs
from .plain import hide_plain
from .quotes import hide_quote_markers

_BACKTICKS = re.compile(r"`++")
_LINK_TARGET = re.compile(
    r"""\]\(\s*+(?:<[^<>\n]*+>|(?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.)*+\))*+)"""
    r"""(?:\s++(?:"[^"]*+"|'[^']*+'|\([^()]*+\)))?+\s*+\)"""
)
# Markup characters the tokenizer does not split off a word: table pipes ("|SLA|KB|" is one
# token), strikethrough markers ("~~SLA~~") and the "@" of a mention ("@CSM" names a role;
# the word after it is prose). Every alternative starts with its literal character (the
# mention's lookbehind is read after the "@"), so the regex engine skips to those characters
# instead of trying the lookbehind at every position.
_MD_GLUE = re.compile(r"\||~~|@(?<![\w@.]@)(?=\w)")
_REFERENCE_LINK = re.compile(r"\]\[[^\[\]\n]{0,999}+\]")
_REFERENCE_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[(?:[^\[\]\\\n]|\\.){1,999}+\]:[ \t]*+\S[^\n]*+", re.MULTILINE
)
#: What a backslash escapes in CommonMark: exactly the ASCII punctuation characters.
_ESCAPABLE = frozenset(string.punctuation)
# Escaped characters that would otherwise start HTML markup (a tag, a character reference).
_HTML_STARTS = frozenset("<&")
# An identifier written with escaped underscores (``ERR\_SLA\_TIMEOUT`` renders as
# ``ERR_SLA_TIMEOUT``); the plain-text pass finds the unescaped ones.
_ESCAPED_IDENTIFIER = re.compile(r"(?<![\w\\])[A-Za-z0-9]++(?:\\?+_[A-Za-z0-9]++)++(?!\w)")


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    # Only the block structure is needed (code blocks, headings, paragraphs); inline parsing is
    # done here, with offsets.
    parser.core.ruler.enableOnly(["normalize", "block"])
    return parser


def _front_matter(mask: Mask, text: str, keys: tuple[str, ...]) -> tuple[int, list[Span]]:
    """Hide the YAML front matter except the values of ``keys`` (or, with none, the keys of a
    header of ``Key: value`` lines).

    Returns (end of the closing delimiter or 0, ranges of the title values, as headings).
    """
    found = find_front_matter(text)
    if found is None:
        for start, end in header_keys(text):  # the same record as "Key: value" lines
            mask.hide(start, end)
        return 0, []
    mask.hide(0, found.close_end)
    titles = []
    for key, start, stop in prose_values(text, found, keys):
        mask.show(start, stop)
        if key == "title":
            titles.append((start, stop))
    return found.close_end, titles


def _code_spans(mask: Mask, text: str, start: int, end: int) -> None:
    """Hide inline code spans in ``text[start:end]`` (one paragraph or heading).

    A code span opens with a run of N backticks and closes at the next run of exactly N. Each
    run's next run of the same length is found in one backward pass, so the whole pass stays
    linear even with thousands of unmatched runs.
    """
    runs = [m.span() for m in _BACKTICKS.finditer(text, start, end)]
    following = [-1] * len(runs)  # index of the next run of the same length, or -1
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        run_start, run_end = runs[index]
        length = run_end - run_start
        following[index] = last.get(length, -1)
        last[length] = index
    index = 0
    while index < len(runs):
        closer = following[index]
        run_start = runs[index][0]
        # Only a run right after a backslash can be escaped: the common case skips the count.
        after_backslash = run_start > start and text[run_start - 1] == "\\"
        if closer == -1 or (after_backslash and _escaped(text, run_start, start)):
            index += 1
            continue
        mask.hide(run_start, runs[closer][1])
        index = closer + 1


def _escaped(text: str, position: int, start: int) -> bool:
    """True if ``text[position]`` is backslash-escaped: an odd run of backslashes before it
    (``\\\\`` is an escaped backslash, so the character after it is not escaped)."""
    run = position
    while run > start and text[run - 1] == "\\":
        run -= 1
    return (position - run) % 2 == 1


def _escapes(mask: Mask, text: str, start: int, end: int) -> list[int]:
    """The backslashes in ``text[start:end]`` (one paragraph or heading's inline content) that
    do not render: each one that escapes the next character, and each hard line break.

    Left to right, as CommonMark reads them: an escaped backslash escapes nothing after it. A
    backslash already hidden (in a code span) is literal code, not an escape.
    """
    found: list[int] = []
    position = text.find("\\", start, end)
    while position != -1:
        after = position + 1
        following = text[after] if after < end else ""
        if mask.flags[position]:
            pass  # code: the backslash is literal and escapes nothing
        elif following in _ESCAPABLE:
            found.append(position)
            after += 1  # the escaped character is literal, whatever it is
        elif following in ("\r", "\n"):
            # A hard line break only where the inline content goes on after the line break;
            # at the end of a paragraph or heading the backslash is literal.
            next_line = after + (2 if text.startswith("\r\n", after) else 1)
            if next_line < end:
                found.append(position)
        position = text.find("\\", after, end)
    return found


def _without_html_starts(work: str, escapes: list[int]) -> str:
    """``work`` with each escaped ``<`` and ``&`` blanked, so the HTML pass sees no tag or
    character reference there (the mask itself keeps them visible: they render literally)."""
    chars = None
    for backslash in escapes:
        if work[backslash + 1 : backslash + 2] in _HTML_STARTS:
            chars = chars if chars is not None else list(work)
            chars[backslash + 1] = " "
    return work if chars is None else "".join(chars)


def _escaped_identifiers(mask: Mask, work: str, escapes: list[int]) -> None:
    """Hide identifiers written with escaped underscores (``ERR\\_SLA\\_TIMEOUT``)."""
    escaped_underscores = {b for b in escapes if work[b + 1 : b + 2] == "_"}
    if not escaped_underscores:
        return
    for match in _ESCAPED_IDENTIFIER.finditer(work):
        backslashes = [match.start() + i for i, char in enumerate(match.group()) if char == "\\"]
        # Every backslash in it escapes its underscore (in raw HTML one would be literal).
        if backslashes and all(b in escaped_underscores for b in backslashes):
            mask.hide(*match.span())


def _blocks(source: str) -> Iterator[tuple[str, int, int, str]]:
    """``(type, first line, line after the last, markup)`` of each block token of ``source``
    with lines; a text of paragraphs only is read without the parser (see paragraphs.py)."""
    paragraphs = plain_paragraphs(source)
    if paragraphs is not None:
        return (("inline", first, last, "") for first, last in paragraphs)
    return ((token.type, *token.map, token.markup) for token in _parser().parse(source) if token.map is not None)


def mask_markdown(text: str, options: MaskOptions) -> Masked:
    """The ``markdown`` format; headings are ATX and setext headings plus the front-matter
    ``title``."""
    mask = Mask(text)
    lines = LineIndex(text)
    front_end, headings = _front_matter(mask, text, options.front_matter_keys)
    # markdown-it sees the front matter as blank lines, so line numbers still match.
    source = blank(text[:front_end]) + text[front_end:] if front_end else text
    inline: list[Span] = []
    for kind, first, last, markup in _blocks(source):
        start, end = lines.line_start(first + 1), lines.line_start(last + 1)
        if kind in ("fence", "code_block"):
            mask.hide(start, end)
        elif kind == "inline":
            _code_spans(mask, source, start, end)
            inline.append((start, end))
        elif kind == "heading_open":
            headings.append(_heading_content(text, lines, first, last, markup))
    # Escapes are read once the code spans are known (a backslash in code is literal) and
    # before the other passes, which must not take an escaped character for markup.
    escapes = [backslash for start, end in inline for backslash in _escapes(mask, source, start, end)]
    work = mask.work_copy()
    hide_all(mask, _REFERENCE_DEFINITION, work)
    hide_all(mask, _LINK_TARGET, work)
    hide_all(mask, _REFERENCE_LINK, work)
    hide_plain(mask, work)
    hide_quote_markers(mask, work)  # a blockquote's ">" on each line
    _escaped_identifiers(mask, work, escapes)
    html_work = _without_html_starts(mask.work_copy(), escapes)
    hide_html(mask, html_work, markdown=True, hidden_elements=hidden_for(options))
    hide_all(mask, _MD_GLUE, mask.work_copy())
    for backslash in escapes:
        mask.hide(backslash, backslash + 1)
    return Masked(mask, sorted(headings))


_ATX = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")


def _heading_content(text: str, lines: LineIndex, first: int, last: int, markup: str) -> Span:
    if markup.startswith("#"):
        start, end = lines.line_start(first + 1), lines.line_end(first + 1)
        opener = _ATX.match(text, start, end)
        if opener:
            start = opener.end()
        closer = _ATX_CLOSE.search(text, start, end)
        if closer:
            end = closer.start()
        return start, max(start, end)
    # Setext: the text lines above the underline.
    start, end = lines.line_start(first + 1), lines.line_end(last - 1)
    while start < end and text[start] in " \t":
        start += 1
    return start, end
