"""annotator.glossary.formats: one registry of glossary formats that every caller reads."""

from __future__ import annotations

import pytest

from annotator.errors import GlossaryError, Errors
from annotator.build import source_files
from annotator.glossary.formats import (
    FORMATS,
    format_names,
    is_glossary_file,
    read_glossary_file,
    suffix_list,
    supported_suffixes,
)


def test_registry_lists_every_format():
    assert supported_suffixes() == (".csv", ".json", ".jsonl", ".tbx", ".txt")


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_registry_every_reader_resolves(suffix):
    reader = FORMATS[suffix].reader()
    assert callable(reader) and reader.__name__.startswith("read_")


def test_registry_help_names_the_user_formats():
    assert format_names() == "CSV, JSON, JSONL, TBX"


def test_registry_unsupported_format_lists_the_registry(tmp_path):
    path = tmp_path / "glossary.xlsx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    assert info.value.code == "E102"
    assert suffix_list() in info.value.message
    assert all(suffix in info.value.message for suffix in FORMATS)
    assert "{expected}" in Errors.E102  # the list comes from the registry, not the template


@pytest.mark.parametrize("name, expected", [("a.CSV", True), ("a.tbx", True), ("a.md", False), ("a", False)])
def test_registry_is_glossary_file(tmp_path, name, expected):
    assert is_glossary_file(tmp_path / name) is expected


def test_registry_build_reads_the_files_the_registry_knows(tmp_path):
    for name in ("a.csv", "b.TBX", "c.txt", "notes.md", "d.jsonl", "e.xlsx"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in source_files(tmp_path)] == ["a.csv", "b.TBX", "c.txt", "d.jsonl"]


def test_registry_suffix_list_wording():
    assert suffix_list((".a",)) == ".a"
    assert suffix_list((".a", ".b", ".c")) == ".a, .b or .c"
