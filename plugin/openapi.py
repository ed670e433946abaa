"""The OpenAPI 3.1 document for the service, built from the app's configuration.

Limits in the schema (max spans, batch size, text length, glossary page size) are the app's
configured ones, so schemathesis and client generators see the same bounds the service enforces.
The request ``options`` schema is derived from :class:`annotator.options.AnnotateOptions`, the
same declaration ``bodies`` validates with. A test checks every route in ``app.url_map`` is
described here.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, jsonify

from annotator import __version__
from annotator.options import Option, option_fields
from annotator.pipeline.spanvalues import MATCH_KINDS

from .bodies import MAX_ID_LENGTH

bp = Blueprint("openapi", __name__)

JSON = "application/json"


def _nullable(schema: dict) -> dict:
    kind = schema["type"]
    return {**schema, "type": [kind, "null"] if isinstance(kind, str) else [*kind, "null"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


NULL_MEANS_UNSET = "null, for the object or any of its fields, means the same as leaving it out"
UNIQUE_IDS = (
    "Ids must be unique in a batch, counting the default ones (a document without an id gets its "
    "index, \"0\", \"1\", ...): results are keyed by id. A repeated id is refused as a whole with "
    "422 E606 naming the id and both documents; JSON Schema cannot express this rule."
)


def option_schema(spec: Option, default: Any, cap: int) -> dict:
    """The JSON Schema of one annotation option, from its declaration (``cap``: the service's
    span cap, which bounds a capped option and is its default)."""
    if spec.kind == "boolean":
        schema: dict[str, Any] = {"type": "boolean", "default": default}
    elif spec.kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices), "default": default}
    elif spec.kind == "integer":
        schema = {"type": "integer", "minimum": spec.minimum,
                  "maximum": cap if spec.capped else spec.maximum,
                  "default": cap if spec.capped else default}
    else:
        items: dict[str, Any] = {"type": "string"}
        if spec.choices is not None:
            items["enum"] = list(spec.choices)
        schema = {"type": "array", "items": items}
        if spec.max_items is not None:
            schema["maxItems"] = spec.max_items
    return {**schema, "description": spec.help}


def options_properties(cap: int) -> dict:
    """``AnnotateOptions``' properties: one per field of :class:`annotator.options.AnnotateOptions`,
    each nullable (null means "not given")."""
    return {field.name: _nullable(option_schema(spec, field.default, cap))
            for field, spec in option_fields()}


def _schemas(formats: list[str], max_spans: int, max_text: int, max_docs: int) -> dict:
    offsets = {
        "start": {"type": "integer", "minimum": 0, "description": "code-point (Python str) index"},
        "end": {"type": "integer", "minimum": 0},
        "start_utf16": {"type": "integer", "minimum": 0, "description": "UTF-16 (JavaScript) index"},
        "end_utf16": {"type": "integer", "minimum": 0},
    }
    # null is "not given" for `options` and each of its fields (the service treats both alike),
    # so the schema says so: a client serialising an unset field as null is not refused.
    options = {
        "type": "object",
        "additionalProperties": False,
        "description": NULL_MEANS_UNSET,
        "properties": options_properties(max_spans),
    }
    document_props = {
        "text": {"type": "string", "maxLength": max_text},
        "format": {"type": "string", "enum": formats, "default": "text"},
        "options": _nullable(options),
    }
    return {
        "ErrorDetail": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "pattern": "^E[0-9]{3}$"},
                "message": {"type": "string"},
                "field": {"type": "string", "description": "the request field at fault"},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": _ref("ErrorDetail")},
        },
        "AnnotateOptions": options,
        "AnnotateRequest": {
            "type": "object",
            "additionalProperties": False,
            "required": ["text"],
            "properties": document_props,
        },
        "Sense": {
            "type": "object",
            "properties": {
                "term_id": {"type": "string"},
                "term": {"type": "string"},
                "definition": _nullable({"type": "string"}),
                "score": {"type": ["number", "null"]},
                "reason": {"type": ["string", "null"]},
            },
        },
        "Span": {
            "type": "object",
            "required": ["start", "end", "start_utf16", "end_utf16", "text", "label", "term_id",
                         "term", "definition", "is_acronym", "match", "repeat"],
            "properties": {
                **offsets,
                "text": {"type": "string", "description": "exactly text[start:end]"},
                "label": {"type": "string"},
                "term_id": _nullable({"type": "string"}),
                "term": _nullable({"type": "string"}),
                "definition": _nullable({"type": "string"}),
                "is_acronym": _nullable({"type": "boolean"}),
                "category": _nullable({"type": "string"}),
                "familiarity": _nullable({"type": "string", "enum": ["everyday", "jargon"],
                                          "description": "everyday help-desk word or jargon"}),
                "senses": _nullable({"type": "array", "items": _ref("Sense")}),
                "source": _nullable({"type": "string"}),
                "match": {"type": "string", "enum": list(MATCH_KINDS),
                          "description": "how the text matched: the glossary's own term or acronym "
                                         "(exact), an alias or other spelling (variant), an "
                                         "inflected form (inflection), a misspelling (fuzzy), a "
                                         "member of a coordination (coordination), speech-to-text "
                                         "(spoken)"},
                "did_you_mean": _nullable({"type": "string",
                                           "description": "fuzzy: the span's text as the glossary spells it"}),
                "repeat": {"type": "boolean",
                           "description": "a later mention of a concept: definition and senses are null"},
                # Transcript formats only: where the span was said.
                "turn": _nullable({"type": "integer", "minimum": 0,
                                   "description": "transcripts: index of the turn"}),
                "speaker": _nullable({"type": "string"}),
                "role": _nullable({"type": "string", "enum": ["agent", "customer", "system", None]}),
                "time": _nullable({
                    "type": "object", "description": "seconds from the start, where the source says",
                    "properties": {"start": {"type": ["number", "null"]}, "end": {"type": ["number", "null"]}},
                }),
            },
        },
        "UnknownAcronym": {
            "type": "object",
            "required": ["start", "end", "start_utf16", "end_utf16", "text"],
            "properties": {**offsets, "text": {"type": "string"}},
        },
        "Abbreviation": {
            "type": "object",
            "required": ["short", "long"],
            "properties": {
                "short": {"type": "string"},
                "long": {"type": "string"},
                **{f"{part}_{edge}{unit}": {"type": "integer", "minimum": 0}
                   for part in ("short", "long") for edge in ("start", "end") for unit in ("", "_utf16")},
            },
        },
        "GlossaryInfo": {
            "type": "object",
            "properties": {"version": {"type": "string"}, "concepts": {"type": "integer"}},
        },
        "AnnotateResponse": {
            "type": "object",
            "required": ["spans", "unknown_acronyms", "truncated", "offsets", "glossary"],
            "properties": {
                "spans": {"type": "array", "maxItems": max_spans, "items": _ref("Span")},
                "unknown_acronyms": {"type": "array", "items": _ref("UnknownAcronym")},
                "abbreviations": {"type": "array", "items": _ref("Abbreviation")},
                "truncated": {"type": "boolean", "description": "true when the span cap was reached"},
                "offsets": {"type": "object", "additionalProperties": {"type": "string"}},
                "glossary": _ref("GlossaryInfo"),
                "format": {"type": "string", "enum": formats},
            },
        },
        "BatchRequest": {
            "type": "object",
            "additionalProperties": False,
            "required": ["documents"],
            "properties": {
                "documents": {
                    "type": "array",
                    "maxItems": max_docs,
                    "description": UNIQUE_IDS,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["text"],
                        "properties": {
                            "id": {"type": "string", "minLength": 1, "maxLength": MAX_ID_LENGTH,
                                   "description": "unique in the batch (a repeat is 422 E606); "
                                                  "defaults to the document's index"},
                            **document_props,
                        },
                    },
                },
                "options": {**_nullable(options), "description": "defaults for every document; "
                            "a document's own options override them field by field. " + NULL_MEANS_UNSET},
            },
        },
        "BatchResponse": {
            "type": "object",
            "required": ["results"],
            "properties": {
                "results": {
                    "type": "array",
                    "items": {
                        "description": "an AnnotateResponse with an id, or an error for that document",
                        "type": "object",
                        "required": ["id"],
                        "properties": {"id": {"type": "string"}, "error": _ref("ErrorDetail")},
                    },
                }
            },
        },
        "Diagnostic": {
            "type": "object",
            "required": ["code", "acronym", "message", *offsets],
            "properties": {
                "code": {"type": "string"},
                "rule": {"type": "string"},
                "acronym": {"type": "string"},
                **offsets,
                "line": {"type": "integer", "description": "1-based"},
                "column": {"type": "integer", "description": "1-based, in code points"},
                "end_column": {"type": "integer", "description": "1-based, exclusive"},
                "message": {"type": "string"},
                "expansion": _nullable({"type": "string"}),
                "text": {"type": "string", "description": "the first use as written (e.g. SLAs)"},
                "replacement": _nullable({"type": "string"}),
                "replacements": {"type": "array", "items": {"type": "string"},
                                 "description": "ready-to-insert text, one per sense"},
                "senses": {"type": "array", "items": {"type": "string"}},
            },
        },
        "LintResponse": {
            "type": "object",
            "required": ["diagnostics", "offsets"],
            "properties": {
                "diagnostics": {"type": "array", "items": _ref("Diagnostic")},
                "truncated": {"type": "boolean"},
                "offsets": {"type": "object", "additionalProperties": {"type": "string"}},
                "glossary": _ref("GlossaryInfo"),
            },
        },
        "Definition": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string"}, "source": {"type": "string"},
                           "line": {"type": "integer"}},
        },
        "Concept": {
            "type": "object",
            "required": ["id", "term", "definition"],
            "properties": {
                "id": {"type": "string"},
                "term": {"type": "string"},
                "definition": {"type": "string"},
                "acronyms": {"type": "array", "items": {"type": "string"}},
                "aliases": {"type": "array", "items": {"type": "string"}},
                "category": _nullable({"type": "string"}),
                "status": {"type": "string"},
                "definitions": {"type": "array", "items": _ref("Definition")},
            },
        },
        "GlossaryPage": {
            "type": "object",
            "required": ["query", "total", "concepts"],
            "properties": {
                "query": {"type": "string"},
                "total": {"type": "integer", "minimum": 0},
                "concepts": {"type": "array", "items": _ref("Concept")},
                "glossary": _ref("GlossaryInfo"),
            },
        },
    }


POST_ERRORS = {
    "400": _error("malformed JSON (E602) or invalid UTF-8 (E603)"),
    "405": _error("method not allowed (E608); the Allow header lists the allowed ones"),
    "408": _error("the body stopped arriving for the server's stall timeout (E614)"),
    "411": _error("chunked body on a server that cannot bound it (E611)"),
    "413": _error("body over MAX_CONTENT_LENGTH (E605)"),
    "415": _error("content type other than application/json (E604)"),
    "422": _error("wrong field type or value (E606), unknown format (E204), lone surrogate (E203), "
                  "text over the length limit (E202), too many documents (E613), "
                  "a repeated batch document id (E606)"),
    "500": _error("internal error (E609); never carries a traceback"),
    "503": _error("pipeline not loaded yet (E610); the request needed more work than "
                  "HELPDESK_WORK_BUDGET allows (E210)"),
}


def _post(summary: str, request_schema: str, response_schema: str, description: str = "") -> dict:
    return {
        "post": {
            "summary": summary,
            "description": description,
            "requestBody": {"required": True, "content": {JSON: {"schema": _ref(request_schema)}}},
            "responses": {"200": _json(_ref(response_schema), "success"), **POST_ERRORS},
        }
    }


def _get(summary: str, responses: dict, parameters: list | None = None) -> dict:
    op = {"summary": summary, "responses": {**responses, "405": POST_ERRORS["405"],
                                             "500": POST_ERRORS["500"]}}
    if parameters:
        op["parameters"] = parameters
    return {"get": op}


def build_document(app: Flask) -> dict:
    from annotator.text.markup import FORMATS

    from .api import GLOSSARY_PAGE, MAX_QUERY

    config = app.config
    from annotator.text.safety import DEFAULT_MAX_LENGTH

    max_text = config["HELPDESK_MAX_TEXT_LENGTH"] or DEFAULT_MAX_LENGTH
    max_spans = config["HELPDESK_MAX_SPANS"]
    cap = config["HELPDESK_MAX_GLOSSARY_LIMIT"]
    text_response = {"description": "file", "content": {"text/javascript": {"schema": {"type": "string"}},
                                                        "text/css": {"schema": {"type": "string"}}}}
    paths = {
        "/api/annotate": _post(
            "Annotate one text", "AnnotateRequest", "AnnotateResponse",
            "Spans carry code-point (start/end) and UTF-16 (start_utf16/end_utf16) offsets into the "
            "text sent. Each concept's definition is sent once; later mentions have repeat=true.",
        ),
        "/api/annotate/batch": _post(
            "Annotate several texts", "BatchRequest", "BatchResponse",
            f"At most {config['HELPDESK_MAX_BATCH_DOCUMENTS']} documents. A document whose text is "
            "unusable (too long, lone surrogate) gets an error entry; the others are annotated. "
            + UNIQUE_IDS,
        ),
        "/api/lint": _post(
            "Undefined-acronym diagnostics for an editor", "AnnotateRequest", "LintResponse",
        ),
        "/api/glossary": _get(
            "Search the glossary",
            {"200": _json(_ref("GlossaryPage"), "matching concepts, best first"),
             "422": POST_ERRORS["422"]},
            [
                {"name": "q", "in": "query", "required": False,
                 "schema": {"type": "string", "maxLength": MAX_QUERY},
                 "description": "term, acronym or alias (exact, prefix, then substring matches, "
                                "ignoring case, hyphens and spaces), then definition; "
                                "empty lists every concept"},
                # An empty value (``?limit=``, as an HTML form sends an unfilled field) is
                # "not given", like null in a JSON body.
                {"name": "limit", "in": "query", "required": False, "allowEmptyValue": True,
                 "description": "concepts per page; empty means the default",
                 "schema": {"type": "integer", "minimum": 1, "maximum": cap, "default": min(GLOSSARY_PAGE, cap)}},
            ],
        ),
        "/api/glossary/{concept_id}": _get(
            "One concept",
            {"200": _json(_ref("Concept"), "the concept"), "404": _error("unknown id (E607)")},
            [{"name": "concept_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        ),
        "/healthz": _get("Liveness", {"200": _json(
            {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}},
            "the process is up")}),
        "/readyz": _get("Readiness", {
            "200": _json({"type": "object", "required": ["status", "glossary"],
                          "properties": {"status": {"const": "ready"}, "glossary": _ref("GlossaryInfo")}},
                         "pipeline loaded"),
            "503": POST_ERRORS["503"],
        }),
        "/openapi.json": _get("This document", {"200": _json({"type": "object"}, "OpenAPI 3.1")}),
        "/": _get("Demo page: a help-desk ticket view and an editor using the widget",
                  {"200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}}),
        "/plugin/{filename}": _get(
            "Widget files: tooltip.js and tooltip.css",
            {"200": text_response, "404": _error("no such file (E607)")},
            [{"name": "filename", "in": "path", "required": True, "schema": {"type": "string"}}],
        ),
    }
    schemas = _schemas(list(FORMATS), max_spans, max_text, config["HELPDESK_MAX_BATCH_DOCUMENTS"])
    from .discover import openapi_parts

    discover_paths, discover_schemas = openapi_parts(schemas, _post)
    paths.update(discover_paths)
    schemas.update(discover_schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "helpdesk-annotator",
            "version": __version__,
            "description": "Finds customer-support jargon in text and returns definitions for tooltips. "
                           "Every error is JSON: {\"error\": {\"code\", \"message\", \"field\"?}}.",
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }


@bp.get("/openapi.json")
def openapi_json():
    cached = current_app.extensions.get("helpdesk_annotator_openapi")
    if cached is None:
        cached = current_app.extensions["helpdesk_annotator_openapi"] = build_document(current_app)
    return jsonify(cached)
