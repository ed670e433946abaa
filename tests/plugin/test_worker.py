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
HEAD_DEADLINE = 2.0  # HEAD_TIMEOUT
BODY_DEADLINE = 3.0  # BODY_TIMEOUT
WORKER_TIMEOUT = 3  # gunicorn's timeout: a stuck worker is stopped after it

SERVER = """
import sys, time
from annotator.plugin import worker
worker.STALL_TIMEOUT = float(sys.argv[2])
worker.MAX_WAITING = int(sys.argv[3])
worker.HEAD_TIMEOUT = float(sys.argv[6])
worker.BODY_TIMEOUT = float(sys.argv[7])
from flask import Blueprint
from annotator.plugin import create_app
from annotator.plugin.server import ServiceApplication, gunicorn_options
options = gunicorn_options(port=int(sys.argv[1]), workers=1, max_requests=int(sys.argv[5]),
                           timeout=int(sys.argv[8]))
options["keepalive"] = int(sys.argv[4])
app = create_app()
stuck = Blueprint("stuck", __name__)
stuck.get("/stuck", endpoint="stuck")(lambda: time.sleep(3600) or "")
stuck.get("/slow", endpoint="slow")(lambda: time.sleep(2) or "done")
app.register_blueprint(stuck)
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


def _start(tmp_path: Path, port: int, max_requests: int = 10_000, max_waiting: int = MAX_WAITING) -> Served:
    log = tmp_path / "gunicorn.log"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(STALL), str(max_waiting), str(EXPIRY), str(max_requests),
         str(HEAD_DEADLINE), str(BODY_DEADLINE), str(WORKER_TIMEOUT)],
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
    """Sockets process ``pid`` has open (a descriptor it closes while being counted is not)."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except FileNotFoundError:
            continue  # closed between the listing and the look
    return count


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


# --- requests read in the poll: slow clients, requests that arrive while the worker is busy ----

ANNOTATE_HEAD = b"POST /api/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"


def _post(body: bytes) -> bytes:
    return ANNOTATE_HEAD + b"Content-Length: %d\r\n\r\n" % len(body) + body


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


def _json_error(answer: bytes) -> dict:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Content-Type: application/json" in head and b"X-Content-Type-Options: nosniff" in head
    assert b"Referrer-Policy: no-referrer" in head
    return json.loads(body)["error"]


def _answer_or_error(sock: socket.socket) -> bytes:
    try:
        return _read_all(sock)
    except OSError as exc:  # a reset: the connection was closed unanswered
        return repr(exc).encode()


def _trickle(sock: socket.socket, parts: list[bytes], pause: float) -> None:
    for part in parts:
        sock.sendall(part)
        time.sleep(pause)


@pytest.fixture(scope="module")
def shared(tmp_path_factory, free_port) -> Iterator[Served]:
    """One server for the tests that leave it as they found it (room for a dozen connections)."""
    served = _start(tmp_path_factory.mktemp("shared"), free_port(), max_waiting=16)
    yield served
    _stop(served)


def test_worker_answers_a_request_that_came_while_another_trickled_in(shared):
    """B connects, sends its request 0.8 s later; A's body trickles in over 2.4 s (past the
    keep-alive expiry). Both are answered, B first: A never held the worker."""
    import threading

    body = json.dumps({"text": "Our SLA " + "x" * 60}).encode()
    second = shared.connect()
    time.sleep(0.2)
    first = shared.connect()
    first.sendall(_post(body)[:-len(body)] + body[:4])
    trickle = threading.Thread(target=_trickle, args=(first, [body[i:i + 8] for i in range(4, len(body), 8)], 0.3))
    trickle.start()
    time.sleep(0.6)
    second.sendall(_post(b'{"text": "CSAT"}'))
    answered = _answer_or_error(second)
    second_done = time.monotonic()
    trickle.join()
    first_answer = _answer_or_error(first)
    first_done = time.monotonic()
    first.close()
    second.close()
    assert _status(answered) == 200, answered[:300]
    assert _status(first_answer) == 200, first_answer[:300]
    assert second_done < first_done - 1.0


def test_worker_answers_a_request_that_came_while_the_app_was_busy(shared):
    """B is accepted, then the worker spends 2 s (twice the keep-alive expiry) in the app for A;
    B's request, sent meanwhile, is answered when the worker is free, never reset."""
    import threading

    second = shared.connect()
    time.sleep(0.2)  # accepted: waiting in the worker's poll
    busy = threading.Thread(target=shared.get, args=("/slow", 10))
    busy.start()
    time.sleep(0.5)
    second.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    answer = _answer_or_error(second)
    second.close()
    busy.join(10)
    assert _status(answer) == 200, answer[:300]


def test_worker_reads_a_body_sent_after_100_continue_in_the_poll(shared):
    """A client that waits for ``100 Continue`` and then sends its body slowly does not hold
    the worker meanwhile."""
    body = json.dumps({"text": "Our SLA"}).encode()
    with shared.connect() as sock:
        sock.sendall(ANNOTATE_HEAD + b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
        assert sock.recv(1024).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        started = time.monotonic()
        assert shared.get("/healthz", timeout=1.0)[0] == 200
        assert time.monotonic() - started < 0.5
        sock.sendall(body)
        answer = _answer_or_error(sock)
    final = answer[answer.rindex(b"HTTP/1.1 "):]  # after any further 100 Continue
    assert _status(final) == 200 and b'"SLA"' in final, answer[:300]


def test_worker_going_away_answers_a_request_still_arriving_503(tmp_path, free_port):
    """Told to go while a body is still trickling in, the worker waits the keep-alive time,
    then answers 503 E619 with Connection: close rather than dropping it."""
    served = _start(tmp_path, free_port())
    try:
        pid = served.worker_pids()[0]
        with served.connect() as sock:
            sock.sendall(ANNOTATE_HEAD + b"Content-Length: 100\r\n\r\n{")
            time.sleep(0.3)
            os.kill(pid, signal.SIGTERM)  # the worker only: the master replaces it
            try:
                for _ in range(20):
                    sock.sendall(b" ")
                    time.sleep(0.3)
            except OSError:
                pass
            answer = _answer_or_error(sock)
        assert _wait_until(lambda: not os.path.exists(f"/proc/{pid}"))
    finally:
        _stop(served)
    assert _status(answer) == 503 and b"Connection: close" in answer, answer[:300]
    assert _json_error(answer)["code"] == "E619"


def test_worker_slow_request_heads_do_not_hold_it(shared):
    """Six connections send a header line every 0.4 s (under the stall timeout): /healthz keeps
    answering at once, and each slow head is answered 408 at the head deadline."""
    import threading

    slow = [shared.connect() for _ in range(6)]
    answers: list[bytes] = [b""] * len(slow)

    def drip(i: int, sock: socket.socket) -> None:
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\n")
            for n in range(20):
                time.sleep(0.4)
                sock.sendall(b"X-Slow-%d: yes\r\n" % n)
        except OSError:
            pass  # answered and closed: the server stopped reading
        answers[i] = _answer_or_error(sock)

    threads = [threading.Thread(target=drip, args=(i, sock)) for i, sock in enumerate(slow)]
    for thread in threads:
        thread.start()
    latencies = []
    try:
        started = time.monotonic()
        while time.monotonic() - started < HEAD_DEADLINE + 1.5:
            asked = time.monotonic()
            assert shared.get("/healthz", timeout=1.0)[0] == 200
            latencies.append(time.monotonic() - asked)
            time.sleep(0.2)
        for thread in threads:
            thread.join(10)
    finally:
        for sock in slow:
            sock.close()
    assert max(latencies) < 0.5, latencies
    for answer in answers:
        assert _status(answer) == 408 and _json_error(answer)["code"] == "E617", answer[:300]


def test_worker_answers_a_body_past_its_deadline_408(shared):
    """A body that keeps coming, but too slowly to finish in BODY_TIMEOUT, is answered 408."""
    with shared.connect() as sock:
        sock.sendall(ANNOTATE_HEAD + b"Content-Length: 1000\r\n\r\n")
        started = time.monotonic()
        try:
            for _ in range(30):
                sock.sendall(b" ")
                time.sleep(0.3)
        except OSError:
            pass
        answer = _answer_or_error(sock)
    assert _status(answer) == 408 and _json_error(answer)["code"] == "E617", answer[:300]
    assert BODY_DEADLINE - 0.1 <= time.monotonic() - started


_CHUNKED = ANNOTATE_HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
_DOC = b'{"text":"ab"}'  # 13 bytes: "d" in hex


@pytest.mark.parametrize(("raw", "code"), [
    (_CHUNKED + b"zz\r\n" + _DOC + b"\r\n0\r\n\r\n", "E615"),
    (_CHUNKED + b"-d\r\n" + _DOC + b"\r\n0\r\n\r\n", "E615"),
    (_CHUNKED + b"10\r\n" + _DOC + b"\r\n0\r\n\r\n", "E615"),  # the chunk is shorter than said
    (_CHUNKED + b"d;" + b"a" * 200_000 + b"\r\n" + _DOC + b"\r\n0\r\n\r\n", "E615"),
    (_CHUNKED + b"d\r\n" + _DOC + b"\r\n0\r\n" + b"X-T: 1\r\n" * 5000 + b"\r\n", "E615"),
    (ANNOTATE_HEAD + b"Transfer-Encoding: identity, chunked\r\n\r\nd\r\n" + _DOC + b"\r\n0\r\n\r\n", "E616"),
    (ANNOTATE_HEAD + b"Transfer-Encoding: gzip, chunked\r\n\r\nd\r\n" + _DOC + b"\r\n0\r\n\r\n", "E616"),
], ids=["size-zz", "negative-size", "short-chunk", "200k-extension", "5000-trailers", "identity-chunked",
        "gzip-chunked"])
def test_worker_refuses_malformed_chunked_bodies_400(shared, raw, code):
    with shared.connect() as sock:
        try:
            sock.sendall(raw)
        except OSError:
            pass  # refused before it was all sent
        answer = _answer_or_error(sock)
    assert _status(answer) == 400, answer[:300]
    assert _json_error(answer)["code"] == code
    assert shared.get("/healthz")[0] == 200


def test_worker_reads_a_well_formed_chunked_body_with_trailers(shared):
    with shared.connect() as sock:
        sock.sendall(_CHUNKED + b"5;name=value\r\n" + _DOC[:5] + b"\r\n8\r\n" + _DOC[5:] + b"\r\n0\r\nX-T: 1\r\n\r\n")
        answer = _answer_or_error(sock)
    assert _status(answer) == 200, answer[:300]


@pytest.mark.parametrize(("raw", "status"), [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", 400),
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET /healthz HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", 431),
    (b"POST /api/annotate HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}", 417),
    (b"POST /api/annotate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: br\r\n\r\n", 501),
], ids=["request-line", "nul-in-header", "414", "431", "417", "501"])
def test_worker_errors_gunicorn_answers_are_json(shared, raw, status):
    with shared.connect() as sock:
        sock.sendall(raw)
        answer = _answer_or_error(sock)
    assert _status(answer) == status, answer[:300]
    error = _json_error(answer)
    assert error["code"] == "E616" and error["message"]
    assert b"<html" not in answer


def test_worker_timeout_answer_is_json(tmp_path, free_port):
    served = _start(tmp_path, free_port())
    try:
        with served.connect() as sock:
            sock.sendall(b"GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = _answer_or_error(sock)
    finally:
        _stop(served)
    assert _status(answer) == 500, answer[:300]
    assert _json_error(answer)["code"] == "E618"


def test_worker_recycling_answers_clients_that_send_late(tmp_path, free_port):
    """Clients that connect and send 0.3 s later, while the worker is recycled every 3
    requests: every request that reached a worker is answered."""
    import threading

    served = _start(tmp_path, free_port(), max_requests=3)
    answers: list[bytes] = []
    lock = threading.Lock()

    def client() -> None:
        stop = time.monotonic() + 4
        while time.monotonic() < stop:
            with served.connect() as sock:
                time.sleep(0.3)
                try:
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                except OSError as exc:
                    answer = repr(exc).encode()
                else:
                    answer = _answer_or_error(sock)
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=client) for _ in range(6)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        _stop(served)
    lost = [a[:80] for a in answers if _status(a) != 200]
    assert len(answers) > 20 and not lost, (len(answers), lost[:5])
