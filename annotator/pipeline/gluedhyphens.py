"""Glossary matches across a hyphen glued to the word after it: "Sign -On", "Text -to -Speech".

An escaped Markdown hyphen leaves a space before it once its backslash is hidden, and spaCy
makes "-On" one token, so the phrase "sign-on" is not found. Such a token is read as two, the
hyphen and the word, and the phrases found that way are kept when they hold whole tokens (a
match may not start at the word of a split token nor end at its hyphen) and cross a split
token (any other is the matcher's own). A few of them are searched in windows of
pattern-length around each; where they are dense (a document repeating "Text -to -Speech")
the windows merge into one anyway, and the whole document is read that way in bulk, with no
Python step per token: the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .tokentexts import token_windows, tokens_at

#: A hyphen glued to the letters after it, one space after a word ("Sign -On"). The pattern
#: opens on the hyphen itself and looks behind from there, so the engine skips at C speed to
#: the hyphens instead of trying the look-behind at every position of a long text.
GLUED_HYPHEN = re.compile(r"-(?<=[^\W_] -)(?=[^\W\d_])")
#: Where a word of the sequence read came from: all of a token, or the hyphen / the word of a
#: token split in two.
_WHOLE, _HYPHEN_PART, _WORD_PART = 0, 1, 2
#: From this many split tokens per token of the document, one bulk search of it costs less
#: than the windows' Python steps.
BULK_SHARE = 1 / 16

Found = tuple[list[int], list[int], list[int]]  # starts, ends (doc tokens), targets


def split_tokens(doc: Doc, text: str, lower: Sequence[int]) -> dict[int, int]:
    """Token -> the ``LOWER`` hash of its word, for each token of ``doc`` that is a glued hyphen
    and a word ("-On" in "Sign -On"). ``lower``: the doc's ``LOWER`` hashes."""
    bounds = doc.to_array([IDX, LENGTH])
    # ``start`` called in C: no Python step per hyphen.
    at = tokens_at(bounds[:, 0], map(re.Match.start, GLUED_HYPHEN.finditer(text)))
    lengths = bounds[:, 1].tolist()
    strings = doc.vocab.strings
    words: dict[int, int] = {}  # each distinct token's word hashed once
    split = {}
    for i in at:
        if lengths[i] > 1:
            word = words.get(lower[i])
            if word is None:
                word = words[lower[i]] = get_string_id(strings[lower[i]][1:])
            split[i] = word
    return split


def hyphen_split_matches(split: dict[int, int], table, lower: Sequence[int], reach: int,
                         bulk: bool | None = None) -> Found:  # fmt: skip
    """The matches of ``table`` (a :class:`~.matcher.PhraseTable` of ``LOWER`` hashes) in the
    document ``lower`` read with each token of ``split`` (:func:`split_tokens`) as its hyphen
    and its word, that hold whole tokens and cross a split one, as doc-token bounds.
    ``reach``: the longest pattern, in tokens. ``bulk`` forces one way or the other (the same
    matches; the default picks by :data:`BULK_SHARE`)."""
    if not split:
        return [], [], []
    if bulk is None:
        bulk = len(split) >= BULK_SHARE * len(lower)
    hyphen = get_string_id("-")
    if not bulk:
        found: Found = ([], [], [])
        for lo, hi in token_windows(split, reach, len(lower)):
            words: list[int] = []
            tokens: list[int] = []  # window position -> doc token index
            parts: list[int] = []
            for i in range(lo, hi):
                if i in split:
                    words += (hyphen, split[i])
                    tokens += (i, i)
                    parts += (_HYPHEN_PART, _WORD_PART)
                else:
                    words.append(lower[i]), tokens.append(i), parts.append(_WHOLE)
            for start, end, target in table.find(words):
                if parts[start] != _WORD_PART and parts[end - 1] != _HYPHEN_PART and any(parts[start:end]):
                    found[0].append(tokens[start]), found[1].append(tokens[end - 1] + 1), found[2].append(target)
        return found
    n = len(lower)
    at = np.array(sorted(split), dtype=np.int64)
    counts = np.ones(n, dtype=np.int64)
    counts[at] = 2
    first = (np.cumsum(counts) - counts)[at]  # where each split token's hyphen is read
    tokens = np.repeat(np.arange(n), counts)  # position read -> doc token index
    parts = np.zeros(len(tokens), dtype=np.int8)
    parts[first], parts[first + 1] = _HYPHEN_PART, _WORD_PART
    words = np.repeat(np.array(lower, dtype=np.uint64), counts)
    words[first] = hyphen
    words[first + 1] = np.array(list(map(split.__getitem__, at.tolist())), dtype=np.uint64)
    starts, ends, targets = table.spans(words.tolist())
    if not starts:
        return [], [], []
    starts, ends = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
    crossed = np.concatenate(([0], np.cumsum(parts != _WHOLE)))  # split parts read before each
    keep = (crossed[ends] > crossed[starts]) & (parts[starts] != _WORD_PART) & (parts[ends - 1] != _HYPHEN_PART)
    return (tokens[starts[keep]].tolist(), (tokens[ends[keep] - 1] + 1).tolist(),
            np.array(targets, dtype=np.int64)[keep].tolist())
