"""Score ``discover`` against gold out-of-glossary jargon, next to a frequency baseline.

Two archives, each with its gold:

* the evaluation set, read in place (``../shared/eval`` by default; never copied): every
  article, ticket and transcript there; the gold is every span of ``gold_spans.jsonl`` marked
  ``in_seeds: false`` (jargon the built-in glossary lacks);
* ``--corpus dev|test|all``: one part of the project's own corpora (``tools/corpora``, split by
  :mod:`tools.corpus_split`), every gold document of that part, read as
  :func:`tools.evaluate.load_gold` reads it. Speech-to-text renderings are left out: each is a
  copy of a conversation already in the archive, and mining it would count its phrases twice.
  Rules are tuned on ``dev``; ``test`` is scored last.

Measures:

* acronym recall: gold out-of-glossary acronym types (base forms, case folded: "FAQ" and "faq"
  are one type) found as acronym candidates;
  and, from ``gold_undefined_acronyms.jsonl`` (every acronym the articles use), recall of
  the CX ones and of the non-exempt ones the glossary lacks, and how often the best long form
  is the gold expansion;
* multi-word recall@100: gold out-of-glossary multi-word types (by concept) with a spelling
  written twice or more in the gold, found among the top 100 term candidates (a type counts
  as found when any of its gold spellings, case and plural folded, is a candidate). "Twice"
  is a spelling's count, not the concept's: a concept the gold marks under several different
  words each written once ("time to resolve", "time to solve", "solution time") is no
  recurring term a miner of written strings can be asked to rank, any more than a term
  written once; such concepts are listed under ``multiword_paraphrased_only``;
* the same for a plain frequency count of stopword-free bigrams and trigrams;
* glossary leaks in the top 50 (must be 0) and top-20 candidates without examples (must be 0).

A gold type the glossary already has (every spelling of a multi-word type, or an acronym) is
left out of both recalls and listed under ``gold_known_to_glossary``: discovery must never
propose it, so it cannot count as a miss.

With ``--misses`` (dev only: never read the test part's misses), each missed type with its
spellings' ranks or why they are no candidates, how many misses are no candidate at all,
ranked just below the cut or far below (``miss_classes``), and the counted types whose
concept is named by one word (``multiword_one_word_concepts``: "on hold" of Hold).

Usage: ``python -m tools.discover_eval [EVAL_DIR] [--corpus dev|test|all] [--json] [--misses]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.discover.aggregate import Discovery
from annotator.discover.candidates import MAX_TERM_WORDS
from annotator.discover.words import (LINKS, STOPWORDS, fold_term, is_acronym_shaped,
                                      is_stopword, singular)
from annotator.discover.worker import Miner, MineOptions, MinerSpec
from annotator.lint.rules import lint_visible
from annotator.vocabulary.acronyms import base_acronym
from tools.jsonl import read_jsonl
from tools import corpus_split
from tools.paths import corpora_dir, eval_dir

TOP_TERMS = 100
#: What issue 16 asks of discovery (``(measure, least)``; leaks and missing examples: none).
TARGETS = {"acronym_recall": 0.9, "multiword_recall_top100": 0.7}
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


@dataclass
class Archive:
    """What one evaluation mines and scores against."""

    docs: list[tuple[str, str, str]]  # (id, text, format)
    gold_rows: list[dict] = field(default_factory=list)  # gold_spans.jsonl rows
    acronym_rows: list[dict] = field(default_factory=list)  # gold_undefined_acronyms.jsonl rows


def corpus(root: Path) -> list[tuple[str, str, str]]:
    """``[(id, text, format)]``: the articles (markup by suffix), tickets and transcripts."""
    docs = []
    for path in sorted((root / "articles").iterdir()):
        fmt = {".md": "markdown", ".rst": "rst", ".html": "html"}.get(path.suffix, "text")
        docs.append((path.stem, path.read_text(encoding="utf-8"), fmt))
    for name in ("tickets.jsonl", "transcripts.jsonl"):
        for row in read_jsonl(root / name, missing_ok=True):
            docs.append((str(row["id"]), row["text"], "text"))
    return docs


def eval_archive(root: Path) -> Archive:
    """The evaluation set as one archive."""
    return Archive(corpus(root), read_jsonl(root / "gold_spans.jsonl", missing_ok=True),
                   read_jsonl(root / "gold_undefined_acronyms.jsonl", missing_ok=True))


def corpora_archive(part: str, root: Path | None = None) -> Archive | None:
    """One part (``dev``, ``test`` or ``all``) of the project's corpora, or None without a
    split file. Renderings (``speech-to-text``) are left out, see the module docstring."""
    from tools.evaluate import load_gold

    root = root or corpora_dir()
    split = corpus_split.read_split(root) if root.is_dir() else {}
    if not split:
        return None
    archive = Archive([])
    for group in corpus_split.groups(root):
        ids = corpus_split.part_ids(split, group, part)
        kept = set()
        for doc in load_gold(group, ids.__contains__):
            if doc.kind == "speech-to-text":
                continue
            kept.add(doc.id)
            archive.docs.append((f"{group.name}/{doc.id}", doc.text, doc.format))
        archive.gold_rows += [r for r in read_jsonl(group / "gold_spans.jsonl", missing_ok=True) if r["id"] in kept]
        archive.acronym_rows += [r for r in read_jsonl(group / "gold_undefined_acronyms.jsonl", missing_ok=True)
                                 if r["id"] in kept]
    return archive


def gold(rows: Iterable[dict]) -> tuple[set[str], dict[str, set[str]], Counter]:
    """Acronym types (base forms as written); multi-word concept -> folded spellings;
    concept -> mention count."""
    acronyms: set[str] = set()
    spellings: dict[str, set[str]] = {}
    mentions: Counter = Counter()
    for row in rows:
        for span in row["spans"]:
            if span["in_seeds"]:
                continue
            text = " ".join(span["text"].split())
            if span["kind"] == "acronym":
                acronyms.add(base_acronym(text))
            elif len(text.split()) > 1:
                spellings.setdefault(span["concept"], set()).add(fold_term(text.split()))
                mentions[span["concept"]] += 1
    return acronyms, spellings, mentions


def article_acronyms(rows: Iterable[dict], known) -> tuple[set[str], set[str], dict[str, str]]:
    """From ``gold_undefined_acronyms.jsonl`` rows (every acronym the articles use): CX
    acronyms the glossary lacks, every non-exempt one it lacks, and the gold expansions."""
    cx, not_exempt, expansions = set(), set(), {}
    for row in rows:
        for acronym, info in row.get("acronyms", {}).items():
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


def _known_multiword(spellings: set[str], known) -> bool:
    return all(known.has_term(s) for s in spellings)


def _spelling_uses(rows: Iterable[dict]) -> tuple[Counter, dict[str, str]]:
    """Gold mentions per ``(concept, folded spelling)``, and a written form of each spelling."""
    uses: Counter = Counter()
    written: dict[str, str] = {}
    for row in rows:
        for span in row["spans"]:
            if not span["in_seeds"] and span["kind"] != "acronym":
                folded = fold_term(span["text"].split())
                uses[span["concept"], folded] += 1
                written.setdefault(folded, " ".join(span["text"].split()))
    return uses, written


def why_not(written: str) -> str:
    """Why a gold spelling (as written) cannot be a term candidate at all, from its shape
    alone ("" when its shape is a candidate's: then the text cut it, or it was folded into
    another spelling)."""
    parts = written.split()
    if len(parts) > MAX_TERM_WORDS:
        return f"longer than {MAX_TERM_WORDS} words"
    for i, part in enumerate(parts):
        if i == 1 and len(parts) > 2 and part.lower() in LINKS and \
                singular(parts[0].lower()) == parts[0].lower():
            continue  # a linked candidate's shape: "time to own" (not "hours to close")
        if any(ch.isdigit() for ch in part):
            return "number inside"
        if is_acronym_shaped(part):
            return "acronym inside"
        if not _WORD.fullmatch(part):
            return "symbol inside"
        if is_stopword(part):
            return "stopword inside"
        if "'" in part or "\u2019" in part:
            return "possessive inside"
    return ""


def misses(missed: set[str], spellings: dict[str, set[str]], mentions: Counter,
           ranked: list[tuple[str, float]], rows: Iterable[dict]) -> list[dict]:
    """Each missed gold type (``missed``) with, per spelling, its gold mentions and its rank
    among the term candidates (1-based, folded keys, the best-ranked candidate of that
    spelling), or why it is not a candidate."""
    uses, written = _spelling_uses(rows)
    rank: dict[str, tuple[int, float]] = {}
    for i, (key, value) in enumerate(ranked):
        rank.setdefault(key, (i + 1, value))
    details = []
    for concept in sorted(missed):
        forms = {}
        for spelling in sorted(spellings[concept]):
            if spelling in rank:
                why = f"rank {rank[spelling][0]} score {rank[spelling][1]:.2f}"
            else:
                why = why_not(written.get(spelling, spelling)) or \
                    "not a candidate (cut by the text, or folded into another spelling)"
            forms[spelling] = f"{uses[concept, spelling]}x: {why}"
        best = min((rank[s][0] for s in spellings[concept] if s in rank), default=None)
        details.append({"concept": concept, "mentions": mentions[concept], "spellings": forms,
                        "class": miss_class(best)})
    return details


#: Rank bands a missed type's best-ranked spelling falls in (see :func:`miss_class`).
MISS_BANDS = (500,)


def miss_class(best: int | None) -> str:
    """Where a missed type stands: no spelling is a candidate at all, or the band of its
    best-ranked spelling (just below the cut, or far below)."""
    if best is None:
        return "not a candidate"
    for limit in MISS_BANDS:
        if best <= limit:
            return f"ranked {TOP_TERMS + 1}-{limit}"
    return f"ranked below {MISS_BANDS[-1]}"


def score(archive: Archive, *, explain: bool = False) -> dict:
    """Mine ``archive`` and score the candidates against its gold (see the module docstring);
    with ``explain``, also ``miss_details`` (see :func:`misses`)."""
    miner = Miner(MinerSpec(), MineOptions())
    discovery = Discovery()
    for doc_id, text, fmt in archive.docs:
        discovery.add(miner.mine(doc_id, text, fmt))
    found = discovery.candidates(min_documents=1)
    known = miner.known
    written, spellings, mentions = gold(archive.gold_rows)
    # One type however it is cased ("FAQ" in an article, "faq" in a chat): compared in
    # upper case, known to the glossary when any of its written forms is.
    all_acronyms = {a.upper() for a in written}
    acronyms = all_acronyms - {a.upper() for a in written if known.has_acronym(a)}
    found_acronyms = {c.candidate.upper() for c in found if c.kind == "acronym"}
    terms = [fold_term(c.candidate.split()) for c in found if c.kind == "term"][:TOP_TERMS]
    uses, _ = _spelling_uses(archive.gold_rows)
    twice = {c for c, forms in spellings.items() if max(uses[c, s] for s in forms) >= 2}
    paraphrased = {c for c, n in mentions.items() if n >= 2} - twice
    frequent = {c for c in twice if not _known_multiword(spellings[c], known)}
    ours = {c for c in frequent if spellings[c] & set(terms)}
    base = {c for c in frequent if spellings[c] & set(baseline(archive.docs))}
    cx, not_exempt, expansions = article_acronyms(archive.acronym_rows, known)
    cx, not_exempt = {a.upper() for a in cx}, {a.upper() for a in not_exempt}
    best = {c.candidate: c.best_long_form for c in found if c.kind == "acronym"}
    right = [a for a, e in expansions.items()
             if best.get(a) and fold_term(best[a].split()) == fold_term(e.split())]
    leaks = [c.candidate for c in found[:50] if c.kind != "variant" and (
        known.has_term(c.candidate) or known.has_acronym(c.candidate))]
    return {
        "documents": len(archive.docs),
        "acronym_types": len(acronyms),
        "acronym_recall": _recall(acronyms, found_acronyms),
        "acronyms_missed": sorted(acronyms - found_acronyms),
        "article_cx_acronym_recall": _recall(cx, found_acronyms),
        "article_cx_acronyms_missed": sorted(cx - found_acronyms),
        "article_non_exempt_acronym_recall": _recall(not_exempt, found_acronyms),
        "article_non_exempt_missed": sorted(not_exempt - found_acronyms),
        "long_form_accuracy": round(len(right) / len(expansions), 3) if expansions else None,
        "long_forms_wrong": {a: [best.get(a), expansions[a]] for a in sorted(expansions)
                             if a not in right},
        "multiword_types": len(frequent),
        "multiword_recall_top100": _recall(frequent, ours),
        "multiword_missed": sorted(frequent - ours),
        "baseline_recall_top100": _recall(frequent, base),
        "baseline_missed": sorted(frequent - base),
        "gold_known_to_glossary": sorted((all_acronyms - acronyms) | (twice - frequent)),
        "multiword_paraphrased_only": sorted(c for c in paraphrased
                                             if not _known_multiword(spellings[c], known)),
        "glossary_in_top50": leaks,
        "top20_without_examples": [c.candidate for c in found[:20] if not c.examples],
        "top_terms": [c.candidate for c in found if c.kind == "term"][:30],
    } | (_explained(misses(frequent - ours, spellings, mentions,
                           [(fold_term(c.candidate.split()), c.score)
                            for c in found if c.kind == "term"], archive.gold_rows), frequent)
         if explain else {})


def _explained(details: list[dict], counted: set[str]) -> dict:
    """The misses, how many fall in each class, and the counted types whose concept is named
    by one word (their gold spellings are phrases: "on hold" of Hold, "urgency levels" of
    Urgency; counted as multi-word, told apart here)."""
    return {"miss_classes": dict(sorted(Counter(row["class"] for row in details).items())),
            "multiword_one_word_concepts": sorted(c for c in counted if len(c.split()) == 1),
            "miss_details": details}


def evaluate(root: Path) -> dict:
    """Score the evaluation set at ``root``."""
    return score(eval_archive(root))


def verdicts(result: dict) -> dict[str, bool]:
    """Each target of :data:`TARGETS`, plus no leaks and examples everywhere: met or not."""
    met = {name: result[name] is not None and result[name] >= least
           for name, least in TARGETS.items()}
    met["beats_baseline"] = (result["multiword_recall_top100"] or 0) > \
        (result["baseline_recall_top100"] or 0)
    met["no_glossary_in_top50"] = not result["glossary_in_top50"]
    met["top20_with_examples"] = not result["top20_without_examples"]
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", default=eval_dir(), type=Path)
    parser.add_argument("--corpus", choices=("dev", "test", "all"),
                        help="score a part of the project's own corpora (tools/corpora) "
                             "instead of the evaluation set")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--misses", action="store_true",
                        help="list each missed multi-word gold type with its spellings' ranks "
                             "or why they are not candidates")
    args = parser.parse_args(argv)
    if args.corpus:
        archive = corpora_archive(args.corpus)
        if archive is None:
            print(f"no corpora with a split at {corpora_dir()}; run python -m tools.corpus_split")
            return 0
        result = score(archive, explain=args.misses)
    else:
        result = score(eval_archive(args.eval_dir), explain=args.misses)
    result["targets_met"] = verdicts(result)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            if key == "miss_details":
                print(f"{key}:")
                for row in value:
                    print(f"  {row['concept']} ({row['mentions']}x, {row['class']}): "
                          f"{row['spellings']}")
            else:
                print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
