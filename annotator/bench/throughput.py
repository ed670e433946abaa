"""Target 1: annotating through ``nlp.pipe`` >= 0.5x the bare tokenizer; ``annotate()`` >= 0.3x.

Baseline: ``spacy.blank("en")``'s tokenizer over the same tickets (``nlp.tokenizer.pipe``),
the floor any spaCy pipeline pays. Subjects: the annotator pipeline through ``nlp.pipe`` (text
to Doc with every span's definition set), and the JSON path ``annotator.annotate`` one ticket at
a time (safety checks, markup pass, Doc, export), as the service calls it. Single process,
alternating rounds, CPU time.
"""

from __future__ import annotations

from .config import Config
from .corpus import count_words, tickets
from .report import Row, Spec, Target, row
from .timing import alternate

SECTION = "throughput"
SPECS = [
    Spec("tokenizer_wps", "bare tokenizer (baseline)"),
    Spec("pipe_wps", "nlp.pipe annotate", Target(">=", 0.5)),
    Spec("annotate_wps", "annotator.annotate JSON", Target(">=", 0.3)),
]


def build_pipeline(glossary_paths=(), *, builtin: bool = True):
    """``annotator.load()`` plus one call outside any memory zone, so the component's lazily
    loaded glossary strings are permanent. (Loaded first inside a zone, they are freed when it
    exits and every later call fails with E018/E109: a bug reported to the component's owner;
    warming up outside the zone is also simply what a worker does before taking traffic.)"""
    from ..api import load

    nlp = load(list(glossary_paths), builtin=builtin)
    nlp("Warm-up: the SLA for AHT.")
    return nlp


def consume_pipe(nlp, texts) -> int:
    """Every Doc with its entities and their definitions read, inside a memory zone (as a
    long-running worker would run it)."""
    n = 0
    with nlp.memory_zone():
        for doc in nlp.pipe(texts, batch_size=256):
            for ent in doc.ents:
                n += ent._.definition is not None
    return n


def run(config: Config) -> list[Row]:
    import spacy

    from ..api import annotate

    texts = tickets(config.tickets, seed=config.seed)
    words = count_words(texts)
    blank = spacy.blank("en")
    nlp = build_pipeline()

    def tokenizer() -> None:
        with blank.memory_zone():
            for _ in blank.tokenizer.pipe(texts):
                pass

    def pipe() -> None:
        consume_pipe(nlp, texts)

    def annotate_all() -> None:
        for text in texts:
            annotate(text, nlp=nlp)

    t = alternate({"tokenizer": tokenizer, "pipe": pipe, "annotate": annotate_all},
                  repeat=config.repeat)
    wps = {name: words / timing.cpu_median for name, timing in t.items()}
    note = f"{len(texts):,} tickets, {words:,} words, CPU time, median of {config.repeat}"
    base = wps["tokenizer"]
    return [
        row(SECTION, SPECS[0], wps["tokenizer"], unit="words/s", note=note),
        row(SECTION, SPECS[1], wps["pipe"], unit="words/s", baseline=base, baseline_name="tokenizer"),
        row(SECTION, SPECS[2], wps["annotate"], unit="words/s", baseline=base,
            baseline_name="tokenizer"),
    ]
