"""Answers the server writes itself, outside Flask: the same JSON errors, the same headers.

gunicorn answers some requests before the app sees them (a bad request line, a NUL in a
header, a request line or head over the limits, an unknown ``Expect``, an unsupported
transfer coding) and answers the request a timed-out worker was serving; the worker
(``plugin.worker``) answers requests that took too long to arrive. Those answers are built here
as whole HTTP/1.1 responses, with the body and headers every Flask response has
(``plugin.errors``, ``plugin.cors``), and ``Connection: close``: after any of them the
connection is not reused.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from gunicorn.http import errors as http_errors

from annotator.errors import Errors

from .errors import error_body, short_detail

#: gunicorn's parse errors that are not 400, by the status gunicorn gives them.
_STATUS_BY_ERROR = (
    (http_errors.LimitRequestLine, 414),
    (http_errors.LimitRequestHeaders, 431),
    (http_errors.ExpectationFailed, 417),
    (http_errors.UnsupportedTransferCoding, 501),
    (http_errors.ForbiddenProxyRequest, 403),
)

#: Errors in the framing of a chunked body (or its trailers).
CHUNK_ERRORS = (http_errors.InvalidChunkSize, http_errors.ChunkMissingTerminator,
                http_errors.InvalidChunkExtension)

#: Security headers on every answer, as ``plugin.cors.add_headers`` sets them on Flask's.
SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))


def error_response(status: int, code: str, message: str, headers: tuple[tuple[str, str], ...] = ()) -> bytes:
    """A complete ``Connection: close`` HTTP/1.1 response carrying ``{"error": {code, message}}``."""
    body = (json.dumps(error_body(code, message), separators=(",", ":")) + "\n").encode("ascii")
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    lines = [f"HTTP/1.1 {status} {reason}", "Connection: close", "Content-Type: application/json",
             f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (*SECURITY_HEADERS, *headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def classify(exc: BaseException, timeout: float) -> tuple[int, str, str]:
    """(status, code, message) for an exception gunicorn's request handling ended with.

    A parse error is the client's (4xx, or 501 for a transfer coding gunicorn does not
    implement); ``SystemExit`` is the worker timeout interrupting the request (gunicorn's abort
    handler exits with 1; a quick shutdown with 0); anything else is a bland 500 whose details stay in the log.
    """
    if isinstance(exc, CHUNK_ERRORS):
        return 400, "E615", Errors.E615.format(detail=short_detail(exc))
    if isinstance(exc, http_errors.ParseException):
        status = next((s for cls, s in _STATUS_BY_ERROR if isinstance(exc, cls)), 400)
        return status, "E616", Errors.E616.format(detail=short_detail(exc))
    if isinstance(exc, SystemExit):
        if exc.code == 0:  # SIGINT or SIGQUIT: the server is stopping now
            return 503, "E619", Errors.E619
        return 500, "E618", Errors.E618.format(seconds=timeout)
    return 500, "E609", Errors.E609

