"""plugin.jsonio: orjson-encoded responses, the standard library where orjson refuses."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from annotator.plugin.jsonio import ServiceJSONProvider


@pytest.fixture()
def json_app():
    app = Flask(__name__)
    app.json = ServiceJSONProvider(app)
    return app


@pytest.mark.parametrize(
    "payload",
    [
        {"spans": [{"start": 0, "text": "Zoë 🙂 SLA", "senses": None, "score": 1.0}], "b": True},
        {"z": 1, "a": 2, "m": [3, {"y": None, "b": "x"}]},  # key order is kept, not sorted
        [],
        {"big": 2**70},  # beyond 64 bits: orjson refuses, the standard library does not
        {"lone": "\ud800 surrogate"},  # not UTF-8: orjson refuses
    ],
)
def test_jsonio_same_json_as_the_standard_library(json_app, payload):
    with json_app.app_context():
        body = json_app.json.response(payload).get_data()
    assert body.endswith(b"\n")
    assert json.loads(body) == payload
    assert list(json.loads(body)) == list(payload)  # order of keys (or items)


def test_jsonio_utf8_not_escapes_and_compact(json_app):
    with json_app.app_context():
        body = json_app.json.response({"text": "Zoë", "n": [1, 2]}).get_data()
    assert body == '{"text":"Zoë","n":[1,2]}\n'.encode()


def test_jsonio_lone_surrogate_is_escaped_ascii(json_app):
    with json_app.app_context():
        body = json_app.json.response({"id": "a\udfffb"}).get_data()
    assert body.isascii() and b"\\udfff" in body


def test_jsonio_debug_responses_are_indented(json_app):
    json_app.debug = True
    with json_app.app_context():
        body = json_app.json.response({"a": [1]}).get_data(as_text=True)
    assert "\n  " in body


def test_jsonio_is_the_services_provider(app):
    assert isinstance(app.json, ServiceJSONProvider)
