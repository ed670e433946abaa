"""End to end over stdio: a real LSP client (pytest-lsp) drives ``helpdesk-annotator lsp``."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .conftest import ARTICLE, SERVER_COMMAND, open_doc, position_of, write_project

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("ws"))
    lsp_client.root = root
    lsp_client.registrations = []
    # Record every publication (pytest-lsp keeps only the latest per document).
    lsp_client.published = []
    features = lsp_client.protocol.fm.features
    keep_latest = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(*args):
        lsp_client.published.append((args[-1].uri, args[-1].version))
        return keep_latest(*args)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record

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


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def test_features_diagnostics_carry_code_severity_link_and_source(client: LanguageClient):
    uri = open_doc(client, client.root / "docs" / "diag.md", ARTICLE)
    diagnostics = await diagnostics_for(client, uri)
    by_code = {d.code: d for d in diagnostics}
    assert set(by_code) >= {"HA001", "HA003"}
    ambiguous = by_code["HA003"]
    assert ambiguous.range.start == position_of(ARTICLE, "AHT")
    assert ambiguous.source == "helpdesk-annotator"
    assert ambiguous.severity == types.DiagnosticSeverity.Warning
    assert ambiguous.code_description.href.endswith("#rules")
    unknown = [d for d in diagnostics if "ZQXV" in d.message]
    assert unknown and unknown[0].range.start == position_of(ARTICLE, "ZQXV")


async def test_features_hover_ambiguous_acronym_lists_every_sense_likely_first(client: LanguageClient):
    text = "Call centres track AHT daily.\n\nAverage Handle Time (AHT) is the metric.\n"
    uri = open_doc(client, client.root / "docs" / "ambiguous.md", text)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=position_of(text, "AHT")))
    value = hover.contents.value
    assert "ambiguous" in value
    assert value.index("Average Handle Time") < value.index("Average Hold Time")
    assert "the document defines it on line 3" in value


@pytest.mark.parametrize(
    ("needle", "nth", "expected"),
    [
        ("ZQXV", 0, "not in the glossary"),
        ("WFB", 1, "Defined in this document"),
    ],
)
async def test_features_hover_unknown_acronym(client: LanguageClient, needle, nth, expected):
    text = "The Widget Foo Bar (WFB) team owns it.\n\nAsk WFB. ZQXV is new.\n"
    uri = open_doc(client, client.root / "docs" / f"unknown-{needle}.md", text)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=position_of(text, needle, nth=nth))
    )
    assert expected in hover.contents.value


async def test_features_incremental_edits_keep_ranges_exact_after_emoji(client: LanguageClient):
    text = "Intro line.\n\nNothing yet.\n"
    uri = open_doc(client, client.root / "docs" / "emoji.md", text)
    # Insert an emoji (two UTF-16 units), a combining mark and an acronym in one edit.
    insertion = "\U0001F600 Cafe\u0301 SLA "
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=2, character=0), end=types.Position(line=2, character=0)),
                    text=insertion,
                )
            ],
        )
    )
    edited = "Intro line.\n\n" + insertion + "Nothing yet.\n"
    start = position_of(edited, "SLA")
    assert start.character == 9  # emoji 2 + space 1 + 'Cafe' and a combining acute 5 + space 1
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=start))
    assert hover.range.start == start
    assert hover.range.end == types.Position(line=2, character=start.character + 3)


async def test_features_stale_versions_are_dropped(client: LanguageClient):
    text = "Start.\n"
    uri = open_doc(client, client.root / "docs" / "typing.md", text)
    await diagnostics_for(client, uri)
    client.published.clear()
    for version, word in enumerate(["The ", "SLA ", "and ", "AHT ", "rose."], start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=0)),
                        text=word,
                    )
                ],
            )
        )
    await asyncio.sleep(1.5)
    assert [version for published, version in client.published if published == uri] == [6]
    assert {d.code for d in client.diagnostics[uri]} == {"HA001", "HA003"}


async def test_features_document_highlights_other_uses(client: LanguageClient):
    text = "The SLA matters.\n\nEvery SLA is signed. SLAs expire.\n"
    uri = open_doc(client, client.root / "docs" / "highlight.md", text)
    found = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=_doc(uri), position=position_of(text, "SLA"))
    )
    starts = sorted((h.range.start.line, h.range.start.character) for h in found)
    assert starts == [(0, 4), (2, 6), (2, 21)]


async def _actions(client, uri, text, needle, nth=0):
    diagnostics = await diagnostics_for(client, uri)
    start = position_of(text, needle, nth=nth)
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=_doc(uri),
            range=types.Range(start=start, end=start),
            context=types.CodeActionContext(diagnostics=list(diagnostics)),
        )
    )


def _apply(text: str, edits) -> str:
    """Apply TextEdits (UTF-16 positions, as negotiated) to ``text``."""
    lines = text.split("\n")

    def offset(pos):
        before = sum(len(line) + 1 for line in lines[: pos.line])
        units = lines[pos.line].encode("utf-16-le")[: pos.character * 2].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def test_features_spell_out_is_the_lint_fix_edit(client: LanguageClient):
    text = "Check the SLA first.\n"
    uri = open_doc(client, client.root / "docs" / "fix.md", text)
    actions = await _actions(client, uri, text, "SLA")
    spell = [a for a in actions if a.title.startswith("Spell out at first use")]
    assert len(spell) == 1 and spell[0].is_preferred
    (change,) = spell[0].edit.document_changes
    assert _apply(text, change.edits) == "Check the Service Level Agreement (SLA) first.\n"


async def test_features_ambiguous_acronym_offers_one_action_per_sense(client: LanguageClient):
    text = "Track MTTR weekly.\n"
    uri = open_doc(client, client.root / "docs" / "senses.md", text)
    actions = await _actions(client, uri, text, "MTTR")
    senses = [a for a in actions if a.title.startswith("Spell out MTTR as")]
    assert len(senses) == 3
    assert senses[0].title.endswith("(likely)") and senses[0].is_preferred
    results = {_apply(text, a.edit.document_changes[0].edits) for a in senses}
    assert "Track Mean Time to Resolution (MTTR) weekly.\n" in results


async def test_features_allow_action_edits_the_project_config(client: LanguageClient):
    text = "Ping the QWRT.\n"
    uri = open_doc(client, client.root / "docs" / "allow.md", text)
    actions = await _actions(client, uri, text, "QWRT")
    (allow,) = [a for a in actions if a.title == "Allow QWRT in this project"]
    (change,) = allow.edit.document_changes
    config = client.root / ".helpdesk-annotator.toml"
    assert change.text_document.uri == from_fs_path(str(config))
    edited = _apply(config.read_text(encoding="utf-8"), change.edits)
    assert 'allow = ["FAQ", "QWRT"]' in edited


async def test_features_add_to_glossary_appends_a_csv_row(client: LanguageClient):
    text = "The Widget Foo Bar (WFB) team owns it.\n\nAsk WFB first.\n"
    uri = open_doc(client, client.root / "docs" / "glossary.md", text)
    await diagnostics_for(client, uri)
    actions = await _actions(client, uri, text, "WFB", nth=1)
    (add,) = [a for a in actions if a.title.startswith("Add WFB")]
    (change,) = add.edit.document_changes
    csv_path = client.root / "terms.csv"
    edited = _apply(csv_path.read_text(encoding="utf-8"), change.edits)
    assert edited.endswith("Widget Foo Bar,WFB,The Widget Foo Bar (WFB) team owns it.\n")


async def test_features_lint_workspace_reports_progress(client: LanguageClient):
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="helpdesk-annotator.lintWorkspace", arguments=[])
    )
    assert result["files"] >= 1 and result["findings"] >= 2
    article = from_fs_path(str(client.root / "docs" / "article.md"))
    assert {d.code for d in client.diagnostics[article]} >= {"HA001", "HA003"}
    reports = [r for values in client.progress_reports.values() for r in values]
    assert reports[0].kind == "begin" and reports[-1].kind == "end"


async def test_features_unknown_uri_is_a_json_rpc_error(client: LanguageClient):
    with pytest.raises(Exception, match="unknown document"):
        await client.text_document_hover_async(
            types.HoverParams(text_document=_doc("file:///nowhere/never-opened.md"), position=types.Position(line=0, character=0))
        )


async def test_features_position_past_the_end_is_clamped(client: LanguageClient):
    text = "The SLA."
    uri = open_doc(client, client.root / "docs" / "past.md", text)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=types.Position(line=99, character=99))
    )
    assert hover is None


async def test_features_oversized_document_gets_a_message_not_a_crash(client: LanguageClient):
    big = ("The SLA is fine. " * 60 + "\n\n") * 5200  # ~5.3 MB
    uri = open_doc(client, client.root / "docs" / "big.md", big)
    diagnostics = await diagnostics_for(client, uri, timeout=60)
    assert list(diagnostics) == []
    assert any("over the limit" in m.message for m in client.messages)
    small = open_doc(client, client.root / "docs" / "after-big.md", ARTICLE)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(small), position=position_of(ARTICLE, "SLA")))
    assert "Service Level Agreement" in hover.contents.value


async def test_features_broken_config_keeps_the_last_good_one(client: LanguageClient):
    config = client.root / ".helpdesk-annotator.toml"
    good = config.read_text(encoding="utf-8")

    def changed():
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Changed)]
            )
        )

    try:
        config.write_text("allow = [unclosed\n", encoding="utf-8")
        changed()
        text = "Use the BGD rollout.\n"
        uri = open_doc(client, client.root / "docs" / "broken.md", text)
        hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=position_of(text, "BGD")))
        assert "Blue Green Deploy" in hover.contents.value  # the project glossary is still loaded
        assert any("invalid configuration" in m.message for m in client.messages)
    finally:
        config.write_text(good, encoding="utf-8")
        changed()


async def test_features_changed_config_is_reloaded(client: LanguageClient):
    config = client.root / ".helpdesk-annotator.toml"
    good = config.read_text(encoding="utf-8")
    text = "Ping the PLMQ now.\n"
    uri = open_doc(client, client.root / "docs" / "reload.md", text)
    assert any("PLMQ" in d.message for d in await diagnostics_for(client, uri))
    try:
        config.write_text(good.replace('allow = ["FAQ"]', 'allow = ["FAQ", "PLMQ"]'), encoding="utf-8")
        client.diagnostics.pop(uri)
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Changed)]
            )
        )
        assert not any("PLMQ" in d.message for d in await diagnostics_for(client, uri))
    finally:
        config.write_text(good, encoding="utf-8")


async def test_features_capabilities_and_file_watchers(client: LanguageClient):
    capabilities = client.init_result.capabilities
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.hover_provider and capabilities.document_highlight_provider
    assert list(capabilities.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]
    assert list(capabilities.execute_command_provider.commands) == ["helpdesk-annotator.lintWorkspace"]
    for _ in range(100):  # the registration request is the server's first message after initialized
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    (registration,) = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    patterns = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert "**/.helpdesk-annotator.toml" in patterns and "**/pyproject.toml" in patterns


async def test_features_out_of_order_change_is_ignored_with_a_message(client: LanguageClient):
    text = "The SLA.\n"
    uri = open_doc(client, client.root / "docs" / "order.md", text, version=5)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=4),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="Nothing here.")],
        )
    )
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=position_of(text, "SLA")))
    assert "Service Level Agreement" in hover.contents.value
    assert any("ignored change version 4" in m.message for m in client.messages)


async def test_features_highlights_an_acronym_whatever_sense_each_paragraph_chose(client: LanguageClient):
    text = "Our AHT is high.\n\nThe AHT on hold music: callers wait on hold, hold time grows.\n"
    uri = open_doc(client, client.root / "docs" / "highlight-senses.md", text)
    found = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=_doc(uri), position=position_of(text, "AHT"))
    )
    assert sorted((h.range.start.line, h.range.start.character) for h in found) == [(0, 4), (2, 4)]
