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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tools import corpus_split
from tools.jsonl import read_jsonl
from tools.paths import corpora_dir, eval_dir

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
    #: ``written`` (tickets, articles), ``conversation`` or ``speech-to-text`` (a rendering).
    kind: str = "written"


@dataclass
class DocResult:
    id: str
    predicted: int = 0
    true_positives: int = 0
    gold: int = 0
    found: int = 0
    ignored: int = 0
    fuzzy_predicted: int = 0  # spans matched as misspellings ("match": "fuzzy")
    fuzzy_true_positives: int = 0
    false_positives: list[dict] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    hard_negative_hits: list[dict] = field(default_factory=list)


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


def _row_format(row: dict, default: str) -> str:
    return row.get("format") or default


def load_gold(eval_dir: Path, keep: Callable[[str], bool] | None = None) -> list[GoldDoc]:
    """The span-gold documents with their texts, in file order (only ids ``keep`` accepts).

    Tickets and transcripts are rows of ``tickets.jsonl`` / ``transcripts.jsonl`` (a row may
    name its ``format``: a GitHub issue is Markdown, a transcript is ``transcript``); articles
    are files.
    """
    rows = {
        "ticket": {row["id"]: row for row in read_jsonl(eval_dir / "tickets.jsonl", missing_ok=True)},
        "transcript": {row["id"]: row for row in read_jsonl(eval_dir / "transcripts.jsonl", missing_ok=True)},
    }
    docs = []
    for row in read_jsonl(eval_dir / "gold_spans.jsonl"):
        if keep is not None and not keep(row["id"]):
            continue
        doc_type = row.get("doc_type", "")
        kind = "conversation" if doc_type == "transcript" else "written"
        if doc_type in rows:
            source = rows[doc_type][row["id"]]
            kind = "speech-to-text" if source.get("rendered_from") else kind
            text = source["text"]
            fmt = _row_format(source, "transcript" if doc_type == "transcript" else "text")
            sha = hashlib.sha1(text.encode("utf-8")).hexdigest()
        else:
            path = eval_dir / row["file"]
            original = path.read_text(encoding="utf-8")
            sha = hashlib.sha1(original.encode("utf-8")).hexdigest()
            text, fmt = _prepare_article(original, path.suffix.lower())
        docs.append(
            GoldDoc(
                id=row["id"],
                doc_type=doc_type,
                text=text,
                format=fmt,
                spans=row.get("spans", []),
                ignored=row.get("code_or_url_mentions", []),
                hard_negatives=row.get("hard_negatives", []),
                sha_ok=not row.get("text_sha1") or row["text_sha1"] == sha,
                kind=kind,
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
        brief = {k: span.get(k) for k in ("start", "end", "text", "label", "term", "match")}
        fuzzy = span.get("match") == "fuzzy"
        result.fuzzy_predicted += fuzzy
        if _any_overlap(span, gold.spans):
            result.true_positives += 1
            result.fuzzy_true_positives += fuzzy
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


def span_section(
    eval_dir: Path, *, labels: Iterable[str] = SCORED_LABELS, nlp=None, keep: Callable[[str], bool] | None = None
) -> dict:
    """Span precision / recall / hard negatives over every gold document (``keep`` filters ids)."""
    return score_documents(load_gold(eval_dir, keep), labels=labels, nlp=nlp)


def score_documents(docs: Iterable[GoldDoc], *, labels: Iterable[str] = SCORED_LABELS, nlp=None) -> dict:
    """The span summary of a list of gold documents (see the module docstring)."""
    from annotator.api import annotate, load
    from annotator.errors import AnnotatorError

    nlp = nlp or load()
    labels = tuple(labels)
    results = []
    mismatched, refused = [], []
    for gold in docs:
        if not gold.sha_ok:
            mismatched.append(gold.id)
        try:
            spans = annotate(gold.text, gold.format, nlp=nlp)["spans"]
        except AnnotatorError as exc:  # a refused document finds nothing: every gold span is missed
            refused.append(f"{gold.id}: {exc}")
            spans = []
        results.append(score_doc(gold, spans, labels))
    summary = summarise(results, labels, mismatched)
    summary["refused"] = refused
    return summary


def summarise(results: list[DocResult], labels: Iterable[str], mismatched: list[str] = ()) -> dict:
    """Totals, ratios and target checks over per-document results (pure)."""
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
        "fuzzy": _fuzzy_summary(results),
        "text_sha1_mismatches": list(mismatched),
        "documents_detail": [r.__dict__ for r in results],
    }
    summary["targets"] = {
        "precision": summary["precision"] >= TARGETS["precision"],
        "recall": summary["recall"] >= TARGETS["recall"],
        "hard_negative_hits": summary["hard_negative_hits"] <= TARGETS["hard_negative_hits"],
    }
    return summary


def _fuzzy_summary(results: list[DocResult]) -> dict:
    """Misspelled-term spans on their own: how many, and how many overlap gold."""
    predicted = sum(r.fuzzy_predicted for r in results)
    tp = sum(r.fuzzy_true_positives for r in results)
    return {"predicted": predicted, "true_positives": tp,
            "precision": round(tp / predicted, 4) if predicted else None}


def lint_section(eval_dir: Path, keep: Callable[[str], bool] | None = None, **_: object) -> dict | None:
    """The linter's own scoring (:mod:`tools.lint_scoring`) on the articles ``keep`` accepts."""
    try:
        scoring = importlib.import_module("tools.lint_scoring")
    except ImportError:
        return None
    if not (eval_dir / scoring.GOLD_FILE).is_file():
        return None
    return scoring.score(eval_dir, keep=keep)


#: Named evaluation sections: ``name -> f(eval_dir, **options) -> dict | None``.
SECTIONS: dict[str, Callable[..., dict | None]] = {"spans": span_section, "lint": lint_section}


def format_spans(summary: dict, *, verbose: bool = False, per_document: bool = True) -> list[str]:
    """The span block's lines: the figures, then (``per_document``) each document's hard-negative
    hits, and with ``verbose`` its false positives and misses too."""
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
    fuzzy = summary.get("fuzzy") or {}
    if fuzzy.get("predicted"):
        lines.append(f"  fuzzy (misspelled) spans  precision {fuzzy['precision']:.3f}"
                     f"  ({fuzzy['true_positives']}/{fuzzy['predicted']})")
    else:
        lines.append("  fuzzy (misspelled) spans  none")
    if summary["text_sha1_mismatches"]:
        lines.append(f"  WARNING: text_sha1 mismatch for {', '.join(summary['text_sha1_mismatches'])}")
    for reason in summary.get("refused", ()):
        lines.append(f"  REFUSED {reason}")
    for doc in summary["documents_detail"] if per_document else ():
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
                lines.append(f"    FP   {span['text']!r} @{span['start']} -> {span['term']} ({span['label']})"
                             + (" [fuzzy]" if span.get("match") == "fuzzy" else ""))
            for span in doc["misses"]:
                lines.append(f"    MISS {span['text']!r} @{span['start']} ({span['concept']})")
    return lines


KINDS = ("written", "conversation", "speech-to-text")


def corpus_report(part: str, *, labels: Iterable[str] = SCORED_LABELS, nlp=None, lint: bool = False,
                  root: Path | None = None) -> dict | None:
    """Spans (overall and per kind) and optionally lint on one part of the project's corpora."""
    root = root or corpora_dir()
    split = corpus_split.read_split(root) if root.is_dir() else {}
    if not split:
        return None
    docs, lint_parts = [], []
    for group in corpus_split.groups(root):
        ids = corpus_split.part_ids(split, group, part)
        docs.extend(load_gold(group, ids.__contains__))
        if lint:
            lint_parts.append(lint_section(group, keep=ids.__contains__))
    results = {"spans": score_documents(docs, labels=labels, nlp=nlp)}
    by_id = {doc.id: doc.kind for doc in docs}
    for kind in KINDS:
        detail = [DocResult(**d) for d in results["spans"]["documents_detail"] if by_id.get(d["id"]) == kind]
        if detail:
            results[f"spans:{kind}"] = summarise(detail, labels)
    if lint:
        results["lint"] = merge_lint([r for r in lint_parts if r])
    return results


def merge_lint(parts: list[dict]) -> dict:
    """One lint summary from per-group scores (sums, then ratios)."""
    merged: dict = {"articles": sum(p["articles"] for p in parts), "per_article": []}
    for part in parts:
        merged["per_article"].extend(part["per_article"])
    for scope in ("undefined_cx", "undefined_not_exempt"):
        keys = ("gold", "true_positives", "false_findings", "out_of_scope", "located")
        totals = {k: sum(p[scope][k] for p in parts) for k in keys}
        tp, gold, false = totals["true_positives"], totals["gold"], totals["false_findings"]
        totals["recall"] = round(tp / gold, 4) if gold else 1.0
        totals["precision"] = round(tp / (tp + false), 4) if tp + false else 1.0
        merged[scope] = totals
    return merged


def _print_lint(lint: dict, verbose: bool) -> None:
    print("lint evaluation:")
    for key, value in lint.items():
        if isinstance(value, list) and not verbose:
            continue  # per-article detail: --verbose or --json
        print(f"  {key}: {value if not isinstance(value, (dict, list)) else json.dumps(value)}")


def _print_kinds(report: dict) -> None:
    for kind in KINDS:
        summary = report.get(f"spans:{kind}")
        if summary:
            print(
                f"  {kind:15} {summary['documents']:4} docs  P {summary['precision']:.3f} "
                f"({summary['true_positives']}/{summary['predicted']})  R {summary['recall']:.3f} "
                f"({summary['found']}/{summary['gold_in_seeds']})  hard-negative hits {summary['hard_negative_hits']}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="evaluation set directory")
    parser.add_argument(
        "--corpus", choices=("dev", "test", "all"),
        help="score a part of the project's own corpora (tools/corpora) instead of the evaluation set",
    )
    parser.add_argument("--every", action="store_true", help="the evaluation set, then the corpora's dev and test parts")
    parser.add_argument("--verbose", "-v", action="store_true", help="list false positives and misses per document")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--lint", action="store_true", help="also run the linter's scoring section")
    parser.add_argument(
        "--labels", default=",".join(SCORED_LABELS), help="comma-separated labels to score (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    labels = tuple(label.strip() for label in args.labels.split(",") if label.strip())
    blocks: list[tuple[str, dict]] = []
    if args.corpus is None:
        eval_dir: Path = args.eval_dir
        if (eval_dir / "gold_spans.jsonl").exists():
            report: dict[str, dict] = {"spans": SECTIONS["spans"](eval_dir, labels=labels)}
            if args.lint:
                lint = SECTIONS["lint"](eval_dir)
                report["lint"] = lint if lint is not None else {"error": "no lint gold in the evaluation set"}
            blocks.append((f"evaluation set {eval_dir}", report))
        elif not args.every:
            print(f"no evaluation set at {eval_dir}; nothing to score")
            return 0
    parts = ("dev", "test") if args.every else (args.corpus,) if args.corpus else ()
    # The frozen test part shows its figures only, unless it alone is asked for: a run over
    # every part (``make eval``) must not put its documents' errors in front of whoever tunes.
    sealed: set[str] = set()
    for part in parts:
        report = corpus_report(part, labels=labels, lint=args.lint)
        if report is None:
            print(f"no corpora with a split at {corpora_dir()}; run python -m tools.corpus_split")
            break
        blocks.append((f"corpora, {part} part", report))
        if part == "test" and args.every:
            sealed.add(blocks[-1][0])
    if args.json:
        for title, report in blocks:
            for key, section in report.items():
                if title in sealed and key.startswith("spans"):
                    section.pop("documents_detail", None)
                elif title in sealed and key == "lint" and isinstance(section, dict):
                    for name in [k for k, v in section.items() if isinstance(v, list)]:
                        section.pop(name)  # per-article findings
                elif key.startswith("spans") and not args.verbose:
                    for doc in section["documents_detail"]:
                        doc.pop("false_positives", None), doc.pop("misses", None)
        # One block prints as it always did; several are keyed by their titles.
        payload = blocks[0][1] if len(blocks) == 1 else {title: report for title, report in blocks}
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for title, report in blocks:
        if len(blocks) > 1 or args.corpus:
            print(f"== {title}")
        sealed_block = title in sealed
        for line in format_spans(report["spans"], verbose=args.verbose and not sealed_block,
                                 per_document=not sealed_block):
            print(line)
        _print_kinds(report)
        if "lint" in report:
            _print_lint(report["lint"], args.verbose and not sealed_block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
