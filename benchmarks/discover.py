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
[--dask] [--json FILE]``. Nothing here is a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path

from .corpus import builtin_vocabulary, ticket

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(5, 9)))


def write_archive(path: Path, n: int, *, seed: int = 0) -> Path:
    """``n`` JSONL tickets, streamed to ``path`` (never all in memory)."""
    rng = random.Random(seed)
    vocab = builtin_vocabulary()
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            fresh = f"{_pseudo_word(rng)} {_pseudo_word(rng)}"
            body = ticket(rng, vocab, rng.randint(40, 200))
            text = f"{body} The {fresh} came up again; see the {fresh} notes."
            out.write(json.dumps({"id": i, "text": text}) + "\n")
    return path


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory(archive: Path, documents: int, capacity: int) -> dict:
    from annotator.discover.run import DiscoverConfig, run

    trace: list[tuple[int, float]] = []

    def factory(total, initial, unit):
        def update(position):
            trace.append((position.records, round(_rss_mb(), 1)))

        update.close = lambda: None
        return update

    started = time.perf_counter()
    report = run(DiscoverConfig(inputs=[archive], capacity=capacity, rejects=None),
                 progress_factory=factory)
    seconds = time.perf_counter() - started
    tenths = [trace[max(0, int(len(trace) * i / 10) - 1)] for i in range(1, 11)]
    tables = report.discovery
    return {
        "documents": report.documents,
        "seconds": round(seconds, 1),
        "docs_per_s": round(report.documents / seconds, 1),
        "capacity": capacity,
        "entry_bound": tables.bound,
        "entries_at_end": len(tables.acronyms) + len(tables.terms) + len(tables.variants),
        "pruned": tables.terms.pruned,
        "rss_mb_by_tenth": tenths,
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
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        archive = write_archive(workdir / "archive.jsonl", args.documents)
        results = {"memory": memory(archive, args.documents, args.capacity)}
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
