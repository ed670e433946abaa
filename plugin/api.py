"""The JSON API: annotate, batch, lint, glossary lookup, health and readiness."""

from __future__ import annotations

import functools
from typing import Any

from flask import Blueprint, current_app, jsonify, request

from annotator.errors import AnnotatorError, InputError
from annotator.glossary.search import search
from annotator.runtime.budget import work_budget

from . import bodies
from .errors import ServiceError, error_body, error_response
from .service import get_service

bp = Blueprint("api", __name__)

#: Concepts ``GET /api/glossary`` returns when the request names no limit (within the cap).
GLOSSARY_PAGE = 50
#: Longest ``q`` ``GET /api/glossary`` accepts, in characters.
MAX_QUERY = 200


def formats() -> tuple[str, ...]:
    from annotator.text.markup import FORMATS

    return tuple(FORMATS)


def _max_spans() -> int:
    return current_app.config["HELPDESK_MAX_SPANS"]


def budgeted(view):
    """Run ``view`` within the request's work budget (HELPDESK_WORK_BUDGET): a request that
    needs more is answered 503 E210 instead of holding the worker until gunicorn kills it."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with work_budget(current_app.config["HELPDESK_WORK_BUDGET"]):
            return view(*args, **kwargs)

    return wrapper


def read_document() -> tuple[str, str, dict]:
    """The request's ``{text, format, options}`` body, read and validated: (text, format,
    keyword options for :func:`annotator.annotate`)."""
    return bodies.parse_document(bodies.read_json(), "body", formats(), _max_spans())


def _with_field(exc: AnnotatorError, prefix: str) -> AnnotatorError:
    """Point a library input error at the request field it came from."""
    if exc.field is None and exc.code in ("E201", "E202", "E203"):
        exc.field = f"{prefix}text"
    elif exc.field is not None and prefix and not exc.field.startswith(prefix):
        exc.field = f"{prefix}{exc.field}"
    return exc


def _annotate(text: str, fmt: str, options: dict, prefix: str = "") -> dict:
    try:
        return get_service().annotate(text, fmt, options)
    except InputError as exc:
        raise _with_field(exc, prefix) from None


@bp.post("/api/annotate")
@budgeted
def annotate():
    text, fmt, options = read_document()
    return jsonify(_annotate(text, fmt, options))


@bp.post("/api/annotate/batch")
@budgeted
def annotate_batch():
    """Annotate up to HELPDESK_MAX_BATCH_DOCUMENTS documents.

    The request's shape is checked as a whole (422 for any malformed document, so nothing is
    half-done on a broken request); content problems of one document (too long, lone surrogate)
    are reported in that document's result as ``error`` and do not sink the others.
    """
    limit = current_app.config["HELPDESK_MAX_BATCH_DOCUMENTS"]
    parsed = bodies.parse_batch(bodies.read_json(), formats(), _max_spans(), limit)
    results = []
    for doc_id, text, fmt, options, field in parsed:
        try:
            result = _annotate(text, fmt, options, prefix=f"{field}.")
        except InputError as exc:
            results.append({"id": doc_id, **error_body(exc.code, exc.message, exc.field)})
            continue
        results.append({"id": doc_id, **result})
    return jsonify(results=results)


@bp.post("/api/lint")
@budgeted
def lint():
    text, fmt, options = read_document()
    from .lint import lint_document

    try:
        return jsonify(lint_document(get_service(), text, fmt, options))
    except InputError as exc:
        raise _with_field(exc, "") from None


# --- glossary --------------------------------------------------------------------------------

def _concept_json(concept) -> dict:
    data = concept.to_json()
    data["definition"] = concept.definition
    return data


def _query_int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    # ASCII digits only: int() would also take "5_0" and other scripts' digits ("\u0663").
    if not (raw.isascii() and raw.isdigit()):
        raise bodies.invalid(name, f"expected an integer, got {raw[:40]!r}")
    value = int(raw, 10)
    return bodies.expect_int(value, name, low, high)


@bp.get("/api/glossary")
def glossary_search():
    q = request.args.get("q", "")
    if len(q) > MAX_QUERY:
        raise bodies.invalid("q", f"expected at most {MAX_QUERY} characters")
    cap = current_app.config["HELPDESK_MAX_GLOSSARY_LIMIT"]
    limit = _query_int("limit", min(GLOSSARY_PAGE, cap), 1, cap)
    service = get_service()
    found = search(service.glossary, q, limit)
    return jsonify(
        query=q,
        total=found.total,
        concepts=[_concept_json(c) for c in found.concepts],
        glossary=service.glossary_info,
    )


@bp.get("/api/glossary/<concept_id>")
def glossary_concept(concept_id: str):
    concept = get_service().glossary.get(concept_id)
    if concept is None:
        raise ServiceError("E607", field="id", detail=f"no concept with id {concept_id!r}")
    return jsonify(_concept_json(concept))


# --- health -----------------------------------------------------------------------------------

@bp.get("/healthz")
def healthz():
    """Liveness: the process answers. Says nothing about the pipeline (that is /readyz)."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    service = get_service()
    if not service.ready:
        if service.error is not None:
            current_app.logger.error("pipeline failed to load: %s", service.error)
        service.start_loading()
        response = error_response("E610", "the annotation pipeline is not ready yet", 503)
        response.headers["Retry-After"] = "1"
        return response
    info: dict[str, Any] = service.glossary_info
    return jsonify(status="ready", glossary=info)
