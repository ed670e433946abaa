"""A generator run in a forked child process, its items streamed back as they are made.

For the one job where it pays: a big glossary's patterns (~740,000 at 100,000 concepts, ~2 s
of pure Python) are generated on the machine's other core while this process builds the
matcher's tables from the ones already received. Items cross a pipe in ``marshal`` chunks
(plain tuples, strings, lists and dicts only), so the transfer costs a fraction of making them.

Only where forking is safe and useful: Linux, more than one CPU, and no other Python thread (a
thread holding a lock at the fork would leave it held in the child). The items must be
deterministic: if the child fails (no end mark after its last chunk), the parent makes them
itself, skipping the ones it already received, so the consumer sees the same sequence either way.
"""

from __future__ import annotations

import itertools
import marshal
import mmap
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

T = TypeVar("T")

#: Items per chunk: small enough that the consumer starts early, big enough that the
#: per-chunk costs (a pipe write, a marshal header) vanish.
CHUNK_ITEMS = 10_000
_HEADER = 8
#: The pipe's buffer: ~3 chunks of patterns (the most an unprivileged process may ask for on
#: a default Linux is 1 MB, /proc/sys/fs/pipe-max-size).
PIPE_BYTES = 1 << 20


def can_fork() -> bool:
    """Is forking a worker here both possible and safe (see the module docstring)?

    Linux only: macOS has ``fork`` but system libraries that break in a forked child
    (Python itself defaults to "spawn" there)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    return len(os.sched_getaffinity(0)) > 1


def forked_iter(
    make: Callable[[], Iterator[T]],
    *,
    chunk_items: int = CHUNK_ITEMS,
    batched: bool = False,
    settle: Callable[[], None] | None = None,
) -> Iterator[T]:
    """The items of ``make()``, made in a forked child (see the module docstring).

    ``make`` must give the same items each time it is called; with ``batched``, it gives them
    in lists (of any length), which are then sent without being taken apart. Falls back to
    ``make()`` in this process when the fork fails, and to the rest of ``make()`` when the
    child dies.

    ``settle``, when given, is housekeeping this process has to do on its own memory anyway
    (a garbage collection): called once just before the fork, and then whenever the next chunk
    is not there yet. Not while the child runs and shares this process's pages: every page
    either process then writes to is copied (at 100,000 concepts a full collection here while
    the child runs copied ~130 MB), while whatever is made after the fork is this process's own.
    """
    if batched:
        flat = lambda: itertools.chain.from_iterable(make())  # noqa: E731
    else:
        flat = make
    if settle is not None:
        settle()
    read_fd, write_fd = os.pipe()
    _widen(write_fd)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        yield from flat()
        return
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(lambda: make() if batched else _batches(make(), chunk_items), write_fd, chunk_items)
    os.close(write_fd)
    yield from _stream(pid, _Drain(read_fd), settle, flat)


class Worker:
    """A forked child started before its input exists: it waits for one ``bytes`` input, then
    streams back the batches ``run(input)`` makes (see :func:`start_worker`)."""

    def __init__(self, pid: int, to_child: int, from_child: int) -> None:
        self._pid, self._to_child, self._from_child = pid, to_child, from_child
        self._used = False

    def results(
        self,
        data: bytes,
        run: Callable[[bytes], Iterator[list[T]]],
        *,
        settle: Callable[[], None] | None = None,
        fallback: Callable[[], Iterator[T]] | None = None,
    ) -> Iterator[T]:
        """The items of ``run(data)`` (the child's ``run``; this one makes them here if the
        child dies: with ``run(data)``, which keeps ``data`` until the stream ends, or with
        ``fallback()``, the same items made otherwise). ``settle`` as for :func:`forked_iter`,
        but first called just after the input is sent: what this process built after the fork
        shares no page with the child.

        The child starts on ``data`` now, and what it sends is read off the pipe as it comes
        (:class:`_Drain`): this process may do other work before it reads the first item."""
        if self._used:
            raise RuntimeError("a worker runs once")
        self._used = True
        try:
            with open(self._to_child, "wb") as pipe:
                pipe.write(len(data).to_bytes(_HEADER, "little"))
                pipe.write(data)
        except OSError:  # the child is gone: its stream ends at once, and the items are made here
            pass
        drain = _Drain(self._from_child)
        if settle is not None:
            settle()
        if fallback is None:
            fallback = lambda: itertools.chain.from_iterable(run(data))  # noqa: E731
        return _stream(self._pid, drain, settle, fallback)

    def close(self) -> None:
        """End an unused worker (its input never came)."""
        if not self._used:
            self._used = True
            os.close(self._to_child)  # the child sees the end of its input and exits
            os.close(self._from_child)
            _reap(self._pid)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - at interpreter exit, os may be half torn down
            pass


def start_worker(
    run: Callable[[bytes], Iterator[list[T]]],
    *,
    chunk_items: int = CHUNK_ITEMS,
    prepare: Callable[[], object] | None = None,
) -> Worker | None:
    """Fork a :class:`Worker` now, while this process's memory is small, or None when forking
    is not safe here (:func:`can_fork`).

    What this process builds afterwards (a big glossary) is on pages the child does not share,
    so this process may then walk it with the garbage collector while the child works without
    either copying a page; and the child's own input comes as bytes it decodes itself.

    ``prepare``, when given, is called in the child as soon as it starts: what ``run`` needs
    whatever its input (a tokenizer), made while this process is still making the input rather
    than after. If it fails, so does the child, and the items are made here.
    """
    if not can_fork():
        return None
    in_read, in_write = os.pipe()
    out_read, out_write = os.pipe()
    _widen(out_write)
    try:
        pid = os.fork()
    except OSError:
        for fd in (in_read, in_write, out_read, out_write):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns
        os.close(in_write)
        os.close(out_read)
        _child(lambda: _run_on_input(run, in_read, prepare), out_write, chunk_items)
    os.close(in_read)
    os.close(out_write)
    return Worker(pid, in_write, out_read)


def _run_on_input(
    run: Callable[[bytes], Iterator[list[T]]], fd: int, prepare: Callable[[], object] | None = None
) -> Iterator[list[T]]:
    if prepare is not None:
        prepare()
    header = _read(fd, _HEADER)
    if header is None:  # never given an input: nothing to do
        os._exit(0)
    data = _read(fd, int.from_bytes(header, "little"))
    os.close(fd)
    if data is None:
        os._exit(1)
    return run(data)


def _stream(
    pid: int, drain: _Drain, settle: Callable[[], None] | None, flat: Callable[[], Iterator[T]]
) -> Iterator[T]:
    """The items of the child ``pid`` from its ``drain``; the rest from ``flat()`` if it dies."""
    received = 0
    complete = False
    try:
        for chunk in _chunks(drain, settle):
            if chunk is None:  # the child's end mark: everything was sent
                complete = True
                break
            received += len(chunk)
            yield from chunk
    finally:
        if not complete:  # the consumer stopped early (or failed), or the child died
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        drain.close()
        _reap(pid)
    if not complete:
        # The child died: make the rest here (every item it sent was whole and is kept).
        yield from itertools.islice(flat(), received, None)


class _Drain:
    """What a child sends, read off its pipe by a thread of this process as soon as it is
    written, and kept here (as the bytes of each chunk) until it is asked for.

    The pipe holds a few chunks; a child whose reader is busy elsewhere would wait once it is
    full. Drained, it never waits: this process may build what it needs besides the child's
    items while the child makes them, and read them afterwards. The thread owns the pipe's end
    and closes it when the child's stream ends (or the child dies, or is killed).
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._frames: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="forked-drain", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (header := _read(self._fd, _HEADER)) is not None:
                size = int.from_bytes(header, "little")
                if size == 0:  # the end mark (chunks are never empty)
                    self._frames.put(None)
                    break
                data = _read_mapped(self._fd, size)
                if data is None:  # a truncated chunk: dropped
                    break
                self._frames.put(data)
        except OSError:
            pass
        finally:
            os.close(self._fd)
            self._frames.put(_CLOSED)

    def empty(self) -> bool:
        """Nothing has come that was not asked for yet."""
        return self._frames.empty()

    def get(self) -> bytes | None | object:
        """The next chunk's bytes (mapped), None for the end mark, :data:`_CLOSED` when the
        pipe ended."""
        return self._frames.get()

    def close(self) -> None:
        """Wait for the thread, which ends with the child's stream (kill the child first to
        stop a stream early)."""
        self._thread.join()


#: What a :class:`_Drain` gives after the last thing the child sent.
_CLOSED = object()


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # reaped already (a SIGCHLD handler of the application's)
        pass


def _widen(fd: int) -> None:
    """A pipe buffer of a few chunks (Linux; 64 KB by default, less than one chunk): the child
    goes on making chunks while this process is busy with earlier ones, rather than waiting
    for each one to be read."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower system limit
        pass


def _chunks(drain: _Drain, settle: Callable[[], None] | None) -> Iterator[list | None]:
    """The chunks the child sent, then None for its end mark; a pipe that closes before the
    mark (the child died) just ends, a truncated chunk dropped."""
    while True:
        if settle is not None and drain.empty():
            settle()
        frame = drain.get()
        if frame is _CLOSED:
            return
        if frame is None:
            yield None
            return
        yield marshal.loads(frame)


def _read(fd: int, size: int) -> bytes | None:
    """Exactly ``size`` bytes from ``fd`` (a pipe may give fewer per read), or None at its end."""
    parts = []
    while size:
        part = os.read(fd, size)
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _read_mapped(fd: int, size: int) -> mmap.mmap | None:
    """Exactly ``size`` bytes from ``fd`` into a memory map of their own, or None at its end.

    Chunks wait in a :class:`_Drain` while this process is busy; as ``bytes`` (malloc's heap,
    once a freed chunk has raised its mapping threshold) their memory stayed with the process
    after they were read, behind what it allocated meanwhile. A map goes back to the system
    as soon as its chunk has been read."""
    buffer = mmap.mmap(-1, size)
    with memoryview(buffer) as view:
        got = 0
        while got < size:
            n = os.readv(fd, [view[got:]])
            if not n:
                return None
            got += n
    return buffer


def _batches(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _child(make: Callable[[], Iterator[list[T]]], write_fd: int, chunk_items: int) -> None:
    # os._exit, never a return or an exception: the child must not run the parent's cleanup
    # (atexit handlers, buffered output, the caller's finally blocks).
    status = 1
    try:
        with open(write_fd, "wb") as pipe:
            chunk: list[T] = []
            for batch in make():
                chunk += batch
                if len(chunk) >= chunk_items:
                    _send(pipe, chunk)
                    chunk = []
            if chunk:
                _send(pipe, chunk)
            pipe.write(bytes(_HEADER))  # the end mark: a chunk of no bytes
        status = 0
    except BaseException:  # noqa: BLE001 - the parent sees no end mark and makes the rest
        pass
    finally:
        os._exit(status)


def _send(pipe: BinaryIO, chunk: list) -> None:
    data = marshal.dumps(chunk)
    pipe.write(len(data).to_bytes(_HEADER, "little"))
    pipe.write(data)
