"""The windows a mention of an ambiguous acronym takes its context from."""

from __future__ import annotations

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
