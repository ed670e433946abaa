"""Discovery at scale: flat memory over a growing archive, throughput next to ``tag``.

Generates a seeded ticket archive in which every document also carries fresh, never-repeated
two-word phrases (the worst case for a counter: the number of distinct candidates grows with
the archive), then:

* memory: mines the archive in this process, sampling RSS after every batch, with a small
  ``--capacity`` so pruning happens even in a short run; memory must stop growing once the
  tables are full (at most ``2 * capacity`` entries per kind);
* throughput: mines and tags the same first ``--compare`` documents with the same process
  count and reports documents per second for both and their ratio;
* ``--dask``: the same discovery on the Dask engine, against the local engine.

Usage: ``python -m benchmarks.discover --documents 20000 --compare 2000 [--processes 2]
[--dask] [--json FILE] [--words MIN,MAX] [--archive FILE] [--log FILE] [--no-memory]``.
Nothing here is a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from .corpus import builtin_vocabulary, ticket

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(5, 9)))


def write_archive(path: Path, n: int, *, seed: int = 0,
                  words: tuple[int, int] = (40, 200)) -> Path:
    """``n`` JSONL tickets of ``words`` (a range) words each plus the fresh phrases, streamed
    to ``path`` (never all in memory)."""
    rng = random.Random(seed)
    vocab = builtin_vocabulary()
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            fresh = f"{_pseudo_word(rng)} {_pseudo_word(rng)}"
            body = ticket(rng, vocab, rng.randint(*words))
            text = f"{body} The {fresh} came up again; see the {fresh} notes."
            out.write(json.dumps({"id": i, "text": text}) + "\n")
    return path


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def sample_points(documents: int) -> list[int]:
    """Where RSS is sampled: every tenth of the run plus the decades (10k, 100k, 500k...) it
    passes, so runs of any size report the same landmarks."""
    marks = {max(1, documents * i // 10) for i in range(1, 11)}
    marks |= {m for m in (1_000, 10_000, 100_000, 500_000, 1_000_000) if m <= documents}
    return sorted(marks)


def memory(archive: Path, documents: int, capacity: int, *, log=None) -> dict:
    """Mine ``archive`` inline in this process, sampling RSS at :func:`sample_points` (the
    first batch end at or past each point). ``log`` (a text file) gets one line per sample as
    it is taken, so a long run can be watched and a killed one still leaves its curve."""
    from annotator.discover.run import DiscoverConfig, run

    points = sample_points(documents)
    trace: list[dict] = []
    started = time.perf_counter()

    def factory(total, initial, unit):
        def update(position):
            while points and position.records >= points[0]:
                points.pop(0)
                sample = {"documents": position.records, "rss_mb": round(_rss_mb(), 1),
                          "seconds": round(time.perf_counter() - started, 1)}
                trace.append(sample)
                if log is not None:
                    log.write(json.dumps(sample) + "\n")
                    log.flush()

        update.close = lambda: None
        return update

    report = run(DiscoverConfig(inputs=[archive], capacity=capacity, rejects=None),
                 progress_factory=factory)
    seconds = time.perf_counter() - started
    tables = report.discovery
    return {
        "documents": report.documents,
        "seconds": round(seconds, 1),
        "docs_per_s": round(report.documents / seconds, 1),
        "capacity": capacity,
        "entry_bound": tables.bound,
        "entries_at_end": len(tables.acronyms) + len(tables.terms) + len(tables.variants),
        "pruned": tables.terms.pruned,
        "rss_mb": trace,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def _first(archive: Path, n: int, into: Path) -> Path:
    with open(archive, encoding="utf-8") as src, open(into, "w", encoding="utf-8") as out:
        for _, line in zip(range(n), src):
            out.write(line)
    return into


def throughput(archive: Path, processes: int, workdir: Path, *, dask: bool = False) -> dict:
    from annotator.batch.engine import RunConfig
    from annotator.batch.engine import run as tag_run
    from annotator.discover.run import DiscoverConfig
    from annotator.discover.run import run as discover_run

    result = {"processes": processes}
    started = time.perf_counter()
    report = tag_run(RunConfig(input=archive, output=workdir / "tagged.jsonl",
                               processes=processes, overwrite=True))
    result["tag_docs_per_s"] = round(report.documents / (time.perf_counter() - started), 1)
    started = time.perf_counter()
    found = discover_run(DiscoverConfig(inputs=[archive], processes=processes, rejects=None))
    result["discover_docs_per_s"] = round(found.documents / (time.perf_counter() - started), 1)
    result["discover_vs_tag"] = round(result["discover_docs_per_s"] / result["tag_docs_per_s"], 2)
    if dask:
        started = time.perf_counter()
        found = discover_run(DiscoverConfig(inputs=[archive], processes=processes,
                                            engine="dask", rejects=None))
        result["dask_docs_per_s"] = round(found.documents / (time.perf_counter() - started), 1)
        result["dask_vs_local"] = round(result["dask_docs_per_s"] / result["discover_docs_per_s"], 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--compare", type=int, default=2_000,
                        help="documents mined and tagged for the throughput comparison (0: skip)")
    parser.add_argument("--capacity", type=int, default=2_000)
    parser.add_argument("--words", default="40,200",
                        help="MIN,MAX words of generated ticket text per document")
    parser.add_argument("--archive", type=Path, default=None,
                        help="keep the generated archive here (reused when it exists)")
    parser.add_argument("--log", type=Path, default=None,
                        help="append each RSS sample here as it is taken")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the memory run (throughput comparison only)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    low, high = (int(n) for n in args.words.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        archive = args.archive or workdir / "archive.jsonl"
        generated = not archive.exists()
        if generated:
            write_archive(archive, args.documents, words=(low, high))
        log = open(args.log, "a", encoding="utf-8") if args.log else None  # noqa: SIM115
        try:
            # A reused archive's document length is whatever it was generated with.
            results = {"words": [low, high] if generated else None}
            if not args.no_memory:
                results["memory"] = memory(archive, args.documents, args.capacity, log=log)
        finally:
            if log is not None:
                log.close()
        if args.compare:
            head = _first(archive, args.compare, workdir / "head.jsonl")
            results["throughput"] = throughput(head, args.processes, workdir, dask=args.dask)
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
