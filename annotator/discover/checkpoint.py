"""Resuming a discovery run: the whole state, saved atomically as JSON now and then.

A run's state is small and bounded (the counters hold at most ``2 * capacity`` entries per
kind), so it is saved whole: which input and reader position the run had reached, the counts
so far, the rejects file's length and every table. After a crash or a kill, ``--resume`` reads
it back, cuts the rejects file to that length, and reads on from that position: the result is
what an uninterrupted run gives. A checkpoint from different inputs or options is refused.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.checkpoint import input_fingerprint, options_hash
from ..batch.readers import Position
from ..errors import DiscoverError
from .aggregate import Discovery
from .counters import BoundedTable, Entry

#: Bumped whenever what a table entry holds changes, so a run never mixes two meanings (7:
#: a glossary name written with a plural modifier is known, so its n-grams are no longer
#: counted; 6: two more tables, the words' casing; 5: the glossary-word count of a term also
#: counts word forms and closed-up glossary names).
VERSION = 7
_KINDS = ("acronyms", "terms", "variants", "verbs", "seed_words", "context_words",
          "capitalised", "starts")


def fingerprint(path: Path, kind: str) -> dict:
    """Path, size, mtime and a hash of the head (a KB directory: path and file listing)."""
    if kind == "kb":
        from .sources import kb_files

        path = Path(path)
        files = [(f.as_posix(), f.stat().st_size) for f in kb_files(path)]
        return {"path": str(path.resolve()), "kind": kind, "files": options_hash({"f": files})}
    return input_fingerprint(Path(path), kind)


def _entry_json(entry: Entry) -> list:
    return [entry.count, entry.documents, entry.error, entry.whole_line, entry.surfaces,
            [list(e) for e in entry.examples], entry.long_forms, entry.variant_of,
            entry.domain, entry.context, entry.context_uses]


def _entry(data: list) -> Entry:
    (count, documents, error, whole_line, surfaces, examples, long_forms, variant_of,
     domain, context, context_uses) = data
    return Entry(count, documents, error, whole_line, dict(surfaces),
                 [tuple(e) for e in examples], dict(long_forms), variant_of, domain,
                 context, context_uses)


def discovery_to_json(discovery: Discovery) -> dict:
    tables = {}
    for kind in _KINDS:
        table: BoundedTable = getattr(discovery, kind)
        tables[kind] = {"capacity": table.capacity, "floor": table.floor, "pruned": table.pruned,
                        "entries": {k: _entry_json(e) for k, e in table.entries.items()}}
    return {"documents": discovery.documents, "tables": tables}


def discovery_from_json(data: dict) -> Discovery:
    tables = data["tables"]
    discovery = Discovery(tables["terms"]["capacity"])
    discovery.documents = data["documents"]
    for kind in _KINDS:
        table: BoundedTable = getattr(discovery, kind)
        saved = tables[kind]
        table.capacity, table.floor, table.pruned = saved["capacity"], saved["floor"], saved["pruned"]
        table.entries = {k: _entry(v) for k, v in saved["entries"].items()}
    return discovery


@dataclass
class State:
    options: str  # hash of the inputs' fingerprints and everything that changes the result
    input_index: int = 0  # the input being read
    position: Position = field(default_factory=Position)  # where in it
    documents: int = 0
    rejects: int = 0
    records: int = 0
    rejects_bytes: int = 0
    discovery: Discovery | None = None


def save(path: Path, state: State) -> None:
    """Replace ``path`` atomically (write a sibling, fsync, rename)."""
    data = {
        "version": VERSION, "options": state.options, "input_index": state.input_index,
        "position": state.position.to_json(), "documents": state.documents,
        "rejects": state.rejects, "records": state.records, "rejects_bytes": state.rejects_bytes,
        "discovery": discovery_to_json(state.discovery) if state.discovery else None,
    }
    tmp = Path(f"{path}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise DiscoverError("E705", path=str(path), detail=exc.strerror or str(exc)) from exc


def load(path: Path, options: str) -> State:
    """The saved state, checked against this run's ``options`` hash (E706 if it differs)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"unknown checkpoint version {data.get('version')!r}")
        if data["options"] != options:
            raise DiscoverError("E706", path=str(path), detail="the inputs or options changed "
                                "since it was written; run without --resume to start again")
        return State(
            options=data["options"], input_index=data["input_index"],
            position=Position.from_json(data["position"]), documents=data["documents"],
            rejects=data["rejects"], records=data["records"], rejects_bytes=data["rejects_bytes"],
            discovery=discovery_from_json(data["discovery"]) if data["discovery"] else None,
        )
    except OSError as exc:
        raise DiscoverError("E706", path=str(path), detail=exc.strerror or str(exc)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise DiscoverError("E706", path=str(path), detail=f"unreadable checkpoint: {exc}") from exc
