"""pipeline.coordination: each member of "Tiers 1, 2, and 3" as a span of its own concept."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.pipeline.coordination import Member, find_members
from annotator.pipeline.spanvalues import span_values

# A lookup standing in for the glossary's phrase patterns.
PHRASES = {
    "tier 1 support": ("CX_TERM", "tier-1-support"),
    "tier 2 support": ("CX_TERM", "tier-2-support"),
    "tier 3 support": ("CX_TERM", "tier-3-support"),
    "tier 1": ("CX_TERM", "tier-1-support"),
    "tier 2": ("CX_TERM", "tier-2-support"),
    "tier 3": ("CX_TERM", "tier-3-support"),
    "first-line support": ("CX_TERM", "first-line-support"),
    "second-line support": ("CX_TERM", "second-line-support"),
    "l1 support": ("CX_TERM", "l1-support"),
    "l2 support": ("CX_TERM", "l2-support"),
}


def members(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.id) for m in find_members(text, PHRASES.get)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tiers 1, 2, and 3 handle it.", [("Tiers 1", "tier-1-support"), ("2", "tier-2-support"), ("3", "tier-3-support")]),
        ("Tiers 1, 2 and 3 handle it.", [("Tiers 1", "tier-1-support"), ("2", "tier-2-support"), ("3", "tier-3-support")]),
        ("Ask tier 1 and 2 support.", [("tier 1", "tier-1-support"), ("2 support", "tier-2-support")]),
        ("Ask tier 1 or 2.", [("tier 1", "tier-1-support"), ("2", "tier-2-support")]),
        ("Ask Tier 1/2 support.", [("Tier 1", "tier-1-support"), ("2 support", "tier-2-support")]),
        ("Ask tier 1 & 2 agents.", [("tier 1", "tier-1-support"), ("2", "tier-2-support")]),
        ("Our first- and second-line support.", [("first-", "first-line-support"), ("second-line support", "second-line-support")]),
        ("Our L1/L2 support team.", [("L1", "l1-support"), ("L2 support", "l2-support")]),
        ("Our L1 and L2 support team.", [("L1", "l1-support"), ("L2 support", "l2-support")]),
        ("Tiers 1, 2, and 7 handle it.", [("Tiers 1", "tier-1-support"), ("2", "tier-2-support")]),
    ],
    ids=["oxford-comma", "list", "shared-tail", "or", "slash", "ampersand", "suspended-hyphen",
         "coded-slash", "coded-and", "unknown-member"],
)
def test_coordination_members_cover_what_is_written(text, expected):
    assert members(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Windows 10 and 11 support.", "On March 1, 2024 we met.", "Pages 1, 2 and 3.", "Ask tier 1.",
     "L1 support.", "A one- and two-day course.", "Version 1/2 of the plan."],
)
def test_coordination_nothing_without_coordinated_glossary_terms(text):
    assert members(text) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="Tiers 123,/&-andorL support\n", max_size=80))
def test_coordination_members_slice_the_text_and_name_a_term(text):
    for member in find_members(text, PHRASES.get):
        assert isinstance(member, Member)
        assert 0 <= member.start < member.end <= len(text)
        assert member.id in {target for _, target in PHRASES.values()}


# --- in the component, with the built-in glossary -----------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tiers 1, 2, and 3 handle escalations.", [("Tiers 1", "tier-1-support"), ("2", "tier-2-support"), ("3", "tier-3-support")]),
        ("Route it to tier 1 and 2 support.", [("tier 1", "tier-1-support"), ("2 support", "tier-2-support")]),
        ("Route it to Tier 1/2 support.", [("Tier 1/2 support", "tier-1-support")]),
    ],
    ids=["list", "shared-tail", "one-token-for-two"],
)
def test_coordination_spans_in_the_component(builtin_nlp, text, expected):
    doc = builtin_nlp(text)
    found = [(e.text, e._.term_id) for e in doc.ents if e._.term_id and e._.term_id.startswith("tier-")]
    assert found == expected


def test_coordination_spans_say_how_they_matched(builtin_nlp):
    doc = builtin_nlp("Route it to tier 1 and 2 support.")
    how = {e.text: span_values(doc, e.start_char, e.end_char).get("match") for e in doc.ents}
    assert how["2 support"] == "coordination"
    assert how["tier 1"] != "coordination"  # an ordinary pattern finds it on its own


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Tiers", "tier", "1", "2", "3", ",", "and", "or", "/", "&", "support",
                                 "first-", "second-line", "L1/L2", "SLA", "agents", " "]), max_size=25))
def test_coordination_component_spans_never_overlap(builtin_nlp, words):
    text = " ".join(words)
    doc = builtin_nlp(text)
    previous_end = 0
    for ent in doc.ents:
        assert ent.start >= previous_end
        assert text[ent.start_char : ent.end_char] == ent.text
        previous_end = ent.end


@pytest.mark.parametrize(
    "text",
    ["first- and " * 50_000 + "x", "ab-, " * 50_000, "L1/" * 50_000 + "L2 support", "x1 and " * 50_000,
     "Tiers " + "1, " * 50_000 + "and 2"],
    ids=["suspended", "dangling-hyphens", "coded", "coded-words", "long-list"],
)
def test_coordination_hostile_text_stays_linear(text):
    import time

    started = time.process_time()
    find_members(text, PHRASES.get)
    assert time.process_time() - started < 2, "must not go quadratic"


# Texts built from the pieces coordinations are made of, so matches (and near misses) are common.
_PIECES = ["Tier", "tiers", "L", "T2", "first", "second", "-", "line", " ", "\t", "\n", ", ",
           " and ", " or ", "/", " & ", "1", "2", "12", "345", "x", "é", "_", "support", "٣", "."]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*_PIECES, "\u0663", "\u096d", "\U0001f642", "\u00b2", "\u2013"]), max_size=40)
       .map("".join))
def test_anchors_are_every_decimal_or_hyphen_before_a_joint(text):
    """The anchor search, which opens with a cheaper character set, finds what ``[\\d-]``
    before a joint finds: Unicode decimals ("\u0663", "\u096d") included, other characters past
    ASCII (an emoji, a superscript two, a dash) not."""
    import re

    from annotator.pipeline import coordination as co

    plain = re.compile(r"[\d-](?=" + co._JOIN + ")")
    assert [hit.start() for hit in co._ANCHOR.finditer(text)] == [hit.start() for hit in plain.finditer(text)]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_matches_tried_at_anchors_are_what_finditer_finds(text):
    """The anchored search (tried only where a first member ends) finds exactly the matches
    of a ``finditer`` over the whole text, for each of the three patterns."""
    from annotator.pipeline import coordination as co

    anchors = [hit.start() for hit in co._ANCHOR.finditer(text)]
    for pattern, start_of in ((co._NUMBERED, co._numbered_start), (co._CODED, co._coded_start),
                              (co._SUSPENDED, co._suspended_start)):  # fmt: skip
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in co._matches(pattern, text, anchors, start_of)] == expected, pattern.pattern
