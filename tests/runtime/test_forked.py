"""runtime.forked: a generator run in a forked child gives exactly the items it gives in-process."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from annotator.glossary.model import Glossary
from annotator.runtime import forked
from annotator.runtime.forked import can_fork, forked_iter
from annotator.runtime.generation import generate_patterns

FIXTURE = Path(__file__).parents[1] / "pipeline" / "data" / "glossary.jsonl"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def items(n: int = 2_500) -> list:
    # What patterns look like: tuples of strings, lists of dicts, non-ASCII text.
    return [("CX_TERM", f"caf\u00e9 term {i}", f"id-{i // 7}") if i % 3 else
            ("CX_ACRONYM", [{"ORTH": f"A{i}"}, {"ORTH": "\u2019s"}], f"acronym:A{i}") for i in range(n)]


@pytest.mark.parametrize("chunk_items", [1, 7, 10_000])
def test_forked_iter_gives_the_items_in_order(chunk_items, forks, reaped):
    assert list(forked_iter(lambda: iter(items()), chunk_items=chunk_items)) == items()
    assert list(forked_iter(lambda: iter([]))) == []
    assert len(forks) == 2 and reaped(forks)


@pytest.mark.parametrize("batched", [False, True])
def test_forked_iter_makes_the_rest_itself_when_the_child_dies(forks, batched, reaped):
    parent = os.getpid()

    def make():
        for i, item in enumerate(items()):
            if os.getpid() != parent and i == 1_000:
                os._exit(3)  # the child dies after sending some chunks
            yield [item, item] if batched else item

    expected = [x for item in items() for x in ([item, item] if batched else [item])]
    assert list(forked_iter(make, chunk_items=100, batched=batched)) == expected
    assert reaped(forks)


@pytest.mark.parametrize("chunk_items", [1, 5, 10_000])
def test_forked_iter_batched_sends_batches_whole(chunk_items):
    batches = [items(n) for n in (3, 0, 1, 7, 2)]
    expected = [item for batch in batches for item in batch]
    assert list(forked_iter(lambda: iter(batches), chunk_items=chunk_items, batched=True)) == expected


def test_forked_iter_child_error_falls_back_too(forks, reaped):
    parent = os.getpid()

    def make():
        if os.getpid() != parent:
            raise RuntimeError("boom")
        yield from items()

    assert list(forked_iter(make)) == items()
    assert reaped(forks)


def test_forked_iter_stopped_early_kills_and_reaps_the_child(forks, reaped):
    stream = forked_iter(lambda: iter(items(200_000)), chunk_items=100)
    assert next(stream) == items(1)[0]
    stream.close()
    assert reaped(forks)


def test_forked_can_fork_refuses_with_another_thread(monkeypatch):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not can_fork()  # one CPU: nothing to gain


def test_forked_iter_settles_before_the_fork_and_while_it_waits(forks):
    calls = []
    received = []

    def slow():
        for item in items(50):
            time.sleep(0.002)
            yield item

    for item in forked_iter(slow, chunk_items=10, settle=lambda: calls.append((len(forks), len(received)))):
        received.append(item)
    assert received == items(50)
    assert calls[0] == (0, 0)  # before the fork
    assert calls[1] == (1, 0)  # then waiting for the first chunk
    assert len(calls) <= 7  # at most once per chunk (and once at the end)
    glossary = Glossary.load(FIXTURE)
    n = len(calls)
    list(generate_patterns(glossary, parallel=False).records(settle=lambda: calls.append("no")))
    assert len(calls) == n  # made in this process: nothing to wait for


def test_forked_iter_child_reaped_by_someone_else(monkeypatch):
    # An application's SIGCHLD handler may reap the child first: the end mark still says the
    # items are complete.
    real_waitpid = os.waitpid

    def waitpid(pid, options):
        real_waitpid(pid, options)
        raise ChildProcessError(10, "No child processes")

    monkeypatch.setattr(forked.os, "waitpid", waitpid)
    made = []

    def make():
        made.append(os.getpid())
        yield from items()

    assert list(forked_iter(make)) == items()
    assert os.getpid() not in made  # nothing was made again here


# --- a worker forked before its input exists --------------------------------------------------


def batches_of(data: bytes) -> list[list]:
    n = int(data.decode())
    return [items(n)[i : i + 7] for i in range(0, n, 7)]


def test_forked_worker_streams_what_it_makes_of_its_input(forks, monkeypatch, reaped):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    worker = forked.start_worker(lambda data: iter(batches_of(data)), chunk_items=10)
    assert len(forks) == 1  # forked at once, before the input exists
    calls = []
    results = worker.results(b"300", lambda data: iter(batches_of(data)), settle=lambda: calls.append("settle"))
    assert calls == ["settle"]  # right after the input was sent
    assert list(results) == items(300)
    assert reaped(forks)
    with pytest.raises(RuntimeError):
        worker.results(b"1", lambda data: iter(batches_of(data)))


def test_forked_worker_unused_ends_when_closed(forks, monkeypatch, reaped):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    worker = forked.start_worker(lambda data: iter(batches_of(data)))
    worker.close()
    assert reaped(forks)
    worker.close()  # twice is fine


def _dies_in_the_child(parent: int):
    """A generation function whose forked run exits at its 21st batch; here it runs whole."""

    def run(data):
        for i, batch in enumerate(batches_of(data)):
            if os.getpid() != parent and i == 20:
                os._exit(5)
            yield batch

    return run


def test_forked_worker_that_dies_is_made_good_here(forks, monkeypatch, reaped):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    run = _dies_in_the_child(os.getpid())

    worker = forked.start_worker(run, chunk_items=10)
    assert list(worker.results(b"500", run)) == items(500)
    assert reaped(forks)


def test_forked_worker_not_started_where_forking_is_unsafe(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.start_worker(lambda data: iter([])) is None


def test_forked_worker_prepares_in_the_child_before_its_input(forks, monkeypatch, reaped, tmp_path):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    marker = tmp_path / "prepared"
    worker = forked.start_worker(lambda data: iter(batches_of(data)),
                                 prepare=lambda: marker.write_text(str(os.getpid())))
    for _ in range(200):  # the child prepares while this process makes the input
        if marker.exists() and marker.read_text():
            break
        time.sleep(0.01)
    assert int(marker.read_text()) != os.getpid()
    assert list(worker.results(b"50", lambda data: iter(batches_of(data)))) == items(50)
    assert reaped(forks)


def test_forked_worker_whose_preparation_fails_is_made_good_here(forks, monkeypatch, reaped):
    monkeypatch.setattr(forked, "can_fork", lambda: True)

    def fail():
        raise RuntimeError("no tokenizer")

    worker = forked.start_worker(lambda data: iter(batches_of(data)), prepare=fail)
    assert list(worker.results(b"100", lambda data: iter(batches_of(data)))) == items(100)
    assert reaped(forks)


def _exited(pid: int) -> bool:
    """The child ``pid`` has ended (a zombie until reaped), without reaping it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] in "ZX"
    except (OSError, IndexError):
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_forked_worker_never_waits_for_a_busy_reader(forks, monkeypatch, reaped):
    # Several times what the pipe holds: unread, the child would wait at the first megabyte.
    monkeypatch.setattr(forked, "can_fork", lambda: True)

    def run(data: bytes):
        made = items(int(data.decode()))
        return (made[i : i + 1_000] for i in range(0, len(made), 1_000))

    worker = forked.start_worker(run, chunk_items=1_000)
    results = worker.results(b"60000", run)
    for _ in range(1_000):  # this process reads nothing meanwhile
        if _exited(forks[0]):
            break
        time.sleep(0.01)
    assert _exited(forks[0])
    assert list(results) == items(60_000)
    assert reaped(forks)


def test_forked_worker_that_dies_is_made_good_by_the_fallback(forks, monkeypatch, reaped):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    run = _dies_in_the_child(os.getpid())

    made_here = []

    def fallback():
        made_here.append(True)
        return iter(items(500))

    worker = forked.start_worker(run, chunk_items=10)
    assert list(worker.results(b"500", run, fallback=fallback)) == items(500)
    assert made_here == [True] and reaped(forks)
