"""Target 5: the service under gunicorn with its default settings.

``/api/annotate`` on a 150-word ticket: >= 0.5x the requests per second of a no-op JSON endpoint
(``/healthz``) in the same app and server, p99 <= 10 ms at concurrency 8, zero errors; cold start
(process start to the first ``/readyz`` 200) under 2 s.

The tickets are :attr:`Config.service_tickets` different ones, each sent once (the pool is
larger than a run), not one ticket sent again and again: each carries its own ticket numbers,
codes, names and figures, as real traffic does, so what a worker learns of its traffic
(``runtime.warmup``) helps only as far as real words recur.

The server is a real ``helpdesk-annotator serve`` on a free port on 127.0.0.1, driven by the
bounded load generator in :mod:`benchmarks.load` (fixed duration, fixed connection count),
the two endpoints in alternating rounds, and stopped by PID. The load generator shares the two
cores with the server, which costs both endpoints alike.

Where the requests' time goes, as information rows: the CPU time the workers and the load
generator spent per request of each endpoint (from ``/proc``, over each round), and two reference
routes (:mod:`benchmarks.reference_app`) in a second server with the same settings: one
that only reads the request as ``/api/annotate`` does, one that also runs the pipeline's
tokenizer. Against that server's own no-op they show what is left for the glossary stage.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .child import child_env, module_command
from .config import Config
from .corpus import builtin_vocabulary, ticket
from .load import (InOrder, LoadResult, Request, Server, cpu_seconds, free_port, get_request, json_request,
                   loop_name, run_load, serve_command)
from .report import Row, Spec, Target, row

SECTION = "service"
SPECS = [
    Spec("noop_rps", "GET /healthz no-op (baseline)"),
    Spec("annotate_rps", "POST /api/annotate 150 words", Target(">=", 0.5)),
    Spec("annotate_p99_ms", "/api/annotate p99", Target("<=", 10.0, on="value", unit="ms")),
    Spec("errors", "errors (non-200, 5xx, connection)", Target("==", 0, on="value")),
    Spec("cold_start_s", "cold start to /readyz 200", Target("<", 2.0, on="value", unit="s")),
    Spec("worker_cpu_us", "worker CPU per /api/annotate request"),
    Spec("client_cpu_us", "load generator CPU per /api/annotate request"),
    Spec("echo_rps", "POST read the body only (reference)"),
    Spec("tokenize_rps", "POST tokenizer only (reference)"),
]


def tickets_150(n: int, seed: int = 0) -> list[str]:
    """``n`` different tickets of exactly 150 words."""
    rng, vocab = random.Random(seed), builtin_vocabulary()
    return [" ".join(ticket(rng, vocab, 150).split(" ")[:150]) for _ in range(n)]


def _errors(result: LoadResult) -> int:
    return sum(1 for s in result.samples if s.status != 200)


@dataclass
class _Round:
    """One endpoint's load round, with the CPU the server's workers and the load generator (this
    process) spent on it."""

    result: LoadResult
    worker_cpu: float
    client_cpu: float

    def per_request_us(self, seconds: float) -> float:
        return seconds / max(1, len(self.result.samples)) * 1e6


def _rounds(server: Server, requests: dict[str, Request | InOrder], config: Config) -> dict[str, list[_Round]]:
    """``config.service_rounds`` rounds of every endpoint, alternating their order."""
    rounds: dict[str, list[_Round]] = {name: [] for name in requests}
    names = list(requests)
    for r in range(config.service_rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            workers = server.workers()
            worker_cpu, client_cpu = cpu_seconds(workers), time.process_time()
            result = run_load(server.port, requests[name], duration=config.service_seconds,
                              concurrency=config.service_concurrency, seed=r)
            rounds[name].append(_Round(result, cpu_seconds(workers) - worker_cpu,
                                       time.process_time() - client_cpu))
    return rounds


def _warm(server: Server, request: Request | InOrder, config: Config) -> LoadResult:
    # The first requests to a fresh worker are slower (imports, caches, its vocabulary).
    return run_load(server.port, request, duration=min(1.0, config.service_seconds),
                    concurrency=config.service_concurrency)


def _median(rounds: list[_Round], figure) -> float:
    return statistics.median(figure(r) for r in rounds)


def _rps(rounds: list[_Round]) -> float:
    return _median(rounds, lambda r: r.result.rps)


def run(config: Config) -> list[Row]:
    import annotator.plugin.server  # noqa: F401 - N/A rather than a crash while it is missing
    from annotator.api import annotate  # noqa: F401
    from .reference_app import ECHO_PATH, TOKENIZE_PATH

    texts = tickets_150(config.service_tickets, config.seed)

    def tickets(kind: str, path: str) -> InOrder:
        return InOrder([json_request(kind, path, {"text": text}) for text in texts])

    noop_req = get_request("noop", "/healthz")
    with tempfile.TemporaryDirectory(dir=config.workdir) as tmp:
        port = free_port()
        with Server(serve_command(port), port, log_path=Path(tmp) / "server.log") as server:
            cold = server.wait_ready("/readyz")
            server.wait_ready("/readyz", workers=1)
            annotate_req = tickets("annotate", "/api/annotate")
            warm = _warm(server, annotate_req, config)
            main = _rounds(server, {"noop": noop_req, "annotate": annotate_req}, config)
            workers = len(server.workers())
        # The reference routes, in a server of their own with the same settings (serve never
        # has them): what reading the request, and then tokenizing it, cost on their own.
        port = free_port()
        command = module_command("reference_app", str(port))
        with Server(command, port, env=child_env(), log_path=Path(tmp) / "reference.log") as reference:
            reference.wait_ready("/readyz", workers=1)
            tokenize_req = tickets("tokenize", TOKENIZE_PATH)
            _warm(reference, tokenize_req, config)
            ref = _rounds(reference, {"noop": noop_req, "echo": tickets("echo", ECHO_PATH),
                                      "tokenize": tokenize_req}, config)

    sent = len(warm.samples) + sum(len(r.result.samples) for r in main["annotate"])
    noop_rps, ann_rps = _rps(main["noop"]), _rps(main["annotate"])
    p50 = _median(main["annotate"], lambda r: r.result.p(50)) * 1000
    p99 = _median(main["annotate"], lambda r: r.result.p(99)) * 1000
    noop_p99 = _median(main["noop"], lambda r: r.result.p(99)) * 1000
    errors = sum(_errors(r.result) for rs in main.values() for r in rs)
    requests = sum(len(r.result.samples) for rs in main.values() for r in rs)
    ref_errors = sum(_errors(r.result) for rs in ref.values() for r in rs)
    worker_us = {name: _median(rs, lambda r: r.per_request_us(r.worker_cpu)) for name, rs in main.items()}
    client_us = {name: _median(rs, lambda r: r.per_request_us(r.client_cpu)) for name, rs in main.items()}
    load_note = (f"c={config.service_concurrency}, {config.service_rounds} x "
                 f"{config.service_seconds:g} s each, {workers} workers; load generator on {loop_name()}")

    def ref_note(what: str) -> str:
        return f"{what}; another server, same settings (benchmarks/reference_app.py); {ref_errors} errors"

    return [
        row(SECTION, SPECS[0], noop_rps, unit="req/s", note=f"p99 {noop_p99:.1f} ms; {load_note}"),
        row(SECTION, SPECS[1], ann_rps, unit="req/s", baseline=noop_rps, baseline_name="/healthz",
            note=f"p50 {p50:.1f} ms; {sent:,} requests over {len(texts):,} different tickets"),
        row(SECTION, SPECS[2], p99, unit="ms", note=f"concurrency {config.service_concurrency}"),
        row(SECTION, SPECS[3], errors, note=f"over {requests:,} requests"),
        row(SECTION, SPECS[4], cold, unit="s", note="process start to first 200"),
        row(SECTION, SPECS[5], worker_us["annotate"], unit="us", baseline=worker_us["noop"],
            baseline_name="per /healthz", note="the workers' CPU time over each round, per answer"),
        row(SECTION, SPECS[6], client_us["annotate"], unit="us", baseline=client_us["noop"],
            baseline_name="per /healthz", note="shares the cores with the server"),
        row(SECTION, SPECS[7], _rps(ref["echo"]), unit="req/s", baseline=_rps(ref["noop"]),
            baseline_name="its /healthz", note=ref_note("read and validated as /api/annotate does")),
        row(SECTION, SPECS[8], _rps(ref["tokenize"]), unit="req/s", baseline=_rps(ref["noop"]),
            baseline_name="its /healthz",
            note=ref_note("then the pipeline's tokenizer in a memory zone, vocabulary kept as annotate() does")),
    ]
