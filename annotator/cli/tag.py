"""`helpdesk-annotator tag`: batch-tag a transcript archive into JSONL."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..batch.duplicates import POLICIES
from ..batch.readers import excerpt
from ..glossary.formats import format_names
from ..text.markup.registry import FORMATS
from ._errors import handle_errors
from ._options import annotate_options
from ._output import check_output
from ._text import echo, visible

#: Longest message quoting the data (an id can be a whole transcript).
MESSAGE_CHARS = 400

#: Exit status when the run completed but some records were rejected.
EXIT_REJECTS = 3


def _progress_factory(enabled: bool | None, desc: str = "tagging"):
    """tqdm on stderr, on by default only when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None

    def factory(total: int, initial: int, unit: str):
        from tqdm import tqdm

        bar = tqdm(total=total, initial=initial, unit=unit, unit_scale=unit == "B",
                   file=sys.stderr, desc=desc, dynamic_ncols=True)
        state = {"at": initial}

        def update(position) -> None:
            bar.update(position.offset - state["at"])
            state["at"] = position.offset

        update.close = bar.close
        return update

    return factory


def _duplicate_warner(progress: bool):
    """Print each reported repeat as it is met; above a progress bar, through tqdm."""

    def warn(duplicate) -> None:
        # Ids come from the data: bounded, and with control characters shown.
        message = visible(f"warning: {excerpt(duplicate.message(), limit=MESSAGE_CHARS)}")
        if progress:
            from tqdm import tqdm

            tqdm.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    return warn


def duplicate_notes(report, policy: str) -> list[str]:
    """What the run summary adds about repeated ids beyond the warnings already printed."""
    notes = []
    hidden = report.duplicates - report.shown_duplicates
    if hidden > 0 and report.shown_duplicates:
        where = ("every one is in the rejects file" if policy == "reject"
                 else "--on-duplicate-id reject lists every one in the rejects file")
        notes.append(f"warning: {hidden} more repeated ids not shown; {where}")
    elif hidden > 0:  # a resumed run that had nothing left to do: the warnings were printed then
        notes.append(f"warning: {report.duplicates} records with a repeated id (reported by the "
                     "run that tagged them)")
    if report.untracked_ids:
        from ..batch.duplicates import MAX_TRACKED_IDS

        notes.append(f"note: the repeated-id check remembered the first {MAX_TRACKED_IDS} "
                     f"distinct ids only (a memory bound); {report.untracked_ids} later ids were "
                     "checked against those but not remembered")
    return notes


def _finished_before(config) -> bool:
    """Whether the checkpoint says an earlier run already tagged everything (for ``--resume``;
    whether it belongs to this input and these options is :func:`run`'s check)."""
    from ..batch.checkpoint import read_checkpoint

    existing = read_checkpoint(config.checkpoint)
    return existing is not None and existing.complete


@click.command(name="tag")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.argument("output", metavar="OUTPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text-field", default="text", show_default=True,
              help="JSONL key or CSV column holding the text.")
@click.option("--id-field", default="id", show_default=True,
              help="JSONL key or CSV column holding the document id.")
@click.option("--input-format", "kind", type=click.Choice(["jsonl", "csv", "dir"]),
              default=None, help="Input kind (default: dir for a directory, csv for *.csv, "
              "else jsonl).")
@click.option("--format", "text_format", type=click.Choice(FORMATS),
              default="text", show_default=True,
              help="Markup of the text field: only visible prose is tagged; offsets still "
              "index the text as given. In a directory, .vtt, .srt and .json files are read "
              "as transcripts.")
@click.option("-p", "--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local engine) or Dask workers (local cluster).")
@click.option("--batch-size", type=click.IntRange(min=1), default=128, show_default=True,
              help="Documents per batch; each batch is checkpointed once written.")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted run from its checkpoint.")
@click.option("--overwrite", is_flag=True, help="Replace an existing OUTPUT and start again.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where malformed and failed records go [default: OUTPUT.rejects.jsonl].")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write term frequencies as CSV here, plus an HTML report (SUMMARY.html).")
@click.option("--summary-html", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where the HTML report goes [default: SUMMARY.html].")
@click.option("--glossary", "glossaries", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=f"Extra glossary file ({format_names()}); repeatable.")
@click.option("--no-builtin", is_flag=True, help="Do not use the built-in CX glossary.")
@click.option("--pipeline", type=click.Path(exists=True, path_type=Path), default=None,
              help="A saved spaCy pipeline (nlp.to_disk) to run; helpdesk_glossary is added "
              "unless it has one.")
@click.option("--code", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Python file registering custom components the --pipeline "
              "uses (imported in every worker, like `spacy train --code`).")
@annotate_options
@click.option("--max-length", type=click.IntRange(min=1), default=None,
              help="Longest text tagged, in characters [default: the API's limit]; longer "
              "documents are rejected, not cut.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where to tag: local processes or Dask distributed.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (e.g. tcp://10.0.0.5:8786); default: a local cluster.")
@click.option("--on-duplicate-id", type=click.Choice(POLICIES), default="warn",
              show_default=True,
              help="A record whose id an earlier record has: tag it and warn, or send it to "
              "the rejects file (the first one is tagged either way).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: when stderr is a terminal].")
@handle_errors
def command(input_path, output, text_field, id_field, kind, text_format, processes,
            batch_size, resume, overwrite, rejects, summary, summary_html, glossaries,
            no_builtin, pipeline, code, options, max_length, engine,
            scheduler, on_duplicate_id, progress) -> None:
    """Tag every document of INPUT and write one JSON line per document to OUTPUT.

    INPUT is JSONL (one object per line), CSV (with a header row) or a directory of .txt files
    (id = file name, in name order). Each output line is {"id", "spans", "unknown_acronyms",
    "truncated"}, with the same span objects as the API, in input order. The input is streamed:
    memory stays flat however large it is.

    Malformed records (broken JSON, invalid UTF-8, missing or blank id, missing text, text not
    a string) and documents the pipeline fails on go to the rejects file with their line
    number, id and reason; output + rejects always equals input.

    A repeated id (1 and "1" count as one) is a data problem, reported on stderr naming the id
    and both places (file:line; the first 20, then a count) and counted in the summary line;
    the record is still tagged, or rejected with --on-duplicate-id reject. Resume is by
    position, so repeated ids never affect it.

    The run checkpoints after every batch; after a crash or kill, run the same command with
    --resume to continue with no duplicate and no missing document.

    \b
    Exit status: 0 all tagged (repeated ids only warned about), 3 done but some records
    rejected, 2 usage error, unreadable input or a checkpoint that does not match.

    \b
    Examples:
      helpdesk-annotator tag chats.jsonl tagged.jsonl --processes 2 --summary terms.csv
      helpdesk-annotator tag tickets.csv out.jsonl --text-field body --id-field ticket_id
      helpdesk-annotator tag transcripts/ out.jsonl --resume
      helpdesk-annotator tag kb.jsonl out.jsonl --format html --label CX_ACRONYM
      helpdesk-annotator tag big.jsonl out.jsonl --engine dask --scheduler tcp://host:8786
    """
    from ..batch.engine import RunConfig, run
    from ..batch.tagger import PipelineSpec, TagOptions

    if resume and overwrite:
        raise click.UsageError("--resume and --overwrite cannot be used together")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if code and not pipeline:
        raise click.UsageError("--code needs --pipeline")
    config = RunConfig(
        input=input_path,
        output=output,
        kind=kind,
        text_field=text_field,
        id_field=id_field,
        rejects=rejects,
        spec=PipelineSpec(
            glossaries=tuple(str(g.resolve()) for g in glossaries),
            builtin=not no_builtin,
            pipeline=str(pipeline.resolve()) if pipeline else None,
            code=str(code.resolve()) if code else None,
        ),
        options=TagOptions(format=text_format, max_length=max_length, **options.to_kwargs()),
        processes=processes,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        resume=resume,
        overwrite=overwrite,
        summary=summary,
        summary_html=summary_html,
        on_duplicate_id=on_duplicate_id,
    )
    # Every file the run will write, checked before an hour of tagging rather than after it.
    for path in (config.output, config.rejects, config.checkpoint, config.summary,
                 config.summary_html):
        if path is not None:
            check_output(path)
    finished = _finished_before(config) if resume else False
    progress_factory = _progress_factory(progress)
    report = run(config, progress_factory=progress_factory,
                 warn=_duplicate_warner(progress_factory is not None))
    rate = report.new_records / report.seconds if report.seconds else 0.0
    if finished:
        click.echo(f"{output} is already complete: nothing to resume", err=True)
    click.echo(
        f"{report.documents} documents tagged, {report.rejects} rejected, "
        f"{report.records} records"
        + (f" ({report.resumed_from} before resuming)" if report.resumed_from else "")
        + (f", {report.duplicates} with a repeated id" if report.duplicates else "")
        + f" in {report.seconds:.1f}s ({rate:.0f} records/s)",
        err=True,
    )
    for line in duplicate_notes(report, on_duplicate_id):
        echo(line, err=True)
    if summary:
        click.echo(f"summary: {summary}, {config.summary_html}", err=True)
    if report.rejects:
        click.echo(f"rejects: {config.rejects}", err=True)
        raise SystemExit(EXIT_REJECTS)
