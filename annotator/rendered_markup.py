"""Markdown or HTML source -> a safe HTML fragment, with each annotated term at its offsets.

The standalone page of ``annotate --format html`` shows Markdown and HTML input *rendered*,
not as source. Annotations are offsets into the source, and rendering (markdown-it-py) or
sanitising (nh3) moves every character, so the terms travel through as markers: before
rendering, each span's source range is bracketed by private-use characters carrying its index
(:func:`mark_spans`); after, :func:`replace_markers` turns every intact pair into the caller's
term markup. A pair that rendering split apart (a span across a tag, inside removed content) is
dropped, and the term's text stays as plain text: a tooltip is never placed at a guess.

Sanitising uses nh3 (Python binding of the maintained Rust sanitiser Ammonia) with an allowlist:
document structure and inline formatting only; no scripts, styles, forms, frames, media or
images; no event handlers, ``style``, ``class`` or ``id`` attributes (they could restyle the
page or impersonate its own tooltips and note anchors); links keep only in-page ``#fragment``
targets, so nothing on the page loads or points at a remote resource. The page around the
fragment keeps its own Content-Security-Policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import nh3

MARK_START = "\ue000"
MARK_END = "\ue001"
# A span's index rides as one character of Supplementary Private Use Area-A after MARK_START:
# no digit, so Markdown never reads it as a list number, and 65,534 values, past any span cap.
_INDEX_BASE = 0xF0000
_INDEX_LIMIT = 0xFFFFD - _INDEX_BASE
# Marker characters already in the input would forge terms: replaced one for one (offsets kept).
_MARKER_CHARS = re.compile("[\ue000\ue001\U000F0000-\U000FFFFD]")
_TOKENS = re.compile(
    "(?P<open><a\\b)|(?P<close></a>)"
    f"|{MARK_START}(?P<index>[\U000F0000-\U000FFFFD])(?P<inner>[^<{MARK_START}{MARK_END}]*){MARK_END}"
)
_STRAY = re.compile(f"{MARK_START}[\U000F0000-\U000FFFFD]?|{MARK_END}")
# YAML front matter is metadata for the site generator, not part of the rendered article.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q rp rt ruby s samp section "
    "small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr".split()
)
ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# Removed together with everything inside them (the rest of a disallowed element's content,
# such as a <font>'s text, is kept).
CONTENT_DROPPED = frozenset(
    "script style title head template noscript textarea select iframe frame frameset object embed "
    "svg math canvas audio video".split()
)


def _keep_local_links(tag: str, attribute: str, value: str) -> str | None:
    """Only in-page links survive: an external target is a request the reader did not ask for."""
    if attribute == "href":
        return value if value.startswith("#") and not _MARKER_CHARS.search(value) else None
    return value


def sanitize(fragment: str) -> str:
    """Allowlisted, well-formed HTML for ``fragment`` (see the module docstring for the rules)."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(CONTENT_DROPPED),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_keep_local_links,
        link_rel=None,
        strip_comments=True,
    )


def mark_spans(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """``text`` with the i-th ``(start, end)`` range bracketed by markers carrying ``i``.

    Ranges are code-point offsets, sorted and not overlapping (an overlapping one is skipped).
    """
    text = _MARKER_CHARS.sub("\ufffd", text)
    out: list[str] = []
    position = 0
    for index, (start, end) in enumerate(ranges):
        if start < position or index > _INDEX_LIMIT or not 0 <= start < end <= len(text):
            continue
        out += [text[position:start], MARK_START, chr(_INDEX_BASE + index), text[start:end], MARK_END]
        position = end
    out.append(text[position:])
    return "".join(out)


def render_markdown(source: str) -> str:
    """CommonMark plus tables and strikethrough, raw HTML allowed then sanitised."""
    from markdown_it import MarkdownIt

    source = _FRONT_MATTER.sub("", source, count=1)
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return sanitize(parser.render(source))


def render_fragment(text: str, input_format: str, ranges: Iterable[tuple[int, int]]) -> str:
    """Rendered, sanitised HTML of ``text`` (``markdown`` or ``html``) with span markers in it."""
    marked = mark_spans(text, ranges)
    return render_markdown(marked) if input_format == "markdown" else sanitize(marked)


def replace_markers(fragment: str, make_term: Callable[[int, str, bool], str]) -> str:
    """Replace each intact marker pair with ``make_term(index, inner_html, in_link)``.

    ``inner_html`` is the term's text as the sanitiser escaped it; ``in_link`` says the term sits
    inside a link, where a focusable tooltip would nest one control in another. Markers left
    unpaired by rendering are removed.
    """
    depth = 0
    out: list[str] = []
    position = 0
    for match in _TOKENS.finditer(fragment):
        if match.group("open"):
            depth += 1
            continue
        if match.group("close"):
            depth = max(0, depth - 1)
            continue
        out.append(fragment[position : match.start()])
        out.append(make_term(ord(match.group("index")) - _INDEX_BASE, match.group("inner"), depth > 0))
        position = match.end()
    out.append(fragment[position:])
    return _STRAY.sub("", "".join(out))
