"""annotator.vocabulary.codes: priority and severity codes, their spellings and their context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.vocabulary.codes import (
    Code,
    code_at,
    code_expansions,
    code_of_acronym,
    code_spellings,
    find_codes,
    in_code_context,
    names_a_program,
    needs_context,
    parse_code,
)


@pytest.mark.parametrize(
    "written, acronym, contextual",
    [
        ("P0", "P0", False), ("P1", "P1", False), ("p1", "P1", False), ("p4", "P4", False),
        ("P1s", "P1", False), ("SEV2", "SEV2", False), ("Sev2", "SEV2", False), ("sev2", "SEV2", False),
        ("Sev 2", "SEV2", False), ("sev 0", "SEV0", False), ("SEV-2", "SEV2", False),
        ("sev-3", "SEV3", False), ("Sev 1s", "SEV1", False), ("S1", "SEV1", True), ("S4", "SEV4", True),
    ],
)
def test_codes_parse_written_forms(written, acronym, contextual):
    code = parse_code(written)
    assert code is not None and code.acronym == acronym and code.contextual is contextual
    assert needs_context(written) is contextual


@pytest.mark.parametrize(
    "written",
    ["P2P", "P5", "P10", "sev", "Sev", "P 1", "p 1", "S 1", "s1", "S5", "Sev1x", "SP1", "v1", "P-1",
     "severity 1", "Priority 1", "", "1", "SEV12", "PS1"],
)
def test_codes_parse_rejects_what_is_no_code(written):
    assert parse_code(written) is None
    assert not needs_context(written)


@pytest.mark.parametrize("acronym", ["P0", "P1", "P4", "SEV0", "SEV2", "SEV4"])
def test_codes_canonical_acronyms_are_codes_of_themselves(acronym):
    assert code_of_acronym(acronym).acronym == acronym


@pytest.mark.parametrize("acronym", ["p1", "Sev2", "S1", "SLA", "B2B", "SOC 2", "P2P"])
def test_codes_other_acronyms_are_not_canonical_codes(acronym):
    assert code_of_acronym(acronym) is None
    assert code_spellings(acronym) == []


def test_codes_spellings_of_each_family():
    assert code_spellings("P1") == ["p1", "p1s"]
    severity = code_spellings("SEV2")
    assert {"Sev 2", "sev2", "SEV-2", "sev-2", "Sev 2s", "S2"} <= set(severity)
    assert "SEV2" not in severity and "SEV2s" not in severity  # the acronym's own forms
    assert severity[-1] == "S2"  # the contextual spelling last
    for form in severity:
        assert parse_code(form).acronym == "SEV2"


@pytest.mark.parametrize(
    "text, written",
    [
        ("Raise it as S2 severity.", "S2"),
        ("Our S1 incidents page the on-call engineer.", "S1"),
        ("Tickets are S1/S2 at most.", "S1"),
        ("Tickets are S1/S2 at most.", "S2"),
        ("We triage S1, S2 and S3 first.", "S3"),
        ("Priority: S2", "S2"),
        ("A P1 or S1 outage.", "S1"),
    ],
)
def test_codes_context_makes_a_bare_code(text, written):
    start = text.index(written)
    assert in_code_context(text, start, start + len(written))
    assert written in [m.text for m in find_codes(text)]


@pytest.mark.parametrize(
    "text, written",
    [
        ("Upload the export to an S3 bucket.", "S3"),
        ("My Galaxy S1 will not charge.", "S1"),
        ("Buy the S2 model. It has a severity rating of none.", "S2"),  # another sentence
        ("The S4 battery lasts a day.", "S4"),
    ],
)
def test_codes_without_context_a_bare_code_is_something_else(text, written):
    start = text.index(written)
    assert not in_code_context(text, start, start + len(written))
    assert written not in [m.text for m in find_codes(text)]


@pytest.mark.parametrize(
    "text",
    ["Use P2P transfers.", "Update to v1.2.3 or 1.0-p1.", "A sev alone.", "See page P 1.",
     "Set p1_flag and foo.p1 now.", "The P10 and S10 models.", "Call db-p1 today."],
)
def test_codes_not_codes_in_prose(text):
    assert find_codes(text) == []


@pytest.mark.parametrize(
    "text, written",
    [
        ("We page for p0-p3 only.", ["p0", "p3"]),
        ("Only SEV1-SEV3 incidents.", ["SEV1", "SEV3"]),
        ("Severities S1-S3 page someone.", ["S1", "S3"]),
        ("P1-critical work.", []),
    ],
)
def test_codes_both_ends_of_a_range(text, written):
    assert [m.text for m in find_codes(text)] == written


def test_codes_find_restricted_to_known_acronyms():
    text = "A p1, a p3 and a sev 2."
    assert [m.code.acronym for m in find_codes(text)] == ["P1", "P3", "SEV2"]
    assert [m.code.acronym for m in find_codes(text, {"P1"})] == ["P1"]


def test_codes_expansions():
    assert code_expansions(Code("priority", 1, "P1", False)) == ("priority 1",)
    assert code_expansions(Code("severity", 0, "SEV0", True)) == ("severity 0",)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="PpSsEeVv 0123456-/,.abc\n", max_size=60))
def test_codes_find_offsets_hold_on_any_text(text):
    previous_end = 0
    for mention in find_codes(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        assert parse_code(mention.text) == mention.code
        previous_end = mention.end


@pytest.mark.parametrize("text", ["S1 " * 30_000, "p1-" * 100_000, "Sev " * 100_000 + "2"])
def test_codes_hostile_text_stays_linear(text):
    import time

    started = time.process_time()
    find_codes(text)
    assert time.process_time() - started < 2, "must not go quadratic"


@pytest.mark.parametrize(
    "text",
    ["Helpful p4 flags for syncing", "Run the p4 commands below", "git p4 is broken", "the p4 cli",
     "Install the p4 binary first"],
)
def test_codes_a_program_named_like_a_code_is_no_code(text):
    assert find_codes(text) == []
    start = text.index("p4")
    assert code_at(text, start, start + 2) is None
    assert names_a_program(text, start, start + 2)


@pytest.mark.parametrize(
    "text,written",
    [("Is this a p4 ticket?", "p4"), ("P4 flags are low priority", "P4"), ("p1 and p2 issues", "p1"),
     ("the digit p2", "p2")],
)
def test_codes_a_priority_stays_a_code(text, written):
    assert written in [m.text for m in find_codes(text)]
