"""`helpdesk-annotator discover` end to end, with golden JSON output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.cli import cli

DATA = Path(__file__).parents[1] / "discover" / "data"
GOLDEN = Path(__file__).parents[1] / "discover" / "golden"
BASE = ["discover", str(DATA / "archive.jsonl"), "--glossary", str(DATA / "glossary.csv"),
        "--no-builtin"]


def _invoke(runner, tmp_path, *args):
    return runner.invoke(cli, [*BASE, "--rejects", str(tmp_path / "rejects.jsonl"), *args])


def test_cli_discover_json_golden(runner, tmp_path):
    result = _invoke(runner, tmp_path, "--format", "json")
    assert result.exit_code == 3, result.output  # two malformed records were rejected
    golden = GOLDEN / "archive.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(golden.read_text(encoding="utf-8"))
    assert "5 documents read, 2 rejected" in result.stderr
    assert len((tmp_path / "rejects.jsonl").read_text().splitlines()) == 2


@pytest.mark.parametrize(("fmt", "marker"), [("text", "VBT"), ("csv", "candidate,kind"),
                                             ("html", "<!doctype html>")])
def test_cli_discover_formats_to_file(runner, tmp_path, fmt, marker):
    out = tmp_path / f"out.{fmt}"
    result = _invoke(runner, tmp_path, "--format", fmt, "-o", str(out))
    assert result.exit_code == 3 and result.stdout == ""
    assert marker in out.read_text(encoding="utf-8")


def test_cli_discover_top_and_min_documents(runner, tmp_path):
    result = _invoke(runner, tmp_path, "--format", "json", "--top", "2", "--min-documents", "3")
    found = json.loads(result.stdout)["candidates"]
    assert len(found) == 2 and all(c["documents"] >= 3 for c in found)


def test_cli_discover_review_loop(runner, tmp_path):
    proposed = tmp_path / "proposed.csv"
    result = _invoke(runner, tmp_path, "--format", "json", "--export-glossary", str(proposed))
    rows = proposed.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("term,definition,acronym,aliases,category,status")
    assert any(row.startswith("Very Breached Ticket,Very Breached Ticket,VBT,,,proposed")
               for row in rows)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("candidate,decision\nring strategy,rejected\nVBT,accepted\n")
    again = _invoke(runner, tmp_path, "--format", "json", "--decisions", str(decisions))
    names = {c["candidate"]: c for c in json.loads(again.stdout)["candidates"]}
    assert "ring strategy" not in names and names["VBT"]["decision"] == "accepted"
    assert result.exit_code == again.exit_code == 3


def test_cli_discover_clean_run_exits_zero(runner, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": 1, "text": "The ring strategy."}\n{"id": 2, "text": "A ring strategy."}\n')
    result = runner.invoke(cli, ["discover", str(good), "--no-builtin", "--format", "json",
                                 "--rejects", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["candidates"][0]["candidate"] == "ring strategy"
    assert not (tmp_path / "r.jsonl").exists() or (tmp_path / "r.jsonl").read_text() == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["missing.jsonl"], 2, "E701"),
        (["--decisions", str(DATA / "glossary.csv")], 2, "E703"),
        (["--scheduler", "tcp://x:1"], 2, "--scheduler needs --engine dask"),
    ],
)
def test_cli_discover_errors(runner, tmp_path, args, code, message):
    if args[0] == "missing.jsonl":
        result = runner.invoke(cli, ["discover", str(tmp_path / "missing.jsonl")])
    else:
        result = _invoke(runner, tmp_path, *args)
    assert result.exit_code == code and message in result.stderr + result.output


def test_cli_discover_leaves_no_checkpoint_and_resume_of_nothing_starts_fresh(runner, tmp_path):
    checkpoint = tmp_path / "state.json"
    args = ["--format", "json", "--checkpoint", str(checkpoint)]
    first = _invoke(runner, tmp_path, *args)
    again = _invoke(runner, tmp_path, *args, "--resume")
    assert not checkpoint.exists() and first.stdout == again.stdout


def test_cli_discover_resume_refuses_a_foreign_checkpoint(runner, tmp_path):
    checkpoint = tmp_path / "state.json"
    checkpoint.write_text('{"version": 1, "options": "other"}')
    result = _invoke(runner, tmp_path, "--checkpoint", str(checkpoint), "--resume")
    assert result.exit_code == 2 and "E706" in result.stderr


def test_cli_discover_progress_bar_on_request(runner, tmp_path):
    result = _invoke(runner, tmp_path, "--progress", "-o", str(tmp_path / "out.txt"))
    assert "mining" in result.stderr
    quiet = _invoke(runner, tmp_path, "--no-progress", "-o", str(tmp_path / "out.txt"))
    assert "mining" not in quiet.stderr
