"""annotator.glossary.formats.jsonfile: JSON and JSONL glossaries, line numbers, malformed input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.glossary.formats import read_glossary_file
from annotator.glossary.model import Concept, Definition

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "content, code, line, needle",
    [
        ('[\n {"term": "SLA", "definition": "ok"},\n {"term": 42, "definition": "x"}\n]', "E114", 3, "'term' must be a string"),
        ('[\n {"term": "SLA", "definition": ["a", "b"]}\n]', "E114", 2, "'definition' must be a string"),
        ('[\n {"term": "SLA", "definition": "d", "aliases": [1, 2]}\n]', "E114", 2, "'aliases' must be a string or a list"),
        ('[\n "SLA"\n]', "E114", 2, "expected an object"),
        ('{"concepts": {"term": "SLA"}}', "E114", 1, '"concepts" must be a list'),
        ('[\n {"term": "SLA", "definition": "ok"},\n {"term": "KB" "definition": "x"}\n]', "E113", 3, "invalid JSON"),
        ('[\n {"term": "SLA", "definition": "ok"}\n]\n[]', "E113", 4, "extra data"),
        ("", "E113", 1, "empty file"),
        ('"just a string"', "E113", 1, "invalid JSON"),
    ],
    ids=["int-term", "list-definition", "int-aliases", "string-item", "concepts-not-list",
         "missing-comma", "trailing-data", "empty", "scalar"],
)
def test_jsonfile_malformed(tmp_path, content, code, line, needle, error_of, write):
    error = error_of(write(tmp_path, "bad.json", content))
    assert error.code == code
    assert error.details["line"] == line
    assert "bad.json" in error.message and needle in error.message


@pytest.mark.parametrize(
    "content, field",
    [('[{"definition": "orphan"}]', "term"), ('[{"term": "SLA"}]', "definition"), ('{"items": []}', "concepts")],
)
def test_jsonfile_missing_field(tmp_path, content, field, error_of, write):
    error = error_of(write(tmp_path, "bad.json", content))
    assert (error.code, error.field) == ("E108", field)
    assert f"missing required field {field!r}" in error.message


@pytest.mark.parametrize(
    "name, content, line",
    [
        ("deep.json", '[{"term": "SLA", "definition": "ok"},\n' + "[" * 100_000 + "]" * 100_000 + "]", 2),
        ("deep.jsonl", '{"term": "SLA", "definition": "ok"}\n' + '{"a": ' * 100_000 + "1" + "}" * 100_000, 2),
    ],
)
def test_jsonfile_nested_100000_deep_is_a_coded_error(tmp_path, error_of, write, name, content, line):
    error = error_of(write(tmp_path, name, content))
    assert (error.code, error.details["line"]) == ("E113", line)
    assert "nested too deeply" in error.message


def test_jsonfile_empty_list_is_empty_glossary(tmp_path, write):
    assert read_glossary_file(write(tmp_path, "empty.json", " [ ] \n")) == ([], [])


def test_jsonfile_jsonl_broken_line_names_line(tmp_path, error_of, write):
    content = '{"term": "SLA", "definition": "ok"}\n\n{"term": "KB", "definition": \n{"term": "x", "definition": "y"}\n'
    error = error_of(write(tmp_path, "bad.jsonl", content))
    assert error.code == "E113" and error.details["line"] == 3 and "bad.jsonl" in error.message


def test_jsonfile_jsonl_crlf_and_bom(tmp_path, write):
    content = b'\xef\xbb\xbf{"term": "SLA", "definition": "ok"}\r\n{"term": "KB", "definition": "base"}'
    entries, _ = read_glossary_file(write(tmp_path, "g.jsonl", content))
    assert [(e.term, e.line) for e in entries] == [("SLA", 1), ("KB", 2)]


def test_jsonfile_jsonl_generated_format_keeps_attribution():
    entries, _ = read_glossary_file(DATA / "generated.jsonl")
    aht = [e for e in entries if e.term == "Average Handle Time"]
    assert [(e.source, e.line) for e in aht] == [("001_seed.txt", 12), ("003_seed.txt", 40)]
    ticket = next(e for e in entries if e.term == "Ticket")
    assert (ticket.source, ticket.line) == ("generated.jsonl", 2)  # no attribution given: ours


def test_jsonfile_builtin_glossary_jsonl_reads_back(tmp_path):
    concepts = [
        Concept("sla", "Service Level Agreement", ["SLA"], [], "Metrics",
                [Definition("A promise.", "000_x.txt", 3), Definition("A contract.", "002_y.txt", 9)]),
    ]
    path = tmp_path / "glossary.jsonl"
    path.write_text("".join(json.dumps(c.to_json()) + "\n" for c in concepts), encoding="utf-8")
    entries, skipped = read_glossary_file(path)
    assert not skipped
    assert [(e.definition, e.source, e.line) for e in entries] == [
        ("A promise.", "000_x.txt", 3),
        ("A contract.", "002_y.txt", 9),
    ]


def test_jsonfile_jsonl_line_separator_inside_string_is_not_a_line_break(tmp_path, write):
    content = '{"term": "SLA", "definition": "one\u2028two\u0085three"}\n{"term": "KB", "definition": "base"}\n'
    entries, _ = read_glossary_file(write(tmp_path, "sep.jsonl", content))
    assert [(e.term, e.line) for e in entries] == [("SLA", 1), ("KB", 2)]


def test_jsonfile_many_entries_keep_line_numbers(tmp_path, write):
    # line numbers are counted incrementally; every entry still lands on its own line
    items = ",\n".join(json.dumps({"term": f"Term {i}", "definition": f"Definition {i}."}) for i in range(3000))
    entries, _ = read_glossary_file(write(tmp_path, "many.json", "[\n" + items + "\n]\n"))
    assert [e.line for e in entries] == list(range(2, 3002))


def test_jsonfile_huge_definition_rejected_with_line(tmp_path, error_of, write):
    content = '[\n {"term": "SLA", "definition": "ok"},\n {"term": "Big", "definition": "' + "x" * 5_000_000 + '"}\n]'
    error = error_of(write(tmp_path, "huge.json", content))
    assert error.code == "E115" and error.details["line"] == 3 and "limit" in error.message
