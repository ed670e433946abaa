"""The profile's stage breakdown: every stage of ``annotate()`` timed once, on docs made as
``annotate()`` makes them."""

from __future__ import annotations

from spacy.language import Language

from annotator.pipeline.names import TEXT_HINT
from benchmarks.profile import stage_breakdown

_SEEN_HINTS: list[bool] = []


@Language.component("profile_test_hint_spy")
def _hint_spy(doc):
    _SEEN_HINTS.append(TEXT_HINT in doc.user_data)
    return doc


def test_stages_in_order(nlp):
    stages = stage_breakdown(nlp, ["Our SLA was breached.", "Escalate to tier 2 <b>now</b>."], "html")
    names = [name for name, _ in stages]
    assert names == ["safety.prepare", "markup.visible_text", "tokenizer (make_doc)",
                     *(f"component {name}" for name in nlp.pipe_names), "export.doc_to_json"]
    assert all(seconds >= 0 for _, seconds in stages)


def test_components_get_the_text_annotate_hands_them(make_fixture_nlp):
    # Without the text hint the glossary component rebuilds doc.text from the tokens and its
    # stage bills work annotate() never does.
    nlp = make_fixture_nlp()
    nlp.add_pipe("profile_test_hint_spy", first=True)
    _SEEN_HINTS.clear()
    stage_breakdown(nlp, ["The SLA clock starts now.", "CSAT went up."])
    assert _SEEN_HINTS == [True, True]
