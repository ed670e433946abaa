"""tools.corpus_check: the corpora's gold is consistent, and broken gold is named."""

from __future__ import annotations

import hashlib
import json

from tools import corpus_check
from tools.paths import corpora_dir


def test_corpus_check_the_projects_corpora_are_consistent():
    assert corpus_check.check(corpora_dir()) == []


def _write(group, rows, gold):
    group.mkdir(parents=True)
    (group / "tickets.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (group / "gold_spans.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")


def test_corpus_check_names_every_kind_of_problem(tmp_path):
    text = "Our SLA and AHT."
    sha = hashlib.sha1(text.encode()).hexdigest()
    row = {"id": "t1", "text": text, "source": "ours", "license": "CC0"}
    _write(tmp_path / "g", [row, {"id": "t2", "text": text}], [
        {"id": "t1", "doc_type": "ticket", "text_sha1": sha, "spans": [
            {"start": 4, "end": 7, "text": "SLA"}, {"start": 5, "end": 9, "text": "LA a"},
            {"start": 12, "end": 15, "text": "AHX"}, {"start": 10, "end": 99}],
         "hard_negatives": [{"start": 0, "end": 3, "text": "Our"}]},
        {"id": "t1", "doc_type": "ticket", "spans": []},
        {"id": "t2", "doc_type": "ticket", "text_sha1": "0" * 40, "spans": []},
        {"id": "t3", "doc_type": "ticket", "spans": []},
    ])
    problems = corpus_check.check(tmp_path)
    assert any("g/t1: span @12 is 'AHT', gold says 'AHX'" in p for p in problems)
    assert any("g/t1: span with bad offsets 10-99" in p for p in problems)
    assert any("g/t1: spans overlap at 4-7 and 5-9" in p for p in problems)
    assert any(p == "g/t1: id used twice" for p in problems)
    assert any(p == "g/t2: the row names no source or no licence" for p in problems)
    assert any(p == "g/t2: text_sha1 does not match the text" for p in problems)
    assert any(p == "g/t3: no 'ticket' row for this gold" for p in problems)
    assert corpus_check.main([str(tmp_path)]) == 1
