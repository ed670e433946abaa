"""The unit of work every engine runs: a batch of documents in, plain results out.

A :class:`Tagger` wraps one pipeline. Engines never ship pipelines or ``Doc`` objects between
processes (pickling every Doc back made ``nlp.pipe(n_process=2)`` slower than one process):
workers receive a picklable :class:`PipelineSpec`, build the pipeline once, and return for each
document either the finished output line (bytes) with its summary terms, or a failure reason.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnnotatorError, BatchError
from ..options import AnnotateOptions
from .readers import excerpt
from .summary import document_terms

#: Imported once by an engine's fork server, so each worker starts with spaCy and the pipeline
#: code already loaded (a spawned worker spends about a CPU second importing them).
PIPELINE_MODULES = [
    "spacy", "annotator.api", "annotator.batch.tagger", "annotator.pipeline.component", "annotator.session"
]  # fmt: skip

#: Outcome of one document: ("ok", number, line_bytes, terms) or ("error", number, reason).
Outcome = tuple


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline, small enough to send to every worker.

    ``pipeline`` is a saved spaCy pipeline (``nlp.to_disk``) or an installed package name; the
    ``helpdesk_glossary`` component is added to it unless it already has one. ``code`` is a
    Python file imported first, as ``spacy train --code`` does, to register custom components
    the saved pipeline uses.
    """

    glossaries: tuple[str, ...] = ()
    builtin: bool = True
    pipeline: str | None = None
    code: str | None = None

    def build(self):
        import spacy

        from ..api import COMPONENT, load

        if self.code:
            _import_code(self.code)
        if self.pipeline is None:
            return load(self.glossaries, builtin=self.builtin)
        nlp = spacy.load(self.pipeline)
        if COMPONENT in nlp.pipe_names:
            if self.glossaries or not self.builtin:
                raise BatchError(
                    "E503",
                    detail=f"pipeline {self.pipeline} already has {COMPONENT}; "
                    "--glossary/--no-builtin cannot change it",
                )
            return nlp
        return load(self.glossaries, builtin=self.builtin, base=nlp)

    def fingerprint(self) -> dict:
        """What identifies the pipeline's behaviour, for the checkpoint's options hash:
        the content of every glossary, code file and pipeline config, not just their names."""
        from ..resources import builtin_glossary_path, builtin_patterns_path

        files = list(self.glossaries)
        if self.builtin:
            files += [str(builtin_glossary_path()), str(builtin_patterns_path())]
        if self.code:
            files.append(self.code)
        if self.pipeline and Path(self.pipeline).is_dir():
            root = Path(self.pipeline)
            files += sorted(str(p) for p in root.rglob("*") if p.is_file())
        return {
            "builtin": self.builtin,
            "pipeline": self.pipeline,
            "files": {name: _file_digest(Path(name)) for name in files},
        }


def _file_digest(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


_IMPORTED_CODE: set[str] = set()


def _import_code(path: str) -> None:
    # Once per process: importing twice would register the same factories twice.
    from spacy.util import import_file

    resolved = str(Path(path).resolve())
    if resolved not in _IMPORTED_CODE:
        import_file(f"helpdesk_annotator_code_{len(_IMPORTED_CODE)}", resolved)
        _IMPORTED_CODE.add(resolved)


@dataclass(frozen=True)
class TagOptions(AnnotateOptions):
    """Per-document options; everything here changes the output (and so the options hash).

    The annotation options are :class:`~annotator.options.AnnotateOptions`' fields, inherited;
    the batch adds the input's markup format and its own text length limit.
    """

    format: str = "text"
    max_length: int | None = None

    def to_json(self) -> dict:
        return {"format": self.format, **super().to_json(), "max_length": self.max_length}


class WorkerSetupError(Exception):
    """The pipeline could not be built in a worker (carried back as a plain message)."""


def render_line(doc_id, result: dict) -> bytes:
    """The output line for one document: compact JSON, UTF-8, newline-terminated."""
    record = {
        "id": doc_id,
        "spans": result["spans"],
        "unknown_acronyms": result["unknown_acronyms"],
        "truncated": result["truncated"],
    }
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def failure_reason(exc: BaseException) -> str:
    """Why a document failed, for the rejects file and the log: an exception's text may quote
    the document (a parser's complaint, a component's message), so it is cut to the same
    short excerpt every reject shows."""
    if isinstance(exc, AnnotatorError):
        return excerpt(f"{type(exc).__name__}: {exc}")
    detail = str(exc) or repr(exc)
    return excerpt(f"pipeline failed on this document: {type(exc).__name__}: {detail}")


class Tagger:
    """Tag batches of ``(number, id, text)`` with one pipeline, through one annotation session."""

    def __init__(self, nlp, options: TagOptions = TagOptions()) -> None:
        from ..session import AnnotationSession

        self.nlp = nlp
        self.options = options
        self.session = AnnotationSession(nlp, max_length=options.max_length)
        self.max_length = self.session.max_length

    @classmethod
    def from_spec(cls, spec: PipelineSpec, options: TagOptions) -> Tagger:
        """Build the pipeline and run it once on an empty text, so a pipeline that cannot load
        its data fails here (one clear error) rather than on every document (all rejected)."""
        try:
            nlp = spec.build()
            nlp("")
        except Exception as exc:
            raise BatchError("E505", detail=f"the pipeline failed to load: "
                             f"{type(exc).__name__}: {exc}") from exc
        return cls(nlp, options)

    def warm_up(self, texts: list[str]) -> None:
        """Run a few real documents outside a memory zone (see
        :meth:`~annotator.session.AnnotationSession.warm_up`)."""
        self.session.warm_up(texts, self.options.format)

    def tag(self, docs: list[tuple[int, object, str]]) -> list[Outcome]:
        """One outcome per input document, in order; never raises for a bad document."""
        texts = [text for _, _, text in docs]
        formats = [self._format(doc_id) for _, doc_id, _ in docs]
        results = self.session.annotate_many(texts, formats, self.options.to_kwargs())
        return [self._outcome(number, doc_id, result) for (number, doc_id, _), result in zip(docs, results)]

    def _format(self, doc_id: object) -> str:
        """The run's format, or the one a directory file's suffix calls for (``.vtt``...)."""
        from .readers import SUFFIX_FORMATS

        if isinstance(doc_id, str) and "." in doc_id:
            return SUFFIX_FORMATS.get(doc_id[doc_id.rfind("."):], None) or self.options.format
        return self.options.format

    @staticmethod
    def _outcome(number, doc_id, result) -> Outcome:
        if isinstance(result, Exception):
            return ("error", number, failure_reason(result))
        return ("ok", number, render_line(doc_id, result), document_terms(result))


def make_worker(spec, options):
    """The per-process worker ``spec`` describes: a :class:`Tagger`, unless the spec builds its
    own (``spec.make_worker(options)``, for a different per-document job such as discovery's
    miner). A worker has ``warm_up(texts)`` and ``tag(docs) -> outcomes``; the executors and
    :func:`tag_records` need nothing else."""
    factory = getattr(spec, "make_worker", None)
    return factory(options) if factory is not None else Tagger.from_spec(spec, options)
