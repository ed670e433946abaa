"""Words and stopword-bounded chunks: what term candidates are cut from.

A *chunk* is a run of content words with nothing between them but spaces or a single line
break: punctuation, a blank line, a masked stretch (code, a URL) and every stopword end it.
Candidate terms are the n-grams inside a chunk, so "the response target for business hours"
offers "response target" and "business hours" but never "target for business".

The forms of one word (:func:`word_stem`: "assigned", "assignment" and "assign") are decided
here too, once, for the type grouping and for the glossary words a term holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from ..vocabulary.english import is_dictionary_word

#: Function words, generic verbs and adverbs, greetings and sign-offs: they bound candidates
#: and never start or end one. Boilerplate ("thank you", "best regards", "hi there") is made
#: only of these, so it never becomes a candidate at all.
STOPWORDS = frozenset("""
a about above after again against all almost along already also although always am among an
and another any anybody anyone anything anyway anywhere are aren around as at away be
became because become been before being below besides best between both but by can cannot
could couldn did didn do does doesn doing don done down during each either else enough etc even
ever every everyone everything few for from further get gets getting give given gives go
goes going gone got had hadn has hasn have haven having he her here hers herself him himself his
how however i if in into is isn it its itself just least less let like likely made make
makes making many may maybe me might mine more most mostly much must my myself need needed
needs neither never no nobody none nor not nothing now of off often oh ok okay on once
one only onto or other others otherwise our ours ourselves out over per perhaps please put
quite rather re really right said same say says see seem seems seen several shall she should
shouldn since so some somebody someone something sometimes soon still such sure take taken
takes than that the their theirs them themselves then there these they thing things this those
though through thus to together too took toward towards under unless until up upon us use used
uses using very via want wanted wants was wasn way we well went were weren what whatever when
whenever where whether which while who whoever whole whom whose why will with within without
won would wouldn yes yet you your yours yourself yourselves
hi hello hey dear thanks thank thx regards cheers sincerely kind kindly sorry welcome hope
apologies apologise apologize appreciate great good nice happy glad sure today tomorrow
yesterday am pm let know think thought look looking looks looked find found try tried trying keep kept
able unable again asap pls plz lol via etc eg ie thks thx ur u feel free different specific
multiple additional various certain particular following shortly lot lots
""".split())

#: A word: letters, with inner hyphens or apostrophes ("co-browsing", "customer's").
_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
#: What may sit between two words of one chunk: spaces, at most one line break.
_JOINING_GAP = re.compile(r"[ \t\u00a0]{1,2}|[ \t]*\r?\n[ \t]*")
#: An acronym-shaped word (two or more capitals): acronyms are their own kind of candidate.
_CAPS = re.compile(r"[A-Z0-9&]*[A-Z][A-Z0-9&]*[A-Z][A-Z0-9&]*s?")


class Word(NamedTuple):
    text: str
    start: int
    end: int


def words(visible: str) -> Iterator[Word]:
    """Every word of ``visible`` with its offsets (which index the original text too)."""
    for match in _WORD.finditer(visible):
        yield Word(match.group(), *match.span())


def _breaks_before(visible: str, word: Word) -> bool:
    """A handle (``@acme``), a channel (``#sla``) or a file/identifier piece starts no chunk."""
    return word.start > 0 and visible[word.start - 1] in "@#_/\\.=<>:$%&*+"


def _breaks_after(visible: str, word: Word) -> bool:
    return word.end < len(visible) and visible[word.end] in "@_/\\=<>$%&*+"


def is_stopword(word: str) -> bool:
    """A stopword, also with a clitic ("don't", "we\u2019ll")."""
    lowered = word.lower()
    if lowered in STOPWORDS:
        return True
    return ("'" in lowered or "\u2019" in lowered) and \
        lowered.replace("\u2019", "'").split("'")[0] in STOPWORDS


def is_acronym_shaped(word: str) -> bool:
    """Two or more capitals (digits and "&" allowed, a plural "s"): an acronym's shape, which
    never sits inside a term candidate."""
    return bool(_CAPS.fullmatch(word))


def chunks(visible: str) -> Iterator[list[Word]]:
    """Runs of content words, in text order (see the module docstring)."""
    run: list[Word] = []
    previous: Word | None = None
    for word in words(visible):
        breaks = (
            previous is None
            or not _JOINING_GAP.fullmatch(visible, previous.end, word.start)
            or _breaks_before(visible, word)
            or _breaks_after(visible, previous)
        )
        if breaks and run:
            yield run
            run = []
        previous = word
        if is_stopword(word.text) or _CAPS.fullmatch(word.text) or len(word.text) < 2:
            if run:
                yield run
                run = []
            continue
        if _breaks_before(visible, word) or _breaks_after(visible, word):
            continue
        run.append(word)
    if run:
        yield run


#: The stopword a term may hold, between content words: "to" names durations and steps
#: ("time to resolve", "time to first reply", "time to own"). "of" is not one: in tickets
#: it mostly joins free combinations ("number of users"), and on the dev corpus it ranked
#: more noise than terms.
LINKS = frozenset({"to"})
_LINK = re.compile(r"(?<=[^\W\d_]) (?:%s) (?=[^\W\d_])" % "|".join(sorted(LINKS)))
_WORD_BEFORE = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*$")
#: Subject pronouns: a word right after one is a verb ("I plan to leave", "we need to"), so
#: the "to" after it opens an infinitive, not the "time to" of a duration or a step.
SUBJECTS = frozenset("i we you they he she".split())
_SUBJECT_BEFORE = re.compile(r"(?<![\w'\u2019-])(%s)[ \t]+$" % "|".join(sorted(SUBJECTS)),
                             re.IGNORECASE)


def _content(visible: str, word: Word) -> bool:
    return not (is_stopword(word.text) or _CAPS.fullmatch(word.text) or len(word.text) < 2
                or _breaks_before(visible, word) or _breaks_after(visible, word))


def _plural(word: str) -> bool:
    lowered = word.lower()
    return singular(lowered) != lowered


def linked(visible: str) -> Iterator[list[Word]]:
    """Three- and four-word n-grams with a :data:`LINKS` word second ("time to own", "time to
    first reply"): content words around it, single spaces between, none of them a plural:
    "to" between plural nouns is a preposition ("tickets to agents", "steps to reproduce",
    "responding to tickets"), not the "time to" of a duration or a step; nor is it one
    after a word that follows a subject pronoun, a verb ("I plan to leave", "you need to
    restart")."""
    for link in _LINK.finditer(visible):
        before = _WORD_BEFORE.search(visible, max(0, link.start() - 60), link.start())
        if before is None:
            continue
        gram = [Word(before.group(), *before.span()),
                Word(link.group().strip(), link.start() + 1, link.end() - 1)]
        if not _content(visible, gram[0]) or _plural(gram[0].text):
            continue
        if _SUBJECT_BEFORE.search(visible, max(0, before.start() - 12), before.start()):
            continue  # a verb: "you plan to leave"
        position = link.end()
        for _ in range(2):
            nxt = _WORD.match(visible, position)
            if nxt is None:
                break
            word = Word(nxt.group(), *nxt.span())
            if not _content(visible, word) or _plural(word.text):
                break
            gram.append(word)
            yield list(gram)
            if not visible.startswith(" ", word.end):
                break
            position = word.end + 1


def ngrams(run: list[Word], *, shortest: int = 2, longest: int = 4) -> Iterator[list[Word]]:
    """Every contiguous n-gram of ``run`` from ``shortest`` to ``longest`` words."""
    for size in range(shortest, longest + 1):
        for i in range(len(run) - size + 1):
            yield run[i : i + size]


def fold_term(parts: list[str]) -> str:
    """The grouping key of a term: lower case, the head word's plural folded
    ("Very Breached Tickets" and "very breached ticket" are one candidate)."""
    lowered = [p.lower().replace("\u2019", "'") for p in parts]
    lowered[-1] = singular(lowered[-1])
    return " ".join(lowered)


@lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """``word`` with a plural folded (cached: an archive's vocabulary repeats)."""
    from ..vocabulary.inflection import singularize

    return (singularize(word) if len(word) > 3 else None) or word


#: Endings that make another form of the same word once a plural is folded: verb
#: inflections, and the "-ment" of a verb's action noun ("assign", "assigned", "assignment"
#: name one thing).
ENDINGS = ("ment", "ing", "ed")
#: Shortest stem an ending may leave ("sing" is no form of "s").
MIN_STEM = 3


def word_stem(word: str, vocabulary: frozenset[str] | set[str]) -> str:
    """``word`` (lower case) with a plural folded, then without an ending of :data:`ENDINGS`
    when what is left (with a doubled last consonant undone, or an "e" restored) is a
    dictionary or ``vocabulary`` word."""
    word = singular(word)
    for ending in ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < MIN_STEM:
            continue
        base = word[: -len(ending)]
        tries = [base, base + "e"]
        if len(base) > MIN_STEM and base[-1] == base[-2] and base[-1] not in "aeiousl":
            tries.append(base[:-1])  # "planning" -> "plan"
        for stem in tries:
            if stem in vocabulary or is_dictionary_word(stem):
                return stem
    return word


#: What may follow a template label before its colon: a parenthetical hint
#: ("Installation method (source, package, ..): source").
_LABEL_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{0,60}\))?[ \t]*[:\uff1a]")
_LINE_MARKS = " \t\r#*-_=>:|0123456789.)"


def is_whole_line(visible: str, start: int, end: int) -> bool:
    """True when nothing but spaces or list/heading marks shares the line with ``start:end``
    (a heading, a signature line), or when ``start:end`` opens its line as a label before a
    colon ("Operating system: Ubuntu", an issue-template field): boilerplate either way."""
    line_start = visible.rfind("\n", 0, start) + 1
    line_end = visible.find("\n", end)
    line_end = len(visible) if line_end < 0 else line_end
    before = visible[line_start:start]
    if before.strip(_LINE_MARKS):
        return False
    return not visible[end:line_end].strip(_LINE_MARKS) or bool(
        _LABEL_TAIL.match(visible, end, line_end))


def excerpt(visible: str, start: int, end: int, *, width: int = 60) -> str:
    """A short single-line excerpt around ``start:end`` (at most ``2 * width`` plus the match,
    itself cut to 80 characters), whitespace collapsed."""
    lo, hi = max(0, start - width), min(len(visible), end + width)
    inside = visible[start:end]
    if len(inside) > 80:
        inside = inside[:80]
    text = visible[lo:start] + inside + visible[end:hi]
    text = " ".join(text.split())
    return ("\u2026" if lo > 0 else "") + text + ("\u2026" if hi < len(visible) else "")
