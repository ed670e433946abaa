"""annotator.glossary.model: the errors a Glossary raises, each with its own code; the
familiarity rule and the concept's JSON form."""

from __future__ import annotations

import pytest

from annotator.errors import GlossaryError
from annotator.glossary.model import Concept, Definition, Glossary, default_familiarity


def _concept(concept_id: str, term: str) -> Concept:
    return Concept(id=concept_id, term=term, definitions=[Definition(text=f"{term}.", source="a.csv", line=1)])


def test_model_duplicate_concept_id_is_e116():
    with pytest.raises(GlossaryError) as info:
        Glossary([_concept("sla", "SLA"), _concept("sla", "Service Level Agreement")])
    assert info.value.code == "E116" and "'sla'" in info.value.message


@pytest.mark.parametrize("line", ["not json", '{"term": "no id"}', "[1, 2]"])
def test_model_corrupt_generated_glossary_is_e101_with_its_line(tmp_path, line):
    good = Glossary([_concept("sla", "SLA")]).to_jsonl()
    path = tmp_path / "glossary.jsonl"
    path.write_text(good + line + "\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    assert info.value.code == "E101" and info.value.details["line"] == 2
    assert "invalid generated glossary data" in info.value.message


@pytest.mark.parametrize(
    "term, acronyms, expected",
    [
        ("Agent", (), "everyday"),
        ("Queue", (), "everyday"),
        ("escalation", (), "everyday"),
        ("Customer Survey", (), "everyday"),
        ("Support Ticket", (), "everyday"),
        ("Average Handle Time", ("AHT",), "jargon"),
        ("Knowledge Base", (), "jargon"),
        ("Co-Browsing", (), "jargon"),
        ("Tier 1", (), "jargon"),
        ("eNPS", (), "jargon"),
        ("SupportTicket", (), "jargon"),
        ("Customer Effort Score", ("CES",), "jargon"),
        ("Queue", ("Q",), "jargon"),
    ],
)
def test_model_default_familiarity(term, acronyms, expected):
    assert default_familiarity(term, acronyms) == expected


def test_model_concept_familiarity_stated_wins_and_round_trips():
    stated = Concept(id="queue", term="Queue", definitions=[Definition("A line.", "team.csv", 2)], familiarity="jargon")
    assert stated.familiarity_level == "jargon"
    assert Concept.from_json(stated.to_json()) == stated
    derived = Concept(id="queue", term="Queue")
    assert derived.familiarity_level == "everyday"
    assert "familiarity" not in derived.to_json()  # generated files stay as they were
