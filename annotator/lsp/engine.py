"""The language server's one door into the product.

Everything the server needs from the annotator -- configuration discovery, glossary and
pipeline loading, visible text, annotation of a block of prose, lint findings, the ``--fix``
edit -- goes through this module and only this module, so that a change of the product's
internals changes this file and nothing else in :mod:`annotator.lsp`.

Nothing here knows about LSP: offsets are code points into the document, errors are the
product's coded :class:`~annotator.errors.AnnotatorError`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AnnotatorError
from ..glossary.model import Concept, Glossary
from ..lint.config import CONFIG_FILE, LintConfig, discover_config, find_config, parse_config, settings_table
from ..lint.definitions import Definition, find_definitions
from ..lint.findings import RULES, Finding
from ..lint.fix import expansion_edit, late_definition  # the exact edits ``lint --fix`` makes
from ..lint.rules import lint_text, lint_visible
from ..lint.runner import FORMATS_BY_SUFFIX, iter_paths, load_glossary, read_article
from ..text.markup import visible_text

if TYPE_CHECKING:  # spaCy loads only with the first pipeline: the linter does not need it
    from spacy.language import Language

#: LSP language ids -> the product's format names.
FORMAT_BY_LANGUAGE = {
    "markdown": "markdown",
    "restructuredtext": "rst",
    "rst": "rst",
    "html": "html",
    "plaintext": "text",
    "text": "text",
}

__all__ = [
    "CONFIG_FILE", "RULES", "Definition", "Finding", "Glossary", "LintConfig", "Project", "Span",
    "format_for", "parse_config_text", "load_lint_glossary", "load_pipeline", "config_for", "find_config_file", "visible", "annotate_block",
    "lint", "definitions", "spell_out", "workspace_articles",
]  # fmt: skip


def format_for(language_id: str | None, path: str | None) -> str | None:
    """The product format for a document: its language id, else its file suffix, else None."""
    if language_id and language_id.lower() in FORMAT_BY_LANGUAGE:
        return FORMAT_BY_LANGUAGE[language_id.lower()]
    if path:
        return FORMATS_BY_SUFFIX.get(Path(path).suffix.lower())
    return None


@dataclass(frozen=True, slots=True)
class Span:
    """One annotated stretch of the document (code-point offsets into the document).

    ``unknown`` marks an acronym-shaped token that is in no glossary and not defined where the
    annotator saw it; ``senses`` lists every candidate concept, the likely one first, each a
    dict with ``term``, ``definition``, ``reason``, ``score`` and ``term_id``.
    """

    start: int
    end: int
    text: str
    term_id: str | None = None
    term: str | None = None
    definition: str | None = None
    source: str | None = None
    is_acronym: bool = False
    senses: tuple[dict, ...] = ()
    unknown: bool = False

    @property
    def key(self) -> str:
        """What makes two spans "the same term" (for highlights)."""
        return self.term_id or (self.term or "").casefold() or self.text

    def shifted(self, by: int) -> Span:
        # Positional construction: ``dataclasses.replace`` costs several times more, and an
        # edit shifts every span after it.
        if not by:
            return self
        return Span(self.start + by, self.end + by, self.text, self.term_id, self.term, self.definition,
                    self.source, self.is_acronym, self.senses, self.unknown)  # fmt: skip


@dataclass(frozen=True)
class Project:
    """What one configuration loads: the lint glossary, and the annotation pipeline through
    ``pipeline()`` -- loaded on first use, because the linter (the first diagnostics) does
    not need it and it takes far longer to load."""

    config: LintConfig
    glossary: Glossary
    pipeline: Callable[[], Language] = field(repr=False, compare=False)

    @property
    def nlp(self) -> Language:
        return self.pipeline()

    @property
    def session(self):
        """The product's per-document steps for this pipeline (cheap to make: it holds the
        pipeline and a limit)."""
        # The pipeline first: its loader imports spaCy under a lock, and importing spaCy from
        # two threads at once (the warm-up thread and the worker) breaks its circular imports.
        nlp = self.nlp
        from ..session import AnnotationSession

        return AnnotationSession(nlp)

    def concepts(self, acronym: str) -> list[Concept]:
        return list(self.glossary.by_acronym.get(acronym, ()))


def find_config_file(folder: Path) -> Path | None:
    """The configuration file ``lint`` would use for a document in ``folder`` (or None)."""
    return find_config(folder)


def config_for(folder: Path | None) -> LintConfig:
    """``lint``'s configuration discovery from a document's folder (defaults when unknown).

    Raises :class:`~annotator.errors.LintError` (E402) for a file that does not load.
    """
    return discover_config(folder) if folder is not None else LintConfig()


def parse_config_text(text: str, path: Path) -> LintConfig:
    """Read configuration ``text`` as if it were the file ``path`` (raises on any error)."""
    table = settings_table(tomllib.loads(text), path)
    return LintConfig(source=path) if table is None else parse_config(table, path)


def load_lint_glossary(config: LintConfig) -> Glossary:
    """The glossary the linter uses under ``config`` (raises AnnotatorError)."""
    return load_glossary(config)


def load_pipeline(config: LintConfig) -> Language:
    """The annotation pipeline for ``config``'s glossaries (raises AnnotatorError)."""
    from ..api import load

    return load(config.glossary, builtin=config.builtin_glossary)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: str, format: str) -> str:
    """The prose annotation reads, markup blanked, same length as ``text``.

    A lone surrogate (JSON lets a client send one) becomes U+FFFD, one code point and one
    UTF-16 unit like it, so offsets stay put and the annotator never sees invalid Unicode.
    """
    return visible_text(_LONE_SURROGATE.sub("\ufffd", text), format)


def _span(record: dict, unknown: bool = False) -> Span:
    return Span(
        start=record["start"],
        end=record["end"],
        text=record["text"],
        term_id=record.get("term_id"),
        term=record.get("term"),
        definition=record.get("definition"),
        source=record.get("source"),
        is_acronym=bool(record.get("is_acronym", unknown)),
        senses=tuple(record.get("senses") or ()),
        unknown=unknown,
    )


def annotate_block(project: Project, block: str) -> list[Span]:
    """Annotate one block of already-visible prose through the product's annotation session;
    offsets index ``block``.

    A repeated term inside the block carries no definition (the product sends definitions once
    per concept); callers keep the first record of each concept.
    """
    result = project.session.annotate(block, "text", {"max_length": max(len(block), 1)})
    spans = [_span(r) for r in result["spans"]]
    spans += [_span(r, unknown=True) for r in result.get("unknown_acronyms", ())]
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def lint(project: Project, text: str, format: str) -> list[Finding]:
    """The linter's findings for ``text`` under the project's configuration."""
    return lint_text(text, format, glossary=project.glossary, config=project.config)


def definitions(text: str, format: str, project: Project | None = None) -> list[Definition]:
    """In-text acronym definitions of the whole document, in text order (what the linter
    counts as a definition, the glossary's own expansions included)."""
    glossary = project.glossary if project is not None else Glossary()

    def known(acronym: str):
        return [c.term for c in glossary.by_acronym.get(acronym, ())]

    return find_definitions(lint_visible(text, format), known)


def spell_out(finding: Finding, format: str, expansion: str | None = None) -> tuple[str, str] | None:
    """``(prefix, suffix)`` to insert around ``finding``'s first use.

    Without ``expansion`` it is exactly the edit ``lint --fix`` makes (None when the linter
    would not fix it); with one (a chosen sense of an ambiguous acronym) the same edit with
    that expansion.
    """
    if expansion is not None:
        finding = replace(finding, code="HA001", expansion=expansion)
    return expansion_edit(finding, format)


def spell_out_edits(
    text: str, finding: Finding, format: str, expansion: str | None = None
) -> list[tuple[int, int, str]] | None:
    """The ``(start, end, new_text)`` edits of ``lint --fix`` for one finding: the expansion
    around the first use and, for a late definition (HA002), that definition's parenthesis
    taken out. None when the linter would not fix it."""
    edit = spell_out(finding, format, expansion)
    if edit is None:
        return None
    prefix, suffix = edit
    edits = [(finding.start, finding.start, prefix), (finding.end, finding.end, suffix)]
    cut = late_definition(text, finding) if expansion is None else None
    if cut is not None:
        edits.append((cut[0], cut[1], ""))
    return edits


_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")


def sentence_around(text: str, offset: int) -> str:
    """The sentence of visible ``text`` holding ``offset`` (for a glossary definition)."""
    start = max(text.rfind(".", 0, offset), text.rfind("\n", 0, offset), text.rfind("!", 0, offset),
                text.rfind("?", 0, offset)) + 1  # fmt: skip
    match = _SENTENCE.match(text, offset)
    end = match.end() if match else len(text)
    return " ".join(text[start:end].split())


def workspace_articles(folders: list[Path], *, read: bool = True):
    """``(path, text, format)`` of every article ``lint`` would read under ``folders`` (just
    ``(path, None, None)`` unless ``read``); an unreadable file comes back as
    ``(path, AnnotatorError, None)`` rather than stopping the walk."""
    try:
        paths = list(iter_paths(folders))
    except AnnotatorError as exc:
        yield (folders[0] if folders else Path("."), exc, None)
        return
    for path in paths:
        if not read:
            yield (path, None, None)
            continue
        try:
            article = read_article(path)
        except AnnotatorError as exc:
            yield (path, exc, None)
            continue
        yield (path, article.text, article.format)
