"""``plugin.worker.PollingSyncWorker`` in a real gunicorn, serving the real app on 127.0.0.1.

One worker, so anything that held it would show; the stall timeout, the silent-connection
expiry (gunicorn's ``keepalive``) and the cap on waiting connections are turned down so the
tests take seconds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.load import children

pytestmark = pytest.mark.slow

STALL = 1.0  # STALL_TIMEOUT in the server under test
EXPIRY = 1  # keepalive: seconds a silent connection may wait
MAX_WAITING = 4

SERVER = """
import sys
from annotator.plugin import worker
worker.STALL_TIMEOUT = float(sys.argv[2])
worker.MAX_WAITING = int(sys.argv[3])
from annotator.plugin import create_app
from annotator.plugin.server import ServiceApplication, gunicorn_options
options = gunicorn_options(port=int(sys.argv[1]), workers=1, max_requests=int(sys.argv[5]))
options["keepalive"] = int(sys.argv[4])
app = create_app()
ServiceApplication(lambda: app, options).run()
"""


@dataclass
class Served:
    port: int
    proc: subprocess.Popen
    log: Path

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as response:
            return response.status, response.read()

    def connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid)


def _start(tmp_path: Path, port: int, max_requests: int = 10_000) -> Served:
    log = tmp_path / "gunicorn.log"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(STALL), str(MAX_WAITING), str(EXPIRY), str(max_requests)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    served = Served(port, proc, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            if served.get("/readyz", timeout=1)[0] == 200 and served.worker_pids():
                return served
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"server not ready: {log.read_text()[-2000:]}")


def _stop(served: Served) -> None:
    if served.proc.poll() is None:
        os.killpg(served.proc.pid, signal.SIGTERM)
    served.proc.wait(30)


@pytest.fixture
def server(tmp_path, free_port) -> Iterator[Served]:
    served = _start(tmp_path, free_port())
    yield served
    _stop(served)


def _read_all(sock: socket.socket) -> bytes:
    parts = []
    while chunk := sock.recv(65536):
        parts.append(chunk)
    return b"".join(parts)


def test_worker_serves_while_silent_connections_wait(server):
    silent = [server.connect() for _ in range(MAX_WAITING - 1)]
    try:
        started = time.monotonic()
        status, body = server.get("/healthz", timeout=5)
        # The stock sync worker would sit in recv() on the first silent one until killed.
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert time.monotonic() - started < EXPIRY
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.port}/api/annotate", data=json.dumps({"text": "Our SLA"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert [s["text"] for s in json.loads(response.read())["spans"]] == ["SLA"]
    finally:
        for sock in silent:
            sock.close()


def test_worker_closes_a_silent_connection_after_keepalive(server):
    with server.connect() as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""  # closed by the server, nothing sent
        assert EXPIRY - 0.1 <= time.monotonic() - started < EXPIRY + 3


def test_worker_answers_a_connection_that_spoke_late(server):
    """A client that connects, waits (under the expiry), then sends is served normally."""
    with server.connect() as sock:
        time.sleep(EXPIRY / 2)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 200") and b"Connection: close" in answer


def test_worker_answers_a_stalled_body_with_408_and_goes_on(server):
    with server.connect() as sock:
        sock.sendall(b"POST /api/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"text\": ")
        started = time.monotonic()
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408")
    error = json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"]
    assert error["code"] == "E614" and f"{STALL:g} s" in error["message"]
    assert STALL - 0.1 <= time.monotonic() - started < STALL + 3
    assert server.get("/healthz")[0] == 200


def test_worker_drops_a_stalled_request_head_and_goes_on(server):
    with server.connect() as sock:
        sock.sendall(b"POST /api/annotate HTTP/1.1\r\nHost: x\r\n")  # and then nothing
        started = time.monotonic()
        assert _read_all(sock) == b""
        assert STALL - 0.1 <= time.monotonic() - started < STALL + 3
    assert server.get("/healthz")[0] == 200


def _sockets(pid: int) -> int:
    """Sockets process ``pid`` has open."""
    return sum(os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:") for fd in os.listdir(f"/proc/{pid}/fd"))


def _idle_sockets(pid: int) -> int:
    """What an idle worker holds (the listening socket), once the readiness checks' connections
    are closed."""
    assert _wait_until(lambda: _sockets(pid) == 1)
    return 1


def _wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_worker_bounds_the_connections_it_holds(server):
    pid = server.worker_pids()[0]
    before = _idle_sockets(pid)
    silent = [server.connect() for _ in range(MAX_WAITING * 5)]
    try:
        assert _wait_until(lambda: _sockets(pid) - before == MAX_WAITING)
        time.sleep(0.2)
        assert _sockets(pid) - before == MAX_WAITING
        # The rest wait in the kernel's queue; a request behind them is served once the
        # waiting ones expire, and the worker was never stuck.
        assert server.get("/healthz", timeout=EXPIRY * 10 + 5)[0] == 200
    finally:
        for sock in silent:
            sock.close()


def test_worker_recycles_after_max_requests(tmp_path, free_port):
    served = _start(tmp_path, free_port(), max_requests=3)
    try:
        pids = set(served.worker_pids())
        statuses = []
        for _ in range(12):
            statuses.append(served.get("/healthz", timeout=30)[0])
            pids.update(served.worker_pids())
        assert statuses == [200] * 12
        assert len(pids) >= 2  # replaced after 3-4 requests, as gunicorn's sync worker is
    finally:
        _stop(served)


def test_worker_stops_gracefully_with_connections_waiting(tmp_path, free_port):
    served = _start(tmp_path, free_port())
    pid = served.worker_pids()[0]
    before = _idle_sockets(pid)
    silent = [served.connect() for _ in range(3)]
    try:
        # Accepted: waiting in the worker's poll, not in the kernel's queue.
        assert _wait_until(lambda: _sockets(pid) - before == 3)
        os.killpg(served.proc.pid, signal.SIGTERM)
        assert served.proc.wait(20) == 0
        for sock in silent:
            assert sock.recv(1) == b""  # closed, not left open
    finally:
        for sock in silent:
            sock.close()
        _stop(served)
    assert "Traceback" not in served.log.read_text()


def test_worker_recycling_under_load_drops_no_request(tmp_path, free_port):
    """A worker replaced after ``max_requests`` serves what it accepted before it goes: no
    request that reached it is lost, at any concurrency."""
    from benchmarks.load import get_request, run_load

    served = _start(tmp_path, free_port(), max_requests=5)
    try:
        result = run_load(served.port, get_request("healthz", "/healthz"), duration=3.0, concurrency=6)
    finally:
        _stop(served)
    assert len(result.samples) > 50
    assert result.errors == [] and result.statuses() == {("healthz", 200): len(result.samples)}


def test_worker_answers_what_it_accepted_before_it_goes(tmp_path, free_port):
    """Two connections accepted while silent; the worker is told to go (as when it reaches
    ``max_requests`` or the server stops) and both then send: it answers both before it
    exits, rather than closing connections whose requests have arrived."""
    served = _start(tmp_path, free_port())
    try:
        pid = served.worker_pids()[0]
        before = _idle_sockets(pid)
        first, second = served.connect(), served.connect()
        assert _wait_until(lambda: _sockets(pid) - before == 2)  # both held by the worker
        os.kill(pid, signal.SIGTERM)  # the worker only: the master replaces it
        request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        first.sendall(request)
        second.sendall(request)
        # The first stays open while the second is read, so gunicorn's lingering close keeps
        # the worker on it for 2 s, past the grace for silent connections: the second request
        # is here, and must still be answered.
        answers = [_read_all(first), _read_all(second)]
        first.close()
        second.close()
        assert _wait_until(lambda: not os.path.exists(f"/proc/{pid}"))
    finally:
        _stop(served)
    assert [a.split(b"\r\n", 1)[0] for a in answers] == [b"HTTP/1.1 200 OK"] * 2
