"""Language-server benchmark: a real client drives ``helpdesk-annotator lsp`` over stdio.

Measures, on a seeded synthetic article:

* ``initialize`` to the first diagnostics;
* hover latency (p50, p99) on glossary terms of a 5,000-word article;
* diagnostics latency: last keystroke of a burst to the diagnostics of that version;
* server memory (RSS) before and after many incremental edits of one document;
* and, in process, the work one paragraph edit causes on 1k / 10k / 100k-word articles
  (characters re-annotated, time) next to annotating the whole article.

\b
Examples:
  python -m benchmarks.lsp                   the full run (10,000 edits)
  python -m benchmarks.lsp --quick           fewer hovers and edits
  python -m benchmarks.lsp --out lsp.json    also write the figures as JSON
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path

import click
from lsprotocol import types

from .corpus import builtin_vocabulary, ticket

SERVER = [sys.executable, "-c", "from annotator.cli import main; main()", "lsp"]
TARGETS = {"hover_p99_ms": 20.0, "diagnostics_after_keystroke_ms": 300.0, "first_diagnostics_s": 2.0}


def article(words: int, seed: int = 0) -> str:
    """A Markdown article of about ``words`` words in paragraphs of about 80."""
    rng, vocab = random.Random(seed), builtin_vocabulary()
    parts, count = [], 0
    while count < words:
        part = ticket(rng, vocab, 80)
        parts.append(part)
        count += len(part.split())
    return "# Support article\n\n" + "\n\n".join(parts) + "\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Bench:
    """One server process and a pygls client recording every diagnostics publication."""

    def __init__(self) -> None:
        from pygls.lsp.client import LanguageClient

        self.client = LanguageClient("lsp-bench", "1")
        self.published: dict[str, tuple[int | None, float]] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = (params.version, time.perf_counter())
            self.event.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params) -> None:
            pass

    async def start(self, root: Path) -> tuple[float, float]:
        """Start the server; returns when it was spawned and when ``initialize`` was sent."""
        spawned = time.perf_counter()
        await self.client.start_io(*SERVER)
        # The first message waits for the interpreter and imports: time it from ``initialize``
        # as an editor's status bar does, and report the process start separately.
        started = time.perf_counter()
        await self.client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
        )
        self.client.initialized(types.InitializedParams())
        return spawned, started

    @property
    def pid(self) -> int:
        return self.client._server.pid

    async def wait_version(self, uri: str, version: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while self.published.get(uri, (None,))[0] != version:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), max(0.01, deadline - time.perf_counter()))
        return self.published[uri][1]

    def open(self, uri: str, text: str) -> None:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )

    def insert(self, uri: str, version: int, line: int, character: int, text: str) -> None:
        position = types.Position(line=line, character=character)
        end = types.Position(line=line, character=character + (0 if text else 1))
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=position, end=end), text=text)],
            )
        )

    async def hover(self, uri: str, line: int, character: int) -> float:
        started = time.perf_counter()
        await self.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                              position=types.Position(line=line, character=character))
        )  # fmt: skip
        return (time.perf_counter() - started) * 1000

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def _term_positions(text: str, limit: int) -> list[tuple[int, int]]:
    from annotator import api

    spans = api.annotate(text, "markdown")["spans"]
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    out = []
    for span in spans[:: max(1, len(spans) // limit)][:limit]:
        line = max(i for i, s in enumerate(starts) if s <= span["start"])
        out.append((line, span["start_utf16"] - len(text[: starts[line]].encode("utf-16-le")) // 2 + 1))
    return out


async def _server_figures(root: Path, hovers: int, edits: int, echo) -> dict:
    text = article(5000)
    path = root / "article.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    bench = Bench()
    spawned, started = await bench.start(root)
    bench.open(uri, text)
    published = await bench.wait_version(uri, 1)
    first, from_spawn = published - started, published - spawned
    echo(f"initialize -> first diagnostics: {first:.2f} s ({from_spawn:.2f} s from process start)")
    await asyncio.sleep(1.0)  # let the server warm what hovers read

    positions = _term_positions(text, hovers)
    await bench.hover(uri, *positions[0])  # waits for the pipeline if it is still loading
    latencies = [await bench.hover(uri, line, col) for line, col in positions]
    hover = {"p50": statistics.median(latencies), "p99": percentile(latencies, 0.99), "n": len(latencies)}
    echo(f"hover: p50 {hover['p50']:.1f} ms, p99 {hover['p99']:.1f} ms over {hover['n']}")

    version, delays = 1, []
    target_line = text[: text.index("\n\n", len(text) // 2)].count("\n") + 2
    for _ in range(10):
        for char in "SLA ok ":
            version += 1
            bench.insert(uri, version, target_line, 0, char)
            last = time.perf_counter()
            await asyncio.sleep(0.03)
        delays.append((await bench.wait_version(uri, version) - last) * 1000)
    diag = {"p50": statistics.median(delays), "max": max(delays), "bursts": len(delays)}
    echo(f"diagnostics after last keystroke: p50 {diag['p50']:.0f} ms, max {diag['max']:.0f} ms")

    before = rss_mb(bench.pid)
    samples = [before]
    for number in range(edits):
        version += 1
        # Type and delete a character, so the document stays the same size.
        bench.insert(uri, version, target_line, 0, "x" if number % 2 == 0 else "")
        if number % 100 == 99:
            await bench.hover(uri, *positions[0])
        if number % 1000 == 999:
            samples.append(rss_mb(bench.pid))
    await bench.wait_version(uri, version)
    after = rss_mb(bench.pid)
    memory = {"edits": edits, "rss_before_mb": before, "rss_after_mb": after, "samples_mb": samples + [after]}
    echo(f"memory over {edits} edits: {before:.0f} MB -> {after:.0f} MB")
    await bench.stop()
    return {"first_diagnostics_s": first, "process_start_to_first_diagnostics_s": from_spawn, "hover_ms": hover, "diagnostics_ms": diag, "memory": memory}


def _scaling(echo) -> list[dict]:
    from annotator.lsp import analysis, engine
    from annotator.lsp.projects import ProjectStore

    project = ProjectStore(echo).project(None)
    project.nlp  # load the pipeline before timing anything
    rows = []
    for words in (1_000, 10_000, 100_000):
        text = article(words)
        cache = analysis.new_cache(project)
        started = time.perf_counter()
        analysis.spans(text, "markdown", cache)
        full = time.perf_counter() - started
        middle = text.index("\n\n", len(text) // 2) + 2
        edited = text[:middle] + "The SLA " + text[middle:]
        started = time.perf_counter()
        analysis.spans(edited, "markdown", cache)
        edit = time.perf_counter() - started
        started = time.perf_counter()
        engine.lint(project, edited, "markdown")
        lint = time.perf_counter() - started
        row = {"words": words, "chars": len(text), "full_annotation_ms": full * 1000, "edit_ms": edit * 1000,
               "reannotated_chars": cache.last_annotated_chars, "reannotated_blocks": cache.last_misses,
               "lint_ms": lint * 1000}  # fmt: skip
        rows.append(row)
        echo(f"{words:>7} words: full {row['full_annotation_ms']:.0f} ms; one edit {row['edit_ms']:.0f} ms "
             f"re-annotating {row['reannotated_chars']} chars ({row['reannotated_blocks']} block); "
             f"whole-document lint {row['lint_ms']:.0f} ms")  # fmt: skip
    return rows


@click.command()
@click.option("--quick", is_flag=True, help="50 hovers and 1,000 edits instead of 200 and 10,000.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the figures as JSON here.")
def main(quick: bool, out: Path | None) -> None:
    """Benchmark the language server (see the module docstring)."""
    import tempfile

    echo = click.echo
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(_server_figures(Path(folder), 50 if quick else 200, 1_000 if quick else 10_000, echo))
    figures["scaling"] = _scaling(echo)
    checks = {
        "hover_p99_ms": figures["hover_ms"]["p99"],
        "diagnostics_after_keystroke_ms": figures["diagnostics_ms"]["max"],
        "first_diagnostics_s": figures["first_diagnostics_s"],
    }
    figures["targets"] = {
        name: {"value": value, "target": TARGETS[name], "pass": value <= TARGETS[name]} for name, value in checks.items()
    }
    for name, result in figures["targets"].items():
        echo(f"{name}: {result['value']:.2f} (target <= {result['target']}) {'PASS' if result['pass'] else 'FAIL'}")
    if out is not None:
        out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
