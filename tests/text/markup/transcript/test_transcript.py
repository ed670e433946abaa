"""annotator.text.markup.transcript: detection, golden files per sub-format, coded errors,
offsets (every span's raw text decodes to the span's text) and hostile inputs."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.text.markup import visible_text, visible_text_and_turns
from annotator.text.markup.transcript import detect, transcript_turns

from .conftest import DATA, golden_cases

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _summary(text: str) -> dict:
    mask, turns = transcript_turns(text)
    return {
        "subformat": turns.subformat,
        "turns": [
            {"index": turn.index, "speaker": turn.speaker, "role": turn.role,
             "time": list(turn.time) if turn.time else None,
             "text": turns.decode(text, turn.start, turn.end)}
            for turn in turns.turns
        ],
        "visible": mask.render().split("\n"),
    }


# --- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", golden_cases(), ids=lambda path: path.name)
def test_transcript_golden_files(path: Path):
    text = path.read_text(encoding="utf-8")
    golden = DATA / "golden" / f"{path.name}.golden.json"
    found = _summary(text)
    if UPDATE or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", golden_cases(), ids=lambda path: path.name)
def test_transcript_keeps_length_lines_and_original_characters(path: Path):
    text = path.read_text(encoding="utf-8")
    visible = visible_text(text, "transcript")
    assert len(visible) == len(text)
    for index, (before, after) in enumerate(zip(text, visible)):
        if before in "\r\n":
            assert after == before, index
        elif after != before:
            # Blanked, or a decoded JSON escape (at its backslash) or caption entity (at "&").
            assert after == " " or before in "\\&", index


@pytest.mark.parametrize(
    "text,subformat",
    [
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nhi", "vtt"),
        ("\ufeffWEBVTT - title\n", "vtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),
        ('  {"Transcript": []}', "json"),
        ('[{"speaker": "a", "text": "b"}]', "json"),
        ('[["customer", "b"]]', "json"),
        ("[00:01:02] Agent: hello", "turns"),
        ("[a](b) is Markdown", "turns"),
        ("WEBVTTX is a word", "turns"),
        ("Plain prose about the SLA.", "turns"),
    ],
)
def test_transcript_detects_the_subformat(text, subformat):
    assert detect(text) == subformat


# --- what is hidden and what stays ------------------------------------------------------------


def test_transcript_labels_hidden_role_words_in_text_kept():
    text = "Agent (Priya): let me transfer you to another agent\nCustomer: thanks, agent"
    visible = visible_text(text, "transcript")
    assert visible.split() == ["let", "me", "transfer", "you", "to", "another", "agent",
                               "thanks,", "agent"]


def test_transcript_vtt_hides_header_notes_settings_and_voice_tags():
    text = ("WEBVTT\n\nNOTE the AHT field\n\n00:00:01.000 --> 00:00:02.000 align:start\n"
            "<v Agent>the SLA</v>\n")
    assert visible_text(text, "transcript").split() == ["the", "SLA"]


def test_transcript_a_lone_note_label_stays_prose():
    assert visible_text("Note: the SLA is 4h", "transcript") == "Note: the SLA is 4h"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # plain speakers: a bold heading inside a turn is Markdown, not a speaker
        ("user1: it fails\n**Expected behavior:** it works\n**Actual behavior:** it fails\n"
         "user2: confirmed", ["user1", "user2"]),
        # ... but a bold label naming a role still opens a turn
        ("Dana: hi\n**Agent:** hello\nDana: bye", ["Dana", "Agent", "Dana"]),
        # all speakers bold: bold is how this transcript writes its speakers
        ("**Priya:** hello\n**Sam:** hi\n**Priya:** bye", ["Priya", "Sam", "Priya"]),
        # GitHub handles may hold hyphens
        ("@jane-doe: the SLA\n@freescout-helpdesk: see the docs\n@jane-doe: thanks",
         ["@jane-doe", "@freescout-helpdesk", "@jane-doe"]),
        # a care thread whose customer ids were anonymised to numbers, each seen once
        ("116325: my order is late\nAmazonHelp: sorry, which order?\n115821: same here",
         ["116325", "AmazonHelp", "115821"]),
        # ... whose care account writes its brand in capitals, seen once: its own turn
        ("116522: still no fix\n116523: sorry\nHPSupport: we replied by private message",
         ["116522", "116523", "HPSupport"]),
        # role labels naming the anonymised user they stand for
        ("Customer (116915): my order?\nAgent (AmazonHelp): which one?", ["116915", "AmazonHelp"]),
        # the speakers a speech-to-text engine numbers, each seen once
        ("Speaker 1: thanks for calling\nSpeaker 2: my ticket is open\nSpeaker 1: let me look",
         ["Speaker 1", "Speaker 2", "Speaker 1"]),
        ("spk_0: thanks for calling\nspk_1: my ticket is open", ["spk_0", "spk_1"]),
        # a name with its clock in parentheses, seen once
        ("Dana (10:30 AM): my ticket is open\nPriya (10:31 AM): let me look", ["Dana", "Priya"]),
        # ... but a lone year opening a line of prose is no speaker
        ("2019: the year we moved the help desk", []),
        # a social thread's account seen once: its reply addresses someone
        ("user1: my review is blocked\nuser1: @YouTube help?\nTeamYouTube: @user1 dispute it",
         ["user1", "user1", "TeamYouTube"]),
        ("user1: @zoom_us the queue\nzoom_us: @user1 sorry, submit a ticket",
         ["user1", "zoom_us"]),
        # ... or another turn addresses it (a brand's opening post)
        ("TMobile: it is official\nuser1: @TMobile what now\nTMobileHelp: @user1 see here",
         ["TMobile", "user1", "TMobileHelp"]),
        ("Dana: @Acme my ticket?\nDana: any news?\nAcme: it is fixed", ["Dana", "Dana", "Acme"]),
        # an abbreviation introducing an example, however often, is no speaker
        ("@user1: the SLA fails\nEg:\nthe L1 team\nEg: a Response SLA of 2 HRs\n@user2: agreed",
         ["@user1", "@user2"]),
        # two replies, each speaker posting once
        ("ann: @acme my parcel?\nacme: @ann it ships today", ["ann", "acme"]),
        # ... but one line addressing someone is prose
        ("Reminder: @dana the review is today", []),
        # ... and a one-word label that addresses no one and that no one addresses is text
        ("Agent: run the check\nOutput: error 5\nAgent: thanks", ["Agent", "Agent"]),
        ("Dana: it fails\nAgent: which version?\nDana: 4.2\nFeature: export", ["Dana", "Agent", "Dana"]),
        # ... and so is a heading with its text on the lines below
        ("Transcript:\nAgent: hello\nCustomer: hi", ["Agent", "Customer"]),
        # a pasted chat's parties named by pronouns, each seen once, or once among speakers
        ("Me: my ticket is open\nThem: let me look", ["Me", "Them"]),
        ("Me: my ticket is open\nThem: which one?\nMe: the first\nYou: thanks", ["Me", "Them", "Me", "You"]),
        ("Agent: which ticket?\nMe: the first one", ["Agent", "Me"]),
        # ... but a lone pronoun label is prose
        ("You: the one who opens the ticket", []),
    ],
)
def test_transcript_turn_speakers(text, speakers):
    assert [turn["speaker"] for turn in _summary(text)["turns"]] == speakers


def test_transcript_json_keys_and_metadata_hidden():
    text = '{"Transcript": [{"ParticipantRole": "AGENT", "Content": "the SLA", "Sentiment": "NEUTRAL"}]}'
    assert visible_text(text, "transcript").split() == ["the", "SLA"]


def test_transcript_explicit_subformat_does_not_guess():
    with pytest.raises(InputError) as error:
        visible_text("Agent: hi", "transcript-json")
    assert error.value.code == "E207"
    assert visible_text('{"a": "b"}', "transcript-turns") == '{"a": "b"}'


def test_transcript_unknown_subformat_is_a_coded_error():
    with pytest.raises(InputError) as error:
        transcript_turns("hi", "docx")
    assert error.value.code == "E209"


def test_transcript_not_for_other_formats():
    assert visible_text_and_turns("Agent: hi", "text") == ("Agent: hi", None)


# --- bad input: coded errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,code,words",
    [
        ('{"foo": 1}', "E206", "keys foo"),
        ('["just", "strings"]', "E206", "found a list"),
        ('[{"speaker": "a"}]', "E206", "[0] has none of the text keys"),
        ('{"Transcript": [{"ParticipantRole": "AGENT"}]}', "E206", "Transcript[0] has no Content"),
        # only a chat's events and attachments may lack a Content: a message never does
        ('{"Transcript": [{"Type": "MESSAGE", "ParticipantRole": "AGENT"}]}', "E206", "Transcript[0] has no Content"),
        ('{"Transcript": [{"Content": 5}]}', "E206", "not a string"),
        ('{"entries": [{"role": "AGENT"}]}', "E206", "entries[0] has no text"),
        ('{"Transcript": [', "E207", "ends too early"),
        ('[{"text": "a\\x"}]', "E207", "invalid escape"),
        ('{"a": 1} trailing', "E207", "after the end"),
        ("[" * 5000, "E207", "nested deeper"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n", "E208", "line 3"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhi\n", "E208", "ends (1 s) before it starts"),
        ("WEBVTT\n\njust text without a timing\n", "E208", "neither a cue"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n\nx\n00:00:03,000 -> 4\n", "E208", "SRT"),
    ],
)
def test_transcript_bad_input_is_a_coded_error(text, code, words):
    with pytest.raises(InputError) as error:
        visible_text(text, "transcript")
    assert error.value.code == code
    assert words in error.value.message


# --- offsets: the raw slice of every span decodes to its text ---------------------------------

_words = st.sampled_from(["SLA", "the", "CSAT", "AHT's", "tier 2", "KB", "agent", "hold",
                          "café", "it’s", "“SLA”", "\"quoted\"", "back\\slash", "tab\there",
                          "line\nbreak", "😀", "é", "\u2028", "/", " ", ", "])
_turn_texts = st.lists(_words, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(st.tuples(st.sampled_from(["agent", "customer", "bot"]), _turn_texts),
                      min_size=1, max_size=6),
       ascii_only=st.booleans(), shape=st.sampled_from(["dicts", "pairs", "connect"]))
def test_transcript_json_spans_decode_to_their_text(annotate_transcript, turns, ascii_only, shape):
    if shape == "dicts":
        document = [{"speaker": speaker, "text": said} for speaker, said in turns]
    elif shape == "pairs":
        document = [[speaker, said] for speaker, said in turns]
    else:
        document = {"Transcript": [{"ParticipantRole": speaker.upper(), "Content": said}
                                   for speaker, said in turns]}
    text = json.dumps(document, ensure_ascii=ascii_only)
    result = annotate_transcript(text)
    for span in result["spans"]:
        raw = text[span["start"] : span["end"]]
        assert json.loads(f'"{raw}"') == span["text"]
        assert span["role"] in ("agent", "customer", "system")
        assert turns[span["turn"]][1].count(span["text"]) >= 1
    _, found = transcript_turns(text)
    assert [found.decode(text, t.start, t.end) for t in found.turns] == [said for _, said in turns]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(st.tuples(st.sampled_from(["Agent", "Customer", "Agent (Priya)"]),
                                _turn_texts.map(lambda s: s.replace("\n", " ").replace("\u2028", " "))),
                      min_size=1, max_size=6),
       layout=st.sampled_from(["turns", "vtt", "srt"]))
def test_transcript_spans_index_the_original(annotate_transcript, turns, layout):
    if layout == "turns":
        text = "\n".join(f"{speaker}: {said}" for speaker, said in turns)
    elif layout == "vtt":
        text = "WEBVTT\n\n" + "\n\n".join(
            f"00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000\n<v {speaker}>{said}"
            for n, (speaker, said) in enumerate(turns))
    else:
        text = "\n\n".join(f"{n + 1}\n00:00:{n:02d},000 --> 00:00:{n + 1:02d},000\n{speaker}: {said}"
                           for n, (speaker, said) in enumerate(turns))
    result = annotate_transcript(text)
    for span in result["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["turn"] is not None and span["speaker"] in ("Agent", "Customer", "Priya")
        assert span["text"] not in ("Customer",)


# --- hostile inputs ---------------------------------------------------------------------------

HOSTILE = {
    "deep_arrays": "[" * 200_000,
    "deep_objects": '{"a":' * 100_000,
    "quotes": '"' * 100_000,
    "open_string": '["' + "x" * 200_000,
    "backslashes": '["' + "\\\\" * 100_000 + '"]',
    "unicode_escapes": '[["agent", "' + "\\u00e9" * 50_000 + '"]]',
    "arrows": "WEBVTT\n\n" + "-->" * 50_000,
    "timings": "WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\n" * 20_000,
    "voices": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<v a>" * 30_000,
    "labels": "Agent: " * 30_000,
    "label_lines": "Agent:\n" * 30_000,
    "brackets": "[00:00] " * 30_000,
    "parens": "Name (" * 30_000,
    "srt_counters": "1\n" * 50_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_transcript_hostile_inputs_are_quick_and_never_crash(name):
    text = HOSTILE[name]
    started = time.process_time()
    try:
        visible = visible_text(text, "transcript")
    except InputError as error:
        assert error.code.startswith("E2")
    else:
        assert len(visible) == len(text)
    assert time.process_time() - started < 3.0, name


def _json_turns(count: int) -> str:
    return json.dumps({"Transcript": [
        {"ParticipantRole": "AGENT" if n % 2 else "CUSTOMER", "Content": f"turn {n}: the SLA and the KB",
         "BeginOffsetMillis": n * 1000, "EndOffsetMillis": n * 1000 + 900, "Sentiment": "NEUTRAL"}
        for n in range(count)]})


def test_transcript_json_reading_is_linear():
    # CPU time, the best of several rounds each: a loaded machine slows single runs (a
    # quadratic reader would be ~100x, far beyond the margin).
    def per_char(count: int) -> float:
        text = _json_turns(count)
        started = time.process_time()
        for _ in range(3):
            transcript_turns(text)
        return (time.process_time() - started) / len(text)

    per_char(100)  # warm up
    small, large = min(per_char(100) for _ in range(5)), min(per_char(10_000) for _ in range(3))
    assert large < small * 3, (small, large)
    _, turns = transcript_turns(_json_turns(10_000))
    assert len(turns.turns) == 10_000
