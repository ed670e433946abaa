"""User glossary readers: one function per format, one dispatcher on the file suffix.

Every reader returns ``(entries, skipped)``: :class:`Entry` objects attributed to the file name
and the physical line they start on, and :class:`Skipped` records for rows deliberately left out
(the build report lists them). Anything malformed raises a coded :class:`GlossaryError` that
names the file and the line, so a user can open the file at the right place.

Row policy, the same for every format:

* a row with no term is an error (E101): there is nothing to attribute its definition to;
* a row with a term but an empty definition is *skipped with a reason*, not an error: glossaries
  in progress often list terms before they are defined, and a tooltip without text is useless;
* duplicate terms are kept as separate entries; :func:`merge_entries` makes them one concept
  with several attributed definitions (exact duplicates collapse there);
* unknown columns / keys are ignored, so spreadsheets with extra bookkeeping columns load;
* a field longer than :data:`MAX_FIELD_CHARS` is rejected (E101): a multi-megabyte "definition"
  is a broken export, and it would be sent to every browser showing the tooltip.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import GlossaryError
from ..text.safety import utf8_error_position
from .files import read_bounded
from .model import CATEGORIES, STATUSES, Entry, Skipped

#: Longest accepted term, alias, acronym or definition, in characters.
MAX_FIELD_CHARS = 20_000

#: The columns/keys a user glossary may have; ``term`` and ``definition`` are required.
FIELDS = ("term", "definition", "acronym", "aliases", "category", "status")
REQUIRED = ("term", "definition")
#: Accepted spellings of column names (after lower-casing and trimming).
FIELD_NAMES = {
    "term": "term",
    "definition": "definition",
    "acronym": "acronym",
    "acronyms": "acronym",
    "alias": "aliases",
    "aliases": "aliases",
    "category": "category",
    "status": "status",
}

_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_CATEGORY_BY_FOLD = {known.casefold(): known for known in CATEGORIES}


# --- dispatch -----------------------------------------------------------------------------------


def read_glossary_file(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read one glossary file of any supported format, chosen by its suffix.

    ``.txt`` is a seed glossary (free-form text), ``.csv`` / ``.json`` / ``.jsonl`` are user
    glossaries with the fields ``term, definition, acronym, aliases, category[, status]`` and
    ``.tbx`` is TermBase eXchange XML.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise GlossaryError("E102", path=str(path), suffix=path.suffix)
    return READERS[suffix](path)


def _read_seed(path: Path) -> tuple[list[Entry], list[Skipped]]:
    # Imported lazily: the seed parser is large and only the build needs it.
    from .formats.seedpage import read_seed

    return read_seed(path)


def _read_tbx(path: Path) -> tuple[list[Entry], list[Skipped]]:
    from .tbx import read_tbx

    return read_tbx(path)


# --- shared helpers -----------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is dropped); bad bytes are reported by line."""
    return decode_utf8(read_bounded(path), path)


def decode_utf8(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = utf8_error_position(data, exc)
        bad = data[exc.start : exc.end].hex(" ")
        raise GlossaryError(
            "E101",
            path=str(path),
            line=line,
            detail=f"invalid UTF-8 (byte {bad} at column {column}); save the file as UTF-8",
        ) from exc


def clean(text: str) -> str:
    """Collapse whitespace runs (line breaks inside quoted cells, tabs, NBSP) to one space.

    ``str.split()`` splits on exactly the characters ``\\s`` matches (``str.isspace``; a test
    checks every code point), so this is ``re.sub(r"\\s+", " ", text).strip()`` without the regex.
    """
    return " ".join(text.split())


def split_list(value: str) -> tuple[str, ...]:
    """``"a; b | c"`` -> ``("a", "b", "c")``, order kept, empties and repeats dropped."""
    items = (clean(item) for item in _LIST_SPLIT.split(value))
    return tuple(dict.fromkeys(item for item in items if item))


def canonical_category(value: str | None) -> str | None:
    """Known categories in their canonical spelling (``metrics`` -> ``Metrics``); others kept."""
    if not value:
        return None
    return _CATEGORY_BY_FOLD.get(value.casefold(), value)


def make_entry(fields: dict, *, path: Path, line: int) -> Entry | Skipped:
    """Validate one row (a dict of already-typed values) into an Entry, or a Skipped record.

    ``fields`` holds ``term``/``definition``/``category``/``status`` as ``str | None`` and
    ``acronym``/``aliases`` as tuples of strings.
    """
    source = path.name

    def fail(detail: str) -> GlossaryError:
        return GlossaryError("E101", path=str(path), line=line, detail=detail)

    for name in ("term", "definition", "category", "status"):
        value = fields.get(name) or ""
        if len(value) > MAX_FIELD_CHARS:
            raise fail(f"{name} is {len(value)} characters, longer than the limit of {MAX_FIELD_CHARS}")
    for name in ("acronym", "aliases"):
        for value in fields.get(name) or ():
            if len(value) > MAX_FIELD_CHARS:
                raise fail(f"{name} value is {len(value)} characters, longer than the limit of {MAX_FIELD_CHARS}")

    get = fields.get
    term = clean(get("term") or "")
    definition = clean(get("definition") or "")
    if not term:
        raise fail("empty term" + (f" for definition {definition[:40]!r}" if definition else ""))
    if not definition:
        return Skipped(source=source, line=line, text=term, reason="empty definition")
    # (Most rows have no status, acronym or alias: nothing to clean or filter.)
    status = get("status")
    status = clean(status).lower() or None if status else None
    if status is not None and status not in STATUSES:
        raise fail(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    acronyms = get("acronym") or ()
    if acronyms:
        acronyms = tuple(a for a in acronyms if a)
    aliases = get("aliases") or ()
    if aliases:
        aliases = tuple(a for a in aliases if a and a != term)
    category = get("category")
    return Entry(
        term=term,
        definition=definition,
        source=source,
        line=line,
        acronyms=tuple(acronyms),
        aliases=tuple(aliases),
        category=canonical_category(clean(category)) if category else None,
        status=status,
    )


def _collect(rows: Iterator[Entry | Skipped]) -> tuple[list[Entry], list[Skipped]]:
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for row in rows:
        (entries if isinstance(row, Entry) else skipped).append(row)
    return entries, skipped


# --- CSV ----------------------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read a CSV glossary: a header row naming the columns, then one entry per row.

    UTF-8 with or without a BOM, LF or CRLF line endings, comma-separated (or semicolon / tab,
    when that is what the header uses), quoted cells may span lines (the entry is attributed to
    the line its row starts on). ``acronym`` and ``aliases`` hold several values
    separated by ``;`` or ``|``.
    """
    return _collect(_iter_csv(path, read_text(path)))


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
        raise GlossaryError("E101", path=str(path), line=1, detail=f"malformed header: {exc}") from exc
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
            detail = f"malformed CSV: {exc}"
            if "field limit" in str(exc):
                detail = f"a cell is longer than the limit of {MAX_FIELD_CHARS} characters"
            raise GlossaryError("E101", path=str(path), line=start, detail=detail) from exc
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank line
        fields: dict = {}
        for name, cell in zip(columns, row):
            if name is None or fields.get(name):
                continue  # unknown column, or a repeated one already filled
            fields[name] = split_list(cell) if name in ("acronym", "aliases") else cell
        yield make_entry(fields, path=path, line=start)


# --- JSON and JSONL -----------------------------------------------------------------------------


def read_json(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read a JSON glossary: a list of entry objects, or ``{"concepts": [...]}``.

    Each object has the CSV's fields (``acronym``/``acronyms`` and ``aliases`` may be a string or
    a list of strings) or is a concept in our generated format (``definitions: [{text, source,
    line}]``). Every object is attributed to the line it starts on.
    """
    text = read_text(path)
    return _collect(
        row for obj, line in _json_objects(text, path) for row in _rows_from_object(obj, path, line)
    )


def read_jsonl(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read JSON Lines: one entry or concept object per line (our ``glossary.jsonl`` included)."""
    text = read_text(path)

    def rows() -> Iterator[Entry | Skipped]:
        # split on "\n" only: str.splitlines() also breaks on U+2028, form feeds and the like,
        # which JSON allows raw inside strings (and which do not start a new line in editors)
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GlossaryError(
                    "E101", path=str(path), line=lineno, detail=f"invalid JSON: {exc.msg} (column {exc.colno})"
                ) from exc
            yield from _rows_from_object(obj, path, lineno)

    return _collect(rows())


_WS = re.compile(r"[ \t\n\r]*")


def _json_objects(text: str, path: Path) -> Iterator[tuple[object, int]]:
    """Yield ``(element, line)`` for each element of the top-level list (or of ``"concepts"``).

    ``json.loads`` forgets where things were; walking the top level with ``raw_decode`` keeps the
    offset of each element, so errors and entries carry real line numbers.
    """
    decoder = json.JSONDecoder()
    # Line numbers are counted incrementally (the walk only moves forward), keeping it linear.
    counted_to, line = 0, 1

    def line_of(index: int) -> int:
        nonlocal counted_to, line
        if index < counted_to:
            return text.count("\n", 0, index) + 1
        line += text.count("\n", counted_to, index)
        counted_to = index
        return line

    def decode(index: int) -> tuple[object, int]:
        try:
            return decoder.raw_decode(text, index)
        except json.JSONDecodeError as exc:
            raise GlossaryError(
                "E101", path=str(path), line=exc.lineno, detail=f"invalid JSON: {exc.msg} (column {exc.colno})"
            ) from exc

    def skip_ws(index: int) -> int:
        return _WS.match(text, index).end()

    def expect(index: int, chars: str) -> tuple[str, int]:
        index = skip_ws(index)
        if index >= len(text) or text[index] not in chars:
            found = repr(text[index]) if index < len(text) else "end of file"
            raise GlossaryError(
                "E101", path=str(path), line=line_of(index), detail=f"invalid JSON: expected {' or '.join(map(repr, chars))}, found {found}"
            )
        return text[index], index + 1

    def elements(index: int) -> Iterator[tuple[object, int]]:
        # ``index`` is just after "["; yields elements and finally returns the index after "]".
        index = skip_ws(index)
        if text.startswith("]", index):
            return index + 1
        while True:
            index = skip_ws(index)
            start = index
            value, index = decode(index)
            yield value, line_of(start)
            char, index = expect(index, ",]")
            if char == "]":
                return index

    index = skip_ws(0)
    if index == len(text):
        raise GlossaryError("E101", path=str(path), line=1, detail="empty file; expected a JSON list of entries")
    opener, index = expect(index, "[{")
    found = False
    if opener == "[":
        index = yield from elements(index)
        found = True
    else:
        # {"concepts": [...], ...}: walk the keys, list the "concepts" array, skip the rest.
        index = skip_ws(index)
        if text.startswith("}", index):
            index += 1
        else:
            while True:
                index = skip_ws(index)
                key_start = index
                key, index = decode(index)
                if not isinstance(key, str):
                    raise GlossaryError("E101", path=str(path), line=line_of(key_start), detail="invalid JSON: object key must be a string")
                _, index = expect(index, ":")
                index = skip_ws(index)
                if key == "concepts":
                    if not text.startswith("[", index):
                        raise GlossaryError("E101", path=str(path), line=line_of(index), detail='"concepts" must be a list')
                    index = yield from elements(index + 1)
                    found = True
                else:
                    _, index = decode(index)
                char, index = expect(index, ",}")
                if char == "}":
                    break
        if not found:
            raise GlossaryError("E108", path=str(path), line=1, field="concepts")
    index = skip_ws(index)
    if index != len(text):
        raise GlossaryError("E101", path=str(path), line=line_of(index), detail="invalid JSON: extra data after the end")


def _rows_from_object(obj: object, path: Path, line: int) -> Iterator[Entry | Skipped]:
    """One JSON object -> entries: a plain entry, or one entry per definition of a concept."""
    if not isinstance(obj, dict):
        raise _json_error(path, line, f"expected an object with a 'term', got {_json_type(obj)}")
    if "term" not in obj:
        raise GlossaryError("E108", path=str(path), line=line, field="term")
    fields = {
        "term": _json_string(obj, "term", path, line),
        "acronym": _json_strings(obj, ("acronym", "acronyms"), path, line),
        "aliases": _json_strings(obj, ("aliases", "alias"), path, line),
        "category": _json_string(obj, "category", path, line),
        "status": _json_string(obj, "status", path, line),
    }

    def fail(detail: str) -> GlossaryError:
        return _json_error(path, line, detail)

    if "definitions" in obj and "definition" not in obj:
        # Our generated concept format: every attributed definition becomes its own entry, keeping
        # the original attribution so a re-import credits the right source.
        definitions = obj["definitions"]
        if not isinstance(definitions, list):
            raise fail(f"'definitions' must be a list, got {_json_type(definitions)}")
        if not definitions:
            yield make_entry({**fields, "definition": ""}, path=path, line=line)
        for item in definitions:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise fail("each item of 'definitions' must be an object with a string 'text'")
            entry = make_entry({**fields, "definition": item["text"]}, path=path, line=line)
            source, origin = item.get("source"), item.get("line")
            if isinstance(entry, Entry) and isinstance(source, str) and source and isinstance(origin, int):
                entry = replace(entry, source=source, line=origin)
            yield entry
        return
    if "definition" not in obj:
        raise GlossaryError("E108", path=str(path), line=line, field="definition")
    fields["definition"] = _json_string(obj, "definition", path, line)
    yield make_entry(fields, path=path, line=line)


# Module-level rather than closures made again for each of a big file's objects.


def _json_error(path: Path, line: int, detail: str) -> GlossaryError:
    return GlossaryError("E101", path=str(path), line=line, detail=detail)


def _json_string(obj: dict, key: str, path: Path, line: int) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _json_error(path, line, f"{key!r} must be a string, got {_json_type(value)}")
    return value


def _json_strings(obj: dict, keys: tuple[str, ...], path: Path, line: int) -> tuple[str, ...]:
    """The first of ``keys`` present (and not null): a ``;``/``|`` list or a list of strings."""
    for key in keys:
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            return split_list(value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            if not value:
                return ()
            cleaned = [clean(v) for v in value]
            return tuple(dict.fromkeys(v for v in cleaned if v))
        raise _json_error(path, line, f"{key!r} must be a string or a list of strings, got {_json_type(value)}")
    return ()


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    if type(value) in names:
        return names[type(value)]
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


READERS = {
    ".txt": _read_seed,
    ".csv": read_csv,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".tbx": _read_tbx,
}


# --- CSV export (the inverse of read_csv) -------------------------------------------------------


def csv_rows(concepts) -> Iterator[list[str]]:
    """Header then one row per definition: ``read_csv`` + merging rebuild the same concepts.

    A concept with several definitions becomes several rows with the same term; lists are
    joined with ``"; "``.
    """
    yield list(FIELDS)
    for concept in concepts:
        base = [
            concept.term,
            "",
            "; ".join(concept.acronyms),
            "; ".join(concept.aliases),
            concept.category or "",
            concept.status or "",
        ]
        for definition in concept.definitions or ():
            row = list(base)
            row[1] = definition.text
            yield row


def write_csv(concepts, stream) -> None:
    """Write ``concepts`` as CSV (UTF-8 text stream; CRLF row ends, as RFC 4180 and Excel expect)."""
    writer = csv.writer(stream)
    for row in csv_rows(concepts):
        writer.writerow(row)
