"""Reading and validating request bodies, strictly and within bounds.

The body is read by hand rather than with ``request.get_json()`` so every failure has its own
status and code: a wrong content type is 415, bytes that are not UTF-8 are 400 E603, text that is
not JSON is 400 E602, a body over ``MAX_CONTENT_LENGTH`` is 413 E605 whether or not it came with
a ``Content-Length``, and a well-formed body with the wrong fields is 422. A body is read whole
or rejected: it is never annotated cut short.
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request
from werkzeug.exceptions import ClientDisconnected

from annotator.options import Option, option_fields

from .errors import ServiceError

_READ_CHUNK = 64 * 1024


def _check_content_type() -> None:
    mimetype = request.mimetype
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        raise ServiceError("E604", content_type=request.content_type or "")
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        # JSON is UTF-8 (RFC 8259); decoding anything else as UTF-8 would shift offsets.
        raise ServiceError("E604", content_type=request.content_type or "")


def read_body() -> bytes:
    """The raw request body, or a 413/411 error; never a silently shortened one."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    environ = request.environ
    length = request.content_length
    if length is not None and length > limit:
        raise ServiceError("E605", limit=limit)
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    if length is None and chunked and not environ.get("wsgi.input_terminated"):
        # Werkzeug would hand us an empty stream here (it cannot know where the body ends);
        # answering as if the body were empty would be a silent truncation.
        raise ServiceError("E611")
    stream = request.stream
    parts: list[bytes] = []
    total = 0
    while True:
        # Read at most one byte past the limit: enough to know it was exceeded, never more.
        try:
            chunk = stream.read(min(_READ_CHUNK, limit + 1 - total))
        except ClientDisconnected as exc:
            # werkzeug's name for any error reading the body; a timeout is the server's stall
            # timeout (plugin.worker): the client stopped sending mid-body.
            if not isinstance(exc.__cause__ or exc.__context__, TimeoutError):
                raise
            from .worker import STALL_TIMEOUT

            raise ServiceError("E614", seconds=STALL_TIMEOUT) from None
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ServiceError("E605", limit=limit)
    return b"".join(parts)


def read_json() -> Any:
    """The request body parsed as JSON (after the content type and size checks)."""
    _check_content_type()
    raw = read_body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ServiceError("E603", detail=f"invalid byte at offset {exc.start}") from None
    if text.startswith("\ufeff"):  # a BOM is not JSON, but harmless to forgive
        text = text[1:]
    if not text.strip():
        raise ServiceError("E602", detail="the body is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ServiceError("E602", detail=f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except (ValueError, RecursionError):
        # Deeply nested arrays, integers with thousands of digits: valid-looking, not parseable.
        raise ServiceError("E602", detail="the document is nested too deeply or has an oversized number") from None


# --- field validation ------------------------------------------------------------------------

def invalid(field: str, detail: str) -> ServiceError:
    return ServiceError("E606", field=field, detail=detail)


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "integer", float: "number"}.get(type(value), type(value).__name__)


def expect_object(value: Any, field: str, allowed: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise invalid(field, f"expected an object, got {_type_name(value)}")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        # Unknown keys are refused so a typo ("first-only") is reported, not silently ignored.
        name = f"{field}.{unknown[0]}" if field != "body" else unknown[0]
        raise invalid(name, f"unknown field; expected one of {', '.join(allowed)}")
    return value


def expect_str(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise invalid(field, f"expected a string, got {_type_name(value)}")
    return value


def expect_bool(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(field, f"expected true or false, got {_type_name(value)}")
    return value


def expect_int(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON Schema counts 716.0 as an integer, so do we
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, f"expected an integer, got {_type_name(value)}")
    if not low <= value <= high:
        raise invalid(field, f"expected an integer from {low} to {high}, got {value}")
    return value


DOCUMENT_FIELDS = ("text", "format", "options")


def given_options(value: Any) -> set[str]:
    """The option fields a request really sets: null counts as left out (as the schema says)."""
    if not isinstance(value, dict):
        return set()
    return {name for name, item in value.items() if item is not None}


def expect_choice(value: Any, field: str, choices: tuple[str, ...]) -> str:
    if expect_str(value, field) not in choices:
        raise invalid(field, f"expected one of {', '.join(choices)}, got {value!r}")
    return value


def expect_strings(value: Any, field: str, spec: Option) -> list[str]:
    """An array of at most ``spec.max_items`` strings, each one of ``spec.choices`` if it has any."""
    limit = spec.max_items
    if not isinstance(value, list) or (limit is not None and len(value) > limit):
        bound = f"at most {limit} " if limit is not None else ""
        raise invalid(field, f"expected an array of {bound}strings")
    items = [expect_str(item, f"{field}[{i}]") for i, item in enumerate(value)]
    for i, item in enumerate(items):
        if spec.choices is not None and item not in spec.choices:
            raise invalid(f"{field}[{i}]", f"expected one of {', '.join(spec.choices)}, got {item!r}")
    return items


def parse_option(value: Any, field: str, spec: Option, cap: int) -> Any:
    """One option's value, checked against its declaration (``cap`` bounds a capped integer)."""
    if spec.kind == "boolean":
        return expect_bool(value, field)
    if spec.kind == "integer":
        return expect_int(value, field, spec.minimum, cap if spec.capped else spec.maximum)
    if spec.kind == "choice":
        return expect_choice(value, field, spec.choices)
    return expect_strings(value, field, spec)


def parse_options(value: Any, field: str, max_spans: int) -> dict:
    """``options`` -> keyword arguments for :func:`annotator.annotate`, capped by the config.

    Every field of :class:`~annotator.options.AnnotateOptions` is accepted and checked as its
    declaration says; a capped one (``max_spans``) defaults to, and may not exceed, the
    service's ``max_spans``. ``null`` -- for ``options`` or any of its fields -- means "not
    given", as the OpenAPI document declares: clients that serialise unset fields as null are
    not refused.
    """
    fields = list(option_fields())
    parsed: dict[str, Any] = {f.name: max_spans for f, spec in fields if spec.capped}
    if value is None:
        return parsed
    options = expect_object(value, field, tuple(f.name for f, _ in fields))
    for f, spec in fields:
        if options.get(f.name) is not None:
            parsed[f.name] = parse_option(options[f.name], f"{field}.{f.name}", spec, max_spans)
    return parsed


def parse_document(value: Any, field: str, formats: tuple[str, ...], max_spans: int,
                   extra: tuple[str, ...] = ()) -> tuple[str, str, dict]:
    """Validate one ``{"text", "format", "options"}`` object; returns (text, format, options)."""
    doc = expect_object(value, field, DOCUMENT_FIELDS + extra)
    prefix = "" if field == "body" else f"{field}."
    if "text" not in doc:
        raise invalid(f"{prefix}text", "required field is missing")
    text = expect_str(doc["text"], f"{prefix}text")
    fmt = doc.get("format", "text")
    fmt = expect_str(fmt, f"{prefix}format")
    if fmt not in formats:
        raise ServiceError("E204", field=f"{prefix}format", format=fmt, allowed=", ".join(formats))
    options = parse_options(doc.get("options"), f"{prefix}options", max_spans)
    return text, fmt, options


BATCH_FIELDS = ("documents", "options")
#: Longest batch document id, in characters.
MAX_ID_LENGTH = 256


def parse_batch(value: Any, formats: tuple[str, ...], max_spans: int,
                limit: int) -> list[tuple[str, str, str, dict, str]]:
    """Validate a whole ``/api/annotate/batch`` body; returns (id, text, format, options, field)
    per document, each document's options merged over the batch's shared ones.

    The body is checked as a whole (nothing is half-done on a broken request). Ids must be
    unique, counting the default ones (the index as a string): results are keyed by id, so a
    repeat is refused with 422 naming the id and both documents, never answered ambiguously.
    """
    body = expect_object(value, "body", BATCH_FIELDS)
    documents = body.get("documents")
    if not isinstance(documents, list):
        raise invalid("documents", "expected an array of {id, text, format} objects")
    if len(documents) > limit:
        raise ServiceError("E613", field="documents", count=len(documents), limit=limit)
    shared = parse_options(body.get("options"), "options", max_spans)
    parsed = []
    first_seen: dict[str, int] = {}
    for i, doc in enumerate(documents):
        field = f"documents[{i}]"
        text, fmt, options = parse_document(doc, field, formats, max_spans, extra=("id",))
        doc_id = doc.get("id", str(i))
        if not isinstance(doc_id, str) or not 0 < len(doc_id) <= MAX_ID_LENGTH:
            raise invalid(f"{field}.id", f"expected a string of 1 to {MAX_ID_LENGTH} characters")
        if doc_id in first_seen:
            first = first_seen[doc_id]
            here = "" if "id" in doc else " (this document's default id, its index)"
            there = "" if "id" in documents[first] else " (its default id, the index)"
            raise invalid(f"{field}.id", f"duplicate id {doc_id!r}{here}: documents[{first}]"
                                         f"{there} has it too; ids must be unique in a batch")
        first_seen[doc_id] = i
        # A field the document leaves out (or sets to null) keeps the batch's value.
        own = given_options(doc.get("options"))
        merged = {**shared, **{k: v for k, v in options.items() if k in own}}
        parsed.append((doc_id, text, fmt, merged, field))
    return parsed
