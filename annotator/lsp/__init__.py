"""The language server (``helpdesk-annotator lsp``): glossary definitions on hover, lint
diagnostics as you type and quick fixes, for any editor that speaks LSP.

:mod:`.engine` is the only module that calls into the rest of the product; the others hold
the LSP side (positions, documents, hover text, code actions, scheduling).
"""

from .features import create_server
from .server import AnnotatorServer

__all__ = ["AnnotatorServer", "create_server"]
