"""runtime.collector: the cyclic collector paused around hot paths and loading, then restored."""

from __future__ import annotations

import gc

import pytest

from annotator.runtime import collector


@pytest.fixture(autouse=True)
def restore_gc():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_collector_paused_restores_the_previous_state():
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: the inner block must not switch it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_collector_loading_collects_before_switching_back_on():
    gc.enable()
    with collector.loading():
        assert not gc.isenabled()
        junk = [[i] for i in range(50_000)]  # young objects that would trigger a collection
    assert gc.isenabled()
    # The full collection ran while it was still off: nothing young is left to walk.
    assert gc.get_count()[0] < 100
    del junk


def test_collector_loading_inside_a_paused_block_leaves_it_off():
    gc.enable()
    with collector.paused(), collector.loading():
        pass
    assert gc.isenabled()
    gc.disable()
    with collector.loading():
        pass
    assert not gc.isenabled()


def test_collector_loading_restores_on_error():
    gc.enable()
    with pytest.raises(ValueError), collector.loading():
        raise ValueError("broken glossary")
    assert gc.isenabled()


@pytest.fixture
def collections(monkeypatch):
    """The generation of every gc.collect() the collector module calls (still run)."""
    seen: list[int] = []
    real = gc.collect

    def collect(generation=2):
        seen.append(generation)
        return real(generation)

    monkeypatch.setattr(collector.gc, "collect", collect)
    return seen


def test_collector_settle_inside_loading_moves_the_full_collection(collections):
    gc.enable()
    with collector.loading():
        old = [[i] for i in range(1000)]
        collector.settle()
        assert collections == [2]  # the full collection, now
        young = [[i] for i in range(1000)]
        collector.settle()  # then what was made since
        assert collections == [2, 0]
    # At the end only the young generations: everything older was settled already.
    assert collections == [2, 0, 1]
    assert gc.isenabled() and gc.get_count()[0] < 100
    assert all(gc.is_tracked(x) for x in (old[0], young[0]))
    del old, young


def test_collector_settle_elsewhere_does_nothing(collections):
    gc.enable()
    collector.settle()  # collector on: not ours to run
    with collector.paused():
        collector.settle()  # a hot path, not loading
    gc.disable()
    with collector.loading():
        collector.settle()  # the collector was off before: the block collects nothing
    assert collections == []


def test_collector_loading_without_settle_collects_everything(collections):
    gc.enable()
    with collector.loading():
        pass
    assert collections == [2]


@pytest.mark.parametrize("start_enabled", [True, False])
def test_collector_preserved_restores_what_the_block_switched(start_enabled):
    (gc.enable if start_enabled else gc.disable)()
    with pytest.raises(ValueError):
        with collector.preserved():
            gc.disable() if start_enabled else gc.enable()
            raise ValueError
    assert gc.isenabled() is start_enabled


@pytest.fixture
def unfreeze():
    yield
    gc.unfreeze()


@pytest.mark.parametrize("start_enabled", [True, False])
def test_collector_kept_for_life_freezes_instead_of_collecting(collections, unfreeze, start_enabled):
    (gc.enable if start_enabled else gc.disable)()
    with collector.kept_for_life():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
        with collector.loading():  # a pipeline loading inside: off already, so no collection
            pass
    assert collections == []
    assert gc.isenabled() is start_enabled
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_count()[0] < 100  # nothing young left for the next collection to walk


def test_collector_kept_for_life_restores_on_error(unfreeze):
    gc.enable()
    with pytest.raises(ValueError), collector.kept_for_life():
        raise ValueError("broken glossary")
    assert gc.isenabled()
