"""Score the linter against the acronym gold (``gold_undefined_acronyms.jsonl``).

For every article the linter runs with its defaults (built-in glossary and allowlist, no
project config) and each reported acronym is compared with the gold on two scopes:

* ``undefined_cx`` -- support-domain acronyms used without a definition at or before first use;
* ``undefined_not_exempt`` -- every undefined acronym an editor would not leave unexpanded.

A finding is a *true positive* when its acronym is in the scope's gold list, a *false
finding* when the gold says it is not an undefined acronym at all (it is defined in time, or
not an acronym), and *out of scope* otherwise (an undefined acronym outside the scope, e.g.
a non-CX acronym when scoring ``undefined_cx``): reporting it is not wrong, so it counts as
neither. ``located`` is the share of true positives reported at the gold first-use offset.

``--baseline vale`` scores a Vale-style conditional regex rule instead (raw text, 3-5 capitals,
defined only by a ``Capitalised Words (ACR)`` anywhere in the file, same allowlist), for
comparison.

Run ``python -m tools.lint_scoring [EVAL_DIR] [--baseline vale]`` to print the scores as JSON.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.lint.config import LintConfig
from annotator.lint.rules import lint_text
from annotator.lint.runner import load_glossary, read_article

from tools.paths import eval_dir as default_eval_dir

GOLD_FILE = "gold_undefined_acronyms.jsonl"
SCOPES = ("undefined_cx", "undefined_not_exempt")


_VALE_USE = re.compile(r"\b([A-Z]{3,5})s?\b")
_VALE_DEFINITION = re.compile(r"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)")


@dataclass(frozen=True)
class _BaselineFinding:
    code: str
    acronym: str
    start: int
    line: int
    col: int


def vale_style_findings(text: str, allow: frozenset[str]) -> list[_BaselineFinding]:
    """What a Vale-style ``conditional`` acronym rule reports: the baseline the linter is scored against."""
    defined = set(_VALE_DEFINITION.findall(text))
    found: dict[str, _BaselineFinding] = {}
    for match in _VALE_USE.finditer(text):
        acronym = match.group(1)
        if acronym in defined or acronym in allow or acronym in found:
            continue
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found[acronym] = _BaselineFinding("VALE", acronym, match.start(), line, col)
    return list(found.values())


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def score(
    eval_dir: Path | None = None,
    config: LintConfig | None = None,
    *,
    baseline: str | None = None,
    keep: Callable[[str], bool] | None = None,
) -> dict:
    """Precision/recall/false findings per scope, overall and per article (``keep`` filters ids).

    ``baseline="vale"`` scores :func:`vale_style_findings` instead of the linter.
    """
    eval_dir = Path(eval_dir) if eval_dir is not None else default_eval_dir()
    config = config if config is not None else LintConfig()
    glossary = load_glossary(config)
    totals = {s: {"gold": 0, "true_positives": 0, "false_findings": 0, "out_of_scope": 0, "located": 0}
              for s in SCOPES}
    articles = []
    with (eval_dir / GOLD_FILE).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [row for row in rows if row.get("file") and (keep is None or keep(row["id"]))]
    for row in rows:
        article = read_article(eval_dir / row["file"])
        if baseline == "vale":
            findings = vale_style_findings(article.text, config.allowlist)
        else:
            findings = lint_text(article.text, article.format, glossary=glossary, config=config)
        first = {}
        for f in findings:
            first.setdefault(f.acronym, f)
        undefined = {u["acronym"]: u for u in row.get("undefined", [])}
        entry = {"id": row["id"], "findings": [f"{f.code} {f.acronym} @{f.line}:{f.col}" for f in findings]}
        for scope in SCOPES:
            gold = set(row.get(scope, []))
            hits = gold & first.keys()
            false = sorted(a for a in first if a not in undefined)
            out = sorted(a for a in first if a in undefined and a not in gold)
            located = sum(
                1 for a in hits if first[a].start == undefined.get(a, {}).get("first_use", first[a].start)
            )
            t = totals[scope]
            t["gold"] += len(gold)
            t["true_positives"] += len(hits)
            t["false_findings"] += len(false)
            t["out_of_scope"] += len(out)
            t["located"] += located
            entry[scope] = {
                "missed": sorted(gold - first.keys()),
                "false": false,
                "precision": _ratio(len(hits), len(hits) + len(false)),
                "recall": _ratio(len(hits), len(gold)),
            }
        articles.append(entry)
    summary = {}
    for scope, t in totals.items():
        summary[scope] = {
            **t,
            "recall": _ratio(t["true_positives"], t["gold"]),
            "precision": _ratio(t["true_positives"], t["true_positives"] + t["false_findings"]),
        }
    return {
        "engine": baseline or "helpdesk-annotator lint",
        "articles": len(rows),
        "glossary_concepts": len(glossary),
        **summary,
        "per_article": articles,
    }


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    baseline = None
    if "--baseline" in argv:
        index = argv.index("--baseline")
        baseline = argv[index + 1] if index + 1 < len(argv) else ""
        del argv[index : index + 2]
        if baseline != "vale":
            print("error: --baseline takes 'vale'", file=sys.stderr)
            return 2
    eval_dir = Path(argv[0]) if argv else default_eval_dir()
    if not (eval_dir / GOLD_FILE).is_file():
        print(f"error: {eval_dir / GOLD_FILE} not found", file=sys.stderr)
        return 2
    print(json.dumps(score(eval_dir, baseline=baseline), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
