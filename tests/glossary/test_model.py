"""annotator.glossary.model: the errors a Glossary raises, each with its own code."""

from __future__ import annotations

import pytest

from annotator.errors import GlossaryError
from annotator.glossary.model import Concept, Definition, Glossary


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
