"""Where a request ends, from the bytes received so far: enough HTTP/1.1 framing to know when a
whole request is here, and nothing more.

The worker (``plugin.worker``) reads each connection's bytes as they come, in its poll, and
hands a request to gunicorn and the app only once :meth:`RequestScan.feed` says it is complete,
so a slow client never holds the worker. gunicorn still parses every request: this scan only
decides *when*. Whatever it does not follow exactly (an ``Expect`` other than ``100-continue``, a
malformed chunk size, a head over the limits, both ``Content-Length`` and ``Transfer-Encoding``)
is handed over as it
stands (:data:`HANDOFF`), and gunicorn reads the rest and answers the error precisely. Refused
here (:class:`Refusal`): codings before ``chunked`` (``identity, chunked``, ``gzip, chunked``:
gunicorn would accept some of those, and a proxy in front might frame them differently), and chunk-size lines or trailer sections over the bounds below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: :meth:`RequestScan.feed` results besides a :class:`Refusal`.
MORE = "more"  # the request is not all here yet
COMPLETE = "complete"  # the whole request (head and body) is in the buffer
HANDOFF = "handoff"  # let gunicorn read the rest and decide

#: Longest chunk-size line (with its extensions) and trailer section, in bytes. gunicorn has
#: the same bounds but checks them only while a line is still arriving: handed a buffer that
#: already holds the whole line, it would accept any length. So they are refused here.
MAX_CHUNK_LINE = 8190
MAX_TRAILERS = 64 * 1024

_HEX = re.compile(rb"[0-9A-Fa-f]{1,16}")


@dataclass(frozen=True)
class Refusal:
    """Answer ``status`` with error ``code`` (a template with a ``{detail}`` slot)."""

    status: int
    code: str
    detail: str


class RequestScan:
    """Incremental framing of one request in a growing buffer.

    ``head_limit`` bounds the head (request line and headers) in bytes; ``body_limit`` is the
    app's body limit: a body declared or found larger is handed over at once, for the app to
    refuse with 413 without the worker buffering it.
    """

    def __init__(self, head_limit: int, body_limit: int) -> None:
        self.head_limit = head_limit
        self.body_limit = body_limit
        self.head_end: int | None = None  # offset of the body's first byte
        self._scanned = 0  # head: bytes searched for its end; chunked: the next chunk's offset
        self._length: int | None = None  # Content-Length
        self._chunked = False
        self._decoded = 0  # chunked body bytes seen so far
        #: The client waits for ``100 Continue`` before it sends the body.
        self.expects_continue = False

    @property
    def head_done(self) -> bool:
        return self.head_end is not None

    def feed(self, buffer: bytes | bytearray) -> str | Refusal:
        """What the bytes received so far (all of them, from the request's first) amount to."""
        if self.head_end is None:
            verdict = self._head(buffer)
            if verdict is not None:
                return verdict
        if self._chunked:
            return self._chunks(buffer)
        if self._length is not None:
            return COMPLETE if len(buffer) - self.head_end >= self._length else MORE
        return COMPLETE

    def _head(self, buffer) -> str | Refusal | None:
        start = max(0, self._scanned - 3)
        end = buffer.find(b"\r\n\r\n", start)
        if end < 0:
            self._scanned = len(buffer)
            if len(buffer) > self.head_limit or buffer.find(b"\n\n", start) >= 0:
                return HANDOFF  # over the limits, or bare line feeds: gunicorn answers
            return MORE
        self.head_end = end + 4
        request_line, *lines = bytes(buffer[:end]).split(b"\r\n")
        fields: dict[bytes, list[bytes]] = {}
        for line in lines:
            name, sep, value = line.partition(b":")
            if not sep:
                return HANDOFF
            fields.setdefault(name.strip().lower(), []).append(value.strip())
        codings = fields.get(b"transfer-encoding")
        lengths = fields.get(b"content-length")
        expect = fields.get(b"expect")
        if expect is not None:
            if [e.lower() for e in expect] != [b"100-continue"]:
                return HANDOFF  # gunicorn answers 417
            # An HTTP/1.0 client's expectation is ignored (RFC 9110, 10.1.1).
            self.expects_continue = not request_line.endswith(b"HTTP/1.0")
        if (codings and lengths) or (lengths and len(lengths) > 1):
            return HANDOFF
        if codings:
            listed = [c.strip().lower() for c in b",".join(codings).split(b",")]
            if listed[-1] != b"chunked":
                return HANDOFF  # gunicorn answers: 501 for a coding it does not implement
            if len(listed) > 1:
                shown = ", ".join(c.decode("latin-1") for c in listed)
                return Refusal(400, "E616", f"Transfer-Encoding {shown!r} is not supported: "
                                            "send a Content-Length, or chunked alone")
            self._chunked = True
            self._scanned = self.head_end
        elif lengths:
            if not lengths[0].isdigit() or len(lengths[0]) > 18:
                return HANDOFF
            self._length = int(lengths[0])
            if self._length > self.body_limit:
                return HANDOFF
        return None

    def _chunks(self, buffer) -> str | Refusal:
        while True:
            pos = self._scanned
            eol = buffer.find(b"\r\n", pos, pos + MAX_CHUNK_LINE + 2)
            if eol < 0:
                if len(buffer) - pos > MAX_CHUNK_LINE:
                    return Refusal(400, "E615", f"a chunk-size line over {MAX_CHUNK_LINE} bytes")
                return MORE
            size_field = bytes(buffer[pos:eol]).split(b";", 1)[0]
            if not _HEX.fullmatch(size_field):
                return HANDOFF
            size = int(size_field, 16)
            if size == 0:
                return self._trailers(buffer, eol + 2)
            data_end = eol + 2 + size
            if len(buffer) < data_end + 2:
                return MORE
            if buffer[data_end:data_end + 2] != b"\r\n":
                return HANDOFF
            self._decoded += size
            self._scanned = data_end + 2
            if self._decoded > self.body_limit:
                return HANDOFF

    @staticmethod
    def _trailers(buffer, start: int) -> str | Refusal:
        if buffer[start:start + 2] == b"\r\n":
            return COMPLETE
        end = buffer.find(b"\r\n\r\n", start, start + MAX_TRAILERS + 4)
        if end >= 0:
            return COMPLETE
        if len(buffer) - start > MAX_TRAILERS:
            return Refusal(400, "E615", f"a trailer section over {MAX_TRAILERS} bytes")
        return MORE
