"""The server process at the wire level: hostile bytes, encodings, shutdown/exit, TCP."""

from __future__ import annotations

import json
import socket
import subprocess
import time

import pytest

from .conftest import SERVER_COMMAND


def frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Wire:
    """A minimal JSON-RPC peer over a byte stream (no client library in the way)."""

    def __init__(self, write, read) -> None:
        self.write, self.read = write, read

    def send(self, message) -> None:
        self.write(frame(message))

    def receive(self) -> dict:
        headers = b""
        while not headers.endswith(b"\r\n\r\n"):
            chunk = self.read(1)
            if not chunk:
                raise EOFError("server closed the stream")
            headers += chunk
        length = int(headers.split(b"Content-Length:")[1].split(b"\r\n")[0])
        body = b""
        while len(body) < length:
            body += self.read(length - len(body))
        return json.loads(body)

    def response(self, request_id) -> dict:
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message

    def initialize(self, encodings=None) -> dict:
        capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": capabilities}})  # fmt: skip
        result = self.response(1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        return result


@pytest.fixture
def server():
    process = subprocess.Popen(SERVER_COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wire = Wire(lambda data: (process.stdin.write(data), process.stdin.flush()), process.stdout.read)
    wire.process = process
    yield wire
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


def _open(wire, uri, text):
    wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})  # fmt: skip


def _hover(wire, request_id, uri, line, character):
    wire.send({"jsonrpc": "2.0", "id": request_id, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}})  # fmt: skip
    return wire.response(request_id)


@pytest.mark.parametrize(
    ("offered", "chosen", "character"),
    [(None, "utf-16", 9), (["utf-8", "utf-16"], "utf-8", 12), (["utf-32"], "utf-32", 8)],
)
def test_server_negotiates_the_position_encoding(server, offered, chosen, character):
    result = server.initialize(offered)
    assert result["result"]["capabilities"]["positionEncoding"] == chosen
    assert result["result"]["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
    text = "\U0001F600 Cafe\u0301 SLA ok"  # SLA at code point 8
    _open(server, "file:///tmp/enc.md", text)
    answer = _hover(server, 2, "file:///tmp/enc.md", 0, character)
    assert answer["result"]["range"] == {"start": {"line": 0, "character": character},
                                         "end": {"line": 0, "character": character + 3}}  # fmt: skip


GARBAGE = [
    b"{not json",
    json.dumps({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"bogus": 1}}).encode(),
    json.dumps({"jsonrpc": "2.0", "id": 8, "method": "no/suchMethod", "params": {}}).encode(),
    json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": "file:///never.md", "version": 3}, "contentChanges": []}}).encode(),
    b"\xff\xfe not even UTF-8",
]  # fmt: skip


def test_server_survives_malformed_messages(server):
    """One server takes every kind of bad message and still answers afterwards."""
    server.initialize()
    _open(server, "file:///tmp/ok.md", "The SLA.")
    for number, garbage in enumerate(GARBAGE):
        server.write(frame(garbage))
        answer = _hover(server, 100 + number, "file:///tmp/ok.md", 0, 5)
        assert "Service Level Agreement" in answer["result"]["contents"]["value"]


def test_server_shutdown_then_exit_is_clean(server):
    server.initialize()
    server.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    assert server.response(2)["result"] is None
    server.send({"jsonrpc": "2.0", "method": "exit"})
    assert server.process.wait(timeout=20) == 0


def test_server_listens_on_loopback_tcp_for_debugging():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([*SERVER_COMMAND, "--tcp", str(port)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        with conn:
            wire = Wire(conn.sendall, lambda n: conn.recv(n))
            assert "capabilities" in wire.initialize()["result"]
    finally:
        process.terminate()
        process.wait(timeout=10)
