"""Streaming readers for batch input: JSONL, CSV and a directory of ``.txt`` files.

Every reader yields one :class:`Record` per input record, in input order, and each record is
either a document to tag (``text`` set) or a reject (``reason`` set), never both and never
neither: ``documents + rejects == records`` holds by construction, whatever the input holds.

Nothing is read whole. Files are read line by line in binary mode, so invalid UTF-8 is a
property of one record rather than an exception that ends the run, and every record carries the
reader position just after it (:class:`Position`) so a resumed run can seek straight past what
it already consumed instead of re-reading gigabytes.

Blank lines (and blank CSV rows) are not records: they separate nothing and carry nothing, and
counting them would make ``output + rejects == input`` depend on trailing newlines.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BatchError
from ..fileio import FileTooLarge, open_regular, read_regular

KINDS = ("jsonl", "csv", "dir")

#: Longest line (JSONL/CSV) or file (directory input) read into memory; longer ones are
#: rejected without being read whole, so one hostile record cannot exhaust memory.
DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024

#: Characters of the raw record kept in the rejects file.
EXCERPT_CHARS = 200

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Position:
    """Where a reader stands: what a checkpoint stores and a resumed reader starts from.

    ``offset`` is a byte offset (JSONL, CSV) or a file index (directory); ``line`` the physical
    lines (or files) consumed; ``records`` the records yielded so far.
    """

    offset: int = 0
    line: int = 0
    records: int = 0

    def to_json(self) -> dict:
        return {"offset": self.offset, "line": self.line, "records": self.records}

    @classmethod
    def from_json(cls, data: dict) -> Position:
        return cls(int(data["offset"]), int(data["line"]), int(data["records"]))


@dataclass(slots=True)
class Record:
    """One input record: a document (``text`` is a str) or a reject (``reason`` is a str)."""

    number: int  # 1-based ordinal among records
    line: int | None  # 1-based line the record starts on (None for directory input)
    id: str | int | None
    text: str | None
    reason: str | None
    excerpt: str | None
    after: Position
    duplicate: bool = False  # its id is a repeat (see :mod:`.duplicates`)

    @property
    def is_reject(self) -> bool:
        return self.reason is not None

    def as_reject(self, reason: str, *, duplicate: bool = False) -> Record:
        """This record as a reject (its text kept only as an excerpt)."""
        return Record(self.number, self.line, self.id, None, reason,
                      self.excerpt if self.is_reject else excerpt(self.text or ""), self.after,
                      duplicate)


def detect_kind(path: Path) -> str:
    """``dir`` for a directory, ``csv`` for ``*.csv``/``*.tsv``-less CSV, ``jsonl`` otherwise."""
    if path.is_dir():
        return "dir"
    if path.suffix.lower() == ".csv":
        return "csv"
    return "jsonl"


def read_records(
    path: Path,
    kind: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    start: Position = Position(),
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[Record]:
    """Yield the records of ``path`` from ``start`` on. Raises :class:`BatchError` (E501) when
    the input as a whole is unusable (missing, unreadable, a CSV header without the fields)."""
    readers = {"jsonl": _read_jsonl, "csv": _read_csv, "dir": _read_dir}
    if kind not in readers:
        raise BatchError("E503", detail=f"unknown input kind {kind!r}; expected one of {KINDS}")
    try:
        yield from readers[kind](path, text_field, id_field, start, max_record_bytes)
    except OSError as exc:
        raise BatchError("E501", path=str(path), detail=exc.strerror or str(exc)) from exc


# --- line reading ----------------------------------------------------------------------------


def _lines(fh, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Yield ``(line, nbytes)`` for each line of binary ``fh``; ``line`` is None (and the rest
    of the line skipped without being kept) when it is longer than ``limit`` bytes."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        # Too long: skip to the end of this line in bounded chunks.
        skipped = len(line)
        while True:
            chunk = fh.readline(_CHUNK)
            skipped += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                break
        yield None, skipped


def excerpt(raw: bytes | str, limit: int = EXCERPT_CHARS) -> str:
    """A short, always-encodable excerpt of a raw record: what the rejects file and any
    message quoting a document or its id show of it (never the whole text)."""
    if isinstance(raw, bytes):
        raw = raw[: limit * 4].decode("utf-8", errors="backslashreplace")
    else:
        raw = raw[: limit * 4].encode("utf-8", errors="backslashreplace").decode("utf-8")
    raw = raw.rstrip("\r\n")
    return raw if len(raw) <= limit else raw[:limit] + "…"


def _check_id(value: object, id_field: str) -> tuple[str | int | None, str | None]:
    """Return ``(id, None)`` for a usable id, ``(None, reason)`` otherwise."""
    if value is None or value == "":
        return None, f"missing id field {id_field!r}"
    if isinstance(value, str) and not value.strip():
        # Only spaces (a padded empty CSV cell): it identifies nothing, as an empty id.
        return None, f"id field {id_field!r} is blank"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"id field {id_field!r} is {_json_type(value)}, expected a string or an integer"
    if isinstance(value, str) and not _encodable(value):
        return None, f"id field {id_field!r} contains a lone surrogate (invalid Unicode)"
    return value, None


def _check_text(value: object, text_field: str) -> str | None:
    """Return a reason when ``value`` is not a usable text, else None."""
    if value is None:
        return f"missing text field {text_field!r}"
    if not isinstance(value, str):
        return f"text field {text_field!r} is {_json_type(value)}, expected a string"
    return None


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
             list: "an array", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _encodable(value: str) -> bool:
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- JSONL ----------------------------------------------------------------------------------


def _read_jsonl(path, text_field, id_field, start, limit) -> Iterator[Record]:
    offset, line_no, number = start.offset, start.line, start.records
    with open_regular(path) as fh:
        fh.seek(offset)
        for raw, nbytes in _lines(fh, limit):
            first = offset == 0
            offset += nbytes
            line_no += 1
            if raw is None:
                number += 1
                yield _reject(number, line_no, None, f"line is longer than {limit} bytes", "",
                              Position(offset, line_no, number))
                continue
            if first and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
            body = raw.strip()
            if not body:
                continue
            number += 1
            yield _parse_json_line(body, number, line_no, text_field, id_field,
                                   Position(offset, line_no, number))


def _parse_json_line(body: bytes, number, line_no, text_field, id_field, after) -> Record:
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _reject(number, line_no, None, f"invalid UTF-8 at byte {exc.start}", body, after)
    try:
        obj = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return _reject(number, line_no, None, f"invalid JSON: {exc.msg} at column {exc.colno}",
                       body, after)
    except RecursionError:
        return _reject(number, line_no, None, "invalid JSON: nested too deeply", body, after)
    if not isinstance(obj, dict):
        return _reject(number, line_no, None, f"expected a JSON object, got {_json_type(obj)}",
                       body, after)
    return _from_mapping(obj, number, line_no, text_field, id_field, body, after)


def _from_mapping(obj, number, line_no, text_field, id_field, raw, after) -> Record:
    doc_id, reason = _check_id(obj.get(id_field), id_field)
    if reason is None:
        reason = _check_text(obj.get(text_field), text_field)
    if reason is not None:
        return _reject(number, line_no, doc_id, reason, raw, after)
    return Record(number, line_no, doc_id, obj[text_field], None, None, after)


def _reject(number, line_no, doc_id, reason, raw, after) -> Record:
    return Record(number, line_no, doc_id, None, reason, excerpt(raw), after)


# --- CSV ------------------------------------------------------------------------------------


def _raise_field_limit() -> None:
    """Let one CSV field be as large as a transcript can be.

    The default limit is 128 KiB; ``sys.maxsize`` overflows the C long on platforms where that
    is 32 bits, so step down until the csv module accepts the value.
    """
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


class _LineFeed:
    """Decoded lines for ``csv.reader``, keeping the byte offset and line count it consumed.

    ``csv.reader`` pulls exactly the lines one row needs (no read-ahead), so after each row
    ``offset``/``line`` are the position just past it. Undecodable lines are decoded with
    ``surrogateescape`` and flagged, so the row they belong to is rejected, not the whole file.
    """

    def __init__(self, fh, offset: int, line: int, limit: int) -> None:
        self._lines = _lines(fh, limit)
        self.offset = offset
        self.line = line
        self.bad_utf8: int | None = None  # byte position of the first invalid byte in the row
        self.too_long = False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        raw, nbytes = next(self._lines)
        at_start = self.offset == 0
        self.offset += nbytes
        self.line += 1
        if raw is None:
            self.too_long = True
            return "\n"
        if at_start and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if self.bad_utf8 is None:
                self.bad_utf8 = exc.start
            return raw.decode("utf-8", errors="surrogateescape")


def _read_csv(path, text_field, id_field, start, limit) -> Iterator[Record]:
    _raise_field_limit()
    with open_regular(path) as fh:
        feed = _LineFeed(fh, 0, 0, limit)
        header = _csv_header(path, feed, text_field, id_field)
        if start.offset:
            fh.seek(start.offset)
            feed = _LineFeed(fh, start.offset, start.line, limit)
        rows = csv.reader(feed)
        number = start.records
        while True:
            feed.bad_utf8, feed.too_long = None, False
            first_line = feed.line + 1
            try:
                row = next(rows)
                error = None
            except StopIteration:
                return
            except csv.Error as exc:
                row, error = None, f"malformed CSV: {exc}"
            if row == []:
                continue
            number += 1
            after = Position(feed.offset, feed.line, number)
            if error is None and feed.too_long:
                error = f"line is longer than {limit} bytes"
            if error is None and feed.bad_utf8 is not None:
                error = f"invalid UTF-8 at byte {feed.bad_utf8} of the row"
            raw = ",".join(row) if row else ""
            if error is not None:
                yield _reject(number, first_line, None, error, raw, after)
                continue
            yield _from_mapping(dict(zip(header, row)), number, first_line, text_field,
                                id_field, raw, after)


def _csv_header(path, feed: _LineFeed, text_field: str, id_field: str) -> list[str]:
    try:
        header = next(csv.reader(feed))
    except StopIteration:
        raise BatchError("E501", path=str(path), detail="empty CSV file (no header row)") from None
    except csv.Error as exc:
        raise BatchError("E501", path=str(path), detail=f"malformed CSV header: {exc}") from None
    if feed.bad_utf8 is not None:
        raise BatchError("E501", path=str(path), detail="CSV header is not valid UTF-8")
    missing = [f for f in (text_field, id_field) if f not in header]
    if missing:
        raise BatchError(
            "E501",
            path=str(path),
            detail=f"CSV header has no column {', '.join(map(repr, missing))} "
            f"(columns: {', '.join(header)}); choose them with --text-field/--id-field",
        )
    return header


# --- directory of .txt files ----------------------------------------------------------------


#: File suffix -> the markup format a directory's file is read in, whatever ``--format`` says
#: (None: the run's format). Captions and JSON files are transcripts.
SUFFIX_FORMATS = {".txt": None, ".vtt": "transcript", ".srt": "transcript", ".json": "transcript"}


def list_text_files(path: Path) -> list[str]:
    """The entries directly in ``path`` with a :data:`SUFFIX_FORMATS` suffix but directories,
    sorted by name (the record order). A FIFO, a device or a dangling symlink so named is
    listed, so that it is reported as a reject rather than silently skipped."""
    with os.scandir(path) as entries:
        return sorted(e.name for e in entries
                      if os.path.splitext(e.name)[1] in SUFFIX_FORMATS and not e.is_dir())


def _read_dir(path, text_field, id_field, start, limit) -> Iterator[Record]:
    names = list_text_files(path)
    for index in range(start.offset, len(names)):
        name = names[index]
        number = index + 1
        after = Position(index + 1, index + 1, number)
        file = path / name
        try:
            data = read_regular(file, limit=limit)
        except FileTooLarge:
            yield _reject(number, None, name, f"file is larger than {limit} bytes", "", after)
            continue
        except OSError as exc:
            yield _reject(number, None, name, f"cannot read file: {exc.strerror or exc}", "", after)
            continue
        if data.startswith(_BOM):
            data = data[len(_BOM):]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _reject(number, None, name, f"invalid UTF-8 at byte {exc.start}", data, after)
            continue
        yield Record(number, None, name, text, None, None, after)
