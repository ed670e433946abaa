"""tools.asr_render: speech-to-text renderings of gold documents, offsets carried exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools import asr_render
from tools.asr_render import carry_spans, render_group, render_text, render_transcript, spoken_word

GOLDEN = Path(__file__).parent / "data" / "asr_render_small.json"
CORPORA = Path(__file__).parents[2] / "tools" / "corpora"

#: Words that exercise every rule: acronyms and their plurals, digits, contractions, case.
WORDS = ["SLA", "SLAs", "AHT's", "CSAT", "FAQ", "tier", "Tier", "2", "7", "10", "it", "It's",
         "don't", "OK", "I", "customer", "Escalate", "queue", "e", "HEY", "caf\u00e9"]
SEPARATORS = [" ", ", ", ". ", " - ", "\n", "? ", "-", " (", ") ", "!\n"]


@pytest.mark.parametrize(
    ("word", "spelled", "expected"),
    [
        ("SLA", True, "s l a"),
        ("SLA", False, "sla"),
        ("SLAs", True, "s l a's"),
        ("SLAs", False, "slas"),
        ("AHT's", True, "a h t's"),
        ("AHT\u2019s", False, "aht's"),
        ("2", True, "two"),
        ("0", False, "zero"),
        ("10", True, "10"),
        ("I", True, "i"),
        ("OK", True, "okay"),
        ("HEY", True, "hey"),
        ("Tier", True, "tier"),
    ],
)
def test_asr_render_spoken_word(word, spelled, expected):
    assert spoken_word(word, spelled)[0] == expected


def test_asr_render_acronyms_alternate_from_the_seeded_phase():
    assert render_text("SLA and AHT then CSAT", phase=0).text == "s l a and aht then c s a t"
    assert render_text("SLA and AHT then CSAT", phase=1).text == "sla and a h t then csat"


def test_asr_render_drops_punctuation_and_keeps_lines():
    rendered = render_text("Hi, I'm on Tier 2 - it's (mostly) OK!\nBye.")
    assert rendered.text == "hi i'm on tier two it's mostly okay\nbye"


@st.composite
def documents(draw):
    """Prose of WORDS and SEPARATORS and a word-aligned span in it: (text, start, end)."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words) + 1,
                         max_size=len(words) + 1))
    text, bounds = seps[0], []
    for word, sep in zip(words, seps[1:]):
        bounds.append((len(text), len(text) + len(word)))
        text += word + sep
    first = draw(st.integers(0, len(bounds) - 1))
    last = draw(st.integers(first, len(bounds) - 1))
    return text, bounds[first][0], bounds[last][1], draw(st.integers(0, 1))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_asr_render_span_carries_to_the_rendering_of_the_span(case):
    text, start, end, phase = case
    rendered = render_text(text, phase)
    new_start, new_end = rendered.carry(start, end)
    alone = render_text(text[start:end], rendered.phase_at(start))
    assert rendered.text[new_start:new_end] == alone.text


def test_asr_render_carry_inside_a_lowercased_word_and_refusals():
    rendered = render_text("It's the SLA.", phase=0)
    assert rendered.text == "it's the s l a"
    start, end = rendered.carry(0, 2)  # "It" inside "It's": same length, carried
    assert rendered.text[start:end] == "it"
    with pytest.raises(ValueError):
        rendered.carry(9, 11)  # ends inside "SLA", rendered with another length
    with pytest.raises(ValueError):
        rendered.carry(12, 13)  # the dropped full stop


PLAIN = "Agent: Thanks for waiting, your SLA is 2 days.\nCustomer: OK, escalate it!\n"


def test_asr_render_transcript_lowercases_labels_and_carries_gold():
    rendered = render_transcript(PLAIN, key="doc", seed=1)
    spans = [{"start": PLAIN.index(word), "end": PLAIN.index(word) + len(word), "text": word}
             for word in ("Agent", "SLA", "escalate", "it!")]
    spans[-1]["end"] -= 1
    carried = carry_spans(rendered, spans)
    assert [span["text"] for span in carried] in (["agent", "s l a", "escalate", "it"],
                                                  ["agent", "sla", "escalate", "it"])
    assert all(rendered.text[s["start"]:s["end"]] == s["text"] for s in carried)
    assert rendered.text.splitlines()[1] == "customer: okay escalate it"


@pytest.mark.parametrize("text, expected", [
    ("Customer: my ticket#10138759 is open", "customer: my ticket 10138759 is open"),
    ("Agent: see case#55 today", "agent: see case 55 today"),
])
def test_asr_render_hidden_punctuation_inside_a_word_run_is_a_blank(text, expected):
    # The masker hides a number sign glued between a word and a number; speech says the two
    # apart, and the gold on either side still carries.
    rendering = render_transcript(text)
    assert rendering.text == expected
    start = text.index("#") + 1
    carried = carry_spans(rendering, [{"start": start, "end": start + 2, "text": text[start:start + 2]}])
    assert carried[0]["text"] == text[start:start + 2]


def test_asr_render_json_transcript_keeps_its_shape():
    text = json.dumps({"entries": [
        {"text": "Hi, I'm \"Sam\" \u2014 your AGENT.\nHow can I help?", "role": "AGENT",
         "user_id": 2},
        {"text": "My CSAT survey link is broken.", "role": "CUSTOMER", "user_id": 1}]})
    rendered = render_transcript(text, key="json")
    parsed = json.loads(rendered.text)
    assert [entry["role"] for entry in parsed["entries"]] == ["AGENT", "CUSTOMER"]
    assert parsed["entries"][0]["text"] in ("hi i'm sam your a g e n t how can i help",
                                            "hi i'm sam your agent how can i help")
    role = text.index('"AGENT"') + 1
    start, end = rendered.carry(role, role + 5)
    assert rendered.text[start:end] == "AGENT"  # metadata is copied, not rendered


def test_asr_render_is_deterministic(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    row = {"id": "d1", "source": "s", "url": "u", "license": "MIT", "format": "transcript",
           "text": PLAIN}
    at = PLAIN.index("escalate")
    gold = {"id": "d1", "doc_type": "transcript", "text_sha1": "x", "code_or_url_mentions": [],
            "spans": [{"start": at, "end": at + 8, "text": "escalate", "kind": "term",
                       "concept": "Escalation", "in_seeds": True}],
            "hard_negatives": [{"start": 0, "end": 5, "text": "Agent", "why": "label"}]}
    (source / "transcripts.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (source / "gold_spans.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    outputs = []
    for name in ("a", "b"):
        assert render_group(source, tmp_path / name) == 1
        outputs.append({path.name: path.read_text(encoding="utf-8")
                        for path in sorted((tmp_path / name).iterdir())})
    assert outputs[0] == outputs[1]
    written = json.loads(outputs[0]["transcripts.jsonl"])
    assert written["id"] == "d1-asr" and asr_render.SOURCE_NOTE in written["source"]
    assert written["rendered_from"] == "in/d1"  # the split keeps a rendering with its original
    assert asr_render.SOURCE_NOTE in written["license"]
    again = render_transcript(PLAIN, "d1", seed=3).text
    assert render_transcript(PLAIN, "d1", seed=3).text == again


def test_asr_render_golden_small_document():
    case = json.loads(GOLDEN.read_text(encoding="utf-8"))
    rendered = render_transcript(case["input"]["text"], case["input"]["id"], case["seed"])
    assert rendered.text == case["expected"]["text"]
    assert carry_spans(rendered, case["input"]["spans"]) == case["expected"]["spans"]
    negatives = carry_spans(rendered, case["input"]["hard_negatives"])
    assert negatives == case["expected"]["hard_negatives"]


@pytest.mark.parametrize(("group", "subformats", "tickets"), [
    ("talk", None, False), ("talk2", ["turns"], False), ("talk3", ["turns"], False), ("talk4", ["turns"], False),
    ("talk5", ["turns"], False), ("talk7", ["turns"], False), ("talk8", ["turns"], False), ("talk9", ["turns"], False),
    ("issues", None, True),
    ("kb2", None, True), ("kb3", None, True), ("kb4", None, True), ("kb5", None, True),
])  # fmt: skip
def test_asr_render_reproduces_the_committed_asr_groups(tmp_path, group, subformats, tickets):
    assert render_group(CORPORA / group, tmp_path, subformats=subformats, tickets=tickets) > 0
    for name in ("transcripts.jsonl", "gold_spans.jsonl"):
        assert (tmp_path / name).read_bytes() == (CORPORA / f"{group}-asr" / name).read_bytes()


def test_asr_render_group_keeps_only_the_subformats_asked_for(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    texts = {"plain": PLAIN, "vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Escalate it.\n"}
    rows = [{"id": key, "source": "s", "url": "u", "license": "MIT", "format": "transcript",
             "text": text} for key, text in texts.items()]
    golds = [{"id": key, "doc_type": "transcript", "text_sha1": "x", "spans": [],
              "code_or_url_mentions": [], "hard_negatives": []} for key in texts]
    for name, items in (("transcripts.jsonl", rows), ("gold_spans.jsonl", golds)):
        (source / name).write_text("".join(json.dumps(item) + "\n" for item in items),
                                   encoding="utf-8")
    assert render_group(source, tmp_path / "all") == 2
    assert render_group(source, tmp_path / "turns", subformats=["turns"]) == 1
    written = (tmp_path / "turns" / "transcripts.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["id"] for line in written.splitlines()] == ["plain-asr"]


def test_asr_render_tickets_become_transcripts_of_no_turns(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    text = "Our SLA was missed.\n\nPlease escalate to Tier 2."
    ticket = {"id": "t1", "source": "s", "url": "u", "text": text, "kind": "github-issue", "license": "MIT"}
    at = text.index("SLA")
    gold = {"id": "t1", "doc_type": "ticket", "text_sha1": "x", "code_or_url_mentions": [], "hard_negatives": [],
            "spans": [{"start": at, "end": at + 3, "text": "SLA", "kind": "acronym"}]}
    (source / "tickets.jsonl").write_text(json.dumps(ticket) + "\n", encoding="utf-8")
    (source / "gold_spans.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    assert render_group(source, tmp_path / "none") == 0  # tickets only when asked
    assert render_group(source, tmp_path / "out", tickets=True) == 1
    row = json.loads((tmp_path / "out" / "transcripts.jsonl").read_text(encoding="utf-8"))
    rendered = json.loads((tmp_path / "out" / "gold_spans.jsonl").read_text(encoding="utf-8"))
    assert (row["id"], row["format"], row["ticket_kind"], row["rendered_from"]) == ("t1-asr", "transcript", "github-issue", "in/t1")
    assert "kind" not in row and rendered["doc_type"] == "transcript"
    span = rendered["spans"][0]
    assert row["text"][span["start"] : span["end"]] == span["text"] in ("s l a", "sla")
    assert row["text"].startswith("our ") and "tier two" in row["text"]


@pytest.mark.parametrize("text", ["Our [SLA](https://example.com/sla) page", "see it here:https://example.com", "hi @user1, you need it"])
def test_asr_render_never_glues_a_word_to_hidden_text(text):
    # Punctuation dropped between a spoken word and hidden text (a URL, a handle) leaves a
    # space, as an engine would: "s l ahttps" is no speech-to-text output.
    rendered = render_transcript(text, "t").text
    assert "ahttps" not in rendered and "user1you" not in rendered
    assert " https://example.com" in rendered or "@user1 " in rendered


@pytest.mark.parametrize(("text", "expected"), [
    ("we use snake_case: @user1 Hi", "we use snake_case @user1 hi"),
    ("see the file_name: http://x.com ok", "see the file_name http://x.com ok"),
    ("a file_name:@user1", "a file_name@user1"),  # no blank between them: none is added
])
def test_asr_render_keeps_a_blank_between_two_hidden_words(text, expected):
    # Between two hidden stretches (an identifier, then a handle or a URL) only punctuation
    # and a blank were said: the blank stays, so the two are not glued into one word.
    assert render_transcript(text, "t").text == expected
