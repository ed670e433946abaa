"""pipeline.matcher_cache: a matcher's tables through msgpack bytes, only for its fingerprint."""

from __future__ import annotations

import gc

import pytest
import spacy

from annotator.pipeline.matcher import GlossaryMatcher
from annotator.runtime import collector
from annotator.pipeline.matcher_cache import matcher_from_cache, matcher_to_cache

PATTERNS = [
    {"label": "CX_TERM", "pattern": "help desk", "id": "a"},
    {"label": "CX_TERM", "pattern": "Help Desk", "id": "b"},
    {"label": "CX_TERM", "pattern": "caf\u00e9 queue", "id": "a"},
    {"label": "CX_TERM", "pattern": "first contact resolution rate", "id": "a"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "HD"}], "id": "a"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "HD"}, {"ORTH": "'s"}], "id": "a"},
]


@pytest.fixture()
def matcher(matcher_for):
    return matcher_for(PATTERNS, tokenize=str.split)[1]


def _found(matcher, text):
    nlp = spacy.blank("en")
    return sorted(matcher.candidates(nlp(text)))


def test_matcher_cache_round_trip_matches_the_same(matcher):
    restored = matcher_from_cache(matcher.vocab, matcher_to_cache(matcher, "fp"), "fp")
    assert restored is not None
    assert restored.lower.table == matcher.lower.table and restored.orth.table == matcher.orth.table
    assert restored.lower.longest == matcher.lower.longest
    assert (restored.targets, restored.ids, restored.n_patterns) == (matcher.targets, matcher.ids, matcher.n_patterns)
    assert restored.lower.prefixes() == matcher.lower.prefixes()  # made from the restored keys
    text = "the HELP desk, HD's caf\u00e9 queue and its first contact resolution rate"
    assert _found(restored, text) == _found(matcher, text) != []


@pytest.mark.parametrize("data,fingerprint", [(None, "other"), (b"", "fp"), (b"\x00garbage", "fp")])
def test_matcher_cache_for_another_fingerprint_or_unreadable_is_none(matcher, data, fingerprint):
    data = matcher_to_cache(matcher, "fp") if data is None else data
    assert matcher_from_cache(matcher.vocab, data, fingerprint) is None
    assert gc.isenabled()  # however the msgpack reader left it


def test_matcher_cache_reading_keeps_a_paused_collector_paused(matcher):
    data = matcher_to_cache(matcher, "fp")
    with collector.paused():
        assert matcher_from_cache(matcher.vocab, data, "fp") is not None
        assert not gc.isenabled()
    assert gc.isenabled()


def test_matcher_cache_restored_targets_share_their_strings(matcher):
    restored = matcher_from_cache(matcher.vocab, matcher_to_cache(matcher, "fp"), "fp")
    strings = {id(s) for target in restored.targets for s in (target[0], target[1], target[3])}
    assert len(strings) == len({s for target in restored.targets for s in (target[0], target[1], target[3])})
    by_value = {pid: pid for pid in restored.ids}
    assert all(by_value[target[1]] is target[1] for target in restored.targets)


def test_matcher_cache_of_no_patterns_round_trips():
    empty = GlossaryMatcher(spacy.blank("en").vocab, str.split, [])
    restored = matcher_from_cache(empty.vocab, matcher_to_cache(empty, "fp"), "fp")
    assert restored is not None and (restored.targets, restored.ids) == ([], set())


def test_matcher_cache_of_an_older_layout_is_ignored(matcher):
    import srsly

    state = srsly.msgpack_loads(matcher_to_cache(matcher, "fp"))
    state["version"] -= 1
    assert matcher_from_cache(matcher.vocab, srsly.msgpack_dumps(state), "fp") is None
