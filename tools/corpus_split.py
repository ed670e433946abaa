"""The one split of the project's corpora into a dev part and a frozen test part.

    python -m tools.corpus_split            # assign new documents, report the counts

``tools/corpora/<group>/`` holds hand-annotated documents in the layout of ``../shared/eval``
(one group per kind of source). ``tools/corpora/split.json`` records, for every document, the
part it belongs to. A document is assigned once, when it first appears, from a hash of its key,
and never moves afterwards: rules are tuned on ``dev`` only, and ``test`` is scored last. A
speech-to-text rendering (a row with ``rendered_from``) goes where its original went, so the two
never straddle the split.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tools.jsonl import read_jsonl
from tools.paths import corpora_dir

SPLIT_FILE = "split.json"
PARTS = ("dev", "test")
#: Share of documents in the frozen test part: large enough to report with a useful margin.
TEST_SHARE = 0.4
_ROW_FILES = ("tickets.jsonl", "articles.jsonl", "transcripts.jsonl")


def assign(key: str) -> str:
    """The part a document key (``group/id``) falls in: a pure function of the key."""
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if bucket < TEST_SHARE else "dev"


def groups(root: Path) -> list[Path]:
    """Group directories under ``root`` that carry span gold, in name order."""
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "gold_spans.jsonl").is_file())


def documents(group: Path) -> Iterator[tuple[str, str]]:
    """``(key, split key)`` for every gold document of a group; for a rendering the split key
    is its ``rendered_from`` (the original's ``group/id``)."""
    origin = {}
    for name in _ROW_FILES:
        for row in read_jsonl(group / name, missing_ok=True):
            if row.get("rendered_from"):
                origin[row["id"]] = row["rendered_from"]
    for row in read_jsonl(group / "gold_spans.jsonl", missing_ok=True):
        key = f"{group.name}/{row['id']}"
        yield key, origin.get(row["id"], key)


def read_split(root: Path) -> dict[str, str]:
    path = root / SPLIT_FILE
    return json.loads(path.read_text(encoding="utf-8"))["documents"] if path.is_file() else {}


def update_split(root: Path) -> dict[str, str]:
    """Add every unassigned document to the split file; existing entries never change."""
    split = read_split(root)
    for group in groups(root):
        for key, split_key in documents(group):
            if key not in split:
                split[key] = split.get(split_key) or assign(split_key)
    body = {
        "policy": "assigned once from sha1(group/id) (test share %.1f); entries never move" % TEST_SHARE,
        "documents": dict(sorted(split.items())),
    }
    (root / SPLIT_FILE).write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return split


def part_ids(split: dict[str, str], group: Path, part: str) -> set[str]:
    """Ids of a group's documents in ``part`` (``dev``, ``test`` or ``all``) by ``split``
    (:func:`read_split`'s mapping)."""
    prefix = group.name + "/"
    return {
        key[len(prefix):] for key, where in split.items()
        if key.startswith(prefix) and (part == "all" or where == part)
    }


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else corpora_dir()
    if not root.is_dir():
        print(f"no corpora at {root}")
        return 0
    split = update_split(root)
    counts = Counter((key.split("/", 1)[0], part) for key, part in split.items())
    for group in sorted({g for g, _ in counts}):
        print(f"{group:16} dev {counts[group, 'dev']:4}  test {counts[group, 'test']:4}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
