"""The demo page's data: the ticket samples and the call transcript view."""

from __future__ import annotations

import pytest

from annotator.plugin.web import TranscriptTurn, load_transcript
from annotator.resources import samples_dir

CALL = samples_dir() / "transcripts" / "support-call.vtt"


def test_web_transcript_turns_have_speaker_role_time_and_visible_text():
    turns = load_transcript(CALL)
    assert turns[0] == TranscriptTurn("Agent", "agent", "0:00", "Thanks for calling Northwind support, this is Priya.")
    assert turns[1].speaker == "Customer" and turns[1].role == "customer" and turns[1].time == "0:04"
    assert all("<v" not in t.text and "-->" not in t.text and t.text == t.text.strip() for t in turns)
    assert any("SLA" in t.text for t in turns)


@pytest.mark.parametrize(
    "content",
    [None, b"\xff\xfe not utf-8", "WEBVTT\n\n00:00:09.000 --> 00:00:01.000\n<v A>broken timing\n", ""],
)
def test_web_transcript_missing_or_unreadable_gives_no_view(tmp_path, content):
    path = tmp_path / "call.vtt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert load_transcript(path) == []


def test_web_demo_page_shows_the_transcript_with_labels_opted_out(client):
    page = client.get("/").get_data(as_text=True)
    assert '<ol class="transcript">' in page
    assert '<span class="turn__who" data-no-glossary>Agent</span>' in page
    assert 'data-target=".ticket-body, .transcript"' in page
