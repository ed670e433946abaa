"""Service configuration: defaults, environment overrides and validation.

Every limit the service enforces lives here, so the README's guarantees and the code agree.
Values can come from (later wins): these defaults, environment variables, and the mapping
passed to ``create_app``. Each setting has one variable, ``HELPDESK_ANNOTATOR_`` plus its name
without the ``HELPDESK_`` prefix (``HELPDESK_CORS_ORIGINS`` -> ``HELPDESK_ANNOTATOR_CORS_ORIGINS``,
``MAX_CONTENT_LENGTH`` -> ``HELPDESK_ANNOTATOR_MAX_CONTENT_LENGTH``); values are parsed as JSON
where they parse (``4096``, ``true``, ``["https://a.example"]``), else kept as strings (lists may
also be comma-separated).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

from annotator.errors import ConfigError
from annotator.options import DEFAULT_MAX_SPANS
from annotator.text.safety import DEFAULT_MAX_LENGTH

ENV_PREFIX = "HELPDESK_ANNOTATOR"

DEFAULTS: dict[str, object] = {
    # Raw request body limit in bytes (Flask enforces it for Content-Length bodies; the body
    # reader enforces it for chunked ones). 2 MiB holds a 1,000,000-character ASCII text.
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # Longest text (in code points) one document may have; longer ones get 422 E202. The
    # library's 1,000,000: the worst case at that size (every word a term, "SLA " * 250000)
    # takes ~3 s of CPU, far below the worker timeout. None means the library default.
    "HELPDESK_MAX_TEXT_LENGTH": DEFAULT_MAX_LENGTH,
    # Wall-clock seconds of annotation work one request may take (annotate, batch, lint); past
    # it the request is answered 503 E210, well before gunicorn's worker timeout (30 s) would
    # kill the worker. None: no budget.
    "HELPDESK_WORK_BUDGET": 10.0,
    # Most spans returned per document; past it the response says "truncated": true. Clients may
    # ask for fewer with options.max_spans, never for more.
    "HELPDESK_MAX_SPANS": DEFAULT_MAX_SPANS,
    # Most documents in one POST /api/annotate/batch.
    "HELPDESK_MAX_BATCH_DOCUMENTS": 64,
    # Most concepts GET /api/glossary returns at once.
    "HELPDESK_MAX_GLOSSARY_LIMIT": 500,
    # Extra glossary files (CSV, JSON, JSONL, TBX) merged with the built-in one.
    "HELPDESK_GLOSSARY_PATHS": [],
    "HELPDESK_BUILTIN_GLOSSARY": True,
    # "eager": build the pipeline inside create_app (gunicorn's preload shares it across
    # workers); "lazy": build it on the first request that needs it (/readyz says 503 until then).
    "HELPDESK_PIPELINE_LOADING": "eager",
    # CORS: exact origins ("https://desk.example.com") allowed to call the API from a browser.
    # Empty means same-origin only. "*" is accepted only without credentials.
    "HELPDESK_CORS_ORIGINS": [],
    "HELPDESK_CORS_ALLOW_CREDENTIALS": False,
    "HELPDESK_CORS_MAX_AGE": 600,
    # Endpoint the demo page's widget talks to (relative: the same server).
    "HELPDESK_DEMO_ENDPOINT": "",
    # Folder of sample tickets shown on the demo page (default: the repo's samples/tickets).
    "HELPDESK_SAMPLES_DIR": None,
}


def _positive_int(config: Mapping, name: str, *, allow_none: bool = False) -> None:
    value = config[name]
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError("E601", field=name, name=name, detail=f"expected a positive integer, got {value!r}")


def _positive_number(config: Mapping, name: str) -> None:
    value = config[name]
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
        raise ConfigError("E601", field=name, name=name, detail=f"expected a positive number or null, got {value!r}")


def _string_list(config: Mapping, name: str) -> None:
    value = config[name]
    if isinstance(value, str):
        # "a,b" from a plain environment variable is a list of two.
        value = [part.strip() for part in value.split(",") if part.strip()]
        config[name] = value  # type: ignore[index]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError("E601", field=name, name=name, detail=f"expected a list of strings, got {value!r}")


def validate(config: dict) -> None:
    """Check the values the service relies on; raise :class:`ConfigError` (E601) on the first bad one."""
    for name in ("MAX_CONTENT_LENGTH", "HELPDESK_MAX_SPANS", "HELPDESK_MAX_BATCH_DOCUMENTS",
                 "HELPDESK_MAX_GLOSSARY_LIMIT", "HELPDESK_CORS_MAX_AGE"):
        _positive_int(config, name)
    _positive_int(config, "HELPDESK_MAX_TEXT_LENGTH", allow_none=True)
    _positive_number(config, "HELPDESK_WORK_BUDGET")
    _string_list(config, "HELPDESK_GLOSSARY_PATHS")
    _string_list(config, "HELPDESK_CORS_ORIGINS")
    if config["HELPDESK_PIPELINE_LOADING"] not in ("eager", "lazy"):
        raise ConfigError(
            "E601", field="HELPDESK_PIPELINE_LOADING", name="HELPDESK_PIPELINE_LOADING",
            detail="expected 'eager' or 'lazy'",
        )
    origins = config["HELPDESK_CORS_ORIGINS"]
    if "*" in origins and config["HELPDESK_CORS_ALLOW_CREDENTIALS"]:
        # Browsers refuse this combination anyway; refusing it here makes the mistake loud.
        raise ConfigError(
            "E601", field="HELPDESK_CORS_ORIGINS", name="HELPDESK_CORS_ORIGINS",
            detail="'*' cannot be combined with HELPDESK_CORS_ALLOW_CREDENTIALS",
        )
    for origin in origins:
        if origin != "*" and (origin.endswith("/") or "://" not in origin):
            raise ConfigError(
                "E601", field="HELPDESK_CORS_ORIGINS", name="HELPDESK_CORS_ORIGINS",
                detail=f"{origin!r} is not an origin like 'https://desk.example.com'",
            )


def env_name(key: str) -> str:
    return f"{ENV_PREFIX}_{key.removeprefix('HELPDESK_')}"


def from_environ(environ: Mapping[str, str] | None = None) -> dict:
    """Settings found in the environment, by :func:`env_name`."""
    environ = os.environ if environ is None else environ
    found = {}
    for key in DEFAULTS:
        raw = environ.get(env_name(key))
        if raw is None:
            continue
        try:
            found[key] = json.loads(raw)
        except ValueError:
            found[key] = raw
    return found
