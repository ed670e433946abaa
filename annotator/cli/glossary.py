"""`helpdesk-annotator glossary`: list, show, search, export and import glossary concepts."""

from __future__ import annotations

import copy
import difflib
import functools
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from ..errors import GlossaryError
from ..glossary.formats import format_names, read_glossary_file
from ..glossary.loading import load_glossary
from ..glossary.model import Concept, Glossary
from ..glossary.search import search
from ._errors import EXIT_USAGE, handle_errors
from ._output import check_output, write_output
from ._text import echo


# --- loading ------------------------------------------------------------------------------------


def glossary_options(func: Callable) -> Callable:
    """``--glossary FILE`` (repeatable) and ``--no-builtin``, shared by the reading subcommands."""

    @click.option(
        "-g", "--glossary", "glossaries", multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=f"User glossary ({format_names()}) layered on the built-in one. Repeatable.",
    )
    @click.option("--no-builtin", is_flag=True, help="Leave out the built-in glossary.")
    @functools.wraps(func)
    def wrapper(*args, glossaries: tuple[Path, ...], no_builtin: bool, **kwargs):
        if no_builtin and not glossaries:
            raise click.UsageError("--no-builtin needs at least one --glossary FILE")
        return func(*args, glossary=load_glossary(glossaries, builtin=not no_builtin), **kwargs)

    return wrapper


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


# --- formatting ---------------------------------------------------------------------------------


def _table(concepts: Sequence[Concept]) -> str:
    """``id  term  acronyms`` in aligned columns."""
    if not concepts:
        return ""
    rows = [(c.id, c.term, ", ".join(c.acronyms)) for c in concepts]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    return "\n".join(f"{i:<{widths[0]}}  {t:<{widths[1]}}  {a}".rstrip() for i, t, a in rows) + "\n"


def _echo_concepts(concepts: Sequence[Concept], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([c.to_json() for c in concepts], ensure_ascii=False, indent=2))
    else:
        echo(_table(concepts), nl=False)


def _category_key(name: str) -> str:
    """"Metrics", "metric" and "METRICS" name one category."""
    key = name.strip().casefold()
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def describe(concept: Concept, glossary: Glossary) -> str:
    """A concept with every attributed definition, and the other senses of its acronyms."""
    lines = [concept.term + (f" ({', '.join(concept.acronyms)})" if concept.acronyms else ""), f"  id: {concept.id}"]
    if concept.category:
        lines.append(f"  category: {concept.category}")
    if concept.status:
        lines.append(f"  status: {concept.status}")
    if concept.aliases:
        lines.append(f"  aliases: {', '.join(concept.aliases)}")
    for acronym in concept.acronyms:
        others = [c for c in glossary.by_acronym.get(acronym, []) if c.id != concept.id]
        if others:
            lines.append(f"  {acronym} is ambiguous; also: " + ", ".join(f"{c.term} ({c.id})" for c in others))
    lines.append(f"  definitions ({len(concept.definitions)}):")
    for number, definition in enumerate(concept.definitions, 1):
        origin = f"{definition.source}:{definition.line}" if definition.line else definition.source
        lines.append(f"    {number}. {definition.text}")
        lines.append(f"       — {origin}")
    return "\n".join(lines) + "\n"


# --- commands -----------------------------------------------------------------------------------


@click.group(name="glossary")
def command() -> None:
    """Inspect, search, export and import glossaries.

    Every reading subcommand takes --glossary FILE (repeatable) to layer user glossaries on the
    built-in one, exactly as `annotate` and `serve` would see them.

    \b
    Examples:
      helpdesk-annotator glossary list --ambiguous
      helpdesk-annotator glossary show service-level-agreement
      helpdesk-annotator glossary search sla
      helpdesk-annotator glossary export --format tbx -o glossary.tbx
      helpdesk-annotator glossary import team-terms.csv
    """


@command.command(name="list")
@click.option("--category", default=None,
              help="Only concepts of this category (case-insensitive, singular or plural).")
@click.option("--ambiguous", is_flag=True, help="Only concepts sharing an acronym with another concept.")
@json_option
@handle_errors
@glossary_options
def list_command(glossary: Glossary, category: str | None, ambiguous: bool, as_json: bool) -> None:
    """List concepts: id, term and acronyms.

    \b
    Examples:
      helpdesk-annotator glossary list
      helpdesk-annotator glossary list --category metrics
      helpdesk-annotator glossary list --ambiguous --json
      helpdesk-annotator glossary list --glossary team-terms.csv
    """
    concepts = list(glossary)
    if category:
        wanted = _category_key(category)
        concepts = [c for c in concepts if _category_key(c.category or "") == wanted]
        if not concepts:
            known = sorted({c.category for c in glossary if c.category})
            echo(f"error: no category {category!r}; the categories are: "
                 + (", ".join(known) or "(none)"), err=True)
            raise SystemExit(EXIT_USAGE)
    if ambiguous:
        shared = glossary.ambiguous_acronyms
        concepts = [c for c in concepts if any(a in shared for a in c.acronyms)]
    _echo_concepts(concepts, as_json)


@command.command(name="show")
@click.argument("concept_id", metavar="ID")
@json_option
@handle_errors
@glossary_options
def show_command(glossary: Glossary, concept_id: str, as_json: bool) -> None:
    """Show one concept with all its attributed definitions.

    ID is a concept id as printed by `list`, or a term, alias or acronym; an ambiguous acronym
    (AHT) shows every sense (with --json, a list).

    \b
    Examples:
      helpdesk-annotator glossary show first-contact-resolution
      helpdesk-annotator glossary show CSAT --json
    """
    concept = glossary.get(concept_id)
    if concept is None:
        exact = [c for c in search(glossary, concept_id).concepts if concept_id.casefold() in
                 {n.casefold() for n in (c.term, *c.aliases, *c.acronyms)}]
        if len(exact) > 1:
            _show_senses(concept_id, exact, glossary, as_json)
            return
        if len(exact) == 1:
            concept = exact[0]
        else:
            candidates = difflib.get_close_matches(concept_id, list(glossary.by_id), n=5)
            error = GlossaryError("E107", concept_id=concept_id)
            echo(f"error: {error}", err=True)
            if candidates:
                echo("did you mean: " + ", ".join(candidates), err=True)
            raise SystemExit(EXIT_USAGE)
    if as_json:
        click.echo(json.dumps(concept.to_json(), ensure_ascii=False, indent=2))
    else:
        echo(describe(concept, glossary), nl=False)


def _show_senses(name: str, concepts: Sequence[Concept], glossary: Glossary, as_json: bool) -> None:
    """An ambiguous name (an acronym with several meanings): every sense, said to be one."""
    if as_json:
        click.echo(json.dumps([c.to_json() for c in concepts], ensure_ascii=False, indent=2))
        return
    echo(f"{name} is ambiguous: {len(concepts)} senses\n")
    echo("\n".join(describe(c, glossary) for c in concepts), nl=False)


@command.command(name="search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many results.")
@json_option
@handle_errors
@glossary_options
def search_command(glossary: Glossary, query: str, limit: int | None, as_json: bool) -> None:
    """Find concepts whose term, alias or acronym contains QUERY, or failing that whose
    definition does (case-insensitive; "cobrowsing" also finds "Co-browsing").

    Exact matches come first, then prefix, substring and definition matches: the same
    concepts in the same order as the service's GET /api/glossary?q=QUERY. Exits 1 when nothing
    matches.

    \b
    Examples:
      helpdesk-annotator glossary search sla
      helpdesk-annotator glossary search "handle time" --limit 5
    """
    found = search(glossary, query, limit).concepts
    _echo_concepts(found, as_json)
    if not found:
        echo(f"no concept matches {query!r}", err=True)
        raise SystemExit(1)


@command.command(name="export")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["csv", "tbx", "jsonl"]), required=True,
    help="csv: term,definition,acronym,aliases,category,status (one row per definition); "
    "tbx: TBX-Basic (ISO 30042); jsonl: our normalized concepts.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: stdout).")
@handle_errors
@glossary_options
def export_command(glossary: Glossary, fmt: str, output: Path | None) -> None:
    """Export the glossary as CSV, TBX or JSONL.

    The CSV and TBX files read back with `glossary import` / `--glossary` into the same concepts.

    \b
    Examples:
      helpdesk-annotator glossary export --format csv -o glossary.csv
      helpdesk-annotator glossary export --format tbx -o glossary.tbx
      helpdesk-annotator glossary export --format jsonl --glossary team.csv > merged.jsonl
    """
    if output is not None:
        check_output(output)
    data = export_bytes(glossary, fmt)
    if output is None:
        # bytes as they are: the CSV's CRLF row ends and the XML's declared encoding stay exact
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
    else:
        write_output(output, data)
        echo(f"wrote {len(glossary)} concepts to {output}", err=True)


def export_bytes(glossary: Glossary, fmt: str) -> bytes:
    if fmt == "tbx":
        from ..glossary.formats.tbx import tbx_bytes

        return tbx_bytes(glossary)
    if fmt == "csv":
        from ..glossary.formats.csvfile import write_csv

        buffer = io.StringIO(newline="")
        write_csv(glossary, buffer)
        return buffer.getvalue().encode("utf-8")
    return glossary.to_jsonl().encode("utf-8")


@command.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the file's concepts as normalized JSONL here (usable with --glossary).")
@click.option("--no-builtin", is_flag=True, help="Validate the file alone, without comparing to the built-in glossary.")
@handle_errors
def import_command(file: Path, output: Path | None, no_builtin: bool) -> None:
    """Validate a glossary file (CSV, JSON, JSONL, TBX) and show what it would add or merge.

    Nothing is changed unless -o is given; then the file's concepts are written as normalized
    JSONL. A malformed file exits 2 with the file name and line of the problem.

    \b
    Examples:
      helpdesk-annotator glossary import team-terms.csv
      helpdesk-annotator glossary import vendor.tbx -o patterns/sources/vendor.jsonl
    """
    from ..glossary.merge import merge_entries

    if output is not None:
        check_output(output)
    entries, skipped = read_glossary_file(file)
    own = Glossary(merge_entries(entries))
    base = Glossary() if no_builtin else load_glossary()
    # merge on a copy: the report compares the built-in glossary before and after
    combined = Glossary(merge_entries(entries, base=copy.deepcopy(list(base))))
    added = [c for c in combined if c.id not in base]
    merged = [c for c in combined if c.id in base and c.to_json() != base.get(c.id).to_json()]

    echo(f"{file.name}: {len(entries)} entries -> {len(own)} concepts, {len(skipped)} skipped")
    if not no_builtin:
        click.echo(f"new concepts: {len(added)}")
        for concept in added:
            echo(f"  + {concept.id}: {concept.term}" + (f" ({', '.join(concept.acronyms)})" if concept.acronyms else ""))
        click.echo(f"merged into existing concepts: {len(merged)}")
        for concept in merged:
            before = base.get(concept.id)
            gained = len(concept.definitions) - len(before.definitions)
            echo(f"  ~ {concept.id}: {concept.term} (+{gained} definition{'s' * (gained != 1)})")
        for acronym, concepts in combined.ambiguous_acronyms.items():
            if acronym not in base.ambiguous_acronyms and any(c.id not in base for c in concepts):
                echo(f"  ! {acronym} becomes ambiguous: " + " | ".join(c.term for c in concepts))
    for item in skipped:
        echo(f"  skipped {item.source}:{item.line}: {item.text[:60]!r} ({item.reason})")
    if output is not None:
        write_output(output, own.to_jsonl().encode("utf-8"))
        echo(f"wrote {len(own)} concepts to {output}", err=True)
    if not entries:
        click.echo("warning: no entries found", err=True)


# Help text of a group lists subcommands in this order.
command.list_commands = lambda ctx: ["list", "show", "search", "export", "import"]  # type: ignore[method-assign]
