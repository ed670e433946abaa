"""Run the benchmark suite (make bench): print one table of figures, baselines, ratios and
targets with PASS/FAIL, and write the results as JSON. Exit status 1 when a target fails.

\b
Examples:
  python -m benchmarks             everything, full sizes (several minutes)
  python -m benchmarks --quick     smaller corpora, shorter runs
  python -m benchmarks --only throughput,service --out /tmp/b.json
  python -m benchmarks --profile   where annotate() spends its time (pyinstrument)
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

import click

from .config import Config
from .report import ERROR, FAIL, NA, Row, missing_rows, render_table, summary, write_json

# Section name -> module; the order is the table's order.
SECTIONS = {
    "throughput": "throughput",
    "scaling": "scaling",
    "doclen": "doclen",
    "parallel": "parallel",
    "service": "service",
    "memory": "memory",
    "hostile": "hostile",
    "transcripts": "transcripts",
    "eval": "eval_text",
}


def run_section(name: str, config: Config, *, echo=None) -> list[Row]:
    """One section's rows; a section whose subject is missing yields ``N/A`` rows (with the
    reason) and one that crashes yields ``ERROR`` rows, so the table is always complete."""
    module = importlib.import_module(f"{__package__}.{SECTIONS[name]}")
    try:
        return module.run(config)
    except (ImportError, FileNotFoundError) as exc:
        return missing_rows(module.SECTION, module.SPECS, NA, f"not available: {exc}")
    except Exception as exc:  # noqa: BLE001 - one broken section must not hide the others
        if echo:
            echo(traceback.format_exc())
        detail = str(exc).strip().splitlines()
        return missing_rows(module.SECTION, module.SPECS, ERROR,
                            f"{type(exc).__name__}: {detail[-1] if detail else ''}"[:300])


def parse_only(value: str | None) -> list[str]:
    if not value:
        return list(SECTIONS)
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise click.BadParameter(f"unknown section(s) {', '.join(unknown)}; "
                                 f"choose from {', '.join(SECTIONS)}", param_hint="--only")
    return names


@click.command(name="bench", help=__doc__)
@click.option("--quick", is_flag=True, help="Smaller corpora and shorter runs.")
@click.option("--only", metavar="SECTIONS", help=f"Comma-separated subset of: {', '.join(SECTIONS)}.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("bench-results.json"), show_default=True, help="Results JSON.")
@click.option("--profile", "profile_", is_flag=True,
              help="Profile annotate() with pyinstrument instead of benchmarking.")
@click.option("--verbose", "-v", is_flag=True, help="Print tracebacks of failing sections.")
def main(quick: bool, only: str | None, out: Path, profile_: bool, verbose: bool) -> None:
    config = Config.quick() if quick else Config()
    if profile_:
        from .profile import profile_annotate

        click.echo(profile_annotate(config, out_dir=out.parent))
        return
    names = parse_only(only)
    rows: list[Row] = []
    timings = {}
    for name in names:
        click.echo(f"[bench] {name} ...", err=True)
        started = time.perf_counter()
        rows += run_section(name, config, echo=(lambda m: click.echo(m, err=True)) if verbose else None)
        timings[name] = round(time.perf_counter() - started, 1)
        click.echo(f"[bench] {name} done in {timings[name]} s", err=True)
        # After every section, so a run stopped part-way keeps what it measured.
        write_json(out, rows, config={**config.to_json(), "quick": quick, "sections": names},
                   extra={"section_seconds": timings})
    click.echo(render_table(rows))
    click.echo("\n" + summary(rows))
    click.echo(f"results written to {out}")
    if any(r.status in (FAIL, ERROR) for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main(prog_name="python -m benchmarks")
