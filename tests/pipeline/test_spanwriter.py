"""pipeline.spanwriter: token offsets read once, and span values stored once per concept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Span

from annotator.pipeline.spanvalues import SPAN_VALUES_KEY
from annotator.pipeline.spanwriter import SpanWriter, TokenBounds, write_entities

_ENT_COLUMNS = [ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]


def test_spanwriter_token_bounds_are_character_offsets(nlp):
    doc = nlp.make_doc("Our  SLA\tbreach 😀 rate")
    bounds = TokenBounds(doc)
    starts, ends = bounds.lists()
    for i, token in enumerate(doc):
        assert (starts[i], ends[i]) == (token.idx, token.idx + len(token))
        assert bounds.end(i) == token.idx + len(token)
    assert (starts[1], ends[2]) == (doc[1].idx, doc[2].idx + len(doc[2]))


def test_spanwriter_token_bounds_from_the_components_columns(nlp):
    from annotator.pipeline.component import READ_COLUMNS

    doc = nlp.make_doc("Our  SLA\tbreach 😀 rate\n\nthe AHT (s)")
    assert TokenBounds(doc, doc.to_array(READ_COLUMNS)).lists() == TokenBounds(doc).lists()


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
        # Acronyms in a document that spells none out: read from the process's memo.
        "KPI, KPIs and the SLA; the SLA's KPI. CSAT and csat.",
    ],
)
def test_spanwriter_repeated_matches_get_the_values_worked_out_afresh(builtin_nlp, monkeypatch, text):
    def values(doc):
        return [(e.start_char, e.end_char, e.label_, doc.user_data[(SPAN_VALUES_KEY, e.start_char, e.end_char)])
                for e in doc.ents]

    # Another document first, so that the process's memo holds values for these concepts.
    builtin_nlp("KPIs, the SLA and CSAT, the service level agreement and average handle time.")
    memoised = values(builtin_nlp(text))
    real_init = SpanWriter.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.by_fields = _Forgetful()
        self.shared = _Forgetful()

    monkeypatch.setattr(SpanWriter, "__init__", init)
    assert values(builtin_nlp(text)) == memoised
    assert len(memoised) >= 3


@pytest.mark.parametrize(
    "text",
    [
        "-SLA" * 40 + " AHT on hold. " + "\U0001f600SLA" * 30,
        "SLA \u202e AHT \u2066 " * 20,
        "Average Handle Time (AHT) is what we track. AHT went up; " * 5 + "Our KPI, KPIs. Time to Value (TTV), TTV.",
        "Service Level Agreement (SLA) " * 10 + "SLA(s) and SLAs.",
        # An ambiguous acronym decided per sentence, several times in some of them.
        "Our AHT rose, AHT on hold, callers waited on hold longer. AHT fell once agents wrapped up, AHT AHT.\n"
        "AHT and talk time AHT. AHT." * 3,
    ],
)
def test_spanwriter_store_all_answers_as_store_per_match(builtin_nlp, monkeypatch, text):
    """The batch remembers a pattern's values for the document; storing match by match (each
    routed and looked up afresh) gives the same entities and the same values."""

    def result(doc):
        stored = {key: value for key, value in doc.user_data.items() if key[0] == SPAN_VALUES_KEY}
        return [(e.start, e.end, e.label_, e.ent_id_, e.kb_id_) for e in doc.ents], stored

    batched = result(builtin_nlp(text))
    monkeypatch.setattr(SpanWriter, "store_all", lambda self, matches: [self.store(m) for m in matches])
    assert result(builtin_nlp(text)) == batched
    assert len(batched[0]) >= 10


@pytest.mark.parametrize(
    "before, spans",
    [
        ([], []),
        ([], [(0, 1, "A", "")]),
        ([], [(0, 2, "A", "x"), (2, 3, "A", "y"), (5, 7, "B", "")]),  # adjacent, same label
        ([], [(6, 7, "END", "z")]),
        ([(1, 4, "OLD", "old")], [(2, 3, "A", "x")]),  # annotation already there is replaced
        ([(0, 7, "OLD", "old")], []),
        ([], [(1, 2, "", ""), (3, 4, "A", "x")]),  # a span without a label is no entity
    ],
)
def test_spanwriter_write_entities_is_set_ents_outside(blank, before, spans):
    """The same token annotation as ``set_ents(default="outside")``, ids and kb ids included."""
    assert _both_ways(blank, before, [(s, e, l, "", i) for s, e, l, i in spans])


def _both_ways(nlp, before, spans, words=7):
    """The entity columns and ``doc.ents`` after ``set_ents`` and after ``write_entities``,
    on a doc of ``words`` words annotated with ``before`` first: asserted equal, returned."""
    results = []
    for stock in (True, False):
        doc = nlp(" ".join(["word"] * words))
        doc.set_ents([Span(doc, s, e, label=l, kb_id="kb", span_id=i) for s, e, l, i in before])
        made = [Span(doc, s, e, label=l, kb_id=k, span_id=i) for s, e, l, k, i in spans]
        if stock:
            doc.set_ents(made, default="outside")
        else:
            write_entities(doc, [(s.start, s.end, s.label, s.kb_id, s.id) for s in made])
        results.append((doc.to_array(_ENT_COLUMNS).tolist(),
                        [(e.start, e.end, e.label_, e.kb_id_, e.id_) for e in doc.ents]))
    assert results[0] == results[1]
    return results[0]


@st.composite
def _layouts(draw):
    """Non-overlapping spans in token order over a doc of some words, with or without label,
    knowledge-base id and id, over an annotation already there."""
    words = draw(st.integers(1, 30))
    cuts = sorted(draw(st.sets(st.integers(0, words), max_size=words + 1)))
    labels, ids = st.sampled_from(["", "A", "B"]), st.sampled_from(["", "x", "y"])
    spans = [(s, e, draw(labels), draw(ids), draw(ids)) for s, e in zip(cuts[::2], cuts[1::2])]
    before = [(s, e, "OLD", "old") for s, e in zip(cuts[1::2], cuts[2::2]) if draw(st.booleans())]
    return words, before, spans


@settings(max_examples=200, deadline=None)
@given(_layouts())
def test_spanwriter_write_entities_agrees_with_set_ents_on_any_layout(blank, layout):
    words, before, spans = layout
    assert len(_both_ways(blank, before, spans, words)[0]) == words
