"""Coded domain errors.

Library code raises these and never prints or exits; the CLI turns them into a message and an
exit code, the service into ``{"error": {"code", "message", "field"}}`` with an HTTP status.
Every message is a template with a code (spaCy's ``Errors.E097`` habit), so tests can assert the
code rather than the wording.

Code ranges, one per concern:
    E1xx  glossary readers, merging and build
    E2xx  input text and markup
    E3xx  the spaCy component
    E4xx  lint
    E5xx  batch tagging
    E6xx  service and configuration
    E7xx  discovery (jargon the glossary lacks)
"""

from __future__ import annotations


class Errors:
    # --- E1xx glossary -------------------------------------------------------------------
    E101 = "{path}:{line}: invalid generated glossary data: {detail}"
    E102 = "{path}: unsupported glossary format {suffix!r} (expected {expected})"
    E103 = "{path}: cannot read glossary file: {detail}"
    E104 = "Generated files are stale: {files}. Run `helpdesk-annotator build`."
    E106 = "{path}:{line}: unsafe or malformed XML: {detail}"
    E107 = "Unknown concept id {concept_id!r}"
    E108 = "{path}:{line}: missing required field {field!r}"
    E109 = "{path}: glossary file is larger than the limit of {limit} bytes"
    E110 = "{path}:{line}: invalid UTF-8 ({detail}); save the file as UTF-8"
    E111 = "{path}:{line}: line is {length} characters long (limit {limit}): not glossary text"
    E112 = "{path}:{line}: malformed CSV: {detail}"
    E113 = "{path}:{line}: invalid JSON: {detail}"
    E114 = "{path}:{line}: invalid entry: {detail}"
    E115 = "{path}:{line}: too long: {detail}"
    E116 = "duplicate concept id {concept_id!r}: every concept of a glossary needs its own id"
    E117 = "{path}:{line}: NUL byte: this is not a text file"

    # --- E2xx input text and markup -------------------------------------------------------
    E201 = "text must be a string, got {type_name}"
    E202 = "text is {length} characters long; the limit is {limit}"
    E203 = "text contains a lone surrogate at index {index} (invalid Unicode)"
    E204 = "unknown format {format!r}; expected one of {allowed}"
    E205 = "invalid option {name!r}: {detail}"
    E206 = "JSON transcript is not a known shape: {detail}"
    E207 = "JSON transcript is not valid JSON at offset {offset}: {detail}"
    E208 = "{kind} captions: broken cue at line {line}: {detail}"
    E209 = "unknown transcript format {name!r}; expected one of {allowed}"
    E210 = (
        "the text needs more work than one request may take ({seconds:g} s); "
        "split it into smaller documents"
    )

    # --- E3xx component --------------------------------------------------------------------
    E301 = "helpdesk_glossary has no glossary: call initialize() or load from disk first"
    E302 = "invalid pattern on line {line} of {path}: {detail}"
    E303 = "unknown precision rule {name!r}: {detail}"
    E304 = "invalid precision setting {name!r}: {detail}"

    # --- E4xx lint -------------------------------------------------------------------------
    E401 = "{path}: cannot read file: {detail}"
    E402 = "{path}: invalid configuration: {detail}"
    E403 = "{path}: unsupported file type {suffix!r} (expected .md, .rst, .html, .txt)"
    E404 = "{path}: cannot write file: {detail}"
    E405 = "{path}: no articles to lint (no .md, .rst, .html or .txt files found)"

    # --- E5xx batch tagging ----------------------------------------------------------------
    E501 = "{path}: cannot read input: {detail}"
    E502 = "{path}: checkpoint does not match this run: {detail}"
    E503 = "{detail}"
    E504 = "{path} already exists; use --resume to continue that run or --overwrite to start again"
    E505 = "batch run failed: {detail}"
    E506 = ("{path}: cannot write: {detail}; free some space (or raise the file size limit) and "
            "rerun the same command with --resume")
    E507 = "{path}: cannot write output here: {detail}"

    # --- E6xx service and configuration -----------------------------------------------------
    E601 = "invalid configuration value {name!r}: {detail}"
    E602 = "request body is not valid JSON: {detail}"
    E603 = "request body is not valid UTF-8: {detail}"
    E604 = "unsupported content type {content_type!r}; send application/json"
    E605 = ("request body is larger than the body limit of {limit} bytes (MAX_CONTENT_LENGTH, in "
            "bytes of JSON, apart from the text limit in characters: send text as UTF-8 rather "
            "than \\u escapes, or raise MAX_CONTENT_LENGTH)")
    E606 = "invalid field {field!r}: {detail}"
    E607 = "not found: {detail}"
    E608 = "method {method} not allowed here; allowed: {allowed}"
    E609 = "internal server error (the details are in the server log)"
    E610 = "the annotation pipeline is not ready yet"
    E611 = "a request body without Content-Length cannot be read safely by this server"
    E612 = "{detail}"
    E613 = "too many documents: {count} sent, the limit is {limit}"
    E614 = "the request body stopped arriving (nothing for {seconds:g} s)"
    E615 = "malformed chunked request body: {detail}"
    E616 = "malformed request: {detail}"
    E617 = "the request took longer than {seconds:g} s to arrive"
    E618 = "the request ran past the worker timeout of {seconds:g} s and was stopped"
    E619 = "the server is restarting and could not finish reading this request; send it again"
    E620 = "port {port} is in use"
    E621 = "cannot listen on {host}:{port}: {detail}"

    # --- E7xx discovery ------------------------------------------------------------------------
    E701 = "{path}: cannot read input: {detail}"
    E702 = "{path}: cannot read decisions file: {detail}"
    E703 = "{path}:{line}: invalid decision: {detail}"
    E704 = "{detail}"
    E705 = "{path}: cannot write: {detail}"
    E706 = "{path}: cannot resume from this checkpoint: {detail}"


class AnnotatorError(Exception):
    """Base of every error the library raises on purpose.

    ``code`` names a template in :class:`Errors`; keyword arguments fill it. ``field`` names the
    offending input field where there is one (the service reports it back to the client).
    """

    def __init__(self, code: str, *, field: str | None = None, **kwargs: object) -> None:
        template = getattr(Errors, code)
        self.code = code
        self.field = field
        self.details = kwargs
        # ``field`` is also a template slot (E108, E606), so it is offered to the template too.
        self.message = template.format(field=field, **kwargs)
        super().__init__(f"[{code}] {self.message}")


class GlossaryError(AnnotatorError):
    """A glossary file could not be read or the generated data is inconsistent."""


class InputError(AnnotatorError):
    """Text handed to the annotator is unusable as given (wrong type, too long, invalid)."""


class PipelineError(AnnotatorError):
    """The spaCy component was used in a state it cannot work in."""


class LintError(AnnotatorError):
    """A lint run could not read a file or its configuration."""


class BatchError(AnnotatorError):
    """A batch tagging run could not read its input or resume its checkpoint."""


class BudgetError(AnnotatorError):
    """A document (or request) needed more work than its budget allows (see runtime.budget)."""


class ConfigError(AnnotatorError):
    """A configuration value is invalid."""


class DiscoverError(AnnotatorError):
    """A discovery run could not read its input or decisions, or was asked something invalid."""
