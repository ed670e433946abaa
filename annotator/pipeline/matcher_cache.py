"""The matcher's tables, pre-tokenised, as msgpack bytes (``matcher.msgpack``).

A restored pipeline would otherwise parse and tokenise every pattern again (740,000 at 100,000
concepts); from this cache it rebuilds the tables from flat arrays. The cache names what it
was built from (a fingerprint of the patterns file and the tokenizer) and is ignored when that
does not fit.
"""

from __future__ import annotations

import numpy as np
import srsly
from spacy.vocab import Vocab

from ..runtime import collector
from .matcher import GlossaryMatcher, PhraseTable

#: Bumped whenever the cache layout or the meaning of its contents changes.
CACHE_VERSION = 3
_HASH = np.dtype("<u8")
_INDEX = np.dtype("<u4")


def _table_state(table: PhraseTable, word_index: dict[int, int]) -> dict:
    """A :class:`PhraseTable` as flat arrays: keys grouped by length (rows of word indices),
    single targets beside them; the rare keys several patterns share kept apart."""
    by_length: dict[int, tuple[list[int], list[int]]] = {}
    shared: list[tuple[list[int], list[int]]] = []
    for key, value in table.table.items():
        indices = [word_index[h] for h in key]
        if isinstance(value, int):
            rows, targets = by_length.setdefault(len(key), ([], []))
            rows.extend(indices)
            targets.append(value)
        else:
            shared.append((indices, list(value)))
    return {
        "groups": [
            [length, np.asarray(rows, _INDEX).tobytes(), np.asarray(targets, _INDEX).tobytes()]
            for length, (rows, targets) in sorted(by_length.items())
        ],
        "shared": [[indices, targets] for indices, targets in shared],
        "longest": [
            np.asarray([word_index[h] for h in table.longest], _INDEX).tobytes(),
            np.asarray(list(table.longest.values()), _INDEX).tobytes(),
        ],
    }


def _table_from_state(state: dict, words: np.ndarray, target_ints: np.ndarray) -> PhraseTable:
    # ``words`` and ``target_ints`` are object arrays: indexing them hands out the same int
    # objects every time, so 1.9 million key hashes cost one object per distinct word.
    table = PhraseTable()
    for length, rows, targets in state["groups"]:
        index = np.frombuffer(rows, _INDEX).reshape(-1, length)
        keys = map(tuple, words[index].tolist())
        table.table.update(zip(keys, target_ints[np.frombuffer(targets, _INDEX)].tolist()))
    for indices, targets in state["shared"]:
        table.table[tuple(words[indices].tolist())] = tuple(targets)
    firsts, lengths = state["longest"]
    table.longest = dict(
        zip(words[np.frombuffer(firsts, _INDEX)].tolist(), np.frombuffer(lengths, _INDEX).tolist())
    )
    return table


def matcher_to_cache(matcher: GlossaryMatcher, fingerprint: str) -> bytes:
    """The matcher's tables, pre-tokenised, as msgpack bytes (see :func:`matcher_from_cache`).

    ``fingerprint`` names what the tables were built from (the patterns file and the
    tokenizer); a cache whose fingerprint differs is ignored when loading.
    """
    word_index: dict[int, int] = {}
    for table in (matcher.lower, matcher.orth):
        for key in table.table:
            for h in key:
                if h not in word_index:
                    word_index[h] = len(word_index)
    # Targets and ids as indices into one list of their distinct strings: a target's label,
    # id and kind recur (~3 targets a concept), and unpacked one by one each occurrence would
    # be a string object of its own.
    string_index: dict[str, int] = {}
    index_of = string_index.setdefault
    targets = [
        (index_of(label, len(string_index)), index_of(pid, len(string_index)), int(bool(tok)),
         index_of(kind, len(string_index)))
        for label, pid, tok, kind in matcher.targets
    ]
    ids = [index_of(pid, len(string_index)) for pid in sorted(matcher.ids)]
    state = {
        "version": CACHE_VERSION,
        "fingerprint": fingerprint,
        "words": np.asarray(list(word_index), _HASH).tobytes(),
        "strings": list(string_index),
        "targets": np.asarray(targets, _INDEX).reshape(-1).tobytes(),
        "ids": np.asarray(ids, _INDEX).tobytes(),
        "labels": sorted(matcher.labels),
        "max_length": matcher.max_length,
        "n_patterns": matcher.n_patterns,
        "token_words": sorted(matcher.token_words),
        "join_left": np.asarray([word_index[h] for h in matcher.join_left], _INDEX).tobytes(),
        "join_right": np.asarray([word_index[h] for h in matcher.join_right], _INDEX).tobytes(),
        "lower": _table_state(matcher.lower, word_index),
        "orth": _table_state(matcher.orth, word_index),
    }
    return srsly.msgpack_dumps(state)


def matcher_from_cache(vocab: Vocab, data: bytes, fingerprint: str) -> GlossaryMatcher | None:
    """A :class:`GlossaryMatcher` from :func:`matcher_to_cache` bytes, or None when they are
    not for ``fingerprint`` (or unreadable): the caller then builds it from the patterns."""
    try:
        with collector.preserved():
            state = srsly.msgpack_loads(data)
        if not isinstance(state, dict) or state.get("version") != CACHE_VERSION:
            return None
        if state.get("fingerprint") != fingerprint:
            return None
        hashes = np.frombuffer(state["words"], _HASH).tolist()
        words = np.empty(len(hashes), dtype=object)
        words[:] = hashes
        strings = [str(s) for s in state["strings"]]
        targets = np.frombuffer(state["targets"], _INDEX).reshape(-1, 4).tolist()
        target_ints = np.empty(len(targets), dtype=object)
        target_ints[:] = range(len(targets))
        matcher = GlossaryMatcher.__new__(GlossaryMatcher)
        matcher.vocab = vocab
        matcher.targets = [
            (strings[label], strings[pid], bool(tok), strings[kind]) for label, pid, tok, kind in targets
        ]
        matcher.labels = set(state["labels"])
        matcher.max_length = int(state["max_length"])
        matcher.n_patterns = int(state["n_patterns"])
        matcher.token_words = set(state["token_words"])
        matcher.join_left = set(words[np.frombuffer(state["join_left"], _INDEX)].tolist())
        matcher.join_right = set(words[np.frombuffer(state["join_right"], _INDEX)].tolist())
        matcher.ids = {strings[i] for i in np.frombuffer(state["ids"], _INDEX).tolist()}
        matcher.lower = _table_from_state(state["lower"], words, target_ints)
        matcher.orth = _table_from_state(state["orth"], words, target_ints)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return matcher
