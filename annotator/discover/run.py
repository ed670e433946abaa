"""A whole discovery run: read every input, mine documents on an engine, merge, rank.

The engines are the batch tagger's (:mod:`annotator.batch.engine`): inline, a pool of warm
worker processes, or Dask. The ordered loop (:func:`~annotator.batch.engine.tag_records`)
hands each document's candidates, in input order, to a :class:`_Sink` that merges them into
the bounded tables and writes bad records to the rejects file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.engine import InlineExecutor, PoolExecutor, tag_records
from ..batch.readers import DEFAULT_MAX_RECORD_BYTES, Record
from ..batch.writer import reject_line
from ..errors import DiscoverError
from .aggregate import Discovery
from .counters import DEFAULT_CAPACITY
from .model import Candidate
from .sources import detect_kind, kb_files, read_source
from .worker import AUTO, MineOptions, MinerSpec


@dataclass
class DiscoverConfig:
    inputs: list[Path]
    kind: str | None = None  # jsonl, csv, kb; default: from each input's path
    text_field: str = "text"
    id_field: str = "id"
    format: str = "text"  # markup of JSONL/CSV text fields (KB files: their suffix)
    spec: MinerSpec = field(default_factory=MinerSpec)
    max_length: int | None = None
    processes: int = 1
    batch_size: int = 128
    engine: str = "local"
    scheduler: str | None = None
    rejects: Path | None = None
    capacity: int = DEFAULT_CAPACITY
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES


@dataclass
class DiscoverReport:
    discovery: Discovery
    documents: int = 0
    rejects: int = 0
    records: int = 0
    seconds: float = 0.0


class _Sink:
    """What :func:`tag_records` writes to: merges candidates, writes rejects (lazily: no file
    unless a record is rejected)."""

    def __init__(self, discovery: Discovery, rejects: Path | None, source: str) -> None:
        self.discovery = discovery
        self.rejects_path = rejects
        self.source = source
        self.handle = None
        self.documents = self.rejects = self.records = 0

    def document(self, candidates, _terms=None) -> None:
        self.documents += 1
        self.discovery.add(candidates)

    def reject(self, record: Record, reason: str | None = None) -> None:
        self.rejects += 1
        if self.rejects_path is None:
            return
        if self.handle is None:
            try:
                self.handle = open(self.rejects_path, "ab")  # noqa: SIM115 - closed in close()
            except OSError as exc:
                raise DiscoverError("E705", path=str(self.rejects_path),
                                    detail=exc.strerror or str(exc)) from exc
        line = reject_line(record, reason)
        # Several inputs share one rejects file: say which one each line came from.
        self.handle.write(line[:-2] + b',"input":' + _json_str(self.source) + b"}\n")

    def commit(self, position) -> None:
        self.records = position.records

    def duplicate(self) -> None:
        """Repeated ids do not matter to discovery (documents are counted, not keyed)."""

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def _json_str(value: str) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _executor(config: DiscoverConfig, options: MineOptions):
    if config.engine == "dask":
        from ..batch.dask_engine import DaskExecutor

        return DaskExecutor(config.spec, options, [], workers=config.processes,
                            scheduler=config.scheduler)
    if config.engine != "local":
        raise DiscoverError("E704", detail=f"unknown engine {config.engine!r} (local or dask)")
    if config.processes == 1:
        return InlineExecutor(config.spec, options, [])
    return PoolExecutor(config.spec, options, [], config.processes)


def validate(config: DiscoverConfig) -> None:
    if not config.inputs:
        raise DiscoverError("E704", detail="no input given")
    if config.batch_size < 1 or config.processes < 1 or config.capacity < 1:
        raise DiscoverError("E704", detail="--batch-size, --processes and the capacity must "
                            "be at least 1")
    for path in config.inputs:
        if not Path(path).exists():
            raise DiscoverError("E701", path=str(path), detail="no such file or directory")
        if config.rejects is not None and Path(config.rejects).resolve() == Path(path).resolve():
            raise DiscoverError("E704", detail=f"{config.rejects} would overwrite an input")


def run(config: DiscoverConfig, *, progress_factory=None) -> DiscoverReport:
    """Mine every input of ``config``; see the ``discover`` command for the contract.

    ``progress_factory(total, initial, unit)`` is the tag command's: a callable taking each
    batch's end :class:`~annotator.batch.readers.Position` (with a ``close()``), or None.
    """
    started = time.perf_counter()
    validate(config)
    discovery = Discovery(config.capacity)
    report = DiscoverReport(discovery)
    if config.rejects is not None:
        Path(config.rejects).write_bytes(b"")  # one run, one rejects file
    executors = {}
    try:
        for path in map(Path, config.inputs):
            kind = config.kind or detect_kind(path)
            text_format = AUTO if kind == "kb" else config.format
            options = MineOptions(format=text_format, **(
                {"max_length": config.max_length} if config.max_length else {}))
            if options not in executors:
                executors[options] = _executor(config, options)
            sink = _Sink(discovery, config.rejects, str(path))
            progress = _progress(progress_factory, path, kind)
            try:
                records = read_source(path, kind, text_field=config.text_field,
                                      id_field=config.id_field,
                                      max_record_bytes=config.max_record_bytes)
                tag_records(records, executors[options], sink, batch_size=config.batch_size,
                            in_flight=max(2, 4 * executors[options].workers), progress=progress)
            finally:
                sink.close()
                if progress is not None:
                    progress.close()
            report.documents += sink.documents
            report.rejects += sink.rejects
            report.records += sink.records
    finally:
        for executor in executors.values():
            executor.close()
    report.seconds = time.perf_counter() - started
    return report


def _progress(factory, path: Path, kind: str):
    if factory is None:
        return None
    if kind == "kb":
        return factory(len(kb_files(path)), 0, "doc")
    return factory(path.stat().st_size, 0, "B")


def discover_texts(documents: list[tuple[str | int, str, str]], *, miner,
                   min_documents: int = 1, top: int | None = None,
                   capacity: int = DEFAULT_CAPACITY) -> tuple[list[Candidate], list[dict]]:
    """Mine a small in-memory batch ``[(id, text, format)]`` with one :class:`Miner` (the
    service's path). Returns the ranked candidates and one error per failed document."""
    discovery = Discovery(capacity)
    errors = []
    for index, (doc_id, text, text_format) in enumerate(documents):
        try:
            discovery.add(miner.mine(doc_id, text, text_format))
        except ValueError as exc:
            errors.append({"index": index, "id": doc_id, "reason": str(exc)})
    found = discovery.candidates(min_documents=min_documents)
    return (found[:top] if top is not None else found), errors
