"""annotator.text.markup.transcript.labels: one speaker label at the start of a line."""

from __future__ import annotations

import pytest

from annotator.text.markup.transcript.labels import clock_seconds, match_label, speaker_and_role


@pytest.mark.parametrize(
    "line,speaker,role,time,rest",
    [
        ("Agent: hi", "Agent", "agent", None, "hi"),
        ("Agent (Priya): hi", "Priya", "agent", None, "hi"),
        ("Priya (Agent): hi", "Priya", "agent", None, "hi"),
        ("**Agent:** hi", "Agent", "agent", None, "hi"),
        ("**Customer**: hi", "Customer", "customer", None, "hi"),
        ("[00:01:02] Dana: hi", "Dana", None, 62.0, "hi"),
        ("(01:02) Dana: hi", "Dana", None, 62.0, "hi"),
        ("10:30 AM - Dana: hi", "Dana", None, 37800.0, "hi"),
        # chat exports put the date before the clock
        ("10/31/17, 10:10 PM - Dana: hi", "Dana", None, 79800.0, "hi"),
        ("[10/31/17, 10:10:47 PM] Dana: hi", "Dana", None, 79847.0, "hi"),
        ("[2017-10-31 22:10:47] Dana: hi", "Dana", None, 79847.0, "hi"),
        ("2017-10-31T22:10:47 Dana: hi", "Dana", None, 79847.0, "hi"),
        # a closing tag after the colon ("<b>Agent:</b>" once the opening tag is skipped)
        ("Agent:</b> hi", "Agent", "agent", None, "hi"),
        ("mike (Sat Oct 2 11:36:45 EDT 2010) > hi", "mike", None, None, "hi"),
        ("AOL REPRESENTATIVE: hi", "AOL REPRESENTATIVE", "agent", None, "hi"),
        # a name and what the speaker is, after a comma (news and podcast transcripts)
        ("RACHEL MARTIN, HOST: hi", "RACHEL MARTIN", None, None, "hi"),
        ("FARAI CHIDEYA, host: hi", "FARAI CHIDEYA", None, None, "hi"),
        ("Mr. JEFF CARR (Actor, Playwright) : hi", "Mr. JEFF CARR", None, None, "hi"),
        ("Agent : hi", "Agent", "agent", None, "hi"),
        ("LAUREN SMITH, CALLER: hi", "LAUREN SMITH", "customer", None, "hi"),
        ("JOHN DOE, CUSTOMER SERVICE AGENT: hi", "JOHN DOE", "agent", None, "hi"),
        ("Dana Lee, Support Agent: hi", "Dana Lee", "agent", None, "hi"),
        ("[00:01:02] Dana Lee, Support Agent: hi", "Dana Lee", "agent", 62.0, "hi"),
        ("3. @AcmeCare: hi", "@AcmeCare", "agent", None, "hi"),
        ("@jdoe: hi", "@jdoe", None, None, "hi"),
        ("@jane-doe: hi", "@jane-doe", None, None, "hi"),
        ("@freescout-helpdesk: hi", "@freescout-helpdesk", "agent", None, "hi"),
        ("AmazonHelp: hi", "AmazonHelp", "agent", None, "hi"),
        ("Uber_Support: hi", "Uber_Support", "agent", None, "hi"),
        ("sprintcare: hi", "sprintcare", "agent", None, "hi"),
        ("HPSupport: hi", "HPSupport", "agent", None, "hi"),
        ("GWRHelp: hi", "GWRHelp", "agent", None, "hi"),
        ("Steam: hi", "Steam", None, None, "hi"),
        ("STEAM: hi", "STEAM", None, None, "hi"),
        ("Customer (116915): hi", "116915", "customer", None, "hi"),
        ("Agent (@AmazonHelp): hi", "@AmazonHelp", "agent", None, "hi"),
        ("Dana (116915): hi", "Dana", None, None, "hi"),
        ("116325: hi", "116325", None, None, "hi"),
        ("agent: hi", "agent", "agent", None, "hi"),
        ("Agent:", "Agent", "agent", None, ""),
        # a speaker and a clock alone on a line, the text below (Otter)
        ("Speaker 1  0:03", "Speaker 1", None, 3.0, ""),
        ("Priya Sharma\t1:02:07", "Priya Sharma", None, 3727.0, ""),
    ],
)
def test_labels_match(line, speaker, role, time, rest):
    label = match_label(line)
    assert (label.speaker, label.role, label.time) == (speaker, role, time)
    assert line[label.end :] == rest


@pytest.mark.parametrize(
    "line",
    ["Note: prose", "see https://x.y", "so basically: it broke", "a > b", "at 10:30 we met",
     "The SLA is: 4h and more words here too", "", "   ", "10/31/17 10:10 we met: then left",
     "Option 1: the SLA", "Tier 2: the experts", "we met at 10:30", "Business Hours  9:00",
     "the meeting starts at  10:30", "As an agent: try to take a chat", "as an agent: try it",
     "For the customer: nothing changes", "Well, honestly: it broke", "Hi, support: my ticket",
     "Yes, Tier 2: the experts"],
)
def test_labels_no_label(line):
    label = match_label(line)
    assert label is None or not label.strong


@pytest.mark.parametrize("clock,seconds", [("01:02:03.5", 3723.5), ("02:03", 123.0),
                                           ("10:30 PM", 81000.0), ("12:00 am", 0.0), ("x", None)])
def test_labels_clock_seconds(clock, seconds):
    assert clock_seconds(clock) == seconds


@pytest.mark.parametrize("name,expected", [("Agent (Priya)", ("Priya", "agent")),
                                           ("Customer", ("Customer", "customer")),
                                           ("Note", ("Note", None)), ("a b c d e f", ("a b c d e f", None))])
def test_labels_speaker_and_role(name, expected):
    assert speaker_and_role(name) == expected
