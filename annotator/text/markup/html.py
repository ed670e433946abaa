"""HTML (format ``html``), and the raw HTML inside Markdown.

Hidden: tags with all their attributes, comments, doctypes and processing instructions, and the
whole content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``textarea``,
``svg``, ``math``, ``template``, ``noscript``, ``iframe`` and ``object`` elements, and of any
element with a ``data-no-glossary``, ``hidden`` or ``contenteditable="false"`` attribute. In the
text, URLs, e-mails and identifiers as for plain text. The *text* of links (``<a>``) is visible
prose, as in Markdown: every surface annotates it and the linter counts it as a use (only the
``href`` is hidden); a caller may still ask for ``hide_links``. A tooltip never sits inside a
link, but that is the display's rule (the widget skips anchors, the standalone page shows no
tooltip trigger there), not a reason to skip the words. Character references in visible text
are decoded in place (see :class:`~annotator.text.markup.mask.Mask`).

HTML is read by a small linear scanner written for this module rather than ``html.parser``: the
standard library parser re-scans to the end of the input for every unterminated tag, so
``"<x " * 20000`` takes ~20 s and ``'<a b="' * 10000`` ~5 s. The scanner follows the browser
where it matters for visibility: an unterminated tag or comment swallows the rest of the
document (in HTML; in Markdown such text is literal), end tags close the most recent open
element of that name and everything opened inside it (misnested ``<b>SLA <i>x</b> y</i>`` keeps
all of its text visible), end tags with no open element are ignored, and it keeps no tree, only
a stack, so 10,000 nested ``div``\\ s cost nothing special. It never raises.
"""

from __future__ import annotations

import html
import re

from .mask import Mask, Masked, MaskOptions, Span
from .plain import hide_plain

#: Elements whose whole content is not prose.
HIDDEN_ELEMENTS = frozenset(
    {
        "script", "style", "code", "pre", "kbd", "samp", "textarea", "svg", "math",
        "template", "noscript", "iframe", "object",
    }
)  # fmt: skip
#: Added to the hidden elements when a caller asks for ``hide_links=True``. No surface of the
#: product does: link text is prose for annotation and lint alike.
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
        mask: Mask,
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
        self.headings: list[Span] = []
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
        # Most text between tags holds no reference: one find spares the regex scan.
        if self.text.find("&", start, end) == -1:
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
        find, data, markup = text.find, self._data, self._markup
        position = 0
        while position < length:
            lt = find("<", position)
            if lt == -1:
                data(position, length)
                return
            if lt > position:
                data(position, lt)
            position = markup(lt)

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
        hides = name in self.hidden_elements or _NO_GLOSSARY_ATTR.search(text, lt, end) is not None
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


def hide_html(
    mask: Mask,
    text: str,
    *,
    markdown: bool = False,
    hidden_elements: frozenset[str] = HIDDEN_ELEMENTS,
) -> list[Span]:
    """Hide the markup of ``text`` (the mask's text or a work copy of it) and what the
    ``hidden_elements`` hold; return the heading spans. ``markdown=True`` reads it as the raw
    HTML of a Markdown document (see :class:`_HTMLScanner`)."""
    scanner = _HTMLScanner(mask, text, markdown=markdown, hidden_elements=hidden_elements)
    scanner.run()
    # Headings still open at the end run to the end of the text.
    while scanner.stack:
        name, _, content_start = scanner.stack[-1]
        scanner._pop_to(name, len(text))
    return sorted(scanner.headings)


def hidden_for(options: MaskOptions) -> frozenset[str]:
    """The elements whose content is hidden under ``options``."""
    return HIDDEN_ELEMENTS | LINK_ELEMENTS if options.hide_links else HIDDEN_ELEMENTS


def mask_html(text: str, options: MaskOptions) -> Masked:
    """The ``html`` format; headings are ``h1``-``h6`` and ``title`` content."""
    mask = Mask(text)
    headings = hide_html(mask, text, hidden_elements=hidden_for(options))
    hide_plain(mask, mask.work_copy())
    return Masked(mask, headings)
