"""Files on disk -> findings: path walking, decoding, glossary loading.

Everything that touches the file system lives here so :func:`rules.lint_text` stays pure.
Errors are :class:`LintError` with the file named; the CLI decides the exit code.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LintError
from ..glossary import loading
from ..glossary.model import Glossary
from .config import LintConfig
from .findings import Finding
from .rules import lint_text

#: File suffix -> markup format understood by ``visible_text``.
FORMATS_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rst",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
_SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv"}


@dataclass(frozen=True)
class Article:
    """A decoded article: ``text`` has no BOM; ``bom`` remembers whether the file had one."""

    path: Path
    display: str  # the path as shown in reports (as given on the command line, posix slashes)
    text: str
    format: str
    bom: bool = False


@dataclass
class FileResult:
    article: Article
    findings: list[Finding] = field(default_factory=list)


def format_for(path: Path) -> str:
    fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise LintError("E403", path=str(path), suffix=path.suffix or "(none)")
    return fmt


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to lint, in a deterministic order, each once.

    A file named explicitly must have a supported suffix (E403 otherwise); directories are
    walked recursively, sorted, skipping hidden and tool directories and unsupported files.
    """
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in files:
                    if Path(name).suffix.lower() in FORMATS_BY_SUFFIX and not name.startswith("."):
                        found.append(Path(root) / name)
            candidates = sorted(found, key=lambda p: p.as_posix())
        elif path.exists():
            format_for(path)
            candidates = [path]
        else:
            raise LintError("E401", path=str(path), detail="no such file or directory")
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def read_article(path: Path) -> Article:
    """Read and decode one article (strict UTF-8; a BOM is remembered and stripped)."""
    fmt = format_for(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LintError("E401", path=str(path), detail=exc.strerror or str(exc)) from exc
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LintError(
            "E401", path=str(path), detail=f"invalid UTF-8 at byte {exc.start + (3 if bom else 0)}"
        ) from exc
    return Article(path, path.as_posix(), text, fmt, bom)


@functools.lru_cache(maxsize=8)
def _load_glossary(builtin: bool, extra: tuple[Path, ...], stamps: tuple[float, ...]) -> Glossary:
    # ``stamps`` (the files' mtimes) is only part of the cache key: an edited file is reloaded.
    # A missing built-in glossary is no error here: the user's glossaries still lint.
    return loading.load_glossary(extra, builtin=builtin, require_builtin=False)


def load_glossary(config: LintConfig) -> Glossary:
    """The built-in glossary merged with the config's extra glossary files (cached per process)."""
    stamps = tuple(p.stat().st_mtime if p.exists() else 0.0 for p in config.glossary)
    return _load_glossary(config.builtin_glossary, tuple(config.glossary), stamps)


def write_article(article: Article, text: str) -> None:
    """Write ``text`` back to the article's file, restoring its BOM (used by ``--fix``)."""
    data = ("\ufeff" if article.bom else "") + text
    try:
        article.path.write_bytes(data.encode("utf-8"))
    except OSError as exc:
        raise LintError("E401", path=str(article.path), detail=f"cannot write: {exc.strerror or exc}") from exc


def lint_article(article: Article, *, glossary: Glossary, config: LintConfig) -> FileResult:
    return FileResult(article, lint_text(article.text, article.format, glossary=glossary, config=config))
