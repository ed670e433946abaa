"""annotator.text.abbreviations: Schwartz-Hearst in-text definitions, both orders and "or"."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.text import abbreviations
from annotator.text.abbreviations import (
    definitions_by_short,
    find_abbreviations,
    find_definitions,
    max_long_form_words,
)

KEYS = {"short", "long", "short_start", "short_end", "long_start", "long_end", "form"}


def _pairs(text: str, **options) -> list[tuple[str, str, str]]:
    found = find_definitions(text, **options)
    for definition in found:
        # Offsets are a contract: they slice the text to the forms reported.
        assert set(definition) == KEYS
        assert text[definition["short_start"] : definition["short_end"]] == definition["short"]
        long_text = text[definition["long_start"] : definition["long_end"]]
        assert " ".join(long_text.split()) == definition["long"]
    return [(d["short"], d["long"], d["form"]) for d in found]


@pytest.mark.parametrize(
    "text,short,long",
    [
        ("Track Time to Value (TTV) weekly.", "TTV", "Time to Value"),
        ("Our Service Level Agreement (SLA) says 4h.", "SLA", "Service Level Agreement"),
        ("Customer Satisfaction Score (CSAT) is up.", "CSAT", "Customer Satisfaction Score"),
        ("We measure employee Net Promoter Score (eNPS) too.", "eNPS", "employee Net Promoter Score"),
        ("First Contact Resolution (FCR) matters", "FCR", "First Contact Resolution"),
        ("Interactive Voice Response (IVR) menus", "IVR", "Interactive Voice Response"),
        ("Voice-over-IP (VoIP) lines", "VoIP", "Voice-over-IP"),
        ("Software as a Service (SaaS) vendors", "SaaS", "Software as a Service"),
        ("contact-center-as-a-service (CCaaS) platforms", "CCaaS", "contact-center-as-a-service"),
        ("Service Level Agreements (SLAs) apply", "SLAs", "Service Level Agreements"),
        ("Service Level Agreement (SLA, see below)", "SLA", "Service Level Agreement"),
        ("Service Level Agreement ( SLA )", "SLA", "Service Level Agreement"),
        ("the Service Level\nAgreement (SLA) is", "SLA", "Service Level Agreement"),
        ("Research & Development (R&D) owns it", "R&D", "Research & Development"),
        ("Business to Business (B2B) sales", "B2B", "Business to Business"),
    ],
)
def test_abbreviations_long_form_then_short_form(text, short, long):
    assert _pairs(text) == [(short, long, "long_short")]


@pytest.mark.parametrize(
    "text,short,long",
    [
        ("TTV (time to value) matters", "TTV", "time to value"),
        ("Search the KB (knowledge base) first", "KB", "knowledge base"),
        ("B2B (business-to-business) deals", "B2B", "business-to-business"),
        ("AHT (average handle time) fell", "AHT", "average handle time"),
        ("the SLA ( service level agreement ) says", "SLA", "service level agreement"),
    ],
)
def test_abbreviations_short_form_then_long_form(text, short, long):
    assert _pairs(text) == [(short, long, "short_long")]


@pytest.mark.parametrize(
    "text,short,long",
    [
        ("average handle time, or AHT, is", "AHT", "average handle time"),
        ("time to value or TTV", "TTV", "time to value"),
        ("Customer Effort Score or CES.", "CES", "Customer Effort Score"),
    ],
)
def test_abbreviations_or_form(text, short, long):
    assert _pairs(text) == [(short, long, "or")]
    assert _pairs(text, or_form=False) == []


@pytest.mark.parametrize(
    "text",
    [
        "see the note (see below)",
        "released in 2023 (2024)",
        "fields (optional) are",
        "(SLA) alone at the start",
        "the SLA (v2 (draft)) nested",
        "Ask (SLA",
        "Ask SLA)",
        "text (" + "word " * 60 + ")",
        "the agreement. (SLA)",
        "Reply today (SLA) please",
        "call us or SMS",
        "pick red or KPI",
        "the SLA (as agreed last year)",
        "the SLA (2024)",
        "Our plan\n\n(SLA)",
        "SLA (SLA)",
        "the SLA report (SLA)",
        "Service Level Agreement (sla)",
        "Service Level Agreement [SLA]",
        "",
        "(",
        ")",
        "()",
        "( )",
        "Track every SLA(s) and AHT (s) here",  # an optional plural, no long form
        "SLA(s) " * 50,
    ],
)
def test_abbreviations_negatives(text):
    assert _pairs(text) == []


def test_abbreviations_window_is_bounded_by_the_short_form_length():
    # SLA has 3 letters: at most min(3 + 5, 3 * 2) = 6 words of long form.
    assert max_long_form_words("sla") == 6
    far = "Service " + "x " * 6 + "Level Agreement (SLA)"
    assert _pairs(far) == []


def test_abbreviations_long_form_is_the_shortest_match():
    # Schwartz-Hearst picks the nearest word starting with the first letter.
    assert _pairs("the team tracks Time to Value (TTV)") == [("TTV", "Time to Value", "long_short")]


def test_abbreviations_several_definitions_in_order():
    text = "Average Handle Time (AHT) and First Contact Resolution (FCR), plus KB (knowledge base)."
    assert [short for short, _, _ in _pairs(text)] == ["AHT", "FCR", "KB"]


def test_abbreviations_offsets_survive_astral_and_combining_characters():
    text = "👍 e\u0301 İ Service Level Agreement (SLA)"
    (definition,) = find_definitions(text)
    assert text[definition["long_start"] : definition["long_end"]] == "Service Level Agreement"


def test_abbreviations_on_a_doc_match_the_string_version(nlp):
    text = "Our Service Level Agreement (SLA) and TTV (time to value), or AHT."
    doc = nlp(text)
    found = find_abbreviations(doc)
    assert found == find_definitions(text, or_form=False)
    assert [d["short"] for d in found] == ["SLA", "TTV"]
    # Plain data: serializable, no spaCy objects (safe for n_process and the JSON API).
    assert json.loads(json.dumps(found)) == found


def test_abbreviations_group_by_base_short_form():
    found = find_definitions("Service Level Agreements (SLAs) and a Service Level Agreement (SLA).")
    assert list(definitions_by_short(found)) == ["SLA"]
    assert len(definitions_by_short(found)["SLA"]) == 2


@pytest.mark.parametrize(
    "text",
    ["FRT'sFirst Response Time (FRT)", "SLAsService Level Agreement (SLA)"],
)
def test_abbreviations_long_form_never_holds_its_short_form(text):
    # Found by the lint fixer's property test: the acronym glued to its own expansion.
    assert find_definitions(text) == []


@settings(max_examples=500, deadline=None)
@given(
    st.text("abcks", min_size=1, max_size=4),
    st.text("abcks ABCKS-\u212a\u0130\u03a3\u00df\u00e9'_1", max_size=30),
)
def test_abbreviations_letter_pretest_never_refuses_an_alignment(letters, candidate):
    """The set test before the alignment refuses only candidates the alignment refuses too
    (the Kelvin sign lower-cases to "k", the dotted capital I to two characters)."""
    from annotator.text.abbreviations import _may_align
    from annotator.vocabulary.initials import align

    if align(letters, candidate) is not None:
        assert _may_align(letters, candidate)


@pytest.mark.parametrize(
    "text, shorts",
    [("Is whatsapp broadcast (KB) counted?", []), ("The \u212aey Base (KB) fails.", ["KB"]),
     ("Read the knowledge base (KB) first.", ["KB"]), ("KB (knowledge base) and CSAT (whatever)", ["KB"])],
)
def test_abbreviations_letters_missing_from_the_window(text, shorts):
    assert [d["short"] for d in find_definitions(text)] == shorts



_DEFINITION_PARTS = ["Service Level Agreement (SLA)", "Time to Value (TTV)", "(SLA)", "(KB)", " ", "  ", "\n",
                     "knowledge base ", "x" * 50, ". ", ", ", "TTV (time to value)", "SLA(s)", "a" * 230]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_DEFINITION_PARTS), max_size=16), st.booleans())
@example(["Service Level Agreement (SLA) "] * 12, False)
@example(["a" * 230, " Service Level Agreement (SLA)", " Service Level Agreement (SLA)"], False)
def test_abbreviations_remembered_long_forms_are_the_ones_found_again(parts, strict):
    """A long form remembered by the characters before its window's end (one memo for the
    text) is the one a fresh search there finds, at every parenthesis, for every short form."""
    text = "".join(parts)
    memo: dict = {}
    for end in [i for i, char in enumerate(text) if char == "("] + [len(text)]:
        for short in ("SLA", "TTV", "KB"):
            fresh = abbreviations._long_form_before(text, end, short, strict=strict)
            assert abbreviations._long_form_before(text, end, short, strict=strict, memo=memo) == fresh
