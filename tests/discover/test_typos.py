from __future__ import annotations

import pytest

from annotator.discover.counters import Entry
from annotator.discover.typos import corrections, fold_misspellings, misspelt_keys


def _entries(**counts):
    return {key.replace("_", " "): Entry(count=n, documents=n) for key, n in counts.items()}


@pytest.mark.parametrize(("typo", "word"), [
    ("bussiness", "business"),  # one letter too many
    ("assigment", "assignment"),  # one letter missing
    ("assaign", "assign"),
    ("managment", "management"),
])
def test_typos_corrects_non_words_one_edit_from_a_used_word(typo, word):
    assert corrections({typo: 1, word: 5}) == {typo: word}


@pytest.mark.parametrize("counts", [
    {"reply": 1, "replies": 5},  # an inflection, not a misspelling
    {"caned": 1, "canned": 5},  # a dictionary word is never a misspelling
    {"tikt": 1, "ticket": 5},  # too short to judge
    {"bussiness": 9, "business": 2},  # the word the archive uses most is taken as written
    {"zammad": 3, "command": 9},  # too far from any word
])
def test_typos_leaves_words_alone(counts):
    assert corrections(counts) == {}


def test_typos_folds_a_misspelt_key_into_its_term():
    entries = _entries(business_hour=9, bussiness_hour=4, business_day=3)
    merged, folded = fold_misspellings(entries)
    assert folded == {"bussiness hour"}
    assert "bussiness hour" not in merged
    assert merged["business hour"].count == 13 and merged["business hour"].documents == 13
    assert entries["business hour"].count == 9  # the tables keep what was written


def test_typos_needs_the_corrected_key_to_exist():
    assert misspelt_keys(_entries(bussiness_plan=2, business_hour=9)) == {}


def test_typos_nothing_to_fold_returns_the_same_entries():
    entries = _entries(ring_strategy=3)
    merged, folded = fold_misspellings(entries)
    assert merged == entries and folded == set()
