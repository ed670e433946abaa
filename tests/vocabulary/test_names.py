"""annotator.vocabulary.names: name keys and headword casing."""

from __future__ import annotations

import pytest

from annotator.vocabulary.names import (
    content_words,
    head_word,
    is_title_case,
    minus_aware,
    name_key,
    normalize_key,
    title_case,
)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Co-Browsing", "cobrowsing", True),
        ("Ticketing Systems", "ticketing system", True),
        ("Self Service", "self-service", True),
        ("Tier -1 Support", "Tier 1 Support", False),  # a minus sign, not a hyphen
        ("Tier-1 Support", "Tier 1 Support", True),
        ("Average Handle Time", "Average Hold Time", False),
    ],
)
def test_names_name_key(a, b, same):
    assert (name_key(a) == name_key(b)) is same


def test_names_normalize_key_ignores_case_and_punctuation_but_not_plurals():
    assert normalize_key("Q&A") == normalize_key("q a") == "qa"
    assert normalize_key("SLAs") != normalize_key("SLA")


def test_names_minus_aware():
    assert minus_aware("Tier -1") == "Tier minus 1"
    assert minus_aware("Tier-1") == "Tier-1"


@pytest.mark.parametrize(
    "text, expected",
    [("call center attrition", "Call Center Attrition"), ("co-browsing", "Co-Browsing"),
     ("just-in-time", "Just-in-Time"), ("employee eNPS survey", "Employee eNPS Survey")],
)
def test_names_title_case(text, expected):
    assert title_case(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("Average Handle Time", True), ("Time to Value", True), ("Woman with laptop", False), ("24/7 Support", True)],
)
def test_names_is_title_case(text, expected):
    assert is_title_case(text) is expected


def test_names_content_words_and_head_word():
    assert content_words("Mean Time to Repairs") == {"mean", "time", "repair"}
    assert head_word("Onshore Outsourcing") == "outsourcing"
    assert head_word("") == ""
