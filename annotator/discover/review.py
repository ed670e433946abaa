"""The review loop: decisions that stick, and proposals in the glossary's CSV import format.

A decisions file is CSV with a header ``candidate,decision``; ``decision`` is ``accepted`` or
``rejected`` (case-insensitive). A rejected candidate never comes back; an accepted one stays
listed (marked) until it is in the glossary, after which discovery no longer proposes it.

The export is the CSV the glossary readers import (``term, definition, acronym, aliases,
category, status, ...``) with ``status`` set to ``proposed``: an acronym becomes a row for its best
long form (also its definition until a reviewer writes one), a term a row of its own with an
empty definition (the importer reports such a row as skipped, never imports it silently), a
variant an alias row on its concept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ..errors import DiscoverError
from ..glossary.formats.rows import FIELDS
from .known import Known
from .model import Candidate

DECISIONS = ("accepted", "rejected")
PROPOSED = "proposed"
#: Largest decisions file read (a decisions file is typed by people).
MAX_DECISIONS_BYTES = 64 * 1024 * 1024


def parse_decisions(text: str, path: str = "<decisions>") -> dict[str, str]:
    """``{casefolded candidate: decision}``; the last line for a candidate wins."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        return {}
    names = [h.strip().lower() for h in header]
    if "candidate" not in names or "decision" not in names:
        raise DiscoverError("E703", path=path, line=1,
                            detail="the header must name the columns candidate and decision")
    at_candidate, at_decision = names.index("candidate"), names.index("decision")
    decisions: dict[str, str] = {}
    for line, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(at_candidate, at_decision):
            raise DiscoverError("E703", path=path, line=line, detail="missing a column")
        candidate, decision = row[at_candidate].strip(), row[at_decision].strip().lower()
        if not candidate:
            raise DiscoverError("E703", path=path, line=line, detail="empty candidate")
        if decision not in DECISIONS:
            raise DiscoverError("E703", path=path, line=line,
                                detail=f"decision {decision!r} is not accepted or rejected")
        decisions[candidate.casefold()] = decision
    return decisions


def read_decisions(path: Path) -> dict[str, str]:
    try:
        if path.stat().st_size > MAX_DECISIONS_BYTES:
            raise DiscoverError("E702", path=str(path),
                                detail=f"larger than {MAX_DECISIONS_BYTES} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DiscoverError("E702", path=str(path), detail=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise DiscoverError("E702", path=str(path), detail=f"invalid UTF-8 at byte {exc.start}") from exc
    return parse_decisions(text, str(path))


def _row(**fields: str) -> list[str]:
    return [fields.get(name, "") for name in FIELDS]


def glossary_rows(candidates: Sequence[Candidate], known: Known) -> list[list[str]]:
    """Header then one import row per candidate (see the module docstring); columns the
    import format has beyond these (familiarity) are left empty for the glossary's own rule."""
    rows = [list(FIELDS)]
    for c in candidates:
        if c.kind == "acronym":
            rows.append(_row(term=c.best_long_form or c.candidate, definition=c.best_long_form or "",
                             acronym=c.candidate, status=PROPOSED))
        elif c.kind == "variant" and c.variant_of in known.concepts:
            term, definition = known.concepts[c.variant_of]
            rows.append(_row(term=term, definition=definition, aliases=c.candidate, status=PROPOSED))
        else:
            rows.append(_row(term=c.candidate, status=PROPOSED))
    return rows


def export_glossary(candidates: Sequence[Candidate], known: Known, path: Path) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(glossary_rows(candidates, known))
    except OSError as exc:
        raise DiscoverError("E705", path=str(path), detail=exc.strerror or str(exc)) from exc
