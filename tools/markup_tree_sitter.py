"""Measure tree-sitter maskers against annotator.text.markup (the page docs/markup.md reports).

Not part of the product: a lab script. It builds a masker per format on tree-sitter (HTML,
Markdown, reStructuredText) with the same contract as :func:`annotator.text.markup.visible_text`
(a mask over the original string, code-point offsets), then measures, in one process:
agreement with today's masking on the evaluation and sample articles, the hostile inputs of
tests/text/test_hostile.py, and time per MB. What tree-sitter does not model (URLs in prose,
identifiers, character references, Markdown glue characters, raw HTML pairing inside Markdown)
is left to the product's own passes, so the comparison is about document structure.

    .venv/bin/pip install 'tree-sitter>=0.25,<0.27' 'tree-sitter-html>=0.23,<0.24' \\
        'tree-sitter-markdown>=0.5,<0.6' 'tree-sitter-rst>=0.2,<0.3'
    .venv/bin/python tools/markup_tree_sitter.py               # agreement, hostile, speed
    .venv/bin/python tools/markup_tree_sitter.py --parse-alone # the grammars' own cost
    PYTHONPATH=tools .venv/bin/python -m pytest tests/text/markup -p markup_tree_sitter -q

The last line runs the markup tests with the tree-sitter maskers in the format registry.
Run from the repository root; ../shared/eval must exist (it does in a worktree).
"""
from __future__ import annotations

import glob
import html as stdlib_html
import re
import statistics
import sys
import time
from pathlib import Path

import tree_sitter_html
import tree_sitter_markdown
import tree_sitter_rst
from tree_sitter import Language, Parser

from annotator.text.markup import REGISTRY
from annotator.text.markup.html import HIDDEN_ELEMENTS, LINK_ELEMENTS, hide_html
from annotator.text.markup.mask import Mask, Masked, MaskOptions, hide_all
from annotator.text.markup.markdown import _MD_GLUE, _front_matter
from annotator.text.markup.plain import hide_plain

HTML = Language(tree_sitter_html.language())
MD = Language(tree_sitter_markdown.language())
MD_INLINE = Language(tree_sitter_markdown.inline_language())
RST = Language(tree_sitter_rst.language())


class Offsets:
    """UTF-8 byte offset -> code-point offset, computed incrementally over sorted queries."""

    def __init__(self, text: str):
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self.cache: dict[int, int] = {}

    def prepare(self, byte_offsets):
        if self.ascii:
            return
        prev_b = prev_c = 0
        data = self.data
        for b in sorted(set(byte_offsets)):
            prev_c += len(data[prev_b:b].decode("utf-8", "replace"))
            prev_b = b
            self.cache[b] = prev_c

    def __call__(self, b: int) -> int:
        return b if self.ascii else self.cache[b]


def _walk(node):
    cursor = node.walk()
    while True:
        yield cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


_NO_GLOSSARY = re.compile(
    r"""[\s"'/](?:data-no-glossary|hidden)(?=[\s=/>])|[\s"'/]contenteditable\s*=\s*["']?false""",
    re.IGNORECASE,
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}


def ts_html(text: str, options: MaskOptions) -> Masked:
    mask = Mask(text)
    off = Offsets(text)
    tree = Parser(HTML).parse(off.data)
    nodes = list(_walk(tree.root_node))
    off.prepare([b for n in nodes for b in (n.start_byte, n.end_byte)])
    hidden = HIDDEN_ELEMENTS | LINK_ELEMENTS if options.hide_links else HIDDEN_ELEMENTS
    headings = []
    for node in nodes:
        kind = node.type
        start, end = off(node.start_byte), off(node.end_byte)
        if kind in ("start_tag", "end_tag", "self_closing_tag", "comment", "doctype", "erroneous_end_tag"):
            mask.hide(start, end)
        elif kind in ("script_element", "style_element"):
            mask.hide(start, end)
        elif kind == "element":
            tag = node.children[0] if node.children else None
            name_node = tag.child_by_field_name("name") if tag else None
            name = ""
            if tag is not None and tag.children and len(tag.children) > 1:
                name = text[off(tag.children[1].start_byte):off(tag.children[1].end_byte)].lower()
            tag_text = text[off(tag.start_byte):off(tag.end_byte)] if tag is not None else ""
            if name in hidden or _NO_GLOSSARY.search(tag_text):
                mask.hide(start, end)
            elif name in _HEADINGS and len(node.children) >= 2:
                content_end = node.children[-1].start_byte if node.children[-1].type == "end_tag" else node.end_byte
                headings.append((off(tag.end_byte), off(content_end)))
        elif kind == "ERROR":
            # An unterminated tag or comment: a browser drops the rest of the document.
            if text.startswith("<", start):
                mask.hide(start, len(text))
        elif kind == "entity":
            raw = text[start:end]
            decoded = stdlib_html.unescape(raw)
            if decoded != raw and not any(mask.flags[start:end]):
                mask.replace(start, raw, decoded)
    hide_plain(mask, mask.work_copy())
    return Masked(mask, sorted(headings))


_MD_HIDDEN_BLOCKS = {"fenced_code_block", "indented_code_block", "link_reference_definition"}
_MD_HIDDEN_INLINE = {"code_span", "uri_autolink", "email_autolink", "link_destination", "link_title", "link_label"}


def ts_markdown(text: str, options: MaskOptions) -> Masked:
    mask = Mask(text)
    front_end, headings = _front_matter(mask, text, options.front_matter_keys)
    off = Offsets(text)
    source = off.data
    if front_end:
        # tree-sitter sees the front matter as blank lines, as markdown-it does today.
        head = text[:front_end]
        source = re.sub(r"[^\r\n]", " ", head).encode() + text[front_end:].encode()
        off = Offsets(re.sub(r"[^\r\n]", " ", head) + text[front_end:])
        off.text = text
    block = Parser(MD).parse(source)
    nodes = list(_walk(block.root_node))
    inline_ranges = [n.range for n in nodes if n.type == "inline"]
    inline_nodes = []
    if inline_ranges:
        parser = Parser(MD_INLINE)
        parser.included_ranges = inline_ranges
        inline_nodes = list(_walk(parser.parse(source).root_node))
    off.prepare([b for n in nodes + inline_nodes for b in (n.start_byte, n.end_byte)])
    for node in nodes:
        if node.type in _MD_HIDDEN_BLOCKS:
            mask.hide(off(node.start_byte), off(node.end_byte))
        elif node.type == "atx_heading":
            content = node.child_by_field_name("heading_content")
            if content is not None:
                headings.append((off(content.start_byte), off(content.end_byte)))
        elif node.type == "setext_heading":
            content = node.child_by_field_name("heading_content")
            if content is not None:
                headings.append((off(content.start_byte), off(content.end_byte)))
    for node in inline_nodes:
        if node.type in _MD_HIDDEN_INLINE:
            mask.hide(off(node.start_byte), off(node.end_byte))
        elif node.type in ("inline_link", "image", "full_reference_link"):
            # Everything after the link text: "](target "title")" or "][ref]".
            label = next((c for c in node.children if c.type in ("link_text", "image_description")), None)
            if label is not None:
                mask.hide(off(label.end_byte), off(node.end_byte))
    work = mask.work_copy()
    hide_plain(mask, work)
    hidden = HIDDEN_ELEMENTS | LINK_ELEMENTS if options.hide_links else HIDDEN_ELEMENTS
    hide_html(mask, mask.work_copy(), markdown=True, hidden_elements=hidden)
    hide_all(mask, _MD_GLUE, mask.work_copy())
    return Masked(mask, sorted(headings))


_RST_HIDDEN = {"literal", "literal_block", "interpreted_text", "reference", "substitution_reference",
               "comment", "target", "substitution_definition", "doctest_block", "standalone_hyperlink"}
_RST_CODE = {"code", "code-block", "sourcecode", "literalinclude", "raw", "math", "highlight",
             "parsed-literal", "include", "graphviz", "mermaid", "jinja", "testcode", "doctest",
             "testoutput", "toctree", "autosummary", "automodule", "autoclass", "autofunction",
             "automethod", "autodata", "program-output", "command-output", "prompt"}
_RST_PROSE = {"note", "warning", "tip", "important", "attention", "caution", "danger", "error", "hint",
              "admonition", "topic", "sidebar", "rubric", "seealso", "versionadded", "versionchanged",
              "deprecated", "title"}


def ts_rst(text: str, options: MaskOptions) -> Masked:
    mask = Mask(text)
    off = Offsets(text)
    tree = Parser(RST).parse(off.data)
    nodes = list(_walk(tree.root_node))
    off.prepare([b for n in nodes for b in (n.start_byte, n.end_byte)])
    headings = []
    for node in nodes:
        start, end = off(node.start_byte), off(node.end_byte)
        kind = node.type
        if kind in _RST_HIDDEN:
            if kind == "reference" and not text[start:end].rstrip("_").endswith(">`"):
                continue  # a plain `text`_ reference: the text is prose
            if kind == "reference":
                lt = text.rfind("<", start, end)
                mask.hide(lt, end - text[start:end][::-1].index("`"))
                continue
            mask.hide(start, end)
        elif kind == "directive":
            name_node = node.child_by_field_name("name")
            name = text[off(name_node.start_byte):off(name_node.end_byte)].lower() if name_node else ""
            if name in _RST_CODE:
                mask.hide(start, end)
            else:
                body = node.child_by_field_name("body")
                head_end = off(body.start_byte) if body is not None else end
                mask.hide(start, head_end)
                if body is not None:
                    for child in body.children:
                        if child.type == "options" or (child.type == "arguments" and name not in _RST_PROSE):
                            mask.hide(off(child.start_byte), off(child.end_byte))
        elif kind == "title":
            headings.append((start, end))
        elif kind == "ERROR":
            pass
    hide_plain(mask, mask.work_copy())
    return Masked(mask, sorted(headings))


MASKERS = {"html": ts_html, "markdown": ts_markdown, "rst": ts_rst}

EXT = {".md": "markdown", ".html": "html", ".rst": "rst"}


def ours(text, fmt):
    return REGISTRY[fmt].masker(text, MaskOptions())


def theirs(text, fmt):
    return MASKERS[fmt](text, MaskOptions())


def agreement():
    print("## Agreement (visible text) on the evaluation and sample articles")
    print("| article | format | chars | differing chars | our visible words | tree-sitter visible words |")
    print("|---|---|---:|---:|---:|---:|")
    files = sorted(glob.glob("../shared/eval/articles/*") + glob.glob("samples/articles/*"))
    for path in files:
        fmt = EXT.get(Path(path).suffix)
        if not fmt:
            continue
        text = Path(path).read_text(encoding="utf-8")
        a, b = ours(text, fmt).mask.render(), theirs(text, fmt).mask.render()
        diff = sum(x != y for x, y in zip(a, b))
        print(f"| {Path(path).name} | {fmt} | {len(text)} | {diff} | {len(a.split())} | {len(b.split())} |")


def hostile():
    sys.path.insert(0, "tests/text")
    from test_hostile import HOSTILE

    print("\n## Hostile inputs (tests/text/test_hostile.py)")
    print("| format | inputs | crashes | length/offset breaks | slowest ours (s) | slowest tree-sitter (s) | slowest input (tree-sitter) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for fmt in MASKERS:
        crashes = breaks = 0
        worst_ours = worst_ts = 0.0
        worst_name = ""
        for name, text in HOSTILE.items():
            started = time.perf_counter()
            ours(text, fmt).mask.render()
            worst_ours = max(worst_ours, time.perf_counter() - started)
            started = time.perf_counter()
            try:
                out = theirs(text, fmt).mask.render()
            except Exception as error:  # noqa: BLE001 - counting crashes is the point
                crashes += 1
                print(f"  crash {fmt} {name}: {type(error).__name__}: {error}", file=sys.stderr)
                continue
            elapsed = time.perf_counter() - started
            if elapsed > worst_ts:
                worst_ts, worst_name = elapsed, name
            if len(out) != len(text) or any(
                o != t and o != " " and t != "&" for o, t in zip(out, text)
            ):
                breaks += 1
        print(f"| {fmt} | {len(HOSTILE)} | {crashes} | {breaks} | {worst_ours:.3f} | {worst_ts:.3f} | {worst_name} |")


def _median_time(function, text, fmt, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(text, fmt).mask.render()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def speed():
    print("\n## Speed (median of 5 runs, same process; seconds per MB of input)")
    print("| input | format | size (KB) | ours (s/MB) | tree-sitter (s/MB) | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    corpus = {}
    for path in sorted(glob.glob("../shared/eval/articles/*")):
        fmt = EXT[Path(path).suffix]
        corpus.setdefault(fmt, []).append(Path(path).read_text(encoding="utf-8"))
    samples = {fmt: "\n\n".join(texts) for fmt, texts in corpus.items()}
    sample_html = Path("samples/articles/call-routing.html").read_text(encoding="utf-8")
    cases = [("eval articles (concatenated)", fmt, text) for fmt, text in samples.items()]
    cases.append(("sample article", "html", sample_html))
    for fmt, text in [("markdown", samples["markdown"]), ("html", sample_html), ("rst", samples["rst"])]:
        big = (text + "\n\n") * (1_000_000 // (len(text) + 2) + 1)
        cases.append(("1 MB generated", fmt, big[:1_000_000]))
    for label, fmt, text in cases:
        size = len(text.encode("utf-8")) / 1e6
        a = _median_time(ours, text, fmt) / size
        b = _median_time(theirs, text, fmt) / size
        print(f"| {label} | {fmt} | {len(text) // 1000} | {a:.3f} | {b:.3f} | {b / a:.2f}x |")




def parse_alone():
    """The parse alone (no tree walk, no masking), to tell the grammar's cost from ours."""
    print("\n## tree-sitter parse alone on the 1 MB documents (median of 5; s/MB)")
    print("| format | block parse | inline parse (Markdown) | whole tree-sitter masker | our whole masker |")
    print("|---|---:|---:|---:|---:|")
    corpus = {}
    for path in sorted(glob.glob("../shared/eval/articles/*")):
        corpus.setdefault(EXT[Path(path).suffix], []).append(Path(path).read_text(encoding="utf-8"))
    sources = {fmt: "\n\n".join(texts) for fmt, texts in corpus.items()}
    sources["html"] = Path("samples/articles/call-routing.html").read_text(encoding="utf-8")
    for fmt, lang in (("markdown", MD), ("html", HTML), ("rst", RST)):
        text = sources[fmt]
        big = ((text + "\n\n") * (1_000_000 // (len(text) + 2) + 1))[:1_000_000]
        data = big.encode()
        size = len(data) / 1e6
        block = statistics.median(_timed(lambda: Parser(lang).parse(data)) for _ in range(5)) / size
        inline = ""
        if fmt == "markdown":
            ranges = [n.range for n in _walk(Parser(MD).parse(data).root_node) if n.type == "inline"]

            def parse_inline():
                parser = Parser(MD_INLINE)
                parser.included_ranges = ranges
                parser.parse(data)

            inline = f"{statistics.median(_timed(parse_inline) for _ in range(5)) / size:.3f}"
        whole = _median_time(theirs, big, fmt) / size
        mine = _median_time(ours, big, fmt) / size
        print(f"| {fmt} | {block:.3f} | {inline} | {whole:.3f} | {mine:.3f} |")


def _timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def pytest_configure(config):
    """As a pytest plugin (``-p markup_tree_sitter``): put the tree-sitter maskers in the registry."""
    from annotator.text.markup.registry import REGISTRY, Format

    for name, masker in MASKERS.items():
        REGISTRY[name] = Format(name, masker, REGISTRY[name].api)


if __name__ == "__main__":
    if "--parse-alone" in sys.argv:
        parse_alone()
    else:
        agreement()
        hostile()
        speed()
