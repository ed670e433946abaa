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
line (a paragraph break) stays a barrier. Docs without such tokens never pay for it. The same
way, a hyphen glued to the word after it and parted from the word before ("Sign -On", what
Markdown's escaped hyphen ``Sign\\-On`` leaves once its backslash is hidden; spaCy keeps
"-On" one token) is read as the hyphen and the word, and a word written with an optional
plural ("ticket(s)", one token "ticket(s" and a ")") as the word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import NamedTuple

import numpy as np
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import PipelineError
from ..glossary.compile import EXACT, Record
from . import tuplehash
from .densephrases import DENSE_TOKENS_PER_START, dense_spans
from .gluedhyphens import GLUED_HYPHEN, hyphen_split_matches, split_tokens
from .optionalplurals import optional_plural_matches, written_plurals

#: Placed between squeezed windows: the hash of the empty string, which no token has, so no
#: match spans two windows.
_BARRIER = 0
_TOKEN_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}
#: The token attributes matching reads, as ``Doc.to_array`` columns.
COLUMNS = [LOWER, ORTH, IS_SPACE]
#: The space before such a hyphen (opening on the space, as ``GLUED_HYPHEN`` on its hyphen).
_GLUED_HYPHEN_GAP = re.compile(r" (?<=[^\W_] )(?=-[^\W\d_])")
#: From this many keys, :meth:`PrefixBits.of` hashes the prefixes with numpy (below it, the
#: arrays' set-up costs more than the Python loop).
_VECTOR_MIN_KEYS = 256
#: A match's first and end token (:class:`Match` is a tuple: a C call, no attribute lookup).
MATCH_START, MATCH_END = itemgetter(0), itemgetter(1)
_START_END = itemgetter(0, 1)
#: From this many starts, :meth:`PhraseTable.spans` looks keys up in bulk (below it, making
#: its lists costs more than walking from each start: a ticket of a few hundred words has
#: fewer; the benchmark's 300 tickets measure the threshold).
_BULK_STARTS = 256


def unglued(text: str) -> str:
    """``text`` with its whitespace runs as single spaces and each glued hyphen joined to the
    word before it ("Text -to -Speech" -> "Text-to-Speech"): a phrase of the visible text as a
    reader sees it on the rendered page (an escaped Markdown hyphen leaves that space once its
    backslash is hidden, a line break inside a phrase is a space)."""
    text = " ".join(text.split())
    return _GLUED_HYPHEN_GAP.sub("", text) if " -" in text else text


class Match(NamedTuple):
    """One pattern match. A named tuple: a long document makes one per candidate, and a
    tuple is several times cheaper to create than a frozen dataclass."""

    start: int  # token index
    end: int
    label: str
    id: str
    is_token_pattern: bool  # came from an ORTH token pattern (acronyms)
    #: How it matched, the span's ``match``: the pattern's (``exact``, ``variant``,
    #: ``inflection``) or the mechanism's that made it (``fuzzy``, ...).
    kind: str = EXACT


#: ``_new_match(Match, fields)``: a :class:`Match` from the tuple of its six fields, without
#: the Python frame of the named tuple's ``__new__`` (one per candidate of every document).
_new_match = tuple.__new__


def match_bounds(matches: Sequence[Match]) -> tuple[np.ndarray, np.ndarray]:
    """Each match's first and end token, as two arrays index-aligned with ``matches``."""
    n = len(matches)
    return (np.fromiter(map(MATCH_START, matches), dtype=np.int64, count=n),
            np.fromiter(map(MATCH_END, matches), dtype=np.int64, count=n))


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
    share the sequence), the longest pattern per first token, and a bitmap of the proper
    prefixes of the patterns (see :meth:`find`). ``PhraseMatcher`` keeps a trie of C maps plus
    a Python set of every pattern, about 1.5 KB per pattern (1.2 GB for the 740,000 patterns
    of a 100,000-concept glossary); this is about 150 bytes.
    """

    __slots__ = ("table", "longest", "_prefixes")

    def __init__(self) -> None:
        self.table: dict[tuple[int, ...], int | tuple[int, ...]] = {}
        self.longest: dict[int, int] = {}
        self._prefixes: PrefixBits | None = None  # made on the first search after a change

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
        self._prefixes = None

    def __len__(self) -> int:
        return len(self.table)

    def prefixes(self) -> PrefixBits:
        """The bitmap of every proper prefix (two words or more) of the table's keys, made
        again after keys were added (the matcher's constructor and its cache write the table
        directly, and leave it unmade)."""
        if self._prefixes is None:
            self._prefixes = PrefixBits.of(self.table)
        return self._prefixes

    def find(self, words: list[int]) -> list[tuple[int, int, int]]:
        """``(start, end, target)`` for every pattern occurring in ``words``, by start, then end."""
        return sorted(zip(*self.spans(words)), key=_START_END)

    def spans(self, words: list[int], several: bool = False,
              column: np.ndarray | None = None) -> tuple[list[int], list[int], list[int]]:  # fmt: skip
        """Every pattern occurring in ``words``, as three lists: the starts, the ends and the
        targets (one-word patterns first, then two-word ones, then the longer); with
        ``several``, only the patterns of two words or more. ``column``: ``words`` as an
        array, when the caller has it: where starts are dense, each distinct key is then
        looked up once (:mod:`.densephrases`).

        The one- and two-word keys at every start that begins a pattern are looked up in bulk,
        with no Python step per start (a text of glued acronyms is one such start after another,
        each followed by a word that continues nothing). Only from a two-word key that may
        begin a longer pattern does the search grow one word at a time, stopping at the longest
        pattern of its first word, or as soon as what it holds is no pattern's prefix (as a trie
        walk does), rather than trying every length up to the longest.
        """
        longest, table = self.longest, self.table
        # Keys are sliced or zipped off one tuple of the words (a slice of a tuple is the tuple
        # key, where a list's slice is copied twice), from the starts that begin a pattern:
        # most tokens start nothing, and ``compress`` skips them without a Python step each.
        sequence = tuple(words)
        n = len(sequence)
        opens = list(map(longest.__contains__, sequence))
        starts = list(compress(range(n), opens))
        found: tuple[list[int], list[int], list[int]] = ([], [], [])
        if len(starts) < _BULK_STARTS:  # a short text: the lists would cost more than the walk
            if several:  # from the starts with room for two words
                starts = [start for start in starts if longest[sequence[start]] > 1 and start + 1 < n]
            return self._walk(sequence, starts, 2 if several else 1, found)
        if column is not None and len(starts) * DENSE_TOKENS_PER_START >= n:
            return self._walk(sequence, dense_spans(self, column, starts, several, found), 3, found)
        firsts = list(compress(sequence, opens))
        if not several:
            _add_hits(found, starts, 1, list(map(table.get, zip(firsts))))  # ``zip`` of one list: 1-tuples
        reaches = list(map(longest.__getitem__, firsts))
        longer = list(map((1).__lt__, reaches))
        starts, firsts, reaches = (list(compress(values, longer)) for values in (starts, firsts, reaches))
        if starts and starts[-1] == n - 1:  # the last word: nothing follows it
            del starts[-1], firsts[-1], reaches[-1]
        if not starts:
            return found
        pairs = list(zip(firsts, map(sequence.__getitem__, map((1).__add__, starts))))
        _add_hits(found, starts, 2, list(map(table.get, pairs)))
        # Three words or more: from the pairs that may begin a longer key (their prefix bit is
        # set), with room for a third word.
        deep = list(map((2).__lt__, reaches))
        starts, pairs = list(compress(starts, deep)), list(compress(pairs, deep))
        further: list[int] = []
        if starts:
            marks = self.prefixes().holds(pairs)
            further = list(compress(starts, (marks & (np.array(starts) + 2 < n)).tolist()))
        return self._walk(sequence, further, 3, found)

    def _walk(self, sequence: tuple[int, ...], starts: list[int], width: int,
              found: tuple[list[int], list[int], list[int]]) -> tuple[list[int], list[int], list[int]]:  # fmt: skip
        """Add to ``found`` the keys of ``width`` words or more at each of ``starts`` (each has
        room for ``width`` words within its first word's reach), growing one word at a time."""
        longest, table = self.longest, self.table
        bits, mask = self.prefixes()
        n = len(sequence)
        found_starts, found_ends, found_targets = found
        for start in starts:
            stop = min(n, start + longest[sequence[start]])
            end = start + width
            while True:
                key = sequence[start:end]
                hit = table.get(key)
                if hit is not None:
                    for target in (hit,) if isinstance(hit, int) else hit:
                        found_starts.append(start), found_ends.append(end), found_targets.append(target)
                if end >= stop:
                    break
                if end - start > 1:  # one word is a prefix of something: its reach says so
                    # ``key in self.prefixes()``, inlined: a method call per step of every
                    # search is most of this loop's cost.
                    at = hash(key) & mask
                    if not bits[at >> 3] >> (at & 7) & 1:
                        break
                end += 1
        return found


def _add_hits(found: tuple[list[int], list[int], list[int]], starts: list[int], width: int,
              hits: list[int | tuple[int, ...] | None]) -> None:  # fmt: skip
    """Add to ``found`` (starts, ends, targets) the keys of ``width`` words found at ``starts``:
    ``hits`` holds each one's table entry (None where there is none)."""
    present = list(map(is_not, hits, repeat(None)))
    hits = list(compress(hits, present))
    if not hits:
        return
    at = list(compress(starts, present))
    if not all(map(isinstance, hits, repeat(int))):  # a key of several targets
        pairs = [(start, target) for start, hit in zip(at, hits) for target in ((hit,) if isinstance(hit, int) else hit)]
        at, hits = [start for start, _ in pairs], [target for _, target in pairs]
    found[0].extend(at)
    found[1].extend(map(width.__add__, at))
    found[2].extend(hits)


class PrefixBits(NamedTuple):
    """A bitmap of hashed key prefixes, a Bloom filter with one hash: a prefix that is there
    always answers yes, and one that is not answers yes only where another prefix's hash
    collides (about one in sixteen at the size chosen), which costs a search one more
    lookup, never a match. A set of the prefix tuples would answer exactly, for ~40 MB at
    100,000 concepts; this takes 16 bits a prefix."""

    bits: bytearray
    mask: int

    @classmethod
    def of(cls, keys: Collection[tuple[int, ...]]) -> PrefixBits:
        """The bitmap of every proper prefix of two or more words of ``keys``.

        The prefixes' hashes are worked out with numpy (:mod:`.tuplehash`) where that gives
        this interpreter's ``hash()`` and every word fits in 64 bits (spaCy's hashes do); else,
        or for few keys, each prefix is sliced off its key and hashed here."""
        vector = len(keys) >= _VECTOR_MIN_KEYS and tuplehash.hashes_like_python()
        if vector:
            lengths = np.fromiter(map(len, keys), dtype=np.intp, count=len(keys))
            count = int(np.maximum(lengths - 2, 0).sum())
        else:
            count = sum(len(key) - 2 for key in keys if len(key) > 2)  # counted first: no list
        size = 1 << max(13, (16 * count).bit_length())  # bits: a power of two
        bits, mask = bytearray(size >> 3), size - 1
        if vector:
            marks = np.frombuffer(bits, dtype=np.uint8)  # a view: setting it sets ``bits``
            try:
                for hashes in tuplehash.proper_prefix_hashes(keys):
                    at = hashes & np.uint64(mask)
                    np.bitwise_or.at(marks, (at >> np.uint64(3)).astype(np.intp),
                                     np.left_shift(1, at & np.uint64(7)).astype(np.uint8))
                return cls(bits, mask)
            except OverflowError:  # a word outside 64 bits: the bits set so far are right
                pass
        for key in keys:
            for length in range(2, len(key)):
                at = hash(key[:length]) & mask
                bits[at >> 3] |= 1 << (at & 7)
        return cls(bits, mask)

    def __contains__(self, prefix: tuple[int, ...]) -> bool:
        """True for every prefix added (and for the few whose hash collides with one)."""
        at = hash(prefix) & self.mask
        return bool(self.bits[at >> 3] >> (at & 7) & 1)

    def holds(self, prefixes: Sequence[tuple[int, ...]]) -> np.ndarray:
        """``prefix in self`` for each of ``prefixes`` at once, as a boolean array."""
        at = np.fromiter(map(hash, prefixes), dtype=np.int64, count=len(prefixes)) & self.mask
        return (np.frombuffer(self.bits, dtype=np.uint8)[at >> 3] >> (at & 7) & 1) == 1


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
    hashes of the words seen so far.

    A glossary's words recur (``rate``, ``routing`` in thousands of terms, a term's words in
    each of its variants), its phrases do not: hashes are cached per word, never per phrase.
    """

    def __init__(self, tokenizer: Callable[[str], list[str]]) -> None:
        self.tokens = tokenizer
        interned: dict[int, int] = {}
        self.lower_hash = _WordHashes(str.lower, interned).__getitem__
        self.orth_hash = _WordHashes(None, interned).__getitem__
        # The phrases whose tokens follow from their spelling (see PatternTokenizer.plain_words):
        # almost all of them, with no per-chunk work.
        self.plain_words = getattr(tokenizer, "plain_words", None)


class GlossaryMatcher:
    """EntityRuler patterns matched on ``LOWER`` (phrases) and ``ORTH`` (acronym tokens)."""

    def __init__(
        self,
        vocab: Vocab,
        tokenizer: Callable[[str], list[str]],
        patterns: Iterable[Record],
        *,
        check_id: Callable[[str, int], None] | None = None,
    ) -> None:
        """``tokenizer`` maps a phrase pattern string to its token texts (the pipeline's own
        tokenizer through :class:`~annotator.glossary.tokens.PatternTokenizer`, which also
        answers most phrases from their spelling alone). ``patterns`` is any iterable of
        ``(label, pattern, id)`` records (:mod:`annotator.glossary.compile`; pattern dicts go
        through :func:`~annotator.glossary.compile.records_from_dicts`), read once, so it may
        be a generator; ``check_id(id, line)`` is called
        once for every distinct pattern id, at its first line (to refuse unknown ones as it
        goes; a check that passed for an id passes again)."""
        self.vocab = vocab
        self.lower = PhraseTable()
        self.orth = PhraseTable()
        self.targets: list[tuple[str, str, bool, str]] = []  # (label, id, is_token_pattern, kind)
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
        # (label, id, is_token, kind) -> target; patterns come grouped by concept, so the last
        # one found is tried first.
        target_of: dict[tuple[str, str, bool, str], int] = {}
        last: tuple[str, str, bool, str] | None = None
        target = -1
        max_length = 1
        count = 0
        for line, (label, body, pid, kind) in enumerate(patterns, 1):
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
            key = (label, pid, is_token, kind)
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
        return len({target[:3] for target in self.targets})

    # --- candidate matches ------------------------------------------------------------------

    def candidates(self, doc: Doc, array: np.ndarray | None = None, text: str | None = None,
                   hashes: tuple[list[int], list[int]] | None = None) -> list[Match]:
        """Every pattern match in ``doc``, including terms broken over a single line break.

        ``array``: ``doc.to_array(COLUMNS)``, when the caller has it already; ``text``: the
        doc's text, when the caller has it (only then are glued hyphens looked for: spaCy
        rebuilds ``doc.text`` on each access); ``hashes``: the array's ``LOWER`` and ``ORTH``
        columns as lists, when the caller has them."""
        if not len(doc):
            return []
        if array is None:
            array = doc.to_array(COLUMNS)
        lower, orth = hashes if hashes is not None else (array[:, 0].tolist(), array[:, 1].tolist())
        starts, ends, hits = self.lower.spans(lower, column=array[:, 0])
        more = self.orth.spans(orth, column=array[:, 1])
        starts += more[0]
        ends += more[1]
        hits += more[2]
        # No two are equal: each table finds a span and target once, and the tables' targets differ.
        found = self._matches(starts, ends, hits)
        extra: list[Match] = []
        # Whitespace the tokenizer made a token of its own (a line break, a run of spaces).
        spaces = np.flatnonzero(array[:, 2])
        if len(spaces):
            extra += self._squeezed_candidates(doc, array, lower, orth, spaces)
        # The substring test first: it rules out almost every text at C speed, the regex not.
        if text is not None and " -" in text and GLUED_HYPHEN.search(text) is not None:
            split = split_tokens(doc, text, lower)
            extra += self._matches(*hyphen_split_matches(split, self.lower, lower, self.max_length))
        if text is not None and "(s)" in text:
            stems = written_plurals(doc, text, lower, orth)
            for column, (table, words) in enumerate(((self.lower, lower), (self.orth, orth))):
                extra += self._matches(*optional_plural_matches(stems, table, words, column, self.max_length))
        # Those found again by another route once: the first found kept.
        return list(dict.fromkeys([*found, *extra])) if extra else found

    def _matches(self, starts: list[int], ends: list[int], hits: list[int]) -> list[Match]:
        """``Match(start, end, *targets[hit])`` for each, made in C calls, no Python step per
        match (every target is a 4-tuple: label, id, is_token_pattern, kind)."""
        return list(map(_new_match, repeat(Match), map(tuple.__add__, zip(starts, ends),
                                                       map(self.targets.__getitem__, hits))))  # fmt: skip

    def _squeezed_candidates(self, doc: Doc, array: np.ndarray, lower: list[int], orth: list[int],
                             spaces: np.ndarray) -> list[Match]:  # fmt: skip
        """Matches across whitespace tokens (``spaces``, in order) holding at most one line
        break, read as if they were not there. Done in bulk (numpy): a text of such gaps
        between terms (CRLF lines, controls blanked between words) has one every other token."""
        n = len(doc)
        strings = doc.vocab.strings
        # Whitespace tokens holding at most one line break (a blank line stays a barrier),
        # each distinct whitespace asked once.
        kinds, kind_of = np.unique(array[spaces, 1], return_inverse=True)
        soft_kind = np.array([strings[h].count("\n") <= 1 for h in kinds.tolist()], dtype=bool)
        soft = spaces[soft_kind[kind_of]]
        inner = soft[(soft > 0) & (soft < n - 1)].tolist()
        # Only worth a second look when the words on both sides can continue a pattern across
        # the gap; most line breaks end a sentence.
        left, right = self.join_left.__contains__, self.join_right.__contains__
        before, after = [i - 1 for i in inner], [i + 1 for i in inner]
        joins = [(a or b) and (c or d) for a, b, c, d in zip(
            map(left, map(lower.__getitem__, before)), map(left, map(orth.__getitem__, before)),
            map(right, map(lower.__getitem__, after)), map(right, map(orth.__getitem__, after)))]
        squeezable = np.array(list(compress(inner, joins)), dtype=np.int64)
        if not len(squeezable):
            return []
        # Windows of max-pattern-length tokens around each squeezable token, merged.
        reach = self.max_length + 1
        lo, hi = np.maximum(squeezable - reach, 0), np.minimum(squeezable + reach + 1, n)
        opens = np.flatnonzero(np.concatenate(([True], lo[1:] > hi[:-1])))
        window_lo, window_hi = lo[opens], hi[np.append(opens[1:] - 1, len(hi) - 1)]
        cover = np.zeros(n + 1, dtype=np.int64)
        np.add.at(cover, window_lo, 1)
        np.add.at(cover, window_hi, -1)
        squeezed_out = np.zeros(n, dtype=bool)
        squeezed_out[soft] = True
        # Every soft whitespace token inside a window is squeezed out; windows are joined by
        # a barrier no pattern contains (hash 0 is the empty string, never a token).
        kept = np.flatnonzero((np.cumsum(cover[:-1]) > 0) & ~squeezed_out)
        window = np.searchsorted(window_lo, kept, side="right")
        index = np.insert(kept, np.flatnonzero(window[1:] != window[:-1]) + 1, -1)  # -1: a barrier
        found: list[Match] = []
        for table, column in ((self.lower, 0), (self.orth, 1)):
            read = np.where(index < 0, _BARRIER, array[index, column])
            starts, ends, hits = table.spans(read.tolist(), several=True, column=read)  # one word crosses no gap
            starts, ends = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
            first, last = index[starts], index[ends - 1]
            # Only matches that actually cross a squeezed token are new.
            keep = (first >= 0) & (last >= 0) & (last - first + 1 != ends - starts)
            found += self._matches(first[keep].tolist(), (last[keep] + 1).tolist(),
                                   np.array(hits, dtype=np.int64)[keep].tolist())
        return found
