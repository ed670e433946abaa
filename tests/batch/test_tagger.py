"""The tagger's per-document outcome: what a failure says about its document."""

from __future__ import annotations

import pytest

from annotator.batch.readers import EXCERPT_CHARS
from annotator.batch.tagger import failure_reason
from annotator.errors import InputError


@pytest.mark.parametrize(
    "exc",
    [
        ValueError("customer text " * 5000),
        RuntimeError("\x1b]0;pwned\x07" + "x" * 10_000),
    ],
)
def test_failure_reason_quotes_only_a_short_excerpt(exc):
    reason = failure_reason(exc)
    assert reason.startswith("pipeline failed on this document: ")
    assert len(reason) <= EXCERPT_CHARS + 1 and reason.endswith("…")


def test_failure_reason_of_a_coded_error_is_bounded_too():
    reason = failure_reason(InputError("E206", detail="turn text " * 1000))
    assert reason.startswith("InputError: [E206]") and len(reason) <= EXCERPT_CHARS + 1
