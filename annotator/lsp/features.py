"""One function per LSP feature, registered on an :class:`~annotator.lsp.server.AnnotatorServer`,
and :func:`create_server`, a server with all of them.

Handlers convert positions at the edge (:mod:`.positions`) and leave the work to
:mod:`.analysis`, :mod:`.hover` and :mod:`.actions`.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from pathlib import Path

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path

from . import actions, engine
from .analysis import span_at
from .documents import DEFINED, EVERYTHING, SPANS, Document
from .hover import acronym_base, prefer_document_sense, render
from .positions import LineIndex
from .server import LINT_WORKSPACE, WATCHED, AnnotatorServer

#: What a hover reads: the spans, and the in-text definitions for unknown acronyms and senses.
HOVER_NEEDS = frozenset({SPANS, DEFINED})


def register(server: AnnotatorServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: AnnotatorServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("debounceMs"), (int, float)) and options["debounceMs"] >= 0:
            ls.debounce = options["debounceMs"] / 1000
        if isinstance(options.get("maxDocumentLength"), int) and options["maxDocumentLength"] > 0:
            ls.max_length = options["maxDocumentLength"]
        if isinstance(options.get("docsUrl"), str):
            ls.docs_url = options["docsUrl"]
        ls._loop = asyncio.get_running_loop()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: AnnotatorServer, params: types.InitializedParams) -> None:
        if get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id=str(uuid.uuid4()),
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        # The lint glossary now (the first diagnostics need it), the pipeline on a side thread
        # (hovers need it; it takes longer to load and must not hold up those diagnostics).
        folders = ls.workspace_folders()
        project = await asyncio.get_running_loop().run_in_executor(
            ls.worker, ls.projects.project, folders[0] if folders else None
        )
        threading.Thread(target=project.pipeline, name="annotator-lsp-warm", daemon=True).start()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: AnnotatorServer, *args) -> None:
        ls.shutdown_worker()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AnnotatorServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = Document.open(params.text_document, ls.workspace.position_codec)
        ls.docs[doc.uri] = doc
        ls.schedule_lint(doc.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AnnotatorServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            ls.notify(f"helpdesk-annotator: change to a document that is not open: {params.text_document.uri}")
            return
        if params.text_document.version < doc.version:
            # Out of order: applying it would corrupt the text; the editor's next full sync
            # (or reopening the document) repairs what the server holds.
            ls.notify(
                f"helpdesk-annotator: ignored change version {params.text_document.version} of "
                f"{params.text_document.uri}, older than version {doc.version} already applied"
            )
            return
        doc.change(params.text_document.version, params.content_changes)
        ls.schedule_lint(doc.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AnnotatorServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.docs.pop(uri, None)
        ls._caches.pop(uri, None)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: AnnotatorServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.projects.invalidate()
        for doc in ls.docs.values():
            doc.analysis = None
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: AnnotatorServer, params: types.HoverParams) -> types.Hover | None:
        doc = ls.document(params.text_document.uri)
        result = await ls.analysis_for(doc, HOVER_NEEDS)
        index = doc.index
        span = span_at(result.spans, index.offset(params.position))
        if span is None:
            return None
        span = prefer_document_sense(span, result.defined)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=render(span, result.defined)),
            range=index.range(span.start, span.end),
        )

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    async def highlight(ls: AnnotatorServer, params: types.DocumentHighlightParams):
        doc = ls.document(params.text_document.uri)
        result = await ls.analysis_for(doc, frozenset({SPANS}))
        index = doc.index
        span = span_at(result.spans, index.offset(params.position))
        if span is None:
            return None
        same = [s for s in result.spans if _same_term(s, span)]
        return [types.DocumentHighlight(range=index.range(s.start, s.end), kind=types.DocumentHighlightKind.Text) for s in same]

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(ls: AnnotatorServer, params: types.CodeActionParams):
        doc = ls.document(params.text_document.uri)
        result = await ls.analysis_for(doc, EVERYTHING)
        index = doc.index
        start, end = index.offset(params.range.start), index.offset(params.range.end)
        project = await asyncio.get_running_loop().run_in_executor(ls.worker, ls.projects.project, doc.folder)
        can_create = bool(
            get_capability(ls.client_capabilities, "workspace.workspace_edit.resource_operations", None)
            and types.ResourceOperationKind.Create
            in get_capability(ls.client_capabilities, "workspace.workspace_edit.resource_operations", [])
        )
        ctx = actions.Context(project, doc.codec, ls.read_file, ls.folder_for_new_config(doc), can_create)
        return actions.code_actions(doc, result, start, min(max(start, end), len(doc.text)), ctx) or None

    @server.command(LINT_WORKSPACE)
    async def lint_workspace(ls: AnnotatorServer, *args) -> dict:
        return await _lint_workspace(ls)


def _same_term(other, span) -> bool:
    """Another use of ``span``'s term: the same concept, or the same acronym whatever sense
    each paragraph chose for it (unknown acronyms match by their letters)."""
    if span.is_acronym and other.is_acronym and acronym_base(other.text) == acronym_base(span.text):
        return True
    return not span.unknown and not other.unknown and other.key == span.key


async def _lint_workspace(ls: AnnotatorServer) -> dict:
    """Lint every article under the workspace folders, with progress; returns a summary."""
    loop = asyncio.get_running_loop()
    folders = ls.workspace_folders()
    token = str(uuid.uuid4())
    progress = bool(get_capability(ls.client_capabilities, "window.work_done_progress", False))
    paths = await loop.run_in_executor(ls.worker, _paths, folders)
    if progress:
        await ls.work_done_progress.create_async(token)
        ls.work_done_progress.begin(
            token, types.WorkDoneProgressBegin(title="Linting workspace", percentage=0, cancellable=False)
        )
    total = errors = 0
    for number, path in enumerate(paths, 1):
        uri = from_fs_path(str(path))
        open_doc = ls.docs.get(uri)
        published = await loop.run_in_executor(ls.worker, _lint_file, ls, path, open_doc)
        if published is None:
            errors += 1
        else:
            diagnostics, version = published
            total += len(diagnostics)
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )
        if progress:
            ls.work_done_progress.report(
                token, types.WorkDoneProgressReport(message=f"{number}/{len(paths)} {path.name}",
                                                    percentage=number * 100 // max(len(paths), 1))
            )  # fmt: skip
    if progress:
        ls.work_done_progress.end(token, types.WorkDoneProgressEnd(message=f"{total} findings in {len(paths)} files"))
        ls.work_done_progress.tokens.pop(token, None)  # pygls keeps every ended token otherwise
    return {"files": len(paths), "findings": total, "unreadable": errors}


def _paths(folders: list[Path]) -> list[Path]:
    return [path for path, _, _ in engine.workspace_articles(folders, read=False)]


def _lint_file(ls: AnnotatorServer, path: Path, doc: Document | None):
    """Worker thread: diagnostics for one file (the open buffer's text if it is open)."""
    try:
        if doc is not None:
            text, fmt, version = doc.text, doc.format, doc.version
        else:
            found = next(iter(engine.workspace_articles([path])))
            _, text, fmt = found
            version = None
            if not isinstance(text, str):
                return None
        if fmt is None or len(text) > ls.max_length:
            return [], version
        project = ls.projects.project(path.parent)
        index = LineIndex(text, ls.workspace.position_codec)
        return [actions.diagnostic(f, index, ls.docs_url) for f in engine.lint(project, text, fmt)], version
    except Exception:
        return None


def create_server(**options) -> AnnotatorServer:
    """A server with every feature registered (``options`` go to :class:`AnnotatorServer`)."""
    server = AnnotatorServer(**options)
    register(server)
    return server
