"""A small bounded HTTP/1.1 load generator and a real gunicorn to point it at.

Used by the service benchmark and by the load/fault reliability test. Pure Python (asyncio raw
streams, one event loop thread), so ``make bench`` needs nothing but the venv. The loop is
uvloop's when it is installed (the ``bench`` extra): the generator shares the cores with the
server it measures, and uvloop's loop costs it about a third less CPU per request (180 -> 131 us
for the no-op, 280 -> 187 us for a 150-word annotation), which the server gets instead.

* fixed duration and fixed connection count: ``concurrency`` clients each send one request,
  read the whole response, and send the next, until the deadline;
* keep-alive when the server allows it, a fresh connection when it says ``Connection: close``
  (gunicorn's sync workers always do), and one retry when a *reused* idle connection turns out
  to be closed before any byte came back -- what every HTTP client does, and counted;
* a request body is written while the response is read, so a server that answers 413 before
  reading a large body is seen answering, not as a broken pipe;
* every request records its kind, status, latency, start and end time, so a test can tell which
  failures overlapped a fault it injected.

:class:`Server` starts gunicorn (or any command) on 127.0.0.1, waits for ``/readyz``, finds the
worker processes (children of the master) and stops it by PID.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .timing import percentile

HOST = "127.0.0.1"


# --- requests --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    kind: str  # a label for the report: "annotate", "noop", "invalid-utf8", ...
    method: str
    path: str
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    chunked: bool = False

    def encode(self, host: str, port: int) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}:{port}",
                 "Connection: keep-alive", "Accept: application/json"]
        if self.content_type is not None and (self.body or self.method in ("POST", "PUT")):
            lines.append(f"Content-Type: {self.content_type}")
        lines += [f"{k}: {v}" for k, v in self.headers]
        if self.chunked:
            lines.append("Transfer-Encoding: chunked")
            body = b"".join(
                b"%x\r\n%s\r\n" % (len(chunk), chunk)
                for chunk in (self.body[i:i + 65536] for i in range(0, len(self.body), 65536))
            ) + b"0\r\n\r\n"
        else:
            if self.body or self.method in ("POST", "PUT"):
                lines.append(f"Content-Length: {len(self.body)}")
            body = self.body
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def json_request(kind: str, path: str, payload: object) -> Request:
    return Request(kind, "POST", path, json.dumps(payload).encode("utf-8"))


def get_request(kind: str, path: str) -> Request:
    return Request(kind, "GET", path, content_type=None)


@dataclass(frozen=True)
class Mix:
    """Weighted request kinds; each client draws from its own seeded RNG."""

    requests: tuple[Request, ...]
    weights: tuple[float, ...]

    @classmethod
    def of(cls, *pairs: tuple[Request, float]) -> Mix:
        return cls(tuple(r for r, _ in pairs), tuple(w for _, w in pairs))

    def picker(self, seed: int) -> Callable[[], Request]:
        if len(self.requests) == 1:
            only = self.requests[0]
            return lambda: only
        rng = random.Random(seed)
        # Cumulative weights once, not on every draw: a mix may hold thousands of requests.
        cumulative = list(itertools.accumulate(self.weights))
        return lambda: rng.choices(self.requests, cum_weights=cumulative)[0]


class InOrder:
    """Requests handed out in order, each once, to all clients together (from the start again
    when all were sent): a pool larger than the run sends no request twice."""

    def __init__(self, requests: Sequence[Request]) -> None:
        if not requests:
            raise ValueError("InOrder needs at least one request")
        self.requests = tuple(requests)
        self._next = itertools.cycle(self.requests).__next__

    def picker(self, seed: int) -> Callable[[], Request]:
        return self._next  # shared: every client runs on the one event loop thread


# --- results ---------------------------------------------------------------------------------

@dataclass
class Sample:
    kind: str
    status: int | None  # None: no response (see ``error``)
    started: float  # perf_counter
    ended: float
    error: str | None = None
    content_type: str = ""
    retried: bool = False
    retried_at: float | None = None  # when the first attempt failed, if it was retried

    @property
    def latency(self) -> float:
        return self.ended - self.started


@dataclass
class LoadResult:
    duration: float
    concurrency: int
    samples: list[Sample] = field(default_factory=list)

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status is not None]

    @property
    def rps(self) -> float:
        return len(self.ok) / self.duration if self.duration else 0.0

    def latencies(self, kind: str | None = None) -> list[float]:
        return [s.latency for s in self.ok if kind is None or s.kind == kind]

    def p(self, pct: float, kind: str | None = None) -> float:
        return percentile(self.latencies(kind), pct)

    @property
    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status is None]

    @property
    def server_errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status is not None and s.status >= 500]

    def statuses(self) -> Counter:
        return Counter((s.kind, s.status) for s in self.samples)

    def summary(self) -> dict:
        return {
            "duration_s": round(self.duration, 3),
            "concurrency": self.concurrency,
            "requests": len(self.samples),
            "responses": len(self.ok),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p(50) * 1000, 2),
            "p99_ms": round(self.p(99) * 1000, 2),
            "max_ms": round(max(self.latencies(), default=float("nan")) * 1000, 2),
            "status_5xx": len(self.server_errors),
            "connection_errors": len(self.errors),
            "retries": sum(s.retried for s in self.samples),
            "p99_ms_by_kind": {kind: round(self.p(99, kind) * 1000, 1)
                               for kind in sorted({s.kind for s in self.ok})},
            "by_kind_status": {f"{k} {st}": n for (k, st), n in sorted(
                self.statuses().items(), key=lambda kv: (kv[0][0], str(kv[0][1])))},
        }


# --- the client ------------------------------------------------------------------------------

class _Closed(Exception):
    """The connection closed (or reset) before a complete response arrived."""

    def __init__(self, detail: str, got_bytes: bool) -> None:
        super().__init__(detail)
        self.got_bytes = got_bytes


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    """Read one whole response; return (status, lower-cased headers). The body is discarded."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        raise _Closed("closed before the response head", bool(exc.partial)) from None
    except asyncio.LimitOverrunError:
        raise _Closed("response head too long", True) from None
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError):
        raise _Closed(f"bad status line {lines[0]!r}", True) from None
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        elif "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        elif headers.get("connection", "").lower() == "close":
            await reader.read()  # body delimited by the close
    except (asyncio.IncompleteReadError, ValueError):
        raise _Closed("closed in the middle of the body", True) from None
    return status, headers


async def _settle(drain: asyncio.Future) -> bool:
    """Let a pending body write finish; True when it failed, the connection is then unusable
    (a full answer read before the failure still counts: the server answered)."""
    try:
        await asyncio.wait_for(drain, 0.5)
        return False
    except (ConnectionError, OSError, asyncio.TimeoutError, asyncio.CancelledError):
        return True


class _Client:
    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.reused = False

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (OSError, asyncio.CancelledError):
                pass
        self.reader = self.writer = None

    async def _exchange(self, raw: bytes) -> tuple[int, dict[str, str]]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, limit=1 << 20)
            self.reused = False
        else:
            self.reused = True
        self.writer.write(raw)
        # Drain concurrently: a server may answer (413) before it has read a large body.
        drain = asyncio.ensure_future(self.writer.drain())
        try:
            status, headers = await _read_response(self.reader)
        except (ConnectionError, OSError) as exc:
            raise _Closed(type(exc).__name__, False) from None
        finally:
            write_failed = await _settle(drain)
        if write_failed or headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers

    async def send(self, request: Request) -> Sample:
        raw = request.encode(self.host, self.port)
        started = time.perf_counter()
        retried = False
        retried_at = None
        for attempt in (1, 2):
            try:
                status, headers = await asyncio.wait_for(self._exchange(raw), self.timeout)
                return Sample(request.kind, status, started, time.perf_counter(),
                              content_type=headers.get("content-type", ""), retried=retried,
                              retried_at=retried_at)
            except _Closed as exc:
                was_reused = self.reused
                await self.close()
                if attempt == 1 and was_reused and not exc.got_bytes:
                    # A reused keep-alive connection closed under us: retry once, fresh.
                    retried, retried_at = True, time.perf_counter()
                    continue
                error = str(exc)
            except asyncio.TimeoutError:
                await self.close()
                error = "timeout"
            except (ConnectionError, OSError) as exc:
                await self.close()
                error = type(exc).__name__
            return Sample(request.kind, None, started, time.perf_counter(), error=error,
                          retried=retried, retried_at=retried_at)
        raise AssertionError("unreachable")


async def _run(host, port, mix, duration, concurrency, timeout, seed,
               on_tick: Callable[[float], None] | None) -> LoadResult:
    result = LoadResult(duration, concurrency)
    start = time.perf_counter()
    deadline = start + duration

    async def client(index: int) -> None:
        pick = mix.picker(seed * 1000 + index)
        conn = _Client(host, port, timeout)
        try:
            while time.perf_counter() < deadline:
                result.samples.append(await conn.send(pick()))
        finally:
            await conn.close()

    async def ticker() -> None:
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
            on_tick(time.perf_counter() - start)

    tasks = [asyncio.ensure_future(client(i)) for i in range(concurrency)]
    if on_tick is not None:
        tasks.append(asyncio.ensure_future(ticker()))
    await asyncio.gather(*tasks)
    # The measured window ends when the last in-flight request finished.
    result.duration = max(duration, time.perf_counter() - start)
    return result


def run_load(port: int, mix: Mix | InOrder | Request, *, duration: float, concurrency: int,
             host: str = HOST, timeout: float = 10.0, seed: int = 0,
             on_tick: Callable[[float], None] | None = None) -> LoadResult:
    """Drive ``host:port`` with ``concurrency`` connections for ``duration`` seconds.

    ``on_tick(elapsed)`` is called from the event loop about every 50 ms (for fault injection:
    it must be quick and must not block).
    """
    if isinstance(mix, Request):
        mix = Mix((mix,), (1.0,))
    run = _run(host, port, mix, duration, concurrency, timeout, seed, on_tick)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run_loop(run)
    # A loop already runs in this thread (in a test session, Playwright's sync API leaves one
    # behind) and asyncio.run() refuses to nest: give the generator a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run_loop, run).result()


def _uvloop():
    """The uvloop module when it is installed (the ``bench`` extra), else None."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop


def run_loop(coro):
    """Run ``coro`` to completion on a new event loop: uvloop's if installed, else asyncio's."""
    uvloop = _uvloop()
    return asyncio.run(coro) if uvloop is None else uvloop.run(coro)


def loop_name() -> str:
    """The event loop :func:`run_loop` uses, for the benchmark's notes."""
    return "asyncio" if _uvloop() is None else "uvloop"


# --- the server ------------------------------------------------------------------------------

def free_port(host: str = HOST) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def http_get(port: int, path: str, *, host: str = HOST, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def children(pid: int) -> list[int]:
    """Direct child PIDs of ``pid`` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(p) for p in task.read_text().split()]
        except OSError:
            continue
    return sorted(found)


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time of ``pids`` so far (Linux /proc; a process gone counts 0)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat
    return ticks / os.sysconf("SC_CLK_TCK")


def cli_command(*args: str) -> list[str]:
    """``helpdesk-annotator ARGS...`` with the interpreter running this code: the console script
    next to it when installed, else the same entry point through ``-c``."""
    exe = Path(sys.executable).with_name("helpdesk-annotator")
    if exe.exists():
        return [str(exe), *args]
    return [sys.executable, "-c", "from annotator.cli import main; main()", *args]


def serve_command(port: int, *, workers: int | None = None, host: str = HOST,
                  extra: Sequence[str] = ()) -> list[str]:
    """The production server exactly as users start it: ``helpdesk-annotator serve`` (gunicorn
    in that process, so its PID is the master). ``workers=None`` keeps the project default."""
    cmd = cli_command("serve", "--host", host, "--port", str(port))
    if workers is not None:
        cmd += ["--workers", str(workers)]
    return cmd + list(extra)


class Server:
    """A server subprocess on 127.0.0.1: start, wait for readiness, find workers, stop by PID.

    The command must run the gunicorn master in the process it starts (``exec``), so that
    ``pid`` is the master and its children are the workers.
    """

    def __init__(self, command: Sequence[str], port: int, *, env: dict | None = None,
                 log_path: Path | None = None) -> None:
        self.command = list(command)
        self.port = port
        self.env = {**os.environ, **(env or {})}
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0
        self.ready_after: float | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None, "server not started"
        return self.proc.pid

    def start(self) -> Server:
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT,
                                     env=self.env, start_new_session=True)
        if self.log_path:
            log.close()
        return self

    def wait_ready(self, path: str = "/readyz", *, timeout: float = 30.0,
                   workers: int | None = None) -> float:
        """Poll ``path`` every 10 ms until 200; return seconds since start. With ``workers``,
        also wait until that many worker processes exist (the first 200 can come from the
        first worker up while the other still boots)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                status, _ = http_get(self.port, path, timeout=1.0)
            except (OSError, urllib.error.URLError):
                status = None
            if status == 200:
                if self.ready_after is None:
                    self.ready_after = time.perf_counter() - self.started_at
                if workers is None or len(self.workers()) >= workers:
                    return self.ready_after
            time.sleep(0.01)
        raise TimeoutError(f"{path} not 200 after {timeout} s: {self.log_tail()}")

    def workers(self) -> list[int]:
        return children(self.pid)

    def log_tail(self, chars: int = 2000) -> str:
        if self.log_path and Path(self.log_path).exists():
            return Path(self.log_path).read_text(errors="replace")[-chars:]
        return "(no log)"

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM the master (gunicorn stops its workers gracefully), SIGKILL the process group
        if it does not go; return the exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.proc.wait(timeout)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
