"""The harness's parts: targets, the table, timing, the seeded corpora."""

from __future__ import annotations

import json
import re

import pytest

from benchmarks import corpus
from benchmarks.report import (
    ERROR, FAIL, INFO, NA, PASS, Spec, Target, missing_rows, render_table, row, write_json,
)
from benchmarks.timing import alternate, percentile


@pytest.mark.parametrize(
    "target,value,baseline,expected",
    [
        (Target(">=", 0.5), 60.0, 100.0, PASS),
        (Target(">=", 0.5), 40.0, 100.0, FAIL),
        (Target("<=", 10.0, on="value", unit="ms"), 7.5, None, PASS),
        (Target("<=", 10.0, on="value", unit="ms"), 12.0, None, FAIL),
        (Target("==", 0, on="value"), 0, None, PASS),
        (Target("==", 0, on="value"), 3, None, FAIL),
        (Target(">=", 0.5), 60.0, None, NA),  # a ratio target without a baseline cannot pass
        (None, 60.0, 100.0, INFO),
    ],
)
def test_report_row_status(target, value, baseline, expected):
    r = row("s", Spec("k", "figure", target), value, baseline=baseline)
    assert r.status == expected
    if baseline:
        assert r.ratio == pytest.approx(value / baseline)


def test_report_table_has_every_row_and_column():
    specs = [Spec("a", "alpha rate", Target(">=", 0.5)), Spec("b", "beta p99", Target("<=", 10, on="value", unit="ms"))]
    rows = [row("sec", specs[0], 300_000.0, unit="words/s", baseline=600_000.0, baseline_name="tokenizer"),
            *missing_rows("sec", specs[1:], NA, "not available: no module named plugin")]
    table = render_table(rows).splitlines()
    assert table[0].split() == ["section", "figure", "value", "baseline", "ratio", "target", "result", "note"]
    assert "alpha rate" in table[2] and "0.50x" in table[2] and ">= 0.5x" in table[2] and PASS in table[2]
    assert "tokenizer: 600,000 words/s" in table[2]
    assert "beta p99" in table[3] and NA in table[3] and "<= 10 ms" in table[3]
    assert "not available" in table[3]


def test_report_json_is_complete(tmp_path):
    spec = Spec("a", "alpha", Target(">=", 0.5))
    rows = [row("sec", spec, 2.0, baseline=1.0), *missing_rows("sec", [Spec("b", "beta")], ERROR, "boom")]
    out = tmp_path / "r.json"
    write_json(out, rows, config={"quick": True})
    data = json.loads(out.read_text())
    assert [r["key"] for r in data["rows"]] == ["a", "b"]
    assert data["rows"][0]["target"]["text"] == ">= 0.5x" and data["rows"][0]["status"] == PASS
    assert data["rows"][1]["status"] == ERROR
    assert "spacy" in data["environment"] and data["config"] == {"quick": True}
    assert re.match(r"1/1 targets pass", data["summary"])


def test_timing_alternate_interleaves_and_reverses():
    calls = []
    alternate({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}, repeat=4, warmup=1)
    assert calls == ["a", "b"] + ["a", "b", "b", "a", "a", "b", "b", "a"]


def test_timing_alternate_records_every_round():
    t = alternate({"x": lambda: sum(range(1000))}, repeat=3, warmup=0)
    assert len(t["x"].wall) == len(t["x"].cpu) == 3
    assert t["x"].wall_median >= 0 and t["x"].cpu_median >= 0


@pytest.mark.parametrize(
    "values,pct,expected",
    [([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10),
     ([3.0], 99, 3.0), (list(range(1, 201)), 99, 198)],
)
def test_timing_percentile_nearest_rank(values, pct, expected):
    assert percentile(values, pct) == expected


def test_timing_percentile_of_nothing_is_nan():
    assert percentile([], 99) != percentile([], 99)


def test_corpus_tickets_are_seeded_and_long_enough():
    vocab = corpus.Vocabulary(corpus.FALLBACK_TERMS, corpus.FALLBACK_ACRONYMS)
    first = corpus.tickets(30, seed=3, vocab=vocab)
    assert first == corpus.tickets(30, seed=3, vocab=vocab)
    assert first != corpus.tickets(30, seed=4, vocab=vocab)
    assert all(len(t.split()) >= 40 for t in first)
    text = " ".join(first)
    assert any(a in text for a in corpus.FALLBACK_ACRONYMS)
    assert any(ch in text for ch in corpus.EMOJI) and re.search(r"\d+%", text)


def test_corpus_document_has_exactly_the_words_asked():
    assert len(corpus.document(1234, seed=1).split(" ")) == 1234


def test_corpus_distinct_texts_are_all_different():
    texts = list(corpus.distinct_texts(500, seed=0))
    assert len(set(texts)) == 500


def test_corpus_synthetic_glossary_prefix_and_uniqueness():
    big = corpus.synthetic_concepts(3000, seed=0)
    assert corpus.synthetic_concepts(500, seed=0) == big[:500]
    assert len({c["term"].lower() for c in big}) == 3000
    assert all(c["definition"] and c["term"] for c in big)
    share = sum(bool(c["acronyms"]) for c in big) / len(big)
    assert 0.2 < share < 0.4


def test_corpus_synthetic_glossary_loads_with_the_jsonl_reader(tmp_path):
    from annotator.glossary.formats import read_glossary_file

    path = corpus.write_glossary_jsonl(corpus.synthetic_concepts(100, seed=0), tmp_path / "g.jsonl")
    entries, skipped = read_glossary_file(path)
    assert len(entries) == 100 and not skipped
    assert sum(bool(e.acronyms) for e in entries) > 0


def test_transcripts_render_long_calls_as_valid_captions():
    """Cue timings past the hour stay valid WebVTT (hours, then minutes under 60)."""
    from annotator.api import annotate
    from benchmarks.transcripts import render

    texts = [f"Turn {i} about the SLA." for i in range(1000)]  # 4,000 s of cues
    vtt = render(texts, "vtt")
    assert "01:06:36.000 --> 01:06:39.500" in vtt
    assert len(annotate(vtt, "transcript", max_spans=10**6)["spans"]) == 1000
