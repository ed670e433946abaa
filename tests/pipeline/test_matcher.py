"""The matching stage: GlossaryMatcher on pattern records, the phrase table, glued hyphens and
optional plurals (resolving the matches: test_resolution.py)."""

from __future__ import annotations

import pytest

from annotator.pipeline import matcher
from annotator.pipeline.matcher import COLUMNS, Match, PhraseTable, unglued


def test_matcher_phrase_table_keeps_every_target_of_a_sequence():
    table = PhraseTable()
    table.add((1, 2), 0)
    table.add((1, 2), 1)
    table.add((1, 2), 1)  # the same pattern twice is one target
    table.add((1,), 2)
    table.add((2,), 3)
    assert sorted(table.find([1, 2, 1])) == [(0, 1, 2), (0, 2, 0), (0, 2, 1), (1, 2, 3), (2, 3, 2)]
    assert list(table.find([])) == []


def test_matcher_same_phrase_for_two_ids_matches_both(matcher_for):
    patterns = [
        {"label": "CX_TERM", "pattern": "help desk", "id": "a"},
        {"label": "CX_TERM", "pattern": "Help Desk", "id": "b"},
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "HD"}], "id": "a"},
    ]
    nlp, matcher = matcher_for(patterns, tokenize=str.split)
    doc = nlp("the HELP desk or HD")
    found = sorted((m.start, m.end, m.id, m.is_token_pattern) for m in matcher.candidates(doc))
    assert found == [(1, 3, "a", False), (1, 3, "b", False), (4, 5, "a", True)]
    assert len(matcher) == 3 and matcher.n_patterns == 3
    # The hash columns as lists, when the caller made them, give the same matches, as Match
    # tuples with every field.
    columns = doc.to_array(COLUMNS)
    shared = matcher.candidates(doc, columns, hashes=(columns[:, 0].tolist(), columns[:, 1].tolist()))
    assert sorted(shared) == sorted(matcher.candidates(doc))
    assert all(type(m) is Match and m.kind == "exact" for m in shared)


# --- a hyphen glued to the word after it ("Sign -On", an escaped Markdown hyphen) -------------

_HYPHENATED = [
    {"label": "CX_TERM", "pattern": "single sign-on", "id": "sso"},
    {"label": "CX_TERM", "pattern": "text-to-speech", "id": "tts"},
    {"label": "CX_TERM", "pattern": "on call", "id": "oncall"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA"}], "id": "sla"},
]


@pytest.fixture(scope="module")
def hyphen_matches(matcher_for):
    """``hyphen_matches(text, with_text=True)``: (span text, id) of the candidates found."""
    nlp, found_by = matcher_for(_HYPHENATED)

    def matches(text: str, with_text: bool = True) -> list[tuple[str, str]]:
        doc = nlp.make_doc(text)
        found = found_by.candidates(doc, text=text if with_text else None)
        return sorted((doc[m.start : m.end].text, m.id) for m in found)

    return matches


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Use Single Sign -On today.", [("Single Sign -On", "sso")]),
        ("Text -to -Speech voices", [("Text -to -Speech", "tts")]),
        ("Text -to-Speech and single sign-on", [("Text -to-Speech", "tts"), ("single sign-on", "sso")]),
    ],
)
def test_matcher_reads_a_glued_hyphen_as_the_hyphen_and_the_word(hyphen_matches, text, expected):
    assert hyphen_matches(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Single Sign -Onboarding",  # the word after the hyphen is another word
        "Single Sign  -On",  # two spaces: not what an escape leaves
        "Single Sign\n-On",  # nor is a line break
        "the -SLA",  # a whole token read as two would start a match at its word
        "Sign -On call",  # "on call" would start at the word of a split token
    ],
)
def test_matcher_glued_hyphen_keeps_whole_tokens(hyphen_matches, text):
    assert [m for m in hyphen_matches(text) if m[1] != "oncall" or "-" not in m[0]] == []


def test_matcher_glued_hyphen_only_looked_for_given_the_text(hyphen_matches):
    assert hyphen_matches("Use Single Sign -On today.", with_text=False) == []


# --- a word with an optional plural ("ticket(s)", "SLA(s)") ------------------------------------

_PLURALS = [
    {"label": "CX_TERM", "pattern": "ticket", "id": "ticket"},
    {"label": "CX_TERM", "pattern": "knowledge base", "id": "kb"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA"}], "id": "sla"},
]


@pytest.fixture(scope="module")
def plural_matches(matcher_for):
    """``plural_matches(text)``: (span text, id) of the candidates found."""
    nlp, found_by = matcher_for(_PLURALS)

    def matches(text: str) -> list[tuple[str, str]]:
        doc = nlp.make_doc(text)
        return sorted((doc[m.start : m.end].text, m.id) for m in found_by.candidates(doc, text=text))

    return matches


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Close the ticket(s) now.", [("ticket(s)", "ticket")]),
        ("Per SLA(s) and the knowledge base(s).", [("SLA(s)", "sla"), ("knowledge base(s)", "kb")]),
        ("the sla(s) apply", []),  # an acronym pattern keeps its case
        ("the ticket (s) and ticket(s", [("ticket", "ticket")]),  # apart, or no closing parenthesis
        ("the ticket(sa) and (s)", []),
    ],
)
def test_matcher_reads_a_word_with_an_optional_plural(plural_matches, text, expected):
    assert plural_matches(text) == expected


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Neural Text -to -Speech", "Neural Text-to-Speech"),  # escaped Markdown hyphens, unescaped
        ("Service\n  Level Agreement", "Service Level Agreement"),
        ("a - b", "a - b"),  # a dash between spaces stays
        ("version -1", "version -1"),  # a minus before a number stays
        ("Sign-On", "Sign-On"),
    ],
)
def test_matcher_unglued_is_the_phrase_as_the_page_shows_it(written, shown):
    assert unglued(written) == shown


# --- terms broken over whitespace tokens (a line break, blanked controls) ---------------------

_SQUEEZED = [
    {"label": "CX_TERM", "pattern": "first contact resolution", "id": "fcr"},
    {"label": "CX_TERM", "pattern": "service level agreement", "id": "sla-long"},
    {"label": "CX_TERM", "pattern": "contact", "id": "contact"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA"}], "id": "sla"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "AHT"}], "id": "aht"},
    {"label": "CX_TERM", "pattern": "SLA AHT", "id": "pair"},
]


def _squeezed_reference(matcher_, doc, lower, orth):
    """What the squeezed matches are, read the plain way: every whitespace token with at most
    one line break inside windows around the gaps a pattern may cross, left out."""
    n = len(doc)
    soft = {t.i for t in doc if t.is_space and t.text.count("\n") <= 1}
    gaps = [i for i in sorted(soft) if 0 < i < n - 1
            and (lower[i - 1] in matcher_.join_left or orth[i - 1] in matcher_.join_left)
            and (lower[i + 1] in matcher_.join_right or orth[i + 1] in matcher_.join_right)]
    found = set()
    for lo_gap in gaps:
        lo, hi = max(0, lo_gap - matcher_.max_length - 1), min(n, lo_gap + matcher_.max_length + 2)
        index = [i for i in range(lo, hi) if i not in soft]
        for table, words in ((matcher_.lower, lower), (matcher_.orth, orth)):
            for start, end, target in table.find([words[i] for i in index]):
                first, last = index[start], index[end - 1]
                if last - first + 1 != end - start:
                    found.add(Match(first, last + 1, *matcher_.targets[target]))
    return found


@pytest.mark.parametrize("text, crosses", [
    ("first\r\ncontact resolution, service\nlevel\n agreement", True),
    ("first\n\ncontact resolution", False),  # a blank line stays a barrier
    ("SLA   AHT   " * 200, True),  # controls blanked between terms: a gap every other token
    ("SLA ok\r\n" * 300 + "service\r\nlevel agreement", True),
    ("  SLA\n", False),
])
def test_matcher_squeezed_matches_are_those_read_without_the_gaps(matcher_for, text, crosses):
    nlp, found_by = matcher_for(_SQUEEZED)
    doc = nlp.make_doc(text)
    array = doc.to_array(COLUMNS)
    lower, orth = array[:, 0].tolist(), array[:, 1].tolist()
    plain = {Match(start, end, *found_by.targets[target])
             for table, words in ((found_by.lower, lower), (found_by.orth, orth)) for start, end, target in table.find(words)}
    extra = set(found_by.candidates(doc, array, text, (lower, orth))) - plain
    assert extra == _squeezed_reference(found_by, doc, lower, orth) - plain
    assert bool(extra) == crosses
