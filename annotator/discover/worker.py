"""The per-document job discovery runs on the batch engines (inline, process pool, Dask).

:class:`MinerSpec` is to discovery what :class:`~annotator.batch.tagger.PipelineSpec` is to
tagging: small and picklable, sent to every worker, which builds its :class:`Miner` once
(:func:`annotator.batch.engine.make_worker` calls :meth:`MinerSpec.make_worker`). A miner
returns the same outcome tuples as the tagger, with a :class:`DocumentCandidates` where the
tagger puts an output line, so the engines' ordered loop serves both unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import AnnotatorError
from ..lint.config import LintConfig
from ..text.safety import DEFAULT_MAX_LENGTH
from .candidates import document_candidates
from .known import known_from_glossary
from .variants import VariantIndex

#: Format name meaning "from the document id's file suffix" (KB directories).
AUTO = "auto"


@dataclass(frozen=True)
class MineOptions:
    format: str = "text"  # a markup format, or AUTO
    max_length: int = DEFAULT_MAX_LENGTH


@dataclass(frozen=True)
class MinerSpec:
    """The glossary and acronym allowlist a miner compares against."""

    glossaries: tuple[str, ...] = ()
    builtin: bool = True
    allow: tuple[str, ...] = ()
    default_allow: bool = True

    def lint_config(self) -> LintConfig:
        return LintConfig(allow=frozenset(self.allow), default_allow=self.default_allow,
                          glossary=tuple(Path(g) for g in self.glossaries),
                          builtin_glossary=self.builtin)

    def make_worker(self, options: MineOptions) -> Miner:
        return Miner(self, options)


def format_of(doc_id: object, default: str) -> str:
    if default != AUTO:
        return default
    from .sources import document_suffixes

    return document_suffixes().get(Path(str(doc_id)).suffix.lower(), "text")


class Miner:
    """Finds each document's candidates; one per worker process."""

    def __init__(self, spec: MinerSpec, options: MineOptions) -> None:
        from ..lint.runner import load_glossary

        config = spec.lint_config()
        self.options = options
        self.glossary = load_glossary(config)
        self.known = known_from_glossary(self.glossary)
        self.index = VariantIndex(self.known)
        self.allow = config.allowlist

    def warm_up(self, texts) -> None:
        """Nothing to warm: no pipeline, only regular expressions and dicts."""

    def mine(self, doc_id, text: str, text_format: str | None = None):
        """One document's :class:`~.candidates.DocumentCandidates` (``text_format`` overrides
        the options' format). Raises ValueError for a text over the length limit."""
        if len(text) > self.options.max_length:
            raise ValueError(f"text is {len(text)} characters long; the limit is "
                             f"{self.options.max_length}")
        return document_candidates(doc_id, text, text_format or format_of(doc_id, self.options.format),
                                   glossary=self.glossary, known=self.known, index=self.index,
                                   allow=self.allow)

    def tag(self, docs):
        """``[(number, id, text)]`` -> outcomes ``("ok", number, candidates, None)`` or
        ``("error", number, reason)``, one per document, in order."""
        outcomes = []
        for number, doc_id, text in docs:
            try:
                outcomes.append(("ok", number, self.mine(doc_id, text), None))
            except (AnnotatorError, ValueError, RecursionError) as exc:
                outcomes.append(("error", number, getattr(exc, "message", None) or str(exc)))
        return outcomes
