"""Initials alignment: does a phrase spell out an acronym? Two algorithms, side by side.

* :func:`align_acronym` (and :func:`spells_out`, :func:`canonical_acronym`) -- the glossary's
  *exact* alignment, a small dynamic programme: every acronym letter is accounted for by a word
  prefix, function words may be skipped. Curated names are short and must be right, so it can
  afford to search (``CSAT`` = **C**\\ustomer **Sat**\\isfaction, ``CCaaS``, ``E2EE``). Used by
  the seed-page parser (which name is the expansion?) and merging (which concept an acronym
  belongs to).
* :func:`align` (with :func:`short_form_letters` and :func:`initial_matches`) -- Schwartz &
  Hearst (2003) for *running text*: one right-to-left scan, each letter anywhere in a word except
  the first, which must start one. Linear and forgiving, as in-text detection must be on
  arbitrary input; used by :mod:`annotator.text.abbreviations` (the component and the linter).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .acronyms import base_acronym, singular_acronym
from .names import FUNCTION_WORDS, QUOTES

_DIGIT_WORDS = {"2": "to", "4": "for"}
#: A word of running text: letters/digits, with inner apostrophes or ampersands ("customer's",
#: "R&D"). Schwartz-Hearst counts and aligns over these words.
WORD_RE = re.compile(r"\w+(?:['\u2019&]\w+)*+")


# --- the glossary's exact alignment -------------------------------------------------------------


def split_words(phrase: str) -> list[str]:
    """Words for initials matching: hyphenated parts count as words (``Full-Time`` -> 2)."""
    return [w for w in phrase.replace("-", " ").replace("/", " ").split() if w.strip(QUOTES)]


def _alignment_words(phrase: str) -> list[str]:
    words = [w.strip(QUOTES + "(),.") for w in split_words(phrase)]
    return [w for w in words if w]


@lru_cache(maxsize=4096)
def align_acronym(acronym: str, phrase: str) -> tuple[int, ...] | None:
    """Match an acronym's letters to the initial letters of a phrase's words.

    Each content word must give the acronym a prefix of itself (one letter or more:
    ``CSAT`` = **C**\\ustomer **Sat**\\isfaction); function words may give letters or none
    (``CCaaS`` = **C**\\ontact **C**\\enter **a**\\s **a** **S**\\ervice, ``VoC``). ``2`` and
    ``4`` may stand for "to" and "for" (``E2EE``). Returns, for each acronym character, the index
    of the word it starts (``-1`` if it continues a word), or ``None`` when nothing fits.
    Memoized recursion over (letters used, words used): at most 10 x 12 states.

    >>> align_acronym("CSAT", "Customer Satisfaction"), align_acronym("SLA", "Service Desk")
    ((0, 1, -1, -1), None)
    """
    chars = [ch for ch in acronym if ch.isalnum()]
    words = _alignment_words(phrase)
    if not chars or not words or len(chars) > 12 or len(words) > 12:
        return None
    memo: dict[tuple[int, int], tuple[int, ...] | None] = {}

    def solve(i: int, j: int) -> tuple[int, ...] | None:
        if (i, j) in memo:
            return memo[(i, j)]
        result: tuple[int, ...] | None = None
        if j == len(words):
            result = () if i == len(chars) else None
        else:
            word = words[j]
            folded = word.casefold()
            if folded in FUNCTION_WORDS:  # a function word may be skipped
                result = solve(i, j + 1)
            if result is None and i < len(chars):
                digit_word = _DIGIT_WORDS.get(chars[i])
                if digit_word == folded:
                    rest = solve(i + 1, j + 1)
                    result = None if rest is None else (j, *rest)
                length = 1
                while result is None and i + length <= len(chars) and length <= len(word):
                    if folded[:length] != "".join(chars[i : i + length]).casefold():
                        break
                    rest = solve(i + length, j + 1)
                    if rest is not None:
                        result = (j, *([-1] * (length - 1)), *rest)
                    length += 1
        memo[(i, j)] = result
        return result

    return solve(0, 0)


def spells_out(acronym: str, phrase: str) -> bool:
    """Is ``phrase`` the expansion of ``acronym``? Like :func:`align_acronym`, but a trailing
    head word the acronym leaves out is allowed (CSAT = Customer Satisfaction *Score*)."""
    if align_acronym(acronym, phrase) is not None:
        return True
    words = phrase.split()
    return len(words) >= 3 and align_acronym(acronym, " ".join(words[:-1])) is not None


def canonical_acronym(acronym: str, expansion: str | None = None) -> str:
    """The acronym as the glossary should record it.

    A plural ``s`` is dropped; a lowercase letter that stands for a capitalized word of the
    expansion is raised (``CeS`` for "Customer Effort Score" -> ``CES``), while one that
    stands for a lowercase word stays (``CCaaS`` = "Contact Center as a Service"), and so does a
    leading lowercase letter (``eNPS``, ``tNPS``: a house style, not a typo).
    """
    acronym = singular_acronym(acronym.strip(QUOTES + "()"))
    if not expansion:
        return acronym
    alignment = align_acronym(acronym, expansion)
    if alignment is None:
        return acronym
    words = _alignment_words(expansion)
    letters = [ch for ch in acronym if ch.isalnum()]
    raised = []
    for position, (ch, word_index) in enumerate(zip(letters, alignment)):
        # A leading lowercase letter is a deliberate style (eNPS, tNPS), whatever the expansion.
        if position and word_index >= 0 and ch.islower() and words[word_index][:1].isupper():
            ch = ch.upper()
        raised.append(ch)
    # Put the (possibly raised) letters back where they were, keeping spaces ("SOC 2").
    out, it = [], iter(raised)
    for ch in acronym:
        out.append(next(it) if ch.isalnum() else ch)
    return "".join(out)


# --- Schwartz & Hearst, for running text --------------------------------------------------------


def short_form_letters(short: str) -> str:
    """The letters a long form must contain: lowercase, no plural, no digits or symbols.

    >>> short_form_letters("B2Bs")
    'bb'
    """
    return "".join(char.lower() for char in base_acronym(short) if char.isalpha())


def align(letters: str, candidate: str) -> int | None:
    """Match ``letters`` right to left in ``candidate``; return where the long form starts.

    Each character of ``candidate`` is looked at once: the scan only moves left. None when a
    letter is missing or the first letter begins no word.

    >>> align("csat", "our Customer Satisfaction Score")
    4
    """
    position = len(candidate) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0:
            char = candidate[position].lower()
            at_word_start = position == 0 or not candidate[position - 1].isalnum()
            # The first letter of the short form must begin a word; the others may sit anywhere.
            if char == letter and (index > 0 or at_word_start):
                break
            position -= 1
        if position < 0:
            return None
        position -= 1
    return position + 1


def initial_matches(letters: str, long_form: str) -> int:
    """How many of ``letters``, in order, are initials of the long form's words.

    >>> initial_matches("csat", "Customer Satisfaction Score")
    2
    """
    matched = 0
    for word in WORD_RE.findall(long_form):
        if matched < len(letters) and word[0].lower() == letters[matched]:
            matched += 1
    return matched
