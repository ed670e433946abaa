from __future__ import annotations

import pytest

from annotator.discover.counters import Entry
from annotator.discover.termhood import acronym_score, c_values, term_scores


def _entry(count, documents=1, whole_line=0):
    return Entry(count=count, documents=documents, whole_line=whole_line)


def test_termhood_c_value_discounts_nested_use():
    entries = {"business hour": _entry(4), "outside business hour": _entry(4)}
    values = c_values(entries)
    assert values["business hour"] == 0  # only ever seen inside the longer candidate
    entries["business hour"] = _entry(10)
    assert c_values(entries)["business hour"] == pytest.approx(6.0)


def test_termhood_spread_beats_repetition_in_one_document():
    scores = term_scores({"ring strategy": _entry(6, documents=6), "my cat": _entry(6, documents=1)})
    assert scores["ring strategy"] > scores["my cat"]


def test_termhood_whole_line_boilerplate_loses():
    scores = term_scores({"steps reproduce": _entry(10, 10, whole_line=10),
                          "ring strategy": _entry(10, 10)})
    assert scores["ring strategy"] > scores["steps reproduce"]


def test_termhood_defined_acronym_ranks_higher():
    plain, defined = _entry(5, 3), _entry(5, 3)
    defined.long_forms["Very Breached Ticket"] = 1
    assert acronym_score(defined) == 2 * acronym_score(plain)
