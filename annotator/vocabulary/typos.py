"""One slip of the keys: a word with a letter dropped, a letter doubled or two letters swapped.

The misspellings the fuzzy matcher indexes for every glossary word, and the ones the
everyday-word rule reads back to the word a misspelt match meant: one definition for both.
"""

from __future__ import annotations


def typo_forms(word: str, *, drops: bool = True) -> set[str]:
    """``word`` with one letter dropped (when ``drops``), one letter doubled, or two adjacent
    different letters swapped; never ``word`` itself."""
    forms = set()
    for i in range(len(word)):
        if drops:
            forms.add(word[:i] + word[i + 1 :])
        forms.add(word[: i + 1] + word[i:])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            forms.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    forms.discard(word)
    return forms
