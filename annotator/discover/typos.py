"""Misspelt term candidates folded into the spelling the archive uses.

Tickets are typed in a hurry: "bussiness hours", "auto assaign", "assigment rule". Left
alone, each misspelling is a weak candidate of its own and the term it misspells loses those
uses. Here a word of a term key is a misspelling of another word of the archive's term keys
when it is not an English dictionary word, is at least :data:`MIN_WORD` letters long, lies
within one edit (two from :data:`TWO_EDITS` letters) of a dictionary word the keys use at least
as often, and is not an inflection of it. A key whose misspellings, corrected, give another key
is folded into that key. Pure functions over the tables' keys and counts; only the ranking
uses them, the tables keep what was written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..vocabulary.english import is_dictionary_word
from .counters import Entry
from .variants import deletes, inflection_of, edit_distance

#: Shortest word taken for a misspelling (a short word one edit away is another word).
MIN_WORD = 5
#: Words this long or longer may be two edits from their spelling.
TWO_EDITS = 9


def word_counts(entries: Mapping[str, Entry]) -> Counter:
    """Uses of each word across the term keys."""
    counts: Counter = Counter()
    for key, entry in entries.items():
        for word in key.split():
            counts[word] += entry.count
    return counts


def corrections(counts: Mapping[str, int]) -> dict[str, str]:
    """Misspelt word -> the dictionary word it misspells (see the module docstring)."""
    index: dict[str, list[str]] = {}
    for word in counts:
        if len(word) >= MIN_WORD - 1 and word.isalpha() and is_dictionary_word(word):
            for probe in deletes(word) | {word}:
                index.setdefault(probe, []).append(word)
    fixed: dict[str, str] = {}
    for word, count in counts.items():
        if len(word) < MIN_WORD or not word.isalpha() or is_dictionary_word(word):
            continue
        limit = 2 if len(word) >= TWO_EDITS else 1
        best: tuple[int, int, str] | None = None
        for probe in deletes(word) | {word}:
            for target in index.get(probe, ()):
                if counts[target] < count or inflection_of(word, target):
                    continue
                distance = edit_distance(word, target, limit)
                if distance <= limit and (best is None or (distance, -counts[target], target) < best):
                    best = (distance, -counts[target], target)
        if best is not None:
            fixed[word] = best[2]
    return fixed


def misspelt_keys(entries: Mapping[str, Entry]) -> dict[str, str]:
    """Term key -> the key it misspells, for keys whose corrected form is also a key."""
    fixed = corrections(word_counts(entries))
    if not fixed:
        return {}
    folded = {}
    for key in entries:
        parts = key.split()
        if any(part in fixed for part in parts):
            target = " ".join(fixed.get(part, part) for part in parts)
            if target != key and target in entries:
                folded[key] = target
    return folded


def fold_misspellings(entries: Mapping[str, Entry]) -> tuple[dict[str, Entry], set[str]]:
    """``entries`` with each misspelt key's counts added to the key it misspells (copies of
    those entries; the others are shared), and the set of keys folded away."""
    folded = misspelt_keys(entries)
    if not folded:
        return dict(entries), set()
    merged = dict(entries)
    for typo, target in folded.items():
        extra, base = entries[typo], merged[target]
        if base is entries[target]:
            base = merged[target] = Entry(
                base.count, base.documents, base.error, base.whole_line, dict(base.surfaces),
                list(base.examples), dict(base.long_forms), base.variant_of, base.domain,
                base.context, base.context_uses)
        base.count += extra.count
        base.documents += extra.documents  # an upper bound: both may share a document
        base.whole_line += extra.whole_line
        base.context += extra.context
        base.context_uses += extra.context_uses
        del merged[typo]
    return merged, set(folded)
