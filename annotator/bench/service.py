"""Target 5: the service under gunicorn with its default settings.

``/api/annotate`` on a 150-word ticket: >= 0.5x the requests per second of a no-op JSON endpoint
(``/healthz``) in the same app and server, p99 <= 10 ms at concurrency 8, zero errors; cold start
(process start to the first ``/readyz`` 200) under 2 s.

The tickets are :attr:`Config.service_tickets` different ones, each sent once (the pool is
larger than a run), not one ticket sent again and again: each carries its own ticket numbers,
codes, names and figures, as real traffic does, so what a worker learns of its traffic
(``pipeline.warmup``) helps only as far as real words recur.

The server is a real ``helpdesk-annotator serve`` on a free port on 127.0.0.1, driven by the
bounded load generator in :mod:`annotator.bench.load` (fixed duration, fixed connection count),
the two endpoints in alternating rounds, and stopped by PID. The load generator shares the two
cores with the server, which costs both endpoints alike.
"""

from __future__ import annotations

import random
import statistics
import tempfile
from pathlib import Path

from .config import Config
from .corpus import builtin_vocabulary, ticket
from .load import (InOrder, LoadResult, Server, free_port, get_request, json_request, loop_name, run_load,
                   serve_command)
from .report import Row, Spec, Target, row

SECTION = "service"
SPECS = [
    Spec("noop_rps", "GET /healthz no-op (baseline)"),
    Spec("annotate_rps", "POST /api/annotate 150 words", Target(">=", 0.5)),
    Spec("annotate_p99_ms", "/api/annotate p99", Target("<=", 10.0, on="value", unit="ms")),
    Spec("errors", "errors (non-200, 5xx, connection)", Target("==", 0, on="value")),
    Spec("cold_start_s", "cold start to /readyz 200", Target("<", 2.0, on="value", unit="s")),
]


def tickets_150(n: int, seed: int = 0) -> list[str]:
    """``n`` different tickets of exactly 150 words."""
    rng, vocab = random.Random(seed), builtin_vocabulary()
    return [" ".join(ticket(rng, vocab, 150).split(" ")[:150]) for _ in range(n)]


def _errors(result: LoadResult) -> int:
    return sum(1 for s in result.samples if s.status != 200)


def run(config: Config) -> list[Row]:
    import annotator.plugin.server  # noqa: F401 - N/A rather than a crash while it is missing
    from ..api import annotate  # noqa: F401

    port = free_port()
    texts = tickets_150(config.service_tickets, config.seed)
    annotate_req = InOrder([json_request("annotate", "/api/annotate", {"text": text}) for text in texts])
    noop_req = get_request("noop", "/healthz")
    with tempfile.TemporaryDirectory(dir=config.workdir) as tmp:
        server = Server(serve_command(port), port, log_path=Path(tmp) / "server.log")
        with server:
            cold = server.wait_ready("/readyz")
            server.wait_ready("/readyz", workers=1)
            # Warm every worker: the first requests to a fresh process are slower.
            warm = run_load(port, annotate_req, duration=min(1.0, config.service_seconds),
                            concurrency=config.service_concurrency)
            rounds: dict[str, list[LoadResult]] = {"noop": [], "annotate": []}
            for r in range(config.service_rounds):
                order = ("noop", "annotate") if r % 2 == 0 else ("annotate", "noop")
                for name in order:
                    req = noop_req if name == "noop" else annotate_req
                    rounds[name].append(run_load(port, req, duration=config.service_seconds,
                                                 concurrency=config.service_concurrency, seed=r))
            workers = len(server.workers())
    sent = len(warm.samples) + sum(len(r.samples) for r in rounds["annotate"])
    noop_rps = statistics.median(r.rps for r in rounds["noop"])
    ann_rps = statistics.median(r.rps for r in rounds["annotate"])
    p50 = statistics.median(r.p(50) for r in rounds["annotate"]) * 1000
    p99 = statistics.median(r.p(99) for r in rounds["annotate"]) * 1000
    noop_p99 = statistics.median(r.p(99) for r in rounds["noop"]) * 1000
    errors = sum(_errors(r) for rs in rounds.values() for r in rs)
    load_note = (f"c={config.service_concurrency}, {config.service_rounds} x "
                 f"{config.service_seconds:g} s each, {workers} workers; load generator on {loop_name()}")
    return [
        row(SECTION, SPECS[0], noop_rps, unit="req/s", note=f"p99 {noop_p99:.1f} ms; {load_note}"),
        row(SECTION, SPECS[1], ann_rps, unit="req/s", baseline=noop_rps, baseline_name="/healthz",
            note=f"p50 {p50:.1f} ms; {sent:,} requests over {len(texts):,} different tickets"),
        row(SECTION, SPECS[2], p99, unit="ms", note=f"concurrency {config.service_concurrency}"),
        row(SECTION, SPECS[3], errors, note=f"over {sum(len(r.samples) for rs in rounds.values() for r in rs):,} requests"),
        row(SECTION, SPECS[4], cold, unit="s", note="process start to first 200"),
    ]
