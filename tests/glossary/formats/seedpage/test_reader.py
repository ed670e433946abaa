"""The seed-page reader: golden parses of the five seeds, every tricky layout, hostile input.

Golden files (the psf/black way): ``golden/<seed stem>.json`` holds the parse of each seed in
``patterns/sources``: entry count, every entry's (term, acronyms, aliases, category, line) and
every skipped line with its reason. After an intended parser change, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/glossary/formats/seedpage/test_reader.py

and review the diff like code.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import GlossaryError
from annotator.glossary.formats import seedpage
from annotator.glossary.formats.seedpage import (
    COMPARISON,
    DUPLICATE,
    INTRO,
    JUNK_CTA,
    JUNK_FORM,
    JUNK_QUESTION,
    JUNK_TRAILING,
    MISPLACED_HEADING,
    NO_DEFINITION,
    NO_HEADWORD,
    read_seed,
)

from annotator.resources import builtin_sources_dir

GOLDEN = Path(__file__).parent / "golden"
SEED_PATHS = sorted(builtin_sources_dir().glob("*.txt"))


def parse_as_json(path: Path) -> dict:
    entries, skipped = read_seed(path)
    return {
        "source": path.name,
        "entry_count": len(entries),
        "entries": [
            {
                "term": e.term,
                "acronyms": list(e.acronyms),
                "aliases": list(e.aliases),
                "category": e.category,
                "line": e.line,
            }
            for e in entries
        ],
        "skipped": [{"line": s.line, "reason": s.reason, "text": s.text} for s in skipped],
    }


def parse_text(write_seed, text: str):
    return read_seed(write_seed(text))


def terms(entries) -> list[str]:
    return [e.term for e in entries]


def by_term(entries, term: str):
    found = [e for e in entries if e.term == term]
    assert len(found) == 1, f"{term!r} not found once in {terms(entries)}"
    return found[0]


# --- golden parses of the five seeds ---------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_PATHS, ids=[p.stem for p in SEED_PATHS])
def test_reader_golden(path):
    got = parse_as_json(path)
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}; run with UPDATE_GOLDEN=1"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_reader_golden_set_matches_the_seeds(seed_paths):
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(p.stem for p in seed_paths)


def test_reader_nothing_silently_dropped(seed_paths):
    """Every line that reads like a definition (long prose) is an entry or a reported skip."""
    for path in seed_paths:
        entries, skipped = read_seed(path)
        accounted = {e.line for e in entries} | {s.line for s in skipped}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            words = line.split()
            if len(words) > seedpage.MAX_HEADING_WORDS and any(len(w) > 1 for w in words):
                assert number in accounted, f"{path.name}:{number} silently dropped: {line[:60]!r}"


def test_reader_no_junk_concepts(seed_paths):
    junk = {"Full Name", "Company Name", "Start for free", "Woman with laptop", "Schedule A Consultation"}
    for path in seed_paths:
        entries, _ = read_seed(path)
        for entry in entries:
            assert entry.term not in junk
            assert not entry.term.endswith(":")
            assert len(entry.term.split()) <= 7, entry
            assert entry.definition and entry.line > 0


@pytest.mark.parametrize(
    "layout",
    ["{term}: {definition}", "\u2022 **{term}** \u2013 {definition}", "{term}\t{definition}", "{term} - {definition}"],
    ids=["colon", "bullet-bold-dash", "tab", "hyphen"],
)
def test_reader_same_parse_in_other_layouts(write_seed, seed_paths, layout):
    """Each seed's parse, written out again one entry per line in another common layout,
    parses back to the same terms and acronyms: the rules do not depend on one page's layout."""
    for path in seed_paths:
        entries, _ = read_seed(path)
        lines = [
            layout.format(
                term=e.term + (f" ({e.acronyms[0]})" if e.acronyms else ""), definition=e.definition
            )
            for e in entries
        ]
        again, skipped = read_seed(write_seed("\n".join(lines)))
        assert [(e.term, e.acronyms[:1]) for e in again] == [(e.term, e.acronyms[:1]) for e in entries]
        assert skipped == []


def test_reader_real_culture_vs_ces(seed_paths):
    """The real case: ``Customer Effort Score (CES)`` sits over Culture's definition."""
    path = next(p for p in seed_paths if "Culture (AKA" in p.read_text(encoding="utf-8"))
    entries, skipped = read_seed(path)
    culture = by_term(entries, "Culture")
    assert culture.definition.startswith("Culture (AKA organizational culture")
    assert set(culture.aliases) == {"organizational culture", "company culture"}
    ces = by_term(entries, "Customer Effort Score")
    assert "Culture" not in ces.definition
    assert any(s.reason == MISPLACED_HEADING and s.text.startswith("Customer Effort Score") for s in skipped)


def test_reader_real_ambiguous_acronyms_are_distinct_entries(seed_paths):
    entries = [e for p in seed_paths for e in read_seed(p)[0]]
    expansions = {
        acr: {e.term.casefold() for e in entries if acr in e.acronyms} for acr in ("AHT", "BPO", "MTTR")
    }
    assert {"average handle time", "average hold time"} <= expansions["AHT"]
    assert {"business process outsourcing", "business process optimization"} <= expansions["BPO"]
    assert {"mean time to resolution", "mean time to respond"} <= expansions["MTTR"]


# --- tricky cases, one small seed-like file each ---------------------------------------------------

CULTURE = (
    "Customer Effort Score (CES)\n\n"
    "Customer Effort Score (CES) is a metric of how hard it is for a customer to get help.\n\n"
    "Customer Effort Score (CES)\n\n"
    "Culture (AKA organizational culture or company culture) is the shared values and habits "
    "that shape how a company works.\n"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            CULTURE,
            [
                ("Customer Effort Score", ["CES"], [], None),
                ("Culture", [], ["organizational culture", "company culture"], None),
            ],
            id="heading-over-culture",
        ),
        pytest.param(
            "Net Promoter Score (NPS)\n\nGamification is the use of game elements to motivate agents.\n",
            [("Gamification", [], [], None)],
            id="heading-over-unrelated-definition",
        ),
        pytest.param(
            "Augmented Reality\u00a0is an interactive technology that overlays images on a live view.\n",
            [("Augmented Reality", [], [], None)],
            id="nbsp-before-is",
        ),
        pytest.param(
            "\n\nAn Agent is a support representative who answers customer questions.\n",
            [("Agent", [], [], None)],
            id="headwordless-article",
        ),
        pytest.param(
            "Short for employee Net Promoter Score, eNPS is a survey of how staff feel about work.\n",
            [("Employee Net Promoter Score", ["eNPS"], [], None)],
            id="short-for-acronym",
        ),
        pytest.param(
            "Short for \u201cscreen recording,\u201d screencasting is a way to capture a session.\n",
            [("Screencasting", [], ["screen recording"], None)],
            id="short-for-quoted-expansion",
        ),
        pytest.param(
            "Call center attrition\u00a0refers to the rate at which agents leave the team.\n",
            [("Call Center Attrition", [], [], None)],
            id="refers-to-title-cased",
        ),
        pytest.param(
            "An abbreviation for Service Level Agreement, an SLA is a promise of response times.\n",
            [("Service Level Agreement", ["SLA"], [], None)],
            id="abbreviation-for",
        ),
        pytest.param(
            "CSAT or Customer Satisfaction\u00a0is a score customers give after an interaction.\n",
            [("Customer Satisfaction", ["CSAT"], [], None)],
            id="acronym-or-term",
        ),
        pytest.param(
            "In the context of NPS surveys, a Promoter is a customer who scores 9 or 10.\n",
            [("Promoter", [], [], None)],
            id="subject-after-context-clause",
        ),
        pytest.param(
            "Email management in customer support is sorting and routing incoming email.\n",
            [("Email Management", [], [], None)],
            id="context-phrase-after-subject",
        ),
        pytest.param(
            "Software development kits (SDK) are toolsets developers use to build integrations.\n",
            [("Software Development Kit", ["SDK"], [], None)],
            id="plural-subject-singularized",
        ),
        pytest.param(
            "ITSM\n\nITSM is the acronym for IT Service Management \u2014 running IT as a service.\n",
            [("IT Service Management", ["ITSM"], [], None)],
            id="is-the-acronym-for",
        ),
        pytest.param(
            "AHT \u2013 Average Hold Time\n\nCall center metric for the time a caller spends on hold.\n",
            [("Average Hold Time", ["AHT"], [], None)],
            id="acronym-dash-heading",
        ),
        pytest.param(
            "CeS \u2013 Customer Effort Score\n\nHow much effort a customer spends to get an answer.\n",
            [("Customer Effort Score", ["CES"], [], None)],
            id="ces-mixed-case-heading",
        ),
        pytest.param(
            "NFF Rate \u2013 No Fault Found\n\nThe share of returned devices that turn out to work.\n",
            [("No Fault Found Rate", ["NFF"], ["NFF Rate"], None)],
            id="acronym-rate-dash-heading",
        ),
        pytest.param(
            "Abandonment Rate\nMetricsAbandonment Rate is the share of callers who hang up in the queue.\n",
            [("Abandonment Rate", [], [], "Metrics")],
            id="glued-category-metrics",
        ),
        pytest.param(
            "Speech Analytics\nTechnologyTechnology that transcribes calls and finds trends in them.\n",
            [("Speech Analytics", [], [], "Technology")],
            id="glued-category-technology",
        ),
        pytest.param(
            "Customer Experience (CX)\nRolesCustomer Experience (CX) is every impression a customer forms.\n",
            [("Customer Experience", ["CX"], [], "Roles")],
            id="glued-category-roles",
        ),
        pytest.param(
            "Ticket Backlog\n\nOperations\n\nAll open tickets not yet resolved at a point in time.\n",
            [("Ticket Backlog", [], [], "Operations")],
            id="category-on-its-own-line",
        ),
        pytest.param(
            "Knowledge Base\n\nA Knowledge Base (AKA Help Library or KMS) is a searchable set of articles.\n",
            [("Knowledge Base", ["KMS"], ["Help Library"], None)],
            id="aka-in-parentheses",
        ),
        pytest.param(
            "Average Wait Time\n\nAlso known as Average Speed of Answer (ASA) or Average Delay, this "
            "metric measures time in queue.\n",
            [("Average Wait Time", ["ASA"], ["Average Speed of Answer", "Average Delay"], None)],
            id="also-known-as-lead-in",
        ),
        pytest.param(
            "Churn Rate\n\nChurn rate (also called attrition rate) is the share of customers who leave.\n",
            [("Churn Rate", [], ["attrition rate"], None)],
            id="also-called-in-parentheses",
        ),
        pytest.param(
            "First Call Resolution\n\nAlso called first contact resolution, first call resolution is "
            "solving the issue on the first call.\n",
            [("First Call Resolution", [], ["first contact resolution"], None)],
            id="also-called-lead-in",
        ),
        pytest.param(
            "Onshore Outsourcing\n\nOnshore Outsourcing is hiring a vendor in your own country, AKA "
            "domestic outsourcing.\n",
            [("Onshore Outsourcing", [], ["domestic outsourcing"], None)],
            id="trailing-aka-same-head",
        ),
        pytest.param(
            "Agent Utilization\n\nAgent Utilization refers to the share of the day agents spend in "
            "active work, also known as billable time.\n",
            [("Agent Utilization", [], [], None)],
            id="trailing-alias-of-something-else-ignored",
        ),
        pytest.param(
            "Virtual Assistant\n\nSometimes referred to as chatbots, virtual assistants are programs "
            "that answer customers.\n",
            [("Virtual Assistant", [], [], None)],
            id="weak-alias-with-other-head-ignored",
        ),
        pytest.param(
            "SLA\n\nService Level Agreement (SLA)\n\nA written promise of response and resolution times.\n",
            [("Service Level Agreement", ["SLA"], [], None)],
            id="acr-full-term-definition-triple",
        ),
        pytest.param(
            "Agent\n\nAgent\n\nThe person who answers customer conversations.\n",
            [("Agent", [], [], None)],
            id="repeated-heading",
        ),
        pytest.param(
            "Tier 1\n\nTier 1 Support\n\nThe first line of support that handles common questions.\n",
            [("Tier 1 Support", [], ["Tier 1"], None)],
            id="short-heading-over-full-heading",
        ),
        pytest.param(
            "ACD\n\nACD (Automatic Call Distribution) is the system that routes calls to agents.\n",
            [("Automatic Call Distribution", ["ACD"], [], None)],
            id="acronym-heading-expansion-in-definition",
        ),
        pytest.param(
            "CSAT Score\n\nCSAT (Customer Satisfaction Score) is a rating customers give after a chat.\n",
            [("Customer Satisfaction Score", ["CSAT"], ["CSAT Score"], None)],
            id="heading-built-on-subject-acronym",
        ),
        pytest.param(
            "Transfer / Escalation Rate\n\nHow often a conversation is handed to another agent.\n",
            [("Transfer Rate", [], ["Escalation Rate"], None)],
            id="slash-heading",
        ),
        pytest.param(
            "Dispatch Rate (Engineer / Support / Technician)\n\nHow often a technician is sent on site.\n",
            [("Dispatch Rate", [], [], None)],
            id="qualifier-in-parentheses-dropped",
        ),
        pytest.param(
            "PCI Compliance\n\nPCI Compliance (Payment Card Industry Compliance) is a security standard.\n",
            [("PCI Compliance", [], ["Payment Card Industry Compliance"], None)],
            id="spelled-out-acronym-alias",
        ),
        pytest.param(
            "Operations Managers\n\nOperations Managers (OMs) are leaders who run the support floor.\n",
            [("Operations Manager", ["OM"], [], None)],
            id="plural-acronym",
        ),
        pytest.param(
            "Voice of the Customer (VoC)\n\nA program that collects customer feedback across channels.\n",
            [("Voice of the Customer", ["VoC"], [], None)],
            id="mixed-case-acronym-kept",
        ),
        pytest.param(
            "What is Time to Value?\n\nThe time it takes a new customer to get value from a product.\n",
            [("Time to Value", [], [], None)],
            id="faq-question-heading",
        ),
        pytest.param(
            "AVERAGE HANDLE TIME (AHT)\n\nThe mean length of one customer conversation.\n\n"
            "SLA BREACH\n\nWhen an SLA deadline passes before the ticket is answered.\n",
            [("Average Handle Time", ["AHT"], [], None), ("SLA Breach", [], [], None)],
            id="all-caps-headings",
        ),
        pytest.param(
            "Handle Time, also known as handling time, is the length of one conversation.\n",
            [("Handle Time", [], ["handling time"], None)],
            id="comma-also-known-as-subject",
        ),
        pytest.param(
            "Idle Time\n\nNonproductive time, also referred to as waiting time, when an agent is "
            "logged in but not working.\n",
            [("Idle Time", [], ["waiting time"], None)],
            id="same-head-synonym-keeps-heading",
        ),
        pytest.param(
            "Tier -1 Support\n\nSelf-education resources before a customer ever contacts support.\n",
            [("Tier -1 Support", [], [], None)],
            id="minus-sign-kept",
        ),
    ],
)
def test_reader_tricky_case(write_seed, text, expected):
    entries, _ = parse_text(write_seed, text)
    got = [(e.term, list(e.acronyms), list(e.aliases), e.category) for e in entries]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(CULTURE, [(5, MISPLACED_HEADING)], id="culture-heading"),
        pytest.param(
            "Glossary\n\nA\n\nAgent\n\nThe person who answers customers.\n\nB\n\nC\n",
            [],
            id="title-and-letter-headers-are-structure",
        ),
        pytest.param(
            "A\u00a0 \u00a0B\u00a0 \u00a0C\u00a0 \u00a0D\u00a0 \u00a0E\n\nAgent\n\nThe person who answers customers.\n",
            [],
            id="alphabet-index-line-is-structure",
        ),
        pytest.param(
            "This page explains the words our support team uses every day, from A to Z.\n\n"
            "Agent\n\nThe person who answers customers.\n",
            [(1, INTRO)],
            id="intro-paragraph",
        ),
        pytest.param(
            "Agent\n\nThe person who answers customers.\n\nSchedule A Consultation\n\n"
            "See what we can do\n\nFull Name:\n\nEmail:\n\nWhat do you want to outsource?\n",
            [(5, JUNK_CTA), (7, JUNK_CTA), (9, JUNK_FORM), (11, JUNK_FORM), (13, JUNK_CTA)],
            id="contact-form-tail",
        ),
        pytest.param(
            "Agent\n\nThe person who answers customers.\n\nWoman with laptop\n\n"
            "Eliminate customer support\nas you know it.\n\nStart for free",
            [(5, JUNK_TRAILING), (7, JUNK_CTA), (10, JUNK_CTA)],
            id="call-to-action-tail",
        ),
        pytest.param(
            "Back to top\n\nAgent\n\nThe person who answers customers.\n\nPrivacy Policy\n\n"
            "\u00a9 2024 Example Inc. All rights reserved.\n\nhttps://example.com/glossary\n",
            [(1, seedpage.JUNK_LINK), (7, seedpage.JUNK_LINK), (9, seedpage.JUNK_LINK), (11, seedpage.JUNK_LINK)],
            id="navigation-and-footer",
        ),
        pytest.param(
            "Agent\n\nThe person who answers customers.\n\nWhich plan fits a small team best?\n",
            [(5, JUNK_QUESTION)],
            id="question-junk",
        ),
        pytest.param(
            "Agent\n\nThe person who answers customers.\n\nAgent\n\nThe person who answers customers.\n",
            [(7, DUPLICATE)],
            id="exact-duplicate",
        ),
        pytest.param(
            "Queue\n\nAgent\n\nThe person who answers customers.\n\nWorkforce Management (WFM)\n",
            [(1, NO_DEFINITION), (7, NO_DEFINITION)],
            id="headings-without-definition",
        ),
        pytest.param(
            "Agent\n\nThe person who answers customers.\n\n"
            "A support model in which customers find answers on their own, any time of day.\n",
            [(5, NO_HEADWORD)],
            id="definition-without-recoverable-term",
        ),
        pytest.param(
            "Chatbot vs Live Agent\n\nChatbots follow scripts, while live agents use judgement.\n",
            [(1, COMPARISON), (3, COMPARISON)],
            id="comparison-heading",
        ),
    ],
)
def test_reader_skipped_lines_have_reasons(write_seed, text, expected):
    _, skipped = parse_text(write_seed, text)
    assert [(s.line, s.reason) for s in skipped] == expected
    assert all(s.source == "seed.txt" and s.text for s in skipped)


def test_reader_duplicate_keeps_first_and_points_to_it(write_seed):
    text = "Agent\n\nThe person who answers customers.\n\nAgent\n\nThe person who answers customers.\n"
    entries, skipped = parse_text(write_seed, text)
    assert [(e.term, e.line) for e in entries] == [("Agent", 3)]
    assert "same as line 3" in skipped[0].text


def test_reader_near_duplicates_are_both_kept(write_seed):
    text = "AI Hallucination\n\nWhen a model invents facts.\n\nAI Hallucination\n\nWhen a model makes things up.\n"
    entries, skipped = parse_text(write_seed, text)
    assert [(e.term, e.line) for e in entries] == [("AI Hallucination", 3), ("AI Hallucination", 7)]
    assert skipped == []


def test_reader_entry_line_is_the_definition_line(write_seed):
    entries, _ = parse_text(write_seed, "\n\nFirst Response Time\n\n\nThe time until the first reply.\n")
    assert entries[0].line == 6


def test_reader_definition_text_is_normalized(write_seed):
    entries, _ = parse_text(write_seed, "Hold Time\n\nThe\u00a0time   a caller\u200b waits\ton hold.\n")
    assert entries[0].definition == "The time a caller waits on hold."


def test_reader_unseen_inline_layouts(write_seed):
    """Layouts none of the five seeds uses, as users' scraped pages have them: ``Term: def``,
    ``Term – def``, bullets, numbering, Markdown marks, tab-separated columns."""
    text = (
        "Help Desk Glossary\n\n"
        "\u2022 **Average Handle Time (AHT)**: The average time an agent spends on one conversation.\n"
        "\u2022 First Response Time \u2013 The time between a customer's first message and the first reply.\n"
        "1. Backlog: All open tickets waiting for an agent at a given moment.\n"
        "## Deflection\n"
        "Deflection is when a customer finds the answer without opening a ticket.\n"
        "Escalation\tHanding a ticket to a more experienced tier or a specialist team.\n"
        "Note: definitions are reviewed every quarter by the support team.\n"
    )
    entries, skipped = parse_text(write_seed, text)
    assert [(e.term, e.acronyms, e.line) for e in entries] == [
        ("Average Handle Time", ("AHT",), 3),
        ("First Response Time", (), 4),
        ("Backlog", (), 5),
        ("Deflection", (), 7),
        ("Escalation", (), 8),
    ]
    assert entries[0].definition == "The average time an agent spends on one conversation."
    assert [(s.line, s.reason) for s in skipped] == [(9, NO_HEADWORD)]


def test_reader_second_paragraph_continues_the_definition(write_seed):
    text = (
        "Backlog\n\nAll open tickets waiting for an agent.\n\nIt is usually reported every morning.\n\n"
        "Queue\n\nWhere new conversations wait.\n\n\nA support model in which customers help themselves.\n"
    )
    entries, skipped = parse_text(write_seed, text)
    assert [(e.term, e.definition, e.line) for e in entries] == [
        ("Backlog", "All open tickets waiting for an agent. It is usually reported every morning.", 3),
        ("Queue", "Where new conversations wait.", 9),
    ]
    assert [(s.line, s.reason) for s in skipped] == [(12, NO_HEADWORD)]  # not a continuation


def test_reader_colon_heading_is_not_a_form_field(write_seed):
    text = "Average Handle Time:\nThe mean length of one conversation.\n\nFull Name:\nEmail:\n"
    entries, skipped = parse_text(write_seed, text)
    assert [(e.term, e.line) for e in entries] == [("Average Handle Time", 2)]
    assert [(s.line, s.reason) for s in skipped] == [(4, JUNK_FORM), (5, JUNK_FORM)]


def test_reader_adjacent_lines_layout(write_seed):
    """Heading and definition on adjacent lines, letter headers between, no blank lines."""
    text = (
        "Support Glossary\nA\nAbandonment Rate\nMetricsThe share of callers who hang up.\nB\nC\n"
        "Call Center\nChannelsA place where agents take calls.\n"
    )
    entries, skipped = parse_text(write_seed, text)
    assert [(e.term, e.category, e.line) for e in entries] == [
        ("Abandonment Rate", "Metrics", 4),
        ("Call Center", "Channels", 8),
    ]
    assert skipped == []


# --- malformed, empty, huge and hostile input ---------------------------------------------------------


def test_reader_empty_file(write_seed):
    assert read_seed(write_seed("")) == ([], [])
    assert read_seed(write_seed("\n\n   \n\u00a0\n")) == ([], [])


def test_reader_only_junk(write_seed):
    entries, skipped = read_seed(write_seed("Full Name:\n\nStart for free\n\nContact us\n"))
    assert entries == []
    assert [s.reason for s in skipped] == [JUNK_FORM, JUNK_CTA, JUNK_CTA]


def test_reader_crlf_bom_and_lone_cr(write_seed):
    body = "Service Level Agreement (SLA)\r\n\r\nA written promise of response times.\r\n"
    expected = [("Service Level Agreement", ("SLA",), 3)]
    for raw in (body.encode(), b"\xef\xbb\xbf" + body.encode(), body.replace("\r\n", "\r").encode()):
        entries, _ = read_seed(write_seed(raw))
        assert [(e.term, e.acronyms, e.line) for e in entries] == expected
        assert "\r" not in entries[0].definition and "\ufeff" not in entries[0].term


@pytest.mark.parametrize(
    "raw, code, line",
    [
        pytest.param(b"Agent\n\nThe person\x00 who answers.\n", "E117", 3, id="nul-byte"),
        pytest.param(b"Agent\n\n\xff\xfe\x00\x01binary\n", "E110", 3, id="invalid-utf8"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E110", 1, id="png-header"),
    ],
)
def test_reader_binary_input_is_a_clear_error(write_seed, raw, code, line):
    path = write_seed(raw)
    with pytest.raises(GlossaryError) as info:
        read_seed(path)
    assert info.value.code == code
    assert info.value.details["line"] == line and str(path) in str(info.value)


def test_reader_control_characters_are_spaces(write_seed):
    entries, _ = read_seed(write_seed("Hold\x07 Time\n\nThe time\x1b a caller waits on hold.\n"))
    assert [(e.term, e.definition) for e in entries] == [("Hold Time", "The time a caller waits on hold.")]


def test_reader_five_megabyte_line_is_refused_with_its_line(write_seed):
    path = write_seed("Agent\n\nThe person who answers.\n\nHold Time\n\n" + "wait " * 1_000_000 + "\n")
    with pytest.raises(GlossaryError) as info:
        read_seed(path)
    assert info.value.code == "E111" and info.value.details["line"] == 7


def test_reader_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(GlossaryError) as info:
        read_seed(tmp_path / "nope.txt")
    assert info.value.code == "E103"


def test_reader_large_file_and_long_lines_stay_fast(write_seed):
    """Generous must-not-hang bound: 20,000 entries and 19,000-character lines of one token."""
    block = "".join(
        f"Term Number {i}\n\nTerm Number {i} is the {i}th thing agents measure every day.\n\n"
        for i in range(20_000)
    )
    hostile = "(" * 19_000 + "\n\n" + "Agent " * 3_000 + "\n\n" + "is " * 6_000 + "\n"
    start = time.process_time()
    entries, _ = read_seed(write_seed(block + hostile))
    assert time.process_time() - start < 20
    assert len(entries) == 20_000


def test_reader_many_wrapped_lines_stay_linear(write_seed):
    """200,000 lowercase lines with no full stop would each be joined to the one before."""
    start = time.process_time()
    entries, skipped = read_seed(write_seed("Agent\n" + "and then some more words\n" * 200_000))
    assert time.process_time() - start < 20
    assert entries == []  # prose without a defining sentence: reported, never an entry
    assert skipped and {s.reason for s in skipped} <= {INTRO, NO_HEADWORD}
    assert max(len(s.text) for s in skipped) <= seedpage.SKIPPED_TEXT_CHARS + 3


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=400))
def test_reader_arbitrary_text_parses_or_fails_cleanly(write_seed, text):
    path = write_seed(text)
    entries, skipped = read_seed(path)
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for entry in entries:
        assert entry.term.strip() and entry.definition.strip()
        assert 1 <= entry.line <= line_count
    for item in skipped:
        assert 1 <= item.line <= line_count and item.reason
