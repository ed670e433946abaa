"""Repeated record ids in a batch input: found in input order, reported, never dropped.

An archive with two records under one id is a data problem (a double export, a merge of two
systems), not a reason to lose either record. By default both are tagged and written, and the
repeat is reported naming the id and both places (``file:line``); with ``reject`` the repeat
goes to the rejects file instead, so the output is keyed by id and the rejects file lists every
repeat.

Ids compare by their text: ``1`` and ``"1"`` are the same id (CSV has no numbers, and a
consumer joining the output on id would merge them). Resume is keyed by reader position, not
by id, so repeats never confuse it; a resumed run replays the ids of the records it already
consumed (:meth:`DuplicateIds.replay`) and so reports exactly what an uninterrupted run would.

Memory: one dict entry per distinct id, about 150 bytes for a short id; an id longer than
:data:`HASHED_ID_CHARS` is kept as a 16-byte BLAKE2 digest (a collision is around 2**-64 likely
at a billion ids). Past :data:`MAX_TRACKED_IDS` distinct ids (about 300 MB) new ids are no longer
remembered -- later records are still checked against the ones that are -- and the run says the
check was partial, rather than letting memory grow with the archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from .readers import Record

#: Distinct ids remembered; see the module docstring for why there is a bound and what it costs.
MAX_TRACKED_IDS = 2_000_000

#: Ids longer than this are remembered by digest, so a hostile megabyte-long id costs 16 bytes.
HASHED_ID_CHARS = 64

#: Repeats reported one by one; the rest are only counted (the count is in the run summary).
MAX_WARNINGS = 20

#: What to do with a repeated id: tag it and report it, or reject it (the first one is tagged).
POLICIES = ("warn", "reject")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A record whose id an earlier record already had."""

    id: str | int
    first: str  # where the id was first seen: "path:line" (or "path, record N")
    here: str  # where it is repeated
    record: int  # the repeat's record number (1-based)

    def message(self) -> str:
        return f"duplicate id {self.id!r} at {self.here}: first seen at {self.first}"


def _key(doc_id: str | int) -> str | bytes:
    text = doc_id if isinstance(doc_id, str) else str(doc_id)
    if len(text) <= HASHED_ID_CHARS:
        return text
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class DuplicateIds:
    """Finds repeated ids among the documents of one input, in input order.

    ``warn`` is called with the first :data:`MAX_WARNINGS` repeats as they are met (from a
    replay too); ``count`` counts all of them. Rejected records (no usable id or text) are not
    documents and are not looked at.
    """

    def __init__(self, source: str, *, policy: str = "warn",
                 warn: Callable[[Duplicate], None] | None = None,
                 max_ids: int = MAX_TRACKED_IDS, max_warnings: int = MAX_WARNINGS) -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown duplicate-id policy {policy!r}; expected one of {POLICIES}")
        self.source = source
        self.policy = policy
        self._warn = warn
        self._max_ids = max_ids
        self._max_warnings = max_warnings
        # id key -> the first record's line (JSONL, CSV) or, for input without lines, -number.
        self._first: dict[str | bytes, int] = {}
        self.count = 0
        self.warned = 0
        self.untracked = 0  # distinct ids seen after the bound was reached, not remembered

    @property
    def complete(self) -> bool:
        """True while every id met so far is remembered: the check missed nothing."""
        return self.untracked == 0

    def _where(self, mark: int) -> str:
        return f"{self.source}:{mark}" if mark > 0 else f"{self.source}, record {-mark}"

    def check(self, record: Record) -> Duplicate | None:
        """The :class:`Duplicate` when ``record``'s id was seen before, else None (remembering
        it, within the bound)."""
        if record.is_reject or record.id is None:
            return None
        key = _key(record.id)
        mark = record.line if record.line else -record.number
        first = self._first.get(key)
        if first is None:
            if len(self._first) < self._max_ids:
                self._first[key] = mark
            else:
                self.untracked += 1
            return None
        self.count += 1
        duplicate = Duplicate(record.id, self._where(first), self._where(mark), record.number)
        if self._warn is not None and self.warned < self._max_warnings:
            self.warned += 1
            self._warn(duplicate)
        return duplicate

    def replay(self, records: Iterable[Record], upto: int) -> None:
        """Check the first ``upto`` records again (those a resumed run already consumed)."""
        if upto <= 0:
            return
        for record in islice(records, upto):
            self.check(record)

    def screen(self, records: Iterable[Record]) -> Iterator[Record]:
        """``records`` with each repeat marked (``duplicate``), or made a reject under
        ``reject``; nothing is dropped, so output + rejects still equals input."""
        for record in records:
            duplicate = self.check(record)
            if duplicate is None:
                yield record
            elif self.policy == "reject":
                yield record.as_reject(f"duplicate id: first seen at {duplicate.first}",
                                       duplicate=True)
            else:
                record.duplicate = True
                yield record
