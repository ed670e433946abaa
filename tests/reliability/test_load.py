"""Issue 6 item 9: a bounded load run against a real gunicorn, with a worker killed mid-run.

``helpdesk-annotator serve --workers 2`` on 127.0.0.1 takes ~20 s of load at concurrency 32:
mostly ordinary tickets, mixed with every hostile body a help-desk plugin meets (emoji storms,
bodies over the size limit with ``Content-Length`` and chunked, invalid UTF-8, malformed JSON,
lone surrogates, wrong content types, huge span counts). A third of the way in, one worker gets
SIGKILL. The run must end with:

* zero 5xx responses, every response JSON, every kind answered with its expected status class;
* zero connection errors, except requests that were in flight at the kill (their connections
  die with the worker): those are counted, reported, and bounded by the concurrency. A request
  sent on a reused keep-alive connection that dies before any byte of the answer is retried once
  by the client, as every HTTP client does; those retries are counted and reported too;
* the killed worker replaced by a new one, and the server still answering.

The p99 latency and the counts are printed with the test's result.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from benchmarks.corpus import tickets
from benchmarks.load import (
    Mix, Request, Server, free_port, get_request, http_get, json_request, run_load, serve_command,
)

pytestmark = pytest.mark.slow

DURATION = float(os.environ.get("HELPDESK_LOAD_SECONDS", "20"))
CONCURRENCY = 32
WORKERS = 2
BODY_LIMIT = 1024 * 1024  # the server runs with a 1 MiB body limit; "over" is 1.1 MB
OK, CLIENT_ERROR = "2xx", "4xx"
# After a kill, a connection error belongs to the killed worker if the request was in flight
# then or failed within this many seconds (the reset reaches the client almost at once).
KILL_WINDOW = 1.0


def _raw(kind: str, body: bytes, **kwargs) -> Request:
    return Request(kind, "POST", "/api/annotate", body, **kwargs)


def request_mix() -> tuple[Mix, dict[str, str]]:
    """The weighted request mix and the status class each kind must get."""
    normal = tickets(20, seed=9)
    over = json.dumps({"text": "SLA " * (BODY_LIMIT // 4 + 25_000)}).encode()
    pairs = [
        # (request, weight, expected class)
        (json_request("ticket", "/api/annotate", {"text": normal[0]}), 40, OK),
        (json_request("ticket-2", "/api/annotate", {"text": normal[1], "options": {"first_only": True}}), 10, OK),
        (json_request("html", "/api/annotate",
                      {"text": f"<p>{normal[2]}</p><code>SLA</code><a href='/SLA'>AHT</a>", "format": "html"}), 6, OK),
        (get_request("healthz", "/healthz"), 6, OK),
        (json_request("emoji-storm", "/api/annotate", {"text": "👍" * 20_000 + " SLA"}), 3, OK),
        (json_request("nul-bytes", "/api/annotate", {"text": "SLA\x00KB\x00SLA"}), 3, OK),
        (json_request("huge-span-count", "/api/annotate", {"text": "SLA " * 25_000}), 1, OK),
        (_raw("over-limit", over), 1, CLIENT_ERROR),
        (_raw("over-limit-chunked", over, chunked=True), 1, CLIENT_ERROR),
        (_raw("invalid-utf8", b'{"text": "\xff\xfe SLA \xc3\x28"}'), 3, CLIENT_ERROR),
        (_raw("malformed-json", b'{"text": "SLA", '), 3, CLIENT_ERROR),
        (_raw("lone-surrogate", b'{"text": "\\ud800 SLA"}'), 3, CLIENT_ERROR),
        (_raw("wrong-content-type", b"SLA breach", content_type="text/plain"), 2, CLIENT_ERROR),
        (json_request("text-not-a-string", "/api/annotate", {"text": 42}), 2, CLIENT_ERROR),
    ]
    mix = Mix(tuple(r for r, _, _ in pairs), tuple(w for _, w, _ in pairs))
    return mix, {r.kind: expected for r, _, expected in pairs}


def status_class(status: int) -> str:
    return f"{status // 100}xx"


@pytest.fixture
def server(tmp_path):
    port = free_port()
    srv = Server(serve_command(port, workers=WORKERS), port, log_path=tmp_path / "gunicorn.log",
                 env={"HELPDESK_ANNOTATOR_MAX_CONTENT_LENGTH": str(BODY_LIMIT)})
    srv.start()
    try:
        srv.wait_ready("/readyz", timeout=60, workers=WORKERS)
        yield srv
    finally:
        srv.stop()


def test_load_mixed_hostile_traffic_survives_a_killed_worker(server, capsys):
    mix, expected = request_mix()
    before = server.workers()
    assert len(before) == WORKERS, server.log_tail()
    kill: dict[str, float | int] = {}

    def on_tick(elapsed: float) -> None:
        if not kill and elapsed >= DURATION / 3:
            victim = server.workers()[0]
            os.kill(victim, signal.SIGKILL)
            kill.update(pid=victim, at=time.perf_counter())

    result = run_load(server.port, mix, duration=DURATION, concurrency=CONCURRENCY, seed=6,
                      timeout=30, on_tick=on_tick)
    assert kill, "the worker was never killed"

    # Attribute failures to the kill: requests in flight on the killed worker either fail
    # (fresh connection) or are retried once by the client (reused keep-alive connection).
    def near_kill(started: float, failed: float) -> bool:
        return started <= kill["at"] + KILL_WINDOW and failed >= kill["at"]

    in_flight = [s for s in result.errors if near_kill(s.started, s.ended)]
    unexplained = [s for s in result.errors if s not in in_flight]
    recovered = [s for s in result.ok if s.retried and near_kill(s.started, s.retried_at)]
    summary = {**result.summary(), "killed_worker": kill["pid"],
               "connection_errors_in_flight_on_killed_worker": len(in_flight),
               "retried_after_kill": len(recovered),
               "connection_errors_unexplained": len(unexplained)}
    with capsys.disabled():
        print(f"\n[load] {DURATION:g} s at concurrency {CONCURRENCY}, {WORKERS} workers, one "
              f"SIGKILLed at {DURATION / 3:.1f} s: {summary['responses']} responses, "
              f"{summary['rps']} req/s, p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms, "
              f"max {summary['max_ms']} ms, 5xx {summary['status_5xx']}; in flight on the killed "
              f"worker: {len(in_flight)} failed + {len(recovered)} retried by the client; other "
              f"connection errors {len(unexplained)}; retries in all {summary['retries']}")
        print("[load] statuses " + json.dumps(summary["by_kind_status"]))
        print("[load] p99 ms by kind " + json.dumps(summary["p99_ms_by_kind"]))

    assert not result.server_errors, summary
    assert not unexplained, [(s.kind, s.error) for s in unexplained]
    # Each connection loses at most the one request it had in flight on the killed worker;
    # retried requests were answered (a connection may show one retry and, later in the
    # window, one failure, so the two together are not bounded by the concurrency).
    assert len(in_flight) <= CONCURRENCY
    for sample in result.ok:
        assert status_class(sample.status) == expected[sample.kind], (sample.kind, sample.status)
        assert sample.content_type.startswith("application/json"), (sample.kind, sample.content_type)
    assert {s.kind for s in result.ok} == set(expected), "some kinds never got an answer"

    # The master replaced the worker and the server still answers, on every worker.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        after = server.workers()
        if len(after) == WORKERS and kill["pid"] not in after:
            break
        time.sleep(0.1)
    assert len(after) == WORKERS and kill["pid"] not in after, (before, after, server.log_tail())
    assert http_get(server.port, "/readyz")[0] == 200
    settle = run_load(server.port, mix.requests[0], duration=1.0, concurrency=4)
    assert settle.ok and {s.status for s in settle.samples} == {200}
