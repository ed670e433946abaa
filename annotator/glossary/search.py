"""Glossary search: the one ranking the CLI (``glossary search``) and the service
(``GET /api/glossary?q=``) share, so both answer a query with the same concepts in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary.names import normalize_key
from .model import Concept, Glossary

#: Ranks, best first: what of a concept the query matched.
EXACT, PREFIX, SUBSTRING, DEFINITION = range(4)


@dataclass(frozen=True)
class SearchResult:
    """One page of a search: ``total`` concepts matched, ``concepts`` the first ``limit`` of them."""

    total: int
    concepts: list[Concept]


def rank(concept: Concept, needle: str, loose: str) -> int | None:
    """How well ``concept`` matches (lower is better), or None when it does not.

    ``needle`` is the query case-folded, ``loose`` its :func:`~.model.normalize_key` (hyphens,
    spaces and punctuation dropped, so "cobrowsing" finds "Co-browsing" and "self service"
    "Self-Service"). Names are the term, the aliases and the acronyms.
    """
    names = [n.casefold() for n in (concept.term, *concept.aliases, *concept.acronyms)]
    keys = [normalize_key(n) for n in names] if loose else []
    if needle in names or loose in keys:
        return EXACT
    if any(n.startswith(needle) for n in names) or any(k.startswith(loose) for k in keys):
        return PREFIX
    if any(needle in n for n in names) or any(loose in k for k in keys):
        return SUBSTRING
    if needle in concept.definition.casefold():
        return DEFINITION
    return None


def search(glossary: Glossary, query: str, limit: int | None = None) -> SearchResult:
    """Concepts matching ``query``, best first, at most ``limit`` of them (None: all).

    Ranking, case-insensitive throughout:

    1. a name (term, alias or acronym) equals the query, or equals it ignoring hyphens,
       spaces and punctuation;
    2. a name starts with the query (same loose comparison);
    3. a name contains the query (same loose comparison);
    4. the concept's shown definition contains the query (exact case-folded substring).

    Concepts of the same rank keep their glossary order. A blank query matches every concept,
    in glossary order. ``total`` counts every match, before the limit.
    """
    needle = query.strip().casefold()
    if not needle:
        found = list(glossary)
    else:
        loose = normalize_key(query)
        ranked = [(r, order, concept) for order, concept in enumerate(glossary)
                  if (r := rank(concept, needle, loose)) is not None]
        ranked.sort(key=lambda item: item[:2])
        found = [concept for _, _, concept in ranked]
    return SearchResult(len(found), found if limit is None else found[:limit])
