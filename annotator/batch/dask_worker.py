"""What the Dask engine runs on its workers: a plugin holding a warm :class:`Tagger`, and the
task that tags one batch with it.

Kept apart from :mod:`.dask_engine` (the client side) so that the engine can start its workers'
fork server before this process imports ``distributed``.
"""

from __future__ import annotations

import pickle

from distributed import WorkerPlugin, get_worker

from .engine import WorkerSetupError
from .tagger import PipelineSpec, Tagger, TagOptions


def encode(value) -> bytes:
    """One opaque blob for a batch or its outcomes. Dask walks, sizes and, in the scheduler,
    re-pickles the arguments and results of every task; ``bytes`` it passes through as is,
    where a batch as a list is hundreds of small objects (measured: half the per-task cost)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def decode(blob: bytes):
    return pickle.loads(blob)  # noqa: S301 - our own batches, between our own processes


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


def tag_batch(batch: bytes, plugin_name: str) -> bytes:
    """Tag one :func:`encode`-d batch of ``(number, id, text)``; return its encoded outcomes."""
    plugin = get_worker().plugins.get(plugin_name)
    if plugin is None or plugin.tagger is None:
        raise WorkerSetupError(getattr(plugin, "error", None) or "worker has no pipeline")
    return encode(plugin.tagger.tag(decode(batch)))
