from __future__ import annotations

import pytest

from annotator.discover.counters import Entry
from annotator.discover.grouping import group_variants, type_key


@pytest.mark.parametrize(("key", "group"), [
    ("auto assignment", "auto assign"), ("auto assigned", "auto assign"),
    ("first-line support", "first line support"), ("first line support", "first line support"),
    ("ticket's priority", "ticket priority"), ("capacity planning", "capacity plan")])
def test_grouping_type_key(key, group):
    assert type_key(key, set()) == group


def _entry(count, documents, surface, example="d1"):
    return Entry(count=count, documents=documents, surfaces={surface: count},
                 examples=[(example, surface, 0, len(surface))])


def test_grouping_adds_up_one_type_under_its_most_frequent_spelling():
    entries = {"auto assignment": _entry(3, 1, "Auto assignment"),
               "auto assign": _entry(1, 1, "auto assign", "d2"),
               "auto assigned": _entry(1, 1, "auto assigned", "d3"),
               "ring strategy": _entry(2, 2, "ring strategy")}
    grouped = group_variants(entries)
    assert set(grouped) == {"auto assign", "ring strategy"}
    merged = grouped["auto assign"]
    assert (merged.count, merged.documents, merged.surface) == (5, 3, "Auto assignment")
    assert [e[0] for e in merged.examples] == ["d1", "d2", "d3"]
    assert grouped["ring strategy"] is entries["ring strategy"]  # alone: shared, not copied
    assert entries["auto assignment"].count == 3  # the tables are never changed


def test_grouping_documents_never_exceed_uses():
    grouped = group_variants({"call abandonment": _entry(1, 1, "call abandonment"),
                              "call abandonments": _entry(1, 1, "call abandonments")})
    assert grouped["call abandon"].documents == 2
    grouped = group_variants({"ticket rehome": _entry(1, 1, "ticket rehome"),
                              "ticket rehomed": Entry(count=0, documents=0)})
    assert grouped["ticket rehome"].documents <= grouped["ticket rehome"].count
