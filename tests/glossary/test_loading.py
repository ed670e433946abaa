"""annotator.glossary.load_glossary: built-in + user glossaries -> one Glossary, for every caller."""

from __future__ import annotations

import pytest

from annotator.errors import GlossaryError
from annotator.glossary import Glossary, load_glossary
from annotator.glossary.loading import BuildReport, builtin_concepts
from annotator.resources import builtin_glossary_path


@pytest.fixture
def team_csv(tmp_path):
    path = tmp_path / "team.csv"
    path.write_text(
        "term,definition,acronym\n"
        "Zolvar Queue,The queue our Zolvar team works.,ZQ\n"
        "Service Level Agreement,Our own wording of the SLA.,SLA\n"
        ",\n"
        "Empty One,\n",
        encoding="utf-8",
    )
    return path


def test_loading_builtin_alone_is_the_committed_glossary():
    glossary = load_glossary()
    assert glossary.to_jsonl() == Glossary.load(builtin_glossary_path()).to_jsonl()


def test_loading_user_files_merge_on_top_of_the_builtin(team_csv):
    builtin = load_glossary()
    glossary = load_glossary([team_csv])
    assert len(glossary) == len(builtin) + 1
    assert any(c.term == "Zolvar Queue" for c in glossary)
    sla = next(c for c in glossary if "SLA" in c.acronyms and c.term == "Service Level Agreement")
    assert "team.csv" in {d.source for d in sla.definitions}


def test_loading_without_builtin_is_the_files_alone(team_csv):
    glossary = load_glossary([str(team_csv)], builtin=False)
    assert sorted(c.term for c in glossary) == ["Service Level Agreement", "Zolvar Queue"]


def test_loading_base_replaces_the_builtin(team_csv):
    base = list(load_glossary([team_csv], builtin=False))
    glossary = load_glossary([team_csv], base=base)
    assert len(glossary) == 2  # the same entries again merge into the same concepts


def test_loading_report_lists_sources_and_skipped(team_csv):
    report = BuildReport()
    glossary = load_glossary([team_csv], builtin=False, report=report)
    assert report.sources == {"team.csv": 2}
    assert [s.reason for s in report.skipped] == ["empty definition"]
    assert report.glossary is glossary


def test_loading_missing_builtin(monkeypatch, tmp_path):
    monkeypatch.setattr("annotator.resources.builtin_glossary_path", lambda: tmp_path / "none.jsonl")
    with pytest.raises(GlossaryError) as info:
        load_glossary()
    assert info.value.code == "E103"
    assert builtin_concepts(required=False) == []
    assert len(load_glossary(require_builtin=False)) == 0
