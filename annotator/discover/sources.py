"""Discovery's inputs: everything ``tag`` reads, plus knowledge-base files and directories.

JSONL and CSV archives go through the batch readers as they are (same fields, same rejects).
A directory, or a single ``.md``/``.rst``/``.html``/``.txt`` file, is read the way ``lint``
reads articles: every supported file under it, in path order, each one document whose id is
its path and whose markup follows its suffix. Transcripts too: ``.vtt`` and ``.srt`` captions
(named alone or in a directory) and ``.json`` transcripts inside a directory (a ``.json`` file
named alone is a JSON-lines archive, as for ``tag``), read as the ``transcript`` format, so
speaker labels, timings and JSON keys are never candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..batch.readers import DEFAULT_MAX_RECORD_BYTES, Position, Record, excerpt, read_records
from ..errors import AnnotatorError, DiscoverError

KINDS = ("jsonl", "csv", "kb")
#: Transcript files among a directory's documents, and the captions that may be named alone.
TRANSCRIPT_SUFFIXES = {".vtt": "transcript", ".srt": "transcript", ".json": "transcript"}
_CAPTIONS = (".vtt", ".srt")


def document_suffixes() -> dict[str, str]:
    """File suffix -> markup format of every document file a directory may hold."""
    from ..lint.runner import FORMATS_BY_SUFFIX

    return {**FORMATS_BY_SUFFIX, **TRANSCRIPT_SUFFIXES}


def detect_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if path.is_dir() or suffix in _CAPTIONS or (suffix in document_suffixes() and suffix != ".json"):
        return "kb"
    if path.suffix.lower() in (".csv", ".tsv"):
        return "csv"
    return "jsonl"


def kb_files(path: Path) -> list[Path]:
    from ..lint.runner import iter_paths

    try:
        return list(iter_paths([path], document_suffixes()))
    except AnnotatorError as exc:
        raise DiscoverError("E701", path=str(path), detail=exc.message) from exc


def _read_kb(path: Path, max_bytes: int, start: Position) -> Iterator[Record]:
    root = path if path.is_dir() else path.parent
    for number, file in enumerate(kb_files(path), 1):
        if number <= start.records:
            continue
        doc_id = file.relative_to(root).as_posix()
        after = Position(number, number, number)
        try:
            size = file.stat().st_size
            if size > max_bytes:
                yield Record(number, None, doc_id, None, f"file is {size} bytes, over the "
                             f"limit of {max_bytes}", "", after)
                continue
            data = file.read_bytes()
        except OSError as exc:
            yield Record(number, None, doc_id, None, f"cannot read: {exc.strerror or exc}", "", after)
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Record(number, None, doc_id, None, f"invalid UTF-8 at byte {exc.start}",
                         excerpt(data), after)
            continue
        yield Record(number, None, doc_id, text, None, None, after)


def read_source(path: Path, kind: str, *, text_field: str = "text", id_field: str = "id",
                max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                start: Position = Position()) -> Iterator[Record]:
    """Every record of one input from ``start`` on, in order; documents and rejects as the
    batch readers make them (``documents + rejects == records``)."""
    if not path.exists():
        raise DiscoverError("E701", path=str(path), detail="no such file or directory")
    if kind == "kb":
        yield from _read_kb(path, max_record_bytes, start)
        return
    if kind not in KINDS:
        raise DiscoverError("E704", detail=f"unknown input kind {kind!r}; expected one of "
                            f"{', '.join(KINDS)}")
    try:
        yield from read_records(path, kind, text_field=text_field, id_field=id_field,
                                max_record_bytes=max_record_bytes, start=start)
    except AnnotatorError as exc:
        if isinstance(exc, DiscoverError):
            raise
        raise DiscoverError("E701", path=str(path), detail=exc.message) from exc
