"""Score ``discover`` against gold out-of-glossary jargon, next to a frequency baseline.

Reads the evaluation set in place (``../shared/eval`` by default; never copied): the archive
is every article, ticket and transcript there; the gold is every span of
``gold_spans.jsonl`` marked ``in_seeds: false`` (jargon the built-in glossary lacks).

* acronym recall: gold out-of-glossary acronym types (base forms) found as acronym candidates;
  and, from ``gold_undefined_acronyms.jsonl`` (every acronym the 17 articles use), recall of
  the CX ones and of the non-exempt ones the glossary lacks, and how often the best long form
  is the gold expansion;
* multi-word recall@100: gold out-of-glossary multi-word types (by concept) written twice or
  more in the gold, found among the top 100 term candidates (a type counts as found when any
  of its gold spellings, case and plural folded, is a candidate);
* the same for a plain frequency count of stopword-free bigrams and trigrams;
* glossary leaks in the top 50 (must be 0) and top-20 candidates without examples (must be 0).

Usage: ``python -m tools.discover_eval [EVAL_DIR] [--json]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from annotator.discover.aggregate import Discovery
from annotator.discover.words import STOPWORDS, fold_term
from annotator.discover.worker import Miner, MineOptions, MinerSpec
from annotator.lint.rules import lint_visible
from annotator.vocabulary.acronyms import base_acronym

TOP_TERMS = 100
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def corpus(root: Path) -> list[tuple[str, str, str]]:
    """``[(id, text, format)]``: the articles (markup by suffix), tickets and transcripts."""
    docs = []
    for path in sorted((root / "articles").iterdir()):
        fmt = {".md": "markdown", ".rst": "rst", ".html": "html"}.get(path.suffix, "text")
        docs.append((path.stem, path.read_text(encoding="utf-8"), fmt))
    for name in ("tickets.jsonl", "transcripts.jsonl"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                docs.append((str(row["id"]), row["text"], "text"))
    return docs


def gold(root: Path) -> tuple[set[str], dict[str, set[str]], Counter]:
    """Acronym types; multi-word concept -> folded spellings; concept -> mention count."""
    acronyms: set[str] = set()
    spellings: dict[str, set[str]] = {}
    mentions: Counter = Counter()
    for line in (root / "gold_spans.jsonl").read_text(encoding="utf-8").splitlines():
        for span in json.loads(line)["spans"]:
            if span["in_seeds"]:
                continue
            text = " ".join(span["text"].split())
            if span["kind"] == "acronym":
                acronyms.add(base_acronym(text))
            elif len(text.split()) > 1:
                spellings.setdefault(span["concept"], set()).add(fold_term(text.split()))
                mentions[span["concept"]] += 1
    return acronyms, spellings, mentions


def article_acronyms(root: Path, known) -> tuple[set[str], set[str], dict[str, str]]:
    """From ``gold_undefined_acronyms.jsonl`` (every acronym the articles use): CX acronyms
    the glossary lacks, every non-exempt one it lacks, and the gold expansions."""
    path = root / "gold_undefined_acronyms.jsonl"
    cx, not_exempt, expansions = set(), set(), {}
    if not path.exists():
        return cx, not_exempt, expansions
    for line in path.read_text(encoding="utf-8").splitlines():
        for acronym, info in json.loads(line).get("acronyms", {}).items():
            if known.has_acronym(acronym):
                continue
            if info.get("cx"):
                cx.add(acronym)
            if not info.get("commonly_exempt"):
                not_exempt.add(acronym)
            if info.get("expansion"):
                expansions[acronym] = info["expansion"]
    return cx, not_exempt, expansions


def _recall(gold: set, found: set) -> float | None:
    return round(len(gold & found) / len(gold), 3) if gold else None


def baseline(docs) -> list[str]:
    """Top stopword-free bigrams and trigrams by frequency (visible text, case folded)."""
    counts: Counter = Counter()
    for _, text, fmt in docs:
        for sentence in re.split(r"[.!?;:,()\[\]\n]+", lint_visible(text, fmt)):
            words = [w.lower() for w in _WORD.findall(sentence)]
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    if not any(w in STOPWORDS for w in gram):
                        counts[fold_term(gram)] += 1
    return [gram for gram, _ in counts.most_common(TOP_TERMS)]


def evaluate(root: Path) -> dict:
    docs = corpus(root)
    miner = Miner(MinerSpec(), MineOptions())
    discovery = Discovery()
    for doc_id, text, fmt in docs:
        discovery.add(miner.mine(doc_id, text, fmt))
    found = discovery.candidates(min_documents=1)
    acronyms, spellings, mentions = gold(root)
    found_acronyms = {c.candidate for c in found if c.kind == "acronym"}
    terms = [fold_term(c.candidate.split()) for c in found if c.kind == "term"][:TOP_TERMS]
    frequent = {concept for concept, n in mentions.items() if n >= 2}
    ours = {c for c in frequent if spellings[c] & set(terms)}
    base = {c for c in frequent if spellings[c] & set(baseline(docs))}
    cx, not_exempt, expansions = article_acronyms(root, miner.known)
    best = {c.candidate: c.best_long_form for c in found if c.kind == "acronym"}
    right = [a for a, e in expansions.items()
             if best.get(a) and fold_term(best[a].split()) == fold_term(e.split())]
    top50 = found[:50]
    leaks = [c.candidate for c in top50 if c.kind != "variant" and (
        miner.known.has_term(c.candidate) or miner.known.has_acronym(c.candidate))]
    return {
        "documents": len(docs),
        "acronym_recall": round(len(acronyms & found_acronyms) / len(acronyms), 3) if acronyms else None,
        "acronyms_missed": sorted(acronyms - found_acronyms),
        "article_cx_acronym_recall": _recall(cx, found_acronyms),
        "article_cx_acronyms_missed": sorted(cx - found_acronyms),
        "article_non_exempt_acronym_recall": _recall(not_exempt, found_acronyms),
        "article_non_exempt_missed": sorted(not_exempt - found_acronyms),
        "long_form_accuracy": round(len(right) / len(expansions), 3) if expansions else None,
        "long_forms_wrong": {a: [best.get(a), expansions[a]] for a in sorted(expansions)
                             if a not in right},
        "multiword_types": len(frequent),
        "multiword_recall_top100": round(len(ours) / len(frequent), 3) if frequent else None,
        "multiword_missed": sorted(frequent - ours),
        "baseline_recall_top100": round(len(base) / len(frequent), 3) if frequent else None,
        "glossary_in_top50": leaks,
        "top20_without_examples": [c.candidate for c in found[:20] if not c.examples],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", default="../shared/eval", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    result = evaluate(args.eval_dir)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
