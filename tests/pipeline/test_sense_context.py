"""The windows a mention of an ambiguous acronym takes its context from."""

from __future__ import annotations

import pytest

from annotator.pipeline.sense_context import DOCUMENT, NEARBY, SENTENCE, DocumentContext


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


def test_sense_context_mention_windows_know_their_sentence_and_the_long_forms():
    text = "Mean time to repair is up. MTTR again.\nMean time to repair and MTTR."
    context = DocumentContext(text)
    windows = context.windows(text.index("MTTR"))
    assert windows.index == 1
    assert windows.sentences_using(["Mean Time to Repair", "MTTR Repair"]) == {0, 2}
    assert context.windows(text.rindex("MTTR")).index == 2
