"""In-text acronym definitions, the forms an editor writes.

* ``Expansion (ACR)``   -- "Service Level Agreement (SLA)"
* ``ACR (expansion)``   -- "FRT (First Response Time)"
* ``expansion or ACR``  -- "a Technical Account Manager or TAM"
* ``ACR: expansion``    -- a glossary entry: the acronym opening a line, a list item or a table
  row, then ``:``, a dash, ``=`` (or the blanks a table's pipe leaves) and words that spell it
  out ("- **AHT**: Average Handle Time", "| FCR | First Contact Resolution |"), or the same
  the other way round in parentheses: "(Direct to Call - DTC)"

The text engine's Schwartz-Hearst detector (:func:`annotator.text.abbreviations.find_definitions`)
finds the definitions whose letters line up. The linter accepts two more, both of the
``Expansion (ACR)`` / ``ACR (expansion)`` kind, because an editor's explicit expansion is a
definition even when its initials differ:

* a run of two or more capitalised words right before ``(ACR)``: "Success On-Demand (CSE)";
* the glossary's own expansion (in all three forms), so a definition that ``--fix`` wrote is
  always recognised, which keeps ``--fix`` idempotent whatever the glossary's spelling.

Priority and severity codes are defined by their level spelled out, whatever case and spelling
the code has: ``Priority 1 (p1)``, ``sev 2 (severity 2)``; a definition of any spelling of a
code defines the code's canonical acronym (``P1``, ``SEV2``; :mod:`annotator.vocabulary.codes`).

Works on the masked visible text: offsets index the original article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..text.abbreviations import find_definitions as text_definitions
from ..vocabulary.acronyms import holds_acronym
from ..vocabulary.codes import code_expansions, find_codes, parse_code
from ..vocabulary.inflection import base_form
from ..vocabulary.initials import spells_out

# An acronym inside a definition: capitals, digits, "&", lower-case letters after the first
# capital (eNPS, CCaaS, SaaS) and an optional plural.
_ACR = r"[0-9]*[A-Za-z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*"
# Inside parentheses the acronym may have a spaced part, as glossaries write "SOC 2".
_PAREN_AFTER = re.compile(r"\(\s*(?P<acr>" + _ACR + r"(?: [0-9A-Z]{1,4})?)\s*\)")
_PAREN_ACR_FIRST = re.compile(
    r"(?<![\w&])(?P<acr>" + _ACR + r")(?![\w&])[ \t]*\((?P<long>[^()\n]{3,160})\)"
)
_OR_ACR = re.compile(r"(?<![\w-])or\s+(?P<acr>" + _ACR + r")(?![\w&])")
_EMPHASIS = re.compile(r"[*_]+")
# A glossary entry (emphasis already blanked): a line, list item or table row opening with the
# acronym, a separator, then the words of the clause.
_ENTRY = re.compile(
    r"^[ \t]*+(?:[-*+\u2022][ \t]++|\d{1,3}[.)][ \t]++)?(?P<acr>" + _ACR + r")(?![\w&])"
    r"[ \t]*+(?:[:=\u2013\u2014-]|(?<=[ \t]{2}))[ \t]*+(?P<long>[^\n.;:()|]{3,160})",
    re.MULTILINE,
)
_PAREN_DASHED = re.compile(
    r"\((?P<long>[^()\n]{3,160}?)[ \t]+[\u2013\u2014-][ \t]+(?P<acr>" + _ACR + r")[ \t]*\)"
)
_FORMS = {"long_short": "expansion (ACR)", "short_long": "ACR (expansion)", "or": "expansion or ACR"}

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
    visible: str, end: int, acronym: str, known: Callable[[str], Iterable[str]], *, lenient: bool = True
) -> str | None:
    """A glossary expansion (or, if ``lenient``, a capitalised run) ending right before ``end``."""
    words = _preceding_words(visible, end, _max_words(acronym) + 2)
    if not words:
        return None
    joined = " ".join(w.group() for w in words)
    folded = joined.casefold()
    for expansion in known(acronym):
        expansion = " ".join(expansion.split())
        if expansion and folded.endswith(expansion.casefold()):
            start = len(folded) - len(expansion)
            if start == 0 or folded[start - 1] == " ":
                return joined[start:]
    if not lenient:
        return None
    run = _capitalised_run(words)
    if any(holds_acronym(w.group(), acronym) for w in run):
        # "FRT'sFirst Response Time (FRT)": the acronym glued to the words, not defined by
        # them (taken as an expansion, --fix would insert it around the acronym forever).
        return None
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
    # Emphasis markers are transparent: "**SLA** (Service Level Agreement)" is the
    # "ACR (expansion)" form. Blanking them keeps every offset.
    visible = _EMPHASIS.sub(lambda m: " " * len(m.group()), visible)
    found: dict[int, Definition] = {}
    for d in text_definitions(visible, or_form=True):
        found.setdefault(
            d["short_start"],
            Definition(base_form(d["short"]), d["long"], d["short_start"], d["short_end"],
                       _FORMS.get(d["form"], d["form"])),
        )

    def glossary_long(match: re.Match, acronym: str) -> str | None:
        long = " ".join(match.group("long").split())
        return long if any(long.casefold() == " ".join(k.split()).casefold() for k in known(acronym)) else None

    # Each form: where its acronym is, and the expansion it gives (None: no definition). The
    # first form to claim an acronym's position keeps it.
    forms: tuple[tuple[re.Pattern, Callable[[re.Match, str], str | None], str], ...] = (
        (_PAREN_AFTER, lambda m, acronym: _expansion_before(visible, m.start(), acronym, known), "expansion (ACR)"),
        (_PAREN_ACR_FIRST, glossary_long, "ACR (expansion)"),
        # "workforce management or WFM": the text engine is strict about this form (it is far
        # more often a plain "or"); a glossary expansion before "or ACR" is accepted whatever
        # its initials.
        (_OR_ACR, lambda m, acronym: _expansion_before(visible, m.start(), acronym, known, lenient=False),
         "expansion or ACR"),
        (_ENTRY, lambda m, acronym: _entry_expansion(acronym, m.group("long"), known), "ACR: expansion"),
        (_PAREN_DASHED, lambda m, acronym: _dashed_expansion(acronym, m.group("long")), "expansion (ACR)"),
    )
    for pattern, expansion_of, form in forms:
        for match in pattern.finditer(visible):
            start = match.start("acr")
            if start in found:
                continue
            acronym = base_form(match.group("acr"))
            expansion = expansion_of(match, acronym)
            if expansion:
                found[start] = Definition(acronym, expansion, start, match.end("acr"), form)

    for definition in _code_definitions(visible):
        found.setdefault(definition.start, definition)
    return sorted((_canonical(d) for d in found.values()), key=lambda d: d.start)


def _dashed_expansion(acronym: str, long: str) -> str | None:
    """The fewest words ending ``long`` that spell ``acronym`` out ("(Direct to Call - DTC)")."""
    words = _WORD.findall(long)[-(_max_words(acronym) + 1) :]
    return next((" ".join(words[i:]) for i in range(len(words) - 1, -1, -1)
                 if spells_out(acronym, " ".join(words[i:]))), None)  # fmt: skip


def _entry_expansion(acronym: str, clause: str, known: Callable[[str], Iterable[str]]) -> str | None:
    """The fewest words opening ``clause`` that spell ``acronym`` out, or a glossary expansion
    it opens with; None when neither ("SLA: we missed it" defines nothing)."""
    words = _WORD.findall(clause)[: _max_words(acronym) + 1]
    folded = " ".join(words).casefold()
    for expansion in known(acronym):
        expansion = " ".join(expansion.split()).casefold()
        if expansion and (folded == expansion or folded.startswith(expansion + " ")):
            return " ".join(words[: len(expansion.split())])
    for count in range(1, len(words) + 1):
        phrase = " ".join(words[:count])
        if spells_out(acronym, phrase):
            return phrase
    return None


def _canonical(definition: Definition) -> Definition:
    """A code's definition is its canonical acronym's (``(Sev2)`` defines ``SEV2``)."""
    code = parse_code(definition.acronym)
    if code is None or code.acronym == definition.acronym:
        return definition
    return Definition(code.acronym, definition.expansion, definition.start, definition.end, definition.form)


_OPEN_BEFORE = re.compile(r"\(\s*$")
_CLOSE_AFTER = re.compile(r"\s*\)")
_PAREN_AFTER_CODE = re.compile(r"[ \t]*\(\s*(?P<long>[A-Za-z]+\s+[0-4])\s*\)")


def _code_definitions(visible: str) -> Iterable[Definition]:
    """``Priority 1 (p1)`` and ``sev 2 (Severity 2)``: a code next to its level spelled out."""
    for mention in find_codes(visible):
        expansions = code_expansions(mention.code)
        before = visible[max(0, mention.start - 40) : mention.start]
        opened = _OPEN_BEFORE.search(before)
        if opened and _CLOSE_AFTER.match(visible, mention.end):
            words = _WORD.findall(before[: opened.start()])[-2:]
            # "Priority 1s (P1s)": the plural --fix writes for a plural use.
            if len(words) == 2 and " ".join(words).casefold().removesuffix("s") in expansions:
                yield Definition(mention.code.acronym, " ".join(words), mention.start, mention.end, "expansion (ACR)")
                continue
        after = _PAREN_AFTER_CODE.match(visible, mention.end)
        if after and " ".join(after.group("long").split()).casefold() in expansions:
            long = " ".join(after.group("long").split())
            yield Definition(mention.code.acronym, long, mention.start, mention.end, "ACR (expansion)")
