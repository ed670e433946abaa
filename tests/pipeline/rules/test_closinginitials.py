"""pipeline.closinginitials: an agent's initials closing a message without a mark ("... goes.
KB", speech-to-text "... k b" closing an agent's turn or two turns) are no acronym."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from unittest import mock

import spacy

from annotator.glossary.compile import ACRONYM_LABEL, TERM_LABEL
from annotator.pipeline import rules
from annotator.pipeline.matcher import Match
from annotator.pipeline.names import AGENT_TURNS_KEY
from annotator.pipeline.rulecontext import DEFAULT_SETTINGS, rule_context
from annotator.pipeline.rules.closinginitials import (
    _LINE_END_OPENERS,
    _may_close,
    _may_close_after_blanks,
    closes_line,
    drop_closing_initials,
    typed_initials,
)
from annotator.pipeline.spoken import SPOKEN_KEY
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

from ..conftest import concept

GLOSSARY = [
    concept("knowledge-base", "Knowledge Base", ["KB"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("information-technology", "Information Technology", ["IT"]),
]
RULE = "helpdesk_glossary.closing_initials.v1"
SIGNED = (
    "could you tell us the app version you are using we will see what we can suggest k b\n"
    "it is the latest one\n"
    "thanks could you try a restart of the phone kb https://t.co/abc\n"
)


@pytest.fixture(scope="module")
def initials_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


@pytest.mark.parametrize(
    "text,expected",
    [
        # typed: after the last sentence, alone at the line's end
        ("Let us know what issues you are having with your connection. KB\nThe SLA applies.", ["SLA"]),
        ("Happy to help! IT https://t.co/x\nThe SLA applies.", ["SLA"]),
        ("Happy to help! IT \t \nThe SLA applies.", ["SLA"]),  # blanks past the first one
        # speech-to-text: the same letters close two turns
        (SIGNED, []),
    ],
)
def test_closinginitials_signatures_are_dropped(initials_nlp, text, expected, spoken_ents):
    assert spoken_ents(initials_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Read the KB. The SLA applies to IT", ["KB", "SLA", "IT"]),
        ("Steps:\n2. Service levels\n3. SLA\n", ["SLA"]),
        ("Check the KB\nThe SLA applies.", ["KB", "SLA"]),
        # speech-to-text: closing one turn only, or after a word a noun phrase follows
        ("we will see what we can suggest k b\nit is the latest one", ["k b"]),
        ("once a slt is set on an sla it is not there for other s l a\nok the link between slt and s l a\n",
         ["sla", "s l a", "s l a"]),
        ("my question is about the kb\nand again about the kb\n", ["kb", "kb"]),
    ],
)
def test_closinginitials_acronyms_stay(initials_nlp, text, expected, spoken_ents):
    assert spoken_ents(initials_nlp, text) == expected


def test_closinginitials_spoken_only_where_a_spoken_mode_is_on(initials_nlp, spoken_ents):
    assert spoken_ents(initials_nlp, SIGNED, spoken=None) == []  # no spoken forms at all
    assert spoken_ents(initials_nlp, SIGNED.replace("k b", "KB").replace(" kb ", " KB "), spoken=None) == ["KB", "KB"]


def test_closinginitials_is_a_rule_to_switch_off(glossary_nlp, spoken_ents):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert spoken_ents(nlp, SIGNED) == ["k b", "kb"]


@pytest.mark.parametrize(
    "text,end,expected",
    [("a KB", 4, True), ("a KB\nb", 4, True), ("a KB https://t.co/x \n", 4, True), ("a KB.", 4, True),
     ("a KB now", 4, False), ("a KB https://t.co/x more", 4, False)],
)
def test_closinginitials_closes_line(text, end, expected):
    assert closes_line(text, end) is expected


@pytest.mark.parametrize(
    "text,start,end,expected",
    [("Thanks. KB", 8, 10, True), ("Thanks!  CS\n", 9, 11, True), ("Thanks. SLAS", 8, 12, False),
     ("the KB", 4, 6, False), ("3. KB", 3, 5, False), ("Thanks. Kb", 8, 10, False)],
)
def test_closinginitials_typed_initials(text, start, end, expected):
    assert typed_initials(text, start, end) is expected


@given(st.text(alphabet=" \t.!)\nhtps:/x-A,", max_size=30))
def test_closinginitials_a_line_end_opens_with_one_of_its_openers(rest):
    """The drop rule skips the regex unless the character after a match is one of
    ``_LINE_END_OPENERS``: the regex must never match after any other."""
    text = "KB" + rest
    if closes_line(text, 2):
        assert len(text) == 2 or text[2] in _LINE_END_OPENERS


@given(st.sampled_from(" \t"), st.text(alphabet=" \t.!)\nhtps:/x-A,b", max_size=30))
def test_closinginitials_a_line_end_goes_on_with_one_of_its_openers(blank, rest):
    """... and, after a blank, unless the character past it is one of them too: the regex
    must never match where a blank is followed by any other ("SLA breach")."""
    text = "KB" + blank + rest
    if closes_line(text, 2):
        assert len(text) == 3 or text[3] in _LINE_END_OPENERS


@given(st.text(alphabet=" \t", min_size=1, max_size=12), st.text(alphabet=" \t.!)\nhtps:/x-A,b", max_size=30))
@example(" \u202e ".replace("\u202e", " "), "AHT")
@example(" " * 9, "AHT")
def test_closinginitials_a_line_end_goes_on_with_one_of_its_openers_past_any_blanks(blanks, rest):
    """... and, past a run of blanks, unless the first other character is one of them: the
    look past the blanks never rules out a line the regex would close."""
    text = "KB" + blanks + rest
    if closes_line(text, 2):
        assert _may_close_after_blanks(text, 2)
    if not _may_close_after_blanks(text, 2):
        assert rest.lstrip(" \t")[0] not in _LINE_END_OPENERS


_PIECES = ["Thanks. ", "KB", "SLA", "TOOL", " ", "  ", "\t", "\n", "h", "x", ".", ")", "\U0001f600", "-",
           "https://t.co/a", "\u202e"]
_TOKENIZER = spacy.blank("en")


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@example(["SLA", " ", " ", "\t", " ", " ", " ", " ", " ", " ", "KB"])
@example(["Thanks. ", "KB", " ", " ", "\t", "\n"] * 12)
@example(["SLA", "\U0001f600"] * 40 + ["Thanks. ", "KB"])
def test_closinginitials_screen_answers_as_the_loop(pieces):
    """The bulk screen (many matches) drops exactly what the match-by-match looks drop, and
    keeps every match whose line it closes."""
    doc = _TOKENIZER("".join(pieces))
    text = doc.text
    ends = [token.idx + len(token) for token in doc]
    # Acronyms of one token, a term of one and an acronym of four (longer than initials).
    matches = [Match(t.i, t.i + 1, ACRONYM_LABEL if t.text != "TOOL" else TERM_LABEL, t.text, True)
               for t in doc if t.text in ("KB", "SLA", "TOOL")]
    matches += [Match(i, i + 4, ACRONYM_LABEL, "four", True) for i in range(0, len(doc) - 4, 7)]
    matches.sort()
    context = rule_context(doc, text, ends.__getitem__, set(), DEFAULT_SETTINGS, lambda: None)
    for m in matches:
        if m in _may_close(text, matches, ends.__getitem__) or m.label != ACRONYM_LABEL or m.end - m.start > 3:
            continue
        assert not closes_line(text, ends[m.end - 1])
    answers = []
    for least, spread in ((0, 10**9), (10**9, 1)):
        with mock.patch.multiple(rules.closinginitials, _SCREEN_MIN_MATCHES=least, _TOKENS_PER_MATCH=spread):
            answers.append(drop_closing_initials(context, matches, bytearray(len(doc))))
    assert answers[0] == answers[1]


ONCE = "thanks a clean reinstall of the app should help let us know how it goes k b\nit is the latest one\n"


@pytest.mark.parametrize(
    "said,expected",
    [
        # in a turn the desk's agent speaks, initials closing it once are a signature
        ("agent", []),
        # the customer's turn, or a turn of no role, is not signed
        ("customer", ["k b"]),
        (None, ["k b"]),
    ],
)
def test_closinginitials_spoken_once_in_an_agents_turn(initials_nlp, said, expected):
    doc = initials_nlp.make_doc(ONCE)
    doc.user_data[SPOKEN_KEY] = "auto"
    if said == "agent":
        doc.user_data[AGENT_TURNS_KEY] = ((0, ONCE.index("\n")),)
    elif said == "customer":
        doc.user_data[AGENT_TURNS_KEY] = ((ONCE.index("\n") + 1, len(ONCE)),)
    assert [e.text for e in initials_nlp(doc).ents] == expected


def test_closinginitials_a_noun_phrase_cue_keeps_the_agents_acronym(initials_nlp):
    text = "you can read more about it in the k b\nok thanks\n"
    doc = initials_nlp.make_doc(text)
    doc.user_data[SPOKEN_KEY] = "auto"
    doc.user_data[AGENT_TURNS_KEY] = ((0, text.index("\n")),)
    assert [e.text for e in initials_nlp(doc).ents] == ["k b"]


@pytest.mark.parametrize(
    "line,expected",
    [
        # a reply that ends on its link is signed after it
        ("here are tips on how to manage spam https://help.example.com/kb/manage-spam.html k b", []),
        ("here are tips www.example.com/spam kb", []),
        # an acronym after a word a noun phrase follows stays, link or none
        ("the tips are in the k b", ["k b"]),
    ],
)
def test_closinginitials_signed_after_the_replys_link(initials_nlp, line, expected):
    text = f"{line}\nok thanks\n"
    doc = initials_nlp.make_doc(text)
    doc.user_data[SPOKEN_KEY] = "auto"
    doc.user_data[AGENT_TURNS_KEY] = ((0, text.index("\n")),)
    assert [e.text for e in initials_nlp(doc).ents] == expected


@pytest.mark.parametrize(
    "text,expected",
    [("see https://x.io/a b", True), ("see https://x.io/a  b", True), ("see www.x.io b", True),
     ("see the b", False), ("https://x.io/ab", False), ("see httpx b", False)],
)
def test_closinginitials_link_before(text, expected):
    """Is the last letter of ``text`` right after a link?"""
    from annotator.pipeline.rules.closinginitials import _link_before

    assert _link_before(text, len(text) - 1) is expected


def test_closinginitials_signed_after_a_masked_link():
    """In a transcript the link is blanked out of the text the rules read; the string sent
    still has it."""
    import annotator

    text = ("customer: my spam folder is full again\n"
            "agent: hi there here are tips on spam https://help.example.com/kb/manage-spam.html k b\n")
    assert annotator.annotate(text, "transcript")["spans"] == []
    kept = text.replace("https://help.example.com/kb/manage-spam.html ", "in the ")
    assert [s["text"] for s in annotator.annotate(kept, "transcript")["spans"]] == ["k b"]
