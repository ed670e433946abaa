"""Throughput on real support text, when ``../shared/eval`` (next to the repo) exists.

The evaluation set's tickets, chat transcripts and knowledge-base articles, read in place (never
copied), run through the same comparison as the throughput section: the bare tokenizer against
the annotator's ``nlp.pipe`` and ``annotate()``. Real text has more markup, URLs and code than
the synthetic tickets, so this keeps the synthetic corpus honest. Informational: the targets are
set on the synthetic corpus, which is the same on every machine.
"""

from __future__ import annotations

import json
from pathlib import Path

from tools.paths import eval_dir as default_eval_dir
from .config import Config
from .corpus import count_words
from .report import Row, Spec, row
from .timing import alternate

SECTION = "eval"
SPECS = [
    Spec("eval_tokenizer_wps", "real text: bare tokenizer (baseline)"),
    Spec("eval_pipe_wps", "real text: nlp.pipe annotate"),
    Spec("eval_annotate_wps", "real text: annotate() JSON"),
]
MIN_WORDS = 50_000  # the set is small: cycle through it until a round is long enough to time




def read_eval_texts(eval_dir: Path) -> list[tuple[str, str]]:
    """(text, format) for every ticket, transcript and article in the evaluation set."""
    texts: list[tuple[str, str]] = []
    for name in ("tickets.jsonl", "transcripts.jsonl"):
        path = eval_dir / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append((json.loads(line)["text"], "text"))
    articles = eval_dir / "articles"
    if articles.is_dir():
        for path in sorted(articles.iterdir()):
            fmt = {".md": "markdown", ".html": "html"}.get(path.suffix, "text")
            texts.append((path.read_text(encoding="utf-8"), fmt))
    return texts


def run(config: Config, eval_dir: Path | None = None) -> list[Row]:
    import spacy

    from annotator.api import annotate
    from .throughput import build_pipeline, consume_pipe, consume_tokenizer, fresh_pipelines

    eval_dir = eval_dir or default_eval_dir()
    pairs = read_eval_texts(eval_dir) if eval_dir.is_dir() else []
    if not pairs:
        raise FileNotFoundError(f"no evaluation set at {eval_dir}")
    one_pass = count_words([t for t, _ in pairs])
    cycles = max(1, -(-min(MIN_WORDS, config.tickets * 150) // one_pass))
    # annotate() goes through the set once per round: cycling would let it learn every word of
    # the texts it is about to see again (runtime.warmup).
    once, pairs = pairs, pairs * cycles
    texts = [t for t, _ in pairs]
    words = count_words(texts)
    blank = spacy.blank("en")
    nlp = build_pipeline()
    annotators = fresh_pipelines(config.repeat + 1)

    def annotate_all() -> None:
        learner = annotators.pop()
        for text, fmt in once:
            annotate(text, fmt, nlp=learner)

    t = alternate({"tokenizer": lambda: consume_tokenizer(blank, texts),
                   "pipe": lambda: consume_pipe(nlp, texts),
                   "annotate": annotate_all}, repeat=config.repeat)
    wps = {name: (one_pass if name == "annotate" else words) / timing.cpu_median
           for name, timing in t.items()}
    base = wps["tokenizer"]
    return [
        row(SECTION, SPECS[0], base, unit="words/s",
            note=f"{len(texts) // cycles} texts ({one_pass:,} words) x {cycles}, CPU time"),
        row(SECTION, SPECS[1], wps["pipe"], unit="words/s", baseline=base,
            baseline_name="tokenizer", note="plain text, markup included"),
        row(SECTION, SPECS[2], wps["annotate"], unit="words/s", baseline=base,
            baseline_name="tokenizer",
            note="articles as markdown (visible prose only); one pass, fresh pipeline each round"),
    ]
