"""What every user-glossary format shares: the row policy, field validation, decoding.

Every reader (:mod:`.csvfile`, :mod:`.jsonfile`, :mod:`.tbx`) returns ``(entries, skipped)``: :class:`Entry` objects attributed to the file name
and the physical line they start on, and :class:`Skipped` records for rows deliberately left out
(the build report lists them). Anything malformed raises a coded :class:`GlossaryError` that
names the file and the line, so a user can open the file at the right place.

Row policy, the same for every format:

* a row with no term is an error (E114): there is nothing to attribute its definition to;
* a row with a term but an empty definition is *skipped with a reason*, not an error: glossaries
  in progress often list terms before they are defined, and a tooltip without text is useless;
* duplicate terms are kept as separate entries; :func:`~annotator.glossary.merge.merge_entries` makes them one concept
  with several attributed definitions (exact duplicates collapse there);
* unknown columns / keys are ignored, so spreadsheets with extra bookkeeping columns load;
* a field longer than :data:`MAX_FIELD_CHARS` is rejected (E115): a multi-megabyte "definition"
  is a broken export, and it would be sent to every browser showing the tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...errors import GlossaryError
from ...text.safety import utf8_error_position
from ...vocabulary.acronyms import is_acronym_phrase
from ..files import read_bounded
from ..model import CATEGORIES, FAMILIARITY, STATUSES, Entry, Skipped

#: Longest accepted term, alias, acronym or definition, in characters.
MAX_FIELD_CHARS = 20_000

#: The columns/keys a user glossary may have; ``term`` and ``definition`` are required.
FIELDS = ("term", "definition", "acronym", "aliases", "category", "status", "familiarity")
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
    "familiarity": "familiarity",
    # Where a definition came from, as `glossary export` writes it: a re-import credits the
    # original source (so merging sees the same definition, not a second one).
    "source": "source",
    "line": "line",
}
#: The attribution columns `glossary export --format csv` adds after :data:`FIELDS`.
ATTRIBUTION = ("source", "line")

_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_CATEGORY_BY_FOLD = {known.casefold(): known for known in CATEGORIES}


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
            "E110",
            path=str(path),
            line=line,
            detail=f"byte {bad} at column {column}",
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

    def fail(detail: str, code: str = "E114") -> GlossaryError:
        return GlossaryError(code, path=str(path), line=line, detail=detail)

    for name in ("term", "definition", "category", "status", "familiarity"):
        value = fields.get(name) or ""
        if len(value) > MAX_FIELD_CHARS:
            raise fail(f"{name} is {len(value)} characters, longer than the limit of {MAX_FIELD_CHARS}", "E115")
    for name in ("acronym", "aliases"):
        for value in fields.get(name) or ():
            if len(value) > MAX_FIELD_CHARS:
                raise fail(f"{name} value is {len(value)} characters, longer than the limit of {MAX_FIELD_CHARS}", "E115")

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
    familiarity = clean(get("familiarity") or "").lower() or None
    if familiarity is not None and familiarity not in FAMILIARITY:
        raise fail(f"unknown familiarity {familiarity!r} (expected one of {', '.join(FAMILIARITY)})")
    acronyms = get("acronym") or ()
    if acronyms:
        acronyms = tuple(a for a in acronyms if a)
        # A lower-case word in the acronym column (a shifted CSV row) would be matched
        # case-sensitively as jargon everywhere it occurs: the shared acronym rule decides.
        for acronym in acronyms:
            if not is_acronym_phrase(acronym):
                raise fail(f"acronym {acronym[:40]!r} does not look like an acronym (e.g. SLA, eNPS, SOC 2)")
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
        familiarity=familiarity,
    )


def collect(rows: Iterable[Entry | Skipped]) -> tuple[list[Entry], list[Skipped]]:
    """Split a reader's rows into ``(entries, skipped)``, order kept."""
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for row in rows:
        (entries if isinstance(row, Entry) else skipped).append(row)
    return entries, skipped
