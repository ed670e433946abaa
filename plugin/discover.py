"""``POST /api/discover``: the jargon a batch of documents uses that the glossary lacks.

The body is ``/api/annotate/batch``'s (``documents`` of ``{id, text, format}``, bounded by
HELPDESK_MAX_BATCH_DOCUMENTS, checked as a whole) plus ``top`` and ``min_documents``. Mining
is :mod:`annotator.discover`'s, with one :class:`~annotator.discover.worker.Miner` per process
built from the service's glossaries. A document whose text is unusable (too long, a lone
surrogate) gets an error entry; the others are mined.
"""

from __future__ import annotations

import threading

from flask import Blueprint, current_app, jsonify

from annotator.errors import InputError
from annotator.text.safety import DEFAULT_MAX_LENGTH, prepare

from . import bodies
from .errors import error_body
from .service import get_service

bp = Blueprint("discover", __name__)

#: Candidates returned when the request names no ``top``, and the most it may ask for.
DEFAULT_TOP = 50
MAX_TOP = 1000
_EXTENSION = "helpdesk_annotator_discover"
_LOCK = threading.Lock()


def _miner():
    """The app's miner, built on first use (glossary loading takes a moment)."""
    miner = current_app.extensions.get(_EXTENSION)
    if miner is None:
        from annotator.discover.worker import Miner, MineOptions, MinerSpec

        service = get_service()
        with _LOCK:
            miner = current_app.extensions.get(_EXTENSION)
            if miner is None:
                spec = MinerSpec(glossaries=tuple(service.glossary_paths), builtin=service.builtin)
                options = MineOptions(max_length=service.max_length or DEFAULT_MAX_LENGTH)
                miner = current_app.extensions[_EXTENSION] = Miner(spec, options)
    return miner


def _int_field(body: dict, name: str, default: int, low: int, high: int) -> int:
    value = body.pop(name, None)
    return default if value is None else bodies.expect_int(value, name, low, high)


@bp.post("/api/discover")
def discover():
    from annotator.discover.aggregate import Discovery

    body = bodies.read_json()
    if isinstance(body, dict):
        body = dict(body)
        top = _int_field(body, "top", DEFAULT_TOP, 1, MAX_TOP)
        min_documents = _int_field(body, "min_documents", 1, 1, MAX_TOP)
    limit = current_app.config["HELPDESK_MAX_BATCH_DOCUMENTS"]
    from .api import _max_spans, formats

    parsed = bodies.parse_batch(body, formats(), _max_spans(), limit)
    miner = _miner()
    service = get_service()
    discovery = Discovery()
    errors = []
    for doc_id, text, fmt, _options, field in parsed:
        # A document the format cannot read (a broken transcript) is that document's error,
        # like an over-long one: the others are still mined.
        try:
            prepare(text, max_length=service.max_length or DEFAULT_MAX_LENGTH)
            mined = miner.mine(doc_id, text, fmt)
        except InputError as exc:
            errors.append({"id": doc_id, **error_body(exc.code, exc.message, f"{field}.text")})
            continue
        discovery.add(mined)
    found = discovery.candidates(min_documents=min_documents)[:top]
    return jsonify(candidates=[c.to_json() for c in found], documents=discovery.documents,
                   errors=errors)


def openapi_parts(schemas: dict, post) -> tuple[dict, dict]:
    """This route's OpenAPI path and schemas (``post`` is the document's operation builder)."""
    batch = schemas["BatchRequest"]
    bounded = {"type": "integer", "minimum": 1, "maximum": MAX_TOP}
    request = {**batch, "properties": {
        **batch["properties"],
        "top": {**bounded, "default": DEFAULT_TOP, "description": "candidates returned"},
        "min_documents": {**bounded, "default": 1,
                          "description": "only candidates seen in at least this many documents"},
    }}
    candidate = {
        "type": "object",
        "required": ["candidate", "kind", "count", "documents", "score", "long_forms",
                     "examples", "variant_of"],
        "properties": {
            "candidate": {"type": "string"},
            "kind": {"type": "string", "enum": ["acronym", "term", "variant"]},
            "count": {"type": "integer"},
            "documents": {"type": "integer"},
            "score": {"type": "number"},
            "long_forms": {"type": "array", "items": {
                "type": "object", "required": ["text", "count"],
                "properties": {"text": {"type": "string"}, "count": {"type": "integer"}}}},
            "examples": {"type": "array", "maxItems": 3, "items": {
                "type": "object", "required": ["id", "excerpt", "start", "end"],
                "properties": {"id": {"type": ["string", "integer"]}, "excerpt": {"type": "string"},
                               "start": {"type": "integer"}, "end": {"type": "integer"}}}},
            "variant_of": {"type": ["string", "null"], "description": "concept id, for variants"},
        },
    }
    response = {
        "type": "object",
        "required": ["candidates", "documents", "errors"],
        "properties": {
            "candidates": {"type": "array", "items": candidate},
            "documents": {"type": "integer", "description": "documents mined"},
            "errors": {"type": "array", "items": {
                "type": "object", "required": ["id", "error"],
                "properties": {"id": {"type": "string"},
                               "error": {"$ref": "#/components/schemas/ErrorDetail"}}}},
        },
    }
    paths = {"/api/discover": post(
        "Jargon the glossary lacks, across a batch of documents", "DiscoverRequest",
        "DiscoverResponse", "Acronyms (with the long forms the documents spell out), multi-word "
        "terms and variants of glossary terms, best first; nothing the glossary already has. "
        "Offsets in examples index each document's text. The batch is bounded like "
        "/api/annotate/batch.")}
    return paths, {"DiscoverRequest": request, "DiscoverResponse": response}
