"""annotator.glossary.formats: golden parses of every fixture file through the registry, dispatch and limits.

Golden files: ``data/expected/<name>.json`` holds what the reader returns for ``data/<name>``.
Regenerate them after an intended change with ``UPDATE_GOLDEN=1 pytest tests/glossary``, then
review the diff.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from annotator.glossary.formats import read_glossary_file
from annotator.glossary.model import Entry, Skipped

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(p.name for p in DATA.iterdir() if p.suffix in {".csv", ".json", ".jsonl", ".tbx"})

def as_json(result: tuple[list[Entry], list[Skipped]]) -> dict:
    entries, skipped = result
    data = {"entries": [asdict(e) for e in entries], "skipped": [s.to_json() for s in skipped]}
    return json.loads(json.dumps(data))  # tuples -> lists, as in the golden file


@pytest.mark.parametrize("name", FIXTURES)
def test_formats_golden(name):
    got = as_json(read_glossary_file(DATA / name))
    golden = DATA / "expected" / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_formats_fixture_set_covers_every_format():
    assert {Path(name).suffix for name in FIXTURES} == {".csv", ".json", ".jsonl", ".tbx"}


@pytest.mark.parametrize("name", ["glossary.xlsx", "glossary", "notes.md"])
def test_formats_unsupported_suffix(tmp_path, name, error_of, write):
    error = error_of(write(tmp_path, name, "term,definition\n"))
    assert error.code == "E102"


def test_formats_suffix_is_case_insensitive(tmp_path, write):
    entries, _ = read_glossary_file(write(tmp_path, "UPPER.CSV", "term,definition\nSLA,ok\n"))
    assert [e.term for e in entries] == ["SLA"]


def test_formats_missing_file(tmp_path, error_of):
    assert error_of(tmp_path / "nope.csv").code == "E103"


def test_formats_size_cap(tmp_path, monkeypatch, error_of, write):
    from annotator.glossary import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    error = error_of(write(tmp_path, "big.csv", "term,definition\n" + "SLA,ok\n" * 20))
    assert error.code == "E109" and "big.csv" in error.message


def test_formats_txt_dispatches_to_seed_parser(tmp_path, write):
    from annotator.glossary.formats import seedpage

    path = write(tmp_path, "seed.txt", "Service Level Agreement (SLA)\nA written promise of response times.\n")
    assert read_glossary_file(path) == seedpage.read_seed(path)
