"""``plugin.wire``: the answers the server writes itself are the service's JSON errors."""

from __future__ import annotations

import json

import pytest
from gunicorn.http import errors as http_errors

from annotator.plugin.wire import classify, error_response


@pytest.mark.parametrize(("exc", "status", "code"), [
    (http_errors.InvalidRequestLine("GARBAGE"), 400, "E616"),
    (http_errors.InvalidHeader("X-A"), 400, "E616"),
    (http_errors.LimitRequestLine(9000, 8190), 414, "E616"),
    (http_errors.LimitRequestHeaders("too many"), 431, "E616"),
    (http_errors.ExpectationFailed("200-ok"), 417, "E616"),
    (http_errors.UnsupportedTransferCoding("br"), 501, "E616"),
    (http_errors.InvalidChunkSize(b"zz"), 400, "E615"),
    (http_errors.ChunkMissingTerminator(b"xx"), 400, "E615"),
    (SystemExit(1), 500, "E618"),  # gunicorn's abort at the worker timeout
    (SystemExit(0), 503, "E619"),  # a quick shutdown
    (RuntimeError("secret /etc/passwd"), 500, "E609"),
], ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else str(v))
def test_wire_classify(exc, status, code):
    got_status, got_code, message = classify(exc, 30)
    assert (got_status, got_code) == (status, code)
    assert "secret" not in message


def test_wire_error_response_is_a_whole_json_answer():
    raw = error_response(431, "E616", "malformed request: \x00 é")
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.1 431 Request Header Fields Too Large"
    fields = dict(line.split(": ", 1) for line in lines[1:])
    assert fields["Connection"] == "close" and fields["Content-Type"] == "application/json"
    assert fields["X-Content-Type-Options"] == "nosniff" and fields["Referrer-Policy"] == "no-referrer"
    assert int(fields["Content-Length"]) == len(body)
    assert json.loads(body) == {"error": {"code": "E616", "message": "malformed request: \x00 é"}}
