"""Glossary terms as speech-to-text writes them: ``s l a``, ``csat``, ``tier two``.

A speech-to-text (ASR) transcript has no capitals and little punctuation, so the glossary's
case-sensitive acronym patterns (``SLA``) never fire on it. For a stretch of text that reads
that way (:func:`is_spoken`), :meth:`SpokenIndex.find` proposes extra matches:

- acronyms spelled as letters: ``s l a``, ``s. l. a.``, ``a h t's`` (one span over the letters),
  in capitals too (``S L A``, ``S. L. A.``, ``A.H.T.``), as some engines write spelled letters,
  and their plurals as engines write them: ``k p i s``, ``s l as``, ``i v rs``;
- acronyms split by hyphens: ``c-sat``, ``C-SAT``, ``e-nps`` (the parts joined are the acronym);
- acronyms said as a letter then a word, which engines write apart: ``c sat``, ``e nps``;
- acronyms written as one lower-case word that is not an ordinary English word: ``csat``,
  ``aht``, ``wfm``, ``slas``; never ``it``, ``us``, ``cs``, ``rag`` (see :data:`WORDS`);
- terms with a number written as a word: ``tier two``, ``level one support``;
- terms of several words holding an acronym, its letters spelled: ``s l a breach``, ``a i
  agent``, ``c s a t score`` (one span over the term, where the letters alone would be the
  acronym and the words after it another match, or none: "a i" alone is the article and the
  pronoun).

Only where the caller asks, through ``doc.user_data[SPOKEN_KEY]``: ``"auto"`` (what the
transcript formats set) looks in the stretches :func:`is_spoken` accepts, ``"always"`` in the
whole text; typed text, where a lower-case ``sla`` is no acronym, is left alone, except where
the same text also writes that acronym in capitals (``the SLA ... the sla is deleted``): one
sense per discourse, so a typed chat's lower-case ``sla`` is the ``SLA`` its writers mean. The
component adds the matches to its candidates (the longest match still wins) and marks the
resulting spans ``match: "spoken"``. Everything here is a pure function of the glossary and
the text; nothing touches a ``Doc`` but :meth:`SpokenIndex.matches`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id

from ..vocabulary.grammar import DETERMINERS, DIGIT_WORDS, word_before
from ..vocabulary.inflection import pluralize
from .spanvalues import NO_VALUES, SPAN_VALUES_KEY
from .spokencodes import before_code_number, in_spelled_code

#: Lower-cased acronyms that are also words, so never read as the acronym when written as one
#: word (``it``, ``us``...; the stop words are added to these), and the interjection a chat or
#: an engine writes as a word ("grr wrong sender address"), which no dictionary of words lists.
WORDS = frozenset({
    "ace", "aim", "arr", "art", "bot", "cat", "cs", "dr", "id", "mas", "max", "om", "pip", "rag",
    "roi", "sop", "tl", "ht", "nia", "pin", "sam", "sim", "sme", "tam", "ups", "web", "grr",
}) | frozenset(STOP_WORDS)  # fmt: skip

#: ``doc.user_data`` key: ``"auto"`` or ``"always"`` turns spoken forms on for that doc.
SPOKEN_KEY = "helpdesk_annotator.spoken"
SPOKEN_MODES = ("auto", "always")

_NUMBERS = {**{str(digit): word for digit, word in enumerate(DIGIT_WORDS)}, "10": "ten"}
# Letters spoken one by one: "s l a", "s. l. a.", "s-l-a", "a h t's", "S. L. A.". Each letter
# stands alone.
_SPELLED = re.compile(r"(?<![\w'])[a-zA-Z](?:(?:\.[ \t]?|[ \t]|-)[a-zA-Z](?![\w])){1,5}\.?(?:'s)?")
# Letters spoken one by one whose plural "s" is written against the last: "s l as", "i v rs".
_SPELLED_PLURAL = re.compile(r"(?<![\w'])[a-zA-Z](?:[ \t][a-zA-Z]){0,4}[ \t][a-zA-Z]s(?![\w'])")
# Letters joined by hyphens in groups, not all single letters: "c-sat", "C-SAT", "e-nps".
_HYPHENED = re.compile(r"(?<![\w'-])[a-zA-Z]{1,5}(?:-[a-zA-Z]{1,5}){1,3}(?:'s)?(?![\w-])")
_WORD = re.compile(r"(?<![\w'.@/-])[a-z]{2,6}(?:'s)?(?![\w@/-])")
# A letter said on its own, then the rest of an acronym said as a word: "c sat", "e nps". Not
# "a" or "i", which are words; the joined letters must be a glossary acronym (:meth:`_split`).
_LETTER_WORD = re.compile(r"(?<![\w'.@/-])[b-hj-zB-HJ-Z][ \t][a-z]{2,5}(?:'s)?(?![\w@/-])")
# An acronym as a word of a name: two to six capitals ("SLA" in "SLA Breach").
_SPOKEN_ACRONYM = re.compile(r"[A-Z]{2,6}")
# A stretch of text: what lies between line breaks and runs of three blanks or more.
_SEGMENT = re.compile(r"\S(?:\S|[ \t]{1,2}(?=\S))*")
_UPPER = re.compile(r"[A-Z]")
# A capital that is part of a written word ("The", "CSAT", "iPhone"), as typed text has; a
# capital standing alone ("S L A", "S.L.A.", the pronoun "I") is how some engines write
# spelled letters, and does not make a stretch typed.
_TYPED_CAPITAL = re.compile(r"[A-Z](?=[A-Za-z])|[a-z][A-Z]")
# What ends a stretch inside a line: three blanks, or whitespace other than a space or a tab
# (:data:`_BREAKS`).
_BLANKS = re.compile(r"[ \t]{3}")
# Punctuation that typed text has and speech-to-text mostly lacks (the dots of "s. l. a."
# are letters spoken, not full stops).
_PUNCT = re.compile(r"[,;:!?()\"]|(?<=[a-z]{2})\.(?=\s|$)")
# Maximal runs of lower-case letters: a one-word lower-case acronym (``sla``, ``slas``) is one.
_LOWER_RUN = re.compile(r"[a-z]{2,}+")
# Letters spoken one by one and closed by a full stop: "s l a." (group 1: the last letter).
# English tokenizers keep a lone letter and its full stop together ("a.", as in an initial),
# so the letters' span would end inside a token.
_SPELLED_STOP = re.compile(r"(?<![\w'.])[a-zA-Z](?:[ \t-][a-zA-Z]){0,4}[ \t-]([a-zA-Z])\.(?![\w.])")
# A lone letter closed by a full stop, or two capitals ("L A."; a capital alone is an initial,
# "J. Smith", which typed text has often): most texts have none, and this is a quicker scan.
# The full stop first, what comes before it as lookbehinds: a pattern opening with a literal is
# tried only where the literal is, one opening with a class at every character.
_LONE_LETTER_STOP = re.compile(r"\.(?:(?<=[ \t-][a-z]\.)|(?<=[A-Z][ \t-][A-Z]\.))(?![\w.])")


def _after_determiner(text: str, position: int) -> bool:
    """The word right before ``position`` is one of :data:`DETERMINERS`."""
    return word_before(text, position) in DETERMINERS


def is_spoken(segment: str) -> bool:
    """True if ``segment`` reads like speech-to-text output: no capital letter inside a written
    word (capitals standing alone are spelled letters, see :data:`_TYPED_CAPITAL`) and at most
    one punctuation mark per eight words (a typed lower-case chat has more)."""
    return _judged(segment) is True


def _judged(segment: str) -> bool | None:
    """:func:`is_spoken`, or None for a stretch too short to tell (one or two words with no
    typed capital and no punctuation: "csat manually", "okay"), which its neighbours decide."""
    words = segment.split()
    if _TYPED_CAPITAL.search(segment):
        return False
    if len(words) < 3:
        return None if not _PUNCT.search(segment) else False
    return len(_PUNCT.findall(segment)) * 8 <= len(words)


#: The whitespace other than a space, a tab or a line break (``[^\S \t\n]``: ``\s`` is
#: ``str.isspace``, and no code point past U+3000 is a space).
_BREAKS = tuple(char for char in map(chr, range(0x3001)) if char.isspace() and char not in " \t\n")
_ASCII_BREAKS = tuple(char for char in _BREAKS if char.isascii())


def _one_stretch(line: str) -> bool:
    """Whether ``line`` holds no break (three blanks, or a character of :data:`_BREAKS`),
    asked with substring tests (C scans of the line, one per kind of break): a pattern of
    both, tried at every character, cost more than the rest of the spoken-form search on
    typed text."""
    if ("  " in line or "\t" in line) and _BLANKS.search(line):
        return False
    return not any(char in line for char in (_ASCII_BREAKS if line.isascii() else _BREAKS))


_UNJUDGED = object()


def spoken_segments(text: str) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of each stretch of ``text`` that :func:`is_spoken` accepts: a line, or
    a part of one between masked runs (a turn in a transcript's visible text). A stretch too
    short to tell goes with the nearest stretch that can, before it or else after it: a
    machine transcript's short turns and title ("csat manually") are speech like the rest.

    Every document is asked, so typed text must cost next to nothing: a line that is one
    stretch (no run of three blanks, no other break) and has a capital inside a word cannot be
    spoken, and is passed over with a few scans in C before the stretch pattern runs at all."""
    offset = 0
    pending: list[tuple[int, int]] = []  # short stretches waiting for a neighbour's verdict
    last: bool | None = None  # the verdict of the last stretch that had one
    # Each distinct stretch judged once: a line of words between runs of blanks (bidi controls
    # blanked) is a stretch per word, the same few words over and over.
    verdicts: dict[str, bool | None] = {}
    for line in text.split("\n"):
        end = offset + len(line)
        if _UPPER.search(line) and _TYPED_CAPITAL.search(line) and _one_stretch(line):
            pending.clear()  # a typed line: what waits before it is not speech
            last = False
        else:
            for match in _SEGMENT.finditer(text, offset, end):
                stretch = match.group()
                verdict = verdicts.get(stretch, _UNJUDGED)
                if verdict is _UNJUDGED:
                    verdict = verdicts[stretch] = _judged(stretch)
                if verdict is None:
                    if last:
                        yield match.span()
                    elif last is None:
                        pending.append(match.span())
                    continue
                if verdict and pending:
                    yield from pending
                pending.clear()
                last = verdict
                if verdict:
                    yield match.span()
        offset = end + 1


#: ``doc.user_data`` key: the document's :func:`spoken_segments`, found once for the spoken-form
#: search and the everyday-word rule (the component removes it when it is done with the doc).
SEGMENTS_KEY = "helpdesk_annotator.spoken_segments"


def document_segments(doc, text: str) -> tuple[tuple[int, int], ...]:
    """:func:`spoken_segments` of ``doc``'s ``text``, found on the first question and kept on
    the doc (:data:`SEGMENTS_KEY`) for the next."""
    segments = doc.user_data.get(SEGMENTS_KEY)
    if segments is None:
        segments = doc.user_data[SEGMENTS_KEY] = tuple(spoken_segments(text))
    return segments


def _with_number(acronym: str) -> list[str]:
    """How an acronym that ends in a digit is said (``SEV1``, ``SOC 2``): its letters as one
    word or one by one, then the number as a word; none for any other acronym."""
    match = re.fullmatch(r"([A-Za-z]+) ?(\d)", acronym)
    if match is None:
        return []
    letters, number = match.group(1).lower(), _NUMBERS[match.group(2)]
    said = [f"{letters} {number}"]
    if len(letters) > 1:
        said.append(f"{' '.join(letters)} {number}")
    return said


def _with_letters(name: str) -> list[str]:
    """How a name of several words holding an acronym is said with the acronym's letters one
    by one (``SLA Breach`` -> ``s l a breach``, ``s l a breaches``); none for any other name.
    The plural is the last word's, when that word is no acronym."""
    words = name.split()
    if len(words) < 2 or not any(_SPOKEN_ACRONYM.fullmatch(word) for word in words):
        return []
    said = [" ".join(word.lower()) if _SPOKEN_ACRONYM.fullmatch(word) else word.lower() for word in words]
    forms = [" ".join(said)]
    plural = None if _SPOKEN_ACRONYM.fullmatch(words[-1]) else pluralize(said[-1])
    if plural and plural != said[-1]:
        forms.append(" ".join([*said[:-1], plural]))
    return forms


#: "In no stretch" for any offset, answered in C (an empty set holds nothing).
_NOWHERE: Callable[[int], bool] = frozenset().__contains__


def in_spoken_stretch(doc, text: str | None = None) -> Callable[[int], bool]:
    """Whether a character offset of ``doc`` lies in a speech-to-text stretch
    (:func:`spoken_segments`), where sentences run together without a full stop; always
    False unless a spoken mode is on (``doc.user_data[SPOKEN_KEY]``), so typed text costs a
    dict look-up. ``text``: ``doc.text`` when the caller has it (spaCy rebuilds it)."""
    if doc.user_data.get(SPOKEN_KEY) not in SPOKEN_MODES:
        return _NOWHERE
    segments = document_segments(doc, doc.text if text is None else text)
    if not segments:  # typed text, most documents: no closure made, no Python call per offset
        return _NOWHERE
    starts = [start for start, _ in segments]

    def inside(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k >= 0 and offset < segments[k][1]

    return inside


@dataclass(frozen=True)
class Target:
    label: str
    id: str


class SpokenIndex:
    """What spoken forms can stand for: acronym letters -> target, number-word phrases -> target."""

    def __init__(self, acronyms: dict[str, Target], phrases: dict[str, Target]) -> None:
        self.acronyms = acronyms  # "sla" -> target
        self.phrases = phrases  # "tier two" -> target
        alternatives = sorted((re.escape(p).replace(r"\ ", r"[ \t]+") for p in phrases), key=len, reverse=True)
        self._phrase_re = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])") if alternatives else None
        forms = sorted((form for form in acronyms if form not in WORDS), key=len, reverse=True)
        # What a lower-case form's run of letters can be: the form, or its plural ("slas").
        self._lower_runs = frozenset(forms) | {form + "s" for form in forms}
        self._run_of_hash = {get_string_id(run): run for run in self._lower_runs}
        # A possessive the tokenizer left whole ("sla's" before a symbol it does not split
        # off) is a token that starts with the run too.
        for run in self._lower_runs:
            for possessive in (run + "'s", run + "\u2019s", run + "'", run + "\u2019"):
                self._run_of_hash.setdefault(get_string_id(possessive), run)
        self._lower_hashes = frozenset(self._run_of_hash)
        self._forms = frozenset(forms)
        self._form_res: dict[str, re.Pattern] = {}

    @classmethod
    def from_glossary(cls, glossary, *, term_label: str, acronym_label: str, ambiguous_prefix: str) -> SpokenIndex:
        """Built from a :class:`~annotator.glossary.model.Glossary`: its acronyms, its
        acronyms ending in a digit as said (``SEV1`` -> ``sev one``, ``s e v one``; ``P1`` ->
        ``p one``), its terms and aliases with a number from 0 to 10 (``Tier 2`` ->
        ``tier two``), and those holding an acronym, its letters spelled (``SLA Breach`` ->
        ``s l a breach``)."""
        acronyms = {}
        phrases = {}
        for acronym, concepts in glossary.by_acronym.items():
            target = Target(acronym_label, f"{ambiguous_prefix}{acronym}" if len(concepts) > 1 else concepts[0].id)
            if acronym.isalpha() and 2 <= len(acronym) <= 6:
                acronyms[acronym.lower()] = target
            for spoken in _with_number(acronym):
                phrases.setdefault(spoken, target)
        for concept in glossary.by_id.values():
            for name in (concept.term, *concept.aliases):
                words = name.lower().split()
                if any(word in _NUMBERS for word in words):
                    spoken = " ".join(_NUMBERS.get(word, word) for word in words)
                    phrases.setdefault(spoken, Target(term_label, concept.id))
                for spoken in _with_letters(name):
                    phrases.setdefault(spoken, Target(term_label, concept.id))
        return cls(acronyms, phrases)

    def find(
        self, text: str, mode: str = "auto", *, lower_runs: Iterable[str] | None = None,
        segments: Iterable[tuple[int, int]] | None = None,
    ) -> list[tuple[int, int, Target]]:
        """``(start, end, target)`` of every spoken form in the speech-like parts of ``text``
        (in all of it for ``mode="always"``), in text order within each kind. ``lower_runs``:
        the runs of lower-case letters of ``text`` that are one-word forms or their plurals,
        when the caller knows them (see :meth:`matches`); None looks for them. ``segments``:
        the text's :func:`spoken_segments`, when the caller has them."""
        if mode == "always":
            return self._find_in(text, 0, len(text))
        found = []
        for start, end in spoken_segments(text) if segments is None else segments:
            found += self._find_in(text, start, end)
        if lower_runs is None:
            lower_runs = self._lower_runs.intersection(_LOWER_RUN.findall(text))
        if not lower_runs:
            return found
        return found + self._lower_case_of_capitals(text, lower_runs, {(start, end) for start, end, _ in found})

    def _lower_case_of_capitals(self, text: str, runs: Iterable[str], taken: set[tuple[int, int]]) -> list:
        """One-word lower-case acronyms (``sla``, ``slas``) anywhere in ``text`` whose capital
        form the text also writes; ``runs`` are the runs of lower-case letters in ``text``
        that are forms or their plurals, ``taken`` spans already found. Only acronyms that are
        no ordinary word (:data:`WORDS`), so ``it`` stays the pronoun beside an ``IT`` team.

        Each form is looked for on its own, and only when its capitals are written: one
        pattern of every form, tried at every character, cost more than all the rest of the
        spoken-form search on typed text. Where a form and its plural are both forms
        (``sla``, ``slas``), the longer one takes a run, as the one pattern did."""
        forms = {form for run in runs for form in (run, run[:-1]) if form in self._forms}
        by_start: dict[int, tuple[int, int, Target]] = {}
        for form in sorted(forms, key=len, reverse=True):
            capitals = form.upper()
            # The literal first, its lookbehind after it: a pattern opening with a lookbehind is
            # tried at every character of the text, one opening with a literal only where the
            # literal is.
            written = re.escape(capitals)
            if capitals not in text or re.search(rf"{written}(?<![\w']{written})(?:s|'s)?(?![\w])", text) is None:
                continue
            for match in self._form_re(form).finditer(text):
                if match.group() != form and match.group() in self._forms:
                    continue  # the longer form ("slas") owns its run, even unwritten in capitals
                if match.start() not in by_start and match.span() not in taken:
                    by_start[match.start()] = (match.start(), match.end(), self.acronyms[form])
        return [by_start[start] for start in sorted(by_start)]

    def _form_re(self, form: str) -> re.Pattern:
        found = self._form_res.get(form)
        if found is None:
            literal = re.escape(form)  # first, as above
            found = self._form_res[form] = re.compile(rf"{literal}(?<![\w'.@/-]{literal})(?:s|'s)?(?![\w@/-])")
        return found

    def _find_in(self, text: str, start: int, end: int) -> list[tuple[int, int, Target]]:
        found = []
        for match in _SPELLED.finditer(text, start, end):
            spelled = match.group()
            stop = match.end()
            body = spelled[:-2] if spelled.endswith("'s") else spelled
            if body.endswith(".") and body.count(".") == 1:
                body, stop = body[:-1], stop - 1  # a full stop after "s l a", not "s. l. a."
            at = [match.start() + i for i, char in enumerate(body) if char.isalpha()]
            letters = "".join(text[i] for i in at).lower()
            target = self._spelled(letters)
            if target is not None:
                if not in_spelled_code(text, match.start(), stop):
                    found.append((match.start(), stop, target))
                continue
            # The article or the pronoun said against the letters ("a s l a", "the s l a i
            # think"): the letters without it, when they are an acronym. Not an "a" after a
            # determiner ("the a t l airport"), which no article follows: it is a letter.
            leading = letters[0] in "ai" and not (letters[0] == "a" and _after_determiner(text, match.start()))
            for lo, hi in ((1, len(at)), (0, len(at) - 1), (1, len(at) - 1)):
                if (lo and not leading) or (hi < len(at) and letters[-1] not in "ai") or hi - lo < 2:
                    continue
                if lo and hi < len(at) and hi - lo < 3:
                    # Two letters between an "a" or "i" either side ("i c s i") are a longer
                    # name spelled (ICSI), not the pronoun twice around an acronym of two.
                    continue
                target = self._spelled(letters[lo:hi])
                if target is not None:
                    span = (at[lo], stop if hi == len(at) else at[hi - 1] + 1)
                    if not in_spelled_code(text, *span):
                        found.append((*span, target))
                    break
        for match in _SPELLED_PLURAL.finditer(text, start, end):
            letters = "".join(char for char in match.group() if char.isalpha()).lower()[:-1]
            if set(letters) <= {"a", "i"}:
                continue  # "a is", "i as": the article, the pronoun and a word
            target = self.acronyms.get(letters)
            # Said as a word, the letters of a code run on into its number ("confirmation no
            # asa 852"); letters said alone after them are the acronym's own ("slas t t o").
            if target is not None and not before_code_number(text, match.end()):
                found.append((match.start(), match.end(), target))
        if "-" in text[start:end]:
            found += self._hyphened(text, start, end)
        found += self._split(text, start, end)
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            target = self._one_word(word[:-2] if word.endswith("'s") else word)
            # Said as a word, the letters of a code run on into its number ("confirmation no
            # asa 852"); letters said alone after them are the acronym's own ("slas t t o").
            if target is not None and not before_code_number(text, match.end()):
                found.append((match.start(), match.end(), target))
        if self._phrase_re is not None:
            for match in self._phrase_re.finditer(text, start, end):
                key = " ".join(match.group().split())
                found.append((match.start(), match.end(), self.phrases[key]))
        return found

    def _one_word(self, word: str, plural: bool = True) -> Target | None:
        """What an acronym written as one lower-case word stands for (``csat``; with ``plural``
        its plural too, ``slas``): never an ordinary word (:data:`WORDS`), nor the singular of
        one ("bus" is no plural of "bu")."""
        if word in WORDS:
            return None
        target = self.acronyms.get(word)
        if target is None and plural and word.endswith("s") and word[:-1] not in WORDS:
            target = self.acronyms.get(word[:-1])
        return target

    def _spelled(self, letters: str) -> Target | None:
        """What letters said one by one spell (lower case), their plural's "s" said too ("k p
        i s"); never the article or the pronoun with a letter ("a i", "i t", "i t s"). Three
        letters ending in "s" are an acronym of three ("c s s" is CSS), not the plural of one
        of two: an engine writes that plural "c s's" or "c ss", if it ever spells one."""
        if len(letters) == 2 and letters[0] in "ai":
            return None
        target = self.acronyms.get(letters)
        if target is None and letters.endswith("s") and len(letters) > 3:
            target = self.acronyms.get(letters[:-1])
        return target

    def _hyphened(self, text: str, start: int, end: int) -> list[tuple[int, int, Target]]:
        """Acronyms written in hyphen-joined parts (``c-sat``, ``C-SAT``): the parts joined,
        lower-cased, are a glossary acronym that is no ordinary word; all-single-letter runs
        (``s-l-a``) are the spelled letters' business."""
        found = []
        for match in _HYPHENED.finditer(text, start, end):
            word = match.group()
            body = word[:-2] if word.endswith("'s") else word
            parts = body.split("-")
            if all(len(part) == 1 for part in parts):
                continue
            target = self._one_word("".join(parts).lower(), plural=False)
            if target is not None:
                found.append((match.start(), match.end(), target))
        return found

    def _split(self, text: str, start: int, end: int) -> list[tuple[int, int, Target]]:
        """Acronyms said as a letter and a word (``c sat``, ``e nps``, ``c sats``): the two
        joined, lower-cased, less a plural ``s``, are a glossary acronym that is no ordinary
        word; the span covers both parts. The word must be the rest of the acronym said as
        one, never a function word an engine wrote because it heard one: "it's so" cut as
        "it s so" is no SSO, "let s me" no SME (an acronym said letter by letter is the
        spelled letters' business, ``s s o``)."""
        found = []
        for match in _LETTER_WORD.finditer(text, start, end):
            word = match.group()
            body = word[:-2] if word.endswith("'s") else word
            if body[2:].lower() in STOP_WORDS:
                continue
            target = self._one_word(body.replace(" ", "").replace("\t", "").lower())
            if target is not None:
                found.append((match.start(), match.end(), target))
        return found

    def split_spelled_stops(self, doc, text: str | None = None) -> None:
        """Split off the full stop glued to the last of a spelled acronym's letters (``a.`` in
        ``s l a.`` -> ``a`` ``.``) so the letters end on a token boundary, as in the middle of
        a sentence; only where a spoken mode is on (``doc.user_data[SPOKEN_KEY]``) and the
        letters spell a glossary acronym. Call it before any token index is taken: it changes
        the doc's tokens (never its text). ``text``: ``doc.text`` when the caller has it
        (spaCy rebuilds it from every token on each access)."""
        if doc.user_data.get(SPOKEN_KEY) not in SPOKEN_MODES:
            return
        if text is None:
            text = doc.text
        if _LONE_LETTER_STOP.search(text) is None:
            return
        tokens = []
        for match in _SPELLED_STOP.finditer(text):
            if "".join(c for c in match.group() if c.isalpha()).lower() not in self.acronyms:
                continue
            token = doc.char_span(match.start(1), match.end())  # the letter and its full stop
            if token is not None and len(token) == 1:
                tokens.append(token[0])
        if tokens:
            with doc.retokenize() as retokenizer:
                for token in tokens:
                    retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])

    def matches(self, doc, text: str, match_type, orth=None) -> list:
        """The :meth:`find` results as ``match_type(start_token, end_token, label, id, True)``
        for the spans that fall on token boundaries of ``doc``; none unless
        ``doc.user_data[SPOKEN_KEY]`` is one of :data:`SPOKEN_MODES`.

        ``orth``, the doc's ``ORTH`` hashes when the caller has them (a sequence, or the numpy
        column of ``doc.to_array``, read only when a spoken mode is on), rules out at C speed the
        lower-case acronyms of typed text for most documents: a span on token boundaries starts
        with a token that is the form or its plural, so without such a token none is kept."""
        mode = doc.user_data.get(SPOKEN_KEY)
        if mode not in SPOKEN_MODES:
            return []
        runs = None
        if orth is not None:
            runs = [self._run_of_hash[h] for h in self._lower_hashes.intersection(
                orth.tolist() if hasattr(orth, "tolist") else orth)]
        result = []
        segments = None if mode == "always" else document_segments(doc, text)
        for start, end, target in self.find(text, mode, lower_runs=runs, segments=segments):
            span = doc.char_span(start, end)
            if span is not None:
                result.append(match_type(span.start, span.end, target.label, target.id, True))
        return result


def mark_spoken(doc, spans: Iterable) -> None:
    """Say ``match: "spoken"`` in the stored values of ``spans`` (a changed copy per span: the
    stored dicts are shared between spans, see ``spanvalues``)."""
    for span in spans:
        key = (SPAN_VALUES_KEY, span.start_char, span.end_char)
        doc.user_data[key] = {**(doc.user_data.get(key) or NO_VALUES), "match": "spoken"}
