"""Loading and saving the component's data without keeping (or re-reading) more than needed."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy

from annotator.errors import PipelineError
from annotator.runtime.generation import generate_patterns
from annotator.glossary.compile import records_from_dicts
from annotator.pipeline.component import DEFAULT_LABELS, MATCHER_CACHE_FILE
from annotator.pipeline.loading import prewarm_texts
from annotator.pipeline.serialize import read_patterns
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
    matcher = GlossaryMatcher(nlp.vocab, lambda text: text.split(), records_from_dicts(patterns))
    found = sorted((m.start, m.end, m.id, m.is_token_pattern) for m in matcher.candidates(nlp("the HELP desk or HD")))
    assert found == [(1, 3, "a", False), (1, 3, "b", False), (4, 5, "a", True)]
    assert len(matcher) == 3 and matcher.n_patterns == 3


# --- the pre-tokenised matcher cache ------------------------------------------------------------


def _matcher_state(matcher: GlossaryMatcher) -> tuple:
    return (
        matcher.targets, matcher.labels, matcher.max_length, matcher.n_patterns, matcher.token_words,
        matcher.join_left, matcher.join_right, matcher.ids,
        matcher.lower.table, matcher.lower.longest, matcher.orth.table, matcher.orth.longest,
    )  # fmt: skip


def _restore(path) -> object:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    component.from_disk(path)
    return component


@pytest.fixture
def saved_with_shared_phrase(tmp_path, fixture_glossary):
    # A phrase two ids share (a tuple target in the table) and a non-ASCII one beside the
    # generated patterns.
    patterns = list(generate_patterns(fixture_glossary)) + [
        {"label": "CX_TERM", "pattern": "café queue", "id": "escalation"},
        {"label": "CX_TERM", "pattern": "Café Queue", "id": "knowledge-base"},
    ]
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    component.set_data(fixture_glossary, patterns)
    component.to_disk(tmp_path / "c")
    return tmp_path / "c", component


def test_component_cache_gives_the_matcher_built_from_patterns(saved_with_shared_phrase):
    path, original = saved_with_shared_phrase
    assert (path / MATCHER_CACHE_FILE).exists()
    restored = _restore(path)
    assert _matcher_state(restored.matcher) == _matcher_state(original.matcher)
    text = "The café queue and the KB after an escalation."
    restored_ents = [(e.text, e._.term_id) for e in restored(restored.nlp.make_doc(text)).ents]
    assert restored_ents == [(e.text, e._.term_id) for e in original(original.nlp.make_doc(text)).ents] != []


def test_component_cache_shares_one_int_per_word(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    table = _restore(path).matcher.lower.table
    by_value: dict[int, set[int]] = {}
    for key in table:
        for h in key:
            by_value.setdefault(h, set()).add(id(h))
    assert by_value and all(len(ids) == 1 for ids in by_value.values())


def test_component_cache_is_ignored_when_the_patterns_changed(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    patterns_file = path / "patterns.jsonl"
    lines = patterns_file.read_text(encoding="utf-8").splitlines(keepends=True)
    patterns_file.write_text("".join(line for line in lines if "café" not in line.lower()), encoding="utf-8")
    restored = _restore(path)
    assert restored.matcher.n_patterns == len(lines) - 2
    assert [e.text for e in restored(restored.nlp.make_doc("the café queue")).ents] == []


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\x81\xa7version\x01"])
def test_component_unreadable_cache_falls_back_to_the_patterns(saved_with_shared_phrase, content):
    path, original = saved_with_shared_phrase
    (path / MATCHER_CACHE_FILE).write_bytes(content)
    assert _matcher_state(_restore(path).matcher) == _matcher_state(original.matcher)


def test_component_cache_for_another_tokenizer_is_ignored(saved_with_shared_phrase):
    path, original = saved_with_shared_phrase
    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("café", [{"ORTH": "caf"}, {"ORTH": "é"}])
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    component.from_disk(path)
    assert _matcher_state(component.matcher) != _matcher_state(original.matcher)
    assert [e.text for e in nlp("the café queue").ents] == ["café queue"]


def test_component_cache_with_a_glossary_missing_an_id_names_its_line(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    glossary_file = path / "glossary.jsonl"
    glossary_file.write_text(
        "".join(l for l in glossary_file.read_text(encoding="utf-8").splitlines(keepends=True) if '"escalation"' not in l),
        encoding="utf-8",
    )
    with pytest.raises(PipelineError) as caught:
        _restore(path)
    assert caught.value.code == "E302" and "line " in str(caught.value) and "line 0" not in str(caught.value)


def test_component_saved_patterns_still_load_into_a_stock_entity_ruler(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(read_patterns(path / "patterns.jsonl"))
    assert ("café queue", "escalation") in [(e.text, e.ent_id_) for e in nlp("a café queue").ents]


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


@pytest.mark.parametrize("chunk_lines", [1, 7, 4096])
def test_component_to_disk_streams_generated_patterns_byte_for_byte(tmp_path, fixture_glossary, monkeypatch, chunk_lines):
    """Generated patterns are written a chunk at a time; the file and the cache's fingerprint
    are what writing them in one piece gave, so the cache is used on loading."""
    from annotator.pipeline import serialize

    monkeypatch.setattr(serialize, "SAVE_CHUNK_LINES", chunk_lines)
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    component.set_data(fixture_glossary, generate_patterns(fixture_glossary), saved_as=None)
    component.to_disk(tmp_path / "c")
    expected = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in generate_patterns(fixture_glossary))
    expected = expected.encode("utf-8")
    assert (tmp_path / "c" / "patterns.jsonl").read_bytes() == expected
    used = []
    real = serialize.matcher_from_cache
    monkeypatch.setattr(serialize, "matcher_from_cache",
                        lambda *args: used.append(real(*args)) or used[-1])
    restored = _restore(tmp_path / "c")
    assert used and used[0] is not None  # the fingerprint matched: the cache was taken
    assert _matcher_state(restored.matcher) == _matcher_state(component.matcher)
