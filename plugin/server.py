"""Running the service under gunicorn, programmatically (no config file, no import strings).

The app (and so the spaCy pipeline) is built once in the master and shared by forked workers
(``preload_app``); workers are recycled after ``max_requests`` (+ jitter, so they do not all
restart at once); request lines and header counts are bounded; a stuck worker is killed after
``timeout`` and replaced.
"""

from __future__ import annotations

import errno
import gc
import os
import socket
from collections.abc import Callable, Mapping

from gunicorn.app.base import BaseApplication

from annotator.errors import ConfigError


#: Requests before a worker is replaced. Memory stays flat within a worker without it
#: (requests run in memory zones, and spaCy's string and lexeme indexes are compacted:
#: ``runtime.stringindex``, ``runtime.lexemeindex``); recycling is a second line of defence
#: against leaks in code we do not own. A low figure costs more than it saves: a
#: fresh worker forgets the words it learned (``runtime.warmup``), and at 2,000 a worker was
#: replaced every few seconds under load (the service answered 40 % fewer requests).
DEFAULT_MAX_REQUESTS = 50_000


#: Threads per worker; 1, the default, means a sync worker (:data:`SYNC_WORKER`). Annotation is
#: CPU-bound under the GIL, so threads add no throughput. They cost tail latency: a ``gthread``
#: worker keeps each keep-alive connection it accepted, so a few busy clients pile onto one
#: worker while another core idles. A sync worker takes one request at a time and accepts the
#: next connection only when it is free, so the kernel's accept queue spreads the load evenly.
#: Measured on 2 cores at concurrency 8 (the benchmark's service rows): p99 15-20 ms with 4 workers x 2 threads,
#: 7-9 ms with 3 sync workers, at the same requests per second. ``--threads N`` (gthread)
#: suits clients that hold connections open with no proxy in front.
DEFAULT_THREADS = 1

#: The worker class for ``threads == 1``.
SYNC_WORKER = "annotator.plugin.worker.PollingSyncWorker"

#: The worker class for ``threads > 1``: gunicorn's gthread, with the service's JSON errors.
THREAD_WORKER = "annotator.plugin.worker.ThreadWorker"


def default_workers() -> int:
    """One per core plus one, at most 9. Annotation is CPU-bound: more workers than cores only
    time-slice (the tail grows: 8.5-11 ms p99 with 4 sync workers on 2 cores, 9.3 with 5), and
    the extra one keeps the cores busy while a worker reads a request or writes an answer."""
    return max(2, min(9, (os.cpu_count() or 1) + 1))


def bind_listener(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``port`` 0: one the system picks), bound the
    way gunicorn binds (``SO_REUSEADDR``). Binding before gunicorn starts turns a port in use
    into one clear error (E620) instead of gunicorn's five seconds of retries, and tells the
    real port of ``--port 0``; gunicorn then takes the socket over (``fd://``)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as exc:
        raise ConfigError("E621", host=host, port=port, detail=exc.strerror) from None
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError as exc:
        listener.close()
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError("E620", host=host, port=port) from None
        raise ConfigError("E621", host=host, port=port, detail=exc.strerror or str(exc)) from None
    return listener


def free_port_after(host: str, port: int, tries: int = 50) -> int | None:
    """The first port after ``port`` that ``host`` can listen on now, if any within ``tries``."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            bind_listener(host, candidate).close()
        except ConfigError:
            continue
        return candidate
    return None


def gunicorn_options(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    bind: str | None = None,
    workers: int | None = None,
    threads: int = DEFAULT_THREADS,
    timeout: int = 30,
    max_requests: int = DEFAULT_MAX_REQUESTS,
    graceful_timeout: int = 20,
    access_log: bool = False,
) -> dict:
    """gunicorn's settings for the service; ``bind`` (e.g. ``fd://5``) overrides host and port."""
    return {
        "bind": bind or f"{host}:{port}",
        "workers": workers or default_workers(),
        "threads": threads,
        # The sync worker, except that requests are read whole in a poll before the app runs
        # (plugin.worker), so slow clients hold a buffer, not the worker. gthread still holds a
        # thread while a slow client sends its body: there, put a buffering proxy in front.
        "worker_class": THREAD_WORKER if threads > 1 else SYNC_WORKER,
        "timeout": timeout,
        "graceful_timeout": graceful_timeout,
        # gthread: seconds an idle keep-alive connection stays open; the sync worker: seconds a
        # connection may stay silent before its request (plugin.worker).
        "keepalive": 5,
        "preload_app": True,
        "max_requests": max_requests,
        "max_requests_jitter": max(1, max_requests // 10),
        # Bounded request heads; the body limit is the app's MAX_CONTENT_LENGTH.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
        # Off by default, as in gunicorn: a line per request costs a worker ~8 % of its CPU at
        # thousands of requests per second (profiled with py-spy), and a proxy in front logs them.
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "helpdesk-annotator",
        # Recent gunicorns (27 here) open a control socket at one path per user ($XDG_RUNTIME_DIR or
        # ~/.gunicorn/gunicorn.ctl) by default: a second instance on the machine takes it over
        # from the first. The service does not use it. (Older gunicorns lack the setting;
        # ServiceApplication skips settings the installed gunicorn does not know.)
        "control_socket_disable": True,
    }


class ServiceApplication(BaseApplication):
    """``ServiceApplication(app_factory, options).run()`` serves the app under gunicorn."""

    def __init__(self, load_app: Callable, options: Mapping[str, object]) -> None:
        self._load_app = load_app
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key.lower(), value)

    def load(self):
        app = self._load_app()
        # The master built the pipeline (preload_app) and forks the workers next. Frozen, those
        # objects are never walked by a worker's cyclic collector: no full-collection pauses
        # over the whole glossary under load, and no copy-on-write of pages just to update GC
        # headers. (What the master built stays alive for the process's life anyway.)
        gc.freeze()
        return app
