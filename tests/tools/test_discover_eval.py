"""tools/discover_eval.py on a tiny evaluation set laid out like the real one."""

from __future__ import annotations

import json

import pytest

from tools.discover_eval import (corpora_archive, eval_archive, evaluate, main, miss_class,
                                 misses, score, verdicts, why_not)

TICKETS = [
    "Our Very Breached Ticket (VBT) list grew; the ring strategy failed.",
    "Each VBT needs a ring strategy and a response target.",
    "Thanks for your patience, the ring strategy is fixed.",
]


def _eval_dir(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("# Ring strategy\n\nA ring strategy rings agents.\n")
    (tmp_path / "tickets.jsonl").write_text(
        "".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(TICKETS)))
    (tmp_path / "transcripts.jsonl").write_text("")
    spans = [{"start": 0, "end": 3, "text": "VBT", "kind": "acronym", "in_seeds": False,
              "concept": "Very Breached Ticket"},
             {"start": 0, "end": 13, "text": "ring strategy", "kind": "term", "in_seeds": False,
              "concept": "Ring Strategy"},
             {"start": 0, "end": 13, "text": "Ring strategies", "kind": "term", "in_seeds": False,
              "concept": "Ring Strategy"},
             {"start": 0, "end": 15, "text": "response target", "kind": "term", "in_seeds": False,
              "concept": "Response Target"},
             {"start": 0, "end": 3, "text": "SLA", "kind": "acronym", "in_seeds": True,
              "concept": "Service Level Agreement"}]
    (tmp_path / "gold_spans.jsonl").write_text(json.dumps({"id": "t0", "spans": spans}) + "\n")
    return tmp_path


def test_discover_eval_scores(tmp_path):
    result = evaluate(_eval_dir(tmp_path))
    assert result["documents"] == 4
    assert result["acronym_recall"] == 1.0
    # Only "Ring Strategy" is marked twice; "Response Target" once is not counted.
    assert result["multiword_types"] == 1 and result["multiword_recall_top100"] == 1.0
    assert result["baseline_recall_top100"] == 1.0
    assert result["glossary_in_top50"] == [] and result["top20_without_examples"] == []


def test_discover_eval_main_json(tmp_path, capsys):
    assert main([str(_eval_dir(tmp_path)), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["acronym_recall"] == 1.0


def _corpora(tmp_path):
    """A corpora root laid out like tools/corpora: one group, a split, a rendering."""
    group = tmp_path / "g"
    group.mkdir()
    texts = {"t0": TICKETS[0], "t1": TICKETS[1], "t2": TICKETS[2],
             "t0-asr": "our very breached ticket v b t list grew the ring strategy failed"}
    rows = [{"id": i, "text": t} | ({"rendered_from": "g/t0"} if i.endswith("-asr") else {})
            for i, t in texts.items()]
    (group / "tickets.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    ring = {"kind": "term", "in_seeds": False, "concept": "Ring Strategy"}
    gold = {
        "t0": [{"start": 20, "end": 23, "text": "VBT", "kind": "acronym", "in_seeds": False,
                "concept": "Very Breached Ticket"},
               {"start": 0, "end": 3, "text": "AHT", "kind": "acronym", "in_seeds": False,
                "concept": "Average Handle Time"},  # the glossary has it: not gold for discovery
               {"start": 43, "end": 56, "text": "ring strategy"} | ring],
        "t1": [{"start": 17, "end": 30, "text": "ring strategy"} | ring,
               {"start": 5, "end": 8, "text": "vbt", "kind": "acronym", "in_seeds": False,
                "concept": "Very Breached Ticket"}],  # one type with "VBT", however cased
        "t2": [{"start": 25, "end": 38, "text": "ring strategy"} | ring],
        "t0-asr": [{"start": 37, "end": 50, "text": "ring strategy"} | ring],
    }
    (group / "gold_spans.jsonl").write_text("".join(
        json.dumps({"id": i, "doc_type": "ticket", "spans": s}) + "\n" for i, s in gold.items()))
    split = {"g/t0": "dev", "g/t1": "dev", "g/t2": "test", "g/t0-asr": "dev"}
    (tmp_path / "split.json").write_text(json.dumps({"documents": split}))
    return tmp_path


def test_discover_eval_corpus_part_leaves_out_renderings_and_the_other_part(tmp_path):
    archive = corpora_archive("dev", _corpora(tmp_path))
    assert [doc_id for doc_id, _, _ in archive.docs] == ["g/t0", "g/t1"]
    assert {row["id"] for row in archive.gold_rows} == {"t0", "t1"}
    assert [doc_id for doc_id, _, _ in corpora_archive("test", tmp_path).docs] == ["g/t2"]
    assert len(corpora_archive("all", tmp_path).docs) == 3


def test_discover_eval_corpus_scores_and_targets(tmp_path):
    result = score(corpora_archive("dev", _corpora(tmp_path)))
    assert result["documents"] == 2
    assert result["acronym_types"] == 1 and result["acronym_recall"] == 1.0
    assert result["gold_known_to_glossary"] == ["AHT"]
    assert result["multiword_types"] == 1 and result["multiword_recall_top100"] == 1.0
    met = verdicts(result)
    assert met["acronym_recall"] and met["multiword_recall_top100"]
    assert not met["beats_baseline"]  # a tie with the baseline is not a win


def test_discover_eval_counts_a_spelling_written_twice_not_paraphrases(tmp_path):
    # "Resolution Time" marked twice, under two different words once each: no recurring
    # string to rank, so not a type of the measure, but listed.
    root = _eval_dir(tmp_path)
    resolution = {"kind": "term", "in_seeds": False, "concept": "Resolution Time"}
    spans = [{"start": 0, "end": 15, "text": "time to resolve"} | resolution,
             {"start": 0, "end": 13, "text": "solution time"} | resolution]
    with (root / "gold_spans.jsonl").open("a") as gold:
        gold.write(json.dumps({"id": "t1", "spans": spans}) + "\n")
    result = evaluate(root)
    assert result["multiword_types"] == 1 and result["multiword_recall_top100"] == 1.0
    assert result["multiword_paraphrased_only"] == ["Resolution Time"]
    assert "Resolution Time" not in result["multiword_missed"]


def test_discover_eval_no_corpora_is_none(tmp_path):
    assert corpora_archive("dev", tmp_path) is None


def test_discover_eval_main_corpus(tmp_path, monkeypatch, capsys):
    import tools.discover_eval as discover_eval

    monkeypatch.setattr(discover_eval, "corpora_dir", lambda: _corpora(tmp_path))
    assert main(["--corpus", "dev", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 2 and result["targets_met"]["acronym_recall"]


def test_discover_eval_misses_say_why(tmp_path, capsys):
    root = _eval_dir(tmp_path)
    own = {"kind": "term", "in_seeds": False, "concept": "Time to Own"}
    spans = [{"start": 0, "end": 11, "text": "time to own"} | own] * 2
    with (root / "gold_spans.jsonl").open("a") as gold:
        gold.write(json.dumps({"id": "t1", "spans": spans}) + "\n")
    assert main([str(root), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "Time to Own (2x, not a candidate): {'time to own': '2x: not a candidate" in out
    assert "Ring Strategy (" not in out.split("miss_details:")[1]  # found: not a miss


def test_discover_eval_misses_give_ranks():
    rows = [{"spans": [{"text": "ring strategies", "kind": "term", "in_seeds": False,
                        "concept": "Ring"}] * 2}]
    details = misses({"Ring"}, {"Ring": {"ring strategy"}}, {"Ring": 2},
                     [("agent bot", 9.0), ("ring strategy", 1.5)], rows)
    assert details == [{"concept": "Ring", "mentions": 2,
                        "spellings": {"ring strategy": "2x: rank 2 score 1.50"},
                        "class": "ranked 101-500"}]


@pytest.mark.parametrize(("best", "expected"), [
    (None, "not a candidate"), (101, "ranked 101-500"), (500, "ranked 101-500"),
    (501, "ranked below 500")])
def test_discover_eval_miss_class(best, expected):
    assert miss_class(best) == expected


def test_discover_eval_misses_counted_by_class(tmp_path):
    root = _eval_dir(tmp_path)
    hold = {"kind": "term", "in_seeds": False, "concept": "Hold"}
    with (root / "gold_spans.jsonl").open("a") as gold:
        gold.write(json.dumps({"id": "t1", "spans": [{"text": "on hold"} | hold] * 2}) + "\n")
    result = score(eval_archive(root), explain=True)
    assert result["miss_classes"] == {"not a candidate": 1}
    assert result["multiword_one_word_concepts"] == ["Hold"]
    assert [row["class"] for row in result["miss_details"]] == ["not a candidate"]


@pytest.mark.parametrize(("written", "why"), [
    ("time to own", ""), ("hours to close", "stopword inside"), ("to own it", "stopword inside"),
    ("on hold", "stopword inside"), ("priority 2", "number inside"),
    ("caller ID", "acronym inside"), ("one two three four five", "longer than 4 words"),
    ("ring strategy", "")])
def test_discover_eval_why_not(written, why):
    assert why_not(written) == why
