"""Open documents: their text, version, format, and what was last computed for which version.

The server keeps its own copy of each document's text and applies incremental changes with
:mod:`.positions` (exact line ends, clamped positions) rather than relying on another copy's
idea of lines. Results are stored with the version they were computed for; a result for an
older version is never served as current.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import PositionCodec

from . import engine
from .hover import InText
from .paragraphs import BlockCache
from .positions import LineIndex, apply_change

#: The parts of an analysis a request may need.
SPANS, DEFINED, FINDINGS = "spans", "defined", "findings"
EVERYTHING = frozenset({SPANS, DEFINED, FINDINGS})


@dataclass
class Analysis:
    """What one version of a document yields; each part is None until computed, so that
    diagnostics (which need only the findings) never wait for annotation."""

    version: int
    spans: list[engine.Span] | None = None
    defined: dict[str, InText] | None = None
    findings: list[engine.Finding] | None = None

    @classmethod
    def empty(cls, version: int) -> Analysis:
        return cls(version, [], {}, [])

    def missing(self, need: frozenset[str]) -> frozenset[str]:
        return frozenset(part for part in need if getattr(self, part) is None)


@dataclass
class Document:
    uri: str
    language_id: str
    version: int
    text: str
    codec: PositionCodec
    format: str | None = None
    path: Path | None = None
    analysis: Analysis | None = None
    #: ``(version, glossary key)`` of the block cache's contents, to drop it when either changes.
    cache: BlockCache[engine.Span] | None = field(default=None, repr=False)
    _index: LineIndex | None = field(default=None, repr=False)
    _index_version: int = -1

    @classmethod
    def open(cls, item: types.TextDocumentItem, codec: PositionCodec) -> Document:
        path = _path(item.uri)
        doc = cls(item.uri, item.language_id or "", item.version, item.text, codec, path=path)
        doc.format = engine.format_for(item.language_id, str(path) if path else item.uri)
        return doc

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    @property
    def index(self) -> LineIndex:
        """Line index of the current version (built once per version)."""
        if self._index is None or self._index_version != self.version or self._index.text is not self.text:
            self._index = LineIndex(self.text, self.codec)
            self._index_version = self.version
        return self._index

    def change(self, version: int, changes: list) -> None:
        """Apply ``didChange`` content changes in order (each against the previous result)."""
        for change in changes:
            self.text, *_ = apply_change(self.text, change, self.codec)
        self.version = version
        self._index = None

    def current(self) -> Analysis | None:
        """The (possibly partial) analysis of the current version, if there is one."""
        a = self.analysis
        return a if a is not None and a.version == self.version else None


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    try:
        fs = to_fs_path(uri)
    except Exception:  # a malformed file URI is treated as an unsaved buffer
        return None
    return Path(fs) if fs else None
