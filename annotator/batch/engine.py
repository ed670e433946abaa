"""Run a batch: read records, tag them on an executor, write results in order, checkpoint.

One loop (:func:`tag_records`) serves every engine. It groups records into batches, keeps a
bounded number of batches in flight (so memory stays flat however large the input), and waits
for them oldest first, so output order is input order without buffering. Executors differ only
in where a batch is tagged:

* :class:`InlineExecutor`: in this process (``--processes 1``);
* :class:`PoolExecutor`: a pool of warm worker processes, each building the pipeline once and
  returning plain bytes and tuples; a worker that dies is detected, the pool restarted and the
  document that killed it reported instead of hanging the run;
* ``DaskExecutor`` (:mod:`.dask_engine`): Dask distributed workers.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..errors import BatchError
from .checkpoint import Checkpoint, input_fingerprint, options_hash, read_checkpoint, verify
from .duplicates import POLICIES, Duplicate, DuplicateIds
from .readers import DEFAULT_MAX_RECORD_BYTES, Position, Record, detect_kind, read_records
from .summary import TermSummary
from .tagger import (PIPELINE_MODULES, PipelineSpec, Tagger, TagOptions, WorkerSetupError,
                     make_worker)
from .writer import ResultWriter

#: Documents each worker tags before the run starts, outside any memory zone (see
#: :meth:`Tagger.warm_up`); taken from the start of the input itself.
WARMUP_DOCS = 200
WARMUP_CHARS = 400_000

#: Pool restarts after which a run gives up (each restart otherwise isolates one document).
MAX_RESTARTS = 50


# --- executors ---------------------------------------------------------------------------------


class InlineExecutor:
    """Tags in the calling process."""

    def __init__(self, spec: PipelineSpec, options: TagOptions, warmup: list[str]) -> None:
        self.tagger = make_worker(spec, options)
        self.tagger.warm_up(warmup)
        self.workers = 1

    def submit(self, docs):
        return docs

    def result(self, handle):
        return self.tagger.tag(handle)

    def close(self) -> None:
        pass


# Worker-process state: one Tagger per process, built by the pool's initializer.
_WORKER: Tagger | None = None
_WORKER_ERROR: str | None = None


def _init_worker(spec: PipelineSpec, options: TagOptions, warmup: list[str]) -> None:
    global _WORKER, _WORKER_ERROR
    _exit_with_parent()
    try:
        _WORKER = make_worker(spec, options)
        _WORKER.warm_up(warmup)
    except Exception as exc:  # reported on the first task instead of breaking the pool
        _WORKER_ERROR = str(getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")


def _exit_with_parent() -> None:
    # Pool workers block reading a queue whose write end their siblings also hold, so they
    # would outlive a parent killed with SIGKILL; watch the parent and leave with it.
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _tag_in_worker(docs):
    if _WORKER is None:
        raise WorkerSetupError(_WORKER_ERROR or "worker has no pipeline")
    return _WORKER.tag(docs)


def _worker_context():
    # Not a plain fork: the parent may hold threads (the progress bar's monitor) whose locks a
    # fork would copy mid-use. A fork server is a clean single-threaded process to fork from.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PIPELINE_MODULES)
        return context
    return multiprocessing.get_context("spawn")


@dataclass
class _Handle:
    docs: list
    future: object = None
    attempts: int = 0


class PoolExecutor:
    """A pool of ``workers`` processes, each with its own warm pipeline."""

    def __init__(self, spec, options, warmup, workers: int) -> None:
        self.workers = workers
        self._args = (spec, options, warmup)
        self._live: list[_Handle] = []
        self._restarts = 0
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=_worker_context(),
            initializer=_init_worker,
            initargs=self._args,
        )

    def submit(self, docs) -> _Handle:
        handle = _Handle(docs, self._submit(docs))
        self._live.append(handle)
        return handle

    def _submit(self, docs) -> Future:
        """Submit, or return a failed future when the pool is already broken (a worker died
        since the last result), so every breakage is handled in one place: :meth:`result`."""
        try:
            return self._pool.submit(_tag_in_worker, docs)
        except BrokenProcessPool as exc:
            future = Future()
            future.set_exception(exc)
            return future

    def result(self, handle: _Handle):
        while True:
            try:
                outcomes = handle.future.result()
            except BrokenProcessPool:
                handle.attempts += 1
                self._restart()
                if handle.attempts >= 2:
                    outcomes = self._isolate(handle.docs)
                else:
                    handle.future = self._submit(handle.docs)
                    continue
            except WorkerSetupError as exc:
                raise BatchError("E505", detail=str(exc).removeprefix("batch run failed: ")) from exc
            self._live.remove(handle)
            self._resubmit_broken()
            return outcomes

    def _isolate(self, docs) -> list:
        """Tag one document at a time; the one whose worker dies is reported, not retried."""
        outcomes = []
        for doc in docs:
            try:
                outcomes.extend(self._submit([doc]).result())
            except BrokenProcessPool:
                self._restart()
                outcomes.append(("error", doc[0], "worker process died while tagging this "
                                 "document (killed, crashed or out of memory)"))
        return outcomes

    def _discard_pool(self) -> None:
        """Stop the broken pool for good: kill its workers, then shut it down.

        A broken ProcessPoolExecutor terminates the workers it knows of and then joins all of
        them; but a worker spawned by a ``submit()`` that raced with the breakage (before the
        pool was marked broken) is never terminated, idles on the call queue, and the join,
        and so ``shutdown()``, waits forever (seen on CPython 3.11). Killing every worker of a
        pool that is thrown away anyway makes the join return.
        """
        for process in list((self._pool._processes or {}).values()):
            if process.is_alive():
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _restart(self) -> None:
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            raise BatchError("E505", detail=f"worker processes died {self._restarts} times; "
                             "giving up (progress is saved: fix the cause and use --resume)")
        self._discard_pool()
        # The warm-up documents come from the input: if one of them is what kills workers,
        # warming up would kill every new worker too. Warm-up is only an optimisation.
        spec, options, _ = self._args
        self._args = (spec, options, [])
        self._pool = self._start()

    def _resubmit_broken(self) -> None:
        for other in self._live:
            future = other.future
            if future.cancelled() or (future.done() and isinstance(future.exception(),
                                                                    BrokenProcessPool)):
                other.attempts += 1
                other.future = self._submit(other.docs)

    def close(self) -> None:
        if self._pool._broken:  # a worker died after the last result: same hazard as a restart
            self._discard_pool()
        else:
            self._pool.shutdown(wait=True, cancel_futures=True)


# --- the loop ----------------------------------------------------------------------------------


def batched(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def tag_records(records: Iterable[Record], executor, writer: ResultWriter, *,
                batch_size: int, in_flight: int, progress=None) -> None:
    """Tag ``records`` on ``executor`` and write every one, in order, through ``writer``."""
    pending: deque = deque()

    def drain_one() -> None:
        batch, handle = pending.popleft()
        outcomes = iter(executor.result(handle) if handle is not None else ())
        for record in batch:
            if record.duplicate:
                writer.duplicate()
            if record.is_reject:
                writer.reject(record)
                continue
            outcome = next(outcomes)
            if outcome[0] == "ok":
                writer.document(outcome[2], outcome[3])
            else:
                writer.reject(record, outcome[2])
        writer.commit(batch[-1].after)
        if progress is not None:
            progress(batch[-1].after)

    for batch in batched(records, batch_size):
        docs = [(r.number, r.id, r.text) for r in batch if not r.is_reject]
        pending.append((batch, executor.submit(docs) if docs else None))
        while len(pending) >= in_flight:
            drain_one()
    while pending:
        drain_one()


# --- a whole run -------------------------------------------------------------------------------


@dataclass
class RunConfig:
    input: Path
    output: Path
    kind: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    rejects: Path | None = None
    checkpoint: Path | None = None
    spec: PipelineSpec = field(default_factory=PipelineSpec)
    options: TagOptions = field(default_factory=TagOptions)
    processes: int = 1
    batch_size: int = 128
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    overwrite: bool = False
    summary: Path | None = None
    summary_html: Path | None = None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    on_duplicate_id: str = "warn"  # or "reject": see :mod:`.duplicates`

    def __post_init__(self) -> None:
        self.input, self.output = Path(self.input), Path(self.output)
        self.kind = self.kind or detect_kind(self.input)
        self.rejects = Path(self.rejects or f"{self.output}.rejects.jsonl")
        self.checkpoint = Path(self.checkpoint or f"{self.output}.checkpoint.json")
        if self.summary is not None and self.summary_html is None:
            self.summary_html = Path(f"{self.summary}.html")

    def options_hash(self) -> str:
        options = {
            "kind": self.kind,
            "text_field": self.text_field,
            "id_field": self.id_field,
            "tag": self.options.to_json(),
            "pipeline": self.spec.fingerprint(),
        }
        if self.on_duplicate_id != "warn":
            # It decides which file a repeat goes to. Only hashed when not the default, so
            # checkpoints written before the option existed still resume.
            options["on_duplicate_id"] = self.on_duplicate_id
        return options_hash(options)


@dataclass
class RunReport:
    documents: int
    rejects: int
    seconds: float
    resumed_from: int
    records: int
    workers: int
    duplicates: int = 0  # records whose id repeats an earlier record's (all of them)
    shown_duplicates: int = 0  # how many of those were passed to ``warn``
    untracked_ids: int = 0  # distinct ids past the tracking bound: the check was partial

    @property
    def new_records(self) -> int:
        return self.records - self.resumed_from


def run(config: RunConfig, *, progress_factory=None,
        warn: Callable[[Duplicate], None] | None = None) -> RunReport:
    """Tag ``config.input`` into ``config.output``; see the ``tag`` command for the contract.

    ``progress_factory(total, initial, unit)`` returns a callable taking a :class:`Position`
    (and with a ``close()``), or None for no progress display. ``warn`` receives the first
    repeated ids (:class:`Duplicate`) as they are met; all of them are counted in the report.
    """
    started = time.perf_counter()
    if not config.input.exists():
        raise BatchError("E501", path=str(config.input), detail="no such file or directory")
    if config.batch_size < 1 or config.processes < 1:
        raise BatchError("E503", detail="--batch-size and --processes must be at least 1")
    if config.on_duplicate_id not in POLICIES:
        raise BatchError("E503", detail=f"unknown --on-duplicate-id {config.on_duplicate_id!r}; "
                         f"expected one of {', '.join(POLICIES)}")
    for path in (config.rejects, config.checkpoint):
        if Path(path).resolve() == config.input.resolve():
            raise BatchError("E503", detail=f"{path} would overwrite the input")
    if config.output.resolve() == config.input.resolve():
        raise BatchError("E503", detail="the output would overwrite the input")
    try:
        fingerprint = input_fingerprint(config.input, config.kind)
    except OSError as exc:
        raise BatchError("E501", path=str(config.input), detail=exc.strerror or str(exc)) from exc
    opts = config.options_hash()
    checkpoint = _starting_checkpoint(config, fingerprint, opts)
    summary = TermSummary() if config.summary else None
    if summary is not None and checkpoint.output_offset:
        summary.add_output(config.output, limit=checkpoint.output_offset)

    start = checkpoint.position
    report = RunReport(checkpoint.documents, checkpoint.rejects, 0.0, start.records,
                       start.records, config.processes, duplicates=checkpoint.duplicates)
    if not checkpoint.complete:
        writer = ResultWriter(config.output, config.rejects, config.checkpoint, checkpoint,
                              summary)
        ids = _duplicate_ids(config, warn)
        try:
            _tag(config, writer, start, progress_factory, ids)
            writer.finish()
        finally:
            writer.close()
        report.documents, report.rejects = writer.documents, writer.rejects
        report.records = writer.checkpoint.position.records
        report.duplicates = writer.duplicates
        if ids is not None:
            report.shown_duplicates, report.untracked_ids = ids.warned, ids.untracked
    if summary is not None:
        summary.write_csv(config.summary)
        summary.write_html(config.summary_html, title=f"Term frequencies: {config.input.name}")
    report.seconds = time.perf_counter() - started
    return report


def _starting_checkpoint(config: RunConfig, fingerprint: dict, opts: str) -> Checkpoint:
    fresh = Checkpoint(input=fingerprint, options=opts)
    if config.resume:
        existing = read_checkpoint(config.checkpoint)
        if existing is not None:
            verify(existing, config.checkpoint, fingerprint, opts)
            return existing
        if config.output.exists():
            raise BatchError("E502", path=str(config.checkpoint),
                             detail=f"there is no checkpoint for the existing {config.output}; "
                             "rerun with --overwrite to start again")
        return fresh
    if config.output.exists() and not config.overwrite:
        raise BatchError("E504", path=str(config.output))
    return fresh


def _duplicate_ids(config: RunConfig, warn) -> DuplicateIds | None:
    """The repeated-id check, or None for a directory: file names cannot repeat."""
    if config.kind == "dir":
        return None
    return DuplicateIds(str(config.input), policy=config.on_duplicate_id, warn=warn)


def _tag(config: RunConfig, writer: ResultWriter, start: Position, progress_factory,
         ids: DuplicateIds | None = None) -> None:
    def records(position: Position):
        return read_records(config.input, config.kind, text_field=config.text_field,
                            id_field=config.id_field, start=position,
                            max_record_bytes=config.max_record_bytes)

    if ids is not None and start.records:
        # Resuming: learn the ids the interrupted run already wrote (reading, not tagging),
        # so a repeat of one of them is still found and reported as the first run would have.
        consumed = records(Position())
        try:
            ids.replay(consumed, start.records)
        finally:
            consumed.close()
        # The replay's count is the consumed records' (a checkpoint from before repeats were
        # counted says 0).
        writer.duplicates = ids.count

    head = records(start)
    try:
        warmup = _warmup_texts(head)
    finally:
        head.close()
    progress = None
    if progress_factory is not None:
        if config.kind == "dir":
            from .readers import list_text_files

            total, unit = len(list_text_files(config.input)), "doc"
        else:
            total, unit = config.input.stat().st_size, "B"
        progress = progress_factory(total, start.offset, unit)
    executor = _executor(config, warmup)
    try:
        # Four batches per worker: results are written oldest first, so one slow batch (a
        # long document, a preempted worker) must not leave the other workers idle.
        source = records(start) if ids is None else ids.screen(records(start))
        tag_records(source, executor, writer, batch_size=config.batch_size,
                    in_flight=max(2, 4 * executor.workers), progress=progress)
    finally:
        executor.close()
        if progress is not None:
            progress.close()


def _warmup_texts(records: Iterable[Record]) -> list[str]:
    texts, chars = [], 0
    for record in records:
        if record.is_reject:
            continue
        if len(texts) >= WARMUP_DOCS or chars + len(record.text) > WARMUP_CHARS:
            break
        texts.append(record.text)
        chars += len(record.text)
    return texts


def _executor(config: RunConfig, warmup: list[str]):
    if config.engine == "dask":
        from .dask_engine import DaskExecutor

        return DaskExecutor(config.spec, config.options, warmup, workers=config.processes,
                            scheduler=config.scheduler)
    if config.engine != "local":
        raise BatchError("E503", detail=f"unknown engine {config.engine!r} (local or dask)")
    if config.processes == 1:
        return InlineExecutor(config.spec, config.options, warmup)
    return PoolExecutor(config.spec, config.options, warmup, config.processes)
