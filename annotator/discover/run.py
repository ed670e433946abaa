"""A whole discovery run: read every input, mine documents on an engine, merge, rank.

The engines are the batch tagger's (:mod:`annotator.batch.engine`): inline, a pool of warm
worker processes, or Dask. The ordered loop (:func:`~annotator.batch.engine.tag_records`)
hands each document's candidates, in input order, to a :class:`_Sink` that merges them into
the bounded tables and writes bad records to the rejects file.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.engine import InlineExecutor, PoolExecutor, tag_records
from ..batch.checkpoint import options_hash
from ..batch.readers import DEFAULT_MAX_RECORD_BYTES, Position, Record
from ..batch.writer import reject_line
from ..errors import DiscoverError
from .aggregate import Discovery
from .checkpoint import State, fingerprint, load, save
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
    checkpoint: Path | None = None  # where the run's state is saved (None: not saved)
    resume: bool = False  # continue from ``checkpoint`` if it exists
    checkpoint_seconds: float = 30.0  # least time between two saves

    def kinds(self) -> list[str]:
        return [self.kind or detect_kind(Path(p)) for p in self.inputs]

    def options_hash(self) -> str:
        """What the result depends on: the inputs as they are now and every option that
        changes what is mined (not processes, engine or batch size)."""
        return options_hash({
            "inputs": [fingerprint(Path(p), k) for p, k in zip(self.inputs, self.kinds())],
            "fields": [self.text_field, self.id_field, self.format, self.max_length],
            "spec": [self.spec.glossaries, self.spec.builtin, self.spec.allow,
                     self.spec.default_allow],
            "capacity": self.capacity,
            "max_record_bytes": self.max_record_bytes,
        })


@dataclass
class DiscoverReport:
    discovery: Discovery
    documents: int = 0
    rejects: int = 0
    records: int = 0
    seconds: float = 0.0
    resumed_from: int = 0  # records already mined by the interrupted run


class _Sink:
    """What :func:`tag_records` writes to: merges candidates into the run's state, writes
    rejects (the file is opened on the first one) and saves the state now and then."""

    def __init__(self, config: DiscoverConfig, state: State, source: str, start: Position) -> None:
        self.config = config
        self.state = state
        self.source = source
        self.handle = None
        self.saved_at = time.monotonic()
        self.last = start.records  # the reader's record count at the last commit

    def document(self, candidates, _terms=None) -> None:
        self.state.documents += 1
        self.state.discovery.add(candidates)

    def reject(self, record: Record, reason: str | None = None) -> None:
        self.state.rejects += 1
        path = self.config.rejects
        if path is None:
            return
        if self.handle is None:
            try:
                self.handle = open(path, "ab")  # noqa: SIM115 - closed in close()
            except OSError as exc:
                raise DiscoverError("E705", path=str(path), detail=exc.strerror or str(exc)) from exc
        line = reject_line(record, reason)
        # Several inputs share one rejects file: say which one each line came from.
        self.handle.write(line[:-2] + b',"input":' + _json_str(self.source) + b"}\n")

    def commit(self, position) -> None:
        self.state.position = position
        self.state.records += position.records - self.last
        self.last = position.records
        if self.config.checkpoint is not None and \
                time.monotonic() - self.saved_at >= self.config.checkpoint_seconds:
            self.save()

    def save(self) -> None:
        if self.handle is not None:
            self.handle.flush()
            os.fsync(self.handle.fileno())
        self.state.rejects_bytes = _size(self.config.rejects)
        save(self.config.checkpoint, self.state)
        self.saved_at = time.monotonic()

    def duplicate(self) -> None:
        """Repeated ids do not matter to discovery (documents are counted, not keyed)."""

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except FileNotFoundError:
        return 0


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
    if config.resume and config.checkpoint is None:
        raise DiscoverError("E704", detail="resuming needs a checkpoint file")
    for path in config.inputs:
        if not Path(path).exists():
            raise DiscoverError("E701", path=str(path), detail="no such file or directory")
        for own in (config.rejects, config.checkpoint):
            if own is not None and Path(own).resolve() == Path(path).resolve():
                raise DiscoverError("E704", detail=f"{own} would overwrite an input")


def _starting_state(config: DiscoverConfig, opts: str) -> State:
    if config.resume and Path(config.checkpoint).exists():
        state = load(config.checkpoint, opts)
        if config.rejects is not None:
            with open(config.rejects, "ab") as handle:  # cut back to what the state counted
                handle.truncate(state.rejects_bytes)
        return state
    if config.rejects is not None:
        Path(config.rejects).write_bytes(b"")  # one run, one rejects file
    return State(options=opts, discovery=Discovery(config.capacity))


def run(config: DiscoverConfig, *, progress_factory=None) -> DiscoverReport:
    """Mine every input of ``config``; see the ``discover`` command for the contract.

    ``progress_factory(total, initial, unit)`` is the tag command's: a callable taking each
    batch's end :class:`~annotator.batch.readers.Position` (with a ``close()``), or None.
    With ``config.checkpoint`` the state is saved at most every ``checkpoint_seconds`` and
    after each input, and removed once the run is complete.
    """
    started = time.perf_counter()
    validate(config)
    opts = config.options_hash() if config.checkpoint is not None else ""
    state = _starting_state(config, opts)
    report = DiscoverReport(state.discovery, resumed_from=state.records)
    executors = {}
    try:
        for index, (path, kind) in enumerate(zip(map(Path, config.inputs), config.kinds())):
            if index < state.input_index:
                continue
            text_format = AUTO if kind == "kb" else config.format
            options = MineOptions(format=text_format, **(
                {"max_length": config.max_length} if config.max_length else {}))
            if options not in executors:
                executors[options] = _executor(config, options)
            start = state.position if index == state.input_index else Position()
            sink = _Sink(config, state, str(path), start)
            progress = _progress(progress_factory, path, kind, start)
            try:
                records = read_source(path, kind, text_field=config.text_field,
                                      id_field=config.id_field,
                                      max_record_bytes=config.max_record_bytes, start=start)
                tag_records(records, executors[options], sink, batch_size=config.batch_size,
                            in_flight=max(2, 4 * executors[options].workers), progress=progress)
                state.input_index, state.position = index + 1, Position()
                if config.checkpoint is not None:
                    sink.save()
            finally:
                sink.close()
                if progress is not None:
                    progress.close()
    finally:
        for executor in executors.values():
            executor.close()
    if config.checkpoint is not None:
        Path(config.checkpoint).unlink(missing_ok=True)
    report.documents, report.rejects, report.records = state.documents, state.rejects, state.records
    report.seconds = time.perf_counter() - started
    return report


def _progress(factory, path: Path, kind: str, start: Position):
    if factory is None:
        return None
    if kind == "kb":
        return factory(len(kb_files(path)), start.offset, "doc")
    return factory(path.stat().st_size, start.offset, "B")


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
