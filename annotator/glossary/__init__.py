"""Glossaries: the model, file formats, merging, loading and pattern compilation (the build that
writes ``patterns/`` is :mod:`annotator.build`).

``load_glossary(paths, *, builtin=True)`` is the one way to get a :class:`Glossary` from the
built-in glossary and user glossary files (see :mod:`.loading`); :mod:`.formats` is the registry
of file formats it reads.
"""

from .loading import load_glossary
from .model import Concept, Definition, Entry, Glossary, Skipped

__all__ = ["Concept", "Definition", "Entry", "Glossary", "Skipped", "load_glossary"]
