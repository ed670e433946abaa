"""Hostile input at the maximum length: the worst case per format against plain prose.

For each format, a set of inputs built to stress one stage each (no whitespace with a match every
few characters, a match in every word, unknown acronyms in every word, CR and CRLF line ends,
bidi controls, hyphens glued to the next word and optional plurals that the matcher reads again,
markup nesting the masker must walk) is annotated at ``hostile_chars``
characters, the service's document limit by default, the way the service does it
(``annotate()``, span cap on). The figure is the slowest input's CPU time over that of plain
prose of the same length (the corpus' tickets joined) in the same format. Inputs and prose run
alternately, median of ``repeat`` rounds. The note gives what spaCy's tokenizer alone costs on
the worst input and on the input where it costs most (a text of unseen words makes a lexeme per
token): no annotation step can go below that floor.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .config import Config
from .corpus import tickets
from .report import Row, Spec, Target, row
from .timing import alternate

SECTION = "hostile"
FORMATS = ("text", "markdown", "html")
SPECS = [Spec(f"worst_{fmt}", f"worst hostile input, {fmt}", Target("<=", 1.5)) for fmt in FORMATS]


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _unknown_acronyms(n: int, seed: int) -> str:
    rng = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    words = ("".join(rng.choice(letters) for _ in range(4)) for _ in range(n // 5 + 1))
    return " ".join(words)[:n]


def inputs(n: int, seed: int = 0) -> dict[str, dict[str, str]]:
    """Format -> input name -> text of ``n`` characters."""
    common = {
        "glued acronyms": _repeat("-SLA", n),
        "glued emoji": _repeat("\U0001f600SLA", n),
        "a term in every word": _repeat("SLA ", n),
        "unknown acronyms": _unknown_acronyms(n, seed),
        "CRLF lines": _repeat("SLA ok\r\n", n),
        "CR lines": _repeat("SLA ok\r", n),
        "bidi controls": _repeat("SLA \u202e AHT \u2066 ", n),
        "in-text definitions": _repeat("Service Level Agreement (SLA) ", n),
        "glued hyphens": _repeat("Text -to -Speech ", n),
        "optional plurals": _repeat("SLA(s) ", n),
    }
    markup = {
        "markdown": {"nested brackets": _repeat("[", n), "emphasis runs": _repeat("*SLA* _AHT_ ", n),
                     "backticks": _repeat("`SLA ", n)},
        "html": {"open comments": _repeat("<!--", n), "nested tags": _repeat("<b>SLA ", n),
                 "attributes": _repeat('<a href="x" title="SLA">AHT</a> ', n)},
    }
    return {fmt: {**common, **markup.get(fmt, {})} for fmt in FORMATS}


def prose(n: int, seed: int) -> str:
    text = "\n\n".join(tickets(max(10, n // 600), seed=seed))
    while len(text) < n:
        text += "\n\n" + text
    return text[:n]


def run(config: Config) -> list[Row]:
    from annotator.api import annotate, default_nlp

    nlp = default_nlp()
    n = config.hostile_chars
    baseline = prose(n, config.seed)
    rows = []
    for spec, (fmt, cases) in zip(SPECS, inputs(n, config.seed).items()):
        def subject(text: str, fmt: str = fmt) -> Callable[[], object]:
            return lambda: annotate(text, fmt, nlp=nlp, max_length=n)

        subjects = {"prose": subject(baseline), **{name: subject(text) for name, text in cases.items()}}
        timings = alternate(subjects, repeat=config.hostile_repeat)
        prose_cpu = timings["prose"].cpu_median
        worst = max(cases, key=lambda name: timings[name].cpu_median)
        second = sorted(cases, key=lambda name: timings[name].cpu_median)[-2]
        floors = {name: _tokenizer_floor(nlp, text, fmt, n, config.hostile_repeat) for name, text in cases.items()}
        highest = max(floors, key=floors.get)
        rows.append(row(
            SECTION, spec, timings[worst].cpu_median, unit="s", baseline=prose_cpu,
            baseline_name=f"prose {prose_cpu:.2f} s",
            note=f"{n:,} chars, CPU; worst: {worst}; next: {second} "
                 f"({timings[second].cpu_median / prose_cpu:.2f}x); spaCy's tokenizer alone, against "
                 f"prose's annotate(): {floors[worst] / prose_cpu:.2f}x on the worst input, "
                 f"{floors[highest] / prose_cpu:.2f}x at most ({highest})",
        ))
    return rows


def _tokenizer_floor(nlp, text: str, fmt: str, n: int, repeat: int) -> float:
    """CPU seconds of the pipeline's tokenizer alone on ``text`` as annotate() prepares it and
    runs it (in the session's zone: a memory zone, where new words get only the lexical
    attributes the pipeline reads): the part of an input's cost no annotation step can remove
    (a text of one-character tokens has several times prose's tokens per character)."""
    from annotator.session import AnnotationSession

    session = AnnotationSession(nlp, max_length=n)
    visible = session.visible(text, fmt)

    def tokenize() -> None:
        with session.zone():
            nlp.make_doc(visible)

    return alternate({"tokenizer": tokenize}, repeat=repeat)["tokenizer"].cpu_median
