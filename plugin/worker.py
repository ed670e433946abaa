"""gunicorn's sync worker, minus its one trap: a connection that sends nothing.

The stock sync worker accepts a connection and then blocks reading it. A client that connects
and says nothing (a browser's speculative pre-connection, a TCP health check that holds the
socket, an idle ``telnet``) holds the worker until gunicorn's ``timeout`` kills it: three such
connections stopped a 3-worker service for 31 s and killed every worker, and with them the
words each had learned (``pipeline.warmup``).

:class:`PollingSyncWorker` accepts into a poll instead. A connection is handed to the stock
request handling only once its first bytes have arrived; one that stays silent for
``keepalive`` seconds is closed. Everything else is the sync worker's: one request at a time,
a new connection accepted only when the worker is free (so the kernel's accept queue spreads
the load over the workers, which is why the service runs sync workers: see
``plugin.server.DEFAULT_THREADS``), ``Connection: close`` after each response. Once a request
has begun, a client that stalls for :data:`STALL_TIMEOUT` seconds is dropped rather than left
to hold the worker up to gunicorn's ``timeout``.
"""

from __future__ import annotations

import errno
import os
import selectors
import socket
import time

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

#: Seconds a client may leave a request (or the reading of its answer) stalled before the
#: connection is dropped. Per socket operation, not per request: a large body that keeps
#: coming is never cut off.
STALL_TIMEOUT = 10.0

#: Silent connections held open at most, per worker; past it the worker stops accepting until
#: some are used or expire (the other workers accept meanwhile).
MAX_WAITING = 256

#: Seconds a departing worker waits for the requests of connections it accepted but has not
#: read yet (a client sends its request right after connecting).
FINISH_GRACE = 0.2

_IGNORED_ACCEPT_ERRORS = (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK)
_LISTENER = "listener"  # selector data of a listening socket


class _Waiting:
    """An accepted connection whose first bytes have not arrived yet."""

    __slots__ = ("client", "addr", "listener", "deadline")

    def __init__(self, client: socket.socket, addr, listener: socket.socket, deadline: float) -> None:
        self.client = client
        self.addr = addr
        self.listener = listener
        self.deadline = deadline


class PollingSyncWorker(SyncWorker):
    """A sync worker that waits for a connection's first bytes in a poll, not in ``recv``."""

    def run(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self.PIPE[0], selectors.EVENT_READ)
        for listener in self.sockets:
            listener.setblocking(False)
        self._listen(selector, True)
        waiting: dict[int, _Waiting] = {}
        try:
            self._loop(selector, waiting)
            self._finish(selector, waiting)  # recycled, stopped, or the master is gone
        finally:  # also on an immediate exit (SIGQUIT raises SystemExit in the loop)
            for entry in waiting.values():
                util.close(entry.client)
            selector.close()

    def _loop(self, selector: selectors.BaseSelector, waiting: dict[int, _Waiting]) -> None:
        while self.alive:
            self.notify()
            ready = [key for key, _ in selector.select(self._poll_timeout(waiting))]
            # Requests already here first, then at most one new connection per listener: a
            # worker that accepted greedily would queue requests other workers could serve.
            for key in ready:
                if isinstance(key.data, _Waiting):
                    self._serve(selector, waiting, key.data)
                    if not self.alive:
                        return
            for key in ready:
                if key.fileobj == self.PIPE[0]:
                    os.read(self.PIPE[0], 1)
                elif key.data is _LISTENER:
                    self._accept(selector, waiting, key.fileobj)
            self._expire(selector, waiting)
            self._listen(selector, len(waiting) < MAX_WAITING)
            if not self.is_parent_alive():
                return

    def _finish(self, selector: selectors.BaseSelector, waiting: dict[int, _Waiting]) -> None:
        """Before the worker goes: answer every connection it accepted whose request has come,
        waiting up to :data:`FINISH_GRACE` for the silent ones to speak (those that do not are
        closed by :meth:`run`). What is still in the kernel's queue is left to the other
        workers. The grace bounds the waiting only: a request that is here is answered however
        long the ones before it took."""
        self._listen(selector, False)
        deadline = time.monotonic() + FINISH_GRACE
        while waiting:
            served = False
            for key, _ in selector.select(max(0.0, deadline - time.monotonic())):
                if isinstance(key.data, _Waiting):
                    self._serve(selector, waiting, key.data)
                    served = True
                elif key.fileobj == self.PIPE[0]:
                    os.read(self.PIPE[0], 1)
            if not served and time.monotonic() >= deadline:
                return

    def _listen(self, selector: selectors.BaseSelector, on: bool) -> None:
        """Poll the listening sockets, or stop (while :data:`MAX_WAITING` connections wait)."""
        for listener in self.sockets:
            registered = selector.get_map().get(listener.fileno()) is not None
            if on and not registered:
                selector.register(listener, selectors.EVENT_READ, _LISTENER)
            elif registered and not on:
                selector.unregister(listener)

    def _poll_timeout(self, waiting: dict[int, _Waiting]) -> float:
        # Wake for the arbiter's heartbeat (as the stock worker does) and for the next expiry:
        # ``waiting`` is in accept order, so its first entry expires first.
        timeout = min(self.timeout or 0.5, 1.0)
        if waiting:
            first = next(iter(waiting.values()))
            timeout = min(timeout, max(0.0, first.deadline - time.monotonic()))
        return timeout

    def _accept(self, selector: selectors.BaseSelector, waiting: dict[int, _Waiting],
                listener: socket.socket) -> None:
        try:
            client, addr = listener.accept()
        except OSError as exc:
            if exc.errno not in _IGNORED_ACCEPT_ERRORS:
                raise
            return  # another worker took it
        util.close_on_exec(client)
        client.setblocking(False)
        entry = _Waiting(client, addr, listener, time.monotonic() + (self.cfg.keepalive or 2))
        waiting[client.fileno()] = entry
        selector.register(client, selectors.EVENT_READ, entry)

    def _serve(self, selector: selectors.BaseSelector, waiting: dict[int, _Waiting], entry: _Waiting) -> None:
        selector.unregister(entry.client)
        del waiting[entry.client.fileno()]
        entry.client.settimeout(STALL_TIMEOUT)
        self.handle(entry.listener, entry.client, entry.addr)  # closes the connection

    def _expire(self, selector: selectors.BaseSelector, waiting: dict[int, _Waiting]) -> None:
        now = time.monotonic()
        while waiting:
            fd, entry = next(iter(waiting.items()))  # the oldest (see _poll_timeout)
            if entry.deadline > now:
                return
            selector.unregister(entry.client)
            del waiting[fd]
            util.close(entry.client)
