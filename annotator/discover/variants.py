"""Variants of glossary terms written in the archive: misspellings and new spellings.

A symmetric-delete index (the SymSpell idea): every glossary key and every key with one
character deleted (two for long keys) point back to the key. A candidate's key and its
one-deletion forms are looked up there, which finds the keys within the allowed edits at the
cost of ``len(key) + 1`` dict look-ups, and each hit is then confirmed with a bounded edit
distance. Plural and inflected
forms (``escalations``, ``escalated``) are the same word, not variants, and are skipped; so is
anything the annotator already matches (the pattern generator's hyphen, space and closed
compound spellings).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary.names import normalize_key
from .known import Known
from .words import is_stopword

#: Keys shorter than this are never fuzzy-matched: one edit from a short word is another word.
MIN_FUZZY = 7
#: Most written forms whose answer is remembered.
CACHE_SIZE = 50_000
#: Keys this long or longer tolerate two edits.
TWO_EDITS = 12


def deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (adjacent swaps count one), or ``limit + 1`` once it
    is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


_ENDINGS = ("ings", "ing", "ers", "er", "ed", "es", "s", "d", "r")
#: A word of a multi-word name shorter than this cannot be misspelt: "date" for "rate" is
#: another word, not a typo.
MIN_WORD = 5


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _word_by_word(written: str, name: str) -> bool:
    """A misspelling changes long words a little; it does not swap a short word for another
    or an ending for another ("adjusted" is no misspelling of "adjuster")."""
    ours, theirs = written.replace("-", " ").split(), name.replace("-", " ").split()
    if len(ours) != len(theirs):
        return True  # spacing differs ("call centre" / "callcenter"): judged on the key
    for a, b in zip(ours, theirs):
        if a == b:
            continue
        if min(len(a), len(b)) < MIN_WORD or _stem(a) == _stem(b):
            return False
    return True


def inflection_of(a: str, b: str) -> bool:
    """Same word, another form: an inflection, or one a clipped or extended form of the other
    ("priority" / "priority0", "escalation" / "escalations")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) or long.endswith(short) or (
        # "priorities" / "priority", "replies" / "reply"
        short.endswith("y") and long.startswith(short[:-1]) and long[len(short) - 1 :] in ("ies", "ied")
    )


@dataclass
class Variant:
    concept_id: str
    reason: str  # "misspelling" or "spelling"


class VariantIndex:
    """Finds which glossary concept a written form is a variant of."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.index: dict[str, set[str]] = {}
        self.prefixes: set[str] = set()
        self._cache: dict[str, Variant | None] = {}
        for key in known.keys:
            if len(key) < MIN_FUZZY or not key.isalpha():
                continue
            self.prefixes.add(key[:2])
            self.index.setdefault(key, set()).add(key)
            for deleted in deletes(key):
                self.index.setdefault(deleted, set()).add(key)
                if len(key) >= TWO_EDITS:
                    # Two deletions here meet an unchanged probe: "escalaton managment" is two
                    # letters short of "escalation management".
                    for twice in deletes(deleted):
                        self.index.setdefault(twice, set()).add(key)

    def match(self, surface: str) -> Variant | None:
        """The concept ``surface`` is a variant of, or None (also None when it is known).

        Results are cached (bounded: the cache is emptied when full), since an archive repeats
        its vocabulary far more than it extends it."""
        try:
            return self._cache[surface]
        except KeyError:
            pass
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        found = self._cache[surface] = self._match(surface)
        return found

    def _match(self, surface: str) -> Variant | None:
        lowered = surface.lower()
        if lowered in self.known.forms:
            return None
        parts = lowered.split()
        if is_stopword(parts[0]) or is_stopword(parts[-1]):
            return None
        key = normalize_key(surface)
        concept = self.known.keys.get(key)
        if concept is not None:
            # Same letters, a spelling the annotator does not produce ("co - browsing").
            return Variant(concept, "spelling")
        if len(key) < MIN_FUZZY or key[:2] not in self.prefixes:
            return None
        limit = 2 if len(key) >= TWO_EDITS else 1
        best: tuple[int, str] | None = None
        for probe in deletes(key) | {key}:
            for target in self.index.get(probe, ()):
                if inflection_of(key, target):
                    return None
                distance = edit_distance(key, target, limit)
                if distance <= limit and (best is None or (distance, target) < best):
                    best = (distance, target)
        if best is None or not _word_by_word(lowered, self.known.names.get(best[1], best[1])):
            return None
        return Variant(self.known.keys[best[1]], "misspelling")
