"""Which meaning of an acronym a document uses.

Every span carries ``senses``: the candidate concepts, chosen one first, each with a score and
the reason. An unambiguous hit has one sense. For an ambiguous acronym (AHT = Average Handle
Time / Average Hold Time) the evidence is, in order:

1. an expansion written in the same document (``Average Hold Time (AHT)``) - decisive;
2. context: how many of a sense's distinctive words (from its term, aliases and definitions)
   occur in the document;
3. how many glossary sources define that sense;
4. glossary order, so the choice is always deterministic.

All of it is precomputed per concept; per document we only pay for ambiguous hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from ..glossary.model import Concept, Glossary, normalize_key

_WORD = re.compile(r"[a-z][a-z'-]{2,}")

REASON_ONLY = "only sense in the glossary"
REASON_EXPANDED = "expanded in this document"
REASON_DOCUMENT = "defined in this document"


def content_words(text: str) -> set[str]:
    """Lowercase non-stop words of 3+ letters, crudely singularised (``agents`` -> ``agent``)."""
    words = set()
    for word in _WORD.findall(text.lower()):
        word = word.strip("'-")
        if word in STOP_WORDS or len(word) < 3:
            continue
        if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        words.add(word)
    return words


def sense_record(concept: Concept, score: float, reason: str) -> dict:
    return {
        "term_id": concept.id,
        "term": concept.term,
        "definition": concept.definition,
        "score": score,
        "reason": reason,
    }


def document_sense(short: str, long: str) -> dict:
    return {
        "term_id": None,
        "term": long,
        "definition": f"{long} ({short}), as defined in this document.",
        "score": 1.0,
        "reason": REASON_DOCUMENT,
    }


def source_count(concept: Concept) -> int:
    return len({d.source for d in concept.definitions}) or 1


class SenseIndex:
    """Per-concept evidence, computed on first need and cached.

    Lazy because most concepts never need it: only ambiguous or document-expanded acronyms
    are ranked, and a 100,000-concept glossary should not pay for word sets up front.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._names: dict[str, set[str]] = {}
        self._words: dict[str, set[str]] = {}
        self._single: dict[str, list[dict]] = {}

    def names(self, concept: Concept) -> set[str]:
        names = self._names.get(concept.id)
        if names is None:
            names = {normalize_key(n) for n in (concept.term, *concept.aliases) if n}
            self._names[concept.id] = names
        return names

    def words(self, concept: Concept) -> set[str]:
        words = self._words.get(concept.id)
        if words is None:
            text = " ".join([concept.term, *concept.aliases, *(d.text for d in concept.definitions)])
            words = self._words[concept.id] = content_words(text)
        return words

    def single(self, concept: Concept) -> list[dict]:
        """The one-sense list of an unambiguous concept (a fresh list, shared records)."""
        senses = self._single.get(concept.id)
        if senses is None:
            senses = self._single[concept.id] = [sense_record(concept, 1.0, REASON_ONLY)]
        return list(senses)

    def choose(
        self,
        candidates: Sequence[Concept],
        *,
        expansions: Iterable[str] = (),
        doc_words: set[str] | None = None,
    ) -> list[dict]:
        """Rank ``candidates`` for one document; the chosen sense first.

        ``expansions`` are the long forms the document gives this acronym; ``doc_words`` the
        document's content words (see :func:`content_words`).
        """
        if len(candidates) == 1 and not expansions:
            return self.single(candidates[0])
        keys = {normalize_key(e) for e in expansions}
        # Words every candidate shares ("average", "time" for AHT) say nothing about which one.
        shared = set.intersection(*(self.words(c) for c in candidates)) if candidates else set()
        doc_words = doc_words or set()
        ranked = []
        for order, concept in enumerate(candidates):
            expanded = bool(keys & self.names(concept))
            overlap = sorted((self.words(concept) - shared) & doc_words)
            sources = source_count(concept)
            ranked.append(((not expanded, -len(overlap), -sources, order), concept, expanded, overlap, sources))
        ranked.sort(key=lambda item: item[0])
        senses = []
        for _, concept, expanded, overlap, sources in ranked:
            if expanded:
                senses.append(sense_record(concept, 1.0, REASON_EXPANDED))
                continue
            if overlap:
                shown = ", ".join(overlap[:5])
                reason = f"context: {len(overlap)} related word{'s' * (len(overlap) != 1)} in the document ({shown})"
            else:
                reason = f"no context; defined by {sources} source{'s' * (sources != 1)}"
            score = round(len(overlap) / (len(overlap) + 1), 3) if overlap else 0.0
            senses.append(sense_record(concept, score, reason))
        return senses
