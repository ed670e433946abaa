"""``--fix``: spell out undefined acronyms at their first use, touching nothing else.

Fixable findings are HA001 with a single glossary sense ("SLA" -> "Service Level Agreement
(SLA)") and HA002, whose expansion the article itself gives later. Ambiguous acronyms (HA003)
and acronyms nobody has an expansion for stay reported: guessing would put a wrong
definition into a published article.

The fix only *inserts* text before and after a token of visible prose (never inside code, URLs
or tags, which the linter does not see), so every other byte -- BOM, CRLF line ends, the final
newline -- is preserved. It repeats until nothing fixable is left, so a second run is a no-op.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..glossary.model import Glossary
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
    #: (offset, length) of every inserted chunk in ``text``; removing them gives the input back.
    inserted: list[tuple[int, int]]
    remaining: list[Finding]


def _plural(expansion: str) -> str:
    return expansion if expansion.endswith("s") else expansion + "s"


def _edit(finding: Finding, format: str) -> tuple[str, str] | None:
    """The (prefix, suffix) to insert around the first use, or None when it is not fixable."""
    if finding.code not in ("HA001", "HA002") or not finding.expansion:
        return None
    expansion = " ".join(finding.expansion.split())
    if finding.text == finding.acronym:
        words = expansion
    elif finding.text in (finding.acronym + "s", finding.acronym + "es"):
        words = _plural(expansion)
    else:  # "STARred": no natural place for an expansion inside a verb form
        return None
    if format == "html":
        words = html.escape(words, quote=False)
    return f"{words} (", ")"


def fix_text(
    text: str, format: str = "text", *, glossary: Glossary | None = None, config: LintConfig | None = None
) -> FixResult:
    """Insert expansions at first use until no fixable finding is left."""
    fixes: list[Fix] = []
    inserted: list[tuple[int, int]] = []
    findings = lint_text(text, format, glossary=glossary, config=config)
    for _ in range(_MAX_ROUNDS):
        edits = [(f, e) for f in findings if (e := _edit(f, format))]
        if not edits:
            break
        # Apply from the end so earlier offsets stay valid.
        for finding, (prefix, suffix) in sorted(edits, key=lambda fe: fe[0].start, reverse=True):
            text = text[: finding.start] + prefix + finding.text + suffix + text[finding.end :]
            inserted = _insert(inserted, finding.end, len(suffix))
            inserted = _insert(inserted, finding.start, len(prefix))
            fixes.append(Fix(finding.acronym, finding.expansion or "", finding.line, finding.col,
                             prefix + finding.text + suffix))
        findings = lint_text(text, format, glossary=glossary, config=config)
    fixes.sort(key=lambda f: (f.line, f.col))
    return FixResult(text, fixes, sorted(inserted), findings)


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
