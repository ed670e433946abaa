"""Target 1: annotating through ``nlp.pipe`` >= 0.5x the bare tokenizer; ``annotate()`` >= 0.3x.

Baseline: ``spacy.blank("en")``'s tokenizer over the same tickets (``nlp.tokenizer.pipe``)
inside ``memory_zone()``, the condition a long-running worker must run in (and ``annotate()``
always does), where spaCy neither caches tokenizations nor keeps new lexemes. The same
tokenizer outside a zone, whose cache builds up over the pass, is reported as a stricter
reference row (on a templated corpus its cache hits almost every word). Subjects: the annotator pipeline through ``nlp.pipe`` (text
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
    Spec("entity_ruler_wps", "stock entity_ruler on patterns.jsonl (reference)"),
    Spec("tokenizer_cached_wps", "bare tokenizer outside a memory zone (reference)"),
]
RULER_TICKETS = 300  # the stock ruler is the slow reference: a subset is enough to time it


def build_pipeline(glossary_paths=(), *, builtin: bool = True):
    """``annotator.load()`` plus one call outside any memory zone, as a worker warms up before
    taking traffic: nothing lazily built on first use may land in a zone (whose strings are
    freed when it exits) or be charged to the first timed round."""
    from annotator.api import load

    from annotator.session import AnnotationSession

    nlp = load(list(glossary_paths), builtin=builtin)
    AnnotationSession(nlp).warm()  # as the service does before forking its workers
    nlp("Warm-up: the SLA for AHT.")
    return nlp


def fresh_pipelines(n: int) -> list:
    """``n`` pipelines, one per timed round of an ``annotate()`` subject.

    ``annotate()`` keeps the words it sees recur (``runtime.warmup``); a pipeline reused
    across rounds of the same texts would know every word of them, order ids included, from
    the second round on. A fresh one per round learns only what recurs within the round, as a
    worker does from real traffic. Built up front, so no round is charged for building.
    """
    return [build_pipeline() for _ in range(n)]


def consume_tokenizer(blank, texts) -> None:
    """The baseline every ratio is taken against: the bare tokenizer of ``spacy.blank("en")``
    over the same texts, inside a memory zone like the subject."""
    with blank.memory_zone():
        for _ in blank.tokenizer.pipe(texts):
            pass


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

    from annotator.api import annotate

    texts = tickets(config.tickets, seed=config.seed)
    words = count_words(texts)
    blank = spacy.blank("en")
    nlp = build_pipeline()
    annotators = fresh_pipelines(config.repeat + 1)

    def pipe() -> None:
        consume_pipe(nlp, texts)

    def annotate_all() -> None:
        learner = annotators.pop()
        for text in texts:
            annotate(text, nlp=learner)

    # The stricter reference: a fresh spacy.blank("en") per round, no memory zone, so its
    # tokenizer cache and lexemes build up over the pass as they do for a plain script (a
    # service worker must run in zones, where spaCy neither caches nor keeps lexemes).
    fresh = [spacy.blank("en") for _ in range(config.repeat + 1)]

    def tokenizer_cached() -> None:
        for _ in fresh.pop().tokenizer.pipe(texts):
            pass

    t = alternate({"tokenizer": lambda: consume_tokenizer(blank, texts), "pipe": pipe, "annotate": annotate_all,
                   "tokenizer_cached": tokenizer_cached}, repeat=config.repeat)
    wps = {name: words / timing.cpu_median for name, timing in t.items()}
    note = f"{len(texts):,} tickets, {words:,} words, CPU time, median of {config.repeat}"
    base = wps["tokenizer"]
    ruler_wps, ruler_base, ruler_note = _entity_ruler(blank, texts[:RULER_TICKETS], config.repeat)
    return [
        row(SECTION, SPECS[0], wps["tokenizer"], unit="words/s", note=note),
        row(SECTION, SPECS[1], wps["pipe"], unit="words/s", baseline=base, baseline_name="tokenizer"),
        row(SECTION, SPECS[2], wps["annotate"], unit="words/s", baseline=base,
            baseline_name="tokenizer"),
        row(SECTION, SPECS[3], ruler_wps, unit="words/s", baseline=ruler_base,
            baseline_name="tokenizer", note=ruler_note),
        row(SECTION, SPECS[4], wps["tokenizer_cached"], unit="words/s", baseline=base,
            baseline_name="tokenizer in zones",
            note=(f"fresh blank per round, cache on; against it nlp.pipe is "
                  f"{wps['pipe'] / wps['tokenizer_cached']:.2f}x, annotate() "
                  f"{wps['annotate'] / wps['tokenizer_cached']:.2f}x")),
    ]


def _entity_ruler(blank, texts: list[str], repeat: int) -> tuple[float, float, str]:
    """spaCy's stock ``entity_ruler`` loaded with the generated ``patterns.jsonl``: what the
    component has to beat (a reference, not a target)."""
    import spacy
    import srsly

    from annotator.resources import builtin_patterns_path

    ruler_nlp = spacy.blank("en")
    ruler_nlp.add_pipe("entity_ruler").add_patterns(list(srsly.read_jsonl(builtin_patterns_path())))
    words = count_words(texts)

    def ruler() -> None:
        with ruler_nlp.memory_zone():
            for doc in ruler_nlp.pipe(texts):
                len(doc.ents)

    t = alternate({"tokenizer": lambda: consume_tokenizer(blank, texts), "ruler": ruler},
                  repeat=repeat)
    return (words / t["ruler"].cpu_median, words / t["tokenizer"].cpu_median,
            f"first {len(texts):,} tickets; a reference set-up, not a target")
