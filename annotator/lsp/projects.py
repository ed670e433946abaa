"""Configuration and glossary per document folder, with the last good one kept on failure.

``lint``'s discovery runs from each document's folder (nearest ``.helpdesk-annotator.toml`` or
``pyproject.toml`` with our table). A glossary and pipeline are loaded once per distinct
glossary set (the files and their modification times) and shared by every folder that names
the same set. When a config or glossary fails to load, the failure is reported once through
``notify`` and the folder keeps the last configuration and glossary that did load: an editor
session never loses its hovers because a file is half-saved.

Used from the server's worker thread only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from ..errors import AnnotatorError
from . import engine

#: Distinct glossary sets kept loaded (each is a spaCy pipeline).
MAX_LOADED = 3

_Key = tuple[bool, tuple[Path, ...], tuple[float, ...]]


def _key(config: engine.LintConfig) -> _Key:
    stamps = tuple(p.stat().st_mtime if p.exists() else 0.0 for p in config.glossary)
    return (config.builtin_glossary, tuple(config.glossary), stamps)


class ProjectStore:
    def __init__(self, notify: Callable[[str], None]) -> None:
        self._notify = notify
        self._configs: dict[Path | None, engine.LintConfig] = {}
        self._good_configs: dict[Path | None, engine.LintConfig] = {}
        self._loaded: OrderedDict[_Key, tuple[engine.Glossary, Callable]] = OrderedDict()
        self._last_glossary: engine.Glossary | None = None
        self._last_pipeline = None
        self._reported: set[str] = set()
        #: Bumped whenever what a folder resolves to may have changed (caches key on it).
        self.generation = 0

    def invalidate(self) -> None:
        """A config or glossary file changed: rediscover and reload on next use."""
        self._configs.clear()
        self._reported.clear()
        self.generation += 1

    def _report(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self._notify(message)

    def config(self, folder: Path | None) -> engine.LintConfig:
        found = self._configs.get(folder)
        if found is not None:
            return found
        try:
            found = engine.config_for(folder)
            self._good_configs[folder] = found
        except AnnotatorError as exc:
            self._report(f"helpdesk-annotator: {exc.message}; keeping the last configuration that loaded")
            found = self._good_configs.get(folder) or engine.LintConfig()
        except OSError as exc:
            self._report(f"helpdesk-annotator: cannot read configuration: {exc}")
            found = self._good_configs.get(folder) or engine.LintConfig()
        self._configs[folder] = found
        return found

    def project(self, folder: Path | None) -> engine.Project:
        """The project for documents in ``folder``: never raises for a bad file (the last
        good glossary stays in use), only if even the built-in glossary cannot load."""
        config = self.config(folder)
        try:
            key = _key(config)
        except OSError:
            key = (config.builtin_glossary, tuple(config.glossary), ())
        loaded = self._loaded.get(key)
        if loaded is None:
            loaded = (self._glossary(config), self._pipeline_loader(config))
            self._loaded[key] = loaded
            while len(self._loaded) > MAX_LOADED:
                self._loaded.popitem(last=False)
        self._loaded.move_to_end(key)
        return engine.Project(config, *loaded)

    def _failed(self, what: str, exc: Exception) -> None:
        detail = exc.message if isinstance(exc, AnnotatorError) else str(exc)
        self._report(f"helpdesk-annotator: {what} failed to load: {detail}; keeping the last glossary that loaded")

    def _glossary(self, config: engine.LintConfig) -> engine.Glossary:
        try:
            self._last_glossary = engine.load_lint_glossary(config)
        except (AnnotatorError, OSError, ValueError) as exc:
            self._failed("glossary", exc)
            if self._last_glossary is None:
                self._last_glossary = engine.load_lint_glossary(engine.LintConfig())
        return self._last_glossary

    def _pipeline_loader(self, config: engine.LintConfig) -> Callable:
        """A function loading ``config``'s pipeline once, on first call (thread-safe: the
        server may warm it on a side thread while the worker lints)."""
        loaded = []
        lock = threading.Lock()

        def pipeline():
            with lock:
                if loaded:
                    return loaded[0]
                try:
                    self._last_pipeline = engine.load_pipeline(config)
                except (AnnotatorError, OSError, ValueError) as exc:
                    self._failed("glossary for annotation", exc)
                    if self._last_pipeline is None:
                        self._last_pipeline = engine.load_pipeline(engine.LintConfig())
                loaded.append(self._last_pipeline)
                return loaded[0]

        return pipeline
