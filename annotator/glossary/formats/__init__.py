"""Glossary file formats: one registry, suffix -> reader.

Every format is one module (or, for the seed pages, one subpackage) with a reader
``read_x(path) -> (entries, skipped)``; :data:`FORMATS` names them. The build (which files of a
sources folder are glossaries), the "unsupported format" error and the CLI help all read this
registry, so a new format is one module and one line here.

Readers are imported on first use: the seed-page parser and the TBX reader (defusedxml) are only
needed when such a file is read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import GlossaryError
from ..model import Entry, Skipped

Reader = Callable[[Path], tuple[list[Entry], list[Skipped]]]


@dataclass(frozen=True)
class Format:
    """One glossary file format: the suffix it is recognised by and where its reader lives."""

    suffix: str
    #: Short name for help texts (``"CSV"``).
    name: str
    #: ``"module:function"`` relative to this package.
    reader_ref: str
    description: str
    #: Offered to users in help texts. Seed pages are read too (any ``.txt``), but they are the
    #: built-in sources' format, not one a team writes its glossary in.
    for_users: bool = True

    def reader(self) -> Reader:
        module, _, function = self.reader_ref.partition(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)


#: Every supported glossary format, by lower-case suffix, in the order help texts list them.
FORMATS: dict[str, Format] = {
    fmt.suffix: fmt
    for fmt in (
        Format(
            ".csv", "CSV", "csvfile:read_csv",
            "a header row (term, definition, acronym, aliases, category, status), one entry per row",
        ),
        Format(".json", "JSON", "jsonfile:read_json", 'a list of entry objects, or {"concepts": [...]}'),
        Format(".jsonl", "JSONL", "jsonfile:read_jsonl", "one entry or concept object per line"),
        Format(".tbx", "TBX", "tbx:read_tbx", "TermBase eXchange XML"),
        Format(
            ".txt", "seed page", "seedpage:read_seed",
            "a glossary web page scraped to plain text (the built-in sources)", for_users=False,
        ),
    )
}


def supported_suffixes() -> tuple[str, ...]:
    """``(".csv", ".json", ".jsonl", ".tbx", ".txt")``: the registry's suffixes."""
    return tuple(FORMATS)


def suffix_list(suffixes: tuple[str, ...] | None = None, *, conjunction: str = "or") -> str:
    """``".csv, .json, .jsonl, .tbx or .txt"``: suffixes as a help text or an error lists them."""
    items = list(supported_suffixes() if suffixes is None else suffixes)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def format_names() -> str:
    """``"CSV, JSON, JSONL, TBX"``: the user formats, as option help texts name them."""
    return ", ".join(fmt.name for fmt in FORMATS.values() if fmt.for_users)


def is_glossary_file(path: Path) -> bool:
    """Does ``path``'s suffix name a supported glossary format (case-insensitively)?"""
    return Path(path).suffix.lower() in FORMATS


def read_glossary_file(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read one glossary file of any supported format, chosen by its suffix.

    ``.txt`` is a seed glossary (free-form text), ``.csv`` / ``.json`` / ``.jsonl`` are user
    glossaries with the fields ``term, definition, acronym, aliases, category[, status]`` and
    ``.tbx`` is TermBase eXchange XML. Any other suffix raises E102, listing the registry's.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GlossaryError("E102", path=str(path), suffix=path.suffix, expected=suffix_list())
    return fmt.reader()(path)
