"""Resolving glossary matches: longest first, then leftmost, no overlaps.

The stock ``entity_ruler``'s rule, applied to the candidates :class:`~.matcher.GlossaryMatcher`
finds: :func:`resolve` accepts the matches that win and reports the acronyms nested inside a
longer accepted span; :func:`release` gives a dropped match's tokens back, which every
precision rule that drops matches ends with, and :func:`one_word_terms` picks the one-word
term matches most of them weigh. On a text of glued matches the candidates number
in the tens of thousands, so ordering and the matches that overlap nothing are handled with
numpy from :data:`_VECTOR_MIN_MATCHES` on.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from itertools import compress
from operator import itemgetter, not_

import numpy as np

from ..glossary.compile import EXACT, TERM_LABEL
from ..runtime import budget
from .matcher import MATCH_START, Match, match_bounds

#: From this many matches, :func:`resolution_order` sorts them with numpy (below it, the
#: arrays' set-up costs more than a sort with a key).
_VECTOR_MIN_MATCHES = 64
#: A match's ``is_token_pattern``.
_IS_TOKEN = itemgetter(4)


def release(matches: list[Match], dropped: set, taken: bytearray) -> list[Match]:
    """``matches`` without ``dropped``; the tokens of each dropped match are freed in ``taken``
    (the occupancy :func:`resolve` fills), so a later stage may claim them. ``matches`` itself
    when nothing is dropped. What every precision rule that drops matches ends with."""
    if not dropped:
        return matches
    for match in dropped:
        taken[match.start : match.end] = b"\x00" * (match.end - match.start)
    return [m for m in matches if m not in dropped]


def one_word_terms(matches: list[Match], concepts: Container[str] | None = None) -> list[Match]:
    """The matches of ``matches`` that are one token matched by a term's phrase (not an
    acronym's token pattern), of a concept in ``concepts`` when given: what the rules about a
    glossary word's senses weigh, in one definition."""
    # The token-pattern matches left out first, in C (a text of glued acronyms holds tens of
    # thousands of them and no term, and several rules ask this of the same list).
    phrases = compress(matches, map(not_, map(_IS_TOKEN, matches)))
    if concepts is None:
        return [m for m in phrases if m.end - m.start == 1 and m.label == TERM_LABEL]
    return [m for m in phrases if m.end - m.start == 1 and m.id in concepts and m.label == TERM_LABEL]


def _order_key(match: Match) -> tuple:
    """Where :func:`resolve` takes ``match``: longest first, then leftmost, then by label and
    id, an exact match before another kind."""
    return (match.start - match.end, match.start, match.label, match.id, match.kind != EXACT, match.kind)


def resolution_order(matches: list[Match]) -> list[Match]:
    """``matches`` sorted by :func:`_order_key`.

    From :data:`_VECTOR_MIN_MATCHES` matches, ordered by their token bounds with numpy and only
    the groups sharing both bounds by the whole key: a key tuple per match, and comparing
    them, cost more than the rest of resolving a text of glued matches."""
    n = len(matches)
    if n < _VECTOR_MIN_MATCHES:
        return sorted(matches, key=_order_key)
    starts, ends = match_bounds(matches)
    order = np.lexsort((starts, starts - ends))  # stable: by length (longest first), then start
    ordered = list(map(matches.__getitem__, order.tolist()))
    starts, ends = starts[order], ends[order]
    # Position i ties with i + 1 (same bounds): each run of ties is sorted by the whole key.
    ties = np.flatnonzero((starts[1:] == starts[:-1]) & (ends[1:] == ends[:-1])).tolist()
    lo = prev = -2
    for i in (*ties, -2):
        if i != prev + 1:
            if lo >= 0:
                ordered[lo : prev + 2] = sorted(ordered[lo : prev + 2], key=_order_key)
            lo = i
        prev = i
    return ordered


def resolve(
    matches: list[Match],
    n_tokens: int,
    taken: bytearray | None = None,
    admit: Callable[[Match], bool] | None = None,
    ask: Container[Match] | None = None,
) -> tuple[list[Match], list[Match]]:
    """Longest match first, then leftmost; no overlaps (the stock ``entity_ruler``'s rule).

    ``taken`` marks tokens already owned with a 1 (existing entities the ruler must respect;
    free tokens are 0). ``admit``, when given, is asked about a match only when it would win
    (its tokens are free) or be reported as nested: the result is that of resolving only the
    admitted matches, without asking about the many that a longer match beats anyway.
    ``ask``, when given, holds the only matches ``admit`` can refuse (the caller knows it
    admits every other one): the others are not asked.
    Returns the accepted matches and the token-pattern (acronym) matches nested inside an
    accepted one.
    """
    taken = bytearray(n_tokens) if taken is None else taken
    accepted: list[Match] = []
    rejected: list[Match] = []
    if admit is not None and ask is not None and not ask:
        admit = None  # nothing to ask about
    apart: list[Match] = []
    if len(matches) >= _VECTOR_MIN_MATCHES and (admit is None or ask is not None):
        apart, matches = _accept_apart(matches, taken, ask if admit is not None else None)
    for match in budget.checked(resolution_order(matches)):
        start, end = match.start, match.end
        if taken.find(1, start, end) >= 0:  # a C scan, no slice copied
            rejected.append(match)
            continue
        if admit is not None and (ask is None or match in ask) and not admit(match):
            continue
        taken[start:end] = b"\x01" * (end - start)
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
                if admit is None or (ask is not None and match not in ask) or admit(match):
                    nested.append(match)
    if apart:
        accepted += apart
    accepted.sort(key=MATCH_START)
    nested.sort(key=MATCH_START)
    return accepted, nested


def _accept_apart(matches: list[Match], taken: bytearray, ask: Container[Match] | None) -> tuple[list[Match], list[Match]]:
    """The matches that overlap no other one, lie on free tokens and need not be asked about
    (none of ``ask``): :func:`resolve` accepts each of them whatever the order, and none of
    them changes what happens to another. Found with numpy and marked taken here; returns
    them (by start) and the other matches, left to the ordered pass. A text of glued matches
    is almost all of the first kind."""
    n = len(matches)
    starts, ends = match_bounds(matches)
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    # Overlapping: a match starting earlier reaches past this one's start, or the next one
    # (the nearest later start) starts inside it.
    overlapping = np.zeros(n, dtype=bool)
    overlapping[1:] = reach[:-1] > starts[1:]
    overlapping[:-1] |= starts[1:] < ends[:-1]
    owned = np.frombuffer(taken, dtype=np.uint8)  # a view: setting it sets ``taken``
    held = np.concatenate(([0], np.cumsum(owned == 1, dtype=np.int64)))
    alone = ~overlapping & (held[ends] == held[starts])
    ordered = list(map(matches.__getitem__, order.tolist()))
    if ask is not None:
        alone &= ~np.fromiter(map(ask.__contains__, ordered), dtype=bool, count=n)
    if not alone.any():
        return [], matches
    first, lengths = starts[alone], ends[alone] - starts[alone]
    offsets = np.cumsum(lengths) - lengths
    owned[np.repeat(first, lengths) + (np.arange(int(lengths.sum())) - np.repeat(offsets, lengths))] = 1
    del owned  # ``taken`` may be resized again once no view holds it
    flags = alone.tolist()
    return list(compress(ordered, flags)), list(compress(ordered, map(not_, flags)))
