"""reStructuredText (format ``rst``; the linter reads it, the API does not accept it).

Hidden: literal blocks (``::`` then an indented block), ``code-block``/``code``/``sourcecode``/
``literalinclude``/``raw``/``math`` directives with their bodies, every directive line except
the text of admonitions (``.. note:: text``), directive options, comments, hyperlink targets
(``.. _x: url``, ``__ url``), substitution definitions, the bars of substitution references
(``|SLA|`` reads as its name unless the document defines it as something else), inline literals
(````x````), roles (``:ref:`x```, ```x`:doc:``; of ``:abbr:`SLA (Service Level Agreement)```
only the role and its backticks: the abbreviation and its expansion are read; of
``:guilabel:`` and ``:menuselection:`` all but the acronyms), embedded link targets (```text <url>`_``),
URLs and e-mails. Section titles (a line underlined by a run of one punctuation character) are
the headings.

The reader goes line by line and keeps no stack: a block ends at the first non-blank line
indented no deeper than its opener, so nested directives cost nothing extra.
"""

from __future__ import annotations

import re

from ...vocabulary.acronyms import is_acronym_shape
from .lines import LineIndex
from .mask import Mask, Masked, MaskOptions, Span, hide_all
from .plain import hide_plain

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
# The one role whose content is what the reader sees: an abbreviation, with its expansion (the
# rendered page shows it on hover), so the acronym is found and counts as defined.
_RST_ABBR = re.compile(r"(?<![\w`]):abbr:`([^`]++)`")
# Roles naming a control of the product's screens (a button, a menu path): their content is a
# name, not prose, except an acronym in it, which still means itself ("SLA Status Analysis").
_RST_UI_ROLE = re.compile(r"(?<![\w`]):(?:guilabel|menuselection):`([^`]++)`")
# A word of a label, possessive included: whether it is an acronym the vocabulary decides.
_LABEL_WORD = re.compile(r"[\w&'\u2019]+")
_RST_EMBEDDED_TARGET = re.compile(r"<[^<>`\n]*+>(?=`_{1,2})")
_RST_SUBSTITUTION = re.compile(r"(?<![\w|])\|([^|\s][^|\n]{0,200}+)\|(?:__?)?(?![\w|])")
# A substitution defined in the document: ``.. |name| replace:: text`` (or ``image::`` ...).
_RST_SUBSTITUTION_DEFINITION = re.compile(
    r"^[ \t]*\.\.[ \t]+\|([^|\n]++)\|[ \t]+([\w-]++)::[ \t]*([^\r\n]*)", re.MULTILINE
)
_RST_UNDERLINE = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*")




def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def mask_rst(text: str, options: MaskOptions) -> Masked:
    """The ``rst`` format; headings are section titles."""
    mask = Mask(text)
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
    hide_all(mask, _RST_INLINE_LITERAL, work)
    work = mask.work_copy()
    hide_all(mask, _RST_ROLE, work)
    for abbr in _RST_ABBR.finditer(work):
        mask.show(*abbr.span(1))
    for label in _RST_UI_ROLE.finditer(work):
        for word in _LABEL_WORD.finditer(work, *label.span(1)):
            if is_acronym_shape(word.group()):
                mask.show(*word.span())
    hide_all(mask, _RST_EMBEDDED_TARGET, work)
    hide_all(mask, _RST_SUBSTITUTION, work)
    for reference in _shown_substitutions(text, work):
        mask.show(*reference.span(1))
    hide_plain(mask, work)
    return Masked(mask, _rst_headings(text, lines, line_text))


def _shown_substitutions(text: str, work: str) -> list[re.Match]:
    """Substitution references (``|SLA|``) read as their name.

    A reference renders as its definition, which most documents keep in a shared file
    (Sphinx's ``rst_epilog``, an include): there the name is the best reading of it, and
    projects name substitutions after what they write (``|SLA|`` for an ``:abbr:`` of SLA).
    A definition in the document itself says otherwise when it is an image or a replacement
    that does not contain the name (``|product|`` -> "Odoo Helpdesk"): such references stay
    hidden, as the name is not what the reader sees.
    """
    defined = {}
    for definition in _RST_SUBSTITUTION_DEFINITION.finditer(text):
        name, kind, body = definition.groups()
        defined[name.strip()] = kind == "replace" and name.strip() in body
    return [ref for ref in _RST_SUBSTITUTION.finditer(work)
            if defined.get(ref.group(1), True) and not ref.group(1)[-1].isspace()]  # fmt: skip


def _rst_headings(text: str, lines: LineIndex, line_text: list[str]) -> list[Span]:
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


