"""annotator.text.acronyms: shapes, plurals, ordinary capitals, roman numerals, shouting."""

from __future__ import annotations

import pytest

from annotator.text.acronyms import (
    COMMON_ABBREVIATIONS,
    NOT_ACRONYMS,
    ORDINARY_CAPS_WORDS,
    base_acronym,
    holds_acronym,
    is_acronym,
    is_acronym_shape,
    is_roman_numeral,
    is_shouting,
)


@pytest.mark.parametrize(
    "word",
    ["SLA", "QA", "KPI", "B2B", "R&D", "AT&T", "eNPS", "SaaS", "CCaaS", "IoT", "VoIP", "CSAT",
     "FCR", "SLAs", "SLA's", "SLA\u2019s", "KPIs", "3PL", "2FA", "NOTE", "OK"],
)
def test_acronyms_shape_positive(word):
    assert is_acronym_shape(word)


@pytest.mark.parametrize(
    "word",
    ["", "A", "S", "Hi", "iPhone", "DevOps", "McDonald", "IMPORTANT", "WARNINGS", "sla", "Sla",
     "U.S.", "A/B", "e-NPS", "ＳＬＡ", "SLA-1", "İS", "P1", "s", "'s", "SLAAAAAA"],
)
def test_acronyms_shape_negative(word):
    assert not is_acronym_shape(word)


@pytest.mark.parametrize(
    "word,base",
    [
        ("SLAs", "SLA"),
        ("SLA's", "SLA"),
        ("SLA\u2019s", "SLA"),
        ("SLAs'", "SLA"),
        ("SLA'S", "SLA"),
        ("KPIs", "KPI"),
        ("CRMs", "CRM"),
        ("B2Bs", "B2B"),
        ("IoTs", "IoT"),
        ("SaaS", "SaaS"),
        ("CCaaS", "CCaaS"),
        ("SLA", "SLA"),
        ("Ops", "Ops"),
        ("As", "As"),
        ("'s", "'s"),
        ("", ""),
    ],
)
def test_acronyms_base_acronym(word, base):
    assert base_acronym(word) == base


@pytest.mark.parametrize("word", ["NOTE", "IMPORTANT", "TIP", "TODO", "AND", "OR", "THE", "NOT", "YES",
                                  "NO", "OK", "SLACK", "URGENT", "NEW", "FREE", "HI", "RE", "FW"])
def test_acronyms_ordinary_capitals_are_listed(word):
    assert word in NOT_ACRONYMS
    assert not is_acronym(word)


@pytest.mark.parametrize("word", ["FAQ", "ASAP", "FYI", "IT", "KB", "SLA", "CSAT", "NPS", "AHT"])
def test_acronyms_real_acronyms_are_not_listed(word):
    assert word not in NOT_ACRONYMS
    assert is_acronym(word)


@pytest.mark.parametrize("word", ["UTC", "PST", "CET", "MB", "GB", "GHz", "USD", "AM", "PM", "US", "EU", "JAN"])
def test_acronyms_units_time_zones_and_currencies_are_common_abbreviations(word):
    assert word in COMMON_ABBREVIATIONS
    assert not is_acronym(word)


def test_acronyms_lists_do_not_overlap_with_kb():
    # KB is a customer-support acronym (knowledge base), not the kilobyte unit here.
    assert "KB" not in NOT_ACRONYMS


def test_acronyms_lists_are_upper_case_words():
    assert all(word.isupper() for word in ORDINARY_CAPS_WORDS)


@pytest.mark.parametrize("word", ["II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIV", "XX"])
def test_acronyms_roman_numerals(word):
    assert is_roman_numeral(word)
    assert not is_acronym(word)


@pytest.mark.parametrize("word", ["CD", "CLI", "DC", "MD", "IVR", "VIP", "XL", "", "IIII", "VV"])
def test_acronyms_not_roman_numerals(word):
    assert not is_roman_numeral(word)


@pytest.mark.parametrize("word", ["SLAs", "KPI's", "eNPS", "B2B"])
def test_acronyms_plurals_and_mixed_case_are_acronyms(word):
    assert is_acronym(word)


@pytest.mark.parametrize(
    "sentence",
    ["PLEASE FIX THE SLA NOW", "URGENT: CUSTOMER IS WAITING!!", "WE ARE DOWN SINCE 9 AM, help"],
)
def test_acronyms_shouting(sentence):
    assert is_shouting(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Our SLA and KPI targets", "The SLA", "SLA KPI", "", "123 456 789", "Check the CSAT, NPS and FCR now"],
)
def test_acronyms_not_shouting(sentence):
    assert not is_shouting(sentence)


def test_acronyms_shouting_accepts_words():
    assert is_shouting(["WE", "ARE", "DOWN"])
    assert not is_shouting(["WE", "are", "down"])


@pytest.mark.parametrize(
    ("text", "acronym", "expected"),
    [
        ("FRT'sFirst Response Time", "FRT", True),
        ("the SLAs apply", "SLA", True),
        ("First Response Time", "FRT", False),
        ("FRTX and xFRT", "FRT", False),
        ("", "FRT", False),
    ],
)
def test_acronyms_holds_acronym(text, acronym, expected):
    assert holds_acronym(text, acronym) is expected
