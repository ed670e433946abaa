"""The examples in the text modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest

import pytest

from annotator.text import abbreviations, markup, safety
from annotator.text.markup import front_matter, lines


@pytest.mark.parametrize(
    "module", [safety, markup, front_matter, lines, abbreviations], ids=lambda m: m.__name__
)
def test_doctests_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
