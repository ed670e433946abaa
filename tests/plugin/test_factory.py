"""The app factory, its configuration and CORS."""

from __future__ import annotations

import pytest

from annotator.errors import ConfigError
from annotator.plugin import create_app
from annotator.plugin.service import EXTENSION_KEY, AnnotatorService

DESK = "https://desk.example.com"


def test_factory_builds_one_pipeline_per_app(app):
    service = app.extensions[EXTENSION_KEY]
    assert isinstance(service, AnnotatorService)
    assert service.ready
    assert service.load() is service.load()  # built once


def test_factory_pipeline_is_warm_before_any_request(app):
    """Built in the master before gunicorn forks: the workers share it, no first request pays."""
    component = app.extensions[EXTENSION_KEY].component
    assert component._lexicon is not None and component._fuzzy is not None


def test_factory_lazy_app_has_no_pipeline_yet(make_app):
    assert not make_app().extensions[EXTENSION_KEY].ready


def test_factory_testing_flag(make_app):
    assert not create_app({"HELPDESK_PIPELINE_LOADING": "lazy"}).testing
    assert make_app().testing


@pytest.mark.parametrize(
    "config",
    [
        {"MAX_CONTENT_LENGTH": 0},
        {"MAX_CONTENT_LENGTH": "big"},
        {"HELPDESK_MAX_SPANS": -1},
        {"HELPDESK_MAX_BATCH_DOCUMENTS": True},
        {"HELPDESK_PIPELINE_LOADING": "sometimes"},
        {"HELPDESK_CORS_ORIGINS": ["*"], "HELPDESK_CORS_ALLOW_CREDENTIALS": True},
        {"HELPDESK_CORS_ORIGINS": ["desk.example.com"]},
        {"HELPDESK_CORS_ORIGINS": [DESK + "/"]},
        {"HELPDESK_GLOSSARY_PATHS": [3]},
    ],
)
def test_factory_rejects_bad_config(config):
    with pytest.raises(ConfigError) as info:
        create_app({"HELPDESK_PIPELINE_LOADING": "lazy", **config})
    assert info.value.code == "E601"


def test_factory_reads_prefixed_environment(monkeypatch):
    monkeypatch.setenv("HELPDESK_ANNOTATOR_CORS_ORIGINS", f'["{DESK}"]')
    monkeypatch.setenv("HELPDESK_ANNOTATOR_MAX_CONTENT_LENGTH", "4096")
    monkeypatch.setenv("HELPDESK_ANNOTATOR_GLOSSARY_PATHS", "")
    monkeypatch.setenv("HELPDESK_ANNOTATOR_PIPELINE_LOADING", "lazy")
    app = create_app()
    assert app.config["HELPDESK_CORS_ORIGINS"] == [DESK]
    assert app.config["MAX_CONTENT_LENGTH"] == 4096
    assert app.config["HELPDESK_GLOSSARY_PATHS"] == []
    assert app.config["HELPDESK_PIPELINE_LOADING"] == "lazy"


def test_factory_environment_lists_may_be_comma_separated(monkeypatch):
    monkeypatch.setenv("HELPDESK_ANNOTATOR_CORS_ORIGINS", f"{DESK}, https://other.example.com")
    app = create_app({"HELPDESK_PIPELINE_LOADING": "lazy"})
    assert app.config["HELPDESK_CORS_ORIGINS"] == [DESK, "https://other.example.com"]


def test_factory_bad_environment_value_is_a_config_error(monkeypatch):
    monkeypatch.setenv("HELPDESK_ANNOTATOR_MAX_SPANS", "lots")
    with pytest.raises(ConfigError):
        create_app({"HELPDESK_PIPELINE_LOADING": "lazy"})


def test_factory_bad_glossary_fails_at_startup(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    with pytest.raises(Exception) as info:
        create_app({"HELPDESK_GLOSSARY_PATHS": [str(bad)]})
    assert getattr(info.value, "code", "").startswith("E1")


# --- CORS ----------------------------------------------------------------------------------

def test_cors_default_same_origin_only(make_app):
    client = make_app().test_client()
    response = client.get("/healthz", headers={"Origin": DESK})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_allowed_origin_is_echoed_with_vary(make_app):
    client = make_app(HELPDESK_CORS_ORIGINS=[DESK]).test_client()
    response = client.get("/healthz", headers={"Origin": DESK})
    assert response.headers["Access-Control-Allow-Origin"] == DESK
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_cors_disallowed_origin_gets_no_header(make_app):
    client = make_app(HELPDESK_CORS_ORIGINS=[DESK]).test_client()
    for origin in ("https://evil.example.com", DESK + ".evil.com", "null", DESK.replace("https", "http")):
        response = client.get("/healthz", headers={"Origin": origin})
        assert "Access-Control-Allow-Origin" not in response.headers, origin


def test_cors_credentials_echo_origin_never_star(make_app):
    client = make_app(HELPDESK_CORS_ORIGINS=[DESK], HELPDESK_CORS_ALLOW_CREDENTIALS=True).test_client()
    response = client.get("/healthz", headers={"Origin": DESK})
    assert response.headers["Access-Control-Allow-Origin"] == DESK
    assert response.headers["Access-Control-Allow-Credentials"] == "true"


def test_cors_wildcard_without_credentials(make_app):
    client = make_app(HELPDESK_CORS_ORIGINS=["*"]).test_client()
    response = client.get("/healthz", headers={"Origin": "https://anywhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_cors_preflight(make_app):
    client = make_app(HELPDESK_CORS_ORIGINS=[DESK]).test_client()
    headers = {"Origin": DESK, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "content-type"}
    response = client.options("/api/annotate", headers=headers)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == DESK
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    denied = client.options("/api/annotate", headers={**headers, "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in denied.headers
    assert "Access-Control-Allow-Methods" not in denied.headers


def test_cors_headers_on_errors_too(make_app):
    client = make_app(HELPDESK_CORS_ORIGINS=[DESK]).test_client()
    response = client.post("/api/annotate", data="{", content_type="application/json",
                           headers={"Origin": DESK})
    assert response.status_code == 400
    assert response.headers["Access-Control-Allow-Origin"] == DESK
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_cors_plain_options_lists_methods_without_a_body(make_app):
    response = make_app().test_client().options("/api/annotate")
    assert response.status_code == 204
    assert "POST" in response.headers["Allow"]
    assert "Content-Type" not in response.headers
    assert "Access-Control-Allow-Origin" not in response.headers
