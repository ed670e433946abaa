"""annotator.text.safety: validation, same-length blanking, the invisible-character policy."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.text import safety
from annotator.text.safety import (
    _CANDIDATE,
    _may_hold_long_tokens,
    DEFAULT_MAX_LENGTH,
    INVISIBLE_CHARS,
    MAX_SYMBOL_RUN,
    MAX_TOKEN_LENGTH,
    MAX_URL_LENGTH,
    prepare,
)

# Any str without surrogates (those are rejected, tested separately).
valid_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def _only_blanked(original: str, prepared: str) -> bool:
    return len(original) == len(prepared) and all(
        a == b or b == " " for a, b in zip(original, prepared)
    )


@pytest.mark.parametrize("value", [None, 42, b"SLA", ["SLA"], {"text": "SLA"}])
def test_safety_prepare_rejects_non_strings(value):
    with pytest.raises(InputError) as error:
        prepare(value)
    assert error.value.code == "E201"
    assert error.value.field == "text"


def test_safety_prepare_rejects_text_over_the_limit():
    assert prepare("x" * 10, max_length=10) == "x" * 10
    with pytest.raises(InputError) as error:
        prepare("x" * 11, max_length=10)
    assert error.value.code == "E202"
    assert error.value.details == {"length": 11, "limit": 10}


def test_safety_default_limit_is_one_million():
    assert DEFAULT_MAX_LENGTH == 1_000_000


@pytest.mark.parametrize(
    "text,index", [("\ud800 SLA", 0), ("SLA \udfff", 4), ("👍 SLA \udc00\ud800", 6)]
)
def test_safety_prepare_rejects_lone_surrogates_with_their_index(text, index):
    with pytest.raises(InputError) as error:
        prepare(text)
    assert error.value.code == "E203"
    assert error.value.details == {"index": index}
    assert error.value.field == "text"


def test_safety_prepare_empty_text():
    assert prepare("") == ""


def test_safety_nul_bytes_become_spaces_and_split_tokens(nlp):
    prepared = prepare("SLA\x00KB\x00SLA")
    assert prepared == "SLA KB SLA"
    assert [t.text for t in nlp(prepared)] == ["SLA", "KB", "SLA"]


@pytest.mark.parametrize("control", ["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"])
def test_safety_control_characters_are_blanked(control):
    assert prepare(f"SLA{control}KB") == "SLA KB"


@pytest.mark.parametrize("kept", ["\t", "\n", "\r", "\r\n"])
def test_safety_tabs_and_line_breaks_are_kept(kept):
    assert prepare(f"SLA{kept}KB") == f"SLA{kept}KB"


@pytest.mark.parametrize(
    "text",
    [")" * 20000, "👍" * 20000, "!" * (MAX_SYMBOL_RUN + 1), "'s" * 5000, "_" * 5000, ")'s" * 3000, "=" * 80],
)
def test_safety_long_symbol_runs_are_blanked(text):
    assert prepare(text) == " " * len(text)


@pytest.mark.parametrize(
    "text",
    ["SLA!!!", "a --> b", "👍 SLA", "¯\\_(ツ)_/¯", "Tier-2", "…", "!" * MAX_SYMBOL_RUN, "e.g. (see §4.2)"],
)
def test_safety_ordinary_punctuation_is_untouched(text):
    assert prepare(text) == text


def test_safety_word_glued_to_a_symbol_run_survives(nlp):
    prepared = prepare("SLA" + "!" * 40 + " and KB")
    assert [t.text for t in nlp(prepared) if not t.is_space] == ["SLA", "and", "KB"]


def test_safety_overlong_tokens_are_cut_without_moving_anything():
    blob = "QUJD" * 25_000  # a 100k-character base64 blob
    prepared = prepare(f"SLA {blob} KB")
    assert _only_blanked(f"SLA {blob} KB", prepared)
    assert max(len(run) for run in re.findall(r"\S+", prepared)) == MAX_TOKEN_LENGTH
    assert prepared.startswith("SLA ") and prepared.endswith(" KB")


@pytest.mark.parametrize("prefix", ["https://", "HTTP://", "(https://", "www.", '<a href="ftp://'])
def test_safety_long_urls_stay_whole_up_to_their_own_limit(prefix):
    url = prefix + "example.com/track?" + "utm=SLA&" * 400
    assert MAX_TOKEN_LENGTH < len(url) < MAX_URL_LENGTH
    assert prepare(f"see {url} now") == f"see {url} now"
    huge = prefix + "x" * MAX_URL_LENGTH
    assert max(len(run) for run in prepare(huge).split()) == MAX_URL_LENGTH


def test_safety_long_url_is_masked_whole_by_the_markup_step():
    from annotator.text.markup import visible_text

    url = "https://example.com/track?" + "utm=SLA&" * 400
    assert visible_text(prepare(f"see {url} now"), "text").split() == ["see", "now"]


def test_safety_tokens_at_the_limit_are_untouched():
    word = "a" * MAX_TOKEN_LENGTH
    assert prepare(f"{word} {word}") == f"{word} {word}"


@pytest.mark.parametrize(
    "text",
    ["e\u0301 KB", "İ SLA", "ＳＬＡ", "ﬁnal SLA", "Straße SLA", "𝐒𝐋𝐀 SLA", "😀 SLA"],
)
def test_safety_no_normalization_ever(text):
    assert prepare(text) == text


# The invisible-character policy (see the module docstring): blanked unless inside a word.
@pytest.mark.parametrize(
    "text,expected_tokens",
    [
        ("\ufeffSLA breach", ["SLA", "breach"]),
        ("SLA\u200b breach", ["SLA", "breach"]),
        ("\u200bSLA\u200b", ["SLA"]),
        ("see \u2066SLA\u2069.", ["see", "SLA", "."]),
        ("S\u200bLA", ["S\u200bLA"]),
        ("S\u200dLA", ["S\u200dLA"]),
        ("esca\u00adlation SLA", ["esca\u00adlation", "SLA"]),
        ("K\u2060B", ["K\u2060B"]),
    ],
)
def test_safety_invisible_characters_policy(nlp, text, expected_tokens):
    prepared = prepare(text)
    assert len(prepared) == len(text)
    assert [t.text for t in nlp(prepared) if not t.is_space] == expected_tokens


def test_safety_every_invisible_character_is_covered():
    for char in INVISIBLE_CHARS:
        assert prepare(f"{char}SLA{char}") == " SLA ", hex(ord(char))
        assert prepare(f"S{char}LA") == f"S{char}LA", hex(ord(char))


@given(valid_text)
def test_safety_prepare_only_ever_blanks(text):
    assert _only_blanked(text, prepare(text))


@given(valid_text)
def test_safety_prepare_is_idempotent(text):
    once = prepare(text)
    assert prepare(once) == once


@given(st.text(alphabet=st.sampled_from(["x", ")", " ", "\u3000", "\u2028", "\x1c", "\n"]), max_size=120))
@example("x" * (MAX_SYMBOL_RUN + 1))
@example("x" * MAX_SYMBOL_RUN)
@example("a " + ")" * (MAX_SYMBOL_RUN + 1) + "\u3000b")
@example("x" * 20 + "\u3000" + "x" * 20)
def test_safety_long_token_check_agrees_with_the_candidate_pattern(text):
    """The split-based check says "maybe" wherever the candidate pattern finds a token longer
    than the symbol-run limit, and "no" only where it finds none (the whitespace of
    ``str.split`` and of the regex's ``\\s`` are the same characters)."""
    assert _may_hold_long_tokens(text) == (_CANDIDATE.search(text) is not None)


_CONTROLS = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r")


@given(st.text(alphabet=st.sampled_from(["S", "L", " ", "\t", "\n", "\r", "\u00e9", "\U0001f600",
                                          "\x00", "\x1f", "\x7f", "\x85", "\x9f", "\xa0"]), max_size=80))
@example("")
@example("SLA")
@example("\x00" * 3 + "SLA\x9f")
def test_safety_controls_are_blanked_one_for_one_wherever_they_are(text):
    """The look for any control before the substitution (a fast path for the texts that have
    none) blanks exactly the controls, wherever they are, and nothing else."""
    expected = "".join(" " if char in _CONTROLS else char for char in text)
    assert safety.sanitize(text) == expected


@given(st.text(alphabet=st.sampled_from(["S", "L", "A", " ", "\n", ")", "\u00e9", "\U0001f600", "\x00", "\x85",
                                          "\u200b", "\ufeff", "\u00ad", "\u2028"]), max_size=120))
@example("S" * (MAX_SYMBOL_RUN + 1))
@example(")" * (MAX_SYMBOL_RUN + 1) + "\u200b")
def test_safety_prepare_fast_path_gives_what_every_step_gives(text):
    """A text with no surrogate, control or invisible character skips the steps for those
    (one scan instead of three): the result is still that of every step in turn."""
    assert prepare(text) == safety.sanitize(safety.check(text))


def test_safety_long_token_check_leaves_a_long_text_to_the_pattern(monkeypatch):
    monkeypatch.setattr(safety, "_SPLIT_CHECK_CHARS", 10)
    assert _may_hold_long_tokens("a few short words") and not _may_hold_long_tokens("short")


def _blank_invisible_run_by_run(text: str) -> str:
    """The invisible-character policy run by run, as the rule reads: a run is kept only when a
    word character (``str.isalnum`` or ``_``) sits on both sides."""
    def word(char: str) -> bool:
        return char.isalnum() or char == "_"

    def blank(run: re.Match) -> str:
        start, end = run.span()
        inside = 0 < start and end < len(text) and word(text[start - 1]) and word(text[end])
        return run.group() if inside else " " * (end - start)

    return re.sub("[" + INVISIBLE_CHARS + "]+", blank, text)


@given(st.text(alphabet=st.sampled_from(["S", "l", "_", "1", "\u00e9", "\u0663", " ", "-", "\n", "\U0001f600",
                                          "\u200b", "\u202e", "\u2066", "\u00ad", "\ufeff", "\u200d"]), max_size=60))
@example("\u200bSLA\u200b")
@example("S\u200b\u202eL_\u2066\u2066A1\u00ad\u00ad")
@example("SLA \u202e AHT \u2066 " * 3)
def test_safety_invisible_runs_blanked_as_run_by_run(text):
    """One substitution and a search for the runs inside words answer as the rule run by run."""
    assert safety._blank_invisible_unless_inside_word(text) == _blank_invisible_run_by_run(text)
