"""vocabulary.typos: one slip of the keys (a letter dropped, doubled, or two swapped; in a long
word, a letter struck for its neighbour on the keyboard)."""

from __future__ import annotations

import pytest

from annotator.vocabulary.typos import KEY_NEIGHBOURS, typo_forms


@pytest.mark.parametrize(
    "word, drops, expected, absent",
    [
        ("escalation", True, ["escalaton", "esclation", "escallation", "escalaiton", "secalation"], ["escalation"]),
        ("escalation", False, ["escallation", "escalaiton"], ["escalaton"]),
        ("CSAT", False, ["CSTA", "CCSAT", "CSATT", "SCAT"], ["CSA", "CSAT"]),
    ],
)
def test_typos_typo_forms_are_one_drop_double_or_swap(word, drops, expected, absent):
    forms = typo_forms(word, drops=drops)
    assert set(expected) <= forms
    assert not forms & set(absent)


def test_typos_typo_forms_never_swap_equal_letters():
    assert "ticket" not in typo_forms("ticket") and "seek" not in typo_forms("seek")


@pytest.mark.parametrize(
    "word, expected, absent",
    [
        # a long word: a neighbouring key struck ("s" beside "x", "r" beside "t")
        ("escalate", ["excalate", "escalare", "wscalate"], ["epcalate", "escalame"]),
        ("customer", ["customet", "custoner"], ["customez"]),
        # a short word: too many real neighbours ("ticket" / "ticker")
        ("ticket", [], ["ticker", "tivket"]),
    ],
)
def test_typos_a_long_word_struck_for_a_neighbouring_key(word, expected, absent):
    forms = typo_forms(word)
    assert set(expected) <= forms
    assert not forms & set(absent)


@pytest.mark.parametrize("key, near", [("s", "adwezx"), ("q", "wa"), ("p", "ol"), ("m", "njk"), ("x", "zcsd")])
def test_typos_key_neighbours_on_a_qwerty_keyboard(key, near):
    assert sorted(KEY_NEIGHBOURS[key]) == sorted(near)
