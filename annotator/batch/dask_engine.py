"""The Dask engine: the same tagging on ``dask.distributed`` workers.

A :class:`TaggerPlugin` builds the pipeline once per worker (and on every worker that joins
later) and warms it up; tasks receive a batch of ``(number, id, text)`` and return the same plain
outcomes as the local pool, so the one writer in :mod:`.engine` turns them into byte-identical
output. Without a scheduler address a :class:`distributed.LocalCluster` is started with one
single-threaded worker process per ``--processes`` (the pipeline is CPU-bound Python: threads
would only contend for the GIL).

What a run costs beyond the tagging itself, and how it is kept down (measured on 2 cores):

* start-up: spawned workers each imported distributed, spaCy and the pipeline code (~1.2 CPU s
  apiece). They are forked instead from a fork server that imports all that once
  (:func:`_fork_server`), as the local engine's pool does;
* per batch: batches and their outcomes travel as one ``bytes`` blob each (:func:`encode`),
  which Dask does not walk, size or re-pickle;
* background: the worker's profiler and the health and memory monitors of every process, for
  a dashboard this cluster does not have, run far less often (:data:`LOCAL_CLUSTER_CONFIG`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import zlib

from ..errors import BatchError
from .tagger import (PIPELINE_MODULES, PipelineSpec, Tagger, TagOptions, WorkerSetupError,
                     make_worker)

try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - dask is an optional extra
    WorkerPlugin = object

#: Settings for the cluster this engine starts itself (not for a shared ``--scheduler``).
LOCAL_CLUSTER_CONFIG = {
    # The statistical profiler samples the tagging thread's stack every 10 ms, taking the GIL
    # from it each time, for the dashboard's profile page.
    "distributed.worker.profile.enabled": False,
    # Event-loop health ticks (50 a second in every process) and system and memory monitors
    # (2 to 10 a second): once every second or two is plenty without a dashboard. The memory
    # limit is still enforced, at most a second later. Idle cluster: 87 -> 13 ms of CPU a second.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}

#: What the fork server imports once for all workers: Dask's worker, spaCy, the pipeline code.
WORKER_PRELOAD = ["distributed", *PIPELINE_MODULES, "annotator.batch.dask_engine"]


def encode(value) -> bytes:
    """One opaque blob for a batch or its outcomes. Dask walks, sizes and, in the scheduler,
    re-pickles the arguments and results of every task; ``bytes`` it passes through as is,
    where a batch as a list is hundreds of small objects (measured: half the per-task cost)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def decode(blob: bytes):
    return pickle.loads(blob)  # noqa: S301 - our own batches, between our own processes


class TaggerPlugin(WorkerPlugin):
    """Holds one :class:`Tagger` per worker (warmed up afterwards, see :func:`_warm_up_on_worker`)."""

    def __init__(self, spec: PipelineSpec, options: TagOptions) -> None:
        self.spec, self.options = spec, options
        self.tagger: Tagger | None = None
        self.error: str | None = None

    def setup(self, worker) -> None:
        try:
            self.tagger = make_worker(self.spec, self.options)
        except Exception as exc:  # reported by the first task, with the reason
            self.error = str(getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")


def _warm_up_on_worker(plugin_name: str, blob: bytes, dask_worker=None) -> None:
    """Warm the worker's pipeline up on :func:`encode`-d texts.

    ``Client.run`` runs this outside any task, where ``get_worker()`` finds no worker: Dask
    hands the worker in as ``dask_worker`` instead. The texts travel as one blob so that a
    failure Dask logs with the call's arguments does not print documents.
    """
    plugin = dask_worker.plugins.get(plugin_name) if dask_worker is not None else None
    if plugin is not None and plugin.tagger is not None:
        plugin.tagger.warm_up(decode(zlib.decompress(blob)))


def _sealed(value) -> bytes:
    """:func:`encode`, compressed: unreadable in a log line that quotes it."""
    return zlib.compress(encode(value), 1)


def _tag_on_worker(batch: bytes, plugin_name: str) -> bytes:
    """Tag one :func:`encode`-d batch of ``(number, id, text)``; return its encoded outcomes."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(plugin_name)
    if plugin is None or plugin.tagger is None:
        raise WorkerSetupError(getattr(plugin, "error", None) or "worker has no pipeline")
    return encode(plugin.tagger.tag(decode(batch)))


def _fork_server():
    """Start the fork server the local cluster's workers are forked from; None where there is
    none (the workers are then spawned, Dask's default). One already running (an earlier run in
    this process) is reused as it is: the workers then import whatever it lacks themselves."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    forkserver.ensure_running()
    return context


class DaskExecutor:
    def __init__(self, spec: PipelineSpec, options: TagOptions, warmup: list[str], *,
                 workers: int = 2, scheduler: str | None = None) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover
            raise BatchError("E503", detail="--engine dask needs dask[distributed] installed "
                             "(pip install 'helpdesk-annotator[dask]')") from exc
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                config = dict(LOCAL_CLUSTER_CONFIG)
                if _fork_server() is not None:
                    config["distributed.worker.multiprocessing-method"] = "forkserver"
                # Read by the scheduler, the nannies and the workers as they start.
                with dask.config.set(config):
                    # No dashboard, but the scheduler still serves /health and /metrics, by
                    # default on port 8787: a second run (or anything on 8787) got a warning
                    # on stderr. An ephemeral loopback port instead.
                    self.cluster = LocalCluster(n_workers=workers, processes=True,
                                                threads_per_worker=1, dashboard_address=None,
                                                host="127.0.0.1",
                                                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
                    self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise BatchError("E505", detail=f"cannot reach the Dask scheduler "
                             f"{scheduler or '(local cluster)'}: {exc}") from exc
        # One plugin name per pipeline and options, so runs with different glossaries can
        # share a scheduler without taking over each other's pipeline.
        digest = hashlib.sha256(pickle.dumps((spec, options))).hexdigest()[:16]
        self.plugin_name = f"helpdesk-annotator-tagger-{digest}"
        try:
            self.client.register_plugin(TaggerPlugin(spec, options), name=self.plugin_name)
        except Exception as exc:  # noqa: BLE001 - a worker died while loading the pipeline
            self.close()
            raise BatchError("E505", detail=f"Dask workers died while loading the pipeline "
                             f"({type(exc).__name__}: {exc}); fix the cause and use --resume") from exc
        # The warm-up runs apart from the plugin (which every restarted worker runs again): its
        # documents come from the input, and one of them may be what kills workers (as the
        # local engine finds, see PoolExecutor._restart). Warm-up is only an optimisation: a
        # worker it killed comes back (its nanny restarts it) and starts cold.
        try:
            self.client.run(_warm_up_on_worker, self.plugin_name, _sealed(warmup),
                            on_error="ignore")
        except Exception:  # noqa: BLE001, S110 - see above
            pass
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, docs):
        return self.client.submit(_tag_on_worker, encode(docs), self.plugin_name, pure=False)

    def result(self, future):
        from distributed import KilledWorker

        try:
            return decode(future.result())
        except WorkerSetupError as exc:
            raise BatchError("E505", detail=str(exc).removeprefix("batch run failed: ")) from exc
        except KilledWorker as exc:
            raise BatchError("E505", detail=f"Dask workers died repeatedly on one batch ({exc}); "
                             "progress is saved: fix the cause and use --resume") from exc

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            if self.cluster is None and hasattr(self, "plugin_name"):
                # A shared cluster outlives the run: free the pipelines held by its workers.
                try:
                    client.unregister_worker_plugin(self.plugin_name)
                except Exception:  # best effort; the workers keep working either way
                    pass
            client.close()
        if self.cluster is not None:
            try:
                self.cluster.close()
            except Exception:  # noqa: BLE001, S110
                # A nanny caught restarting a killed worker may fail to join it ("can only join a
                # started process"); the processes end with the cluster all the same, and an
                # error here would hide the run's own (E505) error.
                pass
