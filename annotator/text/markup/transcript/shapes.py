"""Which JSON transcript shape a document is, and its turns.

Known shapes (first match wins):

- Amazon Transcribe Call Analytics and Amazon Connect Contact Lens (voice and chat):
  ``{"Transcript": [{"ParticipantRole"|"ParticipantId", "Content", "BeginOffsetMillis",
  "EndOffsetMillis"}], "Participants": [...]}``; a Connect chat transcript's items also carry a
  ``DisplayName`` (the speaker) and a ``Type``: its ``EVENT`` and ``ATTACHMENT`` items hold no
  ``Content`` and are metadata;
- Amazon Transcribe (standard): ``{"results": {"transcripts": [{"transcript"}],
  "audio_segments": [{"transcript", "speaker_label", "start_time", "end_time"}]}}`` (the
  segments when there are any, else the whole transcript; word-level ``items`` are metadata);
- Google Contact Center AI Insights: ``{"entries": [{"text", "role", "user_id",
  "start_timestamp_usec"}]}``;
- generic turns: ``[{"speaker"|"role"|"participant"|"author"|"from", "text"|"content"|...}]``
  (the speaker may be an object with a name and a role or type),
  the same list under ``turns``, ``messages``, ``dialogue``, ``conversation``..., a list of
  such dialogues, and ``[["customer", "text"], ...]`` pairs.

Anything else is :class:`InputError` ``E206`` saying what was found; so is a turn without a
text, so no turn is ever silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ....errors import InputError
from .jsonscan import RawString
from .model import role_of

_SPEAKER_KEYS = ("speaker", "role", "participant", "author", "from", "sender", "user", "name",
                 "speaker_label", "participant_role", "participantrole")
_TEXT_KEYS = ("text", "content", "message", "utterance", "value", "body", "transcript")
_LIST_KEYS = ("turns", "messages", "dialogue", "dialog", "conversation", "conversations",
              "utterances", "transcript", "entries", "log", "chat")
_NAME_KEYS = ("name", "display_name", "displayname", "username", "id")
_ROLE_KEYS = ("role", "type", "participant_role", "participantrole", "kind")
_START_KEYS = ("start", "start_time", "begin", "starttime", "timestamp")
_END_KEYS = ("end", "end_time", "endtime")


@dataclass(frozen=True)
class JsonTurn:
    text: RawString
    speaker: str | None
    role: str | None
    time: tuple[float | None, float | None] | None


def _fail(detail: str) -> InputError:
    return InputError("E206", field="text", detail=detail)


def _lower_keys(item: dict) -> dict:
    return {key.lower(): value for key, value in item.items()}


def _seconds(value: object, scale: float = 1.0) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value / scale
    if isinstance(value, str):
        try:
            return float(value) / scale
        except ValueError:
            return None
    return None


def _time(start: float | None, end: float | None) -> tuple | None:
    return None if start is None and end is None else (start, end)


def _text(value: object, where: str) -> RawString:
    if not isinstance(value, RawString):
        raise _fail(f"{where}: the text is {type(value).__name__}, not a string")
    return value


def _amazon(document: dict) -> list[JsonTurn]:
    """Transcribe Call Analytics and Contact Lens: ``Transcript`` items."""
    roles = {}
    for participant in document.get("Participants") or []:
        if isinstance(participant, dict) and "ParticipantId" in participant:
            roles[str(participant["ParticipantId"])] = participant.get("ParticipantRole")
    turns = []
    for number, item in enumerate(document["Transcript"]):
        if isinstance(item, dict) and "Content" not in item and item.get("Type") not in (None, "MESSAGE"):
            continue  # a chat's EVENT (joined, typing, left) or ATTACHMENT: metadata, no turn
        if not isinstance(item, dict) or "Content" not in item:
            raise _fail(f"Transcript[{number}] has no Content")
        participant = item.get("ParticipantId") or item.get("ParticipantRole")
        participant = None if participant is None else str(participant)
        # A chat transcript names its participants (``DisplayName``); its ids are UUIDs.
        speaker = str(item["DisplayName"]) if item.get("DisplayName") else participant
        role_name = item.get("ParticipantRole") or roles.get(participant) or participant
        turns.append(JsonTurn(
            _text(item["Content"], f"Transcript[{number}]"), speaker, role_of(str(role_name or "")),
            _time(_seconds(item.get("BeginOffsetMillis"), 1000),
                  _seconds(item.get("EndOffsetMillis"), 1000)),
        ))
    return turns


def _transcribe(results: dict) -> list[JsonTurn]:
    """Amazon Transcribe: speaker segments when there are any, else whole transcripts."""
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments:
        turns = []
        for number, item in enumerate(segments):
            if not isinstance(item, dict) or "transcript" not in item:
                raise _fail(f"audio_segments[{number}] has no transcript")
            speaker = item.get("speaker_label") or item.get("channel_label")
            turns.append(JsonTurn(
                _text(item["transcript"], f"audio_segments[{number}]"),
                None if speaker is None else str(speaker), None,
                _time(_seconds(item.get("start_time")), _seconds(item.get("end_time"))),
            ))
        return turns
    transcripts = results.get("transcripts")
    if not isinstance(transcripts, list):
        raise _fail("results has neither audio_segments nor transcripts")
    return [JsonTurn(_text(item.get("transcript") if isinstance(item, dict) else item,
                           f"results.transcripts[{number}]"), None, None, None)
            for number, item in enumerate(transcripts)]


def _ccai(entries: list) -> list[JsonTurn]:
    """Google CCAI Insights conversation entries."""
    turns = []
    for number, item in enumerate(entries):
        if not isinstance(item, dict) or "text" not in item:
            raise _fail(f"entries[{number}] has no text")
        role = item.get("role")
        speaker = item.get("user_id", role)
        turns.append(JsonTurn(
            _text(item["text"], f"entries[{number}]"), None if speaker is None else str(speaker),
            role_of(str(role or "")), _time(_seconds(item.get("start_timestamp_usec"), 1e6), None),
        ))
    return turns


def _generic_item(item: object, where: str) -> JsonTurn:
    if isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item):
        speaker = str(item[0])
        return JsonTurn(_text(item[1], where), speaker, role_of(speaker), None)
    if not isinstance(item, dict):
        raise _fail(f"{where} is {type(item).__name__}, not a turn object or a [speaker, text] pair")
    fields = _lower_keys(item)
    text_key = next((key for key in _TEXT_KEYS if key in fields), None)
    if text_key is None:
        raise _fail(f"{where} has none of the text keys ({', '.join(_TEXT_KEYS)})")
    speaker = next((fields[key] for key in _SPEAKER_KEYS if fields.get(key) is not None), None)
    role = fields.get("role") if fields.get("role") is not None else speaker
    if isinstance(speaker, dict):
        # An author object (``"author": {"name": "Sam", "type": "admin"}``): its name speaks,
        # its role or type says in which role.
        inner = _lower_keys(speaker)
        speaker = next((inner[key] for key in _NAME_KEYS if inner.get(key) is not None), None)
        inner_role = next((inner[key] for key in _ROLE_KEYS if inner.get(key) is not None), None)
        role = fields.get("role") if fields.get("role") is not None else inner_role or speaker
    start = next((fields[key] for key in _START_KEYS if key in fields), None)
    end = next((fields[key] for key in _END_KEYS if key in fields), None)
    return JsonTurn(_text(fields[text_key], where), None if speaker is None else str(speaker),
                    role_of(str(role or "")), _time(_seconds(start), _seconds(end)))


def _turn_list(document: object) -> tuple[list, str] | None:
    """The list of turns in a generic document and its path, or None."""
    if isinstance(document, list):
        return document, ""
    if isinstance(document, dict):
        fields = _lower_keys(document)
        for key in _LIST_KEYS:
            if isinstance(fields.get(key), list):
                return fields[key], key
    return None


def _looks_like_turns(items: list) -> bool:
    first = items[0]
    if isinstance(first, list):
        return len(first) == 2 and all(isinstance(part, str) for part in first)
    return isinstance(first, dict) and any(
        key.lower() in _TEXT_KEYS or key.lower() in _SPEAKER_KEYS for key in first)


def json_turns(document: object) -> tuple[str, list[JsonTurn]]:
    """The shape's name and the turns of a parsed JSON transcript (strings as RawString)."""
    if isinstance(document, dict):
        if isinstance(document.get("Transcript"), list):
            return "amazon-connect", _amazon(document)
        if isinstance(document.get("results"), dict):
            return "amazon-transcribe", _transcribe(document["results"])
        if isinstance(document.get("entries"), list) and all(
            isinstance(item, dict) and ("role" in item or "user_id" in item)
            for item in document["entries"]
        ):
            return "ccai", _ccai(document["entries"])
    found = _turn_list(document)
    if found is not None:
        items, path = found
        if not items:
            return "turns", []
        if _looks_like_turns(items):
            return "turns", [_generic_item(item, f"{path}[{number}]")
                             for number, item in enumerate(items)]
        if all(_turn_list(item) is not None for item in items):
            # A list of dialogues: their turns one after another.
            turns = []
            for number, item in enumerate(items):
                turns += json_turns(item)[1] if _turn_list(item)[0] else []
            return "dialogues", turns
    described = (f"an object with keys {', '.join(sorted(document))[:200]}"
                 if isinstance(document, dict) else f"a {type(document).__name__}")
    raise _fail(f"found {described}; expected Amazon Transcribe or Contact Lens, "
                f"Google CCAI entries, or a list of turns with a speaker and a text")
