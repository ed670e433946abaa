"""Transcripts: reading the turns costs little next to annotating their words, and stays linear.

The same turns (tickets cut into sentences, alternating agent and customer) are written as plain
``Speaker: text`` lines, as WebVTT cues and as a JSON list of turns, and each is annotated with
``format="transcript"``; the baseline is ``annotate()`` on the same words as plain text. Then
the JSON shape at 100 and at 10,000 turns, words per second each, so a reader that is quadratic
in the number of turns shows up. CPU time, alternating rounds, median.
"""

from __future__ import annotations

import json
import random

from .config import Config
from .corpus import tickets
from .report import Row, Spec, Target, row
from .timing import alternate

SECTION = "transcripts"
SHAPES = ("turns", "vtt", "json")
SPECS = [
    Spec("plain_wps", "the same words as plain text (baseline)"),
    *(Spec(f"{shape}_wps", f"transcript as {shape}", Target(">=", 0.5)) for shape in SHAPES),
    Spec("json_small_wps", "JSON transcript, 100 turns (baseline)"),
    Spec("json_large_wps", "JSON transcript, 10,000 turns", Target(">=", 1 / 1.5)),
]
NO_CAP = 10**9


def turn_texts(n: int, seed: int) -> list[str]:
    """``n`` turn texts: sentences of generated tickets, one to three per turn."""
    rng = random.Random(seed)
    sentences = [s.strip() + "." for t in tickets(max(4, n // 3), seed=seed) for s in t.split(".") if s.strip()]
    while len(sentences) < 3 * n:
        sentences += sentences
    texts, cursor = [], 0
    for _ in range(n):
        take = rng.randint(1, 3)
        texts.append(" ".join(sentences[cursor:cursor + take]))
        cursor += take
    return texts


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def render(texts: list[str], shape: str) -> str:
    """The turns as one transcript document of ``shape``."""
    speakers = ["Agent", "Customer"]
    if shape == "turns":
        return "\n".join(f"{speakers[i % 2]}: {t}" for i, t in enumerate(texts)) + "\n"
    if shape == "vtt":
        cues = []
        for i, t in enumerate(texts):
            cues.append(f"{_clock(4 * i)}.000 --> {_clock(4 * i + 3)}.500\n<v {speakers[i % 2]}>{t}")
        return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
    return json.dumps([{"role": speakers[i % 2].lower(), "text": t} for i, t in enumerate(texts)], indent=1)


def run(config: Config) -> list[Row]:
    from annotator.api import annotate

    from .throughput import build_pipeline

    nlp = build_pipeline()
    texts = turn_texts(config.transcript_turns, config.seed)
    words = sum(len(t.split()) for t in texts)
    plain = "\n".join(texts)
    docs = {shape: render(texts, shape) for shape in SHAPES}
    limit = max(len(d) for d in [plain, *docs.values()]) + 1
    nlp.max_length = max(nlp.max_length, limit)

    def subject(text: str, fmt: str):
        return lambda: annotate(text, fmt, nlp=nlp, max_length=max(limit, len(text) + 1), max_spans=NO_CAP)

    t = alternate({"plain": subject(plain, "text"),
                   **{shape: subject(doc, "transcript") for shape, doc in docs.items()}},
                  repeat=config.repeat)
    plain_wps = words / t["plain"].cpu_median
    rows = [row(SECTION, SPECS[0], plain_wps, unit="words/s",
                note=f"{config.transcript_turns:,} turns, {words:,} words, CPU time")]
    for spec, shape in zip(SPECS[1:4], SHAPES):
        rows.append(row(SECTION, spec, words / t[shape].cpu_median, unit="words/s", baseline=plain_wps,
                        baseline_name="plain text"))

    small, large = turn_texts(100, config.seed + 1), turn_texts(config.transcript_long_turns, config.seed + 2)
    small_doc, large_doc = render(small, "json"), render(large, "json")
    nlp.max_length = max(nlp.max_length, len(large_doc) + 1)  # one long call, as in doclen
    copies = max(1, len(large) // len(small))

    def run_small() -> None:
        for _ in range(copies):
            annotate(small_doc, "transcript", nlp=nlp, max_spans=NO_CAP)

    t = alternate({"small": run_small, "large": subject(large_doc, "transcript")}, repeat=config.repeat)
    small_wps = copies * sum(len(x.split()) for x in small) / t["small"].cpu_median
    large_wps = sum(len(x.split()) for x in large) / t["large"].cpu_median
    rows += [
        row(SECTION, SPECS[4], small_wps, unit="words/s", note=f"100 turns x {copies}"),
        row(SECTION, SPECS[5], large_wps, unit="words/s", baseline=small_wps, baseline_name="100 turns",
            note=f"{config.transcript_long_turns:,} turns in one document (target: within 1.5x)"),
    ]
    return rows
