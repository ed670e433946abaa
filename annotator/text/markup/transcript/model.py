"""What a transcript masker finds besides the visible text: turns, and JSON escapes.

A :class:`Turn` is one speaker's stretch of text, as a character range of the original
document. :class:`Turns` holds them in document order and answers "which turn holds this
offset" with a bisection. For JSON transcripts it also holds the escape sequences met inside
turn text (``\\u2019``, ``\\"``), so an exported span can be widened to whole escapes and given
its decoded text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

#: The roles a turn may have; None where the source does not say.
ROLES = ("agent", "customer", "system")

# Words that name a role in a speaker label or a JSON role value, matched as whole words of
# the lower-cased label ("AOL REPRESENTATIVE", "HUMAN_AGENT", "Agent (Priya)").
_ROLE_WORDS = {
    "agent": "agent", "agents": "agent", "rep": "agent", "representative": "agent",
    "support": "agent", "advisor": "agent", "adviser": "agent", "operator": "agent",
    "specialist": "agent", "technician": "agent", "tech": "agent", "staff": "agent",
    "helpdesk": "agent", "consultant": "agent", "csr": "agent", "supervisor": "agent",
    "admin": "agent", "teammate": "agent",
    "customer": "customer", "caller": "customer", "client": "customer", "user": "customer",
    "enduser": "customer", "visitor": "customer", "guest": "customer", "member": "customer",
    "requester": "customer", "patient": "customer", "subscriber": "customer",
    "system": "system", "bot": "system", "chatbot": "system", "ivr": "system",
    "automated": "system", "virtual": "system", "assistant": "system",
}  # fmt: skip
_WORD = re.compile(r"[a-z]+")
# The desk named by whom it serves ("Customer Service Representative", "CUSTOMER CARE", "Member
# Services", "User Support"): the customer word qualifies the desk, so the speaker is its staff.
_DESK_OF = re.compile(r"\b(?:customer|member|client|guest|user)s?[ _-]?(?:service|services|care|support|success)\b")
# An account named with "@" in what somebody wrote ("@TMobile", "@user1"), not an e-mail's.
_MENTION = re.compile(r"(?<![\w@])@(\w[\w-]*)")


def mentions(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """The accounts ``text[start:end]`` addresses with "@", lower case, without the "@"."""
    return {name.lower() for name in _MENTION.findall(text, start, len(text) if end is None else end)}


def role_of(label: str | None) -> str | None:
    """``agent``, ``customer`` or ``system`` if a word of ``label`` names the role, else None.

    A bot or an automated agent is ``system`` (``AUTOMATED_AGENT``, ``Virtual Assistant``): the
    role says who is talking, and a machine is neither the help desk's staff nor its customer.
    """
    if not label:
        return None
    words = _WORD.findall(label.lower().replace("end_user", "enduser"))
    roles = [_ROLE_WORDS[word] for word in words if word in _ROLE_WORDS]
    if "system" in roles:
        return "system"
    if _DESK_OF.search(label.lower()):
        return "agent"
    return roles[0] if roles else None


_NO_TURN = {"turn": None, "speaker": None, "role": None, "time": None}


@dataclass(frozen=True)
class Turn:
    """One turn: ``start``/``end`` index the original text (the turn's text, labels excluded).

    ``time`` is ``(start, end)`` in seconds, either end None when the source lacks it.
    """

    start: int
    end: int
    index: int
    speaker: str | None = None
    role: str | None = None
    time: tuple[float | None, float | None] | None = None


@dataclass
class Turns:
    """The turns of one document in order, and the JSON escapes inside them.

    ``escapes`` are ``(start, end, decoded)`` ranges of the original text, sorted and disjoint.
    """

    turns: list[Turn] = field(default_factory=list)
    escapes: list[tuple[int, int, str]] = field(default_factory=list)
    subformat: str = "turns"

    def __post_init__(self) -> None:
        self._starts = [turn.start for turn in self.turns]
        self._escape_starts = [escape[0] for escape in self.escapes]

    def fields_at(self, offset: int) -> dict:
        """``turn``, ``speaker``, ``role`` and ``time`` of the turn holding ``offset`` (all None
        outside every turn); made once per turn, since a turn usually has several spans. The
        dict is shared: callers copy it."""
        turn = self.at(offset)
        if turn is None:
            return _NO_TURN
        cache = self.__dict__.setdefault("_fields", {})
        fields = cache.get(turn.index)
        if fields is None:
            time = None if turn.time is None else {"start": turn.time[0], "end": turn.time[1]}
            fields = cache[turn.index] = {"turn": turn.index, "speaker": turn.speaker,
                                          "role": turn.role, "time": time}
        return fields

    def at(self, offset: int) -> Turn | None:
        """The turn whose range holds ``offset``, or None (text outside every turn)."""
        position = bisect_right(self._starts, offset) - 1
        if position < 0:
            return None
        turn = self.turns[position]
        return turn if offset < turn.end else None

    def widen(self, start: int, end: int) -> int:
        """``end`` moved to the end of the escape sequence it falls inside, if any.

        The visible text shows an escape's decoded character where its backslash was and
        blanks the rest, so a word ending on that character ends inside the escape.
        """
        position = bisect_right(self._escape_starts, end - 1) - 1
        if position >= 0:
            escape_start, escape_end, _ = self.escapes[position]
            if start <= escape_start < end < escape_end:
                return escape_end
        return end

    def decode(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` with every escape sequence inside it decoded."""
        position = bisect_right(self._escape_starts, start - 1)
        if position >= len(self.escapes) or self.escapes[position][0] >= end:
            return text[start:end]
        parts, cursor = [], start
        while position < len(self.escapes) and self.escapes[position][0] < end:
            escape_start, escape_end, decoded = self.escapes[position]
            parts.append(text[cursor:escape_start])
            parts.append(decoded)
            cursor = escape_end
            position += 1
        parts.append(text[cursor:end])
        return "".join(parts)


def turn_fields(turns: Turns, text: str, start: int, end: int) -> dict:
    """The transcript fields of the span ``text[start:end]``: ``turn``, ``speaker``, ``role``,
    ``time`` (``{"start", "end"}`` seconds or None) - each None outside every turn.

    In a JSON transcript a span that ends inside an escape sequence is widened to the whole
    sequence (``end`` is then returned too) and ``text`` is the decoded span: the raw slice
    ``text[start:end]``, read as the inside of a JSON string, decodes to it.
    """
    fields = dict(turns.fields_at(start))
    if fields["time"] is not None:
        fields["time"] = dict(fields["time"])  # the caller's own, as every other value is
    if turns.escapes:
        widened = turns.widen(start, end)
        if widened != end:
            fields["end"] = widened
        fields["text"] = turns.decode(text, start, widened)
    return fields
