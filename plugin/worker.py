"""gunicorn's sync worker, minus its traps: clients that are silent, slow, or caught mid-request.

The stock sync worker accepts a connection and then blocks reading it: a client that connects
and says nothing, or sends its request a line at a time, holds the worker until gunicorn's
``timeout`` kills it (three silent connections stopped a 3-worker service for 31 s; six
connections sending a header line every 5 s kept ``/healthz`` down for 27 s).

:class:`PollingSyncWorker` reads requests in a poll instead. Every connection it accepted is
read as its bytes come, without blocking, until the whole request (head and body, framed as
``plugin.framing`` says) is in memory; only then does gunicorn parse it and the app run, from
that buffer. So a slow client costs a buffer, never the worker. Each phase is bounded:

* a connection that stays silent for ``keepalive`` seconds is closed;
* a request head must arrive within :data:`HEAD_TIMEOUT` seconds of its first byte, a body
  within :data:`BODY_TIMEOUT` seconds of the end of the head (408 E617), and neither may stall
  for :data:`STALL_TIMEOUT` seconds (a stalled head is dropped, a stalled body answered 408
  E614).

A connection whose bytes have arrived is never closed unanswered: deadlines are judged only
after reading what the socket holds, however long the request before took. When the worker
goes (``max_requests`` reached, the server stopping), it stops accepting and answers what it
accepted: requests that arrive within the ``keepalive`` wait are served, ones still arriving
after it get 503 E619 with ``Connection: close``, silent connections are closed.

Everything else is the sync worker's: one request at a time, a new connection accepted only
when no complete request waits (so the kernel's accept queue spreads the load over the
workers, which is why the service runs sync workers: see ``plugin.server.DEFAULT_THREADS``),
``Connection: close`` after each response. Errors gunicorn answers itself are JSON with the
service's headers (``plugin.wire``), in this worker and in :class:`ThreadWorker`.
"""

from __future__ import annotations

import errno
import os
import selectors
import socket
import ssl
import time
from collections import deque

from gunicorn import http, sock, util
from gunicorn.http.unreader import SocketUnreader
from gunicorn.workers.gthread import ThreadWorker as _GunicornThreadWorker
from gunicorn.workers.sync import SyncWorker

from annotator.errors import Errors

from . import framing, wire

#: Seconds a client may leave a request (or the reading of its answer) stalled before the
#: connection is dropped. Per socket operation, not per request.
STALL_TIMEOUT = 10.0

#: Seconds from a request's first byte to the end of its head, at most.
HEAD_TIMEOUT = 20.0

#: Seconds from the end of a request's head to the end of its body, at most.
BODY_TIMEOUT = 60.0

#: Connections held open at most, per worker; past it the worker stops accepting until some
#: are answered or expire (the other workers accept meanwhile).
MAX_WAITING = 256

#: Bytes of unfinished requests a worker buffers at most; past it, requests whose head is here
#: are handed to gunicorn to read the rest from the socket, bounded by the same deadlines.
MAX_BUFFERED = 64 * 1024 * 1024

#: Body limit when the app does not say (a Flask app's ``MAX_CONTENT_LENGTH``).
DEFAULT_BODY_LIMIT = 16 * 1024 * 1024

#: Seconds an answered connection is drained before it is closed (what gunicorn's
#: ``close_graceful`` waits, here without holding the worker): closing with unread bytes would
#: send a reset, which can destroy the answer before the client reads it.
LINGER = 2.0

_READ_SIZE = 256 * 1024  # bytes read from one connection per turn
_IGNORED_ACCEPT_ERRORS = (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK)
_LISTENER = "listener"  # selector data of a listening socket


class _Connection:
    """An accepted connection and the part of its request received so far."""

    __slots__ = ("client", "addr", "listener", "buffer", "scan", "due", "deadline", "stalled",
                 "head_started", "ready")

    def __init__(self, client: socket.socket, addr, listener: socket.socket, scan, expiry: float) -> None:
        self.client = client
        self.addr = addr
        self.listener = listener
        self.buffer = bytearray()
        self.scan = scan
        self.deadline = expiry  # the phase's total deadline (silent: the keep-alive expiry)
        self.stalled = expiry  # when no new byte by then counts as a stall
        self.head_started = False
        self.ready = False  # complete, or to be handed over as it stands


class _Lingering:
    """An answered connection, write side shut, drained until the client closes or ``until``."""

    __slots__ = ("client", "until")

    def __init__(self, client: socket.socket, until: float) -> None:
        self.client = client
        self.until = until


class JSONErrorsMixin:
    """Errors gunicorn writes itself, as the service's JSON (``plugin.wire``); and a health
    report (``plugin.health``) when the master set one up for this worker."""

    health = None  # set on the worker by plugin.health's pre_fork hook

    def handle_error(self, req, client, addr, exc):
        status, code, message = wire.classify(exc, self.timeout)
        if status >= 500:
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
        else:
            self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            client.sendall(wire.error_response(status, code, message))
        except Exception:  # the client is gone; nothing to tell it
            self.log.debug("Failed to send error message.")

    def notify(self) -> None:
        super().notify()
        if self.health is not None:
            self.health.beat()


class ThreadWorker(JSONErrorsMixin, _GunicornThreadWorker):
    """gunicorn's ``gthread`` worker, with JSON errors and a health report."""

    def handle(self, conn):
        if self.health is None:
            return super().handle(conn)
        self.health.busy(+1)
        try:
            return super().handle(conn)
        finally:
            self.health.busy(-1)


class _DeadlineUnreader(SocketUnreader):
    """Reads the rest of a handed-over request from the socket: each read bounded by the stall
    timeout and by what is left of the request's deadline."""

    def __init__(self, client: socket.socket, deadline: float) -> None:
        super().__init__(client)
        self.deadline = deadline

    def chunk(self, *args):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request's deadline has passed")
        self.sock.settimeout(min(STALL_TIMEOUT, remaining))
        try:
            return super().chunk(*args)
        finally:
            self.sock.settimeout(STALL_TIMEOUT)  # for writing the answer


class PollingSyncWorker(JSONErrorsMixin, SyncWorker):
    """A sync worker that reads requests in a poll and serves only whole ones."""

    def run(self) -> None:
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.PIPE[0], selectors.EVENT_READ)
        self._connections: dict[int, _Connection] = {}  # by fd, in accept order
        self._ready: deque[_Connection] = deque()
        self._lingering: dict[int, _Lingering] = {}
        self._buffered = 0
        self._handover: tuple[bytes, float] = (b"", 0.0)
        self._body_limit = _body_limit(self.wsgi)
        self._head_limit = (self.cfg.limit_request_line + 4
                            + self.cfg.limit_request_fields * (self.cfg.limit_request_field_size + 2))
        for listener in self.sockets:
            listener.setblocking(False)
        self._listen(True)
        try:
            self._loop()
            self._finish()  # recycled, stopped, or the master is gone
        finally:  # also on an immediate exit (SIGQUIT raises SystemExit in the loop)
            for item in [*self._connections.values(), *self._lingering.values()]:
                util.close(item.client)
            self._selector.close()

    # --- the poll loop ------------------------------------------------------------------------

    def _loop(self) -> None:
        while self.alive:
            self.notify()
            events = self._selector.select(self._poll_timeout())
            listeners = self._read_events(events)
            if self._ready:
                self._serve(self._ready.popleft())
                if not self.alive:
                    return
            self._expire(time.monotonic())
            # At most one new connection per listener, and none while a whole request waits:
            # a worker that accepted greedily would queue requests other workers could serve.
            if not self._ready:
                for listener in listeners:
                    self._accept(listener)
            self._listen(len(self._connections) < MAX_WAITING)
            if not self.is_parent_alive():
                return

    def _finish(self) -> None:
        """Before the worker goes: stop accepting, and answer every connection it accepted.

        Requests that are here, or arrive while their connection may still wait (``keepalive``
        seconds, as for any silent connection), are served however long the ones before them
        take; requests still arriving after that get 503 E619; silent connections are closed.
        What is still in the kernel's queue is left to the other workers."""
        self._listen(False)
        deadline = time.monotonic() + max(1.0, float(self.cfg.keepalive or 2))
        while self._connections or self._lingering:
            self.notify()
            if self._ready:
                self._serve(self._ready.popleft())
                continue
            now = time.monotonic()
            if now >= deadline and self._connections:
                for conn in list(self._connections.values()):
                    self._drain(conn)
                    if conn.ready:
                        break  # it completed at the last moment: serve it
                    if conn.client.fileno() not in self._connections:
                        continue
                    if conn.head_started:
                        self._answer(conn, 503, "E619", Errors.E619)
                    else:
                        self._close(conn)
                continue
            timeout = self._poll_timeout()
            if self._connections:
                timeout = min(timeout, deadline - now)
            self._read_events(self._selector.select(timeout))
            self._expire(time.monotonic())

    def _read_events(self, events) -> list[socket.socket]:
        """Read every connection with bytes waiting; returns the listeners ready to accept."""
        listeners = []
        for key, _ in events:
            if key.fileobj == self.PIPE[0]:
                os.read(self.PIPE[0], 1)
            elif key.data is _LISTENER:
                listeners.append(key.fileobj)
            elif isinstance(key.data, _Lingering):
                self._discard(key.data)
            elif key.data.client.fileno() in self._connections:
                self._drain(key.data)
        return listeners

    def _poll_timeout(self) -> float:
        # Wake for the arbiter's heartbeat (as the stock worker does) and for the next deadline.
        if self._ready:
            return 0.0
        timeout = min(self.timeout or 0.5, 1.0)
        now = time.monotonic()
        for conn in self._connections.values():
            if not conn.ready:
                timeout = min(timeout, max(0.0, min(conn.deadline, conn.stalled) - now))
        for item in self._lingering.values():
            timeout = min(timeout, max(0.0, item.until - now))
        return timeout

    def _listen(self, on: bool) -> None:
        """Poll the listening sockets, or stop (while :data:`MAX_WAITING` connections wait)."""
        for listener in self.sockets:
            registered = self._selector.get_map().get(listener.fileno()) is not None
            if on and not registered:
                self._selector.register(listener, selectors.EVENT_READ, _LISTENER)
            elif registered and not on:
                self._selector.unregister(listener)

    def _accept(self, listener: socket.socket) -> None:
        try:
            client, addr = listener.accept()
        except OSError as exc:
            if exc.errno not in _IGNORED_ACCEPT_ERRORS:
                raise
            return  # another worker took it
        # Python's accept() already makes the socket close-on-exec (accept4 with SOCK_CLOEXEC):
        # gunicorn's close_on_exec would only ask the kernel again.
        client.setblocking(False)
        expiry = time.monotonic() + (self.cfg.keepalive or 2)
        conn = _Connection(client, addr, listener, framing.RequestScan(self._head_limit, self._body_limit), expiry)
        self._connections[client.fileno()] = conn
        self._selector.register(client, selectors.EVENT_READ, conn)

    # --- reading a request --------------------------------------------------------------------

    def _drain(self, conn: _Connection) -> None:
        """Read what the connection holds (one turn's worth) and see whether the request is whole."""
        if conn.ready:
            return
        if self.cfg.is_ssl:  # encrypted bytes cannot be framed here: gunicorn reads them
            self._hand_over(conn)
            return
        got = 0
        eof = False
        while got < _READ_SIZE:
            try:
                data = conn.client.recv(_READ_SIZE - got)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:  # reset by the peer
                self._close(conn)
                return
            if not data:
                eof = True
                break
            conn.buffer += data
            got += len(data)
        if got:
            self._buffered += got
            self._progress(conn)
        if eof and not conn.ready and conn.client.fileno() in self._connections:
            self._close(conn)  # the client gave up before its request was whole

    def _progress(self, conn: _Connection) -> None:
        now = time.monotonic()
        if not conn.head_started:
            conn.head_started = True
            conn.deadline = now + HEAD_TIMEOUT
        head_was_done = conn.scan.head_done
        verdict = conn.scan.feed(conn.buffer)
        if isinstance(verdict, framing.Refusal):
            message = getattr(Errors, verdict.code).format(detail=verdict.detail)
            self._answer(conn, verdict.status, verdict.code, message)
            return
        if conn.scan.head_done and not head_was_done:
            conn.deadline = now + BODY_TIMEOUT
            if conn.scan.expects_continue and verdict == framing.MORE:
                # The client sends its body only after this; gunicorn says it again when it
                # parses the request (a client reads any number of 1xx answers).
                try:
                    conn.client.send(b"HTTP/1.1 100 Continue\r\n\r\n")
                except OSError:
                    pass
        conn.stalled = now + STALL_TIMEOUT
        if verdict != framing.MORE or (self._buffered > MAX_BUFFERED and conn.scan.head_done):
            self._hand_over(conn)

    def _hand_over(self, conn: _Connection) -> None:
        conn.ready = True
        self._selector.unregister(conn.client)
        self._ready.append(conn)

    def _expire(self, now: float) -> None:
        for item in [i for i in self._lingering.values() if i.until <= now]:
            self._unlinger(item)
        for conn in [c for c in self._connections.values() if not c.ready and min(c.deadline, c.stalled) <= now]:
            self._drain(conn)  # whatever came while the worker was busy counts
            if conn.ready or conn.client.fileno() not in self._connections:
                continue
            if min(conn.deadline, conn.stalled) > time.monotonic():
                continue
            if not conn.head_started:
                self._close(conn)  # silent for keepalive seconds
            elif conn.deadline <= now:
                self._answer(conn, 408, "E617", Errors.E617.format(
                    seconds=BODY_TIMEOUT if conn.scan.head_done else HEAD_TIMEOUT))
            elif conn.scan.head_done:
                self._answer(conn, 408, "E614", Errors.E614.format(seconds=STALL_TIMEOUT))
            else:
                self._close(conn)  # a head that stopped coming: nothing to answer yet

    # --- answering ------------------------------------------------------------------------------

    def _serve(self, conn: _Connection) -> None:
        self._forget(conn)
        deadline = max(conn.deadline, time.monotonic() + STALL_TIMEOUT) if not conn.head_started else conn.deadline
        self._handover = (bytes(conn.buffer), deadline)
        conn.client.settimeout(STALL_TIMEOUT)  # blocking, each operation bounded
        if self.health is not None:
            self.health.busy(+1)
        try:
            self.handle(conn.listener, conn.client, conn.addr)  # closes the connection
        finally:
            self._handover = (b"", 0.0)
            if self.health is not None:
                self.health.busy(-1)

    def handle(self, listener, client, addr):
        """gunicorn's ``SyncWorker.handle``, parsing from the bytes the poll already read."""
        seed, deadline = self._handover
        req = None
        try:
            if self.cfg.is_ssl:
                client = sock.ssl_wrap_socket(client, self.cfg)
            parser = http.get_parser(self.cfg, client, addr)
            if not self.cfg.is_ssl:
                parser.unreader = _DeadlineUnreader(client, deadline or time.monotonic() + BODY_TIMEOUT)
                parser.unreader.unread(seed)
            req = next(parser)
            self.handle_request(listener, req, client, addr)
        except http.errors.NoMoreData as e:
            self.log.debug("Ignored premature client disconnection. %s", e)
        except StopIteration as e:
            self.log.debug("Closing connection. %s", e)
        except ssl.SSLError as e:
            if e.args[0] == ssl.SSL_ERROR_EOF:
                self.log.debug("ssl connection closed")
                client.close()
            else:
                self.handle_error(req, client, addr, e)
        except TimeoutError:
            self.log.debug("Dropped a request head that stopped arriving.")
        except OSError as e:
            if e.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN):
                self.log.exception("Socket error processing request.")
        except BaseException as e:
            self.handle_error(req, client, addr, e)
        finally:
            if self.cfg.is_ssl:
                util.close_graceful(client)
            else:
                self._linger(client)

    def _answer(self, conn: _Connection, status: int, code: str, message: str) -> None:
        """Answer an error from the poll loop (a few hundred bytes: the socket's send buffer
        takes them at once) and let the connection linger."""
        self._forget(conn)
        try:
            conn.client.send(wire.error_response(status, code, message))
        except OSError:
            pass
        self._linger(conn.client)

    def _linger(self, client: socket.socket) -> None:
        try:
            client.shutdown(socket.SHUT_WR)
            client.setblocking(False)
        except OSError:
            util.close(client)
            return
        item = _Lingering(client, time.monotonic() + LINGER)
        self._lingering[client.fileno()] = item
        self._selector.register(client, selectors.EVENT_READ, item)

    def _discard(self, item: _Lingering) -> None:
        try:
            for _ in range(16):  # a turn's worth; the rest on the next one
                if not item.client.recv(65536):
                    break
            else:
                return
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            pass
        self._unlinger(item)  # the client closed (or reset): done

    def _unlinger(self, item: _Lingering) -> None:
        self._lingering.pop(item.client.fileno(), None)
        self._selector.unregister(item.client)
        util.close(item.client)

    def _close(self, conn: _Connection) -> None:
        self._forget(conn)
        util.close(conn.client)

    def _forget(self, conn: _Connection) -> None:
        fd = conn.client.fileno()
        if self._connections.pop(fd, None) is None:
            return
        if not conn.ready:
            self._selector.unregister(conn.client)
        else:
            try:
                self._ready.remove(conn)
            except ValueError:
                pass
        self._buffered -= len(conn.buffer)


def _body_limit(app) -> int:
    config = getattr(app, "config", None) or {}
    limit = config.get("MAX_CONTENT_LENGTH") if hasattr(config, "get") else None
    return limit if isinstance(limit, int) and limit > 0 else DEFAULT_BODY_LIMIT
