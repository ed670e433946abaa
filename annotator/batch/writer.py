"""Writes results in input order: output lines, rejects, and the checkpoint after each batch.

Both engines hand their results here, so the files a run produces do not depend on the engine,
the process count or the batch size.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

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


class ResultWriter:
    """Appends to ``output`` and ``rejects`` from the offsets in ``checkpoint`` and commits a
    new checkpoint after every batch (see :mod:`.checkpoint` for why in that order)."""

    def __init__(self, output: Path, rejects: Path, checkpoint_path: Path,
                 checkpoint: Checkpoint, summary: TermSummary | None = None) -> None:
        self.checkpoint_path = Path(checkpoint_path)
        self.checkpoint = checkpoint
        self.summary = summary
        self.documents = checkpoint.documents
        self.rejects = checkpoint.rejects
        self.duplicates = checkpoint.duplicates
        # The checkpoint is on disk before the output exists, so a kill at any point after
        # this leaves a checkpoint whose offsets are a prefix of the files.
        write_checkpoint(self.checkpoint_path, checkpoint)
        truncate_to(output, checkpoint.output_offset, self.checkpoint_path)
        truncate_to(rejects, checkpoint.rejects_offset, self.checkpoint_path)
        self._out = open(output, "ab")
        self._rej = open(rejects, "ab")
        self._synced = {self._out.name: checkpoint.output_offset,
                        self._rej.name: checkpoint.rejects_offset}

    def duplicate(self) -> None:
        """Count a record with a repeated id (written as a document or a reject as well)."""
        self.duplicates += 1

    def document(self, line: bytes, terms) -> None:
        self._out.write(line)
        self.documents += 1
        if self.summary is not None:
            self.summary.add(terms)

    def reject(self, record: Record, reason: str | None = None) -> None:
        self._rej.write(reject_line(record, reason))
        self.rejects += 1

    def commit(self, position: Position) -> None:
        for fh in (self._out, self._rej):
            fh.flush()
            if fh.tell() != self._synced.get(fh.name):  # an fsync costs milliseconds
                os.fsync(fh.fileno())
                self._synced[fh.name] = fh.tell()
        self.checkpoint = self.checkpoint.advance(
            position, self._out.tell(), self._rej.tell(), self.documents, self.rejects,
            self.duplicates,
        )
        write_checkpoint(self.checkpoint_path, self.checkpoint)

    def finish(self) -> None:
        """Mark the run complete: a later ``--resume`` has nothing left to do."""
        from dataclasses import replace

        self.checkpoint = replace(self.checkpoint, complete=True)
        write_checkpoint(self.checkpoint_path, self.checkpoint)

    def close(self) -> None:
        self._out.close()
        self._rej.close()
