"""Fixtures for the benchmark harness's smoke tests: a tiny real HTTP/1.1 server to point the
load generator at, and the tiny benchmark configuration."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.config import Config


class _Handler(BaseHTTPRequestHandler):
    """Behaves like the servers the generator meets: keep-alive, ``Connection: close`` (as
    gunicorn's sync workers send), chunked bodies, an early 413 without reading the body, 5xx."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, payload: dict, *, close: bool = False, chunked: bool = False):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = len(body) // 2
            for part in (body[:half], body[half:], b""):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_GET(self) -> None:
        routes = {
            "/ok": lambda: self._send(200, {"ok": True}),
            "/close": lambda: self._send(200, {"ok": True}, close=True),
            "/chunked": lambda: self._send(200, {"ok": True, "pad": "x" * 300}, chunked=True),
            "/boom": lambda: self._send(500, {"error": "boom"}),
        }
        routes.get(self.path, lambda: self._send(404, {"error": "not found"}))()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if self.path == "/limit" and length > 1000:
            # Answer without reading the body, then close: what a size limit does.
            self._send(413, {"error": "too large"}, close=True)
            return
        self.rfile.read(length)
        self._send(200, {"read": length})


@pytest.fixture(scope="session")
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def tiny_config(tmp_path) -> Config:
    return Config.tiny().with_(workdir=tmp_path)
