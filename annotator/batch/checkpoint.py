"""Crash-safe progress for a batch run: what was consumed, and how much output is durable.

The run appends to the output and rejects files in input order, and after every flushed batch
records, in a small JSON checkpoint, the reader position and the byte length of both files. The
order is what makes a SIGKILL at any instant recoverable:

1. write the batch's lines, flush and ``fsync`` the output and rejects files;
2. write the checkpoint to a temporary file, ``fsync`` it, ``os.replace`` it over the old one
   (atomic on POSIX) and ``fsync`` the directory so the rename itself is durable.

A kill before step 2 completes leaves the previous checkpoint, whose offsets are a prefix of
what is on disk; resuming truncates both files back to those offsets (dropping the unconfirmed
tail, including a torn last line) and re-reads the input from the checkpointed position. So
every record ends up in exactly one of the two files, exactly once.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import BatchError
from ..fileio import fsync_directory, open_regular
from .readers import Position, list_text_files

VERSION = 1

#: Bytes of the input hashed into its fingerprint: enough to tell two files apart cheaply.
HEAD_BYTES = 1024


@dataclass(frozen=True)
class Checkpoint:
    input: dict
    options: str
    position: Position = Position()
    output_offset: int = 0
    rejects_offset: int = 0
    documents: int = 0
    rejects: int = 0
    complete: bool = False
    version: int = field(default=VERSION)
    duplicates: int = 0  # records up to ``position`` whose id repeats an earlier one's

    def advance(self, position: Position, output_offset: int, rejects_offset: int,
                documents: int, rejects: int, duplicates: int) -> Checkpoint:
        return replace(self, position=position, output_offset=output_offset,
                       rejects_offset=rejects_offset, documents=documents, rejects=rejects,
                       duplicates=duplicates)

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "input": self.input,
            "options": self.options,
            "position": self.position.to_json(),
            "output_offset": self.output_offset,
            "rejects_offset": self.rejects_offset,
            "documents": self.documents,
            "rejects": self.rejects,
            "duplicates": self.duplicates,
            "complete": self.complete,
        }

    @classmethod
    def from_json(cls, data: dict) -> Checkpoint:
        return cls(
            input=dict(data["input"]),
            options=str(data["options"]),
            position=Position.from_json(data["position"]),
            output_offset=int(data["output_offset"]),
            rejects_offset=int(data["rejects_offset"]),
            documents=int(data["documents"]),
            rejects=int(data["rejects"]),
            complete=bool(data["complete"]),
            version=int(data["version"]),
            # Absent from checkpoints written before repeated ids were counted.
            duplicates=int(data.get("duplicates", 0)),
        )


def input_fingerprint(path: Path, kind: str) -> dict:
    """Identify the input cheaply: path, size, mtime and a hash of its first KB (or, for a
    directory, of its sorted file names and sizes)."""
    path = Path(path)
    stat = path.stat()
    digest = hashlib.sha256()
    if kind == "dir":
        for name in list_text_files(path):
            digest.update(name.encode("utf-8", "surrogateescape"))
            digest.update(b"\0%d\0" % _size(path / name))
        size = None
    else:
        with open_regular(path) as fh:  # a FIFO or a device is refused, never waited on
            digest.update(fh.read(HEAD_BYTES))
        size = stat.st_size
    return {
        "path": str(path.resolve()),
        "kind": kind,
        "size": size,
        "mtime_ns": None if kind == "dir" else stat.st_mtime_ns,
        "sha256_head": digest.hexdigest(),
    }


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # a dangling symlink: its record is a reject, the name still counts
        return -1


def options_hash(options: dict) -> str:
    """A stable hash of everything that changes the output (not batch size or process count)."""
    blob = json.dumps(options, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def write_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Replace ``path`` atomically and durably with ``checkpoint``."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    data = json.dumps(checkpoint.to_json(), indent=1, sort_keys=True).encode("utf-8") + b"\n"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked (a nearly full disk)
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def read_checkpoint(path: Path) -> Checkpoint | None:
    """The checkpoint at ``path``, None when there is none; E502 when it is unreadable."""
    path = Path(path)
    try:
        data = json.loads(path.read_bytes())
        checkpoint = Checkpoint.from_json(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BatchError("E502", path=str(path), detail=f"unreadable checkpoint ({exc})") from exc
    if checkpoint.version != VERSION:
        raise BatchError("E502", path=str(path),
                         detail=f"checkpoint version {checkpoint.version}, expected {VERSION}")
    return checkpoint


def verify(checkpoint: Checkpoint, path: Path, fingerprint: dict, options: str) -> None:
    """Raise E502 unless ``checkpoint`` belongs to this input and these options."""
    mismatched = [key for key in ("path", "kind", "size", "mtime_ns", "sha256_head")
                  if checkpoint.input.get(key) != fingerprint.get(key)]
    if mismatched:
        raise BatchError(
            "E502",
            path=str(path),
            detail=f"the input changed or is another file ({', '.join(mismatched)} differ); "
            "rerun with --overwrite to start again",
        )
    if checkpoint.options != options:
        raise BatchError(
            "E502",
            path=str(path),
            detail="it was written with different options (fields, format, glossary or "
            "pipeline); rerun with the same options, or --overwrite to start again",
        )


def truncate_to(path: Path, offset: int, checkpoint_path: Path) -> None:
    """Cut ``path`` back to ``offset`` bytes (creating it when the offset is 0): this drops the
    output written after the last checkpoint, a torn last line included."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = None
    if size is None:
        if offset:
            raise BatchError("E502", path=str(checkpoint_path),
                             detail=f"{path} is missing but the checkpoint says {offset} bytes")
        path.touch()
        return
    if size < offset:
        raise BatchError(
            "E502",
            path=str(checkpoint_path),
            detail=f"{path} is {size} bytes, shorter than the {offset} the checkpoint "
            "confirmed; was it edited? rerun with --overwrite",
        )
    if size > offset:
        with open(path, "r+b") as fh:
            fh.truncate(offset)
            fh.flush()
            os.fsync(fh.fileno())
