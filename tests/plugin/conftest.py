"""Fixtures for the service tests: flaskr-style ``app``/``client``/``runner``, a user glossary
with a hostile definition, and a real HTTP server on 127.0.0.1 for the browser tests (the browser: tests/conftest.py)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from annotator.plugin import create_app

XSS_DEFINITION = '<img src=x onerror=alert(1)> means the ticket was escalated twice'
XSS_TERM = "Double Bounce"


@pytest.fixture(scope="session")
def xss_entry() -> tuple[str, str]:
    return XSS_TERM, XSS_DEFINITION


@pytest.fixture(scope="session")
def user_glossary(tmp_path_factory) -> Path:
    """A user CSV glossary whose definition is an HTML injection attempt."""
    path = tmp_path_factory.mktemp("glossary") / "team.csv"
    path.write_text(f'term,definition\n{XSS_TERM},"{XSS_DEFINITION}"\n', encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def app(user_glossary):
    """One app (one pipeline) for the whole session: building it is the slow part."""
    return create_app({"TESTING": True, "HELPDESK_GLOSSARY_PATHS": [str(user_glossary)]})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_app():
    """An app with extra config and no pipeline (lazy): for tests of the HTTP layer alone."""

    def make(**config):
        return create_app({"TESTING": True, "HELPDESK_PIPELINE_LOADING": "lazy", **config})

    return make


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def free_port():
    """A function returning a currently unused TCP port on 127.0.0.1."""
    return _free_port


@pytest.fixture(scope="session")
def live_server(app, tmp_path_factory) -> Iterator[str]:
    """The session app behind a real threaded WSGI server on 127.0.0.1; yields its base URL."""
    server = make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(__file__).resolve().parents[2] / "artifacts"
    path.mkdir(exist_ok=True)
    return path
