"""The ``transcript`` format: conversations, captions and call-analytics JSON.

:func:`mask_transcript` is the format's masker. It reads one of :data:`SUBFORMATS` (detected
by :func:`detect`; the formats ``transcript-turns``, ``transcript-vtt``, ``transcript-srt``
and ``transcript-json`` name one, for when detection must not guess) and hides whatever is
not what somebody said: speaker labels, timestamps, caption headers, cue settings and
``NOTE`` blocks, JSON keys, role values and metadata. The visible text is what the speakers
said, at the original offsets. Besides the mask it returns the document's :class:`Turns`,
which :func:`turn_fields` turns into each exported span's ``turn``, ``speaker``, ``role`` and
``time``.

JSON transcripts are shown inside the raw document: each turn's string literal stays where it
is, and an escape sequence in it (``\\u00e9``, ``\\"``) shows its character at the backslash,
padded with spaces (whitespace escapes show a space, so lines stay those of the original). A
span ending on such a character is widened to the whole escape by :func:`turn_fields`, which
also gives the decoded span text: ``text[start:end]``, read as the inside of a JSON string,
decodes to the span's ``text``.

Modules: :mod:`.labels` (a speaker label on one line), :mod:`.turns` (plain conversations),
:mod:`.captions` (WebVTT, SRT), :mod:`.jsonscan` (JSON with raw offsets), :mod:`.shapes` (the
JSON shapes), :mod:`.model` (turns, roles), :mod:`.roles` (roles the conversation shows).
"""

from __future__ import annotations

import re

from ....errors import InputError
from ..mask import Mask, Masked, MaskOptions
from ..plain import hide_plain
from .captions import read_srt, read_vtt
from .jsonscan import parse
from .model import ROLES, Turn, Turns, role_of, turn_fields
from .roles import infer_roles
from .shapes import json_turns
from .turns import read_turns

__all__ = ["ROLES", "SUBFORMATS", "Turn", "Turns", "detect", "mask_transcript", "role_of",
           "subformat_masker", "transcript_turns", "turn_fields"]

#: What ``transcript_format`` may name: ``auto`` detects one of the others.
SUBFORMATS = ("auto", "turns", "vtt", "srt", "json")

_JSON_START = re.compile(r"\{|\[[ \t\r\n]*[\[{\"\]]")
_SRT_START = re.compile(r"\d{1,9}[ \t]*\r?\n[ \t]*\d{1,3}:\d{1,2}:\d{1,2}[,.]\d{1,3}[ \t]*-->")
_LEADING = "\ufeff \t\r\n"


def detect(text: str) -> str:
    """``vtt`` (a ``WEBVTT`` header), ``json`` (an object, or an array of objects, arrays or
    strings), ``srt`` (a counter line then a timing line) or else ``turns``."""
    head = text.lstrip(_LEADING)[:200]
    if head.startswith("WEBVTT") and (len(head) == 6 or head[6] in " \t\r\n"):
        return "vtt"
    if _JSON_START.match(head):
        return "json"
    if _SRT_START.match(head):
        return "srt"
    return "turns"


def _read_json(text: str, mask: Mask) -> tuple[list[Turn], list[tuple[int, int, str]]]:
    _, found = json_turns(parse(text))
    found.sort(key=lambda turn: turn.text.start)
    mask.hide(0, len(text))
    turns, escapes = [], []
    for index, turn in enumerate(found):
        raw = turn.text
        mask.show(raw.start, raw.end)
        for start, end, decoded in raw.escapes:
            mask.replace(start, text[start:end], " " if decoded.isspace() else decoded)
        escapes += raw.escapes
        turns.append(Turn(raw.start, raw.end, index, turn.speaker, turn.role, turn.time))
    return turns, escapes


def transcript_turns(text: str, subformat: str = "auto") -> tuple[Mask, Turns]:
    """The mask and the turns of the transcript ``text`` read as ``subformat``.

    Raises :class:`InputError`: ``E209`` for an unknown sub-format, ``E206``/``E207`` for JSON
    that is not a transcript, ``E208`` for captions with a broken cue.
    """
    if subformat not in SUBFORMATS:
        raise InputError("E209", field="format", name=subformat,
                         allowed=", ".join(SUBFORMATS))
    if subformat == "auto":
        subformat = detect(text)
    mask = Mask(text)
    escapes: list[tuple[int, int, str]] = []
    if not text.strip():
        turns = []  # a blank document is an empty transcript of any sub-format
    elif subformat == "vtt":
        turns = read_vtt(text, mask)
    elif subformat == "srt":
        turns = read_srt(text, mask)
    elif subformat == "json":
        turns, escapes = _read_json(text, mask)
    else:
        turns = read_turns(text, mask)
    turns = infer_roles(text, turns)
    hide_plain(mask, mask.work_copy(), handles=True)
    return mask, Turns(turns, escapes, subformat)


def mask_transcript(text: str, options: MaskOptions) -> Masked:
    """The ``transcript`` format's masker: the sub-format is detected (see the module
    docstring)."""
    mask, turns = transcript_turns(text)
    return Masked(mask, turns=turns)


def subformat_masker(subformat: str):
    """The masker of the format ``transcript-<subformat>``: ``subformat`` is not guessed."""

    def mask(text: str, options: MaskOptions) -> Masked:
        mask, turns = transcript_turns(text, subformat)
        return Masked(mask, turns=turns)

    mask.__name__ = f"mask_transcript_{subformat}"
    return mask
