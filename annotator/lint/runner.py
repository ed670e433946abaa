"""Files on disk -> findings: path walking, decoding, glossary loading.

Everything that touches the file system lives here so :func:`rules.lint_text` stays pure.
Errors are :class:`LintError` with the file named; the CLI decides the exit code.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LintError
from ..fileio import read_regular, replace_atomically
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
#: Largest article read: far beyond any knowledge-base page, small enough to hold in memory.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
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


def format_for(path: Path, suffixes: Mapping[str, str] = FORMATS_BY_SUFFIX) -> str:
    """The markup format of a file, from its suffix (E403 for a suffix ``suffixes`` lacks)."""
    fmt = suffixes.get(path.suffix.lower())
    if fmt is None:
        raise LintError("E403", path=str(path), suffix=path.suffix or "(none)")
    return fmt


def iter_paths(paths: Iterable[Path], suffixes: Mapping[str, str] = FORMATS_BY_SUFFIX) -> Iterator[Path]:
    """Files to lint (or, with other ``suffixes``, to read as documents), in a deterministic
    order, each once (see :func:`walk`; errors raise)."""
    for path, _root in walk(paths, suffixes=suffixes):
        yield path


def walk(
    paths: Iterable[Path],
    on_error: Callable[[LintError], None] | None = None,
    *,
    suffixes: Mapping[str, str] = FORMATS_BY_SUFFIX,
) -> Iterator[tuple[Path, Path]]:
    """``(file, root)`` for every file to lint, in a deterministic order, each once.

    A file named explicitly must exist and have a supported suffix (E401/E403 otherwise);
    directories are walked recursively, sorted, skipping hidden and tool directories and
    unsupported files. ``root`` is the tree ``--fix`` may write into: the directory named on
    the command line, or a named file's own directory. With ``on_error``, a bad path is handed
    to it and the other paths are still walked; without, the error is raised.
    """
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        try:
            candidates, root = _candidates(path, suffixes)
        except LintError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate, root


def _candidates(path: Path, suffixes: Mapping[str, str]) -> tuple[list[Path], Path]:
    if path.is_dir():
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
            for name in files:
                if Path(name).suffix.lower() in suffixes and not name.startswith("."):
                    found.append(Path(root) / name)
        return sorted(found, key=lambda p: p.as_posix()), path
    if path.exists() or path.is_symlink():
        format_for(path, suffixes)
        return [path], path.parent
    raise LintError("E401", path=str(path), detail="no such file or directory")


def read_article(path: Path) -> Article:
    """Read and decode one article (strict UTF-8; a BOM is remembered and stripped).

    Only a regular file of at most :data:`MAX_ARTICLE_BYTES` is read: a FIFO, a device (a
    committed ``z.md -> /dev/zero``) or a directory is refused with E401, never waited on.
    """
    fmt = format_for(path)
    try:
        data = read_regular(path, limit=MAX_ARTICLE_BYTES)
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


def write_article(article: Article, text: str, *, root: Path | None = None) -> None:
    """Replace the article's file with ``text``, restoring its BOM (used by ``--fix``).

    The replacement is atomic (a kill or a full disk leaves the old article whole) and keeps
    the file's mode; a symlink whose target lies outside ``root`` is not written through.
    Failures are E404.
    """
    data = ("\ufeff" if article.bom else "") + text
    try:
        replace_atomically(article.path, data.encode("utf-8"), root=root)
    except OSError as exc:
        raise LintError("E404", path=str(article.path), detail=exc.strerror or str(exc)) from exc


def lint_article(article: Article, *, glossary: Glossary, config: LintConfig) -> FileResult:
    return FileResult(article, lint_text(article.text, article.format, glossary=glossary, config=config))
