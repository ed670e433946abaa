"""Letters said one by one inside a spelled code: an account number, a postcode, a reference.

A caller spells codes letter by letter and digit by digit, and a speech-to-text engine writes
them so: "my account number is k b four five two", "the postcode is s l a one two b", or says
the letters as a word and the digits as a number: "my confirmation no asa 852". The
letters "k b" and "s l a" are then no acronym, however well they spell one: they are a code's
characters, and the characters said beside them say so. An acronym said aloud stands among
words ("the s l a of four hours", "our k b article", "p one p two and p three"), a number or
two at most beside it ("a 24 seven s l a", "two s l as").

:func:`in_spelled_code` reads only the text either side of the letters, on their line, so the
spoken-form search (:mod:`.spoken`) asks it of each spelled acronym it finds, at no cost to
any other text.
"""

from __future__ import annotations

import re

from ..vocabulary.grammar import DIGIT_WORDS

#: Digits as a speech-to-text engine writes them, one word each.
NUMBER_WORDS = frozenset(DIGIT_WORDS) | {"oh"}  # "oh": a zero said in a code
#: How many of a code's characters must stand beside the letters, when one of them is a
#: letter ("s l a one two b") ...
WITH_A_LETTER = 2
#: ... and when all are digits ("k b four five two"): a count said beside an acronym is one
#: number or two ("two s l as", "24 seven"), a code's digits run on.
DIGITS_ONLY = 3
#: How many digits a number written right after the letters has when it is the rest of their
#: code ("confirmation no asa 852", "frt 342"): a count said after an acronym is one number of
#: one or two digits ("s l a 24 seven", "two s l as").
CODE_NUMBER_DIGITS = 3
#: How far either side of the letters the code's characters are looked for, in characters.
_REACH = 40
# One word of the line, and what may stand between two (spaces, tabs; no line break: the next
# line is another turn or another sentence).
_WORD = re.compile(r"[^\s]+")
# A letter said alone, as a code has them; never the article or the pronoun ("a", "i"),
# which are words more often than letters.
_LETTER = re.compile(r"[b-hj-zB-HJ-Z]\.?")
_DIGITS = re.compile(r"\d+")
# A number of CODE_NUMBER_DIGITS digits or more written right after the letters, as a whole
# word.
_CODE_NUMBER = re.compile(rf"[ \t]+\d{{{CODE_NUMBER_DIGITS},}}(?![\w.,])")


def _code_character(word: str) -> str | None:
    """``"letter"``, ``"digit"`` or None: what ``word`` is as a character of a spelled code."""
    if _LETTER.fullmatch(word):
        return "letter"
    if word.lower() in NUMBER_WORDS or _DIGITS.fullmatch(word):
        return "digit"
    return None


def _run(words: list[str]) -> list[str]:
    """The kinds of the code characters at the start of ``words``, up to the first word that
    is none."""
    kinds = []
    for word in words:
        kind = _code_character(word)
        if kind is None:
            break
        kinds.append(kind)
    return kinds


def before_code_number(text: str, end: int) -> bool:
    """A number of :data:`CODE_NUMBER_DIGITS` digits or more is written right after
    ``text[:end]`` (the letters of a code said as a word: "confirmation no asa 852")."""
    return _CODE_NUMBER.match(text, end) is not None


def in_spelled_code(text: str, start: int, end: int) -> bool:
    """True if the letters at ``text[start:end]`` (an acronym said letter by letter) stand in a
    spelled code: at least :data:`WITH_A_LETTER` code characters (letters said
    alone, digits, number words) beside them, one of them a letter, or :data:`DIGITS_ONLY`
    digits, counted on both sides together and within the line; or a number of
    :data:`CODE_NUMBER_DIGITS` digits or more written right after them."""
    if before_code_number(text, end):
        return True
    left_text = text[max(0, start - _REACH) : start]
    left_text = left_text[left_text.rfind("\n") + 1 :]
    right_text = text[end : end + _REACH]
    right_text = right_text.split("\n", 1)[0]
    left = _WORD.findall(left_text)
    right = _WORD.findall(right_text)
    # A word cut by the reach is no whole word: only what the reach holds whole counts.
    if left and start - _REACH > 0 and not left_text[:1].isspace():
        left = left[1:]
    if right and not right_text[-1:].isspace() and end + _REACH < len(text):
        right = right[:-1]
    kinds = _run(left[::-1]) + _run(right)
    if "letter" in kinds:
        return len(kinds) >= WITH_A_LETTER
    return len(kinds) >= DIGITS_ONLY
