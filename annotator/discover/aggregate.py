"""Merge documents' candidates into bounded tables, then rank them.

:class:`Discovery` is what a run accumulates: one :class:`~.counters.BoundedTable` per kind,
fed one :class:`~.candidates.DocumentCandidates` at a time in input order (so the result is the
same whatever the process count or engine). :meth:`Discovery.candidates` scores what the tables
hold and returns the ranked list.
"""

from __future__ import annotations

from collections.abc import Iterable

from .candidates import DocumentCandidates
from .context import context_weight
from .counters import DEFAULT_CAPACITY, BoundedTable, Entry
from .grouping import group_variants
from .model import Candidate, Example
from .termhood import acronym_score, term_scores, variant_score
from .typos import fold_misspellings

#: The verb-evidence table holds this share of the n-gram tables' capacity (one entry per
#: word, not per n-gram).
VERB_CAPACITY_SHARE = 10


class Discovery:
    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.acronyms = BoundedTable(capacity)
        self.terms = BoundedTable(capacity)
        self.variants = BoundedTable(capacity)
        # Words seen before an object (verb evidence): a vocabulary, far smaller than the
        # n-gram tables, so a tenth of their capacity.
        self.verbs = BoundedTable(max(1, capacity // VERB_CAPACITY_SHARE))
        # Context words (see .context): content words next to glossary mentions, and every
        # content word's uses; vocabularies too, so the same share of the capacity.
        self.seed_words = BoundedTable(max(1, capacity // VERB_CAPACITY_SHARE))
        self.context_words = BoundedTable(max(1, capacity // VERB_CAPACITY_SHARE))
        # Casing (see .casing): content words' mid-sentence uses written with a capital, and
        # their uses at a start (all their uses are the context-word table's).
        self.capitalised = BoundedTable(max(1, capacity // VERB_CAPACITY_SHARE))
        self.starts = BoundedTable(max(1, capacity // VERB_CAPACITY_SHARE))
        self.documents = 0

    def add(self, doc: DocumentCandidates) -> None:
        self.documents += 1
        for key, hit in doc.acronyms.items():
            self.acronyms.add(key, hit, doc.id)
        for key, forms in doc.long_forms.items():
            # An acronym defined here but never used again still counts its long forms.
            self.acronyms.add_long_forms(key, forms)
        # the context tables first: a document's own glossary mentions weigh its terms' context
        for word, count in doc.seeds.items():
            self.seed_words.add_count(word, count)
        for word, count in doc.words.items():
            self.context_words.add_count(word, count)
        for key, hit in doc.terms.items():
            entry = self.terms.add(key, hit, doc.id)
            if hit.context:
                entry.context += context_weight(hit.context, self._seeded, self._used)
                entry.context_uses += sum(hit.context.values())
        for key, hit in doc.variants.items():
            self.variants.add(key, hit, doc.id)
        for word, count in doc.verbs.items():
            self.verbs.add_count(word, count)
        for word, count in doc.capitalised.items():
            self.capitalised.add_count(word, count)
        for word, count in doc.starts.items():
            self.starts.add_count(word, count)

    def _seeded(self, word: str) -> int:
        entry = self.seed_words.get(word)
        return entry.count if entry is not None else 0

    def _used(self, word: str) -> int:
        entry = self.context_words.get(word)
        return entry.count if entry is not None else 0

    @property
    def bound(self) -> int:
        """The most entries the tables can hold together."""
        return 2 * sum(t.capacity for t in (self.acronyms, self.terms, self.variants,
                                            self.verbs, self.seed_words, self.context_words,
                                            self.capitalised, self.starts))

    def candidates(self, *, min_documents: int = 1, exclude: Iterable[str] = (),
                   decisions: dict[str, str] | None = None) -> list[Candidate]:
        """Every candidate seen in at least ``min_documents`` documents, best first.

        ``exclude`` and the ``rejected`` keys of ``decisions`` (case-folded candidates) never
        come back; other decisions are carried on the candidate.
        """
        decisions = decisions or {}
        excluded = {e.casefold() for e in exclude}
        excluded |= {key for key, value in decisions.items() if value == "rejected"}
        found: list[Candidate] = []
        variant_keys = set(self.variants.entries)

        def keep(name: str, entry: Entry) -> bool:
            return entry.documents >= min_documents and entry.count > 0 \
                and name.casefold() not in excluded

        for key, entry in self.acronyms.entries.items():
            if keep(key, entry):
                found.append(_candidate(key, "acronym", entry, acronym_score(entry), decisions))
        # Misspellings count for the term they misspell ("bussiness hours": business hours),
        # spellings of one type are one candidate ("auto assignment", "auto assigned"), and
        # misspellings of a type's stem fold then ("auto assaign": "auto assign").
        terms, _ = fold_misspellings(
            {k: e for k, e in self.terms.entries.items() if k not in variant_keys})
        terms, _ = fold_misspellings(group_variants(terms))
        scores = term_scores(terms, {w: e.count for w, e in self.verbs.entries.items()},
                             casing=(_counts(self.capitalised), _counts(self.context_words),
                                     _counts(self.starts)))
        for key, entry in terms.items():
            name = entry.surface
            if not keep(name, entry) or scores[key] <= 0:
                continue
            found.append(_candidate(name, "term", entry, scores[key], decisions))
        for key, entry in self.variants.entries.items():
            if keep(entry.surface, entry):
                found.append(_candidate(entry.surface, "variant", entry, variant_score(entry),
                                        decisions))
        found.sort(key=lambda c: (-c.score, -c.documents, c.candidate.casefold(), c.kind))
        return found


def _counts(table: BoundedTable) -> dict[str, int]:
    return {key: entry.count for key, entry in table.entries.items()}


def _candidate(name: str, kind: str, entry: Entry, score: float,
               decisions: dict[str, str]) -> Candidate:
    long_forms = tuple(sorted(entry.long_forms.items(), key=lambda kv: (-kv[1], kv[0])))
    return Candidate(
        candidate=name,
        kind=kind,
        count=entry.count,
        documents=entry.documents,
        score=score,
        long_forms=long_forms,
        examples=tuple(Example(*example) for example in entry.examples),
        variant_of=entry.variant_of,
        decision=decisions.get(name.casefold()),
    )
