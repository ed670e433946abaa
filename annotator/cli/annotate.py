"""`helpdesk-annotator annotate FILE|-`: explain the jargon in one text."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..glossary.formats import format_names
from ..options import AnnotateOptions
from ..text.markup.registry import FORMATS
from ..text.safety import utf8_error_position
from ._errors import EXIT_USAGE, handle_errors
from ._options import annotate_options
from ._output import check_output, write_output
from ._text import echo

#: Input format guessed from the file name when --input-format is not given.
SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
                  ".vtt": "transcript", ".srt": "transcript", ".json": "transcript"}


def guess_input_format(name: str) -> str:
    return SUFFIX_FORMATS.get(Path(name).suffix.lower(), "text")


def decode_input(data: bytes, name: str) -> str:
    """UTF-8 (a leading BOM is dropped); invalid bytes end the command with exit 2."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = utf8_error_position(data, exc)
        click.echo(
            f"error: {name}: not valid UTF-8 at line {line}, column {column} "
            f"(byte 0x{data[exc.start]:02x}); convert the file to UTF-8 first",
            err=True,
        )
        raise SystemExit(EXIT_USAGE) from exc


def use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    # auto: a terminal, unless the user opted out (https://no-color.org)
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.command(name="annotate")
@click.argument("file", type=click.File("rb"), metavar="FILE|-")
@click.option(
    "-f", "--format", "output_format",
    type=click.Choice(["terminal", "json", "html"]), default="terminal", show_default=True,
    help="terminal: highlighted text + numbered definitions; json: the API's JSON; html: a standalone page with tooltips.",
)
@click.option(
    "-i", "--input-format",
    type=click.Choice(FORMATS), default=None,
    help="How to read FILE (default: from its suffix: .md markdown, .html html, .vtt .srt "
    ".json transcript, else text).",
)
@click.option(
    "-g", "--glossary", "glossaries", multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"Extra glossary ({format_names()}) layered on the built-in one. Repeatable.",
)
@click.option("--no-builtin", is_flag=True, help="Use only the --glossary files.")
@annotate_options
@click.option(
    "--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour in terminal output (auto: when stdout is a terminal and NO_COLOR is unset).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
    help="Write to this file instead of stdout.",
)
@handle_errors
def command(
    file, output_format: str, input_format: str | None, glossaries: tuple[Path, ...], no_builtin: bool,
    options: AnnotateOptions, color_choice: str, output: Path | None,
) -> None:
    """Highlight customer-support jargon in FILE (or stdin with "-") and explain it.

    Markdown and HTML input: only visible prose is annotated (not code, URLs, tags); offsets in
    the JSON always index the text as read (UTF-8, without a leading BOM). Transcripts (turns,
    WebVTT, SRT, call-analytics JSON): only what the speakers said; spans carry turn, speaker,
    role and time.

    \b
    Examples:
      helpdesk-annotator annotate samples/tickets/ticket-001.txt
      echo "Our SLA for P1 tickets is 4 hours" | helpdesk-annotator annotate -
      helpdesk-annotator annotate article.md --format html -o article.html
      helpdesk-annotator annotate ticket.txt --format json --first-only
      helpdesk-annotator annotate ticket.txt --glossary team-terms.csv --color always | less -R
    """
    from ..api import annotate, default_nlp, load
    from ..render import render_html, render_terminal

    if no_builtin and not glossaries:
        raise click.UsageError("--no-builtin needs at least one --glossary FILE")
    if output is not None:
        check_output(output)
    name = getattr(file, "name", "-")
    name = "<stdin>" if name in ("-", "<stdin>") or not isinstance(name, str) else name
    text = decode_input(file.read(), name)
    fmt = input_format or ("text" if name == "<stdin>" else guess_input_format(name))
    nlp = load(glossaries, builtin=not no_builtin) if glossaries else default_nlp()
    result = annotate(text, fmt, nlp=nlp, **options.to_kwargs())

    color = False
    if output_format == "json":
        rendered = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    elif output_format == "html":
        title = "Annotated: " + (Path(name).name if name != "<stdin>" else "standard input")
        rendered = render_html(text, result, title=title, input_format=fmt)
    else:
        color = output is None and use_color(color_choice) or color_choice == "always"
        rendered = render_terminal(text, result, color=color)

    if output is not None:
        write_output(output, rendered.encode("utf-8"))
        echo(f"wrote {output}", err=True)
    else:
        # color=True stops click from stripping our ANSI codes when it thinks stdout is no TTY
        click.echo(rendered, nl=False, color=color)
