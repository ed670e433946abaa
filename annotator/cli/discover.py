"""`helpdesk-annotator discover`: jargon the glossary lacks, mined across an archive."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..text.markup.registry import ALL_FORMATS
from ._errors import handle_errors
from .tag import _progress_factory

#: Exit status when the run completed but some records were rejected (as ``tag``).
EXIT_REJECTS = 3


@click.command(name="discover")
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv", "html"]),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the candidates here instead of stdout.")
@click.option("--top", type=click.IntRange(min=0), default=100, show_default=True,
              help="How many candidates to write (0: all).")
@click.option("--min-documents", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only candidates seen in at least this many documents.")
@click.option("--export-glossary", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write the candidates as glossary CSV (import format, "
              "status=proposed, best long form as definition).")
@click.option("--decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="CSV candidate,decision (accepted/rejected): rejected "
              "candidates never come back.")
@click.option("--text-field", default="text", show_default=True,
              help="JSONL key or CSV column holding the text.")
@click.option("--id-field", default="id", show_default=True,
              help="JSONL key or CSV column holding the document id.")
@click.option("--input-format", "kind", type=click.Choice(["jsonl", "csv", "kb"]), default=None,
              help="Input kind (default: kb for a directory or a .md/.rst/.html/.txt file, csv "
              "for *.csv, else jsonl).")
@click.option("--text-format", "text_format", type=click.Choice(ALL_FORMATS),
              default="text", show_default=True,
              help="Markup of JSONL/CSV text fields (KB files go by their suffix).")
@click.option("--glossary", "glossaries", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra glossary file (CSV, JSON, JSONL, TBX); repeatable.")
@click.option("--no-builtin", is_flag=True, help="Do not use the built-in CX glossary.")
@click.option("--allow", multiple=True, metavar="ACRONYM",
              help="Acronym never to propose (added to the linter's allowlist); repeatable.")
@click.option("-p", "--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local engine) or Dask workers (local cluster).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where to mine: local processes or Dask distributed.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (e.g. tcp://10.0.0.5:8786); default: a local cluster.")
@click.option("--batch-size", type=click.IntRange(min=1), default=128, show_default=True,
              help="Documents per batch sent to a worker.")
@click.option("--max-length", type=click.IntRange(min=1), default=None,
              help="Longest text read, in characters; longer documents are rejected.")
@click.option("--capacity", type=click.IntRange(min=100), default=50_000, show_default=True,
              help="Entries kept per candidate kind (the memory bound: at most twice this).")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where malformed records go [default: OUTPUT.rejects.jsonl, or "
              "discover.rejects.jsonl].")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted run from its checkpoint (same inputs and options).")
@click.option("--checkpoint", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where the run's state is saved every 30 s and removed when it ends "
              "[default: OUTPUT.checkpoint.json, or discover.checkpoint.json].")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: when stderr is a terminal].")
@handle_errors
def command(inputs, output_format, output, top, min_documents, export_glossary, decisions,
            text_field, id_field, kind, text_format, glossaries, no_builtin, allow, processes,
            engine, scheduler, batch_size, max_length, capacity, rejects, resume, checkpoint,
            progress) -> None:
    """List the jargon INPUT uses that the glossary lacks, best candidates first.

    INPUT is anything `tag` reads (JSONL, CSV) or knowledge-base files and directories (.md,
    .rst, .html, .txt, markup masked as `lint` masks it); give several to mine them together.
    Candidates are acronyms (with the long forms the archive spells out), multi-word terms
    (ranked by C-value termhood and document spread) and variants of glossary terms
    (misspellings, new hyphenations and compounds, with the concept they belong to). Nothing
    the glossary already has is proposed. Memory is bounded (--capacity) however large the
    archive.

    The run's state is saved every 30 seconds (bounded: the counters are); after a crash or
    kill, rerun the same command with --resume to continue where it stopped.

    Review loop: --export-glossary writes the candidates as glossary CSV (status=proposed);
    --decisions reads back candidate,decision so rejected candidates never return.

    \b
    Exit status: 0 done, 3 done but some records rejected (see the rejects file), 2 usage
    error, unreadable input or decisions, or a checkpoint that does not match.

    \b
    Examples:
      helpdesk-annotator discover tickets.jsonl --top 50
      helpdesk-annotator discover kb/ chats.csv --text-field body --format html -o jargon.html
      helpdesk-annotator discover archive.jsonl -p 2 --export-glossary proposed.csv
      helpdesk-annotator discover archive.jsonl --decisions decisions.csv --format json
    """
    from ..discover.review import export_glossary as write_export
    from ..discover.review import read_decisions
    from ..discover.run import DiscoverConfig, run
    from ..discover.worker import Miner, MineOptions, MinerSpec
    from ..discover.writers import render

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    chosen = read_decisions(decisions) if decisions else {}
    spec = MinerSpec(glossaries=tuple(str(g.resolve()) for g in glossaries),
                     builtin=not no_builtin, allow=tuple(allow))
    if rejects is None:
        rejects = Path(f"{output}.rejects.jsonl") if output else Path("discover.rejects.jsonl")
    if checkpoint is None:
        checkpoint = Path(f"{output}.checkpoint.json") if output else Path("discover.checkpoint.json")
    config = DiscoverConfig(inputs=list(inputs), kind=kind, text_field=text_field,
                            id_field=id_field, format=text_format, spec=spec,
                            max_length=max_length, processes=processes, batch_size=batch_size,
                            engine=engine, scheduler=scheduler, rejects=rejects,
                            capacity=capacity, checkpoint=checkpoint, resume=resume)
    report = run(config, progress_factory=_progress_factory(progress, "mining"))
    found = report.discovery.candidates(min_documents=min_documents, decisions=chosen)
    shown = found[:top] if top else found
    title = "Discovered jargon: " + ", ".join(p.name or str(p) for p in inputs)
    text = render(shown, output_format, title=title, documents=report.documents)
    if output is None:
        click.echo(text, nl=False)
    else:
        from ..errors import DiscoverError

        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise DiscoverError("E705", path=str(output), detail=exc.strerror or str(exc)) from exc
    if export_glossary is not None:
        write_export(shown, Miner(spec, MineOptions()).known, export_glossary)
    rate = (report.records - report.resumed_from) / report.seconds if report.seconds else 0.0
    click.echo(f"{report.documents} documents read"
               + (f" ({report.resumed_from} records before resuming)" if report.resumed_from else "")
               + f", {report.rejects} rejected, "
               f"{len(found)} candidates ({len(shown)} written) in {report.seconds:.1f}s "
               f"({rate:.0f} records/s)", err=True)
    if report.rejects:
        click.echo(f"rejects: {rejects}", err=True)
        sys.exit(EXIT_REJECTS)
