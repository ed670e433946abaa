"""Speaker labels at the start of a line: ``Agent (Priya): ``, ``[00:01:02] Name: ``,
``RACHEL MARTIN, HOST: ``, ``FARAI CHIDEYA, host: `` (a name and what the speaker is, after a comma),
``**Agent:** ``, ``Name (Sat Oct 2 11:36:45 EDT 2010) > ``, ``AOL REPRESENTATIVE: ``,
``3. @AcmeCare: ``, ``AmazonHelp: ``, and the anonymised numeric user ids of social-media
data sets (``116325: ``).

:func:`match_label` reads one line; the caller (:mod:`.turns`) decides which of the labels it
found are speakers (a label naming a role, prefixed by a time, a number or a handle, or seen on
two lines or more), so that a lone ``Note: `` in prose stays prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import role_of

_LETTER = r"[^\W\d_]"
_WORDY = r"[\w.'&-]"
# A clock time, as a turn prefix or inside a label's parentheses.
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
# A date before a turn's clock, as chat exports write it: "[2017-10-31 22:10:47] Dana:",
# "10/31/17, 10:10 PM - Dana:" (WhatsApp). Only the clock is read; the date is metadata.
_DATE = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:,?[ \t]+|T)"
_LABEL = re.compile(
    rf"""[ \t]*
    (?P<number>(?:\d{{1,5}}[.)/]|\#\d{{1,5}}|\[\d{{1,5}}\])[ \t]+)?
    (?:[\[(](?:{_DATE})?(?P<clock>{_CLOCK})[\])][ \t]*|(?:{_DATE})?(?P<bare_clock>{_CLOCK})[ \t]+(?:-[ \t]+)?)?
    (?P<bold>\*\*|__)?
    (?P<head>@\w(?:[\w-]{{0,37}}\w)?|\d{{3,20}}|{_LETTER}{_WORDY}{{0,30}}(?:[ \t]{_WORDY}{{1,30}}){{0,3}}?)
    (?:,[ \t]+(?P<affiliation>{_LETTER}{_WORDY}{{0,30}}(?:[ \t]{_WORDY}{{1,30}}){{0,3}}?))?
    (?:[ \t]*\((?P<paren>[^()\r\n]{{1,60}})\))?
    (?P<sep>[ \t]?(?:\*\*|__)?:(?:\*\*|__)?(?:</[biu]>)?|[ \t]*>)
    (?=[ \t]|$)[ \t]*""",
    re.VERBOSE,
)
# A line that is only a speaker and a clock, the turn's text on the lines below (Otter's
# "Speaker 1  0:03"): two blanks or a tab before the clock, so prose ("we met at 10:30") is none.
_NAME_CLOCK_LINE = re.compile(
    rf"[ \t]*(?P<head>{_LETTER}{_WORDY}{{0,30}}(?:[ \t]{_WORDY}{{1,30}}){{0,3}}?)"
    rf"(?:[ \t]{{2,}}|\t)(?P<clock>{_CLOCK})[ \t]*"
)
_CLOCK_ONLY = re.compile(rf"{_CLOCK}\Z")
# An anonymised numeric user id or a handle in a label's parentheses: "Customer (116915)".
_USER_ID = re.compile(r"@?\d{3,20}\Z|@\w{1,38}\Z")
_CLOCK_PARTS = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,3}))?(?:[ \t]*([AaPp])\.?[Mm]\.?)?")
# Words that open a clause or a phrase, never a speaker's name or role: a line opening "As an
# agent:" or "For the agent:" is a sentence whose colon introduces what follows (general English
# function words).
_PHRASE_OPENERS = frozenset(
    "as a an the to for with from of in on at by if when while so but and or my your our his her "
    "their this that these those".split()
)
_NOT_SPEAKERS = frozenset(
    "note notes subject re fw fwd warning important example examples tip tips step steps "
    "summary update edit ps ticket date time from to cc bcc error status resolution issue "
    "problem http https ftp mailto tel reason result results title description tags "
    "category priority solution answer question cause fix workaround see also "
    # Latin abbreviations that introduce an example or an aside ("Eg: if an issue ...").
    "eg e.g e.g. ie i.e i.e. nb n.b n.b. viz cf".split()
)
# The speakers a speech-to-text engine numbers: "Speaker 1", "spk_0" (Amazon Transcribe), "ch_1"
# (a channel), "Participant 2"; each is a speaker even where it talks once.
_NUMBERED_SPEAKER = re.compile(r"(?i:speaker|spk|participant|person|voice)[ _-]?\d{1,3}\Z|ch_\d{1,3}\Z")
_HANDLE_ROLE = re.compile(r"(?:care|cares|support|help|desk|service|team)\Z", re.IGNORECASE)
# A brand's care account written as a plain one-word name: the role word is a part of its own,
# after a lower-case letter or a digit ("AmazonHelp", "sprintcare"), after a brand written in
# capitals ("HPSupport", "GWRHelp"), or after "_" or "-" ("Uber_Support"), so that "Steam" is
# no team.
_BRAND_ROLE = re.compile(
    r"(?:(?<=[a-z\d])(?:Care|Cares|Support|Help|Desk|Service|Team)"
    r"|(?<=[A-Z]{2})(?:Care|Cares|Support|Help|Desk|Service|Team)"
    r"|(?<=[_-])(?i:care|cares|support|help|desk|service|team)"
    r"|(?<=[a-z])(?:care|cares|support|help|desk|service|team))\Z"
)


@dataclass(frozen=True)
class Label:
    """A label found at the start of a line: ``end`` is where the turn's text starts."""

    end: int
    key: str  # what makes two labels the same speaker (the head, lower-cased)
    speaker: str
    role: str | None
    time: float | None
    strong: bool  # a speaker whatever else the document holds (role word, time, handle...)
    bold: bool = False  # written in bold (``**Dana:**``), which Markdown headings inside turns share


def clock_seconds(clock: str) -> float | None:
    """Seconds in ``clock``: ``"01:02:03.5"`` -> 3723.5, ``"02:03"`` -> 123.0 (a bare two-part
    clock is the usual transcript timer, minutes and seconds), ``"10:30 PM"`` -> 81000.0 (a
    12-hour clock counts from midnight). None if unreadable."""
    match = _CLOCK_PARTS.fullmatch(clock.strip())
    if not match:
        return None
    first, second, third, fraction, half = match.groups()
    if half:
        hours = int(first) % 12 + (12 if half in "Pp" else 0)
        value = hours * 3600 + int(second) * 60 + int(third or 0)
    elif third:
        value = int(first) * 3600 + int(second) * 60 + int(third)
    else:
        value = int(first) * 60 + int(second)
    return value + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def match_label(line: str, start: int = 0, end: int | None = None) -> Label | None:
    """The speaker label at ``line[start:]``, or None when the line does not open with one."""
    end = len(line) if end is None else end
    match = _LABEL.match(line, start, end)
    if match is None:
        return _name_clock_line(line, start, end)
    head, paren, sep = match["head"], match["paren"], match["sep"]
    affiliation = match["affiliation"]
    if affiliation is not None and not _affiliated(head, affiliation):
        return None
    if sep.strip() == ">" and not paren:
        return None  # "a > b" is prose; only "Name (date) > text" is a chat log's turn
    if head.lower() in _NOT_SPEAKERS:
        return None
    if head[0].islower() and " " in head.strip() and role_of(head) is None:
        return None  # "so basically: ..." is a sentence
    if head.split(None, 1)[0].lower() in _PHRASE_OPENERS and " " in head.strip():
        return None  # "As an agent: ..." is a sentence, whatever role word it holds
    clock = match["clock"] or match["bare_clock"]
    time = clock_seconds(clock) if clock else None
    speaker, role = head, role_of(head)
    if affiliation is not None:
        role = role or role_of(affiliation)
    if head.startswith("@"):
        role = "agent" if _HANDLE_ROLE.search(head) else None
    elif role is None and not any(char.isspace() for char in head) and _BRAND_ROLE.search(head):
        role = "agent"
    if paren:
        paren = paren.strip()
        if _CLOCK_ONLY.match(paren):
            time = clock_seconds(paren)
        elif role is not None and _USER_ID.match(paren):
            speaker = paren  # "Customer (116915)": the user, in the role the head names
        elif any(char.isdigit() for char in paren):
            pass  # a date ("Sat Oct 2 11:36:45 EDT 2010"): metadata, not a speaker
        elif role is not None and role_of(paren) is None:
            speaker = paren  # "Agent (Priya)": the person, in the role the head names
        else:
            role = role or role_of(paren)
    # A name in capitals with what the speaker is, after a comma or in parentheses, is the
    # house style of news transcripts ("FARAI CHIDEYA, host:", "Mr. KYLE BOWSER (Actor) :"): a
    # guest who speaks once is still a speaker.
    described = affiliation is not None or (paren is not None and head.isupper() and sum(c.isalpha() for c in head) > 1)
    strong = bool(
        role or time is not None or described or match["number"] or match["bold"] or head.startswith("@")
        or (paren and sep.strip() == ">") or _NUMBERED_SPEAKER.match(head)
    )
    return Label(match.end(), head.lower(), speaker, role, time, strong, bool(match["bold"]))


def _affiliated(head: str, affiliation: str) -> bool:
    """``head, affiliation:`` is a speaker and what they are, as news and podcast transcripts
    label turns ("RACHEL MARTIN, HOST:", "FARAI CHIDEYA, host:", "Dana Lee, Support Agent:"): a
    name in capitals, whatever follows the comma (that house style), or every word starting
    with a capital and the part after the comma naming a role. A sentence with a comma before a
    colon ("Well, honestly: ...", "Hi, support: ...") writes a lower-case word in its first part
    or no role after the comma."""
    letters = [char for char in head if char.isalpha()]
    if len(letters) > 1 and head.isupper():
        return True
    words = f"{head} {affiliation}".split()
    return all(word[0].isupper() for word in words if word[0].isalpha()) and role_of(affiliation) is not None


def _name_clock_line(line: str, start: int, end: int) -> Label | None:
    """A line holding only a speaker and a clock (``Speaker 1  0:03``), or None."""
    match = _NAME_CLOCK_LINE.fullmatch(line, start, end)
    if match is None or match["head"].lower() in _NOT_SPEAKERS:
        return None
    head = match["head"]
    role = role_of(head)
    if head[0].islower() and " " in head and role is None:
        return None
    # Strong only for a role or a numbered speaker: a name must open two such lines, so that
    # "Business Hours  9:00" in a list stays text.
    strong = bool(role or _NUMBERED_SPEAKER.match(head))
    return Label(match.end(), head.lower(), head, role, clock_seconds(match["clock"]), strong)


def speaker_and_role(name: str) -> tuple[str, str | None]:
    """A speaker name given on its own (a WebVTT voice): ``"Agent (Priya)"`` -> ``("Priya",
    "agent")``, as :func:`match_label` reads it before a colon."""
    label = match_label(f"{name}: ")
    if label is None or label.end < len(name) + 1:
        return name, role_of(name)
    return label.speaker, label.role
