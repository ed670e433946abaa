"""Target 2: glossary size. 100,000 concepts vs 1,000.

Throughput with the large glossary no worse than 2x the small one's (ratio >= 0.5), build/load
of the pipeline under 5 s and peak memory under 600 MB at 100,000 concepts.

Each size runs in a fresh child process (``python -m benchmarks.scaling --child ...``) so
its peak RSS (``ru_maxrss``) is its own. The small glossary is a prefix of the large one and the
tickets mention only the small one's terms, so both pipelines find the same spans and the ratio
isolates the cost of carrying 99,000 more patterns.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .child import child_env, module_command
from .config import Config
from .corpus import count_words, glossary_vocabulary, synthetic_concepts, tickets, write_glossary_jsonl
from .load import children
from .report import Row, Spec, Target, row

SECTION = "scaling"
SPECS = [
    Spec("small_wps", "small glossary rate (baseline)"),
    Spec("large_wps", "large glossary rate", Target(">=", 0.5)),
    Spec("large_build_s", "large glossary build from file", Target("<", 5.0, on="value", unit="s")),
    Spec("large_peak_mb", "large glossary peak memory (build)", Target("<", 600, on="value", unit="MB")),
    Spec("large_load_s", "large glossary spacy.load saved", Target("<", 5.0, on="value", unit="s")),
    Spec("large_load_peak_mb", "large glossary peak memory (load)", Target("<", 600, on="value", unit="MB")),
]


def _build(glossary: Path):
    """Build the pipeline from ``glossary`` (and call it once); return it and the build's figures."""
    from annotator import api  # noqa: F401 - spaCy's import is no part of the build (load_child's clock skips it too)
    from .throughput import build_pipeline

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start, wall_start = time.perf_counter(), time.process_time(), time.time()
    nlp = build_pipeline([glossary], builtin=False)  # includes the first call
    build_s, build_cpu_s = time.perf_counter() - start, time.process_time() - cpu_start
    build_window = (wall_start, time.time())  # for the parent's memory sampler
    # A big glossary's patterns are generated in a forked child (runtime.forked), reaped by
    # now: its CPU time and peak RSS are part of what the build costs.
    helper = resource.getrusage(resource.RUSAGE_CHILDREN)
    return nlp, {
        "build_s": build_s,
        "build_window": build_window,
        "build_cpu_s": build_cpu_s,
        "helper_cpu_s": helper.ru_utime + helper.ru_stime,
        "helper_peak_mb": helper.ru_maxrss / 1024,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_peak_mb": rss_before / 1024,
    }


def build_child(glossary: Path) -> dict:
    """Runs in the child: build the pipeline from ``glossary`` once more (the repeated builds
    whose median the build row reports)."""
    return _build(glossary)[1]


def child(glossary: Path, corpus: Path, repeat: int, save_to: Path | None = None) -> dict:
    """Runs in the child: build the pipeline from ``glossary``, time ``nlp.pipe`` on the
    corpus; report build seconds, words/s (CPU) and peak RSS. With ``save_to``, save the
    pipeline there (after measuring) for :func:`load_child`."""
    from .throughput import consume_pipe
    from .timing import alternate

    texts = json.loads(corpus.read_text(encoding="utf-8"))
    nlp, result = _build(glossary)
    spans = consume_pipe(nlp, texts)
    t = alternate({"pipe": lambda: consume_pipe(nlp, texts)}, repeat=repeat, warmup=0)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if save_to is not None:
        nlp.to_disk(save_to)
    return {**result, "wps": count_words(texts) / t["pipe"].cpu_median, "spans": spans}


def load_child(saved: Path) -> dict:
    """Runs in the child: ``spacy.load`` a saved pipeline (what a service restart does) and
    annotate once; report seconds and peak RSS."""
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(saved)
    nlp("Warm-up: the SLA for AHT.")
    return {"load_s": time.perf_counter() - start,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _pss_kib(pid: int) -> int:
    """``pid``'s proportional set size (shared pages split between their users), 0 if gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreePeak:
    """The peak of a process's PSS plus its children's, sampled from ``/proc``.

    The build forks a pattern generator (``runtime.forked``) that shares most of its pages
    with the build: their two ``ru_maxrss`` would count those twice, and the build's alone
    would leave the generator out. Sampled by a thread of *this* process, never the measured
    one (the build forks only while it is single-threaded).
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, int]] = []  # (time.time(), KiB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = _pss_kib(self.pid) + sum(_pss_kib(c) for c in children(self.pid))
            self.samples.append((time.time(), total))
            self._stop.wait(self.interval)

    def peak_mb(self, start: float = 0.0, end: float = float("inf")) -> float:
        """The peak between two ``time.time()`` readings (the whole run by default)."""
        return max((kib for t, kib in self.samples if start <= t <= end), default=0) / 1024

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _run_child(*args: str) -> dict:
    cmd = module_command("scaling", *args)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **child_env()})
    with TreePeak(proc.pid) as tree:
        stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"scaling child failed ({proc.returncode}): {stderr[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    if "unavailable" in result:
        raise ImportError(result["unavailable"])
    # The build's own window (the child reports it), then the whole run (saving included).
    window = result.get("build_window", (0.0, float("inf")))
    result["tree_pss_peak_mb"] = tree.peak_mb(window[0], window[1] + tree.interval)
    result["tree_pss_run_peak_mb"] = tree.peak_mb()
    return result


def _peak(result: dict) -> float:
    """What a build costs in memory: the measured process's peak RSS, or its peak together with
    its forked helper's when that is larger."""
    return max(result["peak_mb"], result["tree_pss_peak_mb"])


def run(config: Config) -> list[Row]:
    with tempfile.TemporaryDirectory(dir=config.workdir) as tmp:
        tmp = Path(tmp)
        concepts = synthetic_concepts(config.large_glossary, seed=config.seed)
        small = write_glossary_jsonl(concepts[: config.small_glossary], tmp / "small.jsonl")
        large = write_glossary_jsonl(concepts, tmp / "large.jsonl")
        vocab = glossary_vocabulary(concepts[: config.small_glossary])
        corpus = tmp / "corpus.json"
        corpus.write_text(json.dumps(tickets(config.scaling_tickets, seed=config.seed, vocab=vocab)))
        repeat = ["--repeat", str(config.repeat)]
        small_r = _run_child("--child", str(small), str(corpus), *repeat)
        saved = tmp / "large-pipeline"
        large_r = _run_child("--child", str(large), str(corpus), *repeat, "--save", str(saved))
        # Build and load are single events, so each is run several times in fresh processes:
        # the median time is reported, and the largest memory peak.
        builds = [large_r] + [_run_child("--build", str(large)) for _ in range(config.build_repeat - 1)]
        loads = [_run_child("--load", str(saved)) for _ in range(config.build_repeat)]
    sizes = f"{config.small_glossary:,}"
    build_s = statistics.median(b["build_s"] for b in builds)
    worst = max(builds, key=_peak)
    load_s = statistics.median(r["load_s"] for r in loads)

    def runs(figures) -> str:
        return ", ".join(f"{x:.2f}" for x in figures)

    note = (f"{config.large_glossary:,} vs {sizes} synthetic concepts; spans found "
            f"{large_r['spans']:,} vs {small_r['spans']:,}")
    return [
        row(SECTION, SPECS[0], small_r["wps"], unit="words/s",
            note=f"{sizes} concepts, {config.scaling_tickets:,} tickets, CPU time"),
        row(SECTION, SPECS[1], large_r["wps"], unit="words/s", baseline=small_r["wps"],
            baseline_name=sizes, note=note),
        row(SECTION, SPECS[2], build_s, unit="s", baseline=small_r["build_s"],
            baseline_name=sizes,
            note=(f"median of {len(builds)} ({runs(b['build_s'] for b in builds)} s); load() from the "
                  f"glossary file, plus a first call (spaCy imported before); CPU "
                  f"{large_r['build_cpu_s']:.2f} s + {large_r['helper_cpu_s']:.2f} s in the forked "
                  f"pattern generator")),
        row(SECTION, SPECS[3], _peak(worst), unit="MB", baseline=_peak(small_r),
            baseline_name=sizes,
            note=(f"the largest of {len(builds)} builds: the larger of the child's ru_maxrss "
                  f"({worst['peak_mb']:.0f} MB; {worst['baseline_peak_mb']:.0f} MB before building) "
                  f"and the peak PSS of it and the forked pattern generator together while building "
                  f"({worst['tree_pss_peak_mb']:.0f} MB, sampled every 50 ms); saving the pipeline "
                  f"afterwards peaks at {large_r['tree_pss_run_peak_mb']:.0f} MB")),
        row(SECTION, SPECS[4], load_s, unit="s",
            note=(f"median of {len(loads)} ({runs(r['load_s'] for r in loads)} s); fresh process: "
                  f"spacy.load(nlp.to_disk output) plus a first call")),
        row(SECTION, SPECS[5], max(r["peak_mb"] for r in loads), unit="MB",
            note=f"the largest of {len(loads)} processes' ru_maxrss"),
    ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--child", nargs=2, metavar=("GLOSSARY", "CORPUS"))
    mode.add_argument("--build", metavar="GLOSSARY")
    mode.add_argument("--load", metavar="SAVED_PIPELINE")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--save", metavar="DIR")
    args = parser.parse_args(argv)
    try:
        if args.load:
            result = load_child(Path(args.load))
        elif args.build:
            result = build_child(Path(args.build))
        else:
            result = child(Path(args.child[0]), Path(args.child[1]), args.repeat,
                           Path(args.save) if args.save else None)
    except ImportError as exc:  # the subject is not written yet: say so, the parent shows N/A
        result = {"unavailable": str(exc)}
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
