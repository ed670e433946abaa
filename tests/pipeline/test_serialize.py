"""pipeline.serialize: to_disk/from_disk with the pre-tokenised matcher cache, byte for byte."""

from __future__ import annotations

import json

import pytest
import spacy

from annotator.errors import PipelineError
from annotator.pipeline.component import MATCHER_CACHE_FILE
from annotator.pipeline.matcher import GlossaryMatcher
from annotator.pipeline.serialize import read_patterns
from annotator.runtime.generation import generate_patterns


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


def test_serialize_cache_gives_the_matcher_built_from_patterns(saved_with_shared_phrase):
    path, original = saved_with_shared_phrase
    assert (path / MATCHER_CACHE_FILE).exists()
    restored = _restore(path)
    assert _matcher_state(restored.matcher) == _matcher_state(original.matcher)
    text = "The café queue and the KB after an escalation."
    restored_ents = [(e.text, e._.term_id) for e in restored(restored.nlp.make_doc(text)).ents]
    assert restored_ents == [(e.text, e._.term_id) for e in original(original.nlp.make_doc(text)).ents] != []


def test_serialize_cache_shares_one_int_per_word(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    table = _restore(path).matcher.lower.table
    by_value: dict[int, set[int]] = {}
    for key in table:
        for h in key:
            by_value.setdefault(h, set()).add(id(h))
    assert by_value and all(len(ids) == 1 for ids in by_value.values())


def test_serialize_cache_is_ignored_when_the_patterns_changed(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    patterns_file = path / "patterns.jsonl"
    lines = patterns_file.read_text(encoding="utf-8").splitlines(keepends=True)
    patterns_file.write_text("".join(line for line in lines if "café" not in line.lower()), encoding="utf-8")
    restored = _restore(path)
    assert restored.matcher.n_patterns == len(lines) - 2
    assert [e.text for e in restored(restored.nlp.make_doc("the café queue")).ents] == []


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\x81\xa7version\x01"])
def test_serialize_unreadable_cache_falls_back_to_the_patterns(saved_with_shared_phrase, content):
    path, original = saved_with_shared_phrase
    (path / MATCHER_CACHE_FILE).write_bytes(content)
    assert _matcher_state(_restore(path).matcher) == _matcher_state(original.matcher)


def test_serialize_cache_for_another_tokenizer_is_ignored(saved_with_shared_phrase):
    path, original = saved_with_shared_phrase
    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("café", [{"ORTH": "caf"}, {"ORTH": "é"}])
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    component.from_disk(path)
    assert _matcher_state(component.matcher) != _matcher_state(original.matcher)
    assert [e.text for e in nlp("the café queue").ents] == ["café queue"]


def test_serialize_cache_with_a_glossary_missing_an_id_names_its_line(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    glossary_file = path / "glossary.jsonl"
    glossary_file.write_text(
        "".join(l for l in glossary_file.read_text(encoding="utf-8").splitlines(keepends=True) if '"escalation"' not in l),
        encoding="utf-8",
    )
    with pytest.raises(PipelineError) as caught:
        _restore(path)
    assert caught.value.code == "E302" and "line " in str(caught.value) and "line 0" not in str(caught.value)


def test_serialize_saved_patterns_still_load_into_a_stock_entity_ruler(saved_with_shared_phrase):
    path, _ = saved_with_shared_phrase
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(read_patterns(path / "patterns.jsonl"))
    assert ("café queue", "escalation") in [(e.text, e.ent_id_) for e in nlp("a café queue").ents]



@pytest.mark.parametrize("chunk_lines", [1, 7, 4096])
def test_serialize_to_disk_streams_generated_patterns_byte_for_byte(tmp_path, fixture_glossary, monkeypatch, chunk_lines):
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
