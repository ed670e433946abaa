"""Which meaning of an acronym a document uses.

Every span carries ``senses``: the candidate concepts, chosen one first, each with a score and
the reason. An unambiguous hit has one sense. For an ambiguous acronym (AHT = Average Handle
Time / Average Hold Time) the evidence is, in order:

1. an expansion written in the same document (``Average Hold Time (AHT)``) - decisive;
   then a long form (term or alias) of exactly one sense written anywhere in the document
   ("our average hold time ... AHT"): one sense per discourse;
2. context: the phrases around the mention, each weighted by how much more one sense's own
   text uses it than the other senses' do and by how rare it is in the glossary at large
   (:mod:`.sense_evidence`), taken from the narrowest window that has any: the mention's
   sentence, its neighbours, the whole document (:mod:`.sense_context`). The acronym itself
   is never evidence;
3. how many glossary sources define that sense;
4. how much the sense's definitions read like the rest of the glossary (the share of their words
   the glossary at large uses, :meth:`SenseIndex.affinity`): text run through a help-desk
   annotator more likely means Mean Time to Resolution than Mean Time To Repair of a machine;
5. glossary order, so the choice is always deterministic.

A sense's text is its term and aliases, its definitions, and what the rest of the glossary says
about what sets it apart: concepts named with a term word of its own that the other senses'
terms lack ("Handle Time" for Average Handle Time, "Offshore Outsourcing" for Business Process
Outsourcing, "First Response Time" for Mean Time to Respond), and, weighted less, concepts whose
definitions use that word. All of it is computed per acronym on first need; per document we
only pay for ambiguous hits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ..glossary.model import Concept, Glossary, normalize_key
from .sense_context import DOCUMENT, NEARBY, SENTENCE, long_form_spellings
from .sense_evidence import TERM_WEIGHT, Rarity, SenseWeights, content_words, phrase_counts, phrases

REASON_ONLY = "only sense in the glossary"
REASON_EXPANDED = "expanded in this document"
REASON_DOCUMENT = "defined in this document"
REASON_LONG_FORM = "long form used in this document"
#: Added to the reason of a sense chosen by :meth:`SenseIndex.affinity` alone.
REASON_DOMAIN = "; the sense most like the rest of the glossary"

#: How much a related concept's name counts per phrase (a sense's own definitions count 1);
#: its definitions count half as much: they say what the related concept is, and only by the
#: way what the sense is.
NAMED_WEIGHT = 0.5
#: The same for a concept whose definitions (not its name) use a sense's own term word.
DEFINED_WEIGHT = 0.25
#: At most this many related concepts of each kind per sense (the first in glossary order), so
#: a sense named with a common word ("Service") stays cheap in a very large glossary.
MAX_RELATED = 24
#: How many concepts (evenly spread over the glossary) tell how common a phrase is in the
#: domain: enough for a stable estimate, bounded for a very large glossary.
BACKGROUND_SAMPLE = 2000
#: At most this many ambiguous acronyms have their evidence built when the pipeline is warmed
#: (:meth:`SenseIndex.warm`); the built-in glossary has a few dozen.
MAX_WARM_ACRONYMS = 1000
#: How many of the phrases that carry a choice its reason shows.
SHOWN_PHRASES = 5

_WHERE = {SENTENCE: "in this sentence", NEARBY: "nearby", DOCUMENT: "in the document"}


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


def context_reason(found: Sequence[str], scope: str) -> str:
    """``context: N related phrase(s) <where> (a, b, ...)``: N is exactly the number listed; a
    longer list is cut and says how many more there were."""
    shown = list(found[:SHOWN_PHRASES])
    more = len(found) - len(shown)
    listed = ", ".join(shown) + (f"; {more} more" if more else "")
    plural = "s" * (len(shown) != 1)
    return f"context: {len(shown)} related phrase{plural} {_WHERE.get(scope, scope)} ({listed})"


def _words(text: str) -> set[str]:
    """The stemmed content words of ``text`` (no pairs), denied ones too: "calling back
    instead of keeping them on hold" is about hold, though it is not hold."""
    return content_words(text)


def _concept_text(concept: Concept) -> str:
    return " ".join([concept.term, *concept.aliases, *(d.text for d in concept.definitions)])


class SenseIndex:
    """Per-concept and per-acronym evidence, computed on first need and cached.

    Lazy because most concepts never need it: only ambiguous or document-expanded acronyms
    are ranked, and a 100,000-concept glossary should not pay for phrase weights up front.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._names: dict[str, set[str]] = {}
        self._single: dict[str, list[dict]] = {}
        self._weights: dict[tuple[str, ...], SenseWeights] = {}
        self._named: dict[str, list[Concept]] | None = None
        self._defined: dict[str, list[Concept]] | None = None
        self._rarity: Rarity | None = None
        self._affinity: dict[str, float] = {}
        self._prior: dict[str, tuple[int, float]] = {}
        self._long_form_filters: dict[tuple[str, ...], tuple[str, ...]] = {}

    def names(self, concept: Concept) -> set[str]:
        names = self._names.get(concept.id)
        if names is None:
            names = {normalize_key(n) for n in (concept.term, *concept.aliases) if n}
            self._names[concept.id] = names
        return names

    def single(self, concept: Concept) -> list[dict]:
        """The one-sense list of an unambiguous concept (a fresh list, shared records)."""
        senses = self._single.get(concept.id)
        if senses is None:
            senses = self._single[concept.id] = [sense_record(concept, 1.0, REASON_ONLY)]
        return list(senses)

    # --- what the glossary says about each sense ------------------------------------------

    def _word_indexes(self) -> tuple[dict[str, list[Concept]], dict[str, list[Concept]]]:
        """Concepts by the stemmed words of their names, and of their definitions (one pass
        over the glossary, on the first ambiguous mention)."""
        if self._named is None or self._defined is None:
            named: dict[str, list[Concept]] = {}
            defined: dict[str, list[Concept]] = {}
            for concept in self.glossary:
                for word in _words(" ".join((concept.term, *concept.aliases))):
                    named.setdefault(word, []).append(concept)
                for word in _words(" ".join(d.text for d in concept.definitions)):
                    defined.setdefault(word, []).append(concept)
            self._named, self._defined = named, defined
        return self._named, self._defined

    def rarity(self) -> Rarity:
        """How rare a phrase is across the glossary's concepts (see :class:`.sense_evidence.Rarity`),
        counted on an even sample of at most :data:`BACKGROUND_SAMPLE` concepts."""
        if self._rarity is None:
            concepts = list(self.glossary)
            sample = concepts[:: max(1, -(-len(concepts) // BACKGROUND_SAMPLE))]
            frequency: Counter = Counter()
            for concept in sample:
                frequency.update(phrases(_concept_text(concept)).keys())
            self._rarity = Rarity(len(sample), frequency)
        return self._rarity

    def affinity(self, concept: Concept) -> float:
        """How much ``concept``'s definitions read like the glossary at large, in [0, 1]: the
        mean commonness (one minus :meth:`rarity`) of their distinct words. A prior for when
        the document says nothing either way."""
        found = self._affinity.get(concept.id)
        if found is None:
            rarity = self.rarity()
            words = _words(" ".join(d.text for d in concept.definitions))
            found = sum(1.0 - rarity(w) for w in words) / len(words) if words else 0.0
            self._affinity[concept.id] = found
        return found

    def prior(self, concept: Concept) -> tuple[int, float]:
        """What ranks senses the document says nothing about: :func:`source_count`, then
        :meth:`affinity` (cached: every mention of an ambiguous acronym asks)."""
        found = self._prior.get(concept.id)
        if found is None:
            found = self._prior[concept.id] = (source_count(concept), self.affinity(concept))
        return found

    def related(self, concept: Concept, candidates: Sequence[Concept]) -> tuple[list[Concept], list[Concept]]:
        """The concepts named with, and the concepts defined with, a term word that sets
        ``concept`` apart from the other candidates (a word of its term not in every
        candidate's term: "handle" in Average Handle Time, not "average")."""
        own = _words(concept.term)
        apart = own - set.intersection(*(_words(c.term) for c in candidates))
        named_index, defined_index = self._word_indexes()
        seen = {c.id for c in candidates}
        groups: tuple[list[Concept], list[Concept]] = ([], [])
        for index, group in zip((named_index, defined_index), groups):
            for word in sorted(apart):
                for other in index.get(word, ()):
                    if other.id not in seen and len(group) < MAX_RELATED:
                        seen.add(other.id)
                        group.append(other)
        return groups

    def bag(self, concept: Concept, candidates: Sequence[Concept]) -> Counter:
        """The weighted phrase counts of one sense's text (see the module docstring)."""
        texts: list[tuple[str, float]] = [(name, TERM_WEIGHT) for name in (concept.term, *concept.aliases)]
        texts += [(d.text, 1.0) for d in concept.definitions]
        named, defined = self.related(concept, candidates)
        for group, weight in ((named, NAMED_WEIGHT), (defined, DEFINED_WEIGHT)):
            for other in group:
                texts += [(name, weight) for name in (other.term, *other.aliases)]
                texts += [(d.text, weight / 2) for d in other.definitions]
        return phrase_counts(texts)

    def weights(self, candidates: Sequence[Concept]) -> SenseWeights:
        key = tuple(c.id for c in candidates)
        weights = self._weights.get(key)
        if weights is None:
            # The acronyms never count: a definition that says "Average handle time (AHT) is"
            # must not make every mention of AHT evidence for handle time.
            excluded = set()
            for concept in candidates:
                for acronym in concept.acronyms:
                    excluded.update({acronym.lower(), acronym.lower() + "s", acronym.lower() + "'s"})
            bags = [self.bag(c, candidates) for c in candidates]
            weights = self._weights[key] = SenseWeights(bags, excluded, self.rarity())
        return weights

    def warm(self, groups: Iterable[Sequence[Concept]]) -> None:
        """Build now what an ambiguous acronym's first mention otherwise builds: the
        glossary's word indexes and rarity, and per acronym of ``groups`` (each its candidate
        concepts) with more than one sense, the sense weights, the long-form filter and each
        sense's prior. At most :data:`MAX_WARM_ACRONYMS` acronyms, the first in glossary order:
        a very large glossary keeps paying on first need for the rest."""
        ambiguous = [candidates for candidates in groups if len(candidates) > 1][:MAX_WARM_ACRONYMS]
        if not ambiguous:
            return
        self.rarity()
        self._word_indexes()
        for candidates in ambiguous:
            self.weights(candidates)
            self.long_form_filter(candidates)
            for concept in candidates:
                self.prior(concept)

    # --- choosing -------------------------------------------------------------------------

    def long_form_filter(self, candidates: Sequence[Concept]) -> tuple[str, ...]:
        """The longest word of every candidate's long form, as
        :func:`.sense_context.long_form_spellings` spells it (cached per acronym): a document
        that holds none of them names no candidate. Substring tests, not one pattern of
        alternatives: compiling that pattern cost more than every test it answered."""
        key = tuple(c.id for c in candidates)
        found = self._long_form_filters.get(key)
        if found is None:
            spellings = {s for c in candidates for name in (c.term, *c.aliases) for s in long_form_spellings(name)}
            found = self._long_form_filters[key] = tuple(sorted(spellings))
        return found

    def long_forms(self, candidates: Sequence[Concept], windows, memo: dict) -> list[bool]:
        """Which candidate the document names by its long form in a sentence other than the
        mention's (``windows.sentences_using`` and ``windows.index``, see
        :class:`.sense_context.MentionWindows`): a list with one ``True``, or all ``False`` when
        it names none or several. The document is searched once per acronym (``memo``)."""
        key = ("long form", *(c.id for c in candidates))
        where = memo.get(key)
        if where is None:
            # One search for the longest word of every long form first: most documents hold none.
            text = windows.text
            if not any(spelling in text for spelling in self.long_form_filter(candidates)):
                where = ()
            else:
                where = tuple(windows.sentences_using([c.term, *c.aliases]) for c in candidates)
            memo[key] = where
        if not any(where):
            return [False] * len(candidates)
        own = {windows.index}
        used = [bool(sentences - own) for sentences in where]
        return used if sum(used) == 1 else [False] * len(candidates)

    def choose(
        self,
        candidates: Sequence[Concept],
        *,
        expansions: Iterable[str] = (),
        windows: Iterable[tuple[str, tuple, dict[str, str]]] = (),
        memo: dict | None = None,
    ) -> list[dict]:
        """Rank ``candidates`` for one mention; the chosen sense first.

        ``expansions`` are the long forms the document gives this acronym; ``windows`` the
        mention's context as ``(scope, key, phrases)`` from narrowest to widest (see
        :meth:`.sense_context.DocumentContext.windows`): the first window with any evidence
        decides, and the wider ones are never computed. When ``windows`` can also tell whether
        the document writes a long form (``text``, ``index`` and ``sentences_using``, as
        :class:`.sense_context.MentionWindows` can), a long form of exactly one candidate
        decides before any window. ``memo``, one dict per document, keeps each window's
        weighing for the next mention that needs it.
        """
        if len(candidates) == 1 and not expansions:
            return self.single(candidates[0])
        keys = {normalize_key(e) for e in expansions}
        expanded = [bool(keys & self.names(c)) for c in candidates]
        decisive = REASON_EXPANDED
        scores: list[tuple[float, list[str]]] = [(0.0, [])] * len(candidates)
        scope = ""
        memo = {} if memo is None else memo
        if len(candidates) > 1 and not any(expanded) and hasattr(windows, "sentences_using"):
            expanded, decisive = self.long_forms(candidates, windows, memo), REASON_LONG_FORM
        if len(candidates) > 1 and not any(expanded):
            weights, group = self.weights(candidates), tuple(c.id for c in candidates)
            for scope, key, found in windows:
                scores = memo.get((group, key))
                if scores is None:
                    scores = memo[(group, key)] = weights.score(found)
                if any(total > 0 for total, _ in scores):
                    break
        prior = [self.prior(c) for c in candidates]
        ranked = sorted(
            range(len(candidates)),
            key=lambda i: (not expanded[i], -scores[i][0], -prior[i][0], -prior[i][1], i),
        )
        first, second = ranked[0], ranked[1] if len(ranked) > 1 else None
        # The affinity alone told apart senses that the document and the sources do not.
        by_domain = (
            second is not None
            and not expanded[first]
            and scores[first][0] == scores[second][0]
            and prior[first][0] == prior[second][0]
            and prior[first][1] != prior[second][1]
        )
        senses = []
        for i in ranked:
            concept, (total, found) = candidates[i], scores[i]
            if expanded[i]:
                senses.append(sense_record(concept, 1.0, decisive))
                continue
            if total > 0:
                reason = context_reason(found, scope)
            else:
                sources = prior[i][0]
                reason = f"no context; defined by {sources} source{'s' * (sources != 1)}"
                if i == first and by_domain:
                    reason += REASON_DOMAIN
            senses.append(sense_record(concept, round(total / (total + 1), 3), reason))
        return senses
