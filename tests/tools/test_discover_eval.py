"""tools/discover_eval.py on a tiny evaluation set laid out like the real one."""

from __future__ import annotations

import json

from tools.discover_eval import evaluate, main

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
