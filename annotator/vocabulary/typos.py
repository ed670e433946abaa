"""One slip of the keys: a word with a letter dropped, a letter doubled, two letters swapped, or,
in a long word, a letter struck for its neighbour on the keyboard.

The misspellings the fuzzy matcher indexes for every glossary word, and the ones the
everyday-word rule reads back to the word a misspelt match meant: one definition for both.
"""

from __future__ import annotations

#: Fewest letters of a word whose misspellings include a letter struck for a neighbouring key
#: ("excalate" for "escalate", "custonmer"): a short word struck so is too often another word
#: ("ticket" / "ticker", "agent" / "agenr"), a long one seldom is.
MIN_SUBSTITUTION_LETTERS = 8
#: The letter rows of a QWERTY keyboard, each set a little to the right of the one above.
KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    """Each letter -> the letters of the keys around it: beside it on its row, and the two
    touching it on the rows above and below (a row sits half a key right of the one above)."""
    near: dict[str, str] = {}
    for r, row in enumerate(KEY_ROWS):
        for c, key in enumerate(row):
            keys = [row[c - 1] if c else "", row[c + 1 : c + 2]]
            if r:
                keys.append(KEY_ROWS[r - 1][c : c + 2])
            if r + 1 < len(KEY_ROWS):
                keys.append(KEY_ROWS[r + 1][max(0, c - 1) : c + 1])
            near[key] = "".join(keys)
    return near


#: Letter -> the letters of its neighbouring keys (:func:`_neighbours`).
KEY_NEIGHBOURS = _neighbours()


def typo_forms(word: str, *, drops: bool = True) -> set[str]:
    """``word`` with one letter dropped (when ``drops``), one letter doubled, or two adjacent
    different letters swapped, and, in a word of :data:`MIN_SUBSTITUTION_LETTERS` letters or
    more, one lower-case letter struck for a neighbouring key (:data:`KEY_NEIGHBOURS`); never
    ``word`` itself."""
    forms = set()
    substitutes = len(word) >= MIN_SUBSTITUTION_LETTERS
    for i in range(len(word)):
        if drops:
            forms.add(word[:i] + word[i + 1 :])
        forms.add(word[: i + 1] + word[i:])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            forms.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        if substitutes:
            forms.update(word[:i] + key + word[i + 1 :] for key in KEY_NEIGHBOURS.get(word[i], ""))
    forms.discard(word)
    return forms
