"""pipeline.spanwriter: token offsets read once, and span values stored once per concept."""

from __future__ import annotations

import pytest

from annotator.pipeline.spanvalues import SPAN_VALUES_KEY
from annotator.pipeline.spanwriter import SpanWriter, TokenBounds


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


class _Forgetful(dict):
    """A memo that keeps nothing: every span's values are worked out afresh."""

    def __setitem__(self, key, value) -> None:
        pass


@pytest.mark.parametrize(
    "text",
    [
        "SLA, SLAs, SLA's and the service level agreement; SLA again, then SLAs.",
        # An ambiguous acronym is decided per sentence: its spans are never read from the memo.
        "Our AHT rose: callers waited on hold longer. AHT fell once agents wrapped up faster. AHT.",
        "Average Handle Time (AHT) is what we track. AHT went up; AHT went down. Our KPI, KPIs.",
    ],
)
def test_spanwriter_repeated_matches_get_the_values_worked_out_afresh(builtin_nlp, monkeypatch, text):
    def values(doc):
        return [(e.start_char, e.end_char, e.label_, doc.user_data[(SPAN_VALUES_KEY, e.start_char, e.end_char)])
                for e in doc.ents]

    memoised = values(builtin_nlp(text))
    real_init = SpanWriter.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.by_fields = _Forgetful()

    monkeypatch.setattr(SpanWriter, "__init__", init)
    assert values(builtin_nlp(text)) == memoised
    assert len(memoised) >= 3
