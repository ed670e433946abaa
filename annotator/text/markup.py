"""Visible prose of plain text, Markdown, HTML and reStructuredText, at the original offsets.

:func:`visible_text` returns a string of exactly the same length as its input in which
everything that is not visible prose is replaced by spaces. Newlines (``\\n``, ``\\r``) are
kept, so line numbers and columns computed on the result are those of the original, and a masked
region always becomes whitespace, so no word is glued to another. Every character that is not
blanked is the original character, with one exception: an HTML character reference in visible
text (``&lt;``, ``&#169;``) is replaced by the character it stands for, written at the position
of the ``&`` and followed by spaces, so the words around it keep their offsets
(``"&lt;SLA&gt;"`` -> ``"<   SLA>   "``).

What is masked, per format:

``text``
    URLs (``https://``, ``ftp://``, ``www.``, ``mailto:``), e-mail addresses, ``@handles`` and
    identifiers (``snake_case`` names such as ``ERR_SLA_TIMEOUT``, channel names such as
    ``#spt_knowledge-base``).
``markdown``
    Front matter (the ``---`` block at the top: keys, delimiters and every value except those
    of :data:`FRONT_MATTER_PROSE_KEYS` such as ``title``, ``description``, ``sidebar_label`` or
    ``tags``, which readers see), fenced and indented code blocks, inline code, link and image
    targets (``[text](target "title")``, ``[text][ref]``; the link text and the image's alt
    text stay visible), reference definitions (``[x]: http://...``), autolinks, bare URLs,
    e-mails and identifiers, raw HTML tags and comments (MDX ``{expression}`` attribute values
    included; the content of ``<code>``, ``<script>`` ... follows the HTML rules below).
    Table pipes, ``~~`` and the ``@`` of a mention are blanked because the tokenizer would glue
    them to the word next to them (``|SLA|KB|`` is one token); the mention itself stays visible
    (in articles it names a role: "cc @CSM"). Heading and emphasis markers are kept: they are
    punctuation the tokenizer splits off.
``html``
    Tags with all their attributes, comments, doctypes and processing instructions, and the whole
    content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``textarea``,
    ``svg``, ``math``, ``template``, ``noscript``, ``iframe`` and ``object`` elements, and of any
    element with a ``data-no-glossary``, ``hidden`` or ``contenteditable="false"`` attribute.
    In the text, URLs, e-mails and identifiers as for ``text``.
    The *text* of links (``<a>``) is visible prose by default (the linter counts it as a use;
    only the ``href`` is masked); with ``hide_links=True``, which the API and the batch tagger
    use, it is hidden too, like the widget skips anchors: a tooltip never sits inside a link.
``rst`` (for the linter; not one of the API's :data:`FORMATS`)
    Literal blocks (``::`` then an indented block), ``code-block``/``code``/``sourcecode``/
    ``literalinclude``/``raw``/``math`` directives with their bodies, every directive line
    except the text of admonitions (``.. note:: text``), directive options, comments, hyperlink
    targets (``.. _x: url``, ``__ url``), substitution definitions and references, inline
    literals (````x````), roles (``:ref:`x```, ```x`:doc:``), embedded link targets
    (```text <url>`_``), URLs and e-mails.

HTML is parsed with a small linear scanner written for this module rather than
``html.parser``: the standard library parser re-scans to the end of the input for every
unterminated tag, so ``"<x " * 20000`` takes ~20 s and ``'<a b="' * 10000`` ~5 s. The scanner
follows the browser where it matters for visibility: an unterminated tag or comment swallows the
rest of the document (in HTML; in Markdown such text is literal), end tags close the most
recent open element of that name and everything opened inside it (misnested ``<b>SLA <i>x</b>
y</i>`` keeps all of its text visible), end tags with no open element are ignored, and it keeps
no tree, only a stack, so 10,000 nested ``div``\\ s cost nothing special. It never raises.

Every function here is linear in the length of the input and never raises on arbitrary text.
"""

from __future__ import annotations

import functools
import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from ..errors import InputError

#: The formats the API and the service accept.
FORMATS = ("text", "markdown", "html")

#: Formats :func:`visible_text` accepts: the API's plus reStructuredText for the linter.
ALL_FORMATS = (*FORMATS, "rst")

# --------------------------------------------------------------------------------------------
# Lines and columns
# --------------------------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line/column look-ups for one document, built once in a single pass.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (as editors count them). Lines and columns are
    1-based; a column counts code points from the start of the line.

    >>> index = LineIndex("a\\nbc SLA")
    >>> index.line_col(5)
    (2, 4)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def __len__(self) -> int:
        return len(self.starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line`` (the text's end past the last)."""
        if line - 1 >= len(self.starts):
            return len(self.text)
        return self.starts[max(line - 1, 0)]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of 1-based ``line``, before its line break."""
        start = self.line_start(line)
        match = _NEWLINE.search(self.text, start)
        return match.start() if match else len(self.text)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of ``offset`` in ``text``; use :class:`LineIndex` for many."""
    return LineIndex(text).line_col(offset)


# --------------------------------------------------------------------------------------------
# The mask: one byte per character (1 = not visible) plus entity replacements
# --------------------------------------------------------------------------------------------

_NOT_NEWLINE = re.compile(r"[^\r\n]")
_MASKED_RUN = re.compile(rb"\x01+")


class _Mask:
    def __init__(self, text: str) -> None:
        self.text = text
        self.flags = bytearray(len(text))
        self.replacements: dict[int, str] = {}

    def hide(self, start: int, end: int) -> None:
        if end > start:
            self.flags[start:end] = b"\x01" * (end - start)

    def show(self, start: int, end: int) -> None:
        if end > start:
            self.flags[start:end] = bytes(end - start)

    def replace(self, start: int, raw: str, decoded: str) -> None:
        # The decoded character goes where the "&" was; the rest of the reference is padded.
        decoded = decoded[: len(raw)]
        self.replacements[start] = decoded + " " * (len(raw) - len(decoded))

    def work_copy(self) -> str:
        """The text with everything hidden so far blanked (for the next masking pass)."""
        return self.render(with_replacements=False)

    def render(self, with_replacements: bool = True) -> str:
        text = self.text
        parts: list[str] = []
        position = 0
        for run in _MASKED_RUN.finditer(self.flags):
            start, end = run.span()
            parts.append(text[position:start])
            parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
            position = end
        parts.append(text[position:])
        result = "".join(parts)
        if with_replacements and self.replacements:
            chars = list(result)
            for start, value in self.replacements.items():
                if not any(self.flags[start : start + len(value)]):
                    chars[start : start + len(value)] = value
            result = "".join(chars)
        return result


# --------------------------------------------------------------------------------------------
# Pieces shared by every format: URLs, e-mails, handles
# --------------------------------------------------------------------------------------------

# Plain-text masking is driven by anchors found with ``str.find`` ("://", "www.", "@", "_",
# "#"), each examined with a small anchored regex or a bounded backward scan: far cheaper than
# running lookbehind-led regexes over every position of a long text, and still linear (every
# backward scan stops at the previous anchor's territory).
_SCHEME_BEFORE = re.compile(r"(?:https?|ftps?|sftp|ssh|file)\Z", re.IGNORECASE)
_URL_REST = re.compile(r"[^\s<>\"'`]*+")
_URL_PREFIXES = ("www.", "WWW.", "Www.", "mailto:", "MAILTO:", "Mailto:")
_EMAIL_LOCAL_CHARS = frozenset(".+%-_")
_EMAIL_DOMAIN = re.compile(r"[\w-]++(?:\.[\w-]++)++")
_HANDLE_REST = re.compile(r"[A-Za-z0-9_](?:[\w-]|\.(?=\w))*+")
# Identifiers: snake_case names (ERR_SLA_TIMEOUT, csat_reports) and channel names
# (#spt_knowledge-base). Markdown emphasis (_SLA_) and hashtags (#CX) are not identifiers.
_SNAKE_CASE = re.compile(r"[A-Za-z0-9]++(?:_[A-Za-z0-9]++)++")
_IDENTIFIER_RUN = re.compile(r"[A-Za-z0-9_]*+")
_CHANNEL = re.compile(r"#[A-Za-z0-9]++(?:[_-][A-Za-z0-9]++)++")
_MAX_EMAIL_LOCAL = 256


def _hide_all(mask: _Mask, pattern: re.Pattern, text: str) -> None:
    for match in pattern.finditer(text):
        mask.hide(*match.span())


def _occurrences(text: str, needle: str) -> Iterator[int]:
    position = text.find(needle)
    while position != -1:
        yield position
        position = text.find(needle, position + 1)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _starts_word(text: str, position: int, also: str = "") -> bool:
    """True if nothing word-like (a word character or one of ``also``) precedes ``position``."""
    return position == 0 or not (_is_word_char(text[position - 1]) or text[position - 1] in also)


def _plain(mask: _Mask, text: str, *, handles: bool = False) -> None:
    """Hide URLs, e-mail addresses, identifiers and (``handles=True``) @handles."""
    # URLs: a known scheme right before "://", or "www." / "mailto:" starting a word.
    # (`covered` skips anchors inside a URL already hidden, so "http://" * 5000 stays linear.)
    covered = 0
    for colon in _occurrences(text, "://"):
        if colon < covered:
            continue
        scheme = _SCHEME_BEFORE.search(text, max(0, colon - 5), colon)
        if scheme and _starts_word(text, scheme.start(), "@."):
            covered = _URL_REST.match(text, colon + 3).end()
            mask.hide(scheme.start(), covered)
    for prefix in _URL_PREFIXES:
        covered = 0
        for start in _occurrences(text, prefix):
            if start >= covered and _starts_word(text, start, "@."):
                covered = _URL_REST.match(text, start + len(prefix)).end()
                mask.hide(start, covered)
    for at in _occurrences(text, "@"):
        # E-mail: a local part right before "@" (scanned backwards, bounded) and a dotted domain.
        start = at
        while start > max(0, at - _MAX_EMAIL_LOCAL) and (
            _is_word_char(text[start - 1]) or text[start - 1] in _EMAIL_LOCAL_CHARS
        ):
            start -= 1
        domain = _EMAIL_DOMAIN.match(text, at + 1) if start < at else None
        if domain and _starts_word(text, start, ".+%-"):
            mask.hide(start, domain.end())
        elif handles and _starts_word(text, at, "@./"):
            handle = _HANDLE_REST.match(text, at + 1)
            if handle:
                mask.hide(at, handle.end())
    covered = 0
    for underscore in _occurrences(text, "_"):
        if underscore < covered:
            continue
        start = underscore
        while start > 0 and text[start - 1].isascii() and _is_word_char(text[start - 1]):
            start -= 1
        end = _IDENTIFIER_RUN.match(text, underscore).end()
        covered = end
        if (
            _SNAKE_CASE.fullmatch(text, start, end)
            and _starts_word(text, start, "#&")
            and (end == len(text) or not _is_word_char(text[end]))
        ):
            mask.hide(start, end)
    for hash_sign in _occurrences(text, "#"):
        if _starts_word(text, hash_sign, "#&"):
            channel = _CHANNEL.match(text, hash_sign)
            if channel and (channel.end() == len(text) or not _is_word_char(text[channel.end()])):
                mask.hide(hash_sign, channel.end())


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

#: Elements whose whole content is not prose.
HIDDEN_ELEMENTS = frozenset(
    {
        "script", "style", "code", "pre", "kbd", "samp", "textarea", "svg", "math",
        "template", "noscript", "iframe", "object",
    }
)  # fmt: skip
#: Added to the hidden elements when links are not prose (``hide_links=True``): the service and
#: the batch tagger, like the widget, never annotate inside a link; the linter still counts link
#: text as a use.
LINK_ELEMENTS = frozenset({"a"})
_VOID_ELEMENTS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip
# Their content is raw text up to the matching end tag: a "<" inside is not a tag.
_RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
)
_HEADING_ELEMENTS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})

_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*+")
_MD_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*+")
# The rest of a start tag after its name. Quoted values may hold ">"; everything is possessive.
_TAG_REST = re.compile(
    r"""(?:[^>"'=]++|=[ \t\n\f\r]*+(?:"[^"]*+"|'[^']*+'|[^\s>"']*+)|["'])*+>"""
)
# CommonMark's stricter raw HTML tag: attributes must be well formed.
# (plus MDX's ``{expression}`` values: ``<img src={require('./a.png').default} />``).
_MD_TAG_REST = re.compile(
    r"""(?:\s++[A-Za-z_:][\w.:-]*+(?:\s*+=\s*+(?:[^\s"'=<>`{]++|'[^']*+'|"[^"]*+"|\{[^{}\n]*+\}))?+)*+"""
    r"""\s*+/?>"""
)
_MD_MAX_TAG = 2000
_NO_GLOSSARY_ATTR = re.compile(
    r"""[\s"'/](?:data-no-glossary|hidden)(?=[\s=/>])|[\s"'/]contenteditable\s*=\s*["']?false""",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")


class _HTMLScanner:
    """One forward pass over HTML (or the raw HTML inside Markdown), hiding what is not prose.

    ``markdown=True`` applies CommonMark's rules for raw HTML: a tag must be complete and well
    formed, otherwise its ``<`` is literal text, and so is an unterminated comment.
    """

    def __init__(
        self,
        mask: _Mask,
        text: str,
        *,
        markdown: bool = False,
        hidden_elements: frozenset[str] = HIDDEN_ELEMENTS,
    ) -> None:
        self.mask = mask
        self.text = text
        self.markdown = markdown
        self.hidden_elements = hidden_elements
        self.stack: list[tuple[str, bool, int]] = []  # (name, hides content, content start)
        self.open_count: dict[str, int] = {}
        self.hidden_depth = 0
        self.headings: list[tuple[int, int]] = []
        # Last answer of each `find`: lets repeated failed searches for a terminator (e.g.
        # thousands of "<!--" with no "-->") cost O(1) instead of a rescan each.
        self._found: dict[str, int] = {}

    # -- helpers ----------------------------------------------------------------------------
    def _find(self, needle: str, position: int) -> int:
        cached = self._found.get(needle)
        if cached is not None and (cached == -1 or cached >= position):
            if cached == -1 or self.text.startswith(needle, cached):
                return cached
        found = self.text.find(needle, position)
        self._found[needle] = found
        return found

    def _data(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self.hidden_depth:
            self.mask.hide(start, end)
            return
        for entity in _ENTITY.finditer(self.text, start, end):
            raw = entity.group()
            decoded = html.unescape(raw)
            if decoded != raw:
                self.mask.replace(entity.start(), raw, decoded)

    def _push(self, name: str, hides: bool, content_start: int) -> None:
        self.stack.append((name, hides, content_start))
        self.open_count[name] = self.open_count.get(name, 0) + 1
        if hides:
            self.hidden_depth += 1

    def _pop_to(self, name: str, end_tag_start: int) -> None:
        # Close the most recent open `name` and everything opened inside it (a browser's
        # "generate implied end tags", simplified); amortized O(1) since each push pops once.
        if not self.open_count.get(name):
            return
        while self.stack:
            top, hides, content_start = self.stack.pop()
            self.open_count[top] -= 1
            if hides:
                self.hidden_depth -= 1
            if top in _HEADING_ELEMENTS and not self.hidden_depth:
                self.headings.append((content_start, end_tag_start))
            if top == name:
                return

    # -- the scan ---------------------------------------------------------------------------
    def run(self) -> None:
        text, length = self.text, len(self.text)
        position = 0
        while position < length:
            lt = text.find("<", position)
            if lt == -1:
                self._data(position, length)
                return
            self._data(position, lt)
            position = self._markup(lt)

    def _markup(self, lt: int) -> int:
        """Handle the construct starting with ``<`` at ``lt``; return where scanning resumes."""
        text, length = self.text, len(self.text)
        after = text[lt + 1 : lt + 2]
        if text.startswith("<!--", lt):
            return self._comment(lt)
        if after == "!" or after == "?":
            return self._until_gt(lt, lt + 2)
        tag_name = _MD_TAG_NAME if self.markdown else _TAG_NAME
        if after == "/":
            name = tag_name.match(text, lt + 2)
            if name is None:
                if self.markdown:
                    return self._literal(lt)
                return self._until_gt(lt, lt + 2)
            end = self._find(">", name.end())
            if end == -1 or (self.markdown and text[name.end() : end].strip()):
                return self._literal(lt) if self.markdown else self._hide_rest(lt)
            self._pop_to(name.group().lower(), lt)
            self.mask.hide(lt, end + 1)
            return end + 1
        name_match = tag_name.match(text, lt + 1)
        if name_match is None:
            return self._literal(lt)
        if self.markdown:
            rest = _MD_TAG_REST.match(text, name_match.end(), min(length, lt + _MD_MAX_TAG))
        else:
            rest = _TAG_REST.match(text, name_match.end())
        if rest is None:
            return self._literal(lt) if self.markdown else self._hide_rest(lt)
        end = rest.end()
        self.mask.hide(lt, end)
        name = name_match.group().lower()
        if name in _VOID_ELEMENTS:
            return end
        tag = text[lt:end]
        hides = name in self.hidden_elements or _NO_GLOSSARY_ATTR.search(tag) is not None
        self._push(name, hides, end)
        if name in _RAW_TEXT_ELEMENTS:
            return self._raw_text(name, end)
        return end

    def _raw_text(self, name: str, start: int) -> int:
        # Everything up to the matching end tag is text (hidden or not), never markup.
        closing = re.compile(r"</" + re.escape(name) + r"(?=[\s/>])", re.IGNORECASE)
        match = closing.search(self.text, start)
        end = match.start() if match else len(self.text)
        if self.hidden_depth:
            self.mask.hide(start, end)
        else:
            self._data(start, end)
        return end

    def _comment(self, lt: int) -> int:
        text = self.text
        # "<!-->" and "<!--->" are complete (empty) comments in HTML.
        for short in ("<!-->", "<!--->"):
            if text.startswith(short, lt):
                self.mask.hide(lt, lt + len(short))
                return lt + len(short)
        end = self._find("-->", lt + 4)
        if end == -1:
            return self._literal(lt) if self.markdown else self._hide_rest(lt)
        self.mask.hide(lt, end + 3)
        return end + 3

    def _until_gt(self, lt: int, start: int) -> int:
        end = self._find(">", start)
        if end == -1:
            return self._literal(lt) if self.markdown else self._hide_rest(lt)
        self.mask.hide(lt, end + 1)
        return end + 1

    def _literal(self, lt: int) -> int:
        self._data(lt, lt + 1)
        return lt + 1

    def _hide_rest(self, lt: int) -> int:
        # A browser drops a tag or comment cut off by the end of the input.
        self.mask.hide(lt, len(self.text))
        return len(self.text)


def _html(
    mask: _Mask,
    text: str,
    *,
    markdown: bool = False,
    hidden_elements: frozenset[str] = HIDDEN_ELEMENTS,
) -> list[tuple[int, int]]:
    scanner = _HTMLScanner(mask, text, markdown=markdown, hidden_elements=hidden_elements)
    scanner.run()
    # Headings still open at the end run to the end of the text.
    while scanner.stack:
        name, _, content_start = scanner.stack[-1]
        scanner._pop_to(name, len(text))
    return sorted(scanner.headings)


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
#: Front-matter keys whose values readers see (page title, summary, navigation label, tags).
FRONT_MATTER_PROSE_KEYS = (
    "title", "description", "summary", "subtitle", "excerpt", "sidebar_label", "nav_title",
    "linktitle", "category", "categories", "tags", "keywords",
)  # fmt: skip


@functools.lru_cache(maxsize=16)
def _front_matter_prose(keys: tuple[str, ...]) -> re.Pattern:
    names = "|".join(re.escape(key) for key in keys) or "(?!)"
    return re.compile(
        r"^(?P<key>" + names + r")[ \t]*:[ \t]*+(?P<value>[^\r\n]*?)[ \t]*$",
        re.MULTILINE | re.IGNORECASE,
    )


_BACKTICKS = re.compile(r"`++")
_LINK_TARGET = re.compile(
    r"""\]\(\s*+(?:<[^<>\n]*+>|(?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.)*+\))*+)"""
    r"""(?:\s++(?:"[^"]*+"|'[^']*+'|\([^()]*+\)))?+\s*+\)"""
)
# Markup characters the tokenizer does not split off a word: table pipes ("|SLA|KB|" is one
# token), strikethrough markers ("~~SLA~~") and the "@" of a mention ("@CSM" names a role;
# the word after it is prose).
_MD_GLUE = re.compile(r"\||~~|(?<![\w@.])@(?=\w)")
_REFERENCE_LINK = re.compile(r"\]\[[^\[\]\n]{0,999}+\]")
_REFERENCE_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[(?:[^\[\]\\\n]|\\.){1,999}+\]:[ \t]*+\S[^\n]*+", re.MULTILINE
)


def _markdown_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    # Only the block structure is needed (code blocks, headings, paragraphs); inline parsing is
    # done here, with offsets.
    parser.core.ruler.enableOnly(["normalize", "block"])
    return parser


_PARSER = None


def _front_matter(
    mask: _Mask, text: str, keys: tuple[str, ...]
) -> tuple[int, list[tuple[int, int]]]:
    """Hide the YAML front matter except the values of ``keys``.

    Returns (end of the front matter or 0, ranges of the title values, as headings).
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return 0, []
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if not closing:
        return 0, []
    end = closing.end()
    mask.hide(0, end)
    titles = []
    for line in _front_matter_prose(keys).finditer(text, opening.end(), closing.start()):
        start, stop = line.span("value")
        value = text[start:stop]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            start, stop = start + 1, stop - 1
        mask.show(start, stop)
        if line.group("key").lower() == "title":
            titles.append((start, stop))
    return end, titles


def _code_spans(mask: _Mask, text: str, start: int, end: int) -> None:
    """Hide inline code spans in ``text[start:end]`` (one paragraph or heading).

    A code span opens with a run of N backticks and closes at the next run of exactly N. Each
    opener looks only at the runs after it; per-length cursors that only move forward keep the
    whole pass linear even with thousands of unmatched runs.
    """
    runs = [m.span() for m in _BACKTICKS.finditer(text, start, end)]
    by_length: dict[int, list[int]] = {}
    for index, (run_start, run_end) in enumerate(runs):
        by_length.setdefault(run_end - run_start, []).append(index)
    cursor = {length: 0 for length in by_length}
    index = 0
    while index < len(runs):
        run_start, run_end = runs[index]
        length = run_end - run_start
        escaped = run_start > 0 and text[run_start - 1] == "\\"
        same = by_length[length]
        # Advance this length's cursor past the opener.
        while cursor[length] < len(same) and same[cursor[length]] <= index:
            cursor[length] += 1
        if escaped or cursor[length] >= len(same):
            index += 1
            continue
        closer = same[cursor[length]]
        mask.hide(run_start, runs[closer][1])
        index = closer + 1


def _markdown(
    mask: _Mask,
    text: str,
    front_matter_keys: tuple[str, ...],
    hidden_elements: frozenset[str] = HIDDEN_ELEMENTS,
) -> list[tuple[int, int]]:
    global _PARSER
    if _PARSER is None:
        _PARSER = _markdown_parser()
    lines = LineIndex(text)
    front_end, headings = _front_matter(mask, text, front_matter_keys)
    # markdown-it sees the front matter as blank lines, so line numbers still match.
    source = _NOT_NEWLINE.sub(" ", text[:front_end]) + text[front_end:] if front_end else text
    for token in _PARSER.parse(source):
        if token.map is None:
            continue
        first, last = token.map
        start, end = lines.line_start(first + 1), lines.line_start(last + 1)
        if token.type in ("fence", "code_block"):
            mask.hide(start, end)
        elif token.type == "inline":
            _code_spans(mask, source, start, end)
        elif token.type == "heading_open":
            headings.append(_heading_content(text, lines, first, last, token.markup))
    work = mask.work_copy()
    _hide_all(mask, _REFERENCE_DEFINITION, work)
    _hide_all(mask, _LINK_TARGET, work)
    _hide_all(mask, _REFERENCE_LINK, work)
    _plain(mask, work)
    _html(mask, mask.work_copy(), markdown=True, hidden_elements=hidden_elements)
    _hide_all(mask, _MD_GLUE, mask.work_copy())
    return sorted(headings)


_ATX = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")


def _heading_content(text: str, lines: LineIndex, first: int, last: int, markup: str):
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


# --------------------------------------------------------------------------------------------
# reStructuredText
# --------------------------------------------------------------------------------------------

_RST_DIRECTIVE = re.compile(r"[ \t]*\.\.[ \t]+(?P<name>[\w:+.-]+?)::(?P<args>[^\r\n]*)")
_RST_EXPLICIT = re.compile(r"[ \t]*\.\.(?:[ \t]|$)")
_RST_FOOTNOTE = re.compile(r"[ \t]*\.\.[ \t]+\[[^\]\r\n]+\]")
_RST_OPTION = re.compile(r"[ \t]+:[\w-]+:")
_RST_FIELD = re.compile(r"[ \t]*:(?![ \t])[^:\r\n`]{1,60}:(?=[ \t]|$)")
_RST_ANONYMOUS_TARGET = re.compile(r"[ \t]*__[ \t]")
# Directives whose body is code or references, not prose.
_RST_CODE_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "literalinclude", "raw", "math", "highlight",
     "parsed-literal", "include", "graphviz", "mermaid", "jinja", "testcode", "doctest",
     "testoutput", "toctree", "autosummary", "automodule", "autoclass", "autofunction",
     "automethod", "autodata", "program-output", "command-output", "prompt"}
)  # fmt: skip
_RST_PROSE_DIRECTIVES = frozenset(
    {"note", "warning", "tip", "important", "attention", "caution", "danger", "error", "hint",
     "admonition", "topic", "sidebar", "rubric", "seealso", "versionadded", "versionchanged",
     "deprecated", "title"}
)  # fmt: skip
_RST_INLINE_LITERAL = re.compile(r"``(?:[^`]|`(?!`))*+``")
_RST_ROLE = re.compile(
    r"(?<![\w`]):[\w.+-]++(?::[\w.+-]++)*+:`[^`]*+`|`[^`]*+`:[\w.+-]++(?::[\w.+-]++)*+:"
)
_RST_EMBEDDED_TARGET = re.compile(r"<[^<>`\n]*+>(?=`_{1,2})")
_RST_SUBSTITUTION = re.compile(r"(?<![\w|])\|[^|\s][^|\n]{0,200}+\|(?:__?)?(?![\w|])")
_RST_UNDERLINE = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _rst(mask: _Mask, text: str) -> list[tuple[int, int]]:
    lines = LineIndex(text)
    count = len(lines)
    line_text = [text[lines.line_start(n) : lines.line_end(n)] for n in range(1, count + 1)]

    def body_end(first_body: int, base_indent: int) -> int:
        """0-based index of the first line after the indented block starting at ``first_body``."""
        index = first_body
        last_content = first_body - 1
        while index < count:
            line = line_text[index]
            if line.strip():
                if _indent(line) <= base_indent:
                    break
                last_content = index
            index += 1
        return last_content + 1

    def hide_lines(first: int, stop: int) -> None:
        if stop > first:
            mask.hide(lines.line_start(first + 1), lines.line_end(stop))

    index = 0
    literal_pending = False
    paragraph_indent = 0
    while index < count:
        line = line_text[index]
        stripped = line.strip()
        line_start = lines.line_start(index + 1)
        if not stripped:
            index += 1
            continue
        indent = _indent(line)
        if literal_pending and indent > paragraph_indent:
            stop = body_end(index, paragraph_indent)
            hide_lines(index, stop)
            literal_pending = False
            index = stop
            continue
        literal_pending = False
        directive = _RST_DIRECTIVE.match(line)
        if directive:
            name = directive.group("name").lower()
            if name in _RST_CODE_DIRECTIVES:
                stop = body_end(index + 1, indent)
                hide_lines(index, stop)
                index = stop
                continue
            # The directive's name (and its arguments, unless it is an admonition whose
            # argument is prose) and the options right after it are hidden; its body is read as
            # prose, line by line, so nested directives cost nothing extra.
            keep_args = name in _RST_PROSE_DIRECTIVES
            hidden_end = directive.start("args") if keep_args else len(line)
            mask.hide(line_start, line_start + hidden_end)
            index += 1
            while (
                index < count
                and _RST_OPTION.match(line_text[index])
                and _indent(line_text[index]) > indent
            ):
                hide_lines(index, index + 1)
                index += 1
            continue
        footnote = _RST_FOOTNOTE.match(line)
        if footnote:
            mask.hide(line_start, line_start + footnote.end())
            index += 1
            continue
        if _RST_EXPLICIT.match(line) or _RST_ANONYMOUS_TARGET.match(line):
            # Comments, hyperlink targets, substitution definitions: none of it is prose.
            stop = body_end(index + 1, indent)
            hide_lines(index, stop)
            index = stop
            continue
        field = _RST_FIELD.match(line)
        if field:
            mask.hide(line_start, line_start + field.end())
        if stripped.endswith("::"):
            literal_pending = True
            paragraph_indent = indent
            if stripped == "::":
                mask.hide(line_start, line_start + len(line))
        index += 1
    work = mask.work_copy()
    _hide_all(mask, _RST_INLINE_LITERAL, work)
    work = mask.work_copy()
    _hide_all(mask, _RST_ROLE, work)
    _hide_all(mask, _RST_EMBEDDED_TARGET, work)
    _hide_all(mask, _RST_SUBSTITUTION, work)
    _plain(mask, work)
    return _rst_headings(text, lines, line_text)


def _rst_headings(text: str, lines: LineIndex, line_text: list[str]) -> list[tuple[int, int]]:
    """Section titles: a text line underlined by a run of one punctuation character."""
    headings = []
    for index in range(len(line_text) - 1):
        title, under = line_text[index], line_text[index + 1]
        if not title.strip() or _RST_UNDERLINE.fullmatch(title):
            continue
        if _RST_UNDERLINE.fullmatch(under) and len(under.strip()) >= len(title.strip()):
            start = lines.line_start(index + 1)
            headings.append((start + _indent(title), start + len(title.rstrip())))
    return headings


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _masked(
    text: object,
    format: str,
    front_matter_keys: Iterable[str] = FRONT_MATTER_PROSE_KEYS,
    hide_links: bool = False,
) -> tuple[_Mask, list[tuple[int, int]]]:
    if not isinstance(text, str):
        raise InputError("E201", field="text", type_name=type(text).__name__)
    if format not in ALL_FORMATS:
        raise InputError("E204", field="format", format=format, allowed=", ".join(ALL_FORMATS))
    mask = _Mask(text)
    hidden = HIDDEN_ELEMENTS | LINK_ELEMENTS if hide_links else HIDDEN_ELEMENTS
    headings: list[tuple[int, int]] = []
    if format == "text":
        _plain(mask, text, handles=True)
    elif format == "html":
        headings = _html(mask, text, hidden_elements=hidden)
        _plain(mask, mask.work_copy())
    elif format == "markdown":
        headings = _markdown(mask, text, tuple(front_matter_keys), hidden)
    else:
        headings = _rst(mask, text)
    return mask, headings


def visible_text(
    text: str,
    format: str = "text",
    *,
    front_matter_keys: Iterable[str] = FRONT_MATTER_PROSE_KEYS,
    hide_links: bool = False,
) -> str:
    """Return ``text`` with everything that is not visible prose blanked (same length).

    ``format`` is one of :data:`ALL_FORMATS`. ``front_matter_keys`` names the Markdown
    front-matter keys whose values stay visible (the linter, which counts only the title and
    description as uses, passes ``("title", "description")``). ``hide_links`` also hides the
    text of HTML ``<a>`` elements (raw HTML in Markdown included), as annotation does: a
    tooltip inside a link would fight the link's own click and hover. Raises :class:`InputError`
    ``E201`` for a non-string and ``E204`` for an unknown format; never raises on any string.

    >>> visible_text("See `SLA` in https://example.com/SLA", "markdown")
    'See       in                        '
    """
    mask, _ = _masked(text, format, front_matter_keys, hide_links)
    return mask.render()


def headings(text: str, format: str = "text") -> list[tuple[int, int]]:
    """``(start, end)`` of every title/heading's text, in document order.

    Markdown: ATX and setext headings plus the front-matter ``title``; HTML: ``h1``-``h6`` and
    ``title`` content; reStructuredText: section titles; plain text: none. Used by the linter's
    "bare acronym in a heading, expansion in the first body sentence" rule together with
    :func:`next_sentence`.
    """
    _, found = _masked(text, format)
    return found


_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]]|$)|\n[ \t]*\n")


def next_sentence(visible: str, offset: int) -> tuple[int, int] | None:
    """The first sentence of visible prose starting at or after ``offset`` in ``visible``.

    ``visible`` is the output of :func:`visible_text`. A sentence ends at ``.``, ``!`` or ``?``
    followed by a space, or at a blank line. Returns ``(start, end)`` or None if only
    whitespace remains.
    """
    length = len(visible)
    start = offset
    while start < length and visible[start].isspace():
        start += 1
    if start >= length:
        return None
    match = _SENTENCE_END.search(visible, start)
    end = match.end() if match and not match.group().startswith("\n") else (
        match.start() if match else length
    )
    return start, end
