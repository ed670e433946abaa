"""``plugin.framing.RequestScan``: when a request is whole, fed the bytes as they come."""

from __future__ import annotations

import pytest

from annotator.plugin.framing import COMPLETE, HANDOFF, MORE, Refusal, RequestScan

HEAD = b"POST /api/annotate HTTP/1.1\r\nHost: x\r\n"


def _feed_bytewise(raw: bytes, body_limit: int = 10_000) -> list:
    """The verdict after each byte, as a client sending one byte at a time would get."""
    scan = RequestScan(head_limit=4096, body_limit=body_limit)
    return [scan.feed(raw[:i]) for i in range(1, len(raw) + 1)]


@pytest.mark.parametrize("raw", [
    b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
    HEAD + b"Content-Length: 5\r\n\r\nhello",
    HEAD + b"content-length: 0\r\n\r\n",
    HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    HEAD + b"Transfer-Encoding: Chunked\r\n\r\n2;x=y\r\nhe\r\n3\r\nllo\r\n0\r\nX-T: 1\r\nX-U: 2\r\n\r\n",
], ids=["no-body", "content-length", "empty-body", "chunked", "chunked-extensions-trailers"])
def test_framing_complete_only_at_the_last_byte(raw):
    verdicts = _feed_bytewise(raw)
    assert verdicts[-1] == COMPLETE
    assert set(verdicts[:-1]) <= {MORE}


def test_framing_expect_100_continue_reads_on():
    scan = RequestScan(head_limit=4096, body_limit=10_000)
    assert scan.feed(HEAD + b"Expect: 100-Continue\r\nContent-Length: 5\r\n\r\n") == MORE
    assert scan.expects_continue
    assert scan.feed(HEAD + b"Expect: 100-Continue\r\nContent-Length: 5\r\n\r\nhello") == COMPLETE
    old = RequestScan(head_limit=4096, body_limit=10_000)
    assert old.feed(b"POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n") == MORE
    assert not old.expects_continue


@pytest.mark.parametrize("raw", [
    HEAD + b"Expect: 200-ok\r\nContent-Length: 5\r\n\r\n",
    HEAD + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
    HEAD + b"Content-Length: 5\r\nContent-Length: 5\r\n\r\n",
    HEAD + b"Content-Length: +5\r\n\r\n",
    HEAD + b"Content-Length: 20000\r\n\r\n",  # over the body limit: the app answers 413
    HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
    HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n",
    HEAD + b"Transfer-Encoding: gzip\r\n\r\n",
    b"GET / HTTP/1.0\n\n",
    HEAD + b"NoColon\r\n\r\n",
], ids=["expect", "cl-and-te", "two-lengths", "signed-length", "over-limit", "bad-size", "short-chunk",
        "gzip", "bare-lf", "bad-field"])
def test_framing_hands_over_what_gunicorn_must_judge(raw):
    assert RequestScan(head_limit=4096, body_limit=10_000).feed(raw) == HANDOFF


def test_framing_hands_over_a_head_over_the_limit():
    scan = RequestScan(head_limit=100, body_limit=10_000)
    assert scan.feed(HEAD + b"X: " + b"a" * 50) == MORE
    assert scan.feed(HEAD + b"X: " + b"a" * 100) == HANDOFF


def test_framing_hands_over_a_chunked_body_over_the_limit():
    raw = HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + b"10\r\n" + b"a" * 16 + b"\r\n"
    assert RequestScan(head_limit=4096, body_limit=20).feed(raw) == MORE
    assert RequestScan(head_limit=4096, body_limit=20).feed(raw * 1 + b"10\r\n" + b"a" * 16 + b"\r\n") == HANDOFF


@pytest.mark.parametrize(("raw", "code"), [
    (HEAD + b"Transfer-Encoding: identity, chunked\r\n\r\n", "E616"),
    (HEAD + b"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", "E616"),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n5;" + b"e" * 9000, "E615"),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n0\r\n" + b"X-T: 1\r\n" * 10_000, "E615"),
], ids=["identity-chunked", "split-codings", "long-chunk-line", "long-trailers"])
def test_framing_refuses(raw, code):
    verdict = RequestScan(head_limit=4096, body_limit=10_000).feed(raw)
    assert isinstance(verdict, Refusal) and (verdict.status, verdict.code) == (400, code)
