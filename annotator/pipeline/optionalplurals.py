"""Glossary matches ending in a word written with an optional plural: ``ticket(s)``, ``SLA(s)``.

spaCy makes "ticket(s" one token and ")" another, so the matcher reads such a token as its word
without the "(s" and lets the match take the ")" too. Only the matches *ending* at such a word
are new, and a match ending at token ``i`` reads nothing but the pattern-length run of words
that ends there (each such word read as its word). A few of them (a page of prose) are looked
up run by run, each distinct run once; where they are dense (a document repeating "SLA(s)", a
match every two tokens) the runs would overlap and their Python steps cost more than one bulk
search of the whole document read that way, so that is what they get: the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .tokentexts import tokens_at

#: A word's optional plural, "(s)" right after it: spaCy's token ends before the ")".
OPTIONAL_PLURAL = re.compile(r"\(s\)")
_CLOSE = get_string_id(")")
#: From this many words with an optional plural per token of the document, one bulk search
#: of it costs less than a search of the run before each.
BULK_SHARE = 1 / 16

Found = tuple[list[int], list[int], list[int]]  # starts, ends, targets


def written_plurals(doc: Doc, text: str, lower: Sequence[int], orth: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Token -> the ``LOWER`` and ``ORTH`` hashes of its word, for each token of ``doc`` that is
    a word (two characters or more) and the "(s" of an optional plural, followed by ")".
    ``lower`` and ``orth``: the doc's columns of those hashes."""
    bounds = doc.to_array([IDX, LENGTH])
    ends = bounds[:, 0] + bounds[:, 1]
    # ``start`` called in C: no Python step per hit.
    found_at = tokens_at(ends, map((2).__add__, map(re.Match.start, OPTIONAL_PLURAL.finditer(text))))
    if not found_at:
        return {}
    n = len(doc)
    lengths = bounds[:, 1].tolist()
    stems: dict[int, tuple[int, int]] = {}
    words: dict[int, tuple[int, int]] = {}  # each distinct token's word hashed once
    for i in found_at:
        # The token ends in the "(s" the search found: its word is the rest.
        if lengths[i] > 3 and i + 1 < n and orth[i + 1] == _CLOSE:
            pair = words.get(orth[i])
            if pair is None:
                start = int(bounds[i, 0])
                word = text[start : start + lengths[i] - 2]
                pair = words[orth[i]] = (get_string_id(word.lower()), get_string_id(word))
            stems[i] = pair
    return stems


def optional_plural_matches(stems: dict[int, tuple[int, int]], table, words: Sequence[int], column: int,
                            reach: int, bulk: bool | None = None) -> Found:  # fmt: skip
    """The matches of ``table`` (a :class:`~.matcher.PhraseTable`) in ``words`` (the document's
    hashes it reads; ``column``: 0 for ``LOWER``, 1 for ``ORTH``) ending at a word of ``stems``
    (:func:`written_plurals`), that word read as its word, each taking the ")" after it.
    ``reach``: the longest pattern, in tokens. ``bulk`` forces one way or the other (the same
    matches; the default picks by :data:`BULK_SHARE`)."""
    if not stems:
        return [], [], []
    if bulk is None:
        bulk = len(stems) >= BULK_SHARE * len(words)
    read = list(words)
    for i, pair in stems.items():
        read[i] = pair[column]
    if bulk:
        # As an array too: where the stems are dense, so are the pattern starts, and each
        # distinct key is looked up once (:mod:`.densephrases`).
        starts, ends, targets = table.spans(read, column=np.fromiter(read, dtype=np.uint64, count=len(read)))
        is_stem = np.zeros(len(read) + 1, dtype=bool)
        is_stem[list(stems)] = True
        keep = is_stem[np.array(ends, dtype=np.int64) - 1].tolist()
        return (list(compress(starts, keep)), [end + 1 for end in compress(ends, keep)],
                list(compress(targets, keep)))
    found: Found = ([], [], [])
    ending: dict[tuple[int, ...], list[tuple[int, int]]] = {}  # a run -> (start in it, target)
    for i in sorted(stems):
        run = tuple(read[max(0, i - reach + 1) : i + 1])
        hits = ending.get(run)
        if hits is None:
            width = len(run)
            hits = ending[run] = [(start, target) for start, end, target in zip(*table.spans(list(run)))
                                  if end == width]  # fmt: skip
        first = i + 1 - len(run)
        for start, target in hits:
            found[0].append(first + start), found[1].append(i + 2), found[2].append(target)
    return found
