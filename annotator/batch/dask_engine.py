"""The Dask engine: the same tagging on ``dask.distributed`` workers.

A :class:`TaggerPlugin` builds the pipeline once per worker (and on every worker that joins
later) and warms it up; tasks receive a batch of ``(number, id, text)`` and return the same plain
outcomes as the local pool, so the one writer in :mod:`.engine` turns them into byte-identical
output. Without a scheduler address a :class:`distributed.LocalCluster` is started with one
single-threaded worker process per ``--processes`` (the pipeline is CPU-bound Python: threads
would only contend for the GIL).
"""

from __future__ import annotations

import hashlib
import pickle

from ..errors import BatchError
from .engine import WorkerSetupError
from .tagger import PipelineSpec, Tagger, TagOptions

try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - dask is an optional extra
    WorkerPlugin = object


class TaggerPlugin(WorkerPlugin):
    """Holds one warm :class:`Tagger` per worker."""

    def __init__(self, spec: PipelineSpec, options: TagOptions, warmup: list[str]) -> None:
        self.spec, self.options, self.warmup = spec, options, warmup
        self.tagger: Tagger | None = None
        self.error: str | None = None

    def setup(self, worker) -> None:
        try:
            self.tagger = Tagger.from_spec(self.spec, self.options)
            self.tagger.warm_up(self.warmup)
        except Exception as exc:  # reported by the first task, with the reason
            self.error = str(getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")


def _tag_on_worker(docs, plugin_name: str):
    from distributed import get_worker

    plugin = get_worker().plugins.get(plugin_name)
    if plugin is None or plugin.tagger is None:
        raise WorkerSetupError(getattr(plugin, "error", None) or "worker has no pipeline")
    return plugin.tagger.tag(docs)


class DaskExecutor:
    def __init__(self, spec: PipelineSpec, options: TagOptions, warmup: list[str], *,
                 workers: int = 2, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover
            raise BatchError("E503", detail="--engine dask needs dask[distributed] installed "
                             "(pip install 'helpdesk-annotator[dask]')") from exc
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=workers, processes=True,
                                            threads_per_worker=1, dashboard_address=None,
                                            host="127.0.0.1")
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise BatchError("E505", detail=f"cannot reach the Dask scheduler "
                             f"{scheduler or '(local cluster)'}: {exc}") from exc
        # One plugin name per pipeline and options, so runs with different glossaries can
        # share a scheduler without taking over each other's pipeline.
        digest = hashlib.sha256(pickle.dumps((spec, options))).hexdigest()[:16]
        self.plugin_name = f"helpdesk-annotator-tagger-{digest}"
        self.client.register_plugin(TaggerPlugin(spec, options, warmup), name=self.plugin_name)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, docs):
        return self.client.submit(_tag_on_worker, docs, self.plugin_name, pure=False)

    def result(self, future):
        from distributed import KilledWorker

        try:
            return future.result()
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
            self.cluster.close()
