"""Files that cannot hurt: bounded reads of regular files, and atomic rewrites.

Every reader of a user-named file (glossaries, lint articles and configuration, batch inputs)
goes through :func:`read_regular`, and every in-place rewrite (``lint --fix``) through
:func:`replace_atomically`:

* Only regular files are read. The check is made on the *opened* descriptor (``fstat``), so a
  path swapped between a check and the read cannot slip through, and the open itself is
  non-blocking, so a FIFO never hangs the caller. ``/dev/zero`` behind a symlink, a FIFO named
  ``x.md`` or a directory are refused with a reason.
* Reads are bounded: at most ``limit`` bytes are read, whatever the file claims its size is
  (``/proc`` files report 0; a file may grow while it is read).
* A rewrite goes to a temporary file in the same directory, is flushed to disk and renamed over
  the original, keeping its mode: a kill or a full disk leaves the old file whole, never a
  truncated one. A symlink is followed only while its target stays under ``root``.

Failures are raised as :class:`OSError` subclasses carrying a readable ``strerror``, because
each caller already turns ``OSError`` into its own coded error (E1xx glossary, E4xx lint, E5xx
batch) with ``exc.strerror`` as the detail.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path names something other than a regular file (after following symlinks)."""

    def __init__(self, path: str | Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", str(path))


class FileTooLarge(OSError):
    """The file holds more than the caller's limit."""

    def __init__(self, path: str | Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file is larger than the limit of {limit} bytes", str(path))
        self.limit = limit


class OutsideTree(OSError):
    """A symlink would make a write land outside the tree it was asked to stay in."""

    def __init__(self, path: str | Path, target: Path) -> None:
        super().__init__(errno.EPERM, f"symlink points outside the tree (to {target}); not written", str(path))


def describe_mode(mode: int) -> str | None:
    """What kind of non-regular file ``mode`` describes, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _open_regular_fd(path: str | Path) -> int:
    """A descriptor of ``path`` opened for reading, if it is a regular file.

    The open is non-blocking, so a FIFO named like an input does not hang, and the check is
    made on the opened descriptor (``fstat``), so the file cannot be swapped between a check
    and the read. Raises :class:`NotRegularFile` (closing the descriptor) or the open's
    ``OSError``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        kind = describe_mode(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(path, kind)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular(path: str | Path):
    """``path`` opened for binary reading (blocking again once it is known to be a regular
    file), refusing anything but a regular file with :class:`NotRegularFile`."""
    fd = _open_regular_fd(path)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | Path, *, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing more than ``limit`` bytes.

    Raises :class:`NotRegularFile`, :class:`FileTooLarge` or the ``OSError`` of the open/read.
    """
    fd = _open_regular_fd(path)
    try:
        if os.fstat(fd).st_size > limit:
            raise FileTooLarge(path, limit)
        chunks = []
        remaining = limit + 1  # one byte more than allowed tells "exactly at" from "over"
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:
            raise FileTooLarge(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: str | Path) -> str | None:
    """None when ``path`` (symlinks followed) is a regular file, else what it is instead.

    For directory walks that must report, not skip, what they will not read. A dangling
    symlink is reported as such.
    """
    try:
        return describe_mode(os.stat(path).st_mode)
    except FileNotFoundError:
        return "a dangling symlink" if os.path.islink(path) else "missing"


def write_target(path: str | Path, root: str | Path | None = None) -> Path:
    """The real file a write to ``path`` lands on, refusing a symlink that leaves ``root``."""
    path = Path(path)
    target = path.resolve()
    if root is not None and path.is_symlink():
        base = Path(root).resolve()
        if target != base and base not in target.parents:
            raise OutsideTree(path, target)
    return target


def replace_atomically(path: str | Path, data: bytes, *, root: str | Path | None = None) -> None:
    """Replace the content of ``path`` with ``data`` so that a crash leaves old or new, whole.

    The temporary file lives beside the real target (so the rename stays on one file system),
    gets the original's permission bits, is fsynced before the rename, and the directory after
    it. A symlink is kept as a symlink: its target is replaced, and only when it lies under
    ``root`` (when given).
    """
    target = write_target(path, root)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_directory(target.parent)


def fsync_directory(directory: str | Path) -> None:
    """Make a rename or file creation in ``directory`` durable (a no-op where unsupported)."""
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:  # some file systems do not open directories; the rename still happened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
