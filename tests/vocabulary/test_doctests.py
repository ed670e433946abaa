"""The examples in the vocabulary modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest

import pytest

from annotator.vocabulary import acronyms, codes, inflection, initials, names, wordbreak


@pytest.mark.parametrize("module", [acronyms, codes, inflection, initials, names, wordbreak], ids=lambda m: m.__name__)
def test_doctests_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
