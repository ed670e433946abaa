"""Lint findings as diagnostics, and the quick fixes that answer them.

Every fix is a :class:`~lsprotocol.types.WorkspaceEdit` of exact ranges: insertions around the
first use (the same text ``lint --fix`` inserts), an insertion into the project's config file,
or a row appended to the project's glossary CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from . import engine, projectedit
from .analysis import span_at
from .documents import Analysis, Document
from .positions import LineIndex

SOURCE = "helpdesk-annotator"

def _local_rules_page() -> str:
    """The rules section of the checkout's ``docs/lint.md`` as a ``file:`` URI.

    The project publishes no documentation site, so the link goes to the page that ships with
    the source; a team with its own copy sets the ``docsUrl`` initialization option.
    """
    return (Path(__file__).resolve().parents[2] / "docs" / "lint.md").as_uri() + "#rules"


#: Where each rule is documented; ``{code}`` is filled with the lower-case rule code.
DEFAULT_DOCS_URL = _local_rules_page()

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def diagnostic(finding: engine.Finding, index: LineIndex, docs_url: str = DEFAULT_DOCS_URL) -> types.Diagnostic:
    rule = finding.rule
    return types.Diagnostic(
        range=index.range(finding.start, finding.end),
        message=finding.message,
        severity=_SEVERITY.get(rule.level, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=docs_url.format(code=finding.code.lower())),
        source=SOURCE,
        data={"acronym": finding.acronym, "rule": rule.name},
    )


@dataclass(frozen=True)
class FileText:
    """A project file as the editor has it: ``version`` is None for a file read from disk."""

    path: Path
    text: str
    version: int | None = None


@dataclass(frozen=True)
class Context:
    """What the code-action builder needs besides the document."""

    project: engine.Project
    codec: PositionCodec
    read: Callable[[Path], FileText | None]  # open editor buffer first, then disk
    new_config_dir: Path | None  # where to create a config file when there is none
    can_create_files: bool = True


def code_actions(doc: Document, analysis: Analysis, start: int, end: int, ctx: Context) -> list[types.CodeAction]:
    """Quick fixes for the findings that overlap ``[start, end]`` (code points)."""
    out: list[types.CodeAction] = []
    seen: set[str] = set()
    for finding in analysis.findings or ():
        if finding.end < start or finding.start > end:
            continue
        diag = diagnostic(finding, doc.index)
        out += _spell_out(doc, analysis, finding, diag)
        if finding.acronym not in seen:
            seen.add(finding.acronym)
            out += _allow(finding.acronym, diag, ctx)
    for acronym in _defined_unknown_acronyms(analysis, start, end, ctx.project):
        out += _add_to_glossary(doc, analysis, acronym, ctx)
    return out


def _doc_edit(doc: Document, edits: list[tuple[int, int, str]]) -> types.WorkspaceEdit:
    text_edits = [types.TextEdit(range=doc.index.range(s, e), new_text=new) for s, e, new in edits]
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
                edits=text_edits,
            )
        ]
    )


def _spell_out(doc: Document, analysis: Analysis, finding: engine.Finding, diag: types.Diagnostic) -> list:
    fmt = doc.format or "text"
    if finding.code == "HA003":
        span = span_at(analysis.spans, finding.start)
        senses = [s.get("term") for s in span.senses] if span and len(span.senses) > 1 else list(finding.senses)
        choices = [(sense, engine.spell_out_edits(doc.text, finding, fmt, expansion=sense)) for sense in senses if sense]
    else:
        choices = [(finding.expansion, engine.spell_out_edits(doc.text, finding, fmt))]
    out = []
    for number, (sense, edits) in enumerate(choices):
        if edits is None:
            continue
        prefix, suffix = edits[0][2], edits[1][2]
        title = f"Spell out at first use: {prefix}{finding.text}{suffix}"
        if finding.code == "HA003":
            title = f"Spell out {finding.acronym} as {sense}" + (" (likely)" if number == 0 else "")
        out.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=number == 0,
                edit=_doc_edit(doc, edits),
            )
        )
    return out


def _file_edit(file: FileText, edit: projectedit.Edit, codec: PositionCodec) -> types.TextDocumentEdit:
    start, end, new = edit
    index = LineIndex(file.text, codec)
    return types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=from_fs_path(str(file.path)), version=file.version),
        edits=[types.TextEdit(range=index.range(start, end), new_text=new)],
    )


def _allow(acronym: str, diag: types.Diagnostic, ctx: Context) -> list[types.CodeAction]:
    title = f"Allow {acronym} in this project"
    source = ctx.project.config.source
    if source is not None:
        file = ctx.read(source)
        if file is None:
            return []
        edit = projectedit.allow_edit(file.text, source, acronym)
        if edit is None:
            return []
        changes: list = [_file_edit(file, edit, ctx.codec)]
    elif ctx.new_config_dir is not None and ctx.can_create_files:
        path = ctx.new_config_dir / engine.CONFIG_FILE
        uri = from_fs_path(str(path))
        changes = [
            types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)),
            _file_edit(FileText(path, ""), (0, 0, projectedit.new_config(acronym)), ctx.codec),
        ]
    else:
        return []
    return [
        types.CodeAction(
            title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
            edit=types.WorkspaceEdit(document_changes=changes),
        )  # fmt: skip
    ]


def _defined_unknown_acronyms(analysis: Analysis, start: int, end: int, project: engine.Project) -> list[str]:
    """Acronyms under the range that the document defines and the glossary lacks."""
    out = []
    for span in analysis.spans:
        if span.end < start or span.start > end or not span.is_acronym:
            continue
        acronym = span.text
        if acronym in analysis.defined and not project.concepts(acronym) and acronym not in out:
            out.append(acronym)
    for finding in analysis.findings or ():
        if finding.end < start or finding.start > end:
            continue
        acronym = finding.acronym
        if acronym in analysis.defined and not project.concepts(acronym) and acronym not in out:
            out.append(acronym)
    return out


def _add_to_glossary(doc: Document, analysis: Analysis, acronym: str, ctx: Context) -> list[types.CodeAction]:
    csvs = [p for p in ctx.project.config.glossary if p.suffix.lower() == ".csv"]
    if not csvs:
        return []
    file = ctx.read(csvs[0])
    if file is None:
        return []
    found = analysis.defined[acronym]
    definition = _definition_sentence(doc, acronym, found.expansion)
    edit = projectedit.glossary_row_edit(file.text, found.expansion, acronym, definition)
    if edit is None:
        return []
    return [
        types.CodeAction(
            title=f"Add {acronym} ({found.expansion}) to the glossary {csvs[0].name}",
            kind=types.CodeActionKind.QuickFix,
            edit=types.WorkspaceEdit(document_changes=[_file_edit(file, edit, ctx.codec)]),
        )
    ]


def _definition_sentence(doc: Document, acronym: str, expansion: str) -> str:
    """The sentence where the document defines the acronym, as the glossary definition."""
    visible = engine.visible(doc.text, doc.format or "text")
    at = visible.find(f"({acronym})")
    if at < 0:
        at = visible.find(expansion)
    return engine.sentence_around(visible, max(at, 0)) or f"{expansion} ({acronym})"
