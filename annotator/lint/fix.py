"""``--fix``: spell out undefined acronyms at their first use, touching nothing else.

Fixable findings are HA001 with a single glossary sense ("SLA" -> "Service Level Agreement
(SLA)") and HA002, whose expansion the article itself gives later. Ambiguous acronyms (HA003)
and acronyms nobody has an expansion for stay reported: guessing would put a wrong
definition into a published article.

The fix *inserts* text before and after a token of visible prose (never inside code, URLs or
tags, which the linter does not see). For HA002 it also *moves* the late definition: its
parenthesis ("Service Level Agreement (SLA)" -> "Service Level Agreement", "SLA (Service Level
Agreement)" -> "SLA") is removed where the definition now comes second, so the article does not
define the acronym twice. Every other byte -- BOM, CRLF line ends, the final newline -- is
preserved, and :func:`restore` gives the input back from a :class:`FixResult`. It repeats until
nothing fixable is left, so a second run is a no-op.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..glossary.model import Glossary
from ..vocabulary.codes import parse_code
from .config import LintConfig
from .findings import Finding
from .rules import lint_text

_MAX_ROUNDS = 5


@dataclass(frozen=True)
class Fix:
    acronym: str
    expansion: str
    line: int
    col: int
    replacement: str  # what the first use now reads, e.g. "Service Level Agreement (SLA)"


@dataclass
class FixResult:
    text: str
    fixes: list[Fix]
    #: (offset, length) of every inserted chunk in ``text``.
    inserted: list[tuple[int, int]]
    remaining: list[Finding]
    #: (offset in ``text``, removed string) of every late definition's parenthesis taken out.
    removed: list[tuple[int, str]] = field(default_factory=list)


def _plural(expansion: str) -> str:
    return expansion if expansion.endswith("s") else expansion + "s"


def expansion_edit(finding: Finding, format: str) -> tuple[str, str] | None:
    """The (prefix, suffix) to insert around the first use, or None when it is not fixable."""
    if finding.code not in ("HA001", "HA002") or not finding.expansion:
        return None
    expansion = " ".join(finding.expansion.split())
    code = parse_code(finding.text)
    if finding.text == finding.acronym or (code is not None and code.acronym == finding.acronym):
        # A code as written ("p1", "Sev 2s"): the expansion goes before it as it stands.
        words = _plural(expansion) if finding.text.endswith("s") and code is not None else expansion
    elif finding.text in (finding.acronym + "s", finding.acronym + "es"):
        words = _plural(expansion)
    else:  # "STARred": no natural place for an expansion inside a verb form
        return None
    if format == "html":
        words = html.escape(words, quote=False)
    return f"{words} (", ")"


def late_definition(text: str, finding: Finding) -> tuple[int, int] | None:
    """The [start, end) of the late definition's parenthesis to take out (HA002), with the
    space before it; None when the definition is not a plain parenthesis next to the acronym."""
    if finding.code != "HA002" or finding.definition is None:
        return None
    start, end, form = finding.definition
    if start <= finding.end or text[start:end].strip() == "":
        return None
    if form == "expansion (ACR)":
        left = start
        while left > 0 and text[left - 1] in " \t":
            left -= 1
        right = end
        while right < len(text) and text[right] in " \t":
            right += 1
        if left == 0 or text[left - 1] != "(" or right >= len(text) or text[right] != ")":
            return None
        left -= 1
        while left > 0 and text[left - 1] in " \t":
            left -= 1
        return left, right + 1
    if form == "ACR (expansion)":
        right = end
        while right < len(text) and text[right] in " \t":
            right += 1
        if right >= len(text) or text[right] != "(":
            return None
        close = text.find(")", right)
        if close < 0 or "\n" in text[right:close] or "(" in text[right + 1:close]:
            return None
        return end, close + 1
    return None


def fix_text(
    text: str, format: str = "text", *, glossary: Glossary | None = None, config: LintConfig | None = None
) -> FixResult:
    """Insert expansions at first use (moving late definitions) until nothing fixable is left."""
    fixes: list[Fix] = []
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, str]] = []
    findings = lint_text(text, format, glossary=glossary, config=config)
    for _ in range(_MAX_ROUNDS):
        edits = [(f, e) for f in findings if (e := expansion_edit(f, format))]
        if not edits:
            break
        # One list of operations, applied from the end so earlier offsets stay valid: an
        # insertion (start, prefix, suffix) or a removal (start, end).
        operations = []
        for finding, (prefix, suffix) in edits:
            operations.append((finding.start, "insert", finding, prefix, suffix))
            cut = late_definition(text, finding)
            if cut is not None and not _touches(cut, inserted):
                operations.append((cut[0], "remove", finding, cut[1], None))
        operations = _without_overlaps(operations)
        for start, kind, finding, a, b in sorted(operations, key=lambda op: op[0], reverse=True):
            if kind == "remove":
                piece = text[start:a]
                text = text[:start] + text[a:]
                inserted = [(o - len(piece) if o >= a else o, n) for o, n in inserted]
                removed = [(o - len(piece) if o >= a else o, r) for o, r in removed]
                removed.append((start, piece))
                continue
            prefix, suffix = a, b
            text = text[: finding.start] + prefix + finding.text + suffix + text[finding.end :]
            inserted = _insert(inserted, finding.end, len(suffix))
            inserted = _insert(inserted, finding.start, len(prefix))
            removed = [(o + (len(suffix) if o >= finding.end else 0)
                        + (len(prefix) if o >= finding.start else 0), r) for o, r in removed]
            fixes.append(Fix(finding.acronym, finding.expansion or "", finding.line, finding.col,
                             prefix + finding.text + suffix))
        findings = lint_text(text, format, glossary=glossary, config=config)
    fixes.sort(key=lambda f: (f.line, f.col))
    return FixResult(text, fixes, sorted(inserted), findings, sorted(removed))


def _touches(cut: tuple[int, int], chunks: list[tuple[int, int]]) -> bool:
    """Whether ``cut`` overlaps text an earlier round inserted (only the author's text moves)."""
    return any(cut[0] < offset + size and offset < cut[1] for offset, size in chunks)


def _without_overlaps(operations: list) -> list:
    """Drop a removal that overlaps another operation (the definition then stays twice rather
    than the article being garbled)."""
    keep = []
    for op in operations:
        if op[1] == "remove":
            start, end = op[0], op[3]
            clash = any(other is not op and (
                (other[1] == "insert" and start <= other[2].end and other[2].start < end)
                or (other[1] == "remove" and start < other[3] and other[0] < end))
                for other in operations)
            if clash:
                continue
        keep.append(op)
    return keep


def restore(result: FixResult) -> str:
    """The text :func:`fix_text` was given: its result without the inserted chunks and with the
    removed parentheses put back (used by tests)."""
    events = sorted([(o, 1, r) for o, r in result.removed] + [(o, 0, n) for o, n in result.inserted],
                    key=lambda e: (e[0], e[1]))
    out, pos = [], 0
    for offset, kind, value in events:
        if offset > pos:
            out.append(result.text[pos:offset])
            pos = offset
        if kind == 1:
            out.append(value)
        else:
            pos = max(pos, offset + value)
    out.append(result.text[pos:])
    return "".join(out)


def _insert(chunks: list[tuple[int, int]], at: int, length: int) -> list[tuple[int, int]]:
    """Record ``length`` characters inserted at ``at``: later chunks move right; an insertion
    strictly inside an earlier chunk (an acronym within an inserted expansion) grows it."""
    out = []
    nested = False
    for offset, size in chunks:
        if offset >= at:
            out.append((offset + length, size))
        elif at < offset + size:
            out.append((offset, size + length))
            nested = True
        else:
            out.append((offset, size))
    if not nested:
        out.append((at, length))
    return out


def remove_chunks(text: str, chunks: list[tuple[int, int]]) -> str:
    """Inverse of the fix: ``text`` without the inserted chunks (used by tests)."""
    out = []
    pos = 0
    for offset, size in sorted(chunks):
        out.append(text[pos:offset])
        pos = offset + size
    out.append(text[pos:])
    return "".join(out)
