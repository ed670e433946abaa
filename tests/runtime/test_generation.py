"""runtime.generation: patterns made in a forked child are the in-process patterns."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.glossary.compile import pattern_records, record_dict
from annotator.glossary.model import Glossary
from annotator.runtime import forked
from annotator.runtime.generation import PatternStream, as_records, generate_patterns

FIXTURE = Path(__file__).parents[1] / "pipeline" / "data" / "glossary.jsonl"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.mark.parametrize("read", ["records", "dicts"])
def test_generation_patterns_are_the_in_process_patterns(read):
    glossary = Glossary.load(FIXTURE)
    if read == "records":
        assert list(generate_patterns(glossary, parallel=True).records()) == list(
            generate_patterns(glossary, parallel=False).records()
        )
    else:
        assert list(generate_patterns(glossary, parallel=True)) == list(generate_patterns(glossary, parallel=False))


def test_generation_patterns_only_for_big_glossaries(monkeypatch, forks, reaped):
    from annotator.runtime import generation

    glossary = Glossary.load(FIXTURE)
    expected = list(generate_patterns(glossary, parallel=False).records())
    assert list(generate_patterns(glossary).records()) == expected and forks == []  # small: no fork
    monkeypatch.setattr(generation, "can_fork", lambda: True)
    assert list(generate_patterns(glossary).records()) == expected and forks == []  # still small
    monkeypatch.setattr(generation, "PARALLEL_MIN_CONCEPTS", len(glossary))
    assert list(generate_patterns(glossary).records()) == expected and reaped(forks) and len(forks) == 1


def test_generation_pattern_generator_started_early_gives_the_same_patterns(forks, monkeypatch, reaped):
    from annotator.runtime import generation

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    worker = generation.start_generator()
    glossary = Glossary.load(FIXTURE)
    expected = list(generate_patterns(glossary, parallel=False).records())
    assert list(generate_patterns(glossary, worker=worker).records()) == expected
    assert len(forks) == 1 and reaped(forks)


def test_generation_pattern_generator_only_for_big_files(tmp_path, monkeypatch, forks, reaped):
    from annotator.runtime import generation

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    small = tmp_path / "small.jsonl"
    small.write_text('{"term": "Help Desk", "definition": "d"}\n', encoding="utf-8")
    assert generation.start_generator_for([small, tmp_path / "missing.csv"]) is None and forks == []
    monkeypatch.setattr(generation, "EARLY_GENERATOR_BYTES", small.stat().st_size)
    worker = generation.start_generator_for([small])
    assert worker is not None and len(forks) == 1
    worker.close()
    assert reaped(forks)


@pytest.mark.parametrize("given", ["stream", "dicts"])
def test_generation_as_records_gives_the_compiled_records(given):
    glossary = Glossary.load(FIXTURE)
    expected = list(pattern_records(glossary))
    stream = generate_patterns(glossary, parallel=False)
    patterns = stream if given == "stream" else [record_dict(r) for r in expected]
    assert isinstance(stream, PatternStream)
    assert list(as_records(patterns)) == expected


def test_generation_pattern_generator_shares_the_word_list_and_prepares_its_tokenizer(monkeypatch):
    from annotator.glossary.tokens import english_tokenizer
    from annotator.runtime import generation
    from annotator.vocabulary import frequency

    frequency._zipf_table.cache_clear()
    started = []

    def start_worker(run, *, prepare=None, **kwargs):
        started.append((frequency._zipf_table.cache_info().currsize, prepare))
        return None

    monkeypatch.setattr(generation, "start_worker", start_worker)
    assert generation.start_generator() is None
    [(lists_loaded, prepare)] = started
    assert lists_loaded >= 1  # read before the fork: the child shares it
    assert prepare is english_tokenizer


def test_generation_stream_says_when_a_worker_makes_the_patterns(forks, monkeypatch, reaped):
    from annotator.runtime import generation

    glossary = Glossary.load(FIXTURE)
    here = generate_patterns(glossary, parallel=False)
    list(here.records())
    assert not here.elsewhere
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    stream = generate_patterns(glossary, worker=generation.start_generator())
    records = stream.records()
    assert stream.elsewhere  # the worker has its input and is making them
    assert list(records) == list(pattern_records(glossary))
    assert reaped(forks)
