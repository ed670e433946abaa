"""annotator.vocabulary.initials: the glossary's exact alignment and Schwartz-Hearst, side by side."""

from __future__ import annotations

import pytest

from annotator.vocabulary.initials import (
    align,
    align_acronym,
    canonical_acronym,
    initial_matches,
    short_form_letters,
    spells_out,
)


@pytest.mark.parametrize(
    "acronym, expansion, expected",
    [
        ("CeS", "Customer Effort Score", "CES"),
        ("eNPS", "employee Net Promoter Score", "eNPS"),
        ("eNPS", "Employee Net Promoter Score", "eNPS"),
        ("CCaaS", "Contact Center as a Service", "CCaaS"),
        ("OMs", "Operations Managers", "OM"),
        ("KPIs", None, "KPI"),
        ("SaaS", "Software as a Service", "SaaS"),
        ("VoC", "Voice of the Customer", "VoC"),
    ],
)
def test_initials_canonical_acronym(acronym, expansion, expected):
    assert canonical_acronym(acronym, expansion) == expected


@pytest.mark.parametrize(
    "acronym, phrase, fits",
    [
        ("CSAT", "Customer Satisfaction", True),
        ("ITSM", "IT Service Management", True),
        ("E2EE", "End-to-End Encryption", True),
        ("SOC 2", "Service Organization Control 2", True),
        ("MTTR", "Mean Time To Repair", True),
        ("AHT", "Average Handle Time", True),
        ("AHT", "Customer Effort Score", False),
        ("REST", "Representational State Transfer API", False),
    ],
)
def test_initials_align_acronym(acronym, phrase, fits):
    assert (align_acronym(acronym, phrase) is not None) == fits


# --- Schwartz & Hearst, for running text ---------------------------------------------------------


@pytest.mark.parametrize(
    "letters,candidate,expected",
    [
        ("csat", "Customer Satisfaction Score", 0),
        ("ttv", "Time to Value", 0),
        ("sla", "our Service Level Agreement", 4),
        ("sla", "nothing matches", None),
        ("xy", "", None),
        ("ab", "ba", None),
    ],
)
def test_initials_sh_align(letters, candidate, expected):
    assert align(letters, candidate) == expected


@pytest.mark.parametrize("short,letters", [("SLAs", "sla"), ("B2B", "bb"), ("eNPS", "enps"), ("R&D", "rd")])
def test_initials_sh_short_form_letters(short, letters):
    assert short_form_letters(short) == letters


@pytest.mark.parametrize(
    "letters,long_form,expected",
    [
        ("csat", "Customer Satisfaction Score", 2),
        ("sla", "Service Level Agreement", 3),
        ("aht", "average handle time", 3),
        ("sla", "see the latest article", 3),
        ("sla", "support tier", 1),
        ("kb", "", 0),
    ],
)
def test_initials_sh_initial_matches(letters, long_form, expected):
    assert initial_matches(letters, long_form) == expected


@pytest.mark.parametrize(
    "acronym, phrase, exact, spelled, sh_start",
    [
        ("CSAT", "Customer Satisfaction", True, True, 0),
        ("CSAT", "Customer Satisfaction Score", False, True, 0),  # a trailing head word
        ("AHT", "Average Handle Time", True, True, 0),
        ("B2B", "business to business", True, True, 0),
        ("E2EE", "End-to-End Encryption", True, True, 0),
        ("SLA", "Service Desk", False, False, None),
    ],
)
def test_initials_the_two_alignments_side_by_side(acronym, phrase, exact, spelled, sh_start):
    assert (align_acronym(acronym, phrase) is not None) == exact
    assert spells_out(acronym, phrase) is spelled
    assert align(short_form_letters(acronym), phrase) == sh_start
