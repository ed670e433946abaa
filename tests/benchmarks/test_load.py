"""The load generator against a real (stdlib) HTTP/1.1 server: what it counts, not how fast."""

from __future__ import annotations

import pytest

from benchmarks.load import Mix, Request, children, free_port, get_request, json_request, run_load


def test_load_counts_every_keepalive_response(http_server):
    result = run_load(http_server, get_request("ok", "/ok"), duration=0.3, concurrency=3)
    assert len(result.samples) > 3
    assert {s.status for s in result.samples} == {200}
    assert not result.errors and not result.server_errors
    assert result.rps > 0 and result.p(99) >= result.p(50) > 0
    assert all(s.content_type == "application/json" for s in result.samples)


def test_load_reconnects_when_the_server_closes(http_server):
    result = run_load(http_server, get_request("close", "/close"), duration=0.3, concurrency=2)
    assert len(result.samples) > 2
    assert {s.status for s in result.samples} == {200}
    assert not result.errors


def test_load_reads_chunked_responses(http_server):
    result = run_load(http_server, get_request("chunked", "/chunked"), duration=0.2, concurrency=2)
    assert {s.status for s in result.samples} == {200}


def test_load_sees_an_early_413_as_an_answer_not_a_broken_pipe(http_server):
    big = Request("big", "POST", "/limit", b"x" * 2_000_000)
    result = run_load(http_server, big, duration=0.3, concurrency=2)
    assert result.samples
    assert {s.status for s in result.samples} == {413}
    assert not result.errors


def test_load_counts_5xx_separately_from_connection_errors(http_server):
    result = run_load(http_server, get_request("boom", "/boom"), duration=0.2, concurrency=1)
    assert result.samples and len(result.server_errors) == len(result.samples)
    assert not result.errors
    assert result.summary()["status_5xx"] == len(result.samples)


def test_load_reports_refused_connections_as_errors():
    port = free_port()  # nothing listens there
    result = run_load(port, get_request("ok", "/ok"), duration=0.1, concurrency=1)
    assert result.samples and all(s.status is None and s.error for s in result.samples)
    assert result.summary()["connection_errors"] == len(result.samples)


def test_load_mix_draws_every_kind(http_server):
    mix = Mix.of((get_request("ok", "/ok"), 3), (json_request("post", "/echo", {"text": "SLA"}), 1))
    result = run_load(http_server, mix, duration=0.4, concurrency=2)
    kinds = {s.kind for s in result.samples}
    assert kinds == {"ok", "post"}
    assert result.statuses()[("post", 200)] > 0


@pytest.mark.parametrize("chunked", [False, True])
def test_load_request_encode_frames_the_body(chunked):
    raw = Request("x", "POST", "/p", b"a" * 70_000, chunked=chunked).encode("127.0.0.1", 80)
    head, _, body = raw.partition(b"\r\n\r\n")
    if chunked:
        assert b"Transfer-Encoding: chunked" in head and b"Content-Length" not in head
        assert body.startswith(b"10000\r\n") and body.endswith(b"0\r\n\r\n")
    else:
        assert b"Content-Length: 70000" in head and body == b"a" * 70_000


def test_load_children_lists_child_processes():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        import os

        assert proc.pid in children(os.getpid())
    finally:
        proc.kill()
        proc.wait()


def test_load_runs_from_inside_a_running_event_loop(http_server):
    """A test session may already have a loop running in the main thread (Playwright's sync
    API leaves one): the generator must still run, not fail in asyncio.run()."""
    import asyncio

    async def inside():
        return run_load(http_server, get_request("ok", "/ok"), duration=0.2, concurrency=2)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        result = asyncio.run(inside())
    else:  # a browser test earlier in the session left one running: the case itself
        result = run_load(http_server, get_request("ok", "/ok"), duration=0.2, concurrency=2)
    assert len(result.samples) > 1 and {s.status for s in result.samples} == {200}


def test_bench_load_in_order_sends_each_request_once_across_clients():
    from benchmarks.load import InOrder, get_request

    pool = InOrder([get_request(f"r{i}", f"/{i}") for i in range(5)])
    first, second = pool.picker(0), pool.picker(1)
    sent = [first().kind, second().kind, first().kind, second().kind, first().kind]
    assert sorted(sent) == [f"r{i}" for i in range(5)]
    assert first().kind == "r0"  # then from the start again
    with pytest.raises(ValueError):
        InOrder([])


@pytest.mark.parametrize("uvloop_installed", [True, False], ids=["uvloop", "asyncio"])
def test_load_runs_on_either_event_loop(http_server, monkeypatch, uvloop_installed):
    """uvloop (the bench extra) when it is there, asyncio's own loop when it is not: the same
    answers either way."""
    import sys

    from benchmarks import load

    if uvloop_installed:
        pytest.importorskip("uvloop")
    else:
        monkeypatch.setitem(sys.modules, "uvloop", None)  # import uvloop -> ImportError
    assert load.loop_name() == ("uvloop" if uvloop_installed else "asyncio")
    result = run_load(http_server, get_request("ok", "/ok"), duration=0.2, concurrency=2)
    assert len(result.samples) > 1 and {s.status for s in result.samples} == {200}
