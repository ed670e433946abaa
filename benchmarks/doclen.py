"""Target 3: linear in document length.

Words per second on one 100,000-word document must be within 1.5x of the rate on a 1,000-word
one: a matcher or a post-processing pass that is quadratic (overlap filtering, offset mapping,
in-text definition search) shows up here long before it shows up on tickets. The short document
is processed as many times as it takes to cover the same number of words, so both sides do the
same amount of work per round. CPU time, alternating rounds.
"""

from __future__ import annotations

from .config import Config
from .corpus import document
from .report import Row, Spec, Target, row
from .timing import alternate

SECTION = "doclen"
SPECS = [
    Spec("short_wps", "short document rate (baseline)"),
    Spec("long_wps", "long document rate", Target(">=", 1 / 1.5)),
    Spec("annotate_short_wps", "annotate() short document rate (baseline)"),
    Spec("annotate_long_wps", "annotate() long document rate", Target(">=", 1 / 1.5)),
]

NO_CAP = 10**9


def run(config: Config) -> list[Row]:
    from annotator.api import annotate
    from .throughput import build_pipeline

    nlp = build_pipeline()
    short = document(config.short_doc, seed=config.seed)
    long = document(config.long_doc, seed=config.seed + 1)
    nlp.max_length = max(nlp.max_length, len(long) + 1)
    copies = max(1, config.long_doc // config.short_doc)

    def run_short() -> None:
        with nlp.memory_zone():
            for _ in range(copies):
                nlp(short)

    def run_long() -> None:
        with nlp.memory_zone():
            nlp(long)

    # The JSON path as well (no span cap, so the long document exports every span it has): safety checks, markup and export run over the whole text too.
    def annotate_short() -> None:
        for _ in range(copies):
            annotate(short, nlp=nlp, max_spans=NO_CAP)

    def annotate_long() -> None:
        annotate(long, nlp=nlp, max_length=len(long) + 1, max_spans=NO_CAP)

    t = alternate({"short": run_short, "long": run_long, "annotate_short": annotate_short,
                   "annotate_long": annotate_long}, repeat=config.repeat)
    short_wps = config.short_doc * copies / t["short"].cpu_median
    long_wps = config.long_doc / t["long"].cpu_median
    a_short_wps = config.short_doc * copies / t["annotate_short"].cpu_median
    a_long_wps = config.long_doc / t["annotate_long"].cpu_median
    return [
        row(SECTION, SPECS[0], short_wps, unit="words/s",
            note=f"{config.short_doc:,}-word doc x {copies}, CPU time"),
        row(SECTION, SPECS[1], long_wps, unit="words/s", baseline=short_wps,
            baseline_name=f"{config.short_doc:,} words",
            note=f"{config.long_doc:,}-word doc (target: within 1.5x)"),
        row(SECTION, SPECS[2], a_short_wps, unit="words/s"),
        row(SECTION, SPECS[3], a_long_wps, unit="words/s", baseline=a_short_wps,
            baseline_name=f"{config.short_doc:,} words"),
    ]
