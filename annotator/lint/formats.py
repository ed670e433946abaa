"""Report renderers: text, JSON, SARIF 2.1.0 and GitHub workflow annotations.

Each takes the per-file results and returns the whole report as a string, so output is
deterministic and golden-testable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

from .. import __version__
from .findings import RULES
from .runner import FileResult

FORMATS = ("text", "json", "sarif", "github")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "helpdesk-annotator"


def render_text(results: Sequence[FileResult]) -> str:
    lines = [
        f"{r.article.display}:{f.line}:{f.col}: {f.code} {f.message}"
        for r in results
        for f in r.findings
    ]
    return "".join(line + "\n" for line in lines)


def render_json(results: Sequence[FileResult]) -> str:
    """A list of findings, each :meth:`Finding.to_json` (the shape ``/api/lint`` sends too)
    with its ``path``, plus ``col``/``end_col``: the names this report used before it shared
    that shape, kept so existing consumers keep working."""
    items = [
        {"path": r.article.display, **f.to_json(), "col": f.col, "end_col": f.end_col}
        for r in results
        for f in r.findings
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def artifact_uri(display: str) -> str:
    """A SARIF ``artifactLocation.uri``: relative paths stay relative (percent-encoded, so
    spaces and ``#`` survive), absolute ones become ``file://`` URIs."""
    path = PurePosixPath(display)
    if path.is_absolute():
        return "file://" + quote(display, safe="/")
    return quote(display, safe="/")


def render_sarif(results: Sequence[FileResult]) -> str:
    codes = list(RULES)
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "defaultConfiguration": {"level": rule.level},
        }
        for rule in RULES.values()
    ]
    sarif_results = []
    for r in results:
        for f in r.findings:
            result = {
                "ruleId": f.code,
                "ruleIndex": codes.index(f.code),
                "level": f.rule.level,
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(r.article.display)},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.col,
                                "endLine": f.line,
                                "endColumn": f.end_col,
                            },
                        }
                    }
                ],
                "properties": {"acronym": f.acronym, "expansion": f.expansion, "senses": list(f.senses)},
            }
            sarif_results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def escape_data(value: str) -> str:
    """GitHub workflow-command escaping for the message part."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """GitHub workflow-command escaping for ``key=value`` properties (also ``:`` and ``,``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult]) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            props = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (
                    ("file", r.article.display),
                    ("line", f.line),
                    ("col", f.col),
                    ("endColumn", f.end_col),
                    ("title", f"{f.code} {f.rule.name}"),
                )
            )
            lines.append(f"::{f.rule.level} {props}::{escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}


def render(results: Sequence[FileResult], format: str) -> str:
    return RENDERERS[format](results)
