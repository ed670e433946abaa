"""CORS with an explicit allowlist, and the headers every response carries.

Rules: an origin not on the list gets no ``Access-Control-Allow-Origin`` at all (the browser then
blocks the read); an allowed origin is echoed back with ``Vary: Origin`` so caches keep
per-origin copies; ``*`` is only ever sent when configured and credentials are off (config
validation refuses the combination). Preflight ``OPTIONS`` requests are answered here.
"""

from __future__ import annotations

from flask import Flask, current_app, request

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Content-Type"


def _allowed_origin(origin: str | None) -> str | None:
    if not origin:
        return None
    origins = current_app.config["HELPDESK_CORS_ORIGINS"]
    if origin in origins:
        return origin
    if "*" in origins and not current_app.config["HELPDESK_CORS_ALLOW_CREDENTIALS"]:
        return "*"
    return None


def _is_preflight() -> bool:
    return (
        request.method == "OPTIONS"
        and "Origin" in request.headers
        and "Access-Control-Request-Method" in request.headers
    )


def preflight():
    """Answer a CORS preflight before routing (so it works for every API route)."""
    if not _is_preflight():
        return None
    response = current_app.response_class(status=204)
    allowed = _allowed_origin(request.headers.get("Origin"))
    if allowed is not None:
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = str(current_app.config["HELPDESK_CORS_MAX_AGE"])
    return response


def add_headers(response):
    headers = response.headers
    if request.method == "OPTIONS" and response.status_code == 200 and not response.get_data():
        # Flask's automatic OPTIONS answer is an empty text/html 200; say "no content" instead.
        response.status_code = 204
        headers.pop("Content-Type", None)
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Referrer-Policy", "no-referrer")
    if "Origin" in request.headers:
        response.vary.add("Origin")
        allowed = _allowed_origin(request.headers.get("Origin"))
        if allowed is not None:
            headers["Access-Control-Allow-Origin"] = allowed
            if allowed != "*" and current_app.config["HELPDESK_CORS_ALLOW_CREDENTIALS"]:
                headers["Access-Control-Allow-Credentials"] = "true"
    return response


def init_app(app: Flask) -> None:
    app.before_request(preflight)
    app.after_request(add_headers)
