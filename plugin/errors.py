"""Every error as JSON: ``{"error": {"code", "message", "field"?}}`` with the right status.

Domain errors (:class:`AnnotatorError`) carry their own code; HTTP errors raised by Flask or
werkzeug (404, 405, 413 ...) get an E6xx code; anything else is a 500 whose body never carries a
traceback or exception text (the log does). A body whose chunked framing is broken (gunicorn
raises as the app reads it) is 400 E615.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from gunicorn.http.errors import ParseException
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge

from annotator.errors import AnnotatorError, BudgetError, ConfigError, Errors, InputError

#: Domain error code -> HTTP status. A body over MAX_CONTENT_LENGTH is 413 (the request as a
#: whole is too large, rejected before parsing); a text over the character limit (E202) or too
#: many batch documents (E613) is 422, a field value outside the bounds the OpenAPI document
#: states (maxLength, maxItems), like any other invalid field.
STATUS_BY_CODE = {
    "E201": 422,
    "E202": 422,
    "E203": 422,
    "E204": 422,
    "E205": 422,
    "E206": 422,
    "E207": 422,
    "E208": 422,
    "E209": 422,
    "E210": 503,
    "E602": 400,
    "E603": 400,
    "E604": 415,
    "E605": 413,
    "E606": 422,
    "E607": 404,
    "E608": 405,
    "E609": 500,
    "E610": 503,
    "E611": 411,
    "E613": 422,
    "E614": 408,
    "E615": 400,
    "E616": 400,
    "E617": 408,
    "E618": 500,
    "E619": 503,
}


class ServiceError(AnnotatorError):
    """An error raised by the service layer itself (bad request shape, unknown id, ...)."""


def error_body(code: str, message: str, field: str | None = None) -> dict:
    error = {"code": code, "message": message}
    if field is not None:
        error["field"] = field
    return {"error": error}


def short_detail(exc: BaseException, limit: int = 200) -> str:
    """An exception's text for a client: printable ASCII, at most ``limit`` characters (parse
    errors quote the offending bytes, which may be anything and of any length)."""
    text = str(exc).encode("ascii", "backslashreplace").decode("ascii")
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def error_response(code: str, message: str, status: int, field: str | None = None):
    response = jsonify(error_body(code, message, field))
    response.status_code = status
    return response


def handle_annotator_error(exc: AnnotatorError):
    if isinstance(exc, (InputError, ServiceError, BudgetError)):
        status = STATUS_BY_CODE.get(exc.code, 422)
    elif isinstance(exc, ConfigError):
        status = 500
    else:
        # A glossary or pipeline error while serving is the server's fault, not the client's;
        # its message names files on the server, so it stays in the log.
        current_app.logger.exception("annotator error while serving %s", request.path)
        return error_response("E609", Errors.E609, 500)
    return error_response(exc.code, exc.message, status, exc.field)


def handle_http_exception(exc: HTTPException):
    if isinstance(exc, NotFound):
        response = error_response("E607", Errors.E607.format(detail=request.path), 404)
    elif isinstance(exc, MethodNotAllowed):
        allowed = sorted(exc.valid_methods or ())
        response = error_response(
            "E608", Errors.E608.format(method=request.method, allowed=", ".join(allowed)), 405
        )
        response.headers["Allow"] = ", ".join(allowed)
    elif isinstance(exc, RequestEntityTooLarge):
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        response = error_response("E605", Errors.E605.format(limit=limit), 413)
    else:
        status = exc.code or 500
        message = exc.description or exc.name
        response = error_response("E612", Errors.E612.format(detail=message), status)
    return response


def handle_body_framing(exc: ParseException):
    """gunicorn de-chunks the body as the app reads it, so a malformed chunk size, chunk,
    extension or trailer section surfaces here: the client's error, and where its next request
    would start is unknown, so the connection closes."""
    response = error_response("E615", Errors.E615.format(detail=short_detail(exc)), 400)
    response.headers["Connection"] = "close"
    return response


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):  # pragma: no cover - Flask routes these above
        return handle_http_exception(exc)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return error_response("E609", Errors.E609, 500)


def init_app(app: Flask) -> None:
    app.register_error_handler(AnnotatorError, handle_annotator_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ParseException, handle_body_framing)
    app.register_error_handler(Exception, handle_unexpected)
