"""A generator run in a forked child process, its items streamed back as they are made.

For the one job where it pays: a big glossary's patterns (~740,000 at 100,000 concepts, ~2 s
of pure Python) are generated on the machine's other core while this process builds the
matcher's tables from the ones already received. Items cross a pipe in ``marshal`` chunks
(plain tuples, strings, lists and dicts only), so the transfer costs a fraction of making them.

Only where forking is safe and useful: a platform with ``fork``, more than one CPU, and no
other Python thread (a thread holding a lock at the fork would leave it held in the child). The
items must be deterministic: if the child fails, the parent makes them itself, skipping the ones
it already received, so the consumer sees the same sequence either way.
"""

from __future__ import annotations

import itertools
import marshal
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

T = TypeVar("T")

#: Items per chunk: small enough that the consumer starts early, big enough that the
#: per-chunk costs (a pipe write, a marshal header) vanish.
CHUNK_ITEMS = 10_000
_HEADER = 8


def can_fork() -> bool:
    """Is forking a worker here both possible and safe (see the module docstring)?"""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus > 1


def forked_iter(
    make: Callable[[], Iterator[T]],
    *,
    chunk_items: int = CHUNK_ITEMS,
    idle: Callable[[], None] | None = None,
) -> Iterator[T]:
    """The items of ``make()``, made in a forked child (see the module docstring).

    ``make`` must give the same items each time it is called. Falls back to ``make()`` in this
    process when the fork fails, and to the rest of ``make()`` when the child dies. ``idle``,
    when given, is called once in this process while the child starts on the first chunk: a
    moment this process would otherwise spend waiting.
    """
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        yield from make()
        return
    if pid == 0:  # the child: never returns
        _child(make, read_fd, write_fd, chunk_items)
    os.close(write_fd)
    received = 0
    reaped = False
    try:
        if idle is not None:
            idle()
        with open(read_fd, "rb") as pipe:
            for chunk in _chunks(pipe):
                received += len(chunk)
                yield from chunk
        _, status = os.waitpid(pid, 0)
        reaped = True
        if status == 0:
            return
    finally:
        if not reaped:  # the consumer stopped early (or failed): the child's work is moot
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
    # The child died: make the rest here (every item it sent was whole and is kept).
    yield from itertools.islice(make(), received, None)


def _chunks(pipe: BinaryIO) -> Iterator[list]:
    """The chunks the child sent, until the pipe closes (a truncated chunk is dropped)."""
    while True:
        header = pipe.read(_HEADER)
        if len(header) < _HEADER:
            return
        size = int.from_bytes(header, "little")
        data = pipe.read(size)
        if len(data) < size:
            return
        yield marshal.loads(data)


def _child(make: Callable[[], Iterator[T]], read_fd: int, write_fd: int, chunk_items: int) -> None:
    # os._exit, never a return or an exception: the child must not run the parent's cleanup
    # (atexit handlers, buffered output, the caller's finally blocks).
    status = 1
    try:
        os.close(read_fd)
        with open(write_fd, "wb") as pipe:
            items = make()
            while chunk := list(itertools.islice(items, chunk_items)):
                data = marshal.dumps(chunk)
                pipe.write(len(data).to_bytes(_HEADER, "little"))
                pipe.write(data)
        status = 0
    except BaseException:  # noqa: BLE001 - the parent sees the exit status and makes the rest
        pass
    finally:
        os._exit(status)
