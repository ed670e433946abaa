"""Closed-class English words that rules read a neighbourhood by, and the word before a position.

Two rules ask what word precedes a run of letters: the spoken-letters reader (an ``a`` after a
determiner is the article's slot, so it is a letter: "the a h t") and the closing-initials rule
(letters after a noun-phrase cue are an acronym said last, "escalate to i t", not a signature).
Both read the same word the same way, here. The digits said as words are closed-class too:
the spoken-form search, the spelled-code rule and the speech-to-text renderer share them.
"""

from __future__ import annotations

import re

#: Determiners (general English): no article follows one.
DETERMINERS = frozenset("the a an this that these those our your my their his her its".split())
#: Words a noun phrase follows: determiners and quantifiers, "other", conjunctions, prepositions.
NOUN_PHRASE_CUES = DETERMINERS | frozenset(
    "any no every each some other another and or nor of to in on at for with about from by into "
    "onto via per than between among without within under over out up".split()
)
#: The digits as words, as a speaker says them and speech-to-text writes them (general English).
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: How far back a word is looked for (a longer word is no closed-class word).
LOOK_BACK = 40
# A whole word (letters, inner apostrophes) then blanks, up to the position; never a word's tail.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z'])([A-Za-z']+)[ \t]+$")


def word_before(text: str, position: int) -> str | None:
    """The word right before ``text[position]`` on its line, lower case (only blanks between), or
    None when something else (a line break, a mark, a digit) comes first."""
    before = _WORD_BEFORE.search(text, max(0, position - LOOK_BACK), position)
    return before.group(1).lower() if before is not None else None
