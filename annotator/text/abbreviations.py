"""In-text acronym definitions: Schwartz & Hearst (2003) as a handful of pure functions.

Finds the places where a text defines an acronym itself:

* ``Long Form (LF)``: "Service Level Agreement (SLA)", "Customer Satisfaction Score (CSAT)";
* ``LF (long form)``: "TTV (time to value)", "KB (knowledge base)";
* ``long form or LF`` (only when asked, for the linter): "average handle time, or AHT".

Each definition is a dict with ``short``, ``long``, ``short_start``, ``short_end``,
``long_start``, ``long_end`` (character offsets into the text, ``text[short_start:short_end]
== short``; ``long`` is ``text[long_start:long_end]`` with runs of whitespace collapsed to one
space) and ``form`` (``"long_short"``, ``"short_long"`` or ``"or"``).

The algorithm, step by step (the alignment is :func:`annotator.vocabulary.initials.align`):

1. A candidate is a parenthesis with at most :data:`MAX_INSIDE_CHARS` characters and no nested
   parenthesis before its ``)``, or the word ``or`` followed by an acronym-shaped word.
2. The short form is an acronym-shaped word (:func:`~annotator.vocabulary.acronyms.is_acronym_shape`)
   inside the parentheses (``Long Form (LF)``; a comment after a comma is allowed:
   ``(SLA, see below)``), or the word right before them (``LF (long form)``).
3. The long form is looked for in a bounded window: at most ``min(|SF| + 5, |SF| * 2)`` words
   (|SF| = letters of the short form), never across sentence punctuation, a comma, a bracket or
   a blank line.
4. The short form's letters are matched right to left against the window's characters, each
   letter anywhere in a word (so CSAT matches "Customer SATisfaction"), except the first, which
   must start a word. The long form runs from that word to the end of the window. Digits in the
   short form are skipped (B2B = "business to business").
5. Plausibility: the long form is longer than the short form and does not contain it; for the
   ``or`` form, at least two letters (and at least half of them) must start words, and the long
   form needs two words, because "or" is far more common than a defining parenthesis.

Everything is bounded per candidate and candidates are found with plain searches, so the whole
pass is linear in the length of the text (20,000 ``(`` cost nothing special). There is no
backtracking regex.

:func:`find_abbreviations` runs on a spaCy ``Doc`` (the component calls it) and
:func:`find_definitions` on a plain string (the linter calls it on masked visible text). Both
use the same word splitting over the document's characters, so they give the same answers for
the same text whatever tokenizer built the ``Doc``. Results are plain dicts, never ``Span``
objects, so they survive ``nlp.pipe(n_process=...)`` and JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..vocabulary.acronyms import base_acronym, holds_acronym, is_acronym_shape
from ..vocabulary.initials import WORD_RE as _WORD
from ..vocabulary.initials import align, initial_matches, short_form_letters

#: Longest parenthetical (in characters) considered a definition.
MAX_INSIDE_CHARS = 160
#: Characters looked at before a candidate; comfortably more than 12 words.
WINDOW_CHARS = 240

# Tokens of the window: a blank line, a word, or any other single non-space character.
_TOKEN = re.compile(r"\n[^\S\n]*+\n|\w+(?:['\u2019&]\w+)*+|[^\w\s]")
# Characters a long form never crosses.
_BOUNDARY = frozenset(".!?;:,()[]{}<>\"|\u201c\u201d\u2022\u00b7=*#`")
# A short form written inside the parentheses, optionally followed by a comment.
_SHORT_INSIDE = re.compile(r"\s*+([A-Za-z0-9][A-Za-z0-9&'\u2019]{1,9})\s*+(?:[,;][^()]*)?")
# The word right before "(": an acronym candidate for the "LF (long form)" order.
_WORD_BEFORE = re.compile(r"(?<![\w&'\u2019-])([A-Za-z0-9][A-Za-z0-9&'\u2019]{1,9})[ \t]*$")
# Characters allowed in a long form written inside the parentheses.
_LONG_INSIDE = re.compile(r"[\w\s&'\u2019/-]+")
_OR_SHORT = re.compile(r"(?<![\w-])or[ \t]++([A-Za-z0-9][A-Za-z0-9&'\u2019]{1,9})(?![\w&-])")


def find_abbreviations(doc, *, or_form: bool = False) -> list[dict]:
    """In-text definitions in a spaCy ``Doc`` (character offsets into ``doc.text``)."""
    return find_definitions(doc.text, or_form=or_form)


def find_definitions(text: str, *, or_form: bool = True) -> list[dict]:
    """In-text definitions in ``text``, in text order (see the module docstring).

    Works on any string; give it the output of :func:`annotator.text.markup.visible_text` so
    code and URLs cannot define anything. ``or_form`` adds ``long form or LF``.

    >>> [d["long"] for d in find_definitions("Track Time to Value (TTV) weekly.")]
    ['Time to Value']
    """
    found = list(_parenthesized(text))
    if or_form:
        found.extend(_or_forms(text))
    found.sort(key=lambda d: (d["short_start"], d["long_start"]))
    return found


# Step 4, the letter alignment (:func:`align`), lives with the glossary's own alignment in
# annotator.vocabulary.initials.


def _may_align(letters: str, candidate: str) -> bool:
    """Every letter of the short form occurs somewhere in ``candidate``, in any case: what
    :func:`align` needs before any order. Most parentheses of running text ("(KB)" after
    words with no "k") fail here, with one set test instead of a walk over every character.
    The letters are ASCII, and any character :func:`align` takes for one lower-cases to it
    in the whole string too."""
    return set(letters) <= set(candidate.lower())


# --------------------------------------------------------------------------------------------
# Steps 1-3: candidates and windows
# --------------------------------------------------------------------------------------------


def max_long_form_words(letters: str) -> int:
    """Schwartz-Hearst's bound on the long form: min(|SF| + 5, |SF| * 2) words."""
    return min(len(letters) + 5, len(letters) * 2)


def _window_start(text: str, end: int, max_words: int) -> int:
    """Start of the long-form window ending at ``end``: back over at most ``max_words`` words,
    stopping at a boundary character or a blank line."""
    # Most windows stop within a few characters (a bracket, a comma): look at a short slice
    # first and at the full window only when the short one ran out.
    for size in (48, WINDOW_CHARS):
        slice_start = max(0, end - size)
        start, complete = _walk_back(text, slice_start, end, max_words)
        if complete or slice_start == 0:
            return start
    return start


def _walk_back(text: str, slice_start: int, end: int, max_words: int) -> tuple[int, bool]:
    tokens = list(_TOKEN.finditer(text, slice_start, end))
    if tokens and tokens[0].start() == slice_start > 0 and not text[slice_start - 1].isspace():
        tokens = tokens[1:]  # cut in half by the slice: not a whole token
    start = end
    words = 0
    for token in reversed(tokens):
        value = token.group()
        if value[0] == "\n" or value in _BOUNDARY:
            return start, True
        if value[0].isalnum() or value[0] == "_":
            words += 1
            if words > max_words:
                return start, True
        start = token.start()
    return start, False


def _record(form, short, short_start, long_start, long_end, text) -> dict:
    return {
        "short": short,
        "long": " ".join(text[long_start:long_end].split()),
        "short_start": short_start,
        "short_end": short_start + len(short),
        "long_start": long_start,
        "long_end": long_end,
        "form": form,
    }


def _plausible(short: str, long_form: str, *, initials: int, letters: str, strict: bool) -> bool:
    words = _WORD.findall(long_form)
    if not words or len(long_form) <= len(short):
        return False
    base = base_acronym(short)
    if any(base_acronym(word) == base for word in words):
        return False
    # Nor when it stands at the start of a word glued to others ("FRT'sFirst Response Time").
    if holds_acronym(long_form, base):
        return False
    if strict:
        return len(words) >= 2 and initials >= 2 and initials * 2 >= len(letters)
    return True


#: Characters before a window's end that decide its long form: the longest window and the
#: character before it (whether a token was cut in half there).
_CONTEXT_CHARS = WINDOW_CHARS + 1
#: Long forms remembered per text before all are forgotten (a few hundred KB at most).
_MEMO_CAPACITY = 1024


def _long_form_before(text: str, end: int, short: str, *, strict: bool,
                      memo: dict[tuple, tuple[int, int] | None] | None = None) -> tuple[int, int] | None:  # fmt: skip
    """Find the long form ending just before ``end`` for ``short``; (start, end) or None.

    With ``memo`` (one per text), the answer is remembered by the characters that decide it
    (:data:`_CONTEXT_CHARS` before the window's end, and whether the text starts there), as
    offsets back from that end: a text repeating one definition is read once per definition,
    not once per copy."""
    letters = short_form_letters(short)
    if len(letters) < 2:
        return None
    # Trailing spaces are not part of the long form.
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    if memo is None:
        return _long_form_in_window(text, end, short, letters, strict=strict)
    context = max(0, end - _CONTEXT_CHARS)
    key = (text[context:end], context == 0, short, strict)
    back = memo.get(key, _UNSEEN)
    if back is _UNSEEN:
        span = _long_form_in_window(text, end, short, letters, strict=strict)
        if len(memo) >= _MEMO_CAPACITY:
            memo.clear()
        back = memo[key] = None if span is None else end - span[0]
    return None if back is None else (end - back, end)


_UNSEEN = object()


def _long_form_in_window(text: str, end: int, short: str, letters: str, *, strict: bool) -> tuple[int, int] | None:
    """:func:`_long_form_before` once the trailing spaces are off ``end``."""
    start = _window_start(text, end, max_long_form_words(letters))
    if start >= end:
        return None
    window = text[start:end]
    if not _may_align(letters, window):
        return None
    offset = align(letters, window)
    if offset is None:
        return None
    long_start = start + offset
    long_form = text[long_start:end]
    initials = initial_matches(letters, long_form)
    if not _plausible(short, long_form, initials=initials, letters=letters, strict=strict):
        return None
    return long_start, end


#: Fewest letters a short form spelled out inside a parenthesis has.
_MIN_SHORT_LETTERS = 2


def _parenthesized(text: str) -> Iterator[dict]:
    memo: dict[tuple, tuple[int, int] | None] = {}  # see _long_form_before
    position = text.find("(")
    while position != -1:
        close = text.find(")", position + 1, position + 2 + MAX_INSIDE_CHARS)
        nested = text.find("(", position + 1, close) if close != -1 else -1
        # An inside shorter than a short form ("SLA(s)", the optional plural) holds neither
        # order's short form nor a long form: skipped before either is asked.
        if close - position > _MIN_SHORT_LETTERS and nested == -1:
            found = _long_short(text, position, close, memo) or _short_long(text, position, close)
            if found:
                yield found
        position = text.find("(", position + 1)


def _long_short(text: str, open_paren: int, close: int, memo: dict | None = None) -> dict | None:
    """``Long Form (LF)``: the short form inside, the long form before the parenthesis."""
    inside = _SHORT_INSIDE.fullmatch(text, open_paren + 1, close)
    if inside is None or not is_acronym_shape(inside.group(1)):
        return None
    short = inside.group(1)
    span = _long_form_before(text, open_paren, short, strict=False, memo=memo)
    if span is None:
        return None
    return _record("long_short", short, inside.start(1), *span, text)


def _short_long(text: str, open_paren: int, close: int) -> dict | None:
    """``LF (long form)``: the short form right before the parenthesis, the long form inside."""
    # A short form has two letters or more, each aligned to a character of the long form: a
    # shorter inside ("SLA(s)", the optional plural) is no long form, known before any word is read.
    if close - open_paren - 1 < _MIN_SHORT_LETTERS:
        return None
    before = _WORD_BEFORE.search(text, max(0, open_paren - 16), open_paren)
    if before is None or not is_acronym_shape(before.group(1)):
        return None
    short = before.group(1)
    letters = short_form_letters(short)
    if len(letters) < _MIN_SHORT_LETTERS:
        return None
    start, end = open_paren + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    inside = text[start:end]
    if not inside or not _LONG_INSIDE.fullmatch(inside):
        return None
    if len(_WORD.findall(inside)) > max_long_form_words(letters):
        return None
    if not _may_align(letters, inside):
        return None
    offset = align(letters, inside)
    if offset is None:
        return None
    long_form = inside[offset:]
    initials = initial_matches(letters, long_form)
    if not _plausible(short, long_form, initials=initials, letters=letters, strict=False):
        return None
    return _record("short_long", short, before.start(1), start + offset, end, text)


def _or_forms(text: str) -> Iterator[dict]:
    """``long form or LF`` (a comma before "or" is allowed)."""
    for match in _OR_SHORT.finditer(text):
        short = match.group(1)
        if not is_acronym_shape(short):
            continue
        end = match.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if end > 0 and text[end - 1] == ",":
            end -= 1
        span = _long_form_before(text, end, short, strict=True)
        if span is not None:
            yield _record("or", short, match.start(1), *span, text)


def definitions_by_short(definitions: Sequence[dict]) -> dict[str, list[dict]]:
    """Group definitions by their short form's base (``SLAs`` and ``SLA`` together)."""
    grouped: dict[str, list[dict]] = {}
    for definition in definitions:
        grouped.setdefault(base_acronym(definition["short"]), []).append(definition)
    return grouped
