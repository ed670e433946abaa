"""Scores: how much each candidate looks like jargon worth a glossary entry.

Terms use C-value (Frantzi, Ananiadou and Mima, 2000): a candidate's frequency, less what it
owes to the longer candidates it is nested in. "business hours"
seen only inside "outside business hours" scores low; seen on its own too, it scores for those
uses. Two changes to the original: only longer candidates written at least :data:`NEST_MIN`
times discount the ones nested in them (as C-value's own frequency threshold does: "support
manager on-call" written once says nothing against "support manager"), and no weight of the
length: the original ``log2`` of the length let any four-word string of one document score twice
the pair it extends, and even a gentler weight ranked one article's longer strings ("Customer
Support Operations team") above terms written as often. The score is on a log scale, as the
other kinds' are, so one ranked list can hold
all three. Adjustments follow, about *where* and *how* a candidate is written rather than how
often, each a factor:

* document spread: jargon recurs across documents (``1 + SPREAD * log2(documents)``); kept
  gentle, because a knowledge article that introduces a term repeats it in one document;
* boilerplate: a candidate that mostly fills a line on its own is a heading, a template label
  or a signature (or opens its line as a label before a colon: an issue-template field), and
  loses up to ``LINE`` of its score when it does so across documents (templates and
  signatures recur; one article's heading often names its term);
* names: a candidate with a word the archive keeps capitalising in the middle of a sentence
  (a person, product, vendor, team or place: "Alex Doe", "Amazon Connect", "Slack channel")
  is a name, not glossary jargon; it loses up to ``NAME`` as that word's share of capitalised
  mid-sentence uses (:mod:`.casing`) rises from :data:`NAME_FROM` to :data:`NAME_FULL`. A
  common noun some pages title-case ("Support", "Response Time") keeps a low share;
* generic modifiers: a first word that pairs with many different heads, each only a few times
  ("new ticket", "new macro", "new user"...), makes free combinations, not fixed terms; the
  score shrinks with that word's type/token ratio (``PRODUCTIVE``). Not so for a head: a
  domain's central nouns ("levels", "queue", "note", "time") take many fixed modifiers, so a
  head's partners are no evidence of free combinations;
* domain words (the glossary as context words, in the spirit of NC-value): words of the
  glossary's own terms mark the domain, so a candidate built of them ("ticket priority",
  "routing profile") gains up to ``DOMAIN`` times its score;
* a term written once in the whole archive is no evidence of anything yet (``ONCE``);
* verbs: a first word the archive writes right before an article or an object pronoun
  ("submit a ticket", "send the email") is a verb, so "submit tickets" or "send email" is a
  verb and its object, not a term; the score shrinks with the share of that word's uses that
  are such verb uses (``VERB``);
* a term that opens with a general English adjective any noun takes ("new ticket",
  "existing customer", "valued customer": :data:`FREE_MODIFIERS`, read as written, not as
  the type key folds it) is a free combination (``FREE``);
* context words (NC-value seeded by the glossary, :mod:`.context`): a term whose
  neighbouring words are, on average, words the archive writes next to glossary terms
  keeps its score, one written in other company loses up to ``CONTEXT`` ("an internal note
  on the ticket" against "team members on social media");
* general English: a term with a word the archive writes hardly more often than English at
  large does ("social media", "next day", "local time", "first class") is a phrase of
  everyday language, not the archive's jargon; the score shrinks by up to ``GENERAL`` as that
  word's specificity (:func:`word_specificity`: its share of the archive's words against its
  share of general English) falls below :data:`SPECIFIC`. The weakest word decides: one
  everyday word makes an everyday phrase, while a domain's words ("ticket", "queue",
  "escalation") are many times more frequent in its archive than in general text.

Misspellings are folded into the term they misspell before scoring (:mod:`.typos`). The
weights were tuned on the dev part of the project's own corpora (``tools/discover_eval.py``).

Acronyms score by frequency and spread, doubled when the archive spells one out (an expansion
found is strong evidence it is jargon someone needed to define). Variants score by frequency
and spread.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from ..vocabulary.frequency import zipf
from .casing import capital_share
from .counters import Entry
from .words import LINKS, singular

#: Most a term loses when every use fills a line on its own (headings, labels, signatures).
LINE = 0.75
#: Documents from which a line-filling candidate gets the whole :data:`LINE` penalty.
LINE_DOCUMENTS = 3
#: Weight of document spread in term scores (acronyms and variants use 1).
SPREAD = 0.25
#: Most a term loses when one of its words is written with a capital in the middle of a
#: sentence every time (a name, see :mod:`.casing`).
NAME = 0.5
#: Share of a word's mid-sentence uses written with a capital from which it starts to read as
#: a name (below it: a common noun that some headings and pages title-case).
NAME_FROM = 0.5
#: Share from which a word is a name and costs the whole :data:`NAME`.
NAME_FULL = 0.9
#: Fewest mid-sentence uses before a word's casing is evidence at all.
NAME_USES = 2
#: Most a term gains when every word is a glossary word.
DOMAIN = 4.0
#: How strongly a productive first word (many heads, few uses each) lowers a term.
PRODUCTIVE = 0.5
#: Fewest different partners before a first word counts as productive.
PRODUCTIVE_TYPES = 3
#: Fewest uses before a longer candidate discounts the candidates nested in it.
NEST_MIN = 2
#: Factor of a term written once in the whole archive.
ONCE = 0.5
#: Most a term loses when its first word is only ever used as a verb ("submit tickets").
VERB = 0.8
#: Fewest uses before an object before a word counts as a verb at all.
VERB_USES = 2
#: Factor of a term that opens with a :data:`FREE_MODIFIERS` word.
FREE = 0.4
#: Most a term loses when its context words are never written next to glossary terms.
CONTEXT = 0.4
#: Mean context-word weight (:mod:`.context`) from which a term keeps its whole score.
CONTEXT_FULL = 0.3
#: Most a term loses when one of its words is no more frequent in the archive than in general
#: English (specificity 0 or below).
GENERAL = 0.5
#: Specificity (log10 of a word's share of the archive's words over its share of general
#: English) from which a word is the archive's own and costs nothing.
SPECIFIC = 0.75
#: Zipf frequency taken for a word the general-English list lacks (a name, a coinage, a
#: typo): rare, as unlisted words are.
UNLISTED_ZIPF = 1.0
#: General English adjectives of age, novelty, size, evaluation and courtesy: any noun takes
#: them ("new ticket", "existing customer", "valued customer", "wonderful day"), so a phrase
#: they open is a free combination in every domain, not a term. Words that do open fixed
#: support terms ("first response", "next response time", "high priority", "open ticket")
#: are left out on purpose.
FREE_MODIFIERS = frozenset("""
new existing old current previous recent latest valued wonderful lovely awesome amazing
excellent terrible bad poor fine accurate correct wrong incorrect proper simple easy quick
huge big small little large tiny whole entire maximum minimum possible actual real true main
important common usual normal general overall total complete full extra exact exactly own
""".split())


def _spread(documents: int, weight: float = 1.0) -> float:
    return 1.0 + weight * math.log2(max(1, documents))


def _recurring(documents: int) -> float:
    """How much a line-filling candidate is boilerplate: a template label or a signature
    recurs across documents (the full penalty from :data:`LINE_DOCUMENTS` on); a heading of
    one article names its topic, which is often the article's term ("Ticket transfers")."""
    return min(1.0, max(0, documents - 1) / (LINE_DOCUMENTS - 1))


def _sub_grams(key: str) -> list[str]:
    parts = key.split()
    return [" ".join(parts[i : i + n]) for n in range(2, len(parts)) for i in range(len(parts) - n + 1)]


def c_values(entries: Mapping[str, Entry]) -> dict[str, float]:
    """C-value of every multi-word key (keys are space-separated words)."""
    nested_in: dict[str, list[int]] = {}
    for key, entry in entries.items():
        if entry.count < NEST_MIN:
            continue  # a longer phrase written once is no evidence of a longer term
        for sub in _sub_grams(key):
            if sub in entries:
                nested_in.setdefault(sub, []).append(entry.count)
    values = {}
    for key, entry in entries.items():
        weight = 1.0 if len(key.split()) > 1 else 0.5
        longer = nested_in.get(key)
        frequency = entry.count - (sum(longer) / len(longer) if longer else 0.0)
        values[key] = weight * max(frequency, 0.0)
    return values


def name_factor(surface: str, casing: tuple[Mapping[str, int], ...]) -> float:
    """Factor of a term written ``surface``: 1 when each of its words is mostly written in
    lower case in the middle of a sentence, down to ``1 - NAME`` as its most capitalised
    word's share (:func:`~.casing.capital_share`; ``casing``: the archive's capitalised,
    all and start uses per word) rises from :data:`NAME_FROM` to :data:`NAME_FULL` (words
    with fewer than :data:`NAME_USES` mid-sentence uses are not counted). Words are whole,
    as :mod:`.context` counts them ("first-line")."""
    shares = [share for word in surface.lower().split() if word not in LINKS
              if (share := capital_share(singular(word), *casing, NAME_USES)) is not None]
    if not shares:
        return 1.0
    strength = min(1.0, max(0.0, (max(shares) - NAME_FROM) / (NAME_FULL - NAME_FROM)))
    return 1.0 - NAME * strength


def productivity(entries: Mapping[str, Entry], position: int = 0) -> dict[str, float]:
    """Word at ``position`` (0: the first, -1: the head) of two-word keys -> distinct partners
    / uses, for words with at least :data:`PRODUCTIVE_TYPES` partners (1.0: every use pairs it
    with another word)."""
    types: Counter = Counter()
    tokens: Counter = Counter()
    for key, entry in entries.items():
        parts = key.split()
        if len(parts) == 2:
            types[parts[position]] += 1
            tokens[parts[position]] += entry.count
    return {w: types[w] / tokens[w] for w in types if types[w] >= PRODUCTIVE_TYPES and tokens[w]}


def _written_words(surface: str) -> list[str]:
    """The content words of a written form, lower case, hyphens split, plurals folded."""
    return [singular(word) for word in surface.lower().replace("-", " ").split()
            if word not in LINKS]


def word_specificity(entries: Mapping[str, Entry]) -> dict[str, float]:
    """Word (as :func:`_written_words` gives it) -> log10 of its share of the words of the
    two-word keys' written forms over its share of general English (wordfreq's Zipf scale,
    :data:`UNLISTED_ZIPF` for a word it lacks). 0: the archive writes the word as often as
    English does; 2: a hundred times as often. Two-word keys only, so a word is counted once
    per use (longer keys repeat the pairs they contain)."""
    counts: Counter = Counter()
    for key, entry in entries.items():
        if len(key.split()) != 2:
            continue
        for surface, n in (entry.surfaces or {key: entry.count}).items():
            for word in _written_words(surface):
                counts[word] += n
    total = sum(counts.values()) or 1
    # Zipf is log10 of the uses per billion words
    return {word: math.log10(n / total) + 9.0 - max(zipf(word), UNLISTED_ZIPF)
            for word, n in counts.items()}


def general_factor(surface: str, specificity: Mapping[str, float]) -> float:
    """Factor of a term written ``surface``: 1 when each of its words is at least
    :data:`SPECIFIC` specific, down to ``1 - GENERAL`` as its least specific word falls to 0
    (words without a figure are not counted)."""
    known = [specificity[w] for w in _written_words(surface) if w in specificity]
    if not known:
        return 1.0
    share = min(1.0, max(0.0, min(known) / SPECIFIC))
    return 1.0 - GENERAL * (1.0 - share)


def context_factor(entry: Entry) -> float:
    """1 when the mean weight of the term's context words reaches :data:`CONTEXT_FULL`, down
    to ``1 - CONTEXT`` when none of them is ever written next to a glossary term; 1 without
    context words (no evidence either way)."""
    if not entry.context_uses:
        return 1.0
    mean = entry.context / entry.context_uses
    return 1.0 - CONTEXT * (1.0 - min(1.0, mean / CONTEXT_FULL))


def _first_word(entry: Entry, key: str) -> str:
    return (entry.surface or key).split()[0].lower()


def verb_share(word: str, verbs: Mapping[str, int], firsts: Mapping[str, int]) -> float:
    """How much of the archive's use of ``word`` is as a verb: its uses before an object
    (``verbs``) against those plus its uses opening a two-word term key (``firsts``); 0 with
    fewer than :data:`VERB_USES` verb uses."""
    used = verbs.get(word, 0)
    if used < VERB_USES:
        return 0.0
    return used / (used + firsts.get(word, 0))


def term_scores(entries: Mapping[str, Entry], verbs: Mapping[str, int] | None = None,
                casing: tuple[Mapping[str, int], Mapping[str, int], Mapping[str, int]]
                | None = None) -> dict[str, float]:
    """C-value with the adjustments of the module docstring. ``verbs``: word (lower case, as
    written) -> uses before an object in the archive (:func:`~.candidates.verb_uses`);
    ``casing``: the archive's ``(capitalised, uses, starts)`` word counts (see
    :mod:`.casing`; without them no name factor)."""
    verbs = verbs or {}
    casing = casing or ({}, {}, {})
    # Verb evidence is about the word as written ("assignment" is no verb though its type
    # key is "assign"): first words of the written forms.
    firsts: Counter = Counter()
    for key, entry in entries.items():
        if len(key.split()) == 2:
            firsts[_first_word(entry, key)] += entry.count
    productive = productivity(entries)
    specificity = word_specificity(entries)
    scores = {}
    for key, value in c_values(entries).items():
        entry = entries[key]
        parts = key.split()
        count = max(entry.count, 1)
        score = math.log2(1 + value) * _spread(entry.documents, SPREAD)
        score *= 1.0 - LINE * min(1.0, entry.whole_line / count) * _recurring(entry.documents)
        # the share is over the words the glossary words were counted on, as written (a
        # hyphenated word is one: "first-line support"); a linking "to" is never one
        content = sum(1 for word in (entry.surface or key).split()
                      if word.lower() not in LINKS) or 1
        score *= 1.0 + DOMAIN * min(1.0, entry.domain / content)
        score *= 1.0 - PRODUCTIVE * productive.get(parts[0], 0.0)
        score *= name_factor(entry.surface or key, casing)
        if entry.count == 1:
            score *= ONCE
        if _first_word(entry, key) in FREE_MODIFIERS:  # as written: "valued" types as "value"
            score *= FREE
        score *= 1.0 - VERB * verb_share(_first_word(entry, key), verbs, firsts)
        score *= general_factor(entry.surface or key, specificity)
        score *= context_factor(entry)
        scores[key] = score
    return scores


def acronym_score(entry: Entry) -> float:
    defined = 2.0 if entry.long_forms else 1.0
    return math.log2(1 + entry.count) * _spread(entry.documents) * defined


def variant_score(entry: Entry) -> float:
    return math.log2(1 + entry.count) * _spread(entry.documents)
