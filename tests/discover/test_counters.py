from __future__ import annotations

import pytest

from annotator.discover.candidates import Hit
from annotator.discover.counters import MAX_EXAMPLES, MAX_LONG_FORMS, MAX_SURFACES, BoundedTable


def _hit(count=1, surface="x"):
    return Hit(surface, count, 0, 1, "excerpt")


def test_counters_count_and_documents():
    table = BoundedTable(10)
    table.add("a", _hit(3), "d1")
    table.add("a", _hit(2), "d2")
    entry = table.get("a")
    assert (entry.count, entry.documents, entry.error) == (5, 2, 0)


@pytest.mark.parametrize("capacity", [1, 5, 50])
def test_counters_never_exceed_twice_capacity(capacity):
    table = BoundedTable(capacity)
    for i in range(1000):
        table.add(f"k{i}", _hit(1 + i % 7), i)
        assert len(table) <= 2 * capacity


def test_counters_heavy_hitters_survive_pruning():
    table = BoundedTable(5)
    for i in range(2000):
        table.add("frequent", _hit(), i)
        table.add(f"rare{i}", _hit(), i)
    entry = table.get("frequent")
    assert entry is not None and entry.count == 2000 and table.pruned > 0
    # A key created after a prune carries the floor as its possible undercount.
    assert table.floor >= 1


def test_counters_entries_are_bounded():
    table = BoundedTable(10)
    for i in range(50):
        table.add("a", _hit(1, f"form{i}"), i)
        table.add_long_forms("a", {f"long form {i}": 1})
    entry = table.get("a")
    assert len(entry.examples) == MAX_EXAMPLES
    assert len(entry.surfaces) <= MAX_SURFACES and len(entry.long_forms) <= MAX_LONG_FORMS


def test_counters_capacity_must_be_positive():
    with pytest.raises(ValueError):
        BoundedTable(0)
