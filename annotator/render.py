"""Rendering an :func:`annotator.annotate` result for people: a terminal, a standalone HTML page.

Pure functions from ``(text, result)`` to a string, so the CLI stays thin and the output is
testable. Both renderings number each concept once, in order of first appearance, mark every
occurrence with that number and list the definitions below the text.

Text and definitions come from users and glossary files, so they are treated as hostile: the
terminal rendering replaces control characters (an ``ESC`` in a ticket could otherwise recolour
or rewrite the user's terminal) and the HTML page escapes everything, loads nothing from the
network and only runs its own inline script, pinned by a Content-Security-Policy hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field

from .rendered_markup import render_fragment, replace_markers

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# C0 and C1 controls except tab and newline, plus DEL: shown as visible symbols instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# ANSI SGR sequences used in colour mode.
_TERM_STYLE = "\x1b[1;36m"  # bold cyan: the highlighted term
_ACRONYM_STYLE = "\x1b[1;33m"  # bold yellow: acronyms
_MARK_STYLE = "\x1b[2m"  # dim: the note number
_HEADING_STYLE = "\x1b[1m"
_RESET = "\x1b[0m"


@dataclass
class Note:
    """One numbered definition: a concept (or an in-text expansion) seen in the text."""

    number: int
    key: str
    text: str  # the first occurrence as written
    term: str | None
    definition: str | None
    source: str | None
    is_acronym: bool
    category: str | None
    senses: list[dict] = field(default_factory=list)
    count: int = 0


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def safe_terminal_text(text: str) -> str:
    """Replace control characters (ESC, BEL, CR, ...) with their visible Unicode symbols."""

    def picture(match: re.Match) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)  # ␀ ␁ ... ␛ ...
        if code == 0x7F:
            return "\u2421"  # ␡
        return "\ufffd"

    return _CONTROL.sub(picture, text)


def _key(span: dict) -> str:
    return span.get("term_id") or span["text"]


def build_notes(result: dict) -> tuple[list[Note], list[int]]:
    """Number the concepts in order of first appearance.

    Returns the notes and, for each span in ``result["spans"]``, its note number. Repeated spans
    carry no definition in the JSON (``repeat: true``); they point to the first one's note.
    """
    notes: dict[str, Note] = {}
    numbers: list[int] = []
    for span in result.get("spans", []):
        key = _key(span)
        note = notes.get(key)
        if note is None:
            note = notes[key] = Note(
                number=len(notes) + 1,
                key=key,
                text=span["text"],
                term=span.get("term"),
                definition=span.get("definition"),
                source=span.get("source"),
                is_acronym=bool(span.get("is_acronym")),
                category=span.get("category"),
                senses=list(span.get("senses") or []),
            )
        elif note.definition is None and span.get("definition"):
            note.definition, note.senses = span["definition"], list(span.get("senses") or [])
        note.count += 1
        numbers.append(note.number)
    return list(notes.values()), numbers


def _heading(note: Note) -> str:
    """``SLA — Service Level Agreement`` for acronyms, the canonical term otherwise.

    (``agents`` is listed as ``Agent``: the inflected form adds nothing to the heading.)
    """
    if note.is_acronym and note.term and note.term.casefold() != note.text.casefold():
        return f"{note.text} — {note.term}"
    return note.term or note.text


def _other_senses(note: Note) -> list[dict]:
    return note.senses[1:] if len(note.senses) > 1 else []


# --- terminal -----------------------------------------------------------------------------------


def render_terminal(text: str, result: dict, *, color: bool = False) -> str:
    """The text with every term marked, then a numbered list of definitions.

    Plain mode marks terms as ``[SLA]¹`` (readable in logs, pipes and screen readers); colour mode
    highlights them with ANSI styles instead of brackets.
    """
    notes, numbers = build_notes(result)
    out: list[str] = []
    position = 0
    for span, number in zip(result.get("spans", []), numbers):
        start, end = span["start"], span["end"]
        if start < position:  # overlapping spans are not expected; never print text twice
            continue
        out.append(safe_terminal_text(text[position:start]))
        word = safe_terminal_text(text[start:end])
        mark = superscript(number)
        if color:
            style = _ACRONYM_STYLE if span.get("is_acronym") else _TERM_STYLE
            out.append(f"{style}{word}{_RESET}{_MARK_STYLE}{mark}{_RESET}")
        else:
            out.append(f"[{word}]{mark}")
        position = end
    out.append(safe_terminal_text(text[position:]))
    body = "".join(out).rstrip("\n")

    lines = [body, ""]
    if notes:
        lines.append(_bold("Definitions", color))
        for note in notes:
            lines.extend(_terminal_note(note, color))
    else:
        lines.append("No glossary terms found.")
    unknown = sorted({u["text"] for u in result.get("unknown_acronyms", [])})
    if unknown:
        lines += ["", _bold("Acronyms not in the glossary", color) + ": " + safe_terminal_text(", ".join(unknown))]
    if result.get("truncated"):
        lines += ["", "(output truncated: too many terms in this text)"]
    return "\n".join(lines) + "\n"


def _bold(text: str, color: bool) -> str:
    return f"{_HEADING_STYLE}{text}{_RESET}" if color else text


def _terminal_note(note: Note, color: bool) -> list[str]:
    number = f"{note.number}."
    pad = " " * (len(number) + 1)
    heading = safe_terminal_text(_heading(note))
    extra = []
    if note.category:
        extra.append(note.category)
    if note.count > 1:
        extra.append(f"{note.count}×")
    suffix = f" ({', '.join(extra)})" if extra else ""
    lines = [f"{number} {_bold(heading, color)}{suffix}"]
    definition = safe_terminal_text(note.definition or "(no definition)")
    source = f" [{safe_terminal_text(note.source)}]" if note.source else ""
    lines.append(f"{pad}{definition}{source}")
    others = _other_senses(note)
    if others:
        chosen = note.senses[0]
        lines.append(f"{pad}Ambiguous: chose {safe_terminal_text(chosen.get('term') or '?')} ({safe_terminal_text(chosen.get('reason') or '')}); other senses:")
        for sense in others:
            lines.append(f"{pad}- {safe_terminal_text(sense.get('term') or '?')}: {safe_terminal_text(sense.get('definition') or '')}")
    return lines


#: Input formats shown rendered (not as source) on the HTML page.
RENDERED_FORMATS = ("markdown", "html")

# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --accent: #0b63c5; --tip-bg: #1d2330; --tip-fg: #f4f6fa; }
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
main { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.3rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; border: 1px solid #8884;
  border-radius: 6px; padding: 1rem; }
.term { position: relative; border-bottom: 2px dotted var(--accent); cursor: help; }
.term:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.term sup a { text-decoration: none; color: var(--accent); font-size: .7em; }
.tip { display: none; position: absolute; left: 0; top: 100%; z-index: 10; width: max-content;
  max-width: min(24rem, 80vw); padding-top: .4rem; white-space: normal; font-size: .9rem;
  font-weight: 400; font-style: normal; text-align: left; text-transform: none; letter-spacing: normal; }
.tip > span { display: block; background: var(--tip-bg); color: var(--tip-fg); padding: .5rem .7rem;
  border-radius: 6px; box-shadow: 0 4px 14px #0004; line-height: 1.4; }
.tip b, .tip i { display: block; }
.tip small { display: block; opacity: .75; margin-top: .25rem; }
.term.open > .tip { display: block; }
.doc { overflow-wrap: anywhere; border: 1px solid #8884; border-radius: 6px; padding: 0 1rem; }
.doc pre { white-space: pre-wrap; }
.doc table { border-collapse: collapse; }
.doc th, .doc td { border: 1px solid #8886; padding: .2rem .5rem; }
.notes li { margin-bottom: .6rem; }
.notes .src, .notes .senses { color: #888; font-size: .9em; }
.unknown code { padding: 0 .2rem; }
footer { color: #888; font-size: .85rem; margin-top: 2rem; }
""".strip()

# One tooltip at a time (the term last hovered or focused), so a hover never stacks a second
# tooltip over the focused term's; Escape closes it without moving the pointer or focus
# (WCAG 1.4.13) until the pointer enters a term or focus moves again.
_JS = """
(function () {
  var open = null, hovered = null, focused = null;
  function show(term) {
    if (open === term) { return; }
    if (open) { open.classList.remove("open"); }
    open = term;
    if (term) { term.classList.add("open"); }
  }
  function termOf(node) { return node && node.closest ? node.closest(".term") : null; }
  document.addEventListener("mouseover", function (e) {
    var term = termOf(e.target);
    if (term && term !== hovered) { hovered = term; show(term); }
  });
  document.addEventListener("mouseout", function (e) {
    var term = termOf(e.target);
    if (term && !term.contains(e.relatedTarget)) {
      hovered = null;
      if (open === term) { show(focused); }
    }
  });
  document.addEventListener("focusin", function (e) { focused = termOf(e.target); show(focused); });
  document.addEventListener("focusout", function (e) {
    if (termOf(e.target) === focused) { focused = null; show(hovered); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { show(null); }
  });
})();
""".strip()


def _csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _tooltip_html(note: Note, tip_id: str, did_you_mean: str | None = None) -> str:
    parts = [f'<b>{html.escape(_heading(note))}</b>']
    if did_you_mean:  # a misspelling matched: say what it was read as
        parts.append(f"<i>Did you mean \u201c{html.escape(did_you_mean)}\u201d?</i>")
    parts.append(html.escape(note.definition or "(no definition)"))
    others = _other_senses(note)
    if others:
        names = "; ".join(html.escape(s.get("term") or "?") for s in others)
        parts.append(f"<small>Other senses: {names}</small>")
    if note.source:
        parts.append(f"<small>Source: {html.escape(note.source)}</small>")
    return f'<span class="tip" role="tooltip" id="{tip_id}"><span>{"".join(parts)}</span></span>'


def render_html(text: str, result: dict, *, title: str = "Annotated text", input_format: str = "text") -> str:
    """A standalone page: the text with hover/focus tooltips and the numbered definitions.

    ``input_format`` ``text`` shows the text as written (escaped, whitespace kept); ``markdown``
    and ``html`` show the document rendered and sanitised (see :mod:`annotator.rendered_markup`),
    each term at the offsets of its span in ``text``. Either way the page runs only its own
    script and loads nothing.
    """
    notes, numbers = build_notes(result)
    spans = result.get("spans", [])

    def term(index: int, inner: str, in_link: bool = False) -> str:
        number = numbers[index]
        if in_link:  # a focusable tooltip inside a link would nest two controls
            return f'{inner}<sup>{number}</sup>'
        tip_id = f"tip-{index + 1}"
        note = notes[number - 1]
        span = spans[index]
        did_you_mean = span.get("did_you_mean") if span.get("match") == "fuzzy" else None
        return (
            f'<span class="term" tabindex="0" aria-describedby="{tip_id}" data-term-id="{html.escape(note.key)}">'
            f"{inner}"
            f'<sup><a href="#note-{number}" tabindex="-1">{number}</a></sup>'
            f"{_tooltip_html(note, tip_id, did_you_mean)}</span>"
        )

    if input_format in RENDERED_FORMATS:
        ranges = [(span["start"], span["end"]) for span in spans]
        fragment = replace_markers(render_fragment(text, input_format, ranges), term)
        document = f'<div class="doc">{fragment}</div>'
    else:
        out: list[str] = []
        position = 0
        for index, span in enumerate(spans):
            start, end = span["start"], span["end"]
            if start < position:
                continue
            out.append(html.escape(text[position:start]))
            out.append(term(index, html.escape(text[start:end])))
            position = end
        out.append(html.escape(text[position:]))
        document = f'<pre class="text">{"".join(out)}</pre>'

    items = []
    for note in notes:
        senses = ""
        others = _other_senses(note)
        if others:
            listed = "".join(
                f"<li>{html.escape(s.get('term') or '?')}: {html.escape(s.get('definition') or '')}</li>"
                for s in others
            )
            reason = html.escape(note.senses[0].get("reason") or "")
            senses = f'<div class="senses">Chosen sense: {reason}. Other senses:<ul>{listed}</ul></div>'
        source = f' <span class="src">[{html.escape(note.source)}]</span>' if note.source else ""
        items.append(
            f'<li id="note-{note.number}"><strong>{html.escape(_heading(note))}</strong>: '
            f"{html.escape(note.definition or '(no definition)')}{source}{senses}</li>"
        )
    notes_html = f'<ol class="notes">{"".join(items)}</ol>' if items else "<p>No glossary terms found.</p>"
    unknown = sorted({u["text"] for u in result.get("unknown_acronyms", [])})
    unknown_html = (
        '<p class="unknown">Acronyms not in the glossary: '
        + ", ".join(f"<code>{html.escape(u)}</code>" for u in unknown)
        + "</p>"
        if unknown
        else ""
    )
    truncated = "<p><strong>Truncated:</strong> too many terms in this text.</p>" if result.get("truncated") else ""
    glossary = result.get("glossary") or {}
    footer = "Generated by helpdesk-annotator"
    if glossary.get("version"):
        footer += f" · glossary {html.escape(str(glossary['version']))}"
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f"{document}\n"
        f"{truncated}<section>\n<h2>Definitions</h2>\n{notes_html}\n{unknown_html}\n</section>\n"
        f"<footer>{footer}</footer>\n</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )
