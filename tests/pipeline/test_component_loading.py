"""Loading and saving the component's data without keeping (or re-reading) more than needed."""

from __future__ import annotations

import shutil

import pytest
import spacy

from annotator.errors import PipelineError
from annotator.glossary.patterns import generate_patterns
from annotator.pipeline.component import DEFAULT_LABELS, read_patterns
from annotator.pipeline.matcher import GlossaryMatcher, PhraseTable


def test_component_restored_pipeline_never_reads_its_sources(tmp_path, data_dir):
    # spaCy asks for the labels (nlp.meta) before from_disk: that must not load the glossary
    # files the pipeline was built from. Here they are gone by then.
    source = tmp_path / "extra.csv"
    shutil.copy(data_dir / "extra.csv", source)
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False, "glossary_paths": [str(source)]})
    before = [(e.text, e._.term_id) for e in nlp("our CES went up").ents]
    nlp.to_disk(tmp_path / "saved")
    source.unlink()
    restored = spacy.load(tmp_path / "saved")
    assert [(e.text, e._.term_id) for e in restored("our CES went up").ents] == before != []


def test_component_labels_before_loading_do_not_load(tmp_path):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"glossary_paths": [str(tmp_path / "missing.csv")]})
    assert component.labels == DEFAULT_LABELS
    assert not component.is_loaded


def test_component_patterns_and_len_after_loading(nlp, fixture_glossary):
    component = nlp.get_pipe("helpdesk_glossary")
    generated = list(generate_patterns(fixture_glossary))
    assert component.patterns == generated
    assert len(component) == len(generated)
    assert set(component.labels) == {p["label"] for p in generated} | {"DOC_ACRONYM"}


def test_component_saved_patterns_are_the_ones_read(tmp_path, data_dir, fixture_glossary):
    # Hand-written patterns (not what the generator makes) survive a save/load round trip
    # byte for byte, non-ASCII included.
    patterns = [
        {"label": "CX_TERM", "pattern": "café queue", "id": "escalation"},
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "KB"}], "id": "knowledge-base"},
    ]
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    component.set_data(fixture_glossary, patterns)
    component.to_disk(tmp_path / "c")
    assert read_patterns(tmp_path / "c" / "patterns.jsonl") == patterns
    other = spacy.blank("en")
    other.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(tmp_path / "c")
    assert [(e.text, e._.term_id) for e in other("The Café Queue and the KB.").ents] == [
        ("Café Queue", "escalation"),
        ("KB", "knowledge-base"),
    ]
    assert other.get_pipe("helpdesk_glossary").to_bytes() == component.to_bytes()


def test_component_unknown_pattern_id_names_its_line(fixture_glossary):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    patterns = [{"label": "CX_TERM", "pattern": "help desk", "id": "help-desk"}] * 3 + [
        {"label": "CX_TERM", "pattern": "x y", "id": "nope"}
    ]
    with pytest.raises(PipelineError) as caught:
        component.set_data(fixture_glossary, patterns)
    assert caught.value.code == "E302" and "line 4" in str(caught.value)


def test_matcher_phrase_table_keeps_every_target_of_a_sequence():
    table = PhraseTable()
    table.add((1, 2), 0)
    table.add((1, 2), 1)
    table.add((1, 2), 1)  # the same pattern twice is one target
    table.add((1,), 2)
    table.add((2,), 3)
    assert sorted(table.find([1, 2, 1])) == [(0, 1, 2), (0, 2, 0), (0, 2, 1), (1, 2, 3), (2, 3, 2)]
    assert list(table.find([])) == []


def test_matcher_same_phrase_for_two_ids_matches_both():
    nlp = spacy.blank("en")
    patterns = [
        {"label": "CX_TERM", "pattern": "help desk", "id": "a"},
        {"label": "CX_TERM", "pattern": "Help Desk", "id": "b"},
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "HD"}], "id": "a"},
    ]
    matcher = GlossaryMatcher(nlp.vocab, lambda text: text.split(), patterns)
    found = sorted((m.start, m.end, m.id, m.is_token_pattern) for m in matcher.candidates(nlp("the HELP desk or HD")))
    assert found == [(1, 3, "a", False), (1, 3, "b", False), (4, 5, "a", True)]
    assert len(matcher) == 3 and matcher.n_patterns == 3
