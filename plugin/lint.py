"""``POST /api/lint``: the linter's findings, shaped for the editor panel.

The rules themselves live in :mod:`annotator.lint.rules` and each finding's JSON (the same the
CLI's ``--format json`` writes, ready-to-insert ``replacements`` included) in
:mod:`annotator.lint.findings`; this adds what a browser needs: UTF-16 offsets next to the
code-point ones.
"""

from __future__ import annotations

from annotator.export import OFFSETS_NOTE, utf16_converter
from annotator.text.safety import prepare


def diagnostic(finding, to_utf16) -> dict:
    """The finding's one JSON shape (:meth:`Finding.to_json`) plus its UTF-16 offsets."""
    return {**finding.to_json(), "start_utf16": to_utf16(finding.start),
            "end_utf16": to_utf16(finding.end)}


def lint_document(service, text: str, fmt: str, options: dict) -> dict:
    from annotator.lint.rules import lint_text

    # The same input checks as annotation (type, length, lone surrogates), so both endpoints
    # accept and reject exactly the same bodies.
    prepare(text, max_length=service.max_length or _default_max_length())
    glossary = service.glossary
    findings = lint_text(text, fmt, glossary=glossary)
    limit = options.get("max_spans")
    to_utf16 = utf16_converter(text)
    diagnostics = [diagnostic(f, to_utf16) for f in findings[:limit]]
    return {
        "diagnostics": diagnostics,
        "truncated": limit is not None and len(findings) > limit,
        "offsets": OFFSETS_NOTE,
        "glossary": service.glossary_info,
    }


def _default_max_length() -> int:
    from annotator.text.safety import DEFAULT_MAX_LENGTH

    return DEFAULT_MAX_LENGTH
