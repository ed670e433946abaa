"""Fixtures for the language server's tests: a small project on disk and a real client.

The end-to-end client (pytest-lsp) starts ``helpdesk-annotator lsp`` as a subprocess and talks
to it over stdio; one server per test module keeps the (spaCy) start-up cost down, so tests of
one module use distinct document URIs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.uris import from_fs_path

SERVER_COMMAND = [sys.executable, "-c", "from annotator.cli import main; main()", "lsp"]

ARTICLE = """# Escalations

Our AHT went up. Check the SLA before you escalate.

The Widget Foo Bar (WFB) team owns it; ask the WFB channel.

Unknown: ZQXV is not defined anywhere.
"""


def write_project(root: Path) -> Path:
    """A workspace with a config naming a CSV glossary and one article; returns the root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "terms.csv").write_text("term,acronym,definition\nBlue Green Deploy,BGD,Two fleets.\n", encoding="utf-8")
    (root / ".helpdesk-annotator.toml").write_text('glossary = ["terms.csv"]\nallow = ["FAQ"]\n', encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "article.md").write_text(ARTICLE, encoding="utf-8")
    return root


def open_doc(client, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    uri = from_fs_path(str(path))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )
    return uri


def position_of(text: str, needle: str, encoding: str = "utf-16", nth: int = 0) -> types.Position:
    """The position of the ``nth`` ``needle`` in ``text``, counted in ``encoding`` units."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    before = text[:offset]
    line = before.count("\n")
    col_text = before[before.rfind("\n") + 1 :]
    width = {"utf-16": lambda s: len(s.encode("utf-16-le")) // 2, "utf-8": lambda s: len(s.encode()), "utf-32": len}
    return types.Position(line=line, character=width[encoding](col_text))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("workspace"))
