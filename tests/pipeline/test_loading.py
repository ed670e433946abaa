"""pipeline.loading: the component's data loaded without keeping (or re-reading) more than needed."""

from __future__ import annotations

import shutil

import pytest
import spacy

from annotator.errors import PipelineError
from annotator.pipeline.component import DEFAULT_LABELS
from annotator.pipeline.loading import prewarm_texts
from annotator.pipeline.serialize import read_patterns
from annotator.runtime.generation import generate_patterns


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


# --- lexemes created at load ----------------------------------------------------------------------


def test_component_prewarm_texts_are_bounded(fixture_glossary):
    stop_words_only = list(prewarm_texts(fixture_glossary, 0))
    assert len(stop_words_only) == 3 and "the" in stop_words_only[0].split()
    texts = list(prewarm_texts(fixture_glossary, 500))
    assert sum(len(t) for t in texts[3:]) == 500
    assert texts[3] == next(iter(fixture_glossary)).term


def test_component_glossary_words_outlive_memory_zones(data_dir):
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(data_dir)
    assert "escalation" in nlp.vocab.strings and "The" in nlp.vocab.strings
    with nlp.memory_zone():
        nlp("A brand-new zqxword next to an Escalation.")
    assert "Escalation" in nlp.vocab.strings and "zqxword" not in nlp.vocab.strings
    assert nlp.vocab["Escalation"].lower_ == "escalation"


def test_component_loading_inside_a_memory_zone_still_works_after_it(data_dir):
    # The pre-warm is skipped there (its lexemes would be freed with the zone).
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False, "glossary_paths": [str(data_dir / "extra.csv")]})
    with nlp.memory_zone():
        first = [(e.text, e._.term_id) for e in nlp("our CES went up").ents]
    assert [(e.text, e._.term_id) for e in nlp("our CES went up").ents] == first != []
