"""Target 4: ``tag --processes 2`` >= 1.7x ``--processes 1``; the Dask engine within 1.5x of the
local engine. The same two-process ratio over an archive of transcripts (``--format transcript``,
one short call or chat per record), which must keep the tickets' ratio.

The real command (``helpdesk-annotator tag``) on a seeded JSONL archive of tickets, each run in
a fresh process with a fresh output file, timed in wall-clock time (CPU time of the parent says
nothing about its workers), alternating configurations round by round.

The rate compared is the rate *after start-up*: words / (wall time of the archive - wall time of
the same command on a 50-record archive). Start-up (interpreter, pipeline, warming the workers
up) is a fixed cost of one to two seconds that a two-process run pays more of, and an archive
worth parallelising dwarfs it; the end-to-end rates are in the notes and the JSON.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from .config import Config
from .corpus import count_words, tickets
from .load import cli_command
from .report import Row, Spec, Target, row

SECTION = "parallel"
SPECS = [
    Spec("tag_p1_wps", "tag --processes 1 (baseline)"),
    Spec("tag_p2_wps", "tag --processes 2", Target(">=", 1.7)),
    Spec("tag_dask_wps", "tag --engine dask --processes 2", Target(">=", 1 / 1.5)),
    Spec("transcripts_p1_wps", "tag --format transcript, --processes 1 (baseline)"),
    Spec("transcripts_p2_wps", "tag --format transcript, --processes 2", Target(">=", 1.7)),
]

STARTUP_RECORDS = 50

CONFIGS = {
    "p1": ["--processes", "1"],
    "p2": ["--processes", "2"],
    "dask": ["--engine", "dask", "--processes", "2"],
}


def _tag(archive: Path, out: Path, args: list[str]) -> float:
    if out.exists():
        out.unlink()
    for leftover in out.parent.glob(out.name + "*"):  # checkpoints, rejects reports
        leftover.unlink()
    start = time.perf_counter()
    proc = subprocess.run([*cli_command("tag"), str(archive), str(out), "--overwrite", *args],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"tag {' '.join(args)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def _check_available() -> None:
    from annotator.api import annotate  # noqa: F401

    usage = subprocess.run([*cli_command("tag", "--help")], capture_output=True, text=True,
                           check=False).stdout
    if "--processes" not in usage or "--engine" not in usage:
        raise ImportError("`helpdesk-annotator tag --processes/--engine` is not available")


class _Timed:
    """Wall-clock runs of ``tag`` per configuration over one archive, alternating."""

    def __init__(self, texts: list[str], configs: dict[str, list[str]], repeat: int, workdir) -> None:
        self.texts, self.words = texts, count_words(texts)
        times: dict[str, list[float]] = {name: [] for name in configs}
        startup: dict[str, list[float]] = {name: [] for name in configs}
        self.lines: dict[str, int] = {}
        with tempfile.TemporaryDirectory(dir=workdir) as tmp:
            tmp = Path(tmp)
            archive = _write_archive(tmp / "archive.jsonl", texts)
            startup_archive = _write_archive(tmp / "startup.jsonl", texts[:STARTUP_RECORDS])
            for r in range(repeat):
                names = list(configs) if r % 2 == 0 else list(reversed(configs))
                for name in names:
                    out = tmp / f"out-{name}.jsonl"
                    startup[name].append(_tag(startup_archive, out, configs[name]))
                    times[name].append(_tag(archive, out, configs[name]))
                    self.lines[name] = sum(1 for _ in out.open(encoding="utf-8"))
        self.wall = {name: statistics.median(ts) for name, ts in times.items()}
        self.start = {name: statistics.median(ts) for name, ts in startup.items()}
        # Guard against a start-up run slower than the whole (only possible at toy sizes).
        self.wps = {name: self.words / max(self.wall[name] - self.start[name], self.wall[name] / 10)
                    for name in configs}
        self.e2e = {name: self.words / self.wall[name] for name in configs}

    def detail(self, name: str) -> str:
        return (f"end to end {self.e2e[name]:,.0f} words/s ({self.wall[name]:.1f} s), "
                f"start-up {self.start[name]:.1f} s")

    def check(self) -> str:
        mismatch = {n: c for n, c in self.lines.items() if c != len(self.texts)}
        return f"output lines differ: {mismatch}" if mismatch else "every record tagged"


def run(config: Config) -> list[Row]:
    _check_available()
    t = _Timed(tickets(config.parallel_tickets, seed=config.seed), CONFIGS, config.parallel_repeat,
               config.workdir)
    calls = transcripts(config.parallel_tickets, seed=config.seed)
    transcript_configs = {name: [*CONFIGS[name], "--format", "transcript"] for name in ("p1", "p2")}
    c = _Timed(calls, transcript_configs, config.parallel_repeat, config.workdir)
    return [
        row(SECTION, SPECS[0], t.wps["p1"], unit="words/s",
            note=f"{len(t.texts):,} tickets, {t.words:,} words, {t.check()}; {t.detail('p1')}"),
        row(SECTION, SPECS[1], t.wps["p2"], unit="words/s", baseline=t.wps["p1"],
            baseline_name="1 process",
            note=f"{t.detail('p2')}; end-to-end ratio {t.e2e['p2'] / t.e2e['p1']:.2f}x"),
        row(SECTION, SPECS[2], t.wps["dask"], unit="words/s", baseline=t.wps["p2"],
            baseline_name="local, 2 processes",
            note=f"target: within 1.5x of local; {t.detail('dask')}"),
        row(SECTION, SPECS[3], c.wps["p1"], unit="words/s",
            note=f"{len(c.texts):,} transcripts (Speaker: text turns), {c.words:,} words, {c.check()}; "
                 f"{c.detail('p1')}"),
        row(SECTION, SPECS[4], c.wps["p2"], unit="words/s", baseline=c.wps["p1"],
            baseline_name="1 process",
            note=f"{c.detail('p2')}; end-to-end ratio {c.e2e['p2'] / c.e2e['p1']:.2f}x"),
    ]


def transcripts(n: int, seed: int) -> list[str]:
    """``n`` short calls or chats as ``Speaker: text`` turns (2 to 6 turns each, about the
    words of a ticket), made of the generated tickets' sentences."""
    from .transcripts import render, turn_texts

    rng = random.Random(seed)
    turns = turn_texts(4 * n, seed)
    calls, cursor = [], 0
    for _ in range(n):
        take = rng.randint(2, 6)
        calls.append(render(turns[cursor : cursor + take], "turns"))
        cursor += take
    return calls


def _write_archive(path: Path, texts: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"t{i}", "text": text}, ensure_ascii=False) + "\n")
    return path
