"""Liveness and readiness that do not queue behind busy workers: a tiny listener in the master.

The service's own ``/healthz`` is answered by a worker, so when every worker is busy (eight
large batches at once) it waits with the rest, and an orchestrator's liveness probe would
restart a healthy, busy service. With ``serve --health-port``, the gunicorn master runs
:class:`HealthMonitor`: a thread on its own port answering

* ``GET /healthz`` (liveness): 200 while at least one worker is alive, that is, has reported
  within gunicorn's ``timeout`` (a busy worker counts: gunicorn replaces one that stays silent
  longer); 503 when none is (none booted yet, or all stuck);
* ``GET /readyz`` (readiness): 200 while some live worker has a free slot for a request, 503
  ``"saturated"`` while every one is busy.

Workers report through a table in shared memory (an anonymous ``mmap`` the master creates
before forking): one slot per worker, with its pid, its last heartbeat (each time gunicorn's
own ``notify`` runs) and how many requests it is serving. The master reads it; nothing in a
worker waits on the master, and nothing in the master waits on a worker.
"""

from __future__ import annotations

import json
import mmap
import os
import socket
import struct
import threading
import time
from dataclasses import dataclass

_SLOT = struct.Struct("qdii")  # pid, last heartbeat (time.monotonic), requests in progress, capacity

#: Seconds the listener gives one client to send its request line.
CLIENT_TIMEOUT = 1.0


class Board:
    """The shared table of worker reports, one slot per worker."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._memory = mmap.mmap(-1, _SLOT.size * slots)  # MAP_SHARED: forked workers write it
        self._free = list(range(slots - 1, -1, -1))

    def claim(self) -> int | None:
        """A free slot for a worker about to be forked (None when all are taken)."""
        return self._free.pop() if self._free else None

    def release(self, index: int) -> None:
        self.write(index, 0, 0.0, 0, 0)
        self._free.append(index)

    def write(self, index: int, pid: int, beat: float, busy: int, capacity: int) -> None:
        _SLOT.pack_into(self._memory, index * _SLOT.size, pid, beat, busy, capacity)

    def reports(self) -> list[tuple[int, float, int, int]]:
        rows = (_SLOT.unpack_from(self._memory, i * _SLOT.size) for i in range(self.slots))
        return [row for row in rows if row[0]]


class WorkerReport:
    """What a worker writes into its slot: heartbeats, and requests begun and ended."""

    def __init__(self, board: Board, index: int, capacity: int) -> None:
        self._board = board
        self._index = index
        self._capacity = capacity
        self._busy = 0
        self._lock = threading.Lock()  # gthread workers report from several threads

    def beat(self) -> None:
        self.busy(0)

    def busy(self, delta: int) -> None:
        with self._lock:
            self._busy += delta
            self._board.write(self._index, os.getpid(), time.monotonic(), self._busy, self._capacity)


@dataclass(frozen=True)
class Health:
    live: bool
    ready: bool
    body: dict


def assess(reports: list[tuple[int, float, int, int]], timeout: float, now: float) -> Health:
    """Liveness and readiness from the workers' reports (pure: ``now`` is given)."""
    alive = [r for r in reports if now - r[1] <= timeout]
    busy = sum(min(r[2], r[3]) for r in alive)
    capacity = sum(r[3] for r in alive)
    if not alive:
        status = "starting" if not reports else "stuck"
    else:
        status = "ok" if busy < capacity else "saturated"
    body = {"status": status, "workers": len(alive), "busy": busy, "capacity": capacity}
    return Health(live=bool(alive), ready=bool(alive) and busy < capacity, body=body)


class HealthMonitor:
    """The master's health listener, wired into gunicorn through its server hooks."""

    def __init__(self, listener: socket.socket, slots: int) -> None:
        self.listener = listener
        self.board = Board(slots)
        self._timeout = 30.0
        self._capacity = 1

    def hooks(self) -> dict:
        """gunicorn settings (server hooks) that run the monitor."""
        return {"when_ready": self.when_ready, "pre_fork": self.pre_fork,
                "post_fork": self.post_fork, "child_exit": self.child_exit}

    def when_ready(self, server) -> None:
        self._timeout = float(server.timeout or 30)
        self._capacity = max(1, int(server.cfg.threads or 1))
        thread = threading.Thread(target=self.serve_forever, name="health", daemon=True)
        thread.start()

    def pre_fork(self, server, worker) -> None:
        index = self.board.claim()
        if index is not None:
            worker.health = WorkerReport(self.board, index, max(1, int(server.cfg.threads or 1)))
            worker.health_slot = index

    def post_fork(self, server, worker) -> None:
        self.listener.close()  # the worker's copy: only the master answers health checks

    def child_exit(self, server, worker) -> None:
        index = getattr(worker, "health_slot", None)
        if index is not None:
            self.board.release(index)

    def assess(self) -> Health:
        return assess(self.board.reports(), self._timeout, time.monotonic())

    def serve_forever(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # the listener was closed: the master is going
            with client:
                self._answer(client)

    def _answer(self, client: socket.socket) -> None:
        client.settimeout(CLIENT_TIMEOUT)
        try:
            head = b""
            while b"\r\n" not in head and len(head) < 4096:
                data = client.recv(4096)
                if not data:
                    return
                head += data
            method, _, rest = head.partition(b" ")
            path = rest.split(b" ", 1)[0].split(b"?", 1)[0]
            client.sendall(self.response(method, path))
            client.shutdown(socket.SHUT_WR)
        except OSError:
            return

    def response(self, method: bytes, path: bytes) -> bytes:
        if method not in (b"GET", b"HEAD"):
            status, body = 405, {"error": {"code": "E608", "message": "use GET"}}
        elif path in (b"/healthz", b"/readyz"):
            health = self.assess()
            ok = health.live if path == b"/healthz" else health.ready
            status, body = (200 if ok else 503), health.body
        else:
            status, body = 404, {"error": {"code": "E607", "message": "not found: try /healthz or /readyz"}}
        payload = (json.dumps(body, separators=(",", ":")) + "\n").encode()
        reason = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}[status]
        head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\nCache-Control: no-store\r\n"
                "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\r\n")
        return head.encode() + (payload if method == b"GET" else b"")
