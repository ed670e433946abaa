"""Evidence for a sense: the phrases of a text, and how strongly each points to one sense of an
ambiguous acronym rather than to the others.

A *phrase* is a stemmed content word (``hold``, ``outso``) or two adjacent words (``on hold``,
``hold time``, ``talk time``, ``third party``). Stop words count only inside a pair, so "on hold"
is evidence and "on" alone is not; punctuation ends a pair. Stemming is crude on purpose
(inflection stripped, then the first five letters) so that "resolved", "resolves" and
"resolution" meet: every comparison stems both sides the same way.

A sense's weight for a phrase is the smoothed log-odds of the phrase in that sense's text
(term and aliases, definitions, the glossary terms named after it) against the other senses'
text pooled. A phrase every sense uses about as often ("average", "time") weighs nothing; a
phrase all senses use but one uses much more (``hold`` in Average Hold Time against Average
Handle Time, whose definitions mention hold time once each) still counts for that one; a
phrase only one sense uses counts most; a phrase a sense's text never uses is never evidence
for it, however short that text is. The acronym itself is never a phrase of any sense, so it
cannot be its own evidence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

#: A phrase's weight in a sense's term or alias against a definition's: the name is what the
#: sense *is*, a definition also says what it is not.
TERM_WEIGHT = 3.0
#: Additive smoothing of phrase counts: a phrase seen once in one sense and never in the other
#: is evidence, but not proof.
SMOOTHING = 0.5
STEM_LENGTH = 5

# Punctuation that ends a pair of adjacent words ("time (AHT) is" has no pair "time aht").
_CLAUSE = re.compile(r"[^\w\s'’-]+|\s-+\s|_")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: possessive and inflection off, a final ``e`` off, the first five letters.

    >>> [stem(w) for w in ("resolved", "resolution", "handling", "handle", "waiting", "issues")]
    ['resol', 'resol', 'handl', 'handl', 'wait', 'issu']
    """
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and _DOUBLED.search(word) and not word.endswith(("ll", "ss", "zz")):
                word = word[:-1]  # "wrapping" -> "wrap"
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word[:STEM_LENGTH]


# spaCy's stop words include "call", which in a contact centre is a content word.
_STOP = frozenset(STOP_WORDS) - {"call"}
# The stop words that still make a pair with a content word ("on hold", "after call", "first
# response", "wrap up"): prepositions and particles. Articles and pronouns make none ("the
# moment", "an agent" say nothing the content word does not).
_PAIRING = frozenset(
    "on off up out in to into after before per first back down over without within during".split()
)


#: Words from which :func:`_clause_phrases` without repeats reads each distinct pair of words
#: once (below, the pairs cost more than they spare).
_LONG_CLAUSE = 64
_DENYING = frozenset({"not", "unlike", "never", "instead", "rather"})
_CONTRACTED = frozenset({"'t", "’t"})  # a cheap first test for "n't" before calling _denies


@functools.lru_cache(maxsize=1 << 16)
def _is_content(word: str) -> bool:
    return len(word) >= 3 and word not in _STOP and not word[0].isdigit()


@functools.lru_cache(maxsize=1 << 16)
def _word_kind(word: str) -> tuple[str, bool] | None:
    """What a word is to a phrase: ``(stem, True)`` for a content word, ``(word, False)`` for a
    stop word that pairs, None for a number or any other stop word (which ends a pair). One
    cached question per word, where :func:`iter_phrases` asked two."""
    if word[0].isdigit():
        return None
    if _is_content(word):
        return stem(word), True
    return (word, False) if word in _PAIRING else None


def _denies(word: str, following: str) -> bool:
    """Whether ``word`` (then ``following``) sets the rest of its clause against what is being
    said: "not", "don't", "unlike", "never", "instead (of)", "rather (than)"; "not only" and
    "not just" add rather than deny."""
    if word in _DENYING or word.endswith(("n't", "n’t")):
        return following not in ("only", "just")
    return False


def iter_phrases(text: str, *, denials: bool = True) -> Iterator[tuple[str, str]]:
    """``(phrase, surface text)`` for every phrase of ``text`` in order, repeats included.

    With ``denials`` (evidence), the rest of a clause after a denying word (:func:`_denies`)
    yields nothing: "unlike first response time, ..." and "not until it is solved" say what
    the subject is not. Without (what a text is about), every word counts."""
    for clause in _CLAUSE.split(text.lower()):
        yield from _clause_phrases(clause, denials)


def _clause_phrases(clause: str, denials: bool, repeats: bool = True) -> Iterator[tuple[str, str]]:
    """:func:`iter_phrases` of one clause (lower case): a pair never spans two clauses and a
    denial ends its own clause only, so a clause's phrases are its own alone. Without
    ``repeats``, for a caller that keeps the first of each: see :func:`_distinct_phrases`."""
    words = _WORD.findall(clause)
    if not repeats and len(words) >= _LONG_CLAUSE and not (
            denials and (not _DENYING.isdisjoint(words) or "'t" in clause or "’t" in clause)):  # fmt: skip
        yield from _distinct_phrases(words)
        return
    previous: tuple[str, str, bool] | None = None
    for position, word in enumerate(words):
        if (
            denials
            and (word in _DENYING or word[-2:] in _CONTRACTED)
            and _denies(word, words[position + 1] if position + 1 < len(words) else "")
        ):
            break
        kind = _word_kind(word)
        if kind is None:
            previous = None
            continue
        key, content = kind
        if content:
            yield key, word
        if previous is not None and (content or previous[2]):
            yield f"{previous[0]} {key}", f"{previous[1]} {word}"
        previous = (key, word, content)


def _distinct_phrases(words: list[str]) -> Iterator[tuple[str, str]]:
    """What :func:`_clause_phrases` yields for ``words`` (a clause that nothing denies), less
    the repeats of a pair of words: what a word yields follows from it and the word before
    alone, so each distinct pair (first ones first, found in C) is read once. The same phrases,
    each first written the same way, in the same order of first appearance (a run of glued or
    repeated words is one clause of thousands of words, and of a few pairs)."""
    for before, word in dict.fromkeys(zip(["", *words], words)):
        kind = _word_kind(word)
        if kind is None:
            continue
        key, content = kind
        if content:
            yield key, word
        previous = _word_kind(before) if before else None
        if previous is not None and (content or previous[1]):
            yield f"{previous[0]} {key}", f"{before} {word}"


def content_words(text: str) -> set[str]:
    """The stemmed content words of ``text``: the one-word phrases of :func:`iter_phrases`
    without denials (what a text is about), read without making its pairs. A word never holds
    a character that ends a clause, so the words of the whole text are those of its clauses."""
    kinds = map(_word_kind, _WORD.findall(text.lower()))
    return {kind[0] for kind in kinds if kind is not None and kind[1]}


def phrases(text: str, *, denials: bool = True) -> dict[str, str]:
    """The distinct phrases of ``text``, each with the first way the text wrote it (see
    :func:`iter_phrases` for ``denials``)."""
    found: dict[str, str] = {}
    # A clause written again adds nothing (its phrases are its own, and the first way each
    # was written is kept): each distinct one is read once, in order of first appearance.
    for clause in dict.fromkeys(_CLAUSE.split(text.lower())):
        for phrase, surface in _clause_phrases(clause, denials, repeats=False):
            found.setdefault(phrase, surface)
    return found


@functools.lru_cache(maxsize=1 << 14)
def _text_phrases(text: str) -> tuple[str, ...]:
    """Every phrase of a glossary text in order, repeats included (:func:`iter_phrases`): a
    concept's name or definition is weighed in the bag of every sense it relates to, of one
    acronym and of others, and is read once."""
    return tuple([phrase for phrase, _ in iter_phrases(text)])


def phrase_counts(texts: Iterable[tuple[str, float]]) -> Counter:
    """Weighted phrase counts of ``(text, weight)`` pairs."""
    counts: Counter = Counter()
    for text, weight in texts:
        for phrase in _text_phrases(text):
            counts[phrase] += weight
    return counts


def _mentions(phrase: str, excluded: frozenset[str]) -> bool:
    return not excluded.isdisjoint(phrase.split(" "))


class SenseWeights:
    """Per-phrase weights of the senses of one ambiguous acronym.

    ``bags``: each sense's weighted phrase counts, in candidate order; ``excluded``: words that
    are never evidence (the acronym and its plural, lower-cased): a phrase containing one is
    dropped; ``rarity``: a factor in [0, 1] per phrase, how rare it is in the domain at large
    (see :class:`Rarity`): a word the whole glossary uses ("customer", "team") says little about
    one sense even when only one sense's definitions happen to use it. Only phrases with a
    positive weight for some sense are kept.
    """

    __slots__ = ("weights",)

    def __init__(
        self,
        bags: Sequence[Counter],
        excluded: Iterable[str] = (),
        rarity: Callable[[str], float] = lambda phrase: 1.0,
    ) -> None:
        banned = frozenset(excluded)
        bags = [{p: c for p, c in bag.items() if not _mentions(p, banned)} if banned else bag for bag in bags]
        vocabulary = set().union(*bags) if bags else set()
        totals = [sum(bag.values()) for bag in bags]
        grand = sum(totals)
        size = len(vocabulary) or 1
        self.weights: dict[str, tuple[float, ...]] = {}
        if len(bags) < 2:
            return
        # Each sense's two denominators, the same for every phrase.
        shares = [(total + SMOOTHING * size, grand - total + SMOOTHING * size) for total in totals]
        log = math.log
        for phrase in vocabulary:
            counts = [bag.get(phrase, 0.0) for bag in bags]
            everywhere = sum(counts)
            row = []
            for count, (own, rest) in zip(counts, shares):
                if count <= 0:
                    # Smoothing must not turn a phrase a sense never uses into evidence for
                    # it just because that sense's text is short.
                    row.append(0.0)
                    continue
                row.append(max(0.0, log(((count + SMOOTHING) / own) / ((everywhere - count + SMOOTHING) / rest))))
            # The phrase's rarity only scales a row that has some weight (most have none).
            if any(row):
                factor = rarity(phrase)
                row = [weight * factor for weight in row]
                if any(row):
                    self.weights[phrase] = tuple(row)

    def score(self, found: Mapping[str, str]) -> list[tuple[float, list[str]]]:
        """For each sense, its total weight in ``found`` (phrase -> surface text, see
        :func:`phrases`) and the surface texts that carry it, strongest first."""
        senses = len(next(iter(self.weights.values()))) if self.weights else 0
        hits: list[list[tuple[float, str]]] = [[] for _ in range(senses)]
        small, large = (found, self.weights) if len(found) <= len(self.weights) else (self.weights, found)
        for phrase in small:
            if phrase not in large:
                continue
            for index, weight in enumerate(self.weights[phrase]):
                if weight > 0:
                    hits[index].append((weight, found[phrase]))
        result = []
        for sense_hits in hits:
            sense_hits.sort(key=lambda hit: (-hit[0], hit[1]))
            result.append((sum(w for w, _ in sense_hits), [surface for _, surface in sense_hits]))
        return result


class Rarity:
    """How rare each phrase is among ``documents`` texts, ``frequency`` giving how many of them
    hold it: an inverse document frequency scaled to [0, 1] (1: in none of them), squared so
    that the words every other concept uses ("customer", "team", "agent") fall off fast.

    A class, not a closure, so a pipeline holding one still pickles (``n_process``)."""

    __slots__ = ("documents", "frequency", "ceiling")

    def __init__(self, documents: int, frequency: Mapping[str, int]) -> None:
        self.documents = documents
        self.frequency = dict(frequency)
        self.ceiling = math.log(documents + 1) or 1.0

    def __call__(self, phrase: str) -> float:
        found = self.frequency.get(phrase, 0)
        return (max(0.0, math.log((self.documents + 1) / (found + 1))) / self.ceiling) ** 2
