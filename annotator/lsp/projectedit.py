"""Edits to project files that the quick fixes propose: the allowlist and the glossary CSV.

Each function returns the smallest insertion or replacement -- ``(start, end, new_text)`` in
code points of the file's current text -- that makes the change, and checks its own work
(the edited TOML is parsed again and must allow the acronym). Nothing is written here: the
editor applies the edit, so the user sees it and can undo it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .engine import CONFIG_FILE, parse_config_text

Edit = tuple[int, int, str]

_HEADER = re.compile(r"^[ \t]*\[(?P<name>[^\[\]\n]+)\][ \t]*(?:#.*)?$", re.MULTILINE)
_ALLOW = re.compile(r"^[ \t]*allow[ \t]*=[ \t]*", re.MULTILINE)


def _tables(text: str) -> list[tuple[str, int, int]]:
    """``(name, body_start, body_end)`` of every table, the top-level one named ''."""
    headers = list(_HEADER.finditer(text))
    out = [("", 0, headers[0].start() if headers else len(text))]
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        body = header.end() + 1 if header.end() < len(text) else header.end()
        out.append((header.group("name").strip().replace(" ", ""), body, end))
    return out


def _target_table(text: str, path: Path) -> tuple[str, int, int] | None:
    """The table whose ``allow`` the linter reads: the ``lint`` sub-table when there is one."""
    names = {name: (name, start, end) for name, start, end in _tables(text)}
    for name in ("tool.helpdesk-annotator.lint", "tool.helpdesk-annotator"):
        if name in names:
            return names[name]
    if path.name == CONFIG_FILE:
        return names["lint"] if "lint" in names else names[""]
    return None


def _quoted(acronym: str) -> str:
    return '"' + acronym.replace("\\", "\\\\").replace('"', '\\"') + '"'


def allow_edit(text: str, path: Path, acronym: str) -> Edit | None:
    """The edit adding ``acronym`` to the allowlist of config file ``path`` (text ``text``);
    None when the file's shape is one this function does not dare to edit."""
    table = _target_table(text, path)
    if table is None:  # a pyproject.toml without our table: add one at the end
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        edit = (len(text), len(text), f"{sep}[tool.helpdesk-annotator]\nallow = [{_quoted(acronym)}]\n")
        return edit if _allows(text, edit, path, acronym) else None
    _, start, end = table
    allow = _ALLOW.search(text, start, end)
    if allow is None:
        edit = (start, start, f"allow = [{_quoted(acronym)}]\n")
    else:
        edit = _extend(text, allow.end(), acronym)
    return edit if edit is not None and _allows(text, edit, path, acronym) else None


def _extend(text: str, value_start: int, acronym: str) -> Edit | None:
    if text.startswith("[", value_start):
        close = text.find("]", value_start)
        if close < 0:
            return None
        inside = text[value_start + 1 : close]
        if not inside.strip():
            return (value_start + 1, close, _quoted(acronym))
        stripped = inside.rstrip()
        at = value_start + 1 + len(stripped)
        comma = "" if stripped.endswith(",") else ","
        return (at, at, f"{comma} {_quoted(acronym)}")
    string = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'').match(text, value_start)
    if string is None:
        return None
    return (string.start(), string.end(), f"[{string.group()}, {_quoted(acronym)}]")


def _allows(text: str, edit: Edit, path: Path, acronym: str) -> bool:
    """Does the edited file parse and allow ``acronym``? (The edit is only offered if so.)"""
    start, end, new = edit
    try:
        return acronym in parse_config_text(text[:start] + new + text[end:], path).allow
    except Exception:  # any failure means "do not offer this edit"
        return False


def new_config(acronym: str) -> str:
    """The text of a new ``.helpdesk-annotator.toml`` allowing ``acronym``."""
    return f"# helpdesk-annotator lint settings\nallow = [{_quoted(acronym)}]\n"


def glossary_row_edit(text: str, term: str, acronym: str, definition: str) -> Edit | None:
    """The edit appending a row for ``term (acronym)`` to a glossary CSV whose current text is
    ``text``, in the file's own columns and delimiter; None without a usable header."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [c.strip().lower() for c in next(csv.reader([first], delimiter=delimiter), [])]
    if "term" not in header:
        return None
    values = {"term": term, "acronym": acronym, "acronyms": acronym, "definition": definition}
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow([values.get(c, "") for c in header])
    newline = "\r\n" if "\r\n" in text else "\n"
    row = out.getvalue().replace("\n", newline)
    sep = "" if text.endswith(("\n", "\r")) else newline
    return (len(text), len(text), sep + row)
