"""An agent's initials closing a message: "... let us know how it goes. KB", "... k b".

Social-media care teams sign each reply with the agent's initials, and two or three letters
are often a glossary acronym (KB, CS, TL, OM). The ``signature`` rule (:mod:`..precision`)
knows them by the mark before them ("^KB", "- CS"); two shapes carry no mark:

* typed, the initials stand alone after the message's last sentence, at the end of the line
  (of the turn): "Let us know what issues you are having. KB";
* in speech-to-text text (:mod:`..spoken`), which has no marks and no full stops, the letters
  close the turn after the last sentence's words ("... we'll see what we can suggest k b"),
  and what tells them from an acronym said last is that they follow a word a noun phrase does
  not follow ("... the s l a", "... and s l a": :data:`~annotator.vocabulary.grammar.NOUN_PHRASE_CUES`)
  and that they close a turn the desk's agent speaks (the transcript reader's agent role,
  :data:`~annotator.pipeline.names.AGENT_TURNS_KEY`: a care team signs its replies, the
  customer does not), or that the same letters close two turns of the document or more
  (an agent signs every reply; nobody ends two turns on the same acronym), where no turn says
  who speaks.

A link may follow the initials on their line ("... k b https://t.co/..."), or come right
before them, closing the message ("... manage-spam.html a i"). Pure functions
over the document's text; the component runs them as the ``closing_initials`` precision rule
(:mod:`..precision`).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ...glossary.compile import ACRONYM_LABEL
from ...vocabulary.grammar import NOUN_PHRASE_CUES, word_before
from ..matcher import match_bounds
from ..resolution import release
from ..names import AGENT_TURNS_KEY, SOURCE_TEXT_KEY
from ..spoken import in_spoken_stretch
from .everyday import in_turns

#: The most letters initials have.
MAX_INITIALS = 3
# What may follow initials to the end of their line: blanks, a link, a closing mark.
_LINE_END = re.compile(r"[ \t]*+(?:https?://\S+[ \t]*)?[.!)]?[ \t]*(?:\n|\Z)")
# The characters :data:`_LINE_END` can open with: any other rules a match out before the regex
# (a text made of glued matches, "-SLA-SLA", asks it of every one). They are also the ones it
# can go on with after a blank (it takes its blanks possessively), so one look past the space
# spares "SLA breach" the regex too.
_LINE_END_OPENERS = frozenset(" \t.!)\nh")
# A sentence's end (after a word, not a list's number: "3. SLA"), then blanks, right before
# typed initials.
_AFTER_SENTENCE = re.compile(r"[A-Za-z][.!?][\"')\u201d]?[ \t]+$")
# How far back a sentence's end before the initials is looked for.
_LOOK_BACK = 40
# How a link opens, for initials signed after one.
_LINK_OPENINGS = ("http://", "https://", "www.")


def _letters(text: str) -> str:
    return "".join(char for char in text if char.isalpha())


def closes_line(text: str, end: int) -> bool:
    """Nothing but blanks, a link or a closing mark follows ``text[:end]`` to its line's end."""
    return _LINE_END.match(text, end) is not None


def typed_initials(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is two or three capitals standing alone after a sentence's end, at
    the end of their line (a typed signature without a mark)."""
    written = text[start:end]
    if not (2 <= len(written) <= MAX_INITIALS and written.isalpha() and written.isupper()):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return _AFTER_SENTENCE.search(text, max(line_start, start - _LOOK_BACK), start) is not None and closes_line(
        text, end)


def _after_words(text: str, start: int, source: str) -> bool:
    """Other words precede ``start`` on its line, the last of them none of
    :data:`NOUN_PHRASE_CUES`, or the message's link does (a reply that ends on its link is
    signed after it: "... sln28056.html -AI", said "... sln28056.html a i"). ``source``: the
    string sent, where the link is still written (``text`` has it blanked out)."""
    word = word_before(text, start)
    if word is None:
        return _link_before(source, start)
    return word not in NOUN_PHRASE_CUES


def _link_before(text: str, start: int) -> bool:
    """A link (``http://``, ``https://``, ``www.``) ends right before ``start``, only blanks
    between."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end == start:
        return False
    opening = max(text.rfind(" ", 0, end), text.rfind("\t", 0, end), text.rfind("\n", 0, end)) + 1
    return text.startswith(_LINK_OPENINGS, opening, end)


#: How many characters past a match :func:`_may_close_after_blanks` reads.
_BLANKS_LOOKED_PAST = 8


def _may_close_after_blanks(text: str, end: int) -> bool:
    """False when, after the blanks at ``end``, a character follows that no line end opens
    with: looked at within a few characters by one slice (a match between runs of blanks, as
    bidi controls blanked leave them, is ruled out before the regex), True otherwise. Asked
    only past two blanks: after one, the next character is looked at alone (prose's case)."""
    rest = text[end : end + _BLANKS_LOOKED_PAST].lstrip(" \t")
    return not rest or rest[0] in _LINE_END_OPENERS


#: From this many matches, one per this many tokens or closer, :func:`_may_close` screens them
#: in bulk first (prose, a match every eight tokens or so, is asked match by match: most are
#: terms, ruled out by their label before any look at the text).
_SCREEN_MIN_MATCHES = 64
_TOKENS_PER_MATCH = 4
_BLANKS = frozenset(" \t")
#: The code point read past the text's end (no character has it).
_PAST_END = 0x110000


def _may_close(text: str, matches: list, token_end) -> list:
    """The matches of ``matches`` that :func:`drop_closing_initials`' first looks (no longer
    than initials, then the characters after: a line end's opener, past up to
    :data:`_BLANKS_LOOKED_PAST` blanks) do not rule out, found with numpy for all at once: a
    text of glued acronyms, or of acronyms between runs of blanks, asks them of every match.
    The loop asks its own questions (its label first) of those kept, so this may keep more,
    never fewer."""
    first, last = match_bounds(matches)
    short = np.flatnonzero(last - first <= MAX_INITIALS)
    if not len(short):
        return []
    ends = np.fromiter(map(token_end, (last[short] - 1).tolist()), dtype=np.int64, count=len(short))
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    points = np.concatenate((points, np.full(_BLANKS_LOOKED_PAST, _PAST_END, dtype=np.uint32)))
    after = points[ends]  # past the text: _PAST_END, which stops the blanks
    opens = np.isin(after, _code_points(_LINE_END_OPENERS)) | (after == _PAST_END)
    blank = np.flatnonzero(np.isin(after, _code_points(_BLANKS)))
    if len(blank):
        # Past the blanks (within the window), the first other character, as the loop reads it.
        window = points[ends[blank, None] + np.arange(_BLANKS_LOOKED_PAST)]
        blanks = np.isin(window, _code_points(_BLANKS))
        other = window[np.arange(len(blank)), np.minimum(np.argmin(blanks, axis=1), _BLANKS_LOOKED_PAST - 1)]
        opens[blank] = (np.isin(other, _code_points(_LINE_END_OPENERS)) | (other == _PAST_END)
                        | blanks.all(axis=1))  # fmt: skip
    return list(map(matches.__getitem__, short[opens].tolist()))


def _code_points(chars) -> np.ndarray:
    return np.array(sorted(map(ord, chars)), dtype=np.uint32)


def drop_closing_initials(context, matches: list, taken: bytearray) -> list:
    """The ``closing_initials`` rule: ``matches`` without the acronyms that are an agent's
    initials closing a message (see the module docstring). ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    text, doc = context.text, context.doc
    closing = []
    dense = len(matches) >= _SCREEN_MIN_MATCHES and len(matches) * _TOKENS_PER_MATCH >= len(doc)
    asked = _may_close(text, matches, context.token_end) if dense else matches
    for m in asked:
        if m.label != ACRONYM_LABEL or m.end - m.start > MAX_INITIALS:
            continue
        end = context.token_end(m.end - 1)
        if end < len(text) and (text[end] not in _LINE_END_OPENERS or (
                text[end] in " \t" and end + 1 < len(text) and (text[end + 1] not in _LINE_END_OPENERS or (
                    text[end + 1] in " \t" and not _may_close_after_blanks(text, end))))):
            continue
        if closes_line(text, end):
            closing.append((m, doc[m.start].idx, end))
    if not closing:
        return matches
    dropped = {m for m, start, end in closing if typed_initials(text, start, end)}
    spoken = [(m, start, end) for m, start, end in closing if m not in dropped]
    if spoken:
        inside = in_spoken_stretch(doc, text)
        said = [(m, _letters(text[start:end]).lower(), start) for m, start, end in spoken
                if 2 <= len(_letters(text[start:end])) <= MAX_INITIALS and inside(start)]  # fmt: skip
        # The string sent, offsets the same, where masked links are still written.
        source = doc.user_data.get(SOURCE_TEXT_KEY) or text
        signed = [(m, letters, start) for m, letters, start in said if _after_words(text, start, source)]
        repeated = Counter(letters for _, letters, _ in signed)
        agent_turns = doc.user_data.get(AGENT_TURNS_KEY) or ()
        dropped.update(m for m, letters, start in signed
                       if repeated[letters] > 1 or (agent_turns and in_turns(agent_turns, start)))
    return release(matches, dropped, taken)
