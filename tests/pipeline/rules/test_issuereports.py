"""pipeline.issuereports: in a software issue report, "bug" classifies the report itself; in
other text it is the support concept."""

from __future__ import annotations

import pytest

from annotator.pipeline.rules import issuereports

from ..conftest import concept


GLOSSARY = [
    concept("bug", "Bug"),
    concept("agent", "Agent"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("first-response-time", "First Response Time", ["FRT"]),
]




@pytest.fixture(scope="module")
def issue_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


REPORT = "### Describe the bug\n\nThe agent misses the SLA and the FRT. I'm sure this is a bug.\n"


@pytest.mark.parametrize(
    "text,expected",
    [
        (REPORT, ["agent", "SLA", "FRT"]),
        ("[Possible Bug] SLA timer\n\n**Steps to reproduce:**\n1. Let the agent miss the FRT.\n",
         ["SLA", "agent", "FRT"]),
        ("Bug - SLA is ignored\n\n### Expected behaviour\n\nThe agent sees the FRT.\n", ["SLA", "agent", "FRT"]),
        # no template, but a release of the software: a report on how it behaves
        ("Since upgrading to 1.9.4 the agent misses the SLA and FRT. Should I report it as a bug?",
         ["agent", "SLA", "FRT"]),
    ],
)
def test_issuereports_defect_words_dropped_in_an_issue_report(issue_nlp, text, expected):
    assert _ents(issue_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a support handbook: the bugs customers report are the support concept
        ("Bugs that customers report go to the agent on duty; the SLA and FRT apply.",
         ["Bugs", "agent", "SLA", "FRT"]),
        # a prompt word inside a sentence does not make a report
        ("When agents describe the bug to engineering, the SLA and FRT apply.", ["agents", "bug", "SLA", "FRT"]),
    ],
)
def test_issuereports_defect_words_kept_elsewhere(issue_nlp, text, expected):
    assert _ents(issue_nlp, text) == expected


@pytest.mark.parametrize(
    "text,report",
    [
        ("### Describe the bug\nx", True), ("**Expected behavior**\nx", True), ("Steps to reproduce:\n1.", True),
        ("## Bug description\n", True), ("  - Actual results: none\n", True), ("How to reproduce\n", True),
        ("We expected behavior like before.\n", False), ("A bug report.\n", False), ("", False),
        # a release of the software: three numbers or more, or "version" and a number
        ("Since version 1.9.4 it fails.", True), ("Fixed in v1.0.20.", True), ("Upgraded to 1.9.5.1 today.", True),
        ("Broken in version 6 again.", True),
        # no release: a date, a decimal, an address, a longer dotted number
        ("Due 2024.05.23.", False), ("Pi is 3.14.", False), ("Ping 10.0.0.1.5 now.", False),
    ],
)
def test_issuereports_is_issue_report(text, report):
    assert issuereports.is_issue_report(text) is report


@pytest.mark.parametrize("seed", range(4))
def test_issuereports_prompt_at_a_line_start_as_under_multiline(seed):
    """A prompt is looked for at the text's start and after each line break: the lines "^"
    finds under MULTILINE."""
    import random
    import re

    multiline = re.compile("^" + issuereports._PROMPT, re.IGNORECASE | re.MULTILINE)
    pieces = ["\n", "\r\n", " ", "\t", "### ", "**", "- ", "x", "Expected behavior", "steps to reproduce",
              "describe the bug", "bug description", "\u2028", "\x0b", "Actual results"]
    rng = random.Random(seed)
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert issuereports.is_issue_report(text) is (multiline.search(text) is not None
                                                      or issuereports._RELEASE.search(text) is not None), text


def test_issuereports_rule_off_keeps_them(glossary_nlp):
    from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.issue_reports.v1"]
    assert _ents(glossary_nlp(GLOSSARY, precision_rules=rules), REPORT) == ["bug", "agent", "SLA", "FRT", "bug"]


SPOKEN_REPORT = (
    "since upgrading to version one nine four the agent misses the sla and the frt\n"
    "should i report it as a bug to the team\n"
)


def _spoken_ents(nlp, text, mode="auto"):
    from annotator.pipeline.spoken import SPOKEN_KEY

    doc = nlp.make_doc(text)
    if mode:
        doc.user_data[SPOKEN_KEY] = mode
    return [e.text for e in nlp(doc).ents]


@pytest.mark.parametrize(
    "text,mode,expected",
    [
        # speech-to-text writes the release's digits as words
        (SPOKEN_REPORT, "auto", ["agent", "sla", "frt"]),
        # in typed text, or with spoken forms off, "version one" says no release
        (SPOKEN_REPORT.replace("sla and the frt", "SLA and the FRT"), "auto", ["agent", "SLA", "FRT", "bug"]),
        (SPOKEN_REPORT.replace("sla and the frt", "SLA and the FRT"), None, ["agent", "SLA", "FRT", "bug"]),
    ],
)
def test_issuereports_spoken_release_in_speech_to_text(issue_nlp, text, mode, expected):
    assert _spoken_ents(issue_nlp, text, mode) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("upgraded to version two zero x and it broke", True), ("version one of the plan", True),
     ("a new version came out", False), ("the versions one and two", False)],
)
def test_issuereports_names_spoken_release(blank, text, expected):
    from annotator.pipeline.spoken import SPOKEN_KEY

    doc = blank.make_doc(text)
    doc.user_data[SPOKEN_KEY] = "auto"
    assert issuereports.names_spoken_release(doc, text) is expected
    doc.user_data[SPOKEN_KEY] = None
    assert issuereports.names_spoken_release(doc, text) is False


# The plain spellings of the release patterns, case-insensitive: the module's are written to open
# on the characters a match starts with (so a long text is skimmed, not tried at every position),
# and must find the same matches.
PLAIN_RELEASE = r"(?<![\w.])v?\d{1,3}\.\d{1,4}\.\d{1,4}(?:\.\d{1,4})?(?!\.\d|\w)|\bversion\s+v?\d"
PLAIN_SPOKEN_RELEASE = r"\bversion\s+(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b"
# Pieces that meet every edge of the two: the lookbehinds, the digit counts, the dotted tails,
# the case-insensitive letters ("ſ" and the dotted and dotless i match "s" and "i"), a non-ASCII
# digit ("٣"), words glued on either side.
RELEASE_PIECES = ("v", "V", "1", "23", "4567", ".", " ", "\n", "_", "x", "ersion", "ERSION", "erſion", "ersİon",
                  "ersıon", "version", "Version ", " one", "ten", "nine", "2", "-", "٣", "v1.2.3", "1.2", "zero", "\t")


def _texts(pieces, n, seed=0):
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(n)]


@pytest.mark.parametrize(
    "fast,plain",
    [(issuereports._RELEASE, PLAIN_RELEASE), (issuereports._SPOKEN_RELEASE, PLAIN_SPOKEN_RELEASE)],
    ids=["release", "spoken_release"],
)
def test_issuereports_release_patterns_match_their_plain_spelling(fast, plain):
    import re

    plain = re.compile(plain, re.IGNORECASE)
    texts = [*_texts(RELEASE_PIECES, 20_000), "Since version 1.9.4 it fails.", "Fixed in v1.0.20.",
             "Ping 10.0.0.1.5 now.", "upgraded to VERSION two", "a1.2.3 v1.2.3 .1.2.3 1.2.3x"]
    differ = [t for t in texts if [m.span() for m in fast.finditer(t)] != [m.span() for m in plain.finditer(t)]]
    assert differ == []
    assert sum(plain.search(t) is not None for t in texts) > 100  # the pieces do make matches
