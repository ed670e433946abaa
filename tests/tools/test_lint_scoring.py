"""The scoring script: its arithmetic on a tiny gold set, and the product on the real one."""

from __future__ import annotations

import json

import pytest

from annotator.lint.config import LintConfig
from tools.lint_scoring import default_eval_dir, main, score


@pytest.fixture
def tiny_eval(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.md").write_text(
        "# Queue\n\nWatch the SLA, the SFDC record and the DRI. A Key Performance Indicator (KPI) too.\n",
        encoding="utf-8",
    )
    (tmp_path / "articles" / "two.rst").write_text("Title\n=====\n\nThe CSAT survey.\n", encoding="utf-8")
    rows = [
        {"id": "one", "file": "articles/one.md",
         "undefined": [{"acronym": "SLA", "first_use": 19}, {"acronym": "SFDC", "first_use": 28}],
         "undefined_cx": ["SLA"], "undefined_not_exempt": ["SLA", "SFDC"]},
        # The gold says CSAT is fine here (pretend it was defined): reporting it is a false finding.
        {"id": "two", "file": "articles/two.rst", "undefined": [], "undefined_cx": [], "undefined_not_exempt": []},
    ]
    (tmp_path / "gold_undefined_acronyms.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
    )
    return tmp_path


def test_scoring_counts_true_false_and_out_of_scope(tiny_eval):
    result = score(tiny_eval, LintConfig(builtin_glossary=False))
    cx = result["undefined_cx"]
    # one.md: SLA hit; SFDC undefined but not CX (out of scope); DRI not in gold (false).
    # two.rst: CSAT false.
    assert (cx["gold"], cx["true_positives"], cx["false_findings"], cx["out_of_scope"]) == (1, 1, 2, 1)
    assert cx["recall"] == 1.0 and cx["precision"] == round(1 / 3, 4)
    assert cx["located"] == 1
    ne = result["undefined_not_exempt"]
    assert (ne["gold"], ne["true_positives"], ne["false_findings"], ne["out_of_scope"]) == (2, 2, 2, 0)
    [one, two] = result["per_article"]
    assert one["undefined_cx"]["false"] == ["DRI"] and two["undefined_cx"]["false"] == ["CSAT"]


def test_scoring_main_reports_a_missing_gold_file(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "gold_undefined_acronyms.jsonl" in capsys.readouterr().err


def test_scoring_main_prints_json(tiny_eval, capsys):
    assert main([str(tiny_eval)]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 2


@pytest.mark.skipif(
    not (default_eval_dir() / "gold_undefined_acronyms.jsonl").is_file(),
    reason="the shared evaluation set is not next to this checkout",
)
def test_scoring_real_eval_set_meets_the_issue_targets():
    """The target: recall of undefined CX acronyms >= 0.9 with at most a couple of false findings."""
    result = score(default_eval_dir())
    cx, ne = result["undefined_cx"], result["undefined_not_exempt"]
    assert cx["recall"] >= 0.9, cx
    assert cx["false_findings"] <= 2, cx
    assert ne["recall"] >= 0.9 and ne["false_findings"] <= 2, ne


def test_scoring_vale_baseline_reads_raw_text(tiny_eval):
    result = score(tiny_eval, LintConfig(builtin_glossary=False), baseline="vale")
    assert result["engine"] == "vale"
    # Raw 3-5 capital runs; "Key Performance Indicator (KPI)" counts as a definition.
    assert result["per_article"][0]["findings"] == ["VALE SLA @3:11", "VALE SFDC @3:20", "VALE DRI @3:40"]


def test_scoring_main_rejects_an_unknown_baseline(tiny_eval, capsys):
    assert main([str(tiny_eval), "--baseline", "regex"]) == 2
