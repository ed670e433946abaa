"""Saving and restoring the component: ``to_disk``/``from_disk``/``to_bytes``/``from_bytes``.

A saved component is a directory (or a msgpack of its files): ``glossary.jsonl``,
``patterns.jsonl`` (what a stock ``entity_ruler`` reads) and ``matcher.msgpack``, the
matcher's tables pre-tokenised (:mod:`annotator.pipeline.matcher_cache`), used only when it fits
the patterns file and the tokenizer. Data never lives in the config.
"""

from __future__ import annotations

import io
import itertools
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import srsly
from spacy.language import Language
from spacy.util import ensure_path

from ..errors import GlossaryError, PipelineError
from ..glossary.compile import patterns_jsonl
from ..glossary.model import Concept, Glossary
from ..runtime import collector
from ..runtime.generation import generate_patterns
from .matcher_cache import matcher_from_cache, matcher_to_cache


class SetData(Protocol):
    """The component's :meth:`~.component.HelpdeskGlossary.set_data`, which installs what is read."""

    def __call__(self, glossary: Glossary, patterns: Iterable[dict], *, saved_as: bytes | None = ...,
                 matcher: object = ...) -> None: ...

GLOSSARY_FILE = "glossary.jsonl"
PATTERNS_FILE = "patterns.jsonl"
#: The matcher's tables, pre-tokenised (a cache: ignored when it does not fit the patterns).
MATCHER_CACHE_FILE = "matcher.msgpack"
#: Pattern lines written at a time by ``to_disk``.
SAVE_CHUNK_LINES = 4096

_JSON = json.JSONDecoder()


def read_patterns(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as handle:
        return list(iter_patterns(handle, str(path)))


def iter_patterns(lines: Iterable[str | bytes], path: str) -> Iterator[dict]:
    """Pattern dicts from JSONL lines, one at a time (blank lines skipped; E302 names the line)."""
    decode = _JSON.decode  # json.loads minus its per-call checks: ~740,000 lines at 100k concepts
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield decode(line.decode("utf-8") if isinstance(line, bytes) else line)
        except ValueError as exc:
            raise PipelineError("E302", line=lineno, path=path, detail=str(exc)) from exc


def write_patterns(saved_as: bytes | None, glossary: Glossary, file: BinaryIO) -> tuple[int, int]:
    """Write the component's patterns JSONL to a binary ``file``: the text they were read from
    (``saved_as``), or, when None, ``glossary``'s generated patterns. Returns its size and CRC-32.

    Generated patterns are written as they come, a few thousand lines at a time: a
    100,000-concept glossary's file is ~60 MB, and as one string, its lines and its encoded
    copy it took ~250 MB more while saving.
    """
    if saved_as is not None:
        file.write(saved_as)
        return len(saved_as), zlib.crc32(saved_as)
    # In this process, not a forked generator: the fork's copy-on-write of a loaded
    # pipeline cost more than its speed saves here.
    patterns = iter(generate_patterns(glossary, parallel=False))
    size = crc = 0
    while chunk := patterns_jsonl(itertools.islice(patterns, SAVE_CHUNK_LINES)).encode("utf-8"):
        file.write(chunk)
        size, crc = size + len(chunk), zlib.crc32(chunk, crc)
    return size, crc


def cache_fingerprint(nlp: Language, size: int, crc: int) -> str:
    """What a matcher cache was built from: the patterns file (its size and CRC-32) and the
    tokenizer that split them (another pipeline's tokenizer may split a phrase differently)."""
    # Its rules only: its vocab (every string seen so far) says nothing of how it splits.
    tokenizer = zlib.crc32(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    return f"{size}:{crc:08x}:{tokenizer:08x}"


def to_disk(path: str | Path, nlp: Language, glossary: Glossary, saved_as: bytes | None, matcher) -> None:
    """Save a loaded component (its ``glossary``, the patterns text it keeps, see
    :func:`write_patterns`, and its ``matcher``) to the directory ``path``."""
    path = ensure_path(path)
    path.mkdir(parents=True, exist_ok=True)
    (path / GLOSSARY_FILE).write_text(glossary.to_jsonl(), encoding="utf-8")
    with open(path / PATTERNS_FILE, "wb") as file:
        size, crc = write_patterns(saved_as, glossary, file)
    # The matcher's tables, pre-tokenised, next to the patterns they come from: a restored
    # big pipeline then skips parsing and tokenising every pattern.
    fingerprint = cache_fingerprint(nlp, size, crc)
    (path / MATCHER_CACHE_FILE).write_bytes(matcher_to_cache(matcher, fingerprint))


def from_disk(path: str | Path, nlp: Language, set_data: SetData) -> None:
    """Restore what :func:`to_disk` saved at ``path`` into ``nlp``'s component (``set_data``)."""
    path = ensure_path(path)
    glossary_file = path / GLOSSARY_FILE
    if not glossary_file.exists():
        raise PipelineError("E301")
    with collector.loading():
        glossary = Glossary.load(glossary_file)
        patterns_file = path / PATTERNS_FILE
        if not patterns_file.exists():
            set_data(glossary, generate_patterns(glossary), saved_as=None)
            return
        data = patterns_file.read_bytes()
        cache_file = path / MATCHER_CACHE_FILE
        matcher = None
        if cache_file.exists():
            fingerprint = cache_fingerprint(nlp, len(data), zlib.crc32(data))
            matcher = matcher_from_cache(nlp.vocab, cache_file.read_bytes(), fingerprint)
        try:
            set_data(
                glossary, iter_patterns(io.BytesIO(data), str(patterns_file)), saved_as=data, matcher=matcher
            )
        except PipelineError:
            if matcher is None:
                raise
            # An id the glossary lacks: parse the patterns for the error naming its line.
            set_data(glossary, iter_patterns(io.BytesIO(data), str(patterns_file)), saved_as=data)


def to_bytes(glossary: Glossary, saved_as: bytes | None) -> bytes:
    """A loaded component's ``glossary`` and patterns (see :func:`write_patterns`) as one msgpack."""
    patterns = io.BytesIO()
    write_patterns(saved_as, glossary, patterns)
    files = {GLOSSARY_FILE: glossary.to_jsonl(), PATTERNS_FILE: patterns.getvalue().decode("utf-8")}
    return srsly.msgpack_dumps(files)


def from_bytes(data: bytes, set_data: SetData) -> None:
    """Restore what :func:`to_bytes` made into the component (``set_data``)."""
    with collector.loading():
        with collector.preserved():
            files = srsly.msgpack_loads(data)
        try:
            concepts = [Concept.from_json(json.loads(line)) for line in files[GLOSSARY_FILE].splitlines() if line.strip()]
            text = files[PATTERNS_FILE]
            patterns = [json.loads(line) for line in text.splitlines() if line.strip()]
        except (KeyError, ValueError, TypeError) as exc:
            raise GlossaryError("E101", path="<bytes>", line=0, detail=str(exc)) from exc
        set_data(Glossary(concepts), patterns, saved_as=text.encode("utf-8"))
