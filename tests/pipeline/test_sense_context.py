"""The windows a mention of an ambiguous acronym takes its context from."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline.sense_context import _BOUNDARY, DOCUMENT, NEARBY, SENTENCE, DocumentContext
from annotator.pipeline.sense_evidence import phrases


def test_sense_context_windows_widen_lazily():
    text = "One hold. Two talk.\nThree wrap! Four queue? Five agent. Six chat."
    context = DocumentContext(text)
    index = context.sentence_of(text.index("Three"))
    assert index == 2
    windows = context.windows(text.index("Three"))
    scope, key, found = next(windows)
    assert (scope, key) == (SENTENCE, (SENTENCE, 2)) and set(found) == {"wrap"}
    assert context._document is None  # nothing wider computed yet
    scope, key, found = next(windows)
    assert scope == NEARBY and {"hold", "talk", "wrap", "queu", "agent"} <= set(found) and "chat" not in found
    scope, key, found = next(windows)
    assert scope == DOCUMENT and "chat" in found


@pytest.mark.parametrize(
    "text,sentences",
    [
        ("Our Mean Time To Repair is long. It was so.", {0}),
        ("It was so. Mean-time-to-repairs went up.\nAnd mean time\nto repair again.", {1, 2}),
        ("Our mean time to repairman is late. xmean time to repair", set()),
        ("Mean time to respond is short.", set()),
    ],
)
def test_sense_context_sentences_using_a_long_form(text, sentences):
    context = DocumentContext(text)
    assert context.sentences_using("Mean Time To Repair") == sentences


@pytest.mark.parametrize(
    "text",
    [
        "Our Mean Time To Repair is long. It was so. MEAN TIME TO REPAIRS, and mean\ttime to repair.",
        # Characters an ASCII letter matches case-blind beyond its capital: the Kelvin sign
        # lowers to "k", the dotted capital I to two characters, dotless i and long s stay.
        "Mean time to repair. A \u212aey tas\u212a here. Key task again.",
        "Mean time to repair. D\u0131sk space is low. Disk space.",
        "Mean time to repair. \u017fervice level. Service level.",
        "Mean time to repair. \u0130ncident queue! Incident queue, incident queue.",
        "Mean time to repair. Caf\u00c9 hours and caf\u00e9 hours. Service Level in \u00c9mile's key task.",
        "\U0001f600 Mean time to repair \U0001f600 SERVICE LEVEL. Key task: disk space.",
    ],
)
def test_sense_context_sentences_using_matches_the_case_blind_search(text):
    """After the first long form the document is searched in lower case (see ``_folded``):
    the same sentences as the case-blind pattern over the text, whatever it holds."""
    import re

    from annotator.pipeline.sense_context import long_form

    context = DocumentContext(text)
    names = ["Mean Time To Repair", "Key Task", "Disk Space", "Service Level", "Incident Queue",
             "Caf\u00e9 Hours", "Key Task", "Disk Space"]
    for name in names:
        _, pattern = long_form(name)
        assert pattern.flags & re.IGNORECASE
        expected = {context.sentence_of(m.start()) for m in pattern.finditer(text)
                    if not (m.start() and text[m.start() - 1].isalnum())}
        assert context.sentences_using(name) == expected


@pytest.mark.parametrize(
    "text",
    ["", "One. Two! Three?\nFour.\n\nFive", 'He said "stop." Then (it ended.) \t Next', "a.b. c..  d?!  e\r\nf",
     ".\n.\n", "?!\u2003x", "v1.2 is out.\u00a0Yes."],
)
def test_sense_context_sentence_starts_are_where_the_stop_is_looked_behind_for(text):
    behind = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n")
    starts = [0, *(m.end() for m in behind.finditer(text))]
    context = DocumentContext(text)
    assert [context.sentence_of(i) for i in range(len(text))] == [
        sum(1 for s in starts[1:] if s <= i) for i in range(len(text))]


@given(st.text(alphabet=".!?\n \t\r\"')]xA\u2003\u2029\x0b", max_size=24))
def test_sense_context_boundary_matches_the_plain_alternation(text):
    # The boundary opens on one class for speed; it must find what the plain form finds.
    plain = re.compile(r"[.!?][\"')\]]*\s+|\n")
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_sense_context_mention_windows_know_their_sentence_and_the_long_forms():
    text = "Mean time to repair is up. MTTR again.\nMean time to repair and MTTR."
    context = DocumentContext(text)
    windows = context.windows(text.index("MTTR"))
    assert windows.index == 1
    assert windows.sentences_using(["Mean Time to Repair", "MTTR Repair"]) == {0, 2}
    assert context.windows(text.rindex("MTTR")).index == 2


@pytest.mark.parametrize("text", ["hold time on hold AHT", "AHT \u202e hold \u2066 talk AHT", "", "AHT."])
def test_sense_context_a_text_of_one_sentence_reads_its_phrases_once(text):
    """The one sentence of a text without a boundary is the document: the same phrases, read once."""
    context = DocumentContext(text)
    assert context.sentence(0) == phrases(text)
    assert context.sentence(0) is context.document()


@given(st.lists(st.sampled_from(["hold", "talk", "on", "time", "not", " ", ". ", "\n", "! "]), max_size=12))
def test_sense_context_sentences_have_their_own_phrases(parts):
    text = "".join(parts)
    context = DocumentContext(text)
    starts = [*context._bounds(), len(text)]
    for index in range(len(starts) - 1):
        assert context.sentence(index) == phrases(text[starts[index] : starts[index + 1]])
    assert context.document() == phrases(text)


@given(st.lists(st.sampled_from(["hold", "AHT", " ", ". ", "\n", "! "]), max_size=12))
def test_sense_context_sentence_bounds_hold_the_sentence_of_every_character(parts):
    text = "".join(parts)
    context = DocumentContext(text)
    for char in range(len(text)):
        start, end = context.sentence_bounds(char)
        assert start <= char < end
        assert context.sentence_of(start) == context.sentence_of(end - 1) == context.sentence_of(char)
        assert end == len(text) or context.sentence_of(end) == context.sentence_of(char) + 1
