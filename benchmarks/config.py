"""Sizes and repetitions for one benchmark run: full (``make bench``), quick, or tiny (tests)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Config:
    # throughput / eval: tickets in the corpus, timed rounds per subject
    tickets: int = 2000
    repeat: int = 5
    # scaling: the two glossary sizes compared (1,000 vs 100,000 concepts)
    small_glossary: int = 1_000
    large_glossary: int = 100_000
    scaling_tickets: int = 1000
    build_repeat: int = 3  # fresh-process builds and loads of the large glossary (median)
    # doclen: the two document lengths compared (1,000 vs 100,000 words)
    short_doc: int = 1_000
    long_doc: int = 100_000
    # parallel: records tagged per run, timed rounds
    parallel_tickets: int = 20_000
    parallel_repeat: int = 2
    # service: seconds of load per endpoint per round, rounds, connections, distinct tickets
    service_seconds: float = 5.0
    service_rounds: int = 2
    service_concurrency: int = 8
    service_tickets: int = 20_000
    # memory: distinct requests served, RSS samples taken
    memory_requests: int = 100_000
    memory_samples: int = 20
    # hostile: characters of each hostile input (the service's document limit), timed rounds
    hostile_chars: int = 1_000_000
    hostile_repeat: int = 3
    # transcripts: turns in the shape comparison, and the long JSON transcript's turns
    transcript_turns: int = 2_000
    transcript_long_turns: int = 10_000
    seed: int = 0
    workdir: Path | None = None  # scratch files; a temporary directory when None

    @classmethod
    def quick(cls) -> Config:
        return cls(tickets=500, repeat=3, large_glossary=100_000, scaling_tickets=300, build_repeat=1,
                   parallel_tickets=4000, parallel_repeat=1, service_seconds=2.0,
                   service_rounds=1, memory_requests=20_000, memory_samples=10,
                   hostile_chars=250_000, hostile_repeat=1, transcript_turns=500,
                   transcript_long_turns=3_000)

    @classmethod
    def tiny(cls) -> Config:
        """Seconds, not minutes: for the harness's own smoke tests (figures meaningless)."""
        return cls(tickets=20, repeat=1, small_glossary=50, large_glossary=200,
                   scaling_tickets=20, build_repeat=2, short_doc=100, long_doc=1000, parallel_tickets=60,
                   parallel_repeat=1, service_seconds=0.5, service_rounds=1,
                   service_concurrency=2, service_tickets=20, memory_requests=300,
                   memory_samples=3, hostile_chars=2_000, hostile_repeat=1, transcript_turns=20,
                   transcript_long_turns=200)

    def with_(self, **changes) -> Config:
        return replace(self, **changes)

    def to_json(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
