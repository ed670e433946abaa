"""JSON and JSON Lines glossaries: entry objects, or concepts in our generated format.

The fields and the row policy are :mod:`.rows`'s; this module walks the JSON so that every
entry and every error carries the line it starts on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ...errors import GlossaryError
from ..model import Entry, Skipped
from .rows import clean, collect, make_entry, read_text, split_list


def read_json(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read a JSON glossary: a list of entry objects, or ``{"concepts": [...]}``.

    Each object has the CSV's fields (``acronym``/``acronyms`` and ``aliases`` may be a string or
    a list of strings) or is a concept in our generated format (``definitions: [{text, source,
    line}]``). Every object is attributed to the line it starts on.
    """
    text = read_text(path)
    return collect(
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
                    "E113", path=str(path), line=lineno, detail=f"{exc.msg} (column {exc.colno})"
                ) from exc
            except RecursionError:
                raise GlossaryError("E113", path=str(path), line=lineno, detail=TOO_DEEP) from None
            yield from _rows_from_object(obj, path, lineno)

    return collect(rows())


_WS = re.compile(r"[ \t\n\r]*")
#: Python's JSON decoder recurses once per nesting level; a hostile file nested deeper than the
#: interpreter's recursion limit is reported like any other malformed JSON, not as a traceback.
TOO_DEEP = "nested too deeply"


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
                "E113", path=str(path), line=exc.lineno, detail=f"{exc.msg} (column {exc.colno})"
            ) from exc
        except RecursionError:
            raise GlossaryError("E113", path=str(path), line=line_of(index), detail=TOO_DEEP) from None

    def skip_ws(index: int) -> int:
        return _WS.match(text, index).end()

    def expect(index: int, chars: str) -> tuple[str, int]:
        index = skip_ws(index)
        if index >= len(text) or text[index] not in chars:
            found = repr(text[index]) if index < len(text) else "end of file"
            raise GlossaryError(
                "E113", path=str(path), line=line_of(index), detail=f"expected {' or '.join(map(repr, chars))}, found {found}"
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
        raise GlossaryError("E113", path=str(path), line=1, detail="empty file; expected a list of entries")
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
                    raise GlossaryError("E113", path=str(path), line=line_of(key_start), detail="object key must be a string")
                _, index = expect(index, ":")
                index = skip_ws(index)
                if key == "concepts":
                    if not text.startswith("[", index):
                        raise GlossaryError("E114", path=str(path), line=line_of(index), detail='"concepts" must be a list')
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
        raise GlossaryError("E113", path=str(path), line=line_of(index), detail="extra data after the end")


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
        "familiarity": _json_string(obj, "familiarity", path, line),
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
    return GlossaryError("E114", path=str(path), line=line, detail=detail)


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
