"""The service benchmark's reference routes (``benchmarks.reference_app``) and the CPU
reading it takes from ``/proc``."""

from __future__ import annotations

import os
import time

import pytest

from benchmarks.load import cpu_seconds
from benchmarks.reference_app import ECHO_PATH, TOKENIZE_PATH, create_reference_app
from annotator.plugin import create_app


@pytest.fixture(scope="module")
def client():
    return create_reference_app().test_client()


def test_reference_echo_reads_the_body_as_annotate_does(client):
    text = "Our SLA slipped, escalated to tier 2."
    assert client.post(ECHO_PATH, json={"text": text}).get_json() == {"length": len(text)}


def test_reference_tokenize_counts_the_pipelines_tokens(client):
    text = "Our SLA slipped, escalated to tier 2."
    app = client.application
    with app.app_context():
        nlp = app.extensions["helpdesk_annotator"].load()
        expected = len(nlp.make_doc(text))
    assert client.post(TOKENIZE_PATH, json={"text": text}).get_json() == {"tokens": expected}


@pytest.mark.parametrize("path", [ECHO_PATH, TOKENIZE_PATH, "/api/annotate"])
@pytest.mark.parametrize(("body", "status", "code"), [
    ({"text": 5}, 422, "E606"),
    ({"text": "\ud800"}, 422, "E203"),
    ({}, 422, "E606"),
], ids=["not-a-string", "lone-surrogate", "no-text"])
def test_reference_routes_reject_what_annotate_rejects(client, path, body, status, code):
    """Same reading, same refusals: the references cost what /api/annotate's reading costs."""
    response = client.post(path, json=body)
    if path == ECHO_PATH and code == "E203":
        # Echo never looks inside the text; the surrogate is the annotator's to refuse.
        assert response.status_code == 200
        return
    assert (response.status_code, response.get_json()["error"]["code"]) == (status, code)


def test_reference_routes_are_not_in_the_service():
    client = create_app().test_client()
    for path in (ECHO_PATH, TOKENIZE_PATH):
        assert client.post(path, json={"text": "SLA"}).status_code == 404


def test_cpu_seconds_reads_proc():
    before = cpu_seconds([os.getpid()])
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:
        pass
    assert cpu_seconds([os.getpid()]) - before >= 0.03
    assert cpu_seconds([2**22 + 12345]) == 0.0  # gone (or never there): counts nothing
