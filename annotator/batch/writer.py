"""Writes results in input order: output lines, rejects, and the checkpoint after each batch.

Both engines hand their results here, so the files a run produces do not depend on the engine,
the process count or the batch size.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BatchError
from .checkpoint import Checkpoint, truncate_to, write_checkpoint
from .readers import Position, Record, excerpt
from .summary import TermSummary


def reject_line(record: Record, reason: str | None = None) -> bytes:
    """One rejects-file line: where the record was, why it was rejected, what it looked like."""
    entry = {
        "record": record.number,
        "line": record.line,
        "id": record.id,
        "reason": reason or record.reason,
        "excerpt": record.excerpt if record.is_reject else excerpt(record.text or ""),
    }
    return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A failed write (full disk, ``ulimit -f``, quota) as E506: the checkpoint keeps what was
    confirmed, so the run can continue with ``--resume`` once there is room."""
    try:
        yield
    except OSError as exc:
        raise BatchError("E506", path=str(path), detail=exc.strerror or str(exc)) from exc


class ResultWriter:
    """Appends to ``output`` and ``rejects`` from the offsets in ``checkpoint`` and commits a
    new checkpoint after every batch (see :mod:`.checkpoint` for why in that order).

    Nothing is created or truncated until the first result is written (or the run finishes):
    a run that fails before its first record leaves no file behind to block the corrected
    command. Write failures are :class:`BatchError` E506.
    """

    def __init__(self, output: Path, rejects: Path, checkpoint_path: Path,
                 checkpoint: Checkpoint, summary: TermSummary | None = None) -> None:
        self.output, self.rejects_path = Path(output), Path(rejects)
        self.checkpoint_path = Path(checkpoint_path)
        self.checkpoint = checkpoint
        self.summary = summary
        self.documents = checkpoint.documents
        self.rejects = checkpoint.rejects
        self.duplicates = checkpoint.duplicates
        self._out = self._rej = None
        self._synced: dict[str, int] = {}

    def _open(self) -> None:
        if self._out is not None:
            return
        checkpoint = self.checkpoint
        # The checkpoint is on disk before the output exists, so a kill at any point after
        # this leaves a checkpoint whose offsets are a prefix of the files.
        with _writing(self.checkpoint_path):
            write_checkpoint(self.checkpoint_path, checkpoint)
        with _writing(self.output):
            truncate_to(self.output, checkpoint.output_offset, self.checkpoint_path)
            self._out = open(self.output, "ab")
        with _writing(self.rejects_path):
            truncate_to(self.rejects_path, checkpoint.rejects_offset, self.checkpoint_path)
            self._rej = open(self.rejects_path, "ab")
        self._synced = {self._out.name: checkpoint.output_offset,
                        self._rej.name: checkpoint.rejects_offset}

    def duplicate(self) -> None:
        """Count a record with a repeated id (written as a document or a reject as well)."""
        self.duplicates += 1

    def document(self, line: bytes, terms) -> None:
        self._open()
        with _writing(self.output):
            self._out.write(line)
        self.documents += 1
        if self.summary is not None:
            self.summary.add(terms)

    def reject(self, record: Record, reason: str | None = None) -> None:
        self._open()
        with _writing(self.rejects_path):
            self._rej.write(reject_line(record, reason))
        self.rejects += 1

    def commit(self, position: Position) -> None:
        self._open()
        for fh, path in ((self._out, self.output), (self._rej, self.rejects_path)):
            with _writing(path):
                fh.flush()
                if fh.tell() != self._synced.get(fh.name):  # an fsync costs milliseconds
                    os.fsync(fh.fileno())
                    self._synced[fh.name] = fh.tell()
        self.checkpoint = self.checkpoint.advance(
            position, self._out.tell(), self._rej.tell(), self.documents, self.rejects,
            self.duplicates,
        )
        with _writing(self.checkpoint_path):
            write_checkpoint(self.checkpoint_path, self.checkpoint)

    def finish(self) -> None:
        """Mark the run complete: a later ``--resume`` has nothing left to do."""
        from dataclasses import replace

        self._open()  # an input with no records still gets its (empty) output
        self.checkpoint = replace(self.checkpoint, complete=True)
        with _writing(self.checkpoint_path):
            write_checkpoint(self.checkpoint_path, self.checkpoint)

    def close(self) -> None:
        for fh in (self._out, self._rej):
            if fh is None:
                continue
            try:
                fh.close()
            except OSError:
                # Only unconfirmed bytes were lost (a full disk at the final flush): the
                # checkpoint does not count them and a resumed run writes them again. Raising
                # here would hide the error that ended the run.
                pass
