"""The build: glossary sources -> ``patterns/glossary.jsonl`` + ``patterns/patterns.jsonl``.

Deterministic (same sources, same bytes), so the generated files are committed and
``build --check`` can tell when they are stale.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GlossaryError
from .merge import merge_entries
from .model import Concept, Entry, Glossary, Skipped
from .patterns import generate_patterns, patterns_jsonl
from .readers import read_glossary_file

GLOSSARY_FILE = "glossary.jsonl"
PATTERNS_FILE = "patterns.jsonl"


@dataclass
class BuildReport:
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


def source_files(sources_dir: Path) -> list[Path]:
    """Every glossary file in ``sources_dir``, in a stable order."""
    suffixes = {".txt", ".csv", ".json", ".jsonl", ".tbx"}
    return sorted(p for p in Path(sources_dir).iterdir() if p.suffix.lower() in suffixes)


def compile_glossary(
    paths: Sequence[Path], base: Iterable[Concept] = ()
) -> tuple[Glossary, BuildReport]:
    """Read and merge glossary files (on top of ``base`` concepts, if any)."""
    report = BuildReport()
    entries: list[Entry] = []
    for path in paths:
        found, skipped = read_glossary_file(Path(path))
        report.sources[Path(path).name] = len(found)
        report.skipped.extend(skipped)
        entries.extend(found)
    glossary = Glossary(merge_entries(entries, base=base))
    report.glossary = glossary
    return glossary, report


def render(glossary: Glossary) -> dict[str, str]:
    """The generated files' exact contents, by file name."""
    return {
        GLOSSARY_FILE: glossary.to_jsonl(),
        PATTERNS_FILE: patterns_jsonl(generate_patterns(glossary)),
    }


def build(sources_dir: Path, out_dir: Path, *, check: bool = False) -> BuildReport:
    """Compile ``sources_dir`` into ``out_dir``; with ``check``, only compare and raise E104."""
    glossary, report = compile_glossary(source_files(sources_dir))
    files = render(glossary)
    report.patterns = files[PATTERNS_FILE].count("\n")
    out_dir = Path(out_dir)
    if check:
        stale = [
            name
            for name, content in files.items()
            if not (out_dir / name).exists()
            or (out_dir / name).read_text(encoding="utf-8") != content
        ]
        if stale:
            raise GlossaryError("E104", files=", ".join(stale))
        return report
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out_dir / name).write_text(content, encoding="utf-8")
    return report
