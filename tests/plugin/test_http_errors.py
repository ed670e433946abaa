"""Every way a request can be wrong gets the right status and a JSON error body, never HTML."""

from __future__ import annotations

import io
import json

import pytest

ANNOTATE = "/api/annotate"


def assert_error(response, status: int, code: str | None = None, field: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    error = response.get_json()["error"]
    assert set(error) <= {"code", "message", "field"}
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    if field is not None:
        assert error.get("field") == field
    # No traceback or exception text leaks.
    assert "Traceback" not in response.get_data(as_text=True)
    return error


@pytest.mark.parametrize(
    "body",
    [b"{", b'{"text": "SLA"', b"not json", b"[1, 2", b'{"text": "SLA",}', b"", b"   "],
    ids=["open-brace", "unterminated", "bare-words", "open-array", "trailing-comma", "empty", "blank"],
)
def test_errors_malformed_json_is_400(client, body):
    response = client.post(ANNOTATE, data=body, content_type="application/json")
    assert_error(response, 400, "E602")


@pytest.mark.parametrize("body", [b'{"text": "SLA \xff"}', b'{"text": "\xc3\x28"}', b"\xed\xa0\x80"],
                         ids=["ff-byte", "bad-continuation", "encoded-surrogate"])
def test_errors_invalid_utf8_is_400(client, body):
    response = client.post(ANNOTATE, data=body, content_type="application/json")
    assert_error(response, 400, "E603")


def test_errors_deep_nesting_is_400_not_500(client):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(ANNOTATE, data=body, content_type="application/json")
    assert_error(response, 400, "E602")


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",  # no boundary
        "multipart/form-data; boundary=xyz",
        "application/xml",
        "application/json; charset=latin-1",
    ],
)
def test_errors_wrong_content_type_is_415(client, content_type):
    response = client.post(ANNOTATE, data=b'{"text": "SLA"}', headers={"Content-Type": content_type})
    assert_error(response, 415, "E604")


def test_errors_missing_content_type_is_415(client):
    response = client.post(ANNOTATE, data=b'{"text": "SLA"}')
    assert_error(response, 415, "E604")


def test_errors_json_with_charset_and_suffix_types_accepted(client):
    for content_type in ("application/json; charset=utf-8", "application/vnd.api+json"):
        response = client.post(ANNOTATE, data=b'{"text": "SLA"}', headers={"Content-Type": content_type})
        assert response.status_code == 200, content_type


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"text": 42}, "text"),
        ({"text": None}, "text"),
        ({"text": ["SLA"]}, "text"),
        ({}, "text"),
        ({"text": "SLA", "format": 3}, "format"),
        ({"text": "SLA", "options": []}, "options"),
        ({"text": "SLA", "options": {"first_only": "yes"}}, "options.first_only"),
        ({"text": "SLA", "options": {"max_spans": 0}}, "options.max_spans"),
        ({"text": "SLA", "options": {"max_spans": 10**9}}, "options.max_spans"),
        ({"text": "SLA", "options": {"max_spans": True}}, "options.max_spans"),
        ({"text": "SLA", "options": {"labels": "CX_TERM"}}, "options.labels"),
        ({"text": "SLA", "options": {"labels": [1]}}, "options.labels[0]"),
        ({"text": "SLA", "options": {"first-only": True}}, "options.first-only"),
        ({"text": "SLA", "txet": "typo"}, "txet"),
    ],
)
def test_errors_wrong_field_types_are_422(client, payload, field):
    response = client.post(ANNOTATE, json=payload)
    assert_error(response, 422, "E606", field=field)


@pytest.mark.parametrize("payload", ['"SLA"', "42", "null", '[{"text": "SLA"}]', "true"])
def test_errors_body_not_an_object_is_422(client, payload):
    response = client.post(ANNOTATE, data=payload, content_type="application/json")
    assert_error(response, 422, "E606")


def test_errors_unknown_format_is_422(client):
    response = client.post(ANNOTATE, json={"text": "SLA", "format": "docx"})
    assert_error(response, 422, "E204", field="format")


@pytest.mark.parametrize("raw", ['{"text": "\\ud800 SLA"}', '{"text": "SLA \\udfff"}', '{"text": "\\udc00\\ud800"}'])
def test_errors_lone_surrogate_is_422(client, raw):
    response = client.post(ANNOTATE, data=raw, content_type="application/json")
    assert_error(response, 422, "E203", field="text")


def test_errors_valid_surrogate_pair_escape_is_fine(client):
    response = client.post(ANNOTATE, data='{"text": "\\ud83d\\udc4d SLA"}', content_type="application/json")
    assert response.status_code == 200
    (span,) = [s for s in response.get_json()["spans"] if s["text"] == "SLA"]
    assert (span["start"], span["start_utf16"]) == (2, 3)


def test_errors_body_over_limit_with_content_length_is_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH=1000).test_client()
    body = json.dumps({"text": "SLA " * 1000})
    response = client.post(ANNOTATE, data=body, content_type="application/json")
    assert_error(response, 413, "E605")


def test_errors_chunked_body_over_limit_is_413(make_app):
    """No Content-Length: the bounded reader stops one byte past the limit and refuses."""
    client = make_app(MAX_CONTENT_LENGTH=1000).test_client()
    body = json.dumps({"text": "SLA " * 1000}).encode()
    response = client.post(
        ANNOTATE,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},  # what gunicorn and werkzeug set
    )
    assert_error(response, 413, "E605")


def test_errors_chunked_body_under_limit_is_read_whole(client):
    body = json.dumps({"text": "Our SLA " + "x" * 5000 + " CSAT"}).encode()
    response = client.post(
        ANNOTATE,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 200
    texts = [s["text"] for s in response.get_json()["spans"]]
    assert "SLA" in texts and "CSAT" in texts  # the end of the body was read, not cut off


def test_errors_chunked_body_on_unterminating_server_is_411_not_empty(client):
    """A server that does not de-chunk gives werkzeug no way to bound the body: refuse it."""
    response = client.post(
        ANNOTATE,
        input_stream=io.BytesIO(b'{"text": "SLA"}'),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
    )
    assert_error(response, 411, "E611")


def test_errors_text_over_length_limit_is_422_json(make_app):
    client = make_app(HELPDESK_MAX_TEXT_LENGTH=100).test_client()
    response = client.post(ANNOTATE, json={"text": "SLA " * 100})
    assert_error(response, 422, "E202", field="text")


def test_errors_unknown_route_is_404_json(client):
    assert_error(client.get("/api/nope"), 404, "E607")
    assert_error(client.post("/api/annotate/nope", json={}), 404, "E607")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "TRACE"])
def test_errors_wrong_method_on_healthz_is_405_with_allow(client, method):
    response = client.open("/healthz", method=method)
    assert_error(response, 405, "E608")
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    assert method not in allowed


def test_errors_get_on_annotate_is_405_with_allow(client):
    response = client.get(ANNOTATE)
    assert_error(response, 405, "E608")
    assert "POST" in response.headers["Allow"]


def test_errors_unexpected_exception_is_500_json_without_details(app):
    """A bug in a route becomes a bland JSON 500; the exception text stays in the log."""
    from flask import Blueprint

    from annotator.plugin import create_app

    broken = create_app({"TESTING": True, "HELPDESK_PIPELINE_LOADING": "lazy"})
    bp = Blueprint("broken", __name__)

    @bp.get("/boom")
    def boom():
        raise RuntimeError("secret path /etc/passwd in a stack trace")

    broken.register_blueprint(bp)
    response = broken.test_client().get("/boom")
    assert_error(response, 500, "E609")
    assert "secret" not in response.get_data(as_text=True)


class _BrokenChunks(io.BytesIO):
    """A body stream as gunicorn's de-chunking reader is when the framing is broken."""

    def read(self, size=-1):
        from gunicorn.http.errors import InvalidChunkSize

        raise InvalidChunkSize(b"zz")

    def readinto(self, buffer):
        return self.read()


def test_errors_malformed_chunked_body_is_400_not_500(client):
    response = client.post(
        ANNOTATE,
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True, "wsgi.input": _BrokenChunks()},
    )
    error = assert_error(response, 400, "E615")
    assert "zz" in error["message"]
    assert response.headers["Connection"] == "close"  # where a next request starts is unknown


def test_errors_413_names_the_body_limit_apart_from_the_text_limit(make_app):
    """A text within the character limit can be over the byte limit as JSON (an emoji is up to
    12 bytes as escapes): the 413 says which limit it is and what to do."""
    client = make_app(MAX_CONTENT_LENGTH=1000, HELPDESK_MAX_TEXT_LENGTH=200).test_client()
    body = json.dumps({"text": "👍" * 100})  # 100 characters, 1,200 bytes of \u escapes
    response = client.post(ANNOTATE, data=body, content_type="application/json")
    error = assert_error(response, 413, "E605")
    assert "MAX_CONTENT_LENGTH" in error["message"] and "1000 bytes" in error["message"]
    assert "text limit" in error["message"]


@pytest.mark.parametrize("text,fmt,code", [
    ('{"hello": "SLA"}', "transcript", "E206"),
    ('{"Transcript": [', "transcript", "E207"),
    ("WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nSLA\n", "transcript", "E208"),
    ("Agent: SLA", "transcript-srt", "E208"),
])
def test_errors_unreadable_transcript_is_422(client, text, fmt, code):
    response = client.post(ANNOTATE, json={"text": text, "format": fmt})
    error = assert_error(response, 422, code, field="text")
    assert "transcript" in error["message"] or "captions" in error["message"]
