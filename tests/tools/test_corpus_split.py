"""tools.corpus_split: one split, decided once per document and never moved."""

from __future__ import annotations

import json

import pytest

from tools import corpus_split


def _group(root, name, ids, rendered_from=None):
    group = root / name
    group.mkdir()
    rows = [{"id": i, "text": "x", **({"rendered_from": rendered_from[i]} if rendered_from else {})} for i in ids]
    (group / "transcripts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    gold = [{"id": i, "doc_type": "transcript", "spans": []} for i in ids]
    (group / "gold_spans.jsonl").write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    return group


@pytest.mark.parametrize("key", ["issues/1", "kb/a-long-id", "talk/ü"])
def test_corpus_split_assign_is_a_pure_function_of_the_key(key):
    assert corpus_split.assign(key) == corpus_split.assign(key) in corpus_split.PARTS


def test_corpus_split_share_is_near_the_test_share():
    parts = [corpus_split.assign(f"g/{i}") for i in range(2000)]
    assert abs(parts.count("test") / len(parts) - corpus_split.TEST_SHARE) < 0.05


def test_corpus_split_existing_entries_never_move(tmp_path):
    _group(tmp_path, "issues", [str(i) for i in range(20)])
    first = corpus_split.update_split(tmp_path)
    # Someone flips one entry by hand (or the hash rule changes): the file wins.
    flipped = dict(first)
    flipped["issues/0"] = "dev" if first["issues/0"] == "test" else "test"
    (tmp_path / corpus_split.SPLIT_FILE).write_text(json.dumps({"documents": flipped}), encoding="utf-8")
    again = corpus_split.update_split(tmp_path)
    assert again == flipped


def test_corpus_split_renderings_follow_their_original(tmp_path):
    ids = [f"c{i}" for i in range(30)]
    _group(tmp_path, "talk", ids)
    _group(tmp_path, "talk-asr", [f"{i}-asr" for i in ids], {f"{i}-asr": f"talk/{i}" for i in ids})
    split = corpus_split.update_split(tmp_path)
    assert all(split[f"talk-asr/{i}-asr"] == split[f"talk/{i}"] for i in ids)
    assert corpus_split.part_ids(split, tmp_path / "talk", "all") == set(ids)


def test_corpus_split_main_prints_counts(tmp_path, capsys):
    _group(tmp_path, "kb", ["a", "b", "c"])
    assert corpus_split.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("kb") and "dev" in out and "test" in out


def test_corpus_split_main_without_corpora(tmp_path, capsys):
    assert corpus_split.main([str(tmp_path / "none")]) == 0
    assert "no corpora" in capsys.readouterr().out
