"""Loading a glossary: the built-in one and user glossary files -> one :class:`Glossary`.

The one function every caller uses (the build, the lint runner, the CLI's ``glossary``
command, the spaCy component's user glossaries): read each file with its format's reader
(:mod:`.formats`), merge the entries on top of the base concepts (:mod:`.merge`), and report
what was read and skipped when asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GlossaryError
from .formats import read_glossary_file
from .merge import merge_entries
from .model import Concept, Entry, Glossary, Skipped


@dataclass
class BuildReport:
    """What a load read: entries per source file, skipped lines, the result."""

    sources: dict[str, int] = field(default_factory=dict)  # file name -> entries read
    skipped: list[Skipped] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)
    patterns: int = 0

    def summary_lines(self) -> list[str]:
        g = self.glossary
        acronyms = sorted(g.by_acronym)
        lines = [
            f"sources: {len(self.sources)}",
            *(f"  {name}: {count} entries" for name, count in self.sources.items()),
            f"concepts: {len(g)} (from {sum(self.sources.values())} entries; "
            f"{sum(1 for c in g if len(c.definitions) > 1)} merged across sources)",
            f"acronyms: {len(acronyms)}",
            f"ambiguous acronyms: {len(g.ambiguous_acronyms)}",
            *(
                f"  {acr}: " + " | ".join(c.term for c in concepts)
                for acr, concepts in g.ambiguous_acronyms.items()
            ),
            f"patterns: {self.patterns}",
            f"skipped: {len(self.skipped)}",
        ]
        reasons = Counter(s.reason for s in self.skipped)
        lines += [f"  {count} x {reason}" for reason, count in reasons.most_common()]
        lines += [f"    {s.source}:{s.line}: {s.text[:70]!r} ({s.reason})" for s in self.skipped]
        return lines


def builtin_concepts(*, required: bool = True) -> list[Concept]:
    """The concepts of the built-in ``patterns/glossary.jsonl``.

    A missing file raises E103 (the package was not built), or, with ``required=False``, gives
    no concepts (the linter then checks against the user's glossaries alone).
    """
    from ..resources import builtin_glossary_path

    path = builtin_glossary_path()
    if not path.is_file():
        if required:
            raise GlossaryError("E103", path=str(path), detail="missing; run `helpdesk-annotator build`")
        return []
    return list(Glossary.load(path))


def load_glossary(
    paths: Iterable[str | Path] = (),
    *,
    builtin: bool = True,
    base: Iterable[Concept] | None = None,
    require_builtin: bool = True,
    report: BuildReport | None = None,
) -> Glossary:
    """The base concepts with the glossary files ``paths`` (any supported format) merged on top.

    The base is ``base`` when given, else the built-in glossary when ``builtin`` (see
    :func:`builtin_concepts` for ``require_builtin``), else nothing. With no files, the base is
    returned as it is (no merge pass). ``report``, when given, receives the entries read per
    file, the skipped lines and the result.
    """
    if base is None:
        base = builtin_concepts(required=require_builtin) if builtin else []
    base = list(base)
    paths = [Path(p) for p in paths]
    if not paths:
        glossary = Glossary(base)
    else:
        entries: list[Entry] = []
        for path in paths:
            found, skipped = read_glossary_file(path)
            entries.extend(found)
            if report is not None:
                report.sources[path.name] = len(found)
                report.skipped.extend(skipped)
        glossary = Glossary(merge_entries(entries, base=base))
    if report is not None:
        report.glossary = glossary
    return glossary
