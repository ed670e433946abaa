"""The protocol keeps nothing per notification (pygls 2.1 keeps one future each)."""

from __future__ import annotations

import asyncio
import json

from annotator.lsp import create_server


class _Sink:
    def write(self, data) -> None:
        pass

    def close(self) -> None:
        pass


def test_protocol_notifications_leave_no_futures_behind():
    async def run() -> int:
        server = create_server(debounce=10)  # no lint runs: only the notifications are measured
        protocol = server.protocol
        protocol.set_writer(_Sink())

        def send(message: dict) -> None:
            protocol.handle_message(json.loads(json.dumps(message), object_hook=protocol.structure_message))

        uri = "file:///tmp/notifications.md"
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": None, "capabilities": {}}})  # fmt: skip
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "a"}}})  # fmt: skip
        for version in range(2, 302):
            send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                  "params": {"textDocument": {"uri": uri, "version": version},
                             "contentChanges": [{"text": f"text {version}"}]}})  # fmt: skip
        await asyncio.sleep(0)
        assert server.docs[uri].text == "text 301"
        server.shutdown_worker()
        return len(protocol._request_futures)

    assert asyncio.run(run()) == 0
