"""``plugin.health``: liveness and readiness from the gunicorn master, while workers are busy."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from annotator.plugin.health import assess

NOW = 1000.0


@pytest.mark.parametrize(("reports", "live", "ready", "status"), [
    ([], False, False, "starting"),
    ([(1, NOW - 0.5, 0, 1), (2, NOW - 0.2, 0, 1)], True, True, "ok"),
    ([(1, NOW - 0.5, 1, 1), (2, NOW - 0.2, 0, 1)], True, True, "ok"),
    ([(1, NOW - 9.0, 1, 1), (2, NOW - 20.0, 1, 1)], True, False, "saturated"),  # busy, not stuck
    ([(1, NOW - 40.0, 1, 1)], False, False, "stuck"),  # past gunicorn's timeout
    ([(1, NOW - 0.1, 3, 4)], True, True, "ok"),  # a gthread worker with a free thread
    ([(1, NOW - 0.1, 4, 4)], True, False, "saturated"),
])
def test_health_assess(reports, live, ready, status):
    health = assess(reports, timeout=30.0, now=NOW)
    assert (health.live, health.ready, health.body["status"]) == (live, ready, status)


SERVER = """
import sys, time
from flask import Blueprint, request
from annotator.plugin import create_app
from annotator.plugin.health import HealthMonitor
from annotator.plugin.server import ServiceApplication, bind_listener, gunicorn_options
options = gunicorn_options(port=int(sys.argv[1]), workers=1)
options.update(HealthMonitor(bind_listener("127.0.0.1", int(sys.argv[2])), slots=8).hooks())
app = create_app()
slow = Blueprint("slow", __name__)
slow.get("/slow")(lambda: time.sleep(float(request.args["s"])) or "done")
app.register_blueprint(slow)
ServiceApplication(lambda: app, options).run()
"""


def _get(port: int, path: str, timeout: float = 1.0) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.slow
def test_health_answers_from_the_master_while_every_worker_is_busy(tmp_path, free_port):
    port, health_port = free_port(), free_port()
    log = tmp_path / "gunicorn.log"
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(health_port)],
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            try:
                if _get(health_port, "/readyz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert _get(health_port, "/healthz") == (200, {"status": "ok", "workers": 1, "busy": 0, "capacity": 1})
        busy = threading.Thread(target=lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/slow?s=3", timeout=10).read())
        busy.start()
        time.sleep(0.5)
        # The only worker is busy: the service's own /healthz waits behind it ...
        with pytest.raises(OSError):
            _get(port, "/healthz", timeout=1.0)
        # ... the master's answers at once: alive, and saturated.
        started = time.monotonic()
        assert _get(health_port, "/healthz")[0] == 200
        status, body = _get(health_port, "/readyz")
        assert time.monotonic() - started < 1.0
        assert (status, body["status"], body["busy"]) == (503, "saturated", 1)
        busy.join(10)
        # Free again once the worker has closed the connection (just after the client read it).
        deadline = time.monotonic() + 5
        while _get(health_port, "/readyz")[0] != 200:
            assert time.monotonic() < deadline, "still saturated after the request ended"
            time.sleep(0.05)
        assert _get(health_port, "/nope")[0] == 404
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
    with socket.socket() as probe:  # the master let go of the health port when it stopped
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", health_port))
