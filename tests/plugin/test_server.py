"""``helpdesk-annotator serve``: gunicorn options, and a real server answering on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.plugin.server import SYNC_WORKER, THREAD_WORKER, ServiceApplication, gunicorn_options


def test_server_gunicorn_options_are_bounded():
    options = gunicorn_options(host="127.0.0.1", port=9000, workers=2, threads=4, max_requests=100)
    assert options["bind"] == "127.0.0.1:9000"
    assert options["preload_app"] is True
    assert options["max_requests"] == 100 and 1 <= options["max_requests_jitter"] <= 100
    assert options["limit_request_line"] <= 8190 and options["limit_request_fields"] <= 100
    # gunicorn's gthread worker, answering its own errors as JSON (plugin.worker.ThreadWorker).
    assert options["worker_class"] == THREAD_WORKER == "annotator.plugin.worker.ThreadWorker"
    assert gunicorn_options(threads=1)["worker_class"] == SYNC_WORKER == "annotator.plugin.worker.PollingSyncWorker"


def test_server_access_log_is_off_unless_asked_for():
    assert gunicorn_options()["accesslog"] is None  # gunicorn's own default
    assert gunicorn_options(access_log=True)["accesslog"] == "-"
    assert ServiceApplication(lambda: None, gunicorn_options(access_log=True)).cfg.accesslog == "-"


def test_server_application_applies_options():
    application = ServiceApplication(lambda: None, gunicorn_options(port=9001, workers=3, timeout=17))
    assert application.cfg.workers == 3
    assert application.cfg.timeout == 17
    assert application.cfg.preload_app is True
    assert application.cfg.bind == ["127.0.0.1:9001"]


def test_server_serve_help_lists_options():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--threads", "--timeout", "--max-requests",
                   "--glossary", "--access-log", "--dev"):
        assert option in result.output


def test_server_serve_bad_glossary_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--glossary", str(bad), "--port", "0"])
    assert result.exit_code == 2
    assert "error: [E1" in result.output


def _get(url: str, timeout: float = 5.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read()


def chunked_post(base: str, path: str, body: bytes, chunk: int = 1000) -> tuple[int, dict]:
    """POST ``body`` with ``Transfer-Encoding: chunked`` and no Content-Length."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        for i in range(0, len(body), chunk):
            piece = body[i:i + chunk]
            conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
        conn.send(b"0\r\n\r\n")
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    except (ConnectionError, http.client.HTTPException) as exc:  # the server may close early
        return 0, {"error": {"code": type(exc).__name__}}
    finally:
        conn.close()


def test_server_werkzeug_chunked_bodies(live_server, app):
    """The threaded werkzeug server de-chunks and terminates the input: bodies are read whole."""
    status, body = chunked_post(live_server, "/api/annotate", json.dumps({"text": "x " * 3000 + "SLA"}).encode())
    assert status == 200 and [s["text"] for s in body["spans"]] == ["SLA"]
    too_big = json.dumps({"text": "x" * app.config["MAX_CONTENT_LENGTH"]}).encode()
    status, body = chunked_post(live_server, "/api/annotate", too_big, chunk=64 * 1024)
    assert (status, body["error"]["code"]) == (413, "E605")


@pytest.mark.slow
@pytest.mark.parametrize(("threads", "shown"), [([], "2 sync workers"), (["--threads", "2"], "2 workers x 2 threads")],
                         ids=["sync-default", "gthread"])
def test_server_serve_runs_gunicorn_and_prints_url(free_port, threads, shown):
    port = free_port()
    exe = Path(sys.executable).with_name("helpdesk-annotator")
    env = {**os.environ, "HELPDESK_ANNOTATOR_MAX_CONTENT_LENGTH": "20000"}
    proc = subprocess.Popen(
        [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2", *threads,
         "--access-log"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _ = _get(base + "/readyz", timeout=2)
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            assert proc.poll() is None, "server exited early"
            assert time.monotonic() < deadline, "server never became ready"
            time.sleep(0.5)
        request = urllib.request.Request(
            base + "/api/annotate", data=json.dumps({"text": "Our SLA"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            spans = json.loads(response.read())["spans"]
        assert [s["text"] for s in spans] == ["SLA"]
        # gunicorn de-chunks: a chunked body is read whole under the limit, refused over it.
        status, body = chunked_post(base, "/api/annotate", json.dumps({"text": "x " * 5000 + "SLA"}).encode())
        assert status == 200 and [s["text"] for s in body["spans"]] == ["SLA"]
        status, body = chunked_post(base, "/api/annotate", json.dumps({"text": "x " * 20000}).encode())
        assert (status, body["error"]["code"]) == (413, "E605")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
        print(output[-3000:])
    assert f"Demo page: {base}/" in output
    assert f"(gunicorn, {shown}, " in output
    assert "Booting worker" in output
    assert '"POST /api/annotate HTTP/1.1" 200' in output  # --access-log


def test_server_recycles_workers_rarely_by_default():
    from annotator.plugin.server import DEFAULT_MAX_REQUESTS

    options = gunicorn_options()
    assert options["max_requests"] == DEFAULT_MAX_REQUESTS >= 10_000
    assert options["max_requests_jitter"] == DEFAULT_MAX_REQUESTS // 10


def test_server_freezes_what_the_master_built():
    import gc

    from annotator.plugin.server import ServiceApplication

    built = {"app": object()}
    application = ServiceApplication(lambda: built["app"], gunicorn_options(port=0))
    gc.unfreeze()
    try:
        assert application.load() is built["app"]
        # Everything alive before the fork is out of the workers' cyclic collections.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()



def test_server_serve_builds_the_app_without_collections_then_freezes_it(monkeypatch):
    """Start-up builds only what the master keeps for life: no cyclic collection walks it while
    it grows; it is frozen instead, and the collector is on again before gunicorn runs."""
    import gc

    import annotator.plugin
    from annotator.plugin import server

    seen = {}
    real_create_app = annotator.plugin.create_app

    def create_app(config=None):
        seen["collector on while building"] = gc.isenabled()
        return real_create_app(config)

    def run(self):
        seen["collector on when serving"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()

    monkeypatch.setattr(annotator.plugin, "create_app", create_app)
    monkeypatch.setattr(server.ServiceApplication, "run", run)
    gc.enable()
    gc.unfreeze()
    try:
        result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    finally:
        gc.unfreeze()
    assert result.exit_code == 0, result.output
    assert seen["collector on while building"] is False
    assert seen["collector on when serving"] is True
    assert seen["frozen"] > 0

@pytest.mark.parametrize(("cpus", "expected"), [(1, 2), (2, 3), (3, 4), (16, 9), (None, 2)])
def test_server_one_sync_worker_per_core_plus_one_by_default(monkeypatch, cpus, expected):
    from annotator.plugin import server

    monkeypatch.setattr(server.os, "cpu_count", lambda: cpus)
    assert server.default_workers() == expected
    options = server.gunicorn_options()
    assert options["workers"] == expected
    assert options["threads"] == 1 and options["worker_class"] == server.SYNC_WORKER


def test_server_serve_port_in_use_exits_2_and_names_a_free_one(free_port):
    import socket

    port = free_port()
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", port))
        taken.listen()
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert f"port {port} is in use; try --port " in result.output
    assert "(or make demo PORT=" in result.output
    assert "Demo page" not in result.output  # someone else's server is not ours to announce
    assert time.monotonic() - started < 5  # said at once, before the pipeline is built


def test_server_bind_listener_errors_are_coded(free_port):
    from annotator.errors import ConfigError
    from annotator.plugin.server import bind_listener

    with bind_listener("127.0.0.1", 0) as first:
        with pytest.raises(ConfigError) as caught:
            bind_listener("127.0.0.1", first.getsockname()[1])
    assert caught.value.code == "E620"
    with pytest.raises(ConfigError) as caught:
        bind_listener("192.0.2.1", free_port())  # not an address of this machine
    assert caught.value.code == "E621"


def test_server_control_socket_is_off():
    application = ServiceApplication(lambda: None, gunicorn_options())
    if "control_socket_disable" in application.cfg.settings:  # gunicorn versions that have one
        assert application.cfg.control_socket_disable is True


@pytest.mark.slow
def test_server_serve_port_0_prints_the_real_port_and_leaves_no_control_socket(tmp_path):
    import re

    exe = Path(sys.executable).with_name("helpdesk-annotator")
    env = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"}
    env["HOME"] = str(tmp_path)
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", "0", "--health-port", "0", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True, env=env,
    )
    try:
        first = proc.stdout.readline()
        second = proc.stdout.readline()
        port = int(re.search(r"Demo page: http://127\.0\.0\.1:(\d+)/ ", first).group(1))
        health = int(re.search(r"Health checks: http://127\.0\.0\.1:(\d+)/healthz", second).group(1))
        assert port != 0 and health not in (0, port)
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"http://127.0.0.1:{port}/readyz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.3)
        assert _get(f"http://127.0.0.1:{health}/healthz")[0] == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=30)
    assert not list(tmp_path.rglob("*.ctl")), list(tmp_path.rglob("*"))
