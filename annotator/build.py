"""The build: glossary sources -> ``patterns/glossary.jsonl`` + ``patterns/patterns.jsonl``.

Deterministic (same sources, same bytes), so the generated files are committed and
``build --check`` can tell when they are stale. Above the glossary package: it reads glossaries
and writes their patterns through the runtime's generator (forked for a big glossary).
"""

from __future__ import annotations

from pathlib import Path

from .errors import GlossaryError
from .glossary.compile import patterns_jsonl
from .glossary.formats import is_glossary_file
from .glossary.loading import BuildReport, load_glossary
from .glossary.model import Glossary
from .runtime.generation import generate_patterns

__all__ = ["BuildReport", "build", "render", "source_files"]

GLOSSARY_FILE = "glossary.jsonl"
PATTERNS_FILE = "patterns.jsonl"


def source_files(sources_dir: Path) -> list[Path]:
    """Every glossary file in ``sources_dir`` (a suffix the format registry knows), in a stable order."""
    return sorted(p for p in Path(sources_dir).iterdir() if is_glossary_file(p))


def render(glossary: Glossary) -> dict[str, str]:
    """The generated files' exact contents, by file name."""
    return {
        GLOSSARY_FILE: glossary.to_jsonl(),
        PATTERNS_FILE: patterns_jsonl(generate_patterns(glossary)),
    }


def build(sources_dir: Path, out_dir: Path, *, check: bool = False) -> BuildReport:
    """Compile ``sources_dir`` into ``out_dir``; with ``check``, only compare and raise E104."""
    report = BuildReport()
    glossary = load_glossary(source_files(sources_dir), builtin=False, report=report)
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
