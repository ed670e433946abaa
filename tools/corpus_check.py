"""Check the project's corpora: every gold offset points at its text, nothing overlaps.

    python -m tools.corpus_check [ROOT]      # exit 1 and one line per problem if any

For each group under ``tools/corpora`` (the layout of ``../shared/eval``): ids are unique, every
gold row has its document, ``text_sha1`` matches, each span, code/URL mention and hard negative
satisfies ``text[start:end] == text`` of the row, spans do not overlap one another, and every
document's row names a source and a licence. A speech-to-text rendering names the document it
was rendered from, which must exist.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from tools import corpus_split
from tools.jsonl import read_jsonl
from tools.paths import corpora_dir

_ROWS = {"ticket": "tickets.jsonl", "transcript": "transcripts.jsonl", "article": "articles.jsonl"}


def _text(group: Path, doc_type: str, row: dict, gold: dict) -> str:
    if doc_type == "article":
        return (group / gold["file"]).read_text(encoding="utf-8")
    return row["text"]


def _span_problems(where: str, text: str, spans: list[dict], kind: str) -> Iterator[str]:
    for span in spans:
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            yield f"{where}: {kind} with bad offsets {start}-{end}"
        elif "text" in span and text[start:end] != span["text"]:
            yield f"{where}: {kind} @{start} is {text[start:end]!r}, gold says {span['text']!r}"


def _overlaps(where: str, spans: list[dict]) -> Iterator[str]:
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"]))
    for before, after in zip(ordered, ordered[1:]):
        if after["start"] < before["end"]:
            yield f"{where}: spans overlap at {before['start']}-{before['end']} and {after['start']}-{after['end']}"


def check_group(group: Path, known: set[str]) -> Iterator[str]:
    """Every problem of one group (``known``: every ``group/id`` in all groups)."""
    rows = {kind: {r["id"]: r for r in read_jsonl(group / name, missing_ok=True)} for kind, name in _ROWS.items()}
    seen: set[str] = set()
    for gold in read_jsonl(group / "gold_spans.jsonl", missing_ok=True):
        doc_id, doc_type = gold.get("id"), gold.get("doc_type")
        where = f"{group.name}/{doc_id}"
        if doc_id in seen:
            yield f"{where}: id used twice"
        seen.add(doc_id)
        row = rows.get(doc_type, {}).get(doc_id)
        if row is None:
            yield f"{where}: no {doc_type!r} row for this gold"
            continue
        if not row.get("source") or not row.get("license"):
            yield f"{where}: the row names no source or no licence"
        if row.get("rendered_from") and row["rendered_from"] not in known:
            yield f"{where}: rendered from {row['rendered_from']!r}, which is not in the corpora"
        try:
            text = _text(group, doc_type, row, gold)
        except (OSError, KeyError) as exc:
            yield f"{where}: cannot read the document ({exc})"
            continue
        if gold.get("text_sha1") and hashlib.sha1(text.encode("utf-8")).hexdigest() != gold["text_sha1"]:
            yield f"{where}: text_sha1 does not match the text"
        yield from _span_problems(where, text, gold.get("spans", []), "span")
        yield from _span_problems(where, text, gold.get("code_or_url_mentions", []), "code/URL mention")
        yield from _span_problems(where, text, gold.get("hard_negatives", []), "hard negative")
        yield from _overlaps(where, gold.get("spans", []))


def check(root: Path) -> list[str]:
    groups = corpus_split.groups(root)
    known = {f"{g.name}/{row['id']}" for g in groups for row in read_jsonl(g / "gold_spans.jsonl", missing_ok=True)}
    return [problem for group in groups for problem in check_group(group, known)]


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else corpora_dir()
    problems = check(root)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {root}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
