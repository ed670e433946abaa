"""The matching stage: EntityRuler-format patterns -> non-overlapping glossary matches.

The same ``patterns.jsonl`` a stock ``entity_ruler`` loads, matched the fast way (issue 5): one
``PhraseMatcher`` on ``LOWER`` for phrase-string patterns and one on ``ORTH`` for the
acronyms' token patterns, instead of one ``Matcher`` token pattern per acronym. Matches are
resolved the way the stock ruler resolves them (longest first, then leftmost), so both give the
same entities.

One thing the stock ruler cannot do: spaCy makes a line break its own token, so ``first\\n
contact resolution`` never matches a phrase pattern. Around each whitespace token holding at
most one newline we match again on a small copy with the whitespace squeezed out; a blank line
(a paragraph break) stays a barrier. Docs without such tokens never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from spacy.attrs import IS_SPACE
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import PipelineError

#: Word placed between squeezed windows; no pattern can contain it, so no match spans two.
_BARRIER = "\n\n"
# Whitespace a tokenizer turns into a token of its own: anything but a single space.
_SPACE_TOKEN_HINT = re.compile(r"[^\S ]| {2,}")
_KEY_SEP = "\x1f"
_TOKEN_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}


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


class GlossaryMatcher:
    """Two phrase matchers built from EntityRuler patterns, plus the resolution rules."""

    def __init__(self, vocab: Vocab, tokenizer: Callable[[str], list[str]], patterns: Iterable[dict]) -> None:
        """``tokenizer`` maps a phrase pattern string to its token texts (the pipeline's own
        tokenizer, e.g. through :class:`~annotator.glossary.patterns.PatternTokenizer`)."""
        self.vocab = vocab
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.orth = PhraseMatcher(vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str, bool]] = {}
        self.max_length = 1
        self.token_words: set[str] = set()  # every ORTH in a token pattern (the acronyms)
        self.join_left: set[int] = set()
        self.join_right: set[int] = set()
        # Patterns go to the phrase matchers as sequences of attribute hashes (which
        # PhraseMatcher.add accepts in place of Docs): no Doc per pattern, so a big glossary
        # loads fast and small.
        grouped: dict[tuple[str, str, str, bool], list[list[int]]] = {}
        for line, pattern in enumerate(patterns, 1):
            if not isinstance(pattern, dict) or "label" not in pattern or "pattern" not in pattern:
                raise PipelineError("E302", line=line, path="patterns", detail="needs 'label' and 'pattern'")
            label, body, pid = str(pattern["label"]), pattern["pattern"], str(pattern.get("id") or "")
            if isinstance(body, str):
                if not body.strip():
                    raise PipelineError("E302", line=line, path="patterns", detail="empty phrase pattern")
                attr, is_token = "LOWER", False
                words = [word.lower() for word in tokenizer(body)]
            elif isinstance(body, list) and body:
                attr, words = _pattern_tokens(body, line=line)
                is_token = attr == "ORTH"
                if is_token:
                    self.token_words.update(words)
                else:
                    words = [word.lower() for word in words]
            else:
                raise PipelineError("E302", line=line, path="patterns", detail="empty or invalid pattern")
            if not words:
                continue
            self.max_length = max(self.max_length, len(words))
            hashes = [get_string_id(w) for w in words]
            # Hashes that can sit before / after a gap inside a multi-word pattern.
            self.join_left.update(hashes[:-1])
            self.join_right.update(hashes[1:])
            grouped.setdefault((attr, label, pid, is_token), []).append(hashes)
        for (attr, label, pid, is_token), docs in grouped.items():
            key = f"{label}{_KEY_SEP}{pid}{_KEY_SEP}{attr}"
            # The key string must outlive every memory zone (the matcher may be built inside
            # one), or the PhraseMatcher cannot look it up later. Pattern words need not:
            # the matchers keep attribute hashes only.
            self.keys[vocab.strings.add(key, allow_transient=False)] = (label, pid, is_token)
            (self.orth if attr == "ORTH" else self.lower).add(key, docs)

    def __len__(self) -> int:
        return len(self.lower) + len(self.orth)

    # --- candidate matches ------------------------------------------------------------------

    def candidates(self, doc: Doc, text: str | None = None) -> list[Match]:
        """Every pattern match in ``doc``, including terms broken over a single line break.

        ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access).
        """
        keys = self.keys
        found = {
            Match(start, end, *keys[key])
            for matcher in (self.lower, self.orth)
            for key, start, end in matcher(doc)
        }
        if _SPACE_TOKEN_HINT.search(doc.text if text is None else text):
            found.update(self._squeezed_candidates(doc))
        return list(found)

    def _squeezed_candidates(self, doc: Doc) -> list[Match]:
        n = len(doc)
        squeezable = []
        for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
            if doc[i].text.count("\n") > 1 or i == 0 or i == n - 1:
                continue
            # Only worth a second look when the words on both sides can continue a pattern
            # across the gap; most line breaks end a sentence.
            left, right = doc[i - 1], doc[i + 1]
            if (left.lower in self.join_left or left.orth in self.join_left) and (
                right.lower in self.join_right or right.orth in self.join_right
            ):
                squeezable.append(i)
        if not squeezable:
            return []
        # Every whitespace token inside a window is squeezed (a window may hold several).
        skip = {i for i in doc.to_array(IS_SPACE).nonzero()[0].tolist() if doc[i].text.count("\n") <= 1}
        reach = self.max_length + 1
        # Windows of max-pattern-length tokens around each squeezable token, merged.
        windows: list[list[int]] = []
        for i in squeezable:
            lo, hi = max(0, i - reach), min(len(doc), i + reach + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        words: list[str] = []
        index: list[int] = []  # squeezed position -> doc token index (-1 for a barrier)
        for lo, hi in windows:
            if words:
                words.append(_BARRIER)
                index.append(-1)
            for i in range(lo, hi):
                if i not in skip:
                    words.append(doc[i].text)
                    index.append(i)
        squeezed = Doc(doc.vocab, words=words, spaces=[False] * len(words))
        keys = self.keys
        found = []
        for matcher in (self.lower, self.orth):
            for key, start, end in matcher(squeezed):
                first, last = index[start], index[end - 1]
                if first < 0 or last < 0:
                    continue
                # Only matches that actually cross a squeezed token are new.
                if last - first + 1 != end - start:
                    found.append(Match(first, last + 1, *keys[key]))
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
