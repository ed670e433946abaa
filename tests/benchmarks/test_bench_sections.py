"""Every benchmark section runs end to end at tiny sizes and yields every row it promises.

These check the harness, never the speed: at these sizes the figures mean nothing, so no test
here looks at a value beyond "it was measured".
"""

from __future__ import annotations

import importlib
import json

import pytest
from click.testing import CliRunner

from benchmarks.__main__ import SECTIONS, main, run_section
from benchmarks.eval_text import default_eval_dir
from benchmarks.report import ERROR, NA


def _specs(name: str):
    return importlib.import_module(f"benchmarks.{SECTIONS[name]}").SPECS


# Sections that start subprocesses (gunicorn, tag workers, a Dask cluster, measuring children)
# take several seconds even at tiny sizes: they run in the slow set, which .ci/run includes.
SLOW = {"parallel", "service", "scaling", "memory"}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in SECTIONS]
)
def test_bench_section_runs_and_yields_every_promised_row(name, tiny_config):
    rows = run_section(name, tiny_config)
    assert [r.key for r in rows] == [s.key for s in _specs(name)]
    if name == "eval" and not default_eval_dir().is_dir():
        # Without ../shared/eval next to the checkout the section says so, row by row.
        assert all(r.status == NA and "no evaluation set" in r.note for r in rows)
        return
    for r in rows:
        assert r.status not in (NA, ERROR), (r.key, r.note)
        assert r.value is not None and r.value == r.value  # measured, and not NaN
        if r.target is not None and r.target.on == "ratio":
            assert r.baseline and r.ratio is not None


def test_bench_cli_prints_one_table_and_writes_json(tmp_path, monkeypatch):
    # The tiny size is what the harness's own tests use; sections chosen to keep this quick.
    monkeypatch.setattr("benchmarks.__main__.Config.quick", classmethod(
        lambda cls: cls.tiny().with_(workdir=tmp_path)))
    out = tmp_path / "results.json"
    result = CliRunner().invoke(main, ["--quick", "--only", "throughput,doclen", "--out", str(out)])
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("section"))
    table = [line for line in lines[header + 2:] if line.strip()]
    expected = [s.figure for n in ("throughput", "doclen") for s in _specs(n)]
    assert [any(fig in line for line in table) for fig in expected] == [True] * len(expected)
    assert "targets pass" in result.output
    data = json.loads(out.read_text())
    assert [r["key"] for r in data["rows"]] == [s.key for n in ("throughput", "doclen") for s in _specs(n)]
    assert data["config"]["sections"] == ["throughput", "doclen"]
    assert all(r["status"] not in (NA, ERROR) for r in data["rows"])
    # Exit status: 0 when every target passes, 1 when one fails; at tiny sizes either may happen.
    assert result.exit_code == (1 if any(r["status"] == "FAIL" for r in data["rows"]) else 0)


def test_bench_cli_rejects_an_unknown_section():
    result = CliRunner().invoke(main, ["--only", "throughput,nope"])
    assert result.exit_code == 2 and "unknown section(s) nope" in result.output


def test_bench_missing_subject_yields_na_rows(monkeypatch, tiny_config):
    # A section whose subject cannot be imported still lists every row, marked N/A with the
    # reason; the same section with the subject present is tested above.
    def unavailable(config):
        raise ImportError("No module named 'annotator.plugin.server'")

    monkeypatch.setattr("benchmarks.service.run", unavailable)
    rows = run_section("service", tiny_config)
    assert [r.key for r in rows] == [s.key for s in _specs("service")]
    assert {r.status for r in rows} == {NA}
    assert all("not available" in r.note for r in rows)
