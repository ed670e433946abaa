"""Candidate screens: which candidates a candidate-stage rule might drop, for all at once.

A candidate-stage rule is asked about each candidate that would win (:func:`~.resolution.resolve`),
a Python call per rule per candidate: a text of glued matches (an acronym every four
characters) spent most of its candidate stage in those calls, each answering "keep". A rule
may carry a ``screen`` (:class:`~.precision.PrecisionRule`): given every candidate's bounds as
arrays (:class:`CandidateSpans`) and the document's arrays (:class:`DocArrays`), it marks the
candidates it might drop, with numpy. A candidate no rule marks is admitted unasked (resolve's
``ask``); a marked one is asked of every rule as before, so the answers are the rules' own.
A screen may mark more candidates than its rule drops, never fewer (each screen's tests
compare it with its rule on drawn texts); a rule without a screen is asked about every
candidate in its scope.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from .matcher import Match, match_bounds

#: From this many candidates the screens run (below it, their arrays cost more than asking
#: the rules about each candidate).
SCREEN_MIN_CANDIDATES = 64
#: ... and only where candidates are dense, at least one per this many tokens: the screens'
#: arrays cover the whole text, so on prose (a candidate every eight tokens or so) they cost
#: more than the questions they spare; glued or repeated terms put one on every second to
#: third token (the benchmark's doclen and hostile rows measure both sides).
SCREEN_TOKENS_PER_CANDIDATE = 4
_IS_TOKEN = itemgetter(4)


class CandidateSpans(NamedTuple):
    """The candidates, index-aligned with the candidate list: their first character, the
    character after their last, their first token and how many tokens they span."""

    starts: np.ndarray
    ends: np.ndarray
    first: np.ndarray
    tokens: np.ndarray


class DocArrays:
    """What the screens read of one document, as arrays: its text's code points (each made on
    first need, once) and the matcher's token hash columns."""

    __slots__ = ("text", "columns", "_points")

    def __init__(self, text: str, columns: np.ndarray) -> None:
        self.text = text
        self.columns = columns
        self._points: np.ndarray | None = None

    def points(self) -> np.ndarray:
        """The text's code points with a 0 before and after it: ``points()[i + 1]`` is
        character ``i``'s, so offset -1 and ``len(text)`` read 0 (callers test those
        offsets themselves: a text may hold a NUL)."""
        if self._points is None:
            inner = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)
            self._points = np.concatenate((np.zeros(1, np.uint32), inner, np.zeros(1, np.uint32)))
        return self._points

    def at(self, offsets: np.ndarray) -> np.ndarray:
        """The code points at character ``offsets`` (an offset outside the text reads 0)."""
        points = self.points()
        return points[np.clip(offsets + 1, 0, len(points) - 1)]

    @property
    def lower(self) -> np.ndarray:
        return self.columns[:, 0]

    @property
    def orth(self) -> np.ndarray:
        return self.columns[:, 1]


def code_points(chars: str) -> np.ndarray:
    """``chars``' code points, for ``np.isin`` against :meth:`DocArrays.at`."""
    return np.array(sorted(map(ord, chars)), dtype=np.uint32)


class Screen(NamedTuple):
    """A rule's screen and the candidates its rule is asked about (``"token"``: acronym
    token-pattern matches, ``"phrase"``: the others, ``"any"``)."""

    scope: str
    screen: Callable[..., np.ndarray] | None


def candidate_spans(candidates: list[Match], columns: np.ndarray) -> CandidateSpans:
    """``candidates``' bounds as arrays (``columns`` as :func:`doubtful` takes them)."""
    first, end = match_bounds(candidates)
    last = end - 1
    token_starts = columns[:, -2].astype(np.int64)
    ends = token_starts[last] + columns[last, -1].astype(np.int64)
    return CandidateSpans(token_starts[first], ends, first, last - first + 1)


def doubtful(context, screens: Sequence[Screen], candidates: list[Match], columns: np.ndarray | None) -> set[Match] | None:
    """The candidates some rule in ``screens`` might drop (its screen marks them, or it has
    none and they are in its scope): the only ones ``resolve`` need ask about. None when every
    candidate is to be asked (few or sparse candidates, or a rule without a screen for every
    scope).
    ``columns``: the component's token columns, ``LOWER`` and ``ORTH`` first, each token's
    ``IDX`` and ``LENGTH`` last."""
    if len(candidates) < SCREEN_MIN_CANDIDATES or columns is None:
        return None
    if len(candidates) * SCREEN_TOKENS_PER_CANDIDATE < len(columns):
        return None
    if any(s.screen is None and s.scope == "any" for s in screens):
        return None
    n = len(candidates)
    spans = candidate_spans(candidates, columns)
    is_token = np.fromiter(map(_IS_TOKEN, candidates), dtype=bool, count=n)
    arrays = DocArrays(context.text, columns)
    marked = np.zeros(n, dtype=bool)
    for scope, screen in screens:
        in_scope = is_token if scope == "token" else ~is_token if scope == "phrase" else None
        if in_scope is not None and not in_scope.any():
            continue
        mask = np.ones(n, dtype=bool) if screen is None else screen(context, spans, arrays)
        marked |= mask if in_scope is None else mask & in_scope
    return set(compress(candidates, marked.tolist()))
