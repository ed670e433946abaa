"""annotator.vocabulary.acronyms: shapes, plurals, ordinary capitals, roman numerals, shouting."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.vocabulary import acronyms
from annotator.vocabulary.acronyms import (
    COMMON_ABBREVIATIONS,
    DOCUMENT_CAPS_WORDS,
    LINT_NOT_ACRONYMS,
    NOT_ACRONYMS,
    ORDINARY_CAPS_WORDS,
    base_acronym,
    capitalised_words,
    capitalised_words_skipping,
    holds_acronym,
    is_acronym,
    is_acronym_alias,
    is_acronym_phrase,
    is_acronym_shape,
    is_acronym_word,
    is_caps_acronym,
    is_mixed_acronym,
    is_roman_numeral,
    is_shouting,
    singular_acronym,
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


@pytest.mark.parametrize(
    "text,expected",
    [("SLA", True), ("eNPS", True), ("CCaaS", True), ("Q&A", True), ("IT", True),
     ("Agent", False), ("McDonald", False), ("S", False), ("Help Desk", False), ("", False)],
)
def test_acronyms_alias_shape(text, expected):
    assert is_acronym_alias(text) is expected


@pytest.mark.parametrize(
    "base, expected",
    [("SLA", True), ("2FA", True), ("L&R", True), ("E2EE", True), ("A", False), ("A1", False),
     ("SaaS", False), ("TOOLONGACRONYM", False), ("123", False)],
)
def test_acronyms_caps_acronym_shape(base, expected):
    assert is_caps_acronym(base) is expected


# --- every predicate on the same tricky words -----------------------------------------------------
#
# One row per word, one column per predicate: (shape, is_acronym, word, alias, caps). The columns
# differ on purpose (see the module docstring); this table pins where they differ.


@pytest.mark.parametrize(
    "word, shape, unknown, name_word, alias, caps",
    [
        ("IT", True, True, True, True, True),  # the department: an acronym everywhere
        ("it", False, False, False, False, False),  # the pronoun: never
        ("SLAs", True, True, True, True, False),  # plural: running text strips it, caps needs the base
        ("SLA's", True, True, False, True, False),  # possessive: running text only
        ("eNPS", True, True, True, True, False),  # house-style lowercase: not for the linter
        ("CCaaS", True, True, True, True, False),
        ("NOTE", True, False, True, True, True),  # an ordinary word in capitals
        ("IMPORTANT", False, False, True, True, True),  # too long for running-text shape
        ("2FA", True, True, False, True, True),  # a name word must start with a letter
        ("KPIs", True, True, True, True, False),
        ("Q&A", True, True, True, True, True),
        ("XII", True, False, True, True, True),  # a roman numeral
        ("GHz", True, False, True, True, False),  # a unit
        ("SOC 2", False, False, False, False, False),  # a phrase: see is_acronym_phrase
        ("A", False, False, False, False, False),
        ("Agent", False, False, False, False, False),
    ],
)
def test_acronyms_predicates_on_tricky_words(word, shape, unknown, name_word, alias, caps):
    got = (
        is_acronym_shape(word),
        is_acronym(word),
        is_acronym_word(word),
        is_acronym_alias(word),
        is_caps_acronym(word),
    )
    assert got == (shape, unknown, name_word, alias, caps)


@pytest.mark.parametrize(
    "text, expected",
    [("SOC 2", True), ("SLA", True), ("SLA Breach", False), ("SOC 2 3", False), ("2FA", False), ("", False)],
)
def test_acronyms_phrase(text, expected):
    assert is_acronym_phrase(text) is expected


@pytest.mark.parametrize(
    "token, expected",
    [("OMs", "OM"), ("KPIs", "KPI"), ("eNPS", "eNPS"), ("SaaS", "SaaS"), ("CCaaS", "CCaaS"),
     ("Ms", "Ms")],
)
def test_acronyms_singular_acronym_keeps_house_styles(token, expected):
    assert singular_acronym(token) == expected


@pytest.mark.parametrize("word", ["GET", "CTRL", "TODO", "NOTE", "SLACK"])
def test_acronyms_linter_caps_words_include_the_component_list_and_more(word):
    assert word in LINT_NOT_ACRONYMS
    assert NOT_ACRONYMS <= LINT_NOT_ACRONYMS
    assert DOCUMENT_CAPS_WORDS <= LINT_NOT_ACRONYMS


@pytest.mark.parametrize("word", ["GET", "CTRL", "EOF"])
def test_acronyms_document_caps_words_do_not_change_the_component(word):
    # The component's list is narrower: a ticket that writes "GET" is not a KB article.
    assert word not in NOT_ACRONYMS and is_acronym(word)


# The plain regex capitalised_words() stands in for: the same matches, found faster.
_REFERENCE = re.compile(r"(?<![\w@#/\\.&-])[A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*(?![\w@/\\-])")


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Our SLA and the KPIs, CSAT's drop", ["SLA", "KPIs", "CSAT"]),
        ("see @SLAbot, #CSAT, a/SLA, x.SLA and SLA-bot", []),
        ("AB&\u00e9 and R&D", ["AB", "R&D"]),  # a shorter match before "&" where the run goes on
        ("\u00e9SLA SLA_x xSLA iOS SaaS", ["xSLA", "iOS", "SaaS"]),
        ("", []),
    ],
)
def test_capitalised_words(text: str, words: list[str]) -> None:
    assert [m.group() for m in capitalised_words(text)] == words
    assert _spans(capitalised_words(text)) == _spans(_REFERENCE.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("AZaz09&@#/\\.-_ \n'\u00e9\u00c9"), max_size=40))
def test_capitalised_words_are_the_regex_matches(text: str) -> None:
    assert _spans(capitalised_words(text)) == _spans(_REFERENCE.finditer(text))


def test_capitalised_words_in_a_dense_text_are_the_regex_matches_too(monkeypatch):
    from annotator.vocabulary import acronyms

    monkeypatch.setattr(acronyms, "_WALKED_WORDS", 3)  # the regex takes over after three
    text = "SLA KPIs x.SLA @AHT CSAT's " * 5 + "AB&\u00e9 R&D"
    assert _spans(capitalised_words(text)) == _spans(_REFERENCE.finditer(text))


@pytest.mark.parametrize("dense", [True, False])
def test_capitalised_words_leaves_only_a_dense_text_to_the_regex(monkeypatch, dense):
    """Past _WALKED_WORDS pairs the regex takes over only where they stand closer than
    _DENSE_SPACING characters on average: a long text of prose is walked to its end. Both
    ways find the regex's matches."""
    from annotator.vocabulary import acronyms

    class Counted:  # the regex, counting the searches of the rest of the text
        searches = 0

        def match(self, *args):
            return _REFERENCE.match(*args)

        def finditer(self, *args):
            Counted.searches += 1
            return _REFERENCE.finditer(*args)

    monkeypatch.setattr(acronyms, "_CAPITALISED_WORD", Counted())
    monkeypatch.setattr(acronyms, "_WALKED_WORDS", 3)
    gap = " " if dense else " and then the customer wrote back to us about it once more "
    text = gap.join(["SLA", "KPIs", "x.SLA", "@AHT", "CSAT's"] * 6) + " AB&\u00e9 R&D"
    assert _spans(capitalised_words(text)) == _spans(_REFERENCE.finditer(text))
    assert len(_REFERENCE.findall(text)) > 10
    assert Counted.searches == (1 if dense else 0)


@pytest.mark.parametrize(("token", "expected"), [
    ("VoIP", True), ("eNPS", True), ("QoS", True), ("TwiML", True), ("PoCs", True),
    ("KPIs", False),  # an all-caps acronym's plural: the linter's shape
    ("GitLab", False), ("ChatJS", False), ("DevOps", False),  # camel-case names
    ("THe", False), ("WHen", False),  # caps-lock slips
    ("SLA", False), ("Hello", False),
])
def test_is_mixed_acronym(token, expected):
    assert is_mixed_acronym(token) is expected


_PIECES = ["SLA", "LA", "SL", "AB&", "R&D", "KPIs", "\u00e9", "&", "-", "_", "@", ".", "/", "\\", "#", " ", "\n",
           "x", "\U0001f600", "SLA's"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sets(st.sampled_from(["SLA", "LA", "SL", "AB", "R&D", "KPIs", "x"])))
@example(["x", "SLA", " ", "SLA", " ", "_", "SLA", " ", "@", "SLA", " ", ".", "SLA", " ", "SLA", "&", "\u00e9"], {"LA"})
@example(["AB&", "\u00e9", " ", "LA", "&", "SL", " ", "R&D", " ", "AB&", "-", " ", "AB"], {"LA", "R&D"})
def test_capitalised_words_skipping_leaves_out_only_refused_words(pieces, chosen):
    """Where it answers: every match of a wanted word, each as the regex finds it, in order,
    and no match the regex does not make."""
    text = "".join(pieces)
    with mock.patch.object(acronyms, "_PROBED_CHARS", 16):  # an opening of a short text
        found = capitalised_words_skipping(text, chosen.__contains__)
    if found is not None:
        found = _spans(found)
        reference = _spans(_REFERENCE.finditer(text))
        assert [s for s in found if s[2] in chosen] == [s for s in reference if s[2] in chosen]
        assert set(found) <= set(reference)


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("\U0001f600SLA" * 3000 + " LA", "all"),  # dense, one distinct word there: asked once, left out
        ("AB&\u00e9 LA&B " * 1000 + "SLA", "some"),  # "AB" where the run goes on is the regex's, kept
        ("The SLA was met and the agent closed the case on time. " * 400 + "LA", None),  # prose
        (" ".join(f"A{i:03d}Z" for i in range(2000)) + " LA", None),  # too many distinct words
        ("\U0001f600SLA" * 1000 + " LA", None),  # too short to pay
    ],
)
def test_capitalised_words_skipping_answers_only_where_it_pays(text, answers):
    wanted = {"LA", "LA&B"}.__contains__  # "SLA" and "AB" refused
    found = capitalised_words_skipping(text, wanted)
    assert (found is not None) == (answers is not None)
    if answers:
        found, reference = _spans(found), _spans(_REFERENCE.finditer(text))
        expected = [s for s in reference if wanted(s[2])]
        assert [s for s in found if wanted(s[2])] == expected and set(found) <= set(reference)
        assert expected and (found == expected) == (answers == "all")
