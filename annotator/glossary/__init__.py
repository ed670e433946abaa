"""Glossary readers, merging, pattern generation and the build that writes ``patterns/``."""

from .model import Concept, Definition, Entry, Glossary, Skipped

__all__ = ["Concept", "Definition", "Entry", "Glossary", "Skipped"]
