"""Score the annotator against the shared evaluation set (``../shared/eval``).

    python -m tools.evaluate [--eval-dir DIR] [--verbose] [--json] [--lint]

Span scoring follows the set's README:

* **recall** on gold spans with ``in_seeds: true`` (what the built-in glossary could know);
  a gold span counts as found when any predicted span overlaps it;
* **precision**: predicted spans that overlap any gold span (``in_seeds`` or not) over all
  predicted spans;
* predictions overlapping ``code_or_url_mentions`` are ignored (neither right nor wrong);
* every label the service returns is scored by default, including ``DOC_ACRONYM`` (acronyms
  the document defines itself); ``--labels CX_TERM,CX_ACRONYM`` scores the glossary alone;
* **hard negatives** (the pronoun *it*, signature initials, airline *ticket number*, ...): any
  overlapping prediction is a hit, and the target is zero.

The eval texts are third-party: this script only reads them, nothing is copied into the repo.
Other sections (the linter's acronym scoring) plug in through :data:`SECTIONS`.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.resources import eval_dir

DEFAULT_EVAL_DIR = eval_dir()
#: Every label the service returns as a span: the product is scored as shipped.
SCORED_LABELS = ("CX_TERM", "CX_ACRONYM", "DOC_ACRONYM")
TARGETS = {"precision": 0.97, "recall": 0.95, "hard_negative_hits": 0}


@dataclass
class GoldDoc:
    id: str
    doc_type: str
    text: str
    format: str
    spans: list[dict]
    ignored: list[dict]
    hard_negatives: list[dict]
    sha_ok: bool = True


@dataclass
class DocResult:
    id: str
    predicted: int = 0
    true_positives: int = 0
    gold: int = 0
    found: int = 0
    ignored: int = 0
    false_positives: list[dict] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    hard_negative_hits: list[dict] = field(default_factory=list)


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _prepare_article(text: str, suffix: str) -> tuple[str, str]:
    """(text to annotate, format) for an article file.

    reStructuredText is not an ``annotate()`` format, but the markup module can mask it (for
    the linter); the masked copy has the same length, so offsets still index the file.
    """
    if suffix == ".md":
        return text, "markdown"
    if suffix in (".html", ".htm"):
        return text, "html"
    if suffix == ".rst":
        from annotator.errors import AnnotatorError
        from annotator.text.markup import visible_text

        try:
            return visible_text(text, "rst"), "text"
        except AnnotatorError:
            return text, "text"
    return text, "text"


def load_gold(eval_dir: Path) -> list[GoldDoc]:
    """The span-gold documents with their texts, in file order."""
    tickets = {row["id"]: row for row in _read_jsonl(eval_dir / "tickets.jsonl")}
    docs = []
    for row in _read_jsonl(eval_dir / "gold_spans.jsonl"):
        if row.get("doc_type") == "ticket":
            text, fmt = tickets[row["id"]]["text"], "text"
            sha = hashlib.sha1(text.encode("utf-8")).hexdigest()
        else:
            path = eval_dir / row["file"]
            original = path.read_text(encoding="utf-8")
            sha = hashlib.sha1(original.encode("utf-8")).hexdigest()
            text, fmt = _prepare_article(original, path.suffix.lower())
        docs.append(
            GoldDoc(
                id=row["id"],
                doc_type=row.get("doc_type", ""),
                text=text,
                format=fmt,
                spans=row.get("spans", []),
                ignored=row.get("code_or_url_mentions", []),
                hard_negatives=row.get("hard_negatives", []),
                sha_ok=not row.get("text_sha1") or row["text_sha1"] == sha,
            )
        )
    return docs


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _any_overlap(span: dict, others: Iterable[dict]) -> bool:
    return any(_overlaps(span, other) for other in others)


def score_doc(gold: GoldDoc, predicted: list[dict], labels: Iterable[str] = SCORED_LABELS) -> DocResult:
    """Compare one document's predicted spans with its gold (pure; see module docstring)."""
    wanted = set(labels)
    result = DocResult(gold.id)
    kept = []
    for span in predicted:
        if span["label"] not in wanted:
            continue
        if _any_overlap(span, gold.ignored) and not _any_overlap(span, gold.spans):
            result.ignored += 1
            continue
        kept.append(span)
    result.predicted = len(kept)
    for span in kept:
        brief = {k: span[k] for k in ("start", "end", "text", "label", "term")}
        if _any_overlap(span, gold.spans):
            result.true_positives += 1
        else:
            result.false_positives.append(brief)
        if _any_overlap(span, gold.hard_negatives):
            result.hard_negative_hits.append(brief)
    for span in gold.spans:
        if not span.get("in_seeds"):
            continue
        result.gold += 1
        if _any_overlap(span, kept):
            result.found += 1
        else:
            result.misses.append({k: span.get(k) for k in ("start", "end", "text", "concept")})
    return result


def span_section(eval_dir: Path, *, labels: Iterable[str] = SCORED_LABELS, nlp=None) -> dict:
    """Span precision / recall / hard negatives over every gold document."""
    from annotator.api import annotate, load

    nlp = nlp or load()
    results = []
    mismatched = []
    for gold in load_gold(eval_dir):
        if not gold.sha_ok:
            mismatched.append(gold.id)
        output = annotate(gold.text, gold.format, nlp=nlp)
        results.append(score_doc(gold, output["spans"], labels))
    predicted = sum(r.predicted for r in results)
    tp = sum(r.true_positives for r in results)
    gold_total = sum(r.gold for r in results)
    found = sum(r.found for r in results)
    summary = {
        "documents": len(results),
        "labels": list(labels),
        "predicted": predicted,
        "true_positives": tp,
        "precision": round(tp / predicted, 4) if predicted else 0.0,
        "gold_in_seeds": gold_total,
        "found": found,
        "recall": round(found / gold_total, 4) if gold_total else 0.0,
        "ignored_code_or_url": sum(r.ignored for r in results),
        "hard_negative_hits": sum(len(r.hard_negative_hits) for r in results),
        "text_sha1_mismatches": mismatched,
        "documents_detail": [r.__dict__ for r in results],
    }
    summary["targets"] = {
        "precision": summary["precision"] >= TARGETS["precision"],
        "recall": summary["recall"] >= TARGETS["recall"],
        "hard_negative_hits": summary["hard_negative_hits"] <= TARGETS["hard_negative_hits"],
    }
    return summary


def lint_section(eval_dir: Path, **_: object) -> dict | None:
    """The linter's own scoring, when ``annotator.lint.scoring`` exists (LINT engineer's)."""
    try:
        scoring = importlib.import_module("annotator.lint.scoring")
    except ImportError:
        return None
    return scoring.score(eval_dir)


#: Named evaluation sections: ``name -> f(eval_dir, **options) -> dict | None``.
SECTIONS: dict[str, Callable[..., dict | None]] = {"spans": span_section, "lint": lint_section}


def format_spans(summary: dict, *, verbose: bool = False) -> list[str]:
    ok = lambda flag: "ok" if flag else "BELOW TARGET"  # noqa: E731
    t = summary["targets"]
    lines = [
        f"span evaluation: {summary['documents']} documents, labels {', '.join(summary['labels'])}",
        f"  precision  {summary['precision']:.3f}  ({summary['true_positives']}/{summary['predicted']})"
        f"  target >= {TARGETS['precision']}  {ok(t['precision'])}",
        f"  recall     {summary['recall']:.3f}  ({summary['found']}/{summary['gold_in_seeds']} in-seeds gold spans)"
        f"  target >= {TARGETS['recall']}  {ok(t['recall'])}",
        f"  hard-negative hits  {summary['hard_negative_hits']}  target 0  {ok(t['hard_negative_hits'])}",
        f"  ignored (code/URL mentions)  {summary['ignored_code_or_url']}",
    ]
    if summary["text_sha1_mismatches"]:
        lines.append(f"  WARNING: text_sha1 mismatch for {', '.join(summary['text_sha1_mismatches'])}")
    for doc in summary["documents_detail"]:
        problems = doc["false_positives"] or doc["misses"] or doc["hard_negative_hits"]
        if not verbose and not doc["hard_negative_hits"]:
            continue
        if not problems:
            continue
        lines.append(f"  {doc['id']}: {doc['found']}/{doc['gold']} found, {doc['true_positives']}/{doc['predicted']} correct")
        for span in doc["hard_negative_hits"]:
            lines.append(f"    HARD NEGATIVE {span['text']!r} @{span['start']} ({span['label']})")
        if verbose:
            for span in doc["false_positives"]:
                lines.append(f"    FP   {span['text']!r} @{span['start']} -> {span['term']} ({span['label']})")
            for span in doc["misses"]:
                lines.append(f"    MISS {span['text']!r} @{span['start']} ({span['concept']})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="evaluation set directory")
    parser.add_argument("--verbose", "-v", action="store_true", help="list false positives and misses per document")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--lint", action="store_true", help="also run the linter's scoring section")
    parser.add_argument(
        "--labels", default=",".join(SCORED_LABELS), help="comma-separated labels to score (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    eval_dir: Path = args.eval_dir
    if not (eval_dir / "gold_spans.jsonl").exists():
        print(f"no evaluation set at {eval_dir}; nothing to score")
        return 0
    labels = tuple(label.strip() for label in args.labels.split(",") if label.strip())
    report: dict[str, dict] = {"spans": SECTIONS["spans"](eval_dir, labels=labels)}
    if args.lint:
        lint = SECTIONS["lint"](eval_dir)
        report["lint"] = lint if lint is not None else {"error": "annotator.lint.scoring is not available"}
    if args.json:
        if not args.verbose:
            for doc in report["spans"]["documents_detail"]:
                doc.pop("false_positives", None), doc.pop("misses", None)
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for line in format_spans(report["spans"], verbose=args.verbose):
        print(line)
    if "lint" in report:
        print("lint evaluation:")
        for key, value in report["lint"].items():
            if isinstance(value, list) and not args.verbose:
                continue  # per-article detail: --verbose or --json
            print(f"  {key}: {value if not isinstance(value, (dict, list)) else json.dumps(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
