"""The language server: its state (open documents, pending work, projects) and scheduling.

Threading: the asyncio loop reads messages, keeps document text and answers from stored
results; every call into the product (pipelines, the linter, file reads) runs on one worker
thread, so a pipeline is never used by two threads at once and the loop stays free to take
the next keystroke. Diagnostics are debounced per document: each change cancels the pending
run for that document, and a run that starts for a version that is no longer the latest
returns at once, so stale work is dropped rather than queued.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from . import actions, analysis, engine
from .documents import DEFINED, EVERYTHING, FINDINGS, Analysis, Document
from .projects import ProjectStore
from .protocol import Protocol

log = logging.getLogger(__name__)

NAME = "helpdesk-annotator"
LINT_WORKSPACE = "helpdesk-annotator.lintWorkspace"
#: Seconds between the last keystroke and the lint run it causes.
DEFAULT_DEBOUNCE = 0.15
#: Documents longer than this (code points) get no hover or diagnostics, and a message says so.
DEFAULT_MAX_LENGTH = 1_000_000
WATCHED = ("**/.helpdesk-annotator.toml", "**/pyproject.toml", "**/*.{csv,json,jsonl,tbx}")


class AnnotatorServer(LanguageServer):
    def __init__(self, *, debounce: float = DEFAULT_DEBOUNCE, max_length: int = DEFAULT_MAX_LENGTH) -> None:
        super().__init__(
            NAME, __version__, protocol_cls=Protocol, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.debounce = debounce
        self.max_length = max_length
        self.docs_url = actions.DEFAULT_DOCS_URL
        self.docs: dict[str, Document] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="annotator-lsp")
        self.projects = ProjectStore(self.notify_threadsafe)
        self._caches: dict[str, tuple[tuple, object]] = {}
        self._too_long: set[str] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- messages --------------------------------------------------------------------------

    def notify(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        log.warning("%s", message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def notify_threadsafe(self, message: str) -> None:
        """``notify`` from the worker thread: the message is sent by the loop's thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.notify, message)

    # -- documents -------------------------------------------------------------------------

    def document(self, uri: str) -> Document:
        doc = self.docs.get(uri)
        if doc is None:
            raise JsonRpcInvalidParams(f"unknown document {uri!r}: it was never opened (textDocument/didOpen)")
        return doc

    def _analyse(self, doc: Document, version: int, need: frozenset[str]) -> Analysis | None:
        """Worker thread: the parts ``need`` names of ``doc``'s analysis as of ``version``;
        None when that version is no longer the latest (the work is dropped, not done)."""
        if self.docs.get(doc.uri) is not doc or doc.version != version:
            return None
        text, fmt = doc.text, doc.format
        if fmt is None:
            return Analysis.empty(version)
        if len(text) > self.max_length:
            if doc.uri not in self._too_long:
                self._too_long.add(doc.uri)
                self.notify_threadsafe(
                    f"helpdesk-annotator: {Path(doc.uri).name} is {len(text):,} characters, over the "
                    f"limit of {self.max_length:,}: no hover or diagnostics for it"
                )
            return Analysis.empty(version)
        self._too_long.discard(doc.uri)
        previous = doc.current()
        result = previous if previous is not None else Analysis(version)
        try:
            project = self.projects.project(doc.folder)
            return analysis.complete(result, text, fmt, project, self._cache(doc.uri, project), need)
        except Exception as exc:  # the server must outlive any one document's failure
            log.exception("analysis of %s failed", doc.uri)
            self.notify_threadsafe(f"helpdesk-annotator: could not analyse {doc.uri}: {exc}")
            return Analysis.empty(version)

    def _cache(self, uri: str, project: engine.Project):
        key = (id(project.pipeline), self.projects.generation)
        found = self._caches.get(uri)
        if found is None or found[0] != key:
            found = (key, analysis.new_cache(project))
            self._caches[uri] = found
        return found[1]

    async def analysis_for(self, doc: Document, need: frozenset[str] = EVERYTHING) -> Analysis:
        """The analysis of the document's current version with at least ``need`` computed."""
        loop = asyncio.get_running_loop()
        for _ in range(5):
            current = doc.current()
            if current is not None and not current.missing(need):
                return current
            version = doc.version
            result = await loop.run_in_executor(self.worker, self._analyse, doc, version, need)
            if result is not None and doc.version == result.version:
                doc.analysis = result
                if not result.missing(need):
                    return result
        # The document keeps changing under us: answer from what there is.
        current = doc.analysis or Analysis.empty(doc.version)
        for part in current.missing(need):
            setattr(current, part, [] if part != DEFINED else {})
        return current

    def schedule_lint(self, uri: str, delay: float) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            doc = self.docs.get(uri)
            if doc is None:
                return
            version = doc.version
            result = await self.analysis_for(doc, frozenset({FINDINGS}))
            if result.version == version == doc.version and self.docs.get(uri) is doc:
                self.publish(doc, result)
                # Then, while the user reads, what hovers need, so they answer from memory.
                await self.analysis_for(doc, EVERYTHING)
        except asyncio.CancelledError:
            pass
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    def publish(self, doc: Document, result: Analysis) -> None:
        index = doc.index
        diagnostics = [actions.diagnostic(f, index, self.docs_url) for f in result.findings or ()]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diagnostics, version=doc.version)
        )

    def relint_all(self) -> None:
        for uri in list(self.docs):
            self.schedule_lint(uri, 0)

    # -- project files ---------------------------------------------------------------------

    def read_file(self, path: Path) -> actions.FileText | None:
        """A project file as the editor has it (open buffer first, else the disk)."""
        uri = from_fs_path(str(path))
        doc = self.docs.get(uri)
        if doc is not None:
            return actions.FileText(path, doc.text, doc.version)
        try:
            return actions.FileText(path, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None

    def workspace_folders(self) -> list[Path]:
        folders = [Path(to_fs_path(f.uri)) for f in self.workspace.folders.values() if f.uri.startswith("file:")]
        if not folders and self.workspace.root_path:
            folders = [Path(self.workspace.root_path)]
        return folders

    def folder_for_new_config(self, doc: Document) -> Path | None:
        if doc.folder is None:
            return None
        for root in self.workspace_folders():
            if doc.folder == root or root in doc.folder.parents:
                return root
        return doc.folder

    def shutdown_worker(self) -> None:
        for task in self.pending.values():
            task.cancel()
        self.pending.clear()
        self.worker.shutdown(wait=False, cancel_futures=True)
