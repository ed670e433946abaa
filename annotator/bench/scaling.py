"""Target 2: glossary size. 100,000 concepts vs 1,000.

Throughput with the large glossary no worse than 2x the small one's (ratio >= 0.5), build/load
of the pipeline under 5 s and peak memory under 600 MB at 100,000 concepts.

Each size runs in a fresh child process (``python -m annotator.bench.scaling --child ...``) so
its peak RSS (``ru_maxrss``) is its own. The small glossary is a prefix of the large one and the
tickets mention only the small one's terms, so both pipelines find the same spans and the ratio
isolates the cost of carrying 99,000 more patterns.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .config import Config
from .corpus import count_words, glossary_vocabulary, synthetic_concepts, tickets, write_glossary_jsonl
from .report import Row, Spec, Target, row

SECTION = "scaling"
SPECS = [
    Spec("small_wps", "small glossary rate (baseline)"),
    Spec("large_wps", "large glossary rate", Target(">=", 0.5)),
    Spec("large_build_s", "large glossary build/load", Target("<", 5.0, on="value", unit="s")),
    Spec("large_peak_mb", "large glossary peak memory", Target("<", 600, on="value", unit="MB")),
]


def child(glossary: Path, corpus: Path, repeat: int) -> dict:
    """Runs in the child: build the pipeline from ``glossary``, time ``nlp.pipe`` on the
    corpus; report build seconds, words/s (CPU) and peak RSS."""
    from .throughput import build_pipeline, consume_pipe
    from .timing import alternate

    texts = json.loads(corpus.read_text(encoding="utf-8"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    nlp = build_pipeline([glossary], builtin=False)  # includes the first call
    build_s = time.perf_counter() - start
    spans = consume_pipe(nlp, texts)
    t = alternate({"pipe": lambda: consume_pipe(nlp, texts)}, repeat=repeat, warmup=0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "build_s": build_s,
        "wps": count_words(texts) / t["pipe"].cpu_median,
        "spans": spans,
        "peak_mb": peak / 1024,
        "baseline_peak_mb": rss_before / 1024,
    }


def _run_child(glossary: Path, corpus: Path, repeat: int) -> dict:
    cmd = [sys.executable, "-m", "annotator.bench.scaling", "--child", str(glossary), str(corpus),
           "--repeat", str(repeat)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"scaling child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if "unavailable" in result:
        raise ImportError(result["unavailable"])
    return result


def run(config: Config) -> list[Row]:
    with tempfile.TemporaryDirectory(dir=config.workdir) as tmp:
        tmp = Path(tmp)
        concepts = synthetic_concepts(config.large_glossary, seed=config.seed)
        small = write_glossary_jsonl(concepts[: config.small_glossary], tmp / "small.jsonl")
        large = write_glossary_jsonl(concepts, tmp / "large.jsonl")
        vocab = glossary_vocabulary(concepts[: config.small_glossary])
        corpus = tmp / "corpus.json"
        corpus.write_text(json.dumps(tickets(config.scaling_tickets, seed=config.seed, vocab=vocab)))
        small_r = _run_child(small, corpus, config.repeat)
        large_r = _run_child(large, corpus, config.repeat)
    sizes = f"{config.small_glossary:,}"
    note = (f"{config.large_glossary:,} vs {sizes} synthetic concepts; spans found "
            f"{large_r['spans']:,} vs {small_r['spans']:,}")
    return [
        row(SECTION, SPECS[0], small_r["wps"], unit="words/s",
            note=f"{sizes} concepts, {config.scaling_tickets:,} tickets, CPU time"),
        row(SECTION, SPECS[1], large_r["wps"], unit="words/s", baseline=small_r["wps"],
            baseline_name=sizes, note=note),
        row(SECTION, SPECS[2], large_r["build_s"], unit="s", baseline=small_r["build_s"],
            baseline_name=sizes, note="load() from the glossary file, plus a first call"),
        row(SECTION, SPECS[3], large_r["peak_mb"], unit="MB", baseline=small_r["peak_mb"],
            baseline_name=sizes,
            note=f"child ru_maxrss; {large_r['baseline_peak_mb']:.0f} MB before building"),
    ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("GLOSSARY", "CORPUS"), required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        result = child(Path(args.child[0]), Path(args.child[1]), args.repeat)
    except ImportError as exc:  # the subject is not written yet: say so, the parent shows N/A
        result = {"unavailable": str(exc)}
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
