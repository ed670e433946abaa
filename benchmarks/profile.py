"""Where ``annotate()`` spends its time: a stage breakdown plus a pyinstrument profile.

The stage breakdown re-runs the steps ``annotator.api.annotate`` takes, one stage at a time
over the whole corpus (safety checks, markup pass, tokenizer, each pipeline component, export to
JSON), so the shares add up and compare with the bare tokenizer. The pyinstrument profile of
the real ``annotate()`` loop then shows what inside a stage is hot (matcher vs extension
setting vs sense choice). Output: a text report; the HTML profile goes to ``artifacts/``.
"""

from __future__ import annotations

import time
from pathlib import Path

from .config import Config
from .corpus import count_words, tickets


def stage_breakdown(nlp, texts: list[str], fmt: str = "text") -> list[tuple[str, float]]:
    """CPU seconds per stage of annotate(), each stage run over every text."""
    from annotator.api import glossary_info
    from annotator.export import doc_to_json
    from annotator.session import AnnotationSession
    from annotator.text.markup import visible_text
    from annotator.text.safety import DEFAULT_MAX_LENGTH, prepare

    stages: list[tuple[str, float]] = []

    def timed(name, fn):
        start = time.process_time()
        result = fn()
        stages.append((name, time.process_time() - start))
        return result

    safe = timed("safety.prepare", lambda: [prepare(t, max_length=DEFAULT_MAX_LENGTH) for t in texts])
    visible = timed("markup.visible_text", lambda: [visible_text(t, fmt) for t in safe])
    info = glossary_info(nlp)
    # The session's make_doc, as annotate() calls it: the doc carries the text it was made from,
    # which the component would otherwise rebuild from the tokens (and the stage would bill it).
    session = AnnotationSession(nlp)
    with nlp.memory_zone():
        docs = timed("tokenizer (make_doc)", lambda: [session.make_doc(t) for t in visible])
        for name, proc in nlp.pipeline:
            docs = timed(f"component {name}", lambda proc=proc: [proc(d) for d in docs])
        timed("export.doc_to_json", lambda: [doc_to_json(d, t, glossary_info=info)
                                             for d, t in zip(docs, texts)])
    return stages


def profile_annotate(config: Config, *, out_dir: Path = Path(".")) -> str:
    from pyinstrument import Profiler

    from annotator.api import annotate
    from .throughput import build_pipeline

    texts = tickets(config.tickets, seed=config.seed)
    words = count_words(texts)
    nlp = build_pipeline()
    for text in texts[:50]:  # warm caches so the profile shows the steady state
        annotate(text, nlp=nlp)
    stages = stage_breakdown(nlp, texts)
    total = sum(s for _, s in stages)
    lines = [f"annotate() stage breakdown: {len(texts):,} tickets, {words:,} words, CPU time",
             f"{'stage':<36}{'seconds':>9}{'share':>8}{'words/s':>12}"]
    for name, secs in stages:
        lines.append(f"{name:<36}{secs:9.3f}{secs / total:8.0%}{words / secs if secs else 0:12,.0f}")
    lines.append(f"{'total':<36}{total:9.3f}{1:8.0%}{words / total:12,.0f}")

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for text in texts:
        annotate(text, nlp=nlp)
    profiler.stop()
    artifacts = Path(out_dir) / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    html = artifacts / "bench-profile.html"
    html.write_text(profiler.output_html(), encoding="utf-8")
    lines += ["", profiler.output_text(unicode=True, color=False, show_all=False),
              f"HTML profile: {html}"]
    return "\n".join(lines)
