"""The lint rules: acronyms used without a definition at or before their first use.

One pure function, :func:`lint_text`, does the work: mask the markup, find definitions, find
acronym uses, and report each acronym once, at its first use, under exactly one code:

=====  =====================  ==============================================================
code   name                   when
=====  =====================  ==============================================================
HA001  undefined-acronym      used, never defined in the article
HA002  defined-after-use      used before the article defines it
HA003  ambiguous-acronym      a glossary acronym with several senses, never defined
=====  =====================  ==============================================================

HA003 replaces HA001 for ambiguous glossary acronyms (the reader needs to know *which*
meaning, so the message lists the senses); disabling HA003 silences those findings, it does
not turn them back into HA001. An ambiguous acronym defined late is HA002 like any other.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from ..glossary.model import Glossary
from ..runtime import budget
from ..text.markup import LineIndex, find_front_matter, next_sentence, visible_text
from ..text.markup import headings as markup_headings
from ..vocabulary.acronyms import is_caps_acronym
from ..vocabulary.codes import code_of_acronym
from .config import LintConfig
from .definitions import Definition, find_definitions
# RULES is re-exported: the rule table lived here, and callers still import it from here.
from .findings import RULES as RULES
from .findings import Finding
from .scan import Token, scan
from .structure import Heading, text_headings
from .words import (
    UNITS,
    caps_runs_with_words,
    follows_number,
    is_ordinary_word,
    never_acronym,
    non_caps_vocabulary,
)


#: Front-matter keys whose values are prose for the linter (the page's title and summary);
#: tags, categories, owners and sidebar labels are metadata.
FRONT_MATTER_PROSE = ("title", "description")


def lint_visible(text: str, format: str) -> str:
    """The visible prose the rules read: the markup engine's ``visible_text`` with only the
    ``title`` and ``description`` front-matter values shown."""
    return visible_text(text, format, front_matter_keys=FRONT_MATTER_PROSE)


def _known_expansions(glossary: Glossary):
    def known(acronym: str) -> Iterable[str]:
        return [c.term for c in glossary.by_acronym.get(acronym, ())]

    return known


def _earliest_definitions(
    text: str, masked: str, format: str, definitions: list[Definition], uses: dict[str, list[Token]]
) -> dict[str, tuple[int, Definition]]:
    """Per acronym: the offset from which it counts as defined, and the definition.

    Usually the offset of the acronym inside its first definition. The heading exception moves
    it to the first use when that use is a bare acronym in a title/heading and the first body
    sentence after the heading defines it. Only the first use matters: a definition covers
    everything after it.
    """
    earliest: dict[str, tuple[int, Definition]] = {}
    by_acronym: dict[str, list[Definition]] = {}
    for definition in definitions:
        earliest.setdefault(definition.acronym, (definition.start, definition))
        by_acronym.setdefault(definition.acronym, []).append(definition)
    late = [a for a, (offset, _) in earliest.items() if a in uses and uses[a][0].start < offset]
    if not late:
        return earliest  # nothing defined late: no need to look for headings (a second parse)
    found = _headings(text, format)
    starts = [h.start for h in found]
    for acronym in late:
        first = uses[acronym][0].start
        index = bisect_right(starts, first) - 1
        if index < 0 or not found[index].start <= first < found[index].end:
            continue
        heading = found[index]
        # The first sentence after the heading line (for a front-matter title: the description
        # when there is one), and for a front-matter title also the body's first sentence.
        spans = [_sentence_after_line(masked, heading.end)]
        if heading.front_matter:
            body = _after_front_matter(text)
            spans.append(_sentence_after_line(masked, body - 1) if body else None)
        for definition in by_acronym[acronym]:
            if any(span and span[0] <= definition.start < span[1] for span in spans):
                earliest[acronym] = (first, definition)
                break
    return earliest


_UNDERLINE = re.compile(r"[ \t]*([!-/:-@\[-`{-~])\1{2,}[ \t]*")


def _sentence_after_line(masked: str, offset: int) -> tuple[int, int] | None:
    """The first sentence on the lines after the one holding ``offset``, skipping blank lines
    and heading underlines ("====", "----")."""
    pos = masked.find("\n", offset)
    while pos >= 0:
        nl = masked.find("\n", pos + 1)
        line = masked[pos + 1 : len(masked) if nl < 0 else nl].strip("\r")
        if line.strip() and not _UNDERLINE.fullmatch(line):
            return next_sentence(masked, pos + 1)
        pos = nl
    return None


def _headings(text: str, format: str) -> list[Heading]:
    if format == "text":
        return text_headings(text)
    front_end = _after_front_matter(text) if format == "markdown" else 0
    return [Heading(start, end, front_matter=start < front_end) for start, end in markup_headings(text, format)]


def _after_front_matter(text: str) -> int:
    """Offset just past a leading YAML front-matter block (0 when there is none)."""
    found = find_front_matter(text)
    return found.end if found else 0


def _is_acronym_use(
    token: Token, glossary: Glossary, defined: set[str], lower_words: set[str]
) -> bool:
    if token.base in glossary.by_acronym or token.base in defined:
        return True
    if token.text in glossary.by_acronym or token.text in defined:
        return True
    if not is_caps_acronym(token.base) or never_acronym(token.base):
        return False
    return not is_ordinary_word(token.base, lower_words)


def _is_handle(text: str, start: int) -> bool:
    """``@TAM``, ``#SLA``: a mention or a channel names someone or somewhere, it is not prose
    that uses the acronym (the markup engine may show the name for annotation)."""
    return start > 0 and text[start - 1] in "@#"


def acronym_uses(
    masked: str, glossary: Glossary, defined: set[str], allow: frozenset[str], text: str | None = None
) -> dict[str, list[Token]]:
    """Uses of every acronym that needs a definition, by base form, in text order.

    ``text`` is the original of ``masked``, consulted for what masking hides (handles).
    """
    text = masked if text is None else text
    lower_words = non_caps_vocabulary(masked)
    known = glossary.by_acronym.keys() | defined
    # Priority and severity codes are uses however they are written (``p1``, ``sev 2``): an
    # author who writes them still owes the reader the scale they belong to.
    codes = [acronym for acronym in glossary.by_acronym if code_of_acronym(acronym)]
    tokens = scan(masked, phrases=glossary.by_acronym.keys(), codes=codes)
    # Allow entries are compared regardless of case: "wfm" in a config means the acronym WFM.
    allowed = {a.casefold() for a in allow}
    candidates = [
        t
        for t in tokens
        if t.base.casefold() not in allowed and t.text.casefold() not in allowed
        if not _is_handle(text, t.start)
        if not (t.base in UNITS and follows_number(masked, t.start))
        if _is_acronym_use(t, glossary, defined, lower_words)
    ]
    # Shouted phrases: an unknown caps token next to a caps *word* is part of the shouting
    # ("SLACK CHANNEL"); glossary and defined acronyms are never words.
    caps = [(t.text, t.start, t.end) for t in tokens if t.text.isupper() and len(t.text) > 1]
    words = {t for t, _, _ in caps if t not in known and is_ordinary_word(t, lower_words)}
    shouted = caps_runs_with_words(caps, masked, words) - known
    uses: dict[str, list[Token]] = {}
    for token in candidates:
        if token.base in shouted or token.text in shouted:
            continue
        # "SaaS"-like glossary acronyms are keyed as written; everything else by base form.
        key = token.text if token.base not in known and token.text in known else token.base
        uses.setdefault(key, []).append(token)
    return uses


def _quote(expansion: str, acronym: str) -> str:
    return f'"{expansion} ({acronym})"'


def _judge(
    acronym: str,
    first: Token,
    glossary: Glossary,
    definition: tuple[int, Definition] | None,
    index: LineIndex,
) -> Finding | None:
    """The one finding for ``acronym`` (first used at ``first``), or None if it is defined."""
    line, col = index.line_col(first.start)
    where = dict(
        acronym=acronym, text=first.text, start=first.start, end=first.end,
        line=line, col=col, end_col=col + (first.end - first.start),
    )  # fmt: skip
    if definition is not None:
        offset, found = definition
        if offset <= first.start:
            return None
        def_line, def_col = index.line_col(found.start)
        return Finding(
            code="HA002",
            message=f"{acronym} is used before its definition at {def_line}:{def_col}; "
            f"define it at first use: {_quote(found.expansion, acronym)}",
            expansion=found.expansion,
            defined_at=def_line,
            definition=(found.start, found.end, found.form),
            **where,
        )
    concepts = glossary.by_acronym.get(acronym, [])
    if len(concepts) > 1:
        senses = tuple(c.term for c in concepts)
        listed = " or ".join(_quote(sense, acronym) for sense in senses)
        return Finding(
            code="HA003",
            message=f"{acronym} is ambiguous and never defined; say which meaning: {listed}",
            senses=senses,
            **where,
        )
    if concepts:
        term = concepts[0].term
        return Finding(
            code="HA001",
            message=f"{acronym} is used but never defined; did you mean {_quote(term, acronym)}?",
            expansion=term,
            **where,
        )
    return Finding(
        code="HA001",
        message=f"{acronym} is used but never defined; spell it out at first use",
        **where,
    )


def lint_text(
    text: str,
    format: str = "text",
    *,
    glossary: Glossary | None = None,
    config: LintConfig | None = None,
) -> list[Finding]:
    """Lint one article. ``format`` is "text", "markdown", "html" or "rst".

    Returns findings sorted by position; offsets index ``text`` as given.
    """
    glossary = glossary if glossary is not None else Glossary()
    config = config if config is not None else LintConfig()
    masked = lint_visible(text, format)
    budget.check()  # between stages: a service request's work budget (runtime.budget)
    definitions = find_definitions(masked, _known_expansions(glossary))
    budget.check()
    defined = {d.acronym for d in definitions}
    uses = acronym_uses(masked, glossary, defined, config.allowlist, text)
    budget.check()
    earliest = _earliest_definitions(text, masked, format, definitions, uses)
    index = LineIndex(text)

    findings = [
        finding
        for acronym, tokens in uses.items()
        if (finding := _judge(acronym, tokens[0], glossary, earliest.get(acronym), index))
    ]
    findings = [f for f in findings if f.code not in config.disable]
    findings.sort(key=lambda f: (f.start, f.code))
    return findings
