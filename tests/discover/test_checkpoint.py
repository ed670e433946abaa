from __future__ import annotations

import json

import pytest

from annotator.batch.readers import Position
from annotator.discover.aggregate import Discovery
from annotator.discover.checkpoint import State, discovery_from_json, discovery_to_json, load, save
from annotator.errors import DiscoverError


def _discovery(miner):
    discovery = Discovery(capacity=50)
    for i, text in enumerate(["Our Very Breached Ticket (VBT) and the ring strategy.",
                              "The ring strategy; VBTs; escalaton managment; review the VBT.",
                              "The escalation board met."]):
        discovery.add(miner.mine(f"t{i}", text))
    return discovery


def test_checkpoint_discovery_round_trip(miner):
    discovery = _discovery(miner)
    again = discovery_from_json(json.loads(json.dumps(discovery_to_json(discovery))))
    assert again.candidates() == discovery.candidates()
    assert again.terms.capacity == 50 and again.documents == 3
    # Glossary words of a term key are part of the state ("escalation" is a glossary word).
    assert again.terms.get("escalation board").domain == 1
    assert again.verbs.entries.keys() == discovery.verbs.entries.keys()
    # so are the context words and each term's context weights
    assert again.seed_words.entries.keys() == discovery.seed_words.entries.keys()
    assert again.context_words.entries.keys() == discovery.context_words.entries.keys()
    assert [(e.context, e.context_uses) for e in again.terms.entries.values()] == \
        [(e.context, e.context_uses) for e in discovery.terms.entries.values()]


def test_checkpoint_save_and_load(miner, tmp_path):
    path = tmp_path / "state.json"
    state = State("opts", 1, Position(10, 3, 3), 2, 1, 3, 99, _discovery(miner))
    save(path, state)
    loaded = load(path, "opts")
    assert (loaded.input_index, loaded.position, loaded.rejects_bytes) == (1, Position(10, 3, 3), 99)
    assert loaded.discovery.candidates() == state.discovery.candidates()
    assert not (tmp_path / "state.json.tmp").exists()


@pytest.mark.parametrize("content", ["{", '{"version": 9}', '{"version": 1, "options": "x"}'])
def test_checkpoint_refused(tmp_path, content):
    path = tmp_path / "state.json"
    path.write_text(content)
    with pytest.raises(DiscoverError) as info:
        load(path, "opts")
    assert info.value.code == "E706"
