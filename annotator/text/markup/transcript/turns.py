"""Plain-text conversations: one turn per speaker label, continuation lines included.

A line opening with a :class:`~.labels.Label` starts a turn; lines without one continue the
turn before them. A label is taken as a speaker when it is strong (it names a role, or comes
with a time, a number, a handle or bold markers) or when the same label opens two lines or
more; any other ``Word: `` stays prose. Where some speakers are written plain, a bold label
that names no role is a Markdown heading inside a turn (``**Expected behavior:**``), not a
speaker. Text before the first speaker, and a document with no
speaker at all, belongs to no turn.

A pronoun naming a party of a pasted chat ("Me:", "Them:", a messenger's "You:") is a speaker
wherever the document has other speakers or another such pronoun, even where it speaks once.

In a document that has speakers, or two such names, the thread also vouches for a one-word
name seen once (a social thread's accounts may post one line each): its text addresses an account, as a reply
does (``TeamYouTube: @user1 ...``), or another turn addresses it (``TMobile: It's official``
where a reply says ``@TMobile``). A key-value line (``Feature: export``) is neither, so it
stays the text of the turn before it, as a lone ``Note:`` stays prose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from ..mask import Mask
from .labels import Label, match_label
from .model import Turn, mentions

_LINE = re.compile(r"[^\r\n]*")
# A one-word name as social platforms write accounts ("zoom_us", "TeamYouTube", "user1").
_ONE_WORD = re.compile(r"@?[^\W\d_][\w-]{0,38}\Z")
# A reply's first word: the account it answers.
_ADDRESS = re.compile(r"@\w")
#: Pronouns a pasted chat names its parties by, as a whole label (general English): the writer
#: ("Me", a messenger's "You"), the other side ("Them"), a team ("Us").
PRONOUN_SPEAKERS = frozenset(("me", "you", "them", "us"))


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every line's content in ``text[start:end]`` (breaks excluded)."""
    end = len(text) if end is None else end
    spans, position = [], start
    while position <= end:
        match = _LINE.match(text, position, end)
        spans.append(match.span())
        position = match.end()
        if position >= end:
            break
        position += 2 if text.startswith("\r\n", position) else 1
    return spans


def speaker_labels(text: str, lines: list[tuple[int, int]],
                   skip: re.Pattern | None = None, known: Collection[str] = ()) -> dict[int, Label]:
    """The labels, by line number, that :mod:`.turns` takes as speakers (``skip`` matches what
    may stand before a label, such as a caption's formatting tags; ``known``: keys of labels
    seen two times or more in the whole document, when ``lines`` are only a part of it, such
    as one caption cue)."""
    found = {number: label for number, (start, end) in enumerate(lines)
             if (label := match_label(text, skip.match(text, start, end).end() if skip else start,
                                      end)) is not None}
    counts = Counter(label.key for label in found.values())
    speakers = {number: label for number, label in found.items()
                if label.strong or counts[label.key] > 1 or label.key in known}
    if speakers:
        # A numeric user id seen once is still a speaker among others (the customer's one
        # tweet in a care thread whose ids a data set anonymised).
        speakers.update({number: label for number, label in found.items() if label.key.isdigit()})
    # A chat pasted by one of its parties names them by pronouns ("Me: ... Them: ...", a
    # messenger's "You:"): one that speaks once is a speaker among others, and two such
    # pronouns are a conversation by themselves.
    pronouns = {number: label for number, label in found.items() if label.key in PRONOUN_SPEAKERS}
    if pronouns and (speakers or len({label.key for label in pronouns.values()}) > 1):
        speakers.update(pronouns)
    vouched = _vouched_by_structure(text, lines, found, speakers)
    if speakers or len({label.key for label in vouched.values()}) > 1:
        speakers.update(vouched)  # a thread of replies is turns even if each speaker posts once
    if any(not label.bold for label in speakers.values()):
        # The speakers are written plain, so a bold ``**Expected behavior:**`` inside a turn is
        # Markdown emphasis; only a bold label naming a role still opens a turn.
        speakers = {number: label for number, label in speakers.items()
                    if not label.bold or label.role is not None}
    return speakers


def _vouched_by_structure(text: str, lines: list[tuple[int, int]], found: dict[int, Label],
                          speakers: dict[int, Label]) -> dict[int, Label]:
    """The one-word labels seen once that the thread vouches for (module docstring)."""
    vouched, mentioned = {}, None
    for number, label in found.items():
        if number in speakers or not _ONE_WORD.match(label.speaker):
            continue
        if label.end >= lines[number][1]:
            continue  # a heading ("Transcript:") with the text below it is no one's turn
        if _ADDRESS.match(text, label.end):
            vouched[number] = label
            continue
        if mentioned is None:
            mentioned = mentions(text)
        if label.key.lstrip("@") in mentioned:
            vouched[number] = label
    return vouched


def read_turns(text: str, mask: Mask, start: int = 0, end: int | None = None,
               first_index: int = 0, time: tuple | None = None,
               skip: re.Pattern | None = None, known: Collection[str] = ()) -> list[Turn]:
    """The turns of ``text[start:end]``; their labels are hidden in ``mask``.

    ``time`` is given to every turn that has no clock of its own (a caption cue's timing);
    ``skip`` and ``known`` are passed to :func:`speaker_labels`.
    """
    lines = line_spans(text, start, end)
    labels = speaker_labels(text, lines, skip, known)
    turns: list[Turn] = []
    current: list = []  # [start, end, label] of the open turn

    def close() -> None:
        if current:
            turn_start, turn_end, label = current
            own = (label.time, None) if label.time is not None else time
            turns.append(Turn(turn_start, max(turn_start, turn_end), first_index + len(turns),
                              label.speaker, label.role, own))

    for number, (line_start, line_end) in enumerate(lines):
        label = labels.get(number)
        if label is not None:
            close()
            mask.hide(line_start, label.end)
            current[:] = [label.end, line_end, label]
        elif current and line_end > line_start:
            current[1] = line_end
    close()
    return turns
