"""The corpora's JSON Lines files, read one way for every tool."""

from __future__ import annotations

import json
from pathlib import Path


def read_jsonl(path: Path, *, missing_ok: bool = False) -> list[dict]:
    """Every row of ``path`` (blank lines skipped). A missing file is an error unless
    ``missing_ok``: then it has no rows (a corpus group need not have every kind of file)."""
    if missing_ok and not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
