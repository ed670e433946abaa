"""Acronym-shaped tokens, their base forms, and the caps-word judgement."""

from __future__ import annotations

import pytest

from annotator.lint.scan import scan
from annotator.lint.structure import text_headings
from annotator.lint.words import (
    caps_runs_with_words,
    follows_number,
    is_ordinary_word,
    looks_like_word,
    never_acronym,
    non_caps_vocabulary,
)


def test_scan_offsets_slice_the_text():
    text = "The SLA's clock, SLAs, Sales/CS, SLA-relevant, @AM, #KPI, ooo_summary, TL;DR and SOC 2."
    tokens = scan(text, phrases=["SOC 2"])
    assert [(t.text, t.base) for t in tokens] == [
        ("The", "The"), ("SLA", "SLA"), ("SLAs", "SLA"), ("Sales", "Sales"), ("CS", "CS"),
        ("SLA", "SLA"), ("SOC 2", "SOC 2"),
    ]
    for token in tokens:
        assert text[token.start : token.end] == token.text


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Open 9:00AM to 5:30PM daily", ["Open"]),  # the rest of a clock time
        ("a 1:1 with the CSM", ["CSM"]),
        ("the CSM:QBR split and 10:30 AM", ["CSM", "QBR", "AM"]),  # only right after digit and colon
    ],
)
def test_scan_the_rest_of_a_clock_time_is_no_token(text, tokens):
    assert [t.text for t in scan(text)] == tokens


def test_scan_codes_are_one_token_each_with_the_code_as_base():
    text = "A p1, a P1s, a Sev 2 and SEV-2; S2 incidents. Use an S3 bucket for the SLA."
    tokens = scan(text, codes=["P1", "SEV2", "SEV3"])
    assert [(t.text, t.base) for t in tokens] == [
        ("A", "A"), ("p1", "P1"), ("P1s", "P1"), ("Sev 2", "SEV2"), ("SEV-2", "SEV2"), ("S2", "SEV2"),
        ("Use", "Use"), ("S3", "S3"), ("SLA", "SLA"),
    ]
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_scan_without_codes_lower_case_codes_are_no_tokens():
    assert [t.text for t in scan("a p1 and a sev 2")] == []


@pytest.mark.parametrize(
    "token, expected",
    [("NOTE", True), ("SLACK", True), ("XII", True), ("5XX", True), ("10GB", True), ("UTC", True),
     ("SLA", False), ("CX", False), ("KB", False), ("CD", False)],
)
def test_words_never_acronym(token, expected):
    assert never_acronym(token) is expected


@pytest.mark.parametrize("token, expected", [("APPENDIX", True), ("CHANNEL", True), ("SFDC", False), ("CAPTCHA", True), ("KCSXYZ", False)])
def test_words_looks_like_word(token, expected):
    assert looks_like_word(token) is expected


def test_words_vocabulary_takes_whole_prose_words_only():
    vocab = non_caps_vocabulary("See (Recognition), the Channels, csat_reports.png and GitLab; star.")
    assert {"recognition", "channels", "channel", "star"} <= vocab
    assert "csat" not in vocab and "gitlab" not in vocab


def test_words_ordinary_word_uses_the_document():
    vocab = non_caps_vocabulary("Recognition matters.")
    assert is_ordinary_word("RECOGNITION", vocab)
    assert not is_ordinary_word("SWIR", vocab)


@pytest.mark.parametrize("token, text, ordinary", [
    ("STAR", "a star on the repo", True),  # the lower-case form is an English word
    ("STAR", "a STAR request", False),
    ("CCP", "open the ccp page, then the CCP", False),  # written in lower case, still no word
    ("NRT", "our nrt target and the NRT", False),
])
def test_words_lower_case_form_must_be_an_english_word(token, text, ordinary):
    assert is_ordinary_word(token, non_caps_vocabulary(text)) is ordinary


def test_words_caps_runs():
    text = "SLACK CHANNEL and SWIR"
    tokens = [("SLACK", 0, 5), ("CHANNEL", 6, 13), ("SWIR", 18, 22)]
    assert caps_runs_with_words(tokens, text, {"CHANNEL"}) == {"SLACK"}


@pytest.mark.parametrize("text, start, expected", [("5 KB", 2, True), ("2.5\u00a0MB", 4, True), ("the KB", 4, False)])
def test_words_follows_number(text, start, expected):
    assert follows_number(text, start) is expected


@pytest.mark.parametrize(
    "text, titles",
    [
        ("Shift handover\n\nBody.\n", ["Shift handover"]),
        ("Intro.\n\nSetup\n=====\nBody\n", ["Setup"]),
        ("A sentence that ends.\n\nBody\n", []),
        ("Title\r\n\r\nBody\r\n", ["Title"]),
        ("", []),
    ],
)
def test_structure_text_headings(text, titles):
    assert [text[h.start : h.end] for h in text_headings(text)] == titles
