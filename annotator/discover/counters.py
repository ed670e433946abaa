"""Bounded counters: merge any number of documents in memory that does not grow with them.

:class:`BoundedTable` is a batched Space-Saving counter (Metwally et al.'s Space-Saving,
pruned in batches as in Manku and Motwani's lossy counting). It holds at most
``2 * capacity`` entries; when it reaches that it keeps the ``capacity`` entries with the
highest counts and forgets the rest, remembering the highest count it forgot (``floor``). A key
first seen after a prune may have occurred up to ``floor`` times before, so its ``error`` is
``floor``; a key is never under-counted by more than its error, and any key that occurred more
than ``floor`` times over the whole stream is still in the table. Each entry is itself bounded
(3 examples of bounded length, 4 surface forms, 8 long forms), so the table's memory is
bounded by ``2 * capacity`` times a fixed entry size, whatever the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .candidates import Hit

#: Default number of entries kept per kind after a prune.
DEFAULT_CAPACITY = 50_000
MAX_EXAMPLES = 3
MAX_SURFACES = 4
MAX_LONG_FORMS = 8


@dataclass(slots=True)
class Entry:
    count: int = 0
    documents: int = 0
    error: int = 0  # possible occurrences before the entry was (re)created
    whole_line: int = 0
    surfaces: dict[str, int] = field(default_factory=dict)
    examples: list[tuple[str | int, str, int, int]] = field(default_factory=list)
    long_forms: dict[str, int] = field(default_factory=dict)
    variant_of: str | None = None
    domain: int = 0  # words of the key that are glossary words
    context: float = 0.0  # summed weights of the context words around it (see .context)
    context_uses: int = 0  # context words those weights were summed over

    @property
    def surface(self) -> str:
        """The most frequent way of writing it (ties: the first seen)."""
        return max(self.surfaces.items(), key=lambda kv: kv[1])[0] if self.surfaces else ""


def _bump(table: dict[str, int], key: str, by: int, limit: int) -> None:
    if key in table or len(table) < limit:
        table[key] = table.get(key, 0) + by
        return
    # Full: the new form replaces the rarest one only if it is at least as frequent.
    rarest = min(table, key=table.__getitem__)
    if table[rarest] <= by:
        del table[rarest]
        table[key] = by


class BoundedTable:
    """At most ``2 * capacity`` entries, see the module docstring."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.entries: dict[str, Entry] = {}
        self.floor = 0
        self.pruned = 0  # entries forgotten so far

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def entry(self, key: str) -> Entry:
        entry = self.entries.get(key)
        if entry is None:
            if len(self.entries) >= 2 * self.capacity:
                self.prune()
            entry = self.entries[key] = Entry(error=self.floor)
        return entry

    def add(self, key: str, hit: Hit, doc_id: str | int) -> Entry:
        """Count one document's occurrences of ``key``."""
        entry = self.entry(key)
        entry.count += hit.count
        entry.documents += 1
        entry.whole_line += hit.whole_line
        entry.domain = hit.domain
        _bump(entry.surfaces, hit.surface, hit.count, MAX_SURFACES)
        if len(entry.examples) < MAX_EXAMPLES:
            entry.examples.append((doc_id, hit.excerpt, hit.start, hit.end))
        if hit.variant_of is not None and entry.variant_of is None:
            entry.variant_of = hit.variant_of
        return entry

    def add_count(self, key: str, count: int) -> Entry:
        """Count ``count`` occurrences of a bare ``key`` (no surface, example or document)."""
        entry = self.entry(key)
        entry.count += count
        return entry

    def add_long_forms(self, key: str, forms: dict[str, int]) -> None:
        entry = self.entry(key)
        for form, count in forms.items():
            _bump(entry.long_forms, form, count, MAX_LONG_FORMS)

    def prune(self) -> None:
        """Keep the ``capacity`` highest counts; remember the highest count dropped."""
        ranked = sorted(self.entries.items(), key=lambda kv: (-kv[1].count, kv[0]))
        dropped = ranked[self.capacity :]
        if dropped:
            self.floor = max(self.floor, dropped[0][1].count)
            self.pruned += len(dropped)
        self.entries = dict(ranked[: self.capacity])
