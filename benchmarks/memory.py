"""Target 6: a worker serving 100,000 different requests keeps a flat RSS.

spaCy's ``StringStore`` keeps every string it has ever seen unless documents are processed
inside ``nlp.memory_zone()``; a service seeing order ids, e-mail addresses and names would grow
without bound. A child process (``python -m benchmarks.memory --child ...``) calls
``annotator.annotate`` on N texts that are all different in their tokens, sampling its own RSS
from ``/proc/self/statm`` at regular intervals. Reported: RSS growth from the end of warm-up
(the first 10 %) to the end.

Two references run the same texts: spaCy's bare tokenizer (``spacy.blank("en")``), each text in
its own memory zone, which is what spaCy alone pays (its string and lexeme indexes keep the
cells of deleted entries, so they grow even inside zones; the annotator compacts both, see
``runtime.stringindex`` and ``runtime.lexemeindex``); and the pipeline
*outside* a memory zone, the leak the zone exists to prevent (and proof the sampling sees one).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from .child import child_env, module_command
from .config import Config
from .report import Row, Spec, Target, row

SECTION = "memory"
GROWTH_LIMIT_MB = 10.0
ADDED_LIMIT_MB = 5.0
SPECS = [
    Spec("rss_growth_mb", "annotate() RSS growth after warm-up",
         Target("<=", GROWTH_LIMIT_MB, on="value", unit="MB")),
    Spec("rss_growth_added_mb", "growth beyond bare spaCy's",
         Target("<=", ADDED_LIMIT_MB, on="value", unit="MB")),
    Spec("rss_growth_no_zone_mb", "same loop without memory_zone (reference)"),
]


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(n: int, samples: int, mode: str, seed: int) -> dict:
    from annotator.api import annotate
    from annotator.export import doc_to_json
    from .corpus import distinct_texts
    from .throughput import build_pipeline

    if mode == "tokenizer":
        import spacy

        nlp = spacy.blank("en")
    else:
        nlp = build_pipeline()
    every = max(1, n // samples)
    trace: list[tuple[int, float]] = [(0, _rss_mb())]
    for i, text in enumerate(distinct_texts(n, seed=seed), 1):
        if mode == "zone":
            annotate(text, nlp=nlp)
        elif mode == "tokenizer":
            with nlp.memory_zone():
                nlp(text)
        else:  # the leak the memory zone exists to prevent
            doc_to_json(nlp(text), text)
        if i % every == 0 or i == n:
            trace.append((i, _rss_mb()))
    warm = next((rss for i, rss in trace if i >= n // 10), trace[-1][1])
    return {"trace": trace, "warm_mb": warm, "end_mb": trace[-1][1],
            "growth_mb": trace[-1][1] - warm,
            "strings": len(nlp.vocab.strings)}


def _run_child(config: Config, mode: str) -> dict:
    cmd = module_command("memory", "--child", mode,
                         "--requests", str(config.memory_requests),
                         "--samples", str(config.memory_samples), "--seed", str(config.seed))
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False,
                          env={**os.environ, **child_env()})
    if proc.returncode != 0:
        raise RuntimeError(f"memory child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if "unavailable" in result:
        raise ImportError(result["unavailable"])
    return result


def run(config: Config) -> list[Row]:
    zone = _run_child(config, "zone")
    floor = _run_child(config, "tokenizer")
    # The reference leak needs far fewer requests to show itself.
    leak = _run_child(config.with_(memory_requests=max(100, config.memory_requests // 5)), "no-zone")
    n = config.memory_requests
    return [
        row(SECTION, SPECS[0], zone["growth_mb"], unit="MB", baseline=floor["growth_mb"] or None,
            baseline_name="bare spaCy tokenizer in zones",
            note=(f"{n:,} distinct texts; RSS {zone['warm_mb']:.0f} -> {zone['end_mb']:.0f} MB; "
                  f"{zone['strings']:,} strings in vocab at the end")),
        row(SECTION, SPECS[1], zone["growth_mb"] - floor["growth_mb"], unit="MB",
            note="what the annotator adds to spaCy's own growth on the same texts"),
        row(SECTION, SPECS[2], leak["growth_mb"], unit="MB",
            note=(f"{max(100, n // 5):,} texts, nlp() without a zone; {leak['strings']:,} strings "
                  "in vocab at the end")),
    ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=("zone", "tokenizer", "no-zone"), required=True)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        result = child(args.requests, args.samples, args.child, args.seed)
    except ImportError as exc:  # the subject is not written yet: say so, the parent shows N/A
        result = {"unavailable": str(exc)}
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
