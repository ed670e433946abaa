"""The matching stage: EntityRuler-format patterns -> non-overlapping glossary matches.

The same ``patterns.jsonl`` a stock ``entity_ruler`` loads, matched the fast way:
phrase-string patterns on ``LOWER`` and the acronyms' token patterns on ``ORTH``, each as a
table from token-hash sequences to pattern ids (:class:`PhraseTable`, what spaCy's
``PhraseMatcher`` does, at a tenth of its memory: a 100,000-concept glossary loads in a few
seconds and ~300 MB instead of ~1.2 GB), instead of one ``Matcher`` token pattern per acronym.
Matches are resolved the way the stock ruler resolves them (longest first, then leftmost), so
both give the same entities (tests/pipeline/test_equivalence.py).

One thing the stock ruler cannot do: spaCy makes a line break its own token, so ``first\n
contact resolution`` never matches a phrase pattern. Around each whitespace token holding at
most one newline we match again on the token hashes with the whitespace squeezed out; a blank
line (a paragraph break) stays a barrier. Docs without such tokens never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import numpy as np
import srsly
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import PipelineError
from ..glossary.patterns import PatternStream
from . import collector

#: Placed between squeezed windows: the hash of the empty string, which no token has, so no
#: match spans two windows.
_BARRIER = 0
_TOKEN_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}
# Single spaces between non-space chunks: the phrases whose chunks tokenize independently.
_PLAIN_SPACING = re.compile(r"\S+(?: \S+)*")


class Match(NamedTuple):
    """One pattern match. A named tuple: a long document makes one per candidate, and a
    tuple is several times cheaper to create than a frozen dataclass."""

    start: int  # token index
    end: int
    label: str
    id: str
    is_token_pattern: bool  # came from an ORTH token pattern (acronyms)


def _pattern_tokens(pattern: list, *, line: int) -> tuple[str, list[str]]:
    """A token pattern our phrase matchers can run: every token one exact ORTH or LOWER value.

    Returns the attribute and the words. Anything else (operators, regexes, other attributes)
    is refused with E302 rather than silently dropped.
    """
    attrs = set()
    words = []
    for token in pattern:
        if not isinstance(token, dict) or len(token) != 1:
            raise PipelineError("E302", line=line, path="patterns", detail=f"unsupported token {token!r}")
        ((attr, value),) = token.items()
        if attr not in _TOKEN_ATTRS or not isinstance(value, str) or not value:
            raise PipelineError("E302", line=line, path="patterns", detail=f"unsupported token {token!r}")
        attrs.add(_TOKEN_ATTRS[attr])
        words.append(value)
    if len(attrs) != 1:
        raise PipelineError("E302", line=line, path="patterns", detail="mixed ORTH/LOWER tokens")
    return attrs.pop(), words


class PhraseTable:
    """Token sequences -> pattern targets, keyed by the tokens' attribute hashes.

    What spaCy's ``PhraseMatcher`` does, in a form that stays small for big glossaries: one
    dict from a tuple of hashes to a target number (a tuple of them when several patterns
    share the sequence), and the longest pattern per first token. ``PhraseMatcher`` keeps a
    trie of C maps plus a Python set of every pattern, about 1.5 KB per pattern (1.2 GB for
    the 740,000 patterns of a 100,000-concept glossary); this is about 150 bytes.
    """

    __slots__ = ("table", "longest", "_firsts")

    def __init__(self) -> None:
        self.table: dict[tuple[int, ...], int | tuple[int, ...]] = {}
        self.longest: dict[int, int] = {}
        self._firsts: np.ndarray | None = None

    def add(self, hashes: tuple[int, ...], target: int) -> None:
        found = self.table.setdefault(hashes, target)  # one lookup: most keys are new
        if found != target:  # the key was there, for another target (or several)
            if isinstance(found, int):
                self.table[hashes] = (found, target)
            elif target not in found:
                self.table[hashes] = (*found, target)
        first = hashes[0]
        if self.longest.get(first, 0) < len(hashes):
            self.longest[first] = len(hashes)

    def __len__(self) -> int:
        return len(self.table)

    def first_words(self) -> np.ndarray:
        """Every hash a pattern starts with, sorted (made again when patterns were added)."""
        firsts = self._firsts
        if firsts is None or len(firsts) != len(self.longest):
            firsts = np.fromiter(self.longest, dtype=np.uint64, count=len(self.longest))
            firsts.sort()
            self._firsts = firsts
        return firsts

    def starts(self, words: np.ndarray) -> list[int]:
        """Positions in ``words`` (a uint64 array) where some pattern may start.

        One vectorised pass instead of a dict lookup per token: most tokens start nothing.
        """
        firsts = self.first_words()
        if not len(firsts) or not len(words):
            return []
        at = np.searchsorted(firsts, words)
        np.minimum(at, len(firsts) - 1, out=at)
        return np.flatnonzero(firsts[at] == words).tolist()

    def find(self, words: list[int], starts: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
        """``(start, end, target)`` for every pattern occurring in ``words``; ``starts``, when
        given, are the only positions tried (see :meth:`starts`)."""
        longest, table = self.longest, self.table
        n = len(words)
        found: list[tuple[int, int, int]] = []
        for start in range(n) if starts is None else starts:
            reach = longest.get(words[start])
            if reach is None:
                continue
            for end in range(start + 1, min(n, start + reach) + 1):
                hit = table.get(tuple(words[start:end]))
                if hit is None:
                    continue
                if isinstance(hit, int):
                    found.append((start, end, hit))
                else:
                    found.extend((start, end, target) for target in hit)
        return found


def _records(patterns: Iterable[dict]) -> Iterator[tuple[str, object, str]]:
    """``(label, pattern, id)`` of each pattern dict; E302 (with its line) for one that is not."""
    for line, pattern in enumerate(patterns, 1):
        if not isinstance(pattern, dict) or "label" not in pattern or "pattern" not in pattern:
            raise PipelineError("E302", line=line, path="patterns", detail="needs 'label' and 'pattern'")
        yield str(pattern["label"]), pattern["pattern"], str(pattern.get("id") or "")


class _WordHashes(dict):
    """Token text -> the hash the matcher keys it by (of ``fold(text)``), computed on first
    sight. Equal hashes share one int object (``interned``), so a table of ~740,000 keys holds
    one int per distinct word."""

    __slots__ = ("fold", "interned")

    def __init__(self, fold: Callable[[str], str] | None, interned: dict[int, int]) -> None:
        super().__init__()
        self.fold, self.interned = fold, interned

    def __missing__(self, word: str) -> int:
        value = get_string_id(word if self.fold is None else self.fold(word))
        value = self[word] = self.interned.setdefault(value, value)
        return value


class _TableBuilder:
    """What :class:`GlossaryMatcher` needs while reading its patterns, dropped after it: the
    hashes of the words seen so far and the tokens of the chunks the tokenizer was asked for.

    A glossary's words recur (``rate``, ``routing`` in thousands of terms, a term's words in
    each of its variants), its phrases do not: hashes are cached per word, never per phrase.
    """

    def __init__(self, tokenizer: Callable[[str], list[str]]) -> None:
        self.tokenizer = tokenizer
        interned: dict[int, int] = {}
        self.lower_hash = _WordHashes(str.lower, interned).__getitem__
        self.orth_hash = _WordHashes(None, interned).__getitem__
        # The phrases whose tokens follow from their spelling (see PatternTokenizer.plain_words):
        # almost all of them, with no per-chunk work.
        self.plain_words = getattr(tokenizer, "plain_words", None)
        # A plain word is one token of itself (see PatternTokenizer.chunk): no tokenizer call.
        self.special = getattr(tokenizer, "special", None)
        # spaCy tokenizes each space-separated chunk on its own, so a phrase's tokens are its
        # chunks' tokens end to end: each other chunk goes through the tokenizer once.
        self.chunk_cache: dict[str, tuple[str, ...]] = {}

    def tokens(self, phrase: str) -> list[str]:
        """The token texts of a phrase pattern (for one :meth:`plain_words` does not answer)."""
        if not _PLAIN_SPACING.fullmatch(phrase):
            return list(self.tokenizer(phrase))
        special, cache = self.special, self.chunk_cache
        words: list[str] = []
        for chunk in phrase.split(" "):
            if special is not None and chunk.isalpha() and chunk not in special:
                words.append(chunk)
                continue
            tokens = cache.get(chunk)
            if tokens is None:
                tokens = cache[chunk] = tuple(self.tokenizer(chunk))
            words.extend(tokens)
        return words


class GlossaryMatcher:
    """EntityRuler patterns matched on ``LOWER`` (phrases) and ``ORTH`` (acronym tokens)."""

    def __init__(
        self,
        vocab: Vocab,
        tokenizer: Callable[[str], list[str]],
        patterns: Iterable[dict],
        *,
        check_id: Callable[[str, int], None] | None = None,
    ) -> None:
        """``tokenizer`` maps a phrase pattern string to its token texts (the pipeline's own
        tokenizer, e.g. through :class:`~annotator.glossary.patterns.PatternTokenizer`).
        ``patterns`` is read once, so it may be a generator; ``check_id(id, line)`` is called
        once for every distinct pattern id, at its first line (to refuse unknown ones as it
        goes; a check that passed for an id passes again)."""
        self.vocab = vocab
        self.lower = PhraseTable()
        self.orth = PhraseTable()
        self.targets: list[tuple[str, str, bool]] = []  # (label, id, is_token_pattern)
        self.labels: set[str] = set()
        self.max_length = 1
        self.token_words: set[str] = set()  # every ORTH in a token pattern (the acronyms)
        self.join_left: set[int] = set()
        self.join_right: set[int] = set()
        self.ids: set[str] = set()  # every pattern id (the cache re-checks them on loading)
        # Built once per matcher and dropped with the builder: word hashes, chunk tokens.
        build = _TableBuilder(tokenizer)
        plain_words, lower_hash, orth_hash = build.plain_words, build.lower_hash, build.orth_hash
        ids, labels, token_words = self.ids, self.labels, self.token_words
        join_left, join_right = self.join_left, self.join_right
        # (label, id, is_token) -> target; patterns come grouped by concept, so the last one
        # found is tried first.
        target_of: dict[tuple[str, str, bool], int] = {}
        last: tuple[str, str, bool] | None = None
        target = -1
        max_length = 1
        count = 0
        # generate_patterns() hands its values over as they are (see PatternStream.records),
        # made by a forked child for a big glossary: the collector walks what loading has built
        # just before the fork, then what this constructor makes while it waits for the child
        # (collector.settle).
        if isinstance(patterns, PatternStream):
            items = patterns.records(settle=collector.settle)
        else:
            items = _records(patterns)
        for line, (label, body, pid) in enumerate(items, 1):
            count = line
            # A glossary's ~7 patterns per concept share its id: each id is checked once.
            if pid and pid not in ids:
                if check_id is not None:
                    check_id(pid, line)
                ids.add(pid)
            if isinstance(body, str):
                words = None if plain_words is None else plain_words(body)
                if words is None:  # (a blank phrase never has plain words)
                    if not body.strip():
                        raise PipelineError("E302", line=line, path="patterns", detail="empty phrase pattern")
                    words = build.tokens(body)
                is_token = False
                hashes = tuple(map(lower_hash, words))
            elif isinstance(body, list) and body:
                attr, words = _pattern_tokens(body, line=line)
                is_token = attr == "ORTH"
                if is_token:
                    token_words.update(words)
                hashes = tuple(map(orth_hash if is_token else lower_hash, words))
            else:
                raise PipelineError("E302", line=line, path="patterns", detail="empty or invalid pattern")
            labels.add(label)
            if not hashes:
                continue
            length = len(hashes)
            if length > 1:
                if length > max_length:
                    max_length = length
                # Hashes that can sit before / after a gap inside a multi-word pattern.
                join_left.update(hashes[:-1])
                join_right.update(hashes[1:])
            key = (label, pid, is_token)
            if key != last:
                last = key
                target = target_of.get(key, -1)
                if target < 0:
                    target = target_of[key] = len(self.targets)
                    self.targets.append(key)
            # PhraseTable.add, inlined (once per pattern).
            table = self.orth if is_token else self.lower
            found = table.table.setdefault(hashes, target)  # one lookup: most keys are new
            if found != target:  # there already, for another target (or several)
                table.add(hashes, target)
            elif table.longest.get(hashes[0], 0) < length:
                table.longest[hashes[0]] = length
        self.max_length = max_length
        self.n_patterns = count

    def __len__(self) -> int:
        """The number of distinct (label, id, attribute) keys, as two PhraseMatchers count."""
        return len(self.targets)

    # --- candidate matches ------------------------------------------------------------------

    def _match(self, lower: list[int], orth: list[int]) -> list[tuple[int, int, int]]:
        return self.lower.find(lower) + self.orth.find(orth)

    def candidates(self, doc: Doc) -> list[Match]:
        """Every pattern match in ``doc``, including terms broken over a single line break."""
        if not len(doc):
            return []
        array = doc.to_array([LOWER, ORTH, IS_SPACE])
        lower, orth = array[:, 0].tolist(), array[:, 1].tolist()
        hits = self.lower.find(lower, self.lower.starts(array[:, 0]))
        hits += self.orth.find(orth, self.orth.starts(array[:, 1]))
        targets = self.targets
        found = {Match(start, end, *targets[target]) for start, end, target in hits}
        # Whitespace the tokenizer made a token of its own (a line break, a run of spaces).
        spaces = np.flatnonzero(array[:, 2])
        if len(spaces):
            found.update(self._squeezed_candidates(doc, lower, orth, spaces.tolist()))
        return list(found)

    def _squeezed_candidates(self, doc: Doc, lower: list[int], orth: list[int], spaces: list[int]) -> list[Match]:
        n = len(doc)
        # Whitespace tokens holding at most one line break (a blank line stays a barrier).
        soft = {i for i in spaces if doc[i].text.count("\n") <= 1}
        squeezable = []
        for i in sorted(soft):
            if i == 0 or i == n - 1:
                continue
            # Only worth a second look when the words on both sides can continue a pattern
            # across the gap; most line breaks end a sentence.
            if (lower[i - 1] in self.join_left or orth[i - 1] in self.join_left) and (
                lower[i + 1] in self.join_right or orth[i + 1] in self.join_right
            ):
                squeezable.append(i)
        if not squeezable:
            return []
        reach = self.max_length + 1
        # Windows of max-pattern-length tokens around each squeezable token, merged.
        windows: list[list[int]] = []
        for i in squeezable:
            lo, hi = max(0, i - reach), min(n, i + reach + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        # Every soft whitespace token inside a window is squeezed out; windows are joined by
        # a barrier no pattern contains (hash 0 is the empty string, never a token).
        index: list[int] = []  # squeezed position -> doc token index (-1 for a barrier)
        for lo, hi in windows:
            if index:
                index.append(-1)
            index.extend(i for i in range(lo, hi) if i not in soft)
        squeezed_lower = [_BARRIER if i < 0 else lower[i] for i in index]
        squeezed_orth = [_BARRIER if i < 0 else orth[i] for i in index]
        targets = self.targets
        found = []
        for start, end, target in self._match(squeezed_lower, squeezed_orth):
            first, last = index[start], index[end - 1]
            if first < 0 or last < 0:
                continue
            # Only matches that actually cross a squeezed token are new.
            if last - first + 1 != end - start:
                found.append(Match(first, last + 1, *targets[target]))
        return found


def resolve(matches: list[Match], n_tokens: int, taken: bytearray | None = None) -> tuple[list[Match], list[Match]]:
    """Longest match first, then leftmost; no overlaps (the stock ``entity_ruler``'s rule).

    ``taken`` marks tokens already owned (existing entities the ruler must respect). Returns
    the accepted matches and the token-pattern (acronym) matches nested inside an accepted one.
    """
    taken = bytearray(n_tokens) if taken is None else taken
    accepted: list[Match] = []
    rejected: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start, m.label, m.id)):
        if any(taken[match.start : match.end]):
            rejected.append(match)
            continue
        taken[match.start : match.end] = b"\x01" * (match.end - match.start)
        accepted.append(match)
    nested = []
    if rejected:
        # Accepted matches never overlap, so at most one holds a given token: index them by
        # token rather than scanning them all for every rejected match (which was quadratic
        # on a long document repeating "SLA breach").
        owner: dict[int, Match] = {}
        for outer in accepted:
            for i in range(outer.start, outer.end):
                owner[i] = outer
        for match in rejected:
            if not match.is_token_pattern:
                continue
            outer = owner.get(match.start)
            # An acronym inside a longer glossary span (SLA in "SLA breach"), not the
            # acronym inside its own plural or possessive match.
            if outer is not None and match.end <= outer.end and outer.id != match.id:
                nested.append(match)
    accepted.sort(key=lambda m: m.start)
    nested.sort(key=lambda m: m.start)
    return accepted, nested


# --- the pre-tokenised cache ------------------------------------------------------------------

#: Bumped whenever the cache layout or the meaning of its contents changes.
CACHE_VERSION = 1
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
    state = {
        "version": CACHE_VERSION,
        "fingerprint": fingerprint,
        "words": np.asarray(list(word_index), _HASH).tobytes(),
        "targets": [list(t) for t in matcher.targets],
        "labels": sorted(matcher.labels),
        "max_length": matcher.max_length,
        "n_patterns": matcher.n_patterns,
        "token_words": sorted(matcher.token_words),
        "join_left": np.asarray([word_index[h] for h in matcher.join_left], _INDEX).tobytes(),
        "join_right": np.asarray([word_index[h] for h in matcher.join_right], _INDEX).tobytes(),
        "ids": sorted(matcher.ids),
        "lower": _table_state(matcher.lower, word_index),
        "orth": _table_state(matcher.orth, word_index),
    }
    return srsly.msgpack_dumps(state)


def matcher_from_cache(vocab: Vocab, data: bytes, fingerprint: str) -> GlossaryMatcher | None:
    """A :class:`GlossaryMatcher` from :func:`matcher_to_cache` bytes, or None when they are
    not for ``fingerprint`` (or unreadable): the caller then builds it from the patterns."""
    try:
        state = srsly.msgpack_loads(data)
        if not isinstance(state, dict) or state.get("version") != CACHE_VERSION:
            return None
        if state.get("fingerprint") != fingerprint:
            return None
        hashes = np.frombuffer(state["words"], _HASH).tolist()
        words = np.empty(len(hashes), dtype=object)
        words[:] = hashes
        target_ints = np.empty(len(state["targets"]), dtype=object)
        target_ints[:] = range(len(state["targets"]))
        matcher = GlossaryMatcher.__new__(GlossaryMatcher)
        matcher.vocab = vocab
        matcher.targets = [(str(label), str(pid), bool(tok)) for label, pid, tok in state["targets"]]
        matcher.labels = set(state["labels"])
        matcher.max_length = int(state["max_length"])
        matcher.n_patterns = int(state["n_patterns"])
        matcher.token_words = set(state["token_words"])
        matcher.join_left = set(words[np.frombuffer(state["join_left"], _INDEX)].tolist())
        matcher.join_right = set(words[np.frombuffer(state["join_right"], _INDEX)].tolist())
        matcher.ids = set(state["ids"])
        matcher.lower = _table_from_state(state["lower"], words, target_ints)
        matcher.orth = _table_from_state(state["orth"], words, target_ints)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return matcher
