"""Pattern generation in a forked child, for glossaries big enough for it to pay.

:mod:`annotator.glossary.compile` says what the patterns are; this module decides where they
are made. A big glossary's patterns (~740,000 at 100,000 concepts, ~2 s of pure Python) are made
on the machine's other core (:mod:`.forked`) while this process builds the matcher's tables from
the ones already received; small glossaries are compiled in this process. Either way the
records are the same, in the same order.
"""

from __future__ import annotations

import functools
import marshal
import os
from collections.abc import Callable, Iterable, Iterator

from ..glossary.compile import (
    Record,
    batches_from_names,
    concept_names,
    pattern_records,
    record_dict,
    records_from_dicts,
)
from ..glossary.model import Glossary
from ..glossary.tokens import english_tokenizer
from ..vocabulary.frequency import load_word_list
from . import collector
from .forked import Worker, can_fork, forked_iter, start_worker

#: From this many concepts, :meth:`PatternStream.records` generates the patterns in a forked
#: child while the matcher reads them (see :mod:`.forked`): at 100,000 concepts that takes ~2 s
#: off the build on a second core. Below it the fork is not worth its few milliseconds.
PARALLEL_MIN_CONCEPTS = 20_000


class PatternStream:
    """The patterns :func:`generate_patterns` makes, as an iterator of pattern dicts (read once).

    A consumer that only needs the values (:class:`~annotator.pipeline.matcher.GlossaryMatcher`)
    reads :meth:`records` instead: the same patterns, in the same order, as ``(label, pattern,
    id)`` tuples, without a dict made and taken apart again for each of ~740,000 patterns.
    Nothing is generated before the first read.
    """

    __slots__ = ("_glossary", "_parallel", "_records", "_worker", "elsewhere")

    def __init__(self, glossary: Glossary, *, parallel: bool | None = None, worker: Worker | None = None) -> None:
        self._glossary = glossary
        self._parallel = parallel
        self._worker = worker
        self._records: Iterator[Record] | None = None
        #: Set by :meth:`records` when a forked worker makes the patterns: it started on them
        #: at once, and what it sends is kept until read (see :meth:`.forked.Worker.results`),
        #: so the time until they are read is the reader's own to use.
        self.elsewhere = False

    def __iter__(self) -> PatternStream:
        return self

    def __next__(self) -> dict:
        return record_dict(next(self.records()))

    def records(self, *, settle: Callable[[], None] | None = collector.settle) -> Iterator[Record]:
        """The patterns not read yet, as ``(label, pattern, id)``.

        ``settle``: housekeeping for a forked generator's waits (see :func:`.forked.forked_iter`;
        by default :func:`.collector.settle`, which does something only while a pipeline loads);
        never called when the patterns are made in this process.
        """
        if self._records is None:
            glossary, parallel, worker = self._glossary, self._parallel, self._worker
            if worker is not None and parallel is not False:
                # Made here again from the glossary if the child dies, rather than from the
                # names sent (~10 MB at 100,000 concepts, then kept while the child works).
                self._records = worker.results(_names_blob(glossary), _batches_from_names, settle=settle,
                                               fallback=lambda: pattern_records(glossary))
                self.elsewhere = True
                return self._records
            if parallel is None:
                parallel = len(glossary) >= PARALLEL_MIN_CONCEPTS and can_fork()
            if parallel:
                make = functools.partial(_batches_from_names, _names_blob(glossary))
                self._records = forked_iter(make, batched=True, settle=settle)
            else:
                self._records = pattern_records(glossary)
        return self._records


def start_generator() -> Worker | None:
    """A pattern generator forked now, for :func:`generate_patterns`'s ``worker``: call it
    before reading a big glossary (None where forking is not safe, see
    :func:`.forked.can_fork`).

    Forked before the glossary exists, the child shares none of its pages, so the build may
    collect garbage while the child generates without either process copying a page; forked
    after, that collection has to run before the fork (~0.3 s at 100,000 concepts) to keep
    memory down. An unused generator ends when dropped (or :meth:`~.forked.Worker.close`).

    The word-frequency list both processes read (the generator for inflections and regional
    spellings, this one for the glossary lexicon) is read first, so the child shares it; the
    child makes its tokenizer while this process reads the glossary. (Where no child can be
    forked, this process still reads the list: its glossary lexicon reads it anyway.)
    """
    load_word_list()
    return start_worker(_batches_from_names, prepare=english_tokenizer)


#: From this many bytes of glossary files, :func:`start_generator_for` forks (~20,000 concepts
#: of JSONL at ~200 bytes each: :data:`PARALLEL_MIN_CONCEPTS`).
EARLY_GENERATOR_BYTES = 4_000_000


def start_generator_for(paths: Iterable[str | os.PathLike]) -> Worker | None:
    """:func:`start_generator` when the glossary files at ``paths`` are big enough for a
    forked generator to pay (:data:`EARLY_GENERATOR_BYTES`), else None. Call it before reading
    them; a missing file counts for nothing (reading it reports the error)."""
    size = 0
    for path in paths:
        try:
            size += os.path.getsize(path)
        except OSError:
            pass
    return start_generator() if size >= EARLY_GENERATOR_BYTES else None


def generate_patterns(
    glossary: Glossary, *, parallel: bool | None = None, worker: Worker | None = None
) -> PatternStream:
    """All EntityRuler patterns for ``glossary``, one at a time: ``{"label", "pattern", "id"}``.

    Terms and aliases first (in concept order), then acronyms (sorted). A phrase that several
    concepts could claim goes to the concept whose own written term or alias it is, then to the
    first concept in glossary order, so each (label, pattern) appears exactly once.

    Lazy: a 100,000-concept glossary has ~740,000 patterns, and a list of them as dicts
    (~300 MB) would be most of a build's peak memory; the matcher and ``render`` read them once.
    What is kept is one string per term pattern, to leave out repeats.

    ``parallel``: generate in a forked child process (see :mod:`.forked`; the same patterns
    either way); by default only for a glossary of :data:`PARALLEL_MIN_CONCEPTS` or more
    where forking is safe. ``worker``: a generator from :func:`start_generator` to use
    (unless ``parallel`` is false).
    """
    return PatternStream(glossary, parallel=parallel, worker=worker)


def _names_blob(glossary: Glossary) -> bytes:
    """The glossary's names (:func:`~annotator.glossary.compile.concept_names`), as bytes for a
    forked generator.

    A forked child that walked the glossary itself would write to every concept object it
    touched (reference counts), and the kernel would copy each page it wrote to: ~130 MB of
    copies at 100,000 concepts. From these bytes (~10 MB, ~0.05 s) it makes its own objects.
    """
    return marshal.dumps(concept_names(glossary))


def _batches_from_names(blob: bytes) -> Iterator[list[Record]]:
    return batches_from_names(marshal.loads(blob))


def as_records(patterns: Iterable[dict] | PatternStream) -> Iterable[Record] | Iterator[Record]:
    """Pattern records of ``patterns``: a :class:`PatternStream`'s own (no dict made for each),
    or the records of pattern dicts (checked as they are read, see
    :func:`~annotator.glossary.compile.records_from_dicts`)."""
    if isinstance(patterns, PatternStream):
        return patterns.records()
    return records_from_dicts(patterns)
