"""In-text acronym definitions, the three forms an editor writes.

* ``Expansion (ACR)``   -- "Service Level Agreement (SLA)"
* ``ACR (expansion)``   -- "FRT (First Response Time)"
* ``expansion or ACR``  -- "a Technical Account Manager or TAM"

Each candidate is checked the Schwartz-Hearst way (the acronym's letters appear in order in
the expansion, the first one starting a word), as in scispacy's ``abbreviation.py``. The first
form also accepts a run of two or more capitalised words ("Success On-Demand (CSE)": an
explicit expansion even though its initials differ) and a known glossary expansion, so a
definition the linter's own ``--fix`` wrote is always recognised.

Works on the masked visible text: offsets index the original article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .scan import base_form

# An acronym inside a definition: capitals, digits, "&", lower-case letters after the first
# capital (eNPS, CCaaS, SaaS) and an optional plural.
_ACR = r"[0-9]*[A-Za-z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*"
_PAREN_AFTER = re.compile(r"\(\s*(?P<acr>" + _ACR + r")\s*\)")
_PAREN_ACR_FIRST = re.compile(
    r"(?<![\w&])(?P<acr>" + _ACR + r")(?![\w&])[ \t]*\((?P<long>[^()\n]{3,160})\)"
)
_OR_ACR = re.compile(r"(?<![\w-])or\s+(?P<acr>" + _ACR + r")(?![\w&])")

# Where a long form cannot reach back past: sentence ends, clause punctuation, blank lines.
_BARRIER = re.compile(r"[.!?;:]\s|[.!?;:]$|\n[ \t]*\n|[()\[\]{}|>]")
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_CONNECTORS = frozenset({"of", "and", "to", "for", "the", "on", "in", "a", "an", "&", "as", "with", "by"})


@dataclass(frozen=True)
class Definition:
    acronym: str  # base form ("SLA" for "(SLAs)")
    expansion: str
    start: int  # offset of the acronym inside the definition
    end: int
    form: str  # "expansion (ACR)", "ACR (expansion)", "expansion or ACR"


def schwartz_hearst(short: str, long: str) -> str | None:
    """The shortest tail of ``long`` whose characters spell ``short``, or None.

    Walks both strings from the end; every alphanumeric character of the short form must be
    found in order, and the first one must start a word of the long form.
    """
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (
            long[i].lower() != char or (s == 0 and i > 0 and long[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 1) + 1
    return long[start:]


def _max_words(acronym: str) -> int:
    letters = sum(c.isalnum() for c in acronym)
    return min(letters + 5, letters * 2)


def _preceding_words(visible: str, end: int, limit: int) -> list[re.Match]:
    """Up to ``limit`` words right before ``end``, not crossing a sentence or clause barrier."""
    window_start = max(0, end - 300)
    window = visible[window_start:end]
    barriers = list(_BARRIER.finditer(window))
    if barriers:
        window_start += barriers[-1].end()
        window = visible[window_start:end]
    words = list(_WORD.finditer(visible, window_start, end))
    return words[-limit:]


def _tail_from_words(words: list[re.Match], visible: str, long_form: str) -> str:
    """Map the Schwartz-Hearst tail back to the original words (keeping their exact spelling)."""
    count = len(long_form.split())
    chosen = words[-count:]
    return " ".join(w.group() for w in chosen)


def _capitalised_run(words: list[re.Match]) -> list[re.Match]:
    """The trailing run of Capitalised words (connectors allowed inside), e.g. Success On-Demand."""
    run: list[re.Match] = []
    for word in reversed(words):
        text = word.group()
        if text[:1].isupper() and not text.isupper():
            run.insert(0, word)
        elif text.lower() in _CONNECTORS and run:
            run.insert(0, word)
        else:
            break
    while run and run[0].group().lower() in _CONNECTORS:
        run.pop(0)
    return run


def _expansion_before(
    visible: str, end: int, acronym: str, known: Callable[[str], Iterable[str]], lenient: bool
) -> str | None:
    words = _preceding_words(visible, end, _max_words(acronym) + 2)
    if not words:
        return None
    joined = " ".join(w.group() for w in words)
    # A known expansion (glossary term) ending right here is a definition whatever its initials.
    folded = joined.casefold()
    for expansion in known(acronym):
        if expansion and folded.endswith(expansion.casefold()):
            start = len(folded) - len(expansion)
            if start == 0 or folded[start - 1] == " ":
                return joined[start:]
    candidate = words[-_max_words(acronym):]
    tail = schwartz_hearst(acronym, " ".join(w.group() for w in candidate))
    if tail and len(tail.split()) <= _max_words(acronym):
        return _tail_from_words(candidate, visible, tail)
    if lenient:
        run = _capitalised_run(words)
        if len(run) >= 2 or (len(run) == 1 and "-" in run[0].group()):
            return " ".join(w.group() for w in run)
    return None


def _no_known(_: str) -> tuple[str, ...]:
    return ()


def find_definitions(
    visible: str, known: Callable[[str], Iterable[str]] = _no_known
) -> list[Definition]:
    """Every acronym definition in ``visible`` text, in text order.

    ``known(acronym)`` returns expansions to accept as they are (the glossary's terms).
    """
    found: list[Definition] = []

    for match in _PAREN_AFTER.finditer(visible):
        raw = match.group("acr")
        acronym = base_form(raw)
        expansion = _expansion_before(visible, match.start(), acronym, known, lenient=True)
        if expansion:
            found.append(
                Definition(acronym, expansion, match.start("acr"), match.end("acr"), "expansion (ACR)")
            )

    for match in _PAREN_ACR_FIRST.finditer(visible):
        raw = match.group("acr")
        acronym = base_form(raw)
        long = " ".join(match.group("long").split())
        words = long.split()
        if not words or len(words) > _max_words(acronym):
            continue
        if any(long.casefold() == k.casefold() for k in known(acronym)):
            ok = True
        else:
            tail = schwartz_hearst(acronym, long)
            ok = (
                tail is not None
                and tail == long
                and words[0][:1].lower() == acronym.lstrip("0123456789")[:1].lower()
            )
        if ok:
            found.append(
                Definition(acronym, long, match.start("acr"), match.end("acr"), "ACR (expansion)")
            )

    for match in _OR_ACR.finditer(visible):
        raw = match.group("acr")
        acronym = base_form(raw)
        expansion = _expansion_before(visible, match.start(), acronym, known, lenient=False)
        if expansion:
            found.append(
                Definition(acronym, expansion, match.start("acr"), match.end("acr"), "expansion or ACR")
            )

    found.sort(key=lambda d: d.start)
    return found
