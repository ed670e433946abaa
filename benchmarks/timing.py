"""Alternating repetitions with medians: the one way this suite compares two things.

Baseline and subject run in the same process, interleaved (A B B A A B ...), so slow drift on a
shared machine (another job starting, the CPU clocking down) lands on both sides alike. Each
run is timed in wall-clock and in process CPU time; single-process comparisons use CPU time,
which other processes on the machine barely disturb.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def median(self, clock: str) -> float:
        return self.cpu_median if clock == "cpu" else self.wall_median

    def to_json(self) -> dict:
        return {"wall": self.wall, "cpu": self.cpu}


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call, after a collection so garbage from the previous
    run is not charged to this one."""
    gc.collect()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall0, time.process_time() - cpu0


def alternate(
    subjects: Mapping[str, Callable[[], object]], *, repeat: int, warmup: int = 1
) -> dict[str, Timing]:
    """Run every subject ``repeat`` times, interleaved, after ``warmup`` untimed rounds.

    The order reverses every round (ABBA), so neither side always runs right after the other's
    garbage or always first in a round.
    """
    names = list(subjects)
    for _ in range(warmup):
        for name in names:
            subjects[name]()
    timings = {name: Timing() for name in names}
    for round_ in range(repeat):
        for name in names if round_ % 2 == 0 else reversed(names):
            wall, cpu = measure(subjects[name])
            timings[name].wall.append(wall)
            timings[name].cpu.append(cpu)
    return timings


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (the usual definition for latency reports); NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil(n * pct / 100), at least 1
    return ordered[int(rank) - 1]
