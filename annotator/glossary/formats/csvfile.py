"""CSV glossaries: a header row naming the columns, then one entry per row; and CSV export.

The fields and the row policy are :mod:`.rows`'s; this module knows the CSV dialects
(comma, semicolon or tab; quoted cells spanning lines) and writes the inverse for export.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from collections.abc import Iterator
from pathlib import Path

from ...errors import GlossaryError
from ..model import Entry, Skipped
from .rows import ATTRIBUTION, FIELD_NAMES, FIELDS, MAX_FIELD_CHARS, REQUIRED, collect, make_entry, read_text, split_list


def read_csv(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read a CSV glossary: a header row naming the columns, then one entry per row.

    UTF-8 with or without a BOM, LF or CRLF line endings, comma-separated (or semicolon / tab,
    when that is what the header uses), quoted cells may span lines (the entry is attributed to
    the line its row starts on). ``acronym`` and ``aliases`` hold several values
    separated by ``;`` or ``|``.
    """
    return collect(_iter_csv(path, read_text(path)))


def _delimiter(text: str) -> str:
    """``,`` unless the header only makes sense split on ``;`` or a tab.

    Spreadsheet programs in many European locales save "CSV" with semicolons.
    """
    first_line = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        names = {FIELD_NAMES.get(cell.strip().lower()) for cell in next(csv.reader([first_line], delimiter=delimiter), [])}
        if all(name in names for name in REQUIRED):
            return delimiter
    return ","


def _iter_csv(path: Path, text: str) -> Iterator[Entry | Skipped]:
    # newline="" lets the csv module see the real line endings, so quoted cells may contain
    # CR/LF and line_num counts physical lines.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise GlossaryError("E112", path=str(path), line=1, detail=f"header: {exc}") from exc
    if header is None or not any(cell.strip() for cell in header):
        raise GlossaryError("E108", path=str(path), line=1, field="term")
    columns = [FIELD_NAMES.get(cell.strip().lower()) for cell in header]
    for required in REQUIRED:
        if required not in columns:
            raise GlossaryError("E108", path=str(path), line=1, field=required)
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" in str(exc):
                detail = f"a cell is longer than the limit of {MAX_FIELD_CHARS} characters"
                raise GlossaryError("E115", path=str(path), line=start, detail=detail) from exc
            raise GlossaryError("E112", path=str(path), line=start, detail=str(exc)) from exc
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank line
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            detail = f"{len(row)} fields where the header has {len(header)} (an unquoted comma?)"
            raise GlossaryError("E112", path=str(path), line=start, detail=detail)
        fields: dict = {}
        for name, cell in zip(columns, row):
            if name is None or fields.get(name):
                continue  # unknown column, or a repeated one already filled
            fields[name] = split_list(cell) if name in ("acronym", "aliases") else cell
        yield _attributed(make_entry(fields, path=path, line=start), fields)


def _attributed(entry: Entry | Skipped, fields: dict) -> Entry | Skipped:
    """The entry credited to the ``source``/``line`` columns an export wrote, when both are there."""
    source, line = (fields.get("source") or "").strip(), (fields.get("line") or "").strip()
    if isinstance(entry, Entry) and source and line.isascii() and line.isdigit():
        return replace(entry, source=source, line=int(line))
    return entry


# --- export (the inverse of read_csv) ---------------------------------------------------------


def csv_rows(concepts) -> Iterator[list[str]]:
    """Header then one row per definition, credited to its source file and line: ``read_csv``
    + merging rebuild the same concepts, and a re-import next to the original glossary adds no
    second copy of any definition.

    A concept with several definitions becomes several rows with the same term; lists are
    joined with ``"; "``.
    """
    yield [*FIELDS, *ATTRIBUTION]
    for concept in concepts:
        base = [
            concept.term,
            "",
            "; ".join(concept.acronyms),
            "; ".join(concept.aliases),
            concept.category or "",
            concept.status or "",
            concept.familiarity or "",
        ]
        for definition in concept.definitions or ():
            row = list(base)
            row[1] = definition.text
            yield [*row, definition.source, str(definition.line)]


def write_csv(concepts, stream) -> None:
    """Write ``concepts`` as CSV (UTF-8 text stream; CRLF row ends, as RFC 4180 and Excel expect)."""
    writer = csv.writer(stream)
    for row in csv_rows(concepts):
        writer.writerow(row)
