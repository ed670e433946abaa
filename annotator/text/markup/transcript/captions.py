"""WebVTT and SRT captions: one turn per cue (per ``<v Speaker>`` span within a cue).

Hidden: the ``WEBVTT`` header, ``NOTE``, ``STYLE`` and ``REGION`` blocks, cue identifiers,
timing lines with their cue settings, SRT counters, tags (``<v Agent>``, ``<i>``, ``<c.x>``,
``<00:00:01.500>``, ``{\\an8}``) and speaker labels inside cues. Character references
(``&amp;``) show their character.

Our own reader rather than ``webvtt-py`` or ``srt``: both return cue text with the markup
stripped and the lines joined, and neither reports where a cue's text sits in the file, which
every offset we return must index. A cue with unreadable timings is an error
(:class:`InputError` ``E208`` with its line), never a cue silently skipped.
"""

from __future__ import annotations

import re
from collections import Counter

from ....errors import InputError
from ..mask import Mask
from .labels import match_label, speaker_and_role
from .model import Turn
from .turns import line_spans, read_turns

_VTT_TIME = r"(?:(\d{1,}):)?(\d{2}):(\d{2})[.,](\d{3})"
_VTT_TIMING = re.compile(rf"[ \t]*{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t]+.*)?\Z")
_SRT_TIME = r"(\d{1,3}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_SRT_TIMING = re.compile(rf"[ \t]*{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t]+.*)?\Z")
_TAG = re.compile(r"<[^<>\r\n]*>|\{\\[^{}\r\n]*\}")
# What may stand before a speaker label in a cue: formatting tags, and the dash that subtitles
# put before each speaker's line when two share a cue ("- Agent: ...").
_LEADING_TAGS = re.compile(r"(?:[ \t]*(?:<[^<>\r\n]*>|\{\\[^{}\r\n]*\}|-(?=[ \t])))*")
_VOICE = re.compile(r"<v(?:\.[\w.-]*)?[ \t]+([^<>\r\n]*)>")
_ENTITY = re.compile(r"&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "nbsp": " ", "lrm": " ", "rlm": " ",
             "quot": '"', "apos": "'"}
_METADATA_BLOCKS = ("NOTE", "STYLE", "REGION")


def _seconds(groups: tuple) -> float:
    hours, minutes, seconds, millis = groups
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """The blank-line-separated blocks of ``text``, each a list of line spans."""
    blocks: list[list[tuple[int, int]]] = [[]]
    for start, end in line_spans(text):
        if text[start:end].strip():
            blocks[-1].append((start, end))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _timing(text: str, line: tuple[int, int], pattern: re.Pattern, kind: str) -> tuple:
    match = pattern.match(text, *line)
    if match is None:
        raise InputError("E208", field="text", kind=kind, line=_line_number(text, line[0]),
                         detail=f"unreadable timing {text[line[0]:line[1]][:80]!r}")
    groups = match.groups()
    start, end = _seconds(groups[:4]), _seconds(groups[4:8])
    if end < start:
        raise InputError("E208", field="text", kind=kind, line=_line_number(text, line[0]),
                         detail=f"the cue ends ({end:g} s) before it starts ({start:g} s)")
    return start, end


def caption_speakers(text: str) -> frozenset[str]:
    """Keys of the labels that are speakers in a caption file, judged over the whole file: one
    cue holds a line or two, so a label is seen again only across cues. Where one label opens
    two lines or more ("Priya Sharma: ..." in every cue a meeting tool writes), the file
    labels its speakers, and every label in it is one (also a speaker who talks once)."""
    counts = Counter(label.key for start, end in line_spans(text)
                     if (label := match_label(text, _LEADING_TAGS.match(text, start, end).end(), end)))
    return frozenset(counts) if any(count > 1 for count in counts.values()) else frozenset()


def _payload_turns(text: str, mask: Mask, start: int, end: int, index: int,
                   time: tuple, known: frozenset[str] = frozenset()) -> list[Turn]:
    """The turns of one cue's text ``text[start:end]``: one per ``<v>`` span, else per speaker
    label, else one turn without a speaker."""
    voices = list(_VOICE.finditer(text, start, end))
    for tag in _TAG.finditer(text, start, end):
        mask.hide(*tag.span())
    for entity in _ENTITY.finditer(text, start, end):
        mask.replace(entity.start(), entity.group(), _ENTITIES[entity[1]])
    if voices:
        turns = []
        if text[start : voices[0].start()].strip():
            turns.append(Turn(start, voices[0].start(), index, None, None, time))
        for number, voice in enumerate(voices):
            stop = voices[number + 1].start() if number + 1 < len(voices) else end
            speaker, role = speaker_and_role(voice[1].strip())
            turns.append(Turn(voice.end(), stop, index + len(turns), speaker, role, time))
        return turns
    turns = read_turns(text, mask, start, end, index, time, _LEADING_TAGS, known)
    if turns:
        return turns
    return [Turn(start, end, index, None, None, time)]


def _cue_turns(text: str, mask: Mask, block, timing_at: int, timing, kind: str, index: int,
               known: frozenset[str]) -> list[Turn]:
    """One cue's turns (WebVTT or SRT alike): its timing read, everything up to the timing
    line hidden, the payload after it read as turns numbered from ``index`` (``known``:
    :func:`caption_speakers`)."""
    time = _timing(text, block[timing_at], timing, kind)
    mask.hide(block[0][0], block[timing_at][1])
    if timing_at + 1 >= len(block):
        return []
    return _payload_turns(text, mask, block[timing_at + 1][0], block[-1][1], index, time, known)


def read_vtt(text: str, mask: Mask) -> list[Turn]:
    """The turns of a WebVTT file; its header, metadata blocks and timings hidden."""
    blocks = _blocks(text)
    known = caption_speakers(text)
    turns: list[Turn] = []
    for number, block in enumerate(blocks):
        first = text[block[0][0] : block[0][1]]
        if number == 0 or first.split(None, 1)[0] in _METADATA_BLOCKS:
            mask.hide(block[0][0], block[-1][1])  # the WEBVTT header, NOTE, STYLE, REGION
            continue
        timing_at = 0 if "-->" in first else 1
        if timing_at >= len(block) or "-->" not in text[block[timing_at][0] : block[timing_at][1]]:
            raise InputError("E208", field="text", kind="WebVTT", line=_line_number(text, block[0][0]),
                             detail="a block that is neither a cue (no timing line) nor a NOTE")
        turns += _cue_turns(text, mask, block, timing_at, _VTT_TIMING, "WebVTT", len(turns), known)
    return turns


def read_srt(text: str, mask: Mask) -> list[Turn]:
    """The turns of an SRT file; counters and timings hidden."""
    turns: list[Turn] = []
    known = caption_speakers(text)
    for block in _blocks(text):
        first = text[block[0][0] : block[0][1]].strip()
        timing_at = 0 if "-->" in first else 1
        if timing_at >= len(block) or (timing_at and not first.isdigit()):
            raise InputError("E208", field="text", kind="SRT", line=_line_number(text, block[0][0]),
                             detail="a block without a counter and a timing line")
        turns += _cue_turns(text, mask, block, timing_at, _SRT_TIMING, "SRT", len(turns), known)
    return turns
