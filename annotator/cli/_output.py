"""Output files named on the command line: checked before any work, written with coded errors.

A command that would run for an hour and then fail to write its result checks every output
path first (:func:`check_output`), so a typo in a directory name costs nothing; a write that
still fails (a full disk) is a coded error too, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import AnnotatorError


def check_output(path: Path | str) -> None:
    """E507 unless ``path`` can be created or replaced: its directory exists and is writable,
    and the path itself is not a directory (or a read-only file)."""
    path = Path(path)
    parent = path.parent
    if path.is_dir():
        _refuse(path, "it is a directory")
    if not parent.exists():
        _refuse(path, f"the directory {parent.as_posix()} does not exist")
    if not parent.is_dir():
        _refuse(path, f"{parent.as_posix()} is not a directory")
    if path.exists():
        if not os.access(path, os.W_OK):
            _refuse(path, "the file is not writable")
    elif not os.access(parent, os.W_OK | os.X_OK):
        _refuse(path, f"the directory {parent.as_posix()} is not writable")


def write_output(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path``; a failure is E507 naming the file."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        _refuse(Path(path), exc.strerror or str(exc), exc)


def _refuse(path: Path, detail: str, cause: BaseException | None = None) -> None:
    raise AnnotatorError("E507", path=path.as_posix(), detail=detail) from cause
