"""pipeline.spanwriter: token offsets read once, and span values stored once per concept."""

from __future__ import annotations

from annotator.pipeline.spanvalues import SPAN_VALUES_KEY
from annotator.pipeline.spanwriter import TokenBounds


def test_spanwriter_token_bounds_are_character_offsets(nlp):
    doc = nlp.make_doc("Our  SLA\tbreach 😀 rate")
    bounds = TokenBounds(doc)
    starts, ends = bounds.lists()
    for i, token in enumerate(doc):
        assert (starts[i], ends[i]) == (token.idx, token.idx + len(token))
        assert bounds.end(i) == token.idx + len(token)
    assert (starts[1], ends[2]) == (doc[1].idx, doc[2].idx + len(doc[2]))


def test_spanwriter_spans_of_one_concept_share_their_stored_values(nlp):
    doc = nlp("SLA first, then SLA again, and the SLA breach.")
    stored = [doc.user_data[(SPAN_VALUES_KEY, e.start_char, e.end_char)] for e in doc.ents if e.text == "SLA"]
    assert len(stored) == 2 and stored[0] is stored[1]
    assert stored[0]["match"] == "exact" and stored[0]["term_id"] == "service-level-agreement"
