"""Typo-tolerant matching: glossary words and acronyms written with one slip of the keys.

A word of a glossary term of :data:`MIN_WORD_LETTERS` letters or more written with one letter
dropped, one letter doubled or two adjacent letters swapped ("escalaton", "esclation",
"escallation", "escalaiton"), or, in a long word, one letter struck for a neighbouring key
("excalate": :data:`~annotator.vocabulary.typos.MIN_SUBSTITUTION_LETTERS`), and an acronym of :data:`MIN_ACRONYM_LETTERS` letters or more with
a letter doubled or two adjacent letters swapped ("CSTA", "CSAAT" for CSAT), matches what it
misspells: the span says ``match: "fuzzy"`` and ``did_you_mean`` (its text as the glossary
spells it). An acronym never loses a letter: four capitals minus one are likely another
acronym. A shorter word of :data:`MIN_PHRASE_WORD_LETTERS` letters or more, with a letter
doubled or two adjacent letters swapped, matches only inside a term of several words whose
other words are written as the glossary spells them ("knowledge baase"): alone, such a form
has too many real neighbours, beside the rest of its term it has one.

Never fuzzy-matched (precision first: a misspelling is a guess):

* a form that is itself an English word (:mod:`annotator.vocabulary.english`), a glossary word
  or a stop word ("outing" is not "routing" misspelled), or a form people write once in a
  million words or more (:func:`~annotator.vocabulary.frequency.is_common_word`): a name or a
  product the dictionary lacks, lower-cased as speech-to-text writes it ("macos" is not
  "macros" misspelled), a colloquial spelling ("waitin"); no slip of the keys is that common;
* a capitalised word inside a sentence, or next to another capitalised word: a name;
* a word in a URL, e-mail address, path or identifier (the text's ``code_like``);
* an acronym in shouted text, or one the document defines ("CSTA (Customer Support Tier A)").
* a slip in a closed spelling the glossary only generates from written words run together
  ("wrapp" from "wrapup", for Wrap-Up): two slips from anything written; unless English
  writes that closed spelling as a word of its own ("helpesk" from "helpdesk").

Why an index of the misspellings themselves rather than ``rapidfuzz`` or a symmetric-delete
index: both compare each unknown-looking token with the glossary when the document is read
(rapidfuzz scores it against every glossary word, symmetric delete looks up each of its
deletions). Here every accepted misspelling of every glossary word is made once, when the
index is built (about 3 per letter), and hashed the way spaCy hashes a token's ``LOWER`` /
``ORTH``: a document pays one vectorised lookup of its tokens' hashes, and only a token that
*is* such a misspelling costs any Python. The three typo kinds are the whole rule; there is no
distance threshold to tune, and a form two glossary words share is left out as undecidable.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import like_email, like_url
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..glossary.compile import EXACT, Record
from ..vocabulary.acronyms import is_shouting
from ..vocabulary.english import is_dictionary_word
from ..vocabulary.frequency import is_common_word, is_english_word
from ..vocabulary.typos import typo_forms
from ..vocabulary.wordbreak import runs_together
from .precision import words_around
from .rulecontext import RuleContext
from .spanvalues import FUZZY, NO_VALUES, SPAN_VALUES_KEY

#: ``doc.user_data`` key: True or False turns fuzzy matching on or off for that doc (the
#: session sets it from the ``fuzzy`` option; unset, the component's own setting decides).
FUZZY_KEY = "helpdesk_annotator.fuzzy"
#: Fewest letters of a glossary word that may be matched misspelled (shorter words have too
#: many real neighbours: "agent" / "agnet" / "urgent").
MIN_WORD_LETTERS = 6
#: Fewest letters of an acronym that may be matched misspelled.
MIN_ACRONYM_LETTERS = 4
#: Fewest letters of a word that may be matched misspelled inside a term of several words
#: (never alone, and never with a letter dropped: three letters left say little).
MIN_PHRASE_WORD_LETTERS = 4

_WORD_SPLIT = re.compile(r"[\s-]+")
# What a sentence (or a list item, a heading, a quotation) may start after.
_OPENERS = frozenset(".!?:;\"'([{*#>\u2022\u2013\u2014-\u201c\u2018")


#: Fewest letters of a closed spelling the glossary only generates ("helpdesk" for Help Desk)
#: that is matched misspelled, when English writes it (:func:`_written_closed`).
MIN_CLOSED_SPELLING_LETTERS = 8


def _written_closed(word: str) -> bool:
    """A generated closed spelling people write as a word of its own ("helpdesk"), long
    enough that its slips are seldom another word run together."""
    return len(word) >= MIN_CLOSED_SPELLING_LETTERS and is_english_word(word)


def _is_acronym_target(word: str) -> bool:
    return len(word) >= MIN_ACRONYM_LETTERS and word.isalpha() and sum(c.isupper() for c in word) >= 2


def _index(targets: Iterable[str], forms: Callable[[str], Iterable[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The hashes of the misspellings ``forms(target)`` of each target (sorted; a misspelling
    of two targets left out), the number of the target each stands for, and the targets.

    Flat arrays rather than a dict of strings: a 100,000-concept glossary has over a million
    misspellings, a few hundred MB as a dict and about 12 bytes each here."""
    words = sorted(targets)
    hashes, owners = array("Q"), array("I")
    for number, word in enumerate(words):
        for form in forms(word):
            hashes.append(get_string_id(form))
            owners.append(number)
    keys = np.frombuffer(hashes, dtype=np.uint64) if hashes else np.empty(0, np.uint64)
    who = np.frombuffer(owners, dtype=np.uint32) if owners else np.empty(0, np.uint32)
    order = np.argsort(keys, kind="stable")
    keys, who = keys[order], who[order]
    # typo_forms gives a target each form once: a repeated hash is a form of two targets.
    single = np.ones(len(keys), dtype=bool)
    if len(keys) > 1:
        repeated = keys[1:] == keys[:-1]
        single[1:] &= ~repeated
        single[:-1] &= ~repeated
    return keys[single], who[single], words


#: Largest glossary (in concepts) whose words get a misspelling index. The index holds every
#: accepted misspelling of every word, so a vendor-sized glossary would spend more time and
#: memory on it at load than on the glossary itself (the benchmark's scaling rows); beyond this
#: size terms are matched as written only.
MAX_FUZZY_CONCEPTS = 20_000
#: Largest misspelling index also held as a set for the per-document look-up (see __init__).
MAX_SET_KEYS = 100_000


def is_written_word(form: str) -> bool:
    """``form`` (lower case) is a word people write on purpose: in the English dictionary, or
    common in English text whatever the dictionary says (a name, a product, a colloquial
    spelling). Such a form is never read as a misspelling."""
    return is_dictionary_word(form) or is_common_word(form)


class FuzzyIndex:
    """The accepted misspellings of one glossary's words (keyed like ``LOWER``) and acronyms
    (keyed like ``ORTH``), with the word each stands for."""

    def __init__(
        self,
        words: tuple[np.ndarray, np.ndarray, list[str]],
        acronyms: tuple[np.ndarray, np.ndarray, list[str]],
        is_word: Callable[[str], bool] | None = None,
        phrase_words: tuple[np.ndarray, np.ndarray, list[str]] | None = None,
    ) -> None:
        """``words``/``acronyms``: :func:`_index` of the glossary's words and acronyms;
        ``is_word`` says which written forms are real words (never read as misspellings);
        ``phrase_words``: :func:`_index` of the shorter words matched misspelled only inside a
        term of several words (none when not given)."""
        self._lower = words
        self._orth = acronyms
        self._phrase = phrase_words if phrase_words is not None else _index((), typo_forms)
        self.is_word = is_written_word if is_word is None else is_word
        # Every key set in one: a document with none of them (almost every one) is ruled out
        # by one look-up of all its tokens.
        self._any = np.union1d(np.union1d(words[0], acronyms[0]), self._phrase[0])
        # For an index this small a set answers that look-up in a third of the time of the
        # array search (a short document's tokens are few: the array calls' fixed cost
        # dominates), for a few MB; a bigger index keeps only the array.
        self._any_set = frozenset(self._any.tolist()) if len(self._any) <= MAX_SET_KEYS else None

    def __len__(self) -> int:
        return len(self._lower[0]) + len(self._orth[0]) + len(self._phrase[0])

    def meaning(self, form: str) -> str | None:
        """The glossary word or acronym ``form`` is an accepted misspelling of, or None."""
        if self.is_word(form.lower()):
            return None
        for keys, owners, words in (self._lower, self._orth):
            at = np.searchsorted(keys, np.uint64(get_string_id(form)))
            if at < len(keys) and keys[at] == get_string_id(form):
                return words[int(owners[at])]
        return None

    @classmethod
    def from_records(cls, records: Iterable[Record], is_word: Callable[[str], bool] | None = None) -> FuzzyIndex:
        """The index of every word of the phrase patterns and every acronym of the token
        patterns in ``records``; ``is_word`` says which forms are real words.

        Real words are left out when a document is read, not here: the dictionary is then
        loaded only by a process that meets a candidate misspelling (rare), never on the first
        document of every pipeline."""
        words: set[str] = set()
        caps: set[str] = set()
        in_phrases: set[str] = set()  # the words of terms of several words
        written: set[str] = set()  # the words of the names as the glossary writes them
        for _, pattern, _, match in records:
            if isinstance(pattern, str):
                split = [w for w in _WORD_SPLIT.split(pattern.lower()) if w]
                if match == EXACT:
                    written.update(split)
                words.update(split)
                if len(split) > 1:
                    in_phrases.update(split)
            else:
                for token in pattern:
                    for attr, value in token.items():
                        if attr in ("ORTH", "TEXT"):
                            caps.add(str(value))
                        else:
                            words.add(str(value).lower())
        known = words | {c.lower() for c in caps}
        # A generated closed spelling of written words ("wrapup" for Wrap-Up) stays a known
        # word but is no target: its misspellings are a slip away from no spelling anyone was
        # given ("wrapp" from "wrapup"), and are often words. Unless English writes it as one
        # word often enough to be a word form of its own, and it is long ("helpdesk",
        # "livechat"): then a writer meant it, and slips on it ("helpesk") like on any word. A
        # short one that English writes is more often something else run together ("justin").
        words = {w for w in words if w in written or not runs_together(w, written) or _written_closed(w)}

        def misspellings(drops: bool) -> Callable[[str], list[str]]:
            def forms(target: str) -> list[str]:
                return [
                    form for form in typo_forms(target, drops=drops)
                    if form.lower() not in known and form not in caps and form.lower() not in STOP_WORDS
                ]  # fmt: skip

            return forms

        lower = _index((w for w in words if w.isalpha() and len(w) >= MIN_WORD_LETTERS), misspellings(True))
        upper = _index((c for c in caps if _is_acronym_target(c)), misspellings(False))
        phrase = _index((w for w in in_phrases if w.isalpha() and MIN_PHRASE_WORD_LETTERS <= len(w) < MIN_WORD_LETTERS),
                        misspellings(False))  # fmt: skip
        return cls(lower, upper, is_word, phrase)

    # --- one document ---------------------------------------------------------------------

    def matches(
        self, doc: Doc, context: RuleContext, matcher, match_type: Callable, columns: np.ndarray | None = None
    ) -> dict:
        """Fuzzy matches in ``doc``: ``match_type(start, end, label, id, is_token, "fuzzy")``
        -> what the span's text should have been. ``matcher`` is the component's
        :class:`~annotator.pipeline.matcher.GlossaryMatcher`; a misspelled word counts where
        the correct one would complete one of its patterns. ``columns``: the doc's ``LOWER``
        and ``ORTH`` (the first two columns; read from the doc when not given)."""
        if not len(doc) or not len(self):
            return {}
        if columns is None:
            columns = doc.to_array([LOWER, ORTH])
        if not self._may_hold_misspellings(columns, (context.words(), context.orth())):
            return {}
        # The document's misspelled hashes, per column, when the index is held as a set: a
        # document holds a few, and finding their tokens costs a comparison per token each,
        # not a search of the index per token (which grows with the document, a long one
        # holding some misspelling almost surely).
        present = None
        if self._any_set is not None:
            present = (self._any_set.intersection(context.words()), self._any_set.intersection(context.orth()))
        found: dict = {}
        defined: dict[str, bool] = {}  # acronym -> whether the text defines it: read once each
        for column, (keys, owners, words), table, is_acronym, fewest_tokens in (
            (0, self._lower, matcher.lower, False, 1),
            (1, self._orth, matcher.orth, True, 1),
            (0, self._phrase, matcher.lower, False, 2),
        ):
            if not len(keys):
                continue
            values = columns[:, column]
            hits, at = _hits(keys, values, None if present is None else present[column])
            if not len(hits):
                continue
            for i, key_at in zip(hits.tolist(), at.tolist()):
                word = words[int(owners[key_at])]
                if self.is_word(doc[i].lower_) or not self._plausible(doc, context, i, is_acronym, defined):
                    continue
                for start, end, target in _completed(table, values, i, word, matcher.max_length, fewest_tokens):
                    label, pid, is_token = matcher.targets[target][:3]
                    found[match_type(start, end, label, pid, is_token, FUZZY)] = _corrected(
                        context.text, doc, start, end, i, word
                    )
        return found

    def _may_hold_misspellings(self, columns: np.ndarray,
                               hashes: tuple[Iterable[int], Iterable[int]] | None = None) -> bool:
        """Does any token's ``LOWER`` or ``ORTH`` (the first two columns) spell a known
        misspelling? ``hashes``: those columns' hashes (a list, or a set), when the caller has
        them."""
        if self._any_set is not None:
            if hashes is not None:
                return not (self._any_set.isdisjoint(hashes[0]) and self._any_set.isdisjoint(hashes[1]))
            return not self._any_set.isdisjoint(columns[:, :2].ravel().tolist())
        values = columns[:, :2]
        at = np.minimum(np.searchsorted(self._any, values), len(self._any) - 1)
        return bool((self._any[at] == values).any())

    @staticmethod
    def _plausible(doc: Doc, context: RuleContext, i: int, is_acronym: bool,
                   defined: dict[str, bool] | None = None) -> bool:
        """May token ``i``, a known misspelling, be read as one (see the module docstring)?
        ``defined``: the answers of :func:`_defined_in` so far, kept by the caller for the
        document (each is a search of the whole text, and a misspelling is often repeated)."""
        token = doc[i]
        start, end = token.idx, token.idx + len(token)
        written = token.text
        # spaCy's own tests on the one word, not the token's flags: an annotation session has
        # spaCy compute for new words only what the component reads of every token
        # (``HelpdeskGlossary.lexical_attrs``), and this is one rare token.
        if like_url(written) or like_email(written) or context.code_like(start, end):
            return False
        if is_acronym:
            if is_shouting(words_around(context.text, start, end)):
                return False
            if defined is None:
                return not _defined_in(context.text, written)
            if written not in defined:
                defined[written] = _defined_in(context.text, written)
            return not defined[written]
        if written.islower():
            return True
        if not written.istitle() or not _starts_sentence(doc, i):
            return False  # a capitalised word inside a sentence, or mixed case: a name
        after = _next_word(doc, i)
        return after is None or not after.text[:1].isupper()


#: Most misspelled hashes a document's tokens are compared with one by one (:func:`_hits`);
#: past it, one search of the index per token costs less.
MAX_COMPARED_HASHES = 32


def _hits(keys: np.ndarray, values: np.ndarray, present: Iterable[int] | None) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``values`` that are ``keys`` (sorted, distinct), in order, and where
    in ``keys`` each is. ``present``: the values' distinct hashes that may be keys (all keys
    among them), when known; else every value is searched for in ``keys``."""
    if present is not None:
        mine = [h for h in present if _index_of(keys, h) is not None]
        if not mine:
            return np.empty(0, np.intp), np.empty(0, np.intp)
        if len(mine) <= MAX_COMPARED_HASHES:
            mask = values == np.uint64(mine[0])
            for h in mine[1:]:
                mask |= values == np.uint64(h)
            hits = np.flatnonzero(mask)
            return hits, np.searchsorted(keys, values[hits])
    at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    hits = np.flatnonzero(keys[at] == values)
    return hits, at[hits]


def _index_of(keys: np.ndarray, key: int) -> int | None:
    at = int(np.searchsorted(keys, np.uint64(key)))
    return at if at < len(keys) and keys[at] == key else None


def _completed(
    table, hashes: np.ndarray, i: int, word: str, reach: int, fewest_tokens: int = 1
) -> list[tuple[int, int, int]]:
    """``(start, end, target)`` of the patterns of ``table``, ``fewest_tokens`` tokens long or
    longer, that token ``i`` completes once it is read as ``word``. ``hashes``: the document's
    column (only the window around ``i`` is made a list)."""
    lo, hi = max(0, i - reach + 1), min(len(hashes), i + reach)
    window = hashes[lo:hi].tolist()
    window[i - lo] = get_string_id(word)
    return [(lo + s, lo + e, t) for s, e, t in table.find(window) if s <= i - lo < e and e - s >= fewest_tokens]


def _corrected(text: str, doc: Doc, start: int, end: int, i: int, word: str) -> str:
    """The span ``start:end`` (tokens) as written, with token ``i`` spelled ``word``."""
    token = doc[i]
    if token.text[:1].isupper() and word.islower():
        word = word[:1].upper() + word[1:]
    span_start, span_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return text[span_start : token.idx] + word + text[token.idx + len(token) : span_end]


def _starts_sentence(doc: Doc, i: int) -> bool:
    """Does token ``i`` start a sentence, a line or a list item?"""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        if "\n" in doc[j].text:
            return True
        j -= 1
    return j < 0 or doc[j].text[-1] in _OPENERS


def _next_word(doc: Doc, i: int):
    for j in range(i + 1, len(doc)):
        if doc[j].text.isalpha():  # the IS_ALPHA flag's own test (see _plausible)
            return doc[j]
        if not doc[j].is_space:
            return None
    return None


def _defined_in(text: str, acronym: str) -> bool:
    """Does the text define ``acronym`` itself: ``(CSTA)`` or ``CSTA (``?

    Each occurrence is found with ``str.find`` and only its neighbours are read: a pattern
    search over the whole text per candidate would cost a megabyte document dearly."""
    at = text.find(acronym)
    while at >= 0:
        end = at + len(acronym)
        before, after = at - 1, end
        while before >= 0 and text[before].isspace():
            before -= 1
        while after < len(text) and text[after].isspace():
            after += 1
        opens = before >= 0 and text[before] == "("
        closes = after < len(text) and text[after] == ")"
        bounded = at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")
        if (opens and closes) or (bounded and after < len(text) and text[after] == "("):
            return True
        at = text.find(acronym, at + 1)
    return False


def mark_fuzzy(doc: Doc, spans: Iterable[Span], matches: Iterable, corrections: dict) -> None:
    """Store ``did_you_mean`` for the spans made of fuzzy matches (a changed copy per span:
    the stored dicts are shared, see :mod:`.spanvalues`)."""
    for span, match in zip(spans, matches):
        correction = corrections.get(match)
        if correction is not None:
            key = (SPAN_VALUES_KEY, span.start_char, span.end_char)
            doc.user_data[key] = {**(doc.user_data.get(key) or NO_VALUES), "did_you_mean": correction}
