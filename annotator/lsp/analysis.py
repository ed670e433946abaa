"""One document version -> spans, in-text definitions and lint findings.

Runs on the server's worker thread (the only thread that touches a pipeline). Spans come from
the per-paragraph cache; the whole-document facts -- where acronyms are defined, the lint
findings, which use of a term is the first -- are recomputed for the whole text, by the
linter's regular-expression pass, which is cheap next to annotation.
"""

from __future__ import annotations

from dataclasses import replace

from . import engine
from .documents import DEFINED, FINDINGS, SPANS, Analysis
from .hover import InText
from .paragraphs import BlockCache
from .positions import LineIndex


def new_cache(project: engine.Project) -> BlockCache[engine.Span]:
    return BlockCache(lambda block: engine.annotate_block(project, block), engine.Span.shifted)


def spans(text: str, format: str, cache: BlockCache[engine.Span]) -> list[engine.Span]:
    """Every annotated span of ``text``; a repeated term gets its first use's definition and
    senses (the product sends them once per concept and block)."""
    found = cache.annotate(engine.visible(text, format))
    first: dict[str, engine.Span] = {}
    out = []
    for span in found:
        if span.unknown:
            out.append(span)
            continue
        if span.definition is not None or span.senses:
            first.setdefault(span.key, span)
            out.append(span)
            continue
        full = first.get(span.key)
        out.append(replace(span, definition=full.definition, senses=full.senses) if full else span)
    return out


def in_text_definitions(text: str, format: str, project: engine.Project) -> dict[str, InText]:
    """The first in-text definition of each acronym, with its 1-based line."""
    index: LineIndex | None = None
    out: dict[str, InText] = {}
    for definition in engine.definitions(text, format, project):
        if definition.acronym in out:
            continue
        index = index or LineIndex(text)
        out[definition.acronym] = InText(definition.expansion, index.position(definition.start).line + 1)
    return out


def complete(
    result: Analysis, text: str, format: str, project: engine.Project, cache: BlockCache[engine.Span],
    need: frozenset[str],
) -> Analysis:
    """Fill in the parts of ``result`` (an analysis of ``text``) that ``need`` names."""
    missing = result.missing(need)
    if SPANS in missing:
        result.spans = spans(text, format, cache)
    if DEFINED in missing:
        result.defined = in_text_definitions(text, format, project)
    if FINDINGS in missing:
        result.findings = engine.lint(project, text, format)
    return result


def span_at(found: list[engine.Span], offset: int) -> engine.Span | None:
    """The span under ``offset`` (a cursor right after a word still counts); known terms win
    over unknown acronyms, the shortest span over a longer one."""
    hits = [s for s in found if s.start <= offset <= s.end]
    if not hits:
        return None
    hits.sort(key=lambda s: (s.unknown, offset == s.end, s.end - s.start))
    return hits[0]
