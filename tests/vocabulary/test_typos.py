"""vocabulary.typos: one slip of the keys (a letter dropped, doubled, or two swapped)."""

from __future__ import annotations

import pytest

from annotator.vocabulary.typos import typo_forms


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
