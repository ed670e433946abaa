"""`helpdesk-annotator lint`: undefined acronyms in knowledge-base articles."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AnnotatorError, LintError
from ..glossary.formats import format_names
from ..lint.config import LintConfig, discover_config, load_config, split_items
from ..lint.fix import fix_text
from ..lint.formats import FORMATS, render
from ..lint.findings import RULES
from ..lint.runner import FileResult, lint_article, load_glossary, read_article, walk, write_article
from ._errors import EXIT_USAGE
from ._text import echo, visible

EXIT_CLEAN = 0
EXIT_FINDINGS = 1


def _error(exc: AnnotatorError) -> None:
    echo(f"error: {exc}", err=True)


def _config(config_file: Path | None, paths: tuple[Path, ...]) -> LintConfig:
    if config_file is not None:
        return load_config(config_file)
    return discover_config(paths[0] if paths else Path.cwd())


@click.command(name="lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
    help="Report format: text (path:line:col: CODE message), json, sarif (2.1.0) or github "
    "(workflow annotations).",
)
@click.option("--fix", is_flag=True, help="Spell out undefined glossary acronyms at first use, in place.")
@click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (default: nearest .helpdesk-annotator.toml or pyproject.toml "
    "with [tool.helpdesk-annotator]).",
)
@click.option("--allow", multiple=True, metavar="ACR[,ACR...]", help="Acronyms that need no definition.")
@click.option("--disable", multiple=True, metavar="CODE[,CODE...]", help="Rule codes to switch off.")
@click.option(
    "--glossary", "glossaries", multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"Extra glossary file ({format_names()}), merged with the built-in one.",
)
@click.option(
    "--no-default-allow", is_flag=True,
    help="Do not apply the built-in allowlist (API, URL, ID, FAQ, UTC, ...).",
)
@click.option("--no-builtin-glossary", is_flag=True, help="Use only the --glossary / config glossary files.")
def command(
    paths: tuple[Path, ...],
    output_format: str,
    fix: bool,
    config_file: Path | None,
    allow: tuple[str, ...],
    disable: tuple[str, ...],
    glossaries: tuple[Path, ...],
    no_default_allow: bool,
    no_builtin_glossary: bool,
) -> None:
    """Report acronyms that a knowledge-base article uses without defining them.

    PATHS are .md, .rst, .html or .txt files, or directories (walked recursively). Only
    visible prose counts: code, URLs, link targets, tags and roles are ignored.

    \b
    Rules:
      HA001  acronym used but never defined
      HA002  acronym used before its definition
      HA003  ambiguous glossary acronym (several senses) left undefined

    Exit status: 0 clean, 1 findings, 2 usage error or unreadable file.

    \b
    Examples:
      helpdesk-annotator lint docs/
      helpdesk-annotator lint --format sarif docs/ > lint.sarif
      helpdesk-annotator lint --allow SFDC,TAM --disable HA002 article.md
      helpdesk-annotator lint --fix docs/faq.md
    """
    disabled = [c.upper() for c in split_items(disable)]
    unknown = sorted(set(disabled) - set(RULES))
    if unknown:
        raise click.BadParameter(f"unknown rule code(s): {', '.join(unknown)}", param_hint="--disable")
    try:
        config = _config(config_file, paths).with_overrides(
            allow=split_items(allow),
            disable=disabled,
            glossary=[p.resolve() for p in glossaries],
            default_allow=False if no_default_allow else None,
            builtin_glossary=False if no_builtin_glossary else None,
        )
        glossary = load_glossary(config)
    except AnnotatorError as exc:
        _error(exc)
        raise SystemExit(EXIT_USAGE) from exc

    failed = False

    def bad_path(exc: AnnotatorError) -> None:
        nonlocal failed
        _error(exc)
        failed = True

    # A missing or unsupported path is reported and the others are still linted.
    files = list(walk(paths, on_error=bad_path))
    if not files and not failed:
        _error(LintError("E405", path=", ".join(p.as_posix() for p in paths)))
        raise SystemExit(EXIT_USAGE)

    results: list[FileResult] = []
    for path, root in files:
        try:
            article = read_article(path)
        except AnnotatorError as exc:
            _error(exc)
            failed = True
            continue
        if fix:
            fixed = fix_text(article.text, article.format, glossary=glossary, config=config)
            if fixed.fixes:
                try:
                    write_article(article, fixed.text, root=root)
                except AnnotatorError as exc:
                    _error(exc)
                    failed = True
                    continue
                for item in fixed.fixes:
                    echo(
                        f"fixed {article.display}:{item.line}:{item.col}: {item.acronym} -> {item.replacement}",
                        err=True,
                    )
            results.append(FileResult(article, fixed.remaining))
        else:
            results.append(lint_article(article, glossary=glossary, config=config))

    report = render(results, output_format)
    if report:
        # Findings quote the articles; the machine formats escape for themselves.
        click.echo(visible(report) if output_format in ("text", "github") else report, nl=False)
    if failed:
        raise SystemExit(EXIT_USAGE)
    raise SystemExit(EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN)
