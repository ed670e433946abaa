"""End to end over stdio: a real LSP client (pytest-lsp) drives ``helpdesk-annotator lsp``."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pygls.uris import from_fs_path

from .conftest import ARTICLE, SERVER_COMMAND, open_doc, position_of, write_project

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("ws"))
    lsp_client.root = root
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=from_fs_path(str(root)),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)), name="ws")],
        initialization_options={"debounceMs": 50},
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 20.0):
    async def wait():
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), timeout)


async def test_features_hover_shows_definition_and_source(client: LanguageClient):
    uri = open_doc(client, client.root / "docs" / "hover.md", ARTICLE)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(ARTICLE, "SLA"))
    )
    assert hover is not None
    assert "Service Level Agreement" in hover.contents.value
    assert "Source:" in hover.contents.value
    assert hover.range == types.Range(start=position_of(ARTICLE, "SLA"), end=types.Position(line=2, character=30))
