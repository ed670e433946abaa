"""Hover text: what a term means, where that comes from, and for an ambiguous acronym which
meaning is likely and why.

Pure functions over :class:`~annotator.lsp.engine.Span` values and the document's in-text
definitions; Markdown out. Glossary text is escaped, so a definition written as Markdown or
HTML in a user glossary shows as the characters it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .engine import Span

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")

NOT_IN_GLOSSARY = "not in the glossary"


def escape(text: str) -> str:
    """``text`` shown literally in Markdown (no emphasis, links or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@dataclass(frozen=True)
class InText:
    """An acronym's definition in the document itself."""

    expansion: str
    line: int  # 1-based, for the reader


def prefer_document_sense(span: Span, defined: Mapping[str, InText]) -> Span:
    """Put first the sense that the document itself spells out, when it spells one out.

    A block is annotated on its own; the article may define the acronym in another paragraph,
    and an expansion in the same document beats every other clue.
    """
    found = defined.get(acronym_base(span.text))
    if found is None or len(span.senses) < 2:
        return span
    wanted = found.expansion.casefold()
    for index, sense in enumerate(span.senses):
        if str(sense.get("term", "")).casefold() == wanted:
            chosen = {**sense, "reason": f"the document defines it on line {found.line}"}
            rest = span.senses[:index] + span.senses[index + 1 :]
            return _with_senses(span, (chosen, *rest))
    return span


def _with_senses(span: Span, senses: tuple[dict, ...]) -> Span:
    from dataclasses import replace

    first = senses[0]
    return replace(
        span, senses=senses, term=first.get("term", span.term), term_id=first.get("term_id", span.term_id),
        definition=first.get("definition", span.definition),
    )  # fmt: skip


def acronym_base(text: str) -> str:
    """``SLAs`` / ``SLA's`` -> ``SLA``; anything else unchanged."""
    for suffix in ("'s", "\u2019s", "es", "s"):
        if text.endswith(suffix) and text[: -len(suffix)].isupper():
            return text[: -len(suffix)]
    return text


def render(span: Span, defined: Mapping[str, InText]) -> str:
    """The hover Markdown for ``span``."""
    acronym = acronym_base(span.text) if span.is_acronym else None
    if span.unknown or (span.term is None and not span.senses):
        found = defined.get(acronym or span.text)
        if found is not None:
            return (
                f"**{escape(found.expansion)}** ({escape(acronym or span.text)})\n\n"
                f"Defined in this document, line {found.line}; {NOT_IN_GLOSSARY}."
            )
        return f"**{escape(span.text)}**: {NOT_IN_GLOSSARY}."
    if len(span.senses) > 1:
        return _ambiguous(span, acronym)
    title = f"**{escape(span.term or span.text)}**"
    if acronym and acronym != span.term:
        title += f" ({escape(acronym)})"
    parts = [title]
    if span.definition:
        parts.append(escape(span.definition))
    elif span.senses and span.senses[0].get("definition"):
        parts.append(escape(span.senses[0]["definition"]))
    parts.append(_source(span.source))
    return "\n\n".join(parts)


def _source(source: str | None) -> str:
    if source == "document":
        return "_Source: defined in this document_"
    return f"_Source: {escape(source)}_" if source else "_Source: glossary_"


def _ambiguous(span: Span, acronym: str | None) -> str:
    name = escape(acronym or span.text)
    lines = [f"**{name}** is ambiguous: {len(span.senses)} senses, the likely one first.", ""]
    for number, sense in enumerate(span.senses, 1):
        term = escape(sense.get("term") or "?")
        reason = escape(sense.get("reason") or "")
        label = "likely" if number == 1 else "also"
        lines.append(f"{number}. **{term}** ({label}: {reason})")
        if sense.get("definition"):
            lines.append(f"   {escape(sense['definition'])}")
    lines += ["", _source(span.source)]
    return "\n".join(lines)
