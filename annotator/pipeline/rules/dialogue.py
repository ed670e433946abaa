"""Is a transcript a dialogue, or a thread of posts laid out as turns?

The ``transcript`` format reads two kinds of text. In a dialogue (a call, a chat, a task
dialogue) each turn is a line or two, and a word the turns keep repeating is the topic of the
exchange ("two tickets for the show, please ... the tickets are booked"). In a thread of posts
(an issue tracker's or a forum's, pasted as ``@user1: ...`` turns, or a support ticket read out
with no speaker labels at all) each turn is a post of several sentences: written text that
happens to have authors, where the desk's own term a post keeps naming ("the agent stops
typing ... the agent sends the message") is its subject, as in any written document
(:mod:`.everyday`).

The turns' lengths tell them apart: half the turns or more run to ``dialogue_turn_words``
words (a :class:`~annotator.pipeline.rulecontext.PrecisionSettings` threshold) in a thread,
fewer in a dialogue. A transcript without turns is prose.

Pure functions over the text and the turns' character ranges (what the session leaves under
:data:`~annotator.pipeline.names.TRANSCRIPT_KEY`).
"""

from __future__ import annotations

from collections.abc import Sequence


def turn_words(text: str, start: int, end: int) -> int:
    """How many words the turn ``text[start:end]`` holds (runs of non-space characters)."""
    return len(text[start:end].split())


def is_dialogue(text: str, turns: Sequence[tuple[int, int]], post_words: int) -> bool:
    """The transcript whose turns are ``turns`` (``(start, end)`` ranges of ``text``) is an
    exchange of short turns, not a thread of posts: fewer than half its turns hold
    ``post_words`` words or more. No turns: prose, no dialogue."""
    if not turns:
        return False
    long_turns = sum(1 for start, end in turns if turn_words(text, start, end) >= post_words)
    return 2 * long_turns < len(turns)
