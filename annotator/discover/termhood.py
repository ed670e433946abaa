"""Scores: how much each candidate looks like jargon worth a glossary entry.

Terms use C-value (Frantzi, Ananiadou and Mima, 2000): a candidate's frequency, less what it
owes to the longer candidates it is nested in, times the log of its length. "business hours"
seen only inside "outside business hours" scores low; seen on its own too, it scores for those
uses. The score is on a log scale, as the other kinds' are, so one ranked list can hold
all three. Two adjustments follow, both about *where* a candidate occurs rather than how often:

* document spread: jargon recurs across many documents, a phrase one ticket repeats does not
  (the score is multiplied by ``1 + log2(documents)``);
* context: a candidate that mostly fills a line on its own is a heading, a template label or a
  signature (boilerplate), and loses up to half its score.

Acronyms score by frequency and spread, doubled when the archive spells one out (an expansion
found is strong evidence it is jargon someone needed to define). Variants score by frequency
and spread.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .counters import Entry


def _spread(documents: int) -> float:
    return 1.0 + math.log2(max(1, documents))


def _sub_grams(key: str) -> list[str]:
    parts = key.split()
    return [" ".join(parts[i : i + n]) for n in range(2, len(parts)) for i in range(len(parts) - n + 1)]


def c_values(entries: Mapping[str, Entry]) -> dict[str, float]:
    """C-value of every multi-word key (keys are space-separated words)."""
    nested_in: dict[str, list[int]] = {}
    for key, entry in entries.items():
        for sub in _sub_grams(key):
            if sub in entries:
                nested_in.setdefault(sub, []).append(entry.count)
    values = {}
    for key, entry in entries.items():
        length = len(key.split())
        weight = math.log2(length) if length > 1 else 0.5
        longer = nested_in.get(key)
        frequency = entry.count - (sum(longer) / len(longer) if longer else 0.0)
        values[key] = weight * max(frequency, 0.0)
    return values


def term_scores(entries: Mapping[str, Entry]) -> dict[str, float]:
    """C-value with document spread and the boilerplate context penalty."""
    scores = {}
    for key, value in c_values(entries).items():
        entry = entries[key]
        line_share = entry.whole_line / entry.count if entry.count else 0.0
        scores[key] = math.log2(1 + value) * _spread(entry.documents) * (1.0 - 0.5 * line_share)
    return scores


def acronym_score(entry: Entry) -> float:
    defined = 2.0 if entry.long_forms else 1.0
    return math.log2(1 + entry.count) * _spread(entry.documents) * defined


def variant_score(entry: Entry) -> float:
    return math.log2(1 + entry.count) * _spread(entry.documents)
