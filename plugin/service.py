"""The per-app annotator: one pipeline per process, kept in ``app.extensions``.

Routes reach it through :func:`get_service`; nothing here is a module-level global, so two apps
in one process (tests do this) never share or overwrite each other's pipeline.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from flask import Flask, current_app

from annotator.api import COMPONENT, load
from annotator.session import AnnotationSession

EXTENSION_KEY = "helpdesk_annotator"


class AnnotatorService:
    def __init__(self, glossary_paths: Sequence[str] = (), *, builtin: bool = True,
                 max_length: int | None = None) -> None:
        self.glossary_paths = tuple(glossary_paths)
        self.builtin = builtin
        self.max_length = max_length
        self.nlp = None
        self.session: AnnotationSession | None = None
        self.error: BaseException | None = None
        # spaCy pipelines are not documented as thread-safe (memory zones in particular), and
        # annotation is CPU-bound under the GIL anyway: one call at a time per process costs
        # nothing and rules out interleaved vocab/memory-zone state between gunicorn threads.
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()

    # --- lifecycle -------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.nlp is not None

    def load(self):
        """Build the pipeline once; later calls return the same one."""
        with self._load_lock:
            if self.nlp is None:
                nlp = load(self.glossary_paths, builtin=self.builtin)
                # The component reads its glossary on first use; do it now, so a broken
                # glossary fails at startup and gunicorn's workers inherit the loaded data.
                nlp.get_pipe(COMPONENT).glossary_info
                self.session = AnnotationSession(nlp, max_length=self.max_length)
                # And what it builds on its first documents: in the master, before the fork,
                # so the workers share it and no first request pays for it.
                self.session.warm()
                self.nlp = nlp
            return self.nlp

    def start_loading(self) -> None:
        """Build the pipeline in the background (lazy mode's /readyz); errors are kept for /readyz."""
        if self.ready or self._load_lock.locked():
            return

        def run() -> None:
            try:
                self.load()
            except Exception as exc:  # reported by /readyz, re-raised by the next request
                self.error = exc

        threading.Thread(target=run, name="helpdesk-annotator-load", daemon=True).start()

    # --- glossary --------------------------------------------------------------------------
    @property
    def component(self):
        return self.load().get_pipe(COMPONENT)

    @property
    def glossary(self):
        return self.component.glossary

    @property
    def glossary_info(self) -> dict:
        if not self.ready:
            return {}
        return dict(self.component.glossary_info)

    # --- annotation ------------------------------------------------------------------------
    def annotate(self, text: str, format: str, options: dict[str, Any]) -> dict:
        self.load()
        with self._lock:
            return self.session.annotate(text, format, options)


def init_app(app: Flask) -> AnnotatorService:
    service = AnnotatorService(
        app.config["HELPDESK_GLOSSARY_PATHS"],
        builtin=app.config["HELPDESK_BUILTIN_GLOSSARY"],
        max_length=app.config["HELPDESK_MAX_TEXT_LENGTH"],
    )
    app.extensions[EXTENSION_KEY] = service
    if app.config["HELPDESK_PIPELINE_LOADING"] == "eager":
        service.load()
    return service


def get_service() -> AnnotatorService:
    return current_app.extensions[EXTENSION_KEY]
