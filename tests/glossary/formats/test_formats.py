"""User glossary readers: golden parses of the fixture files, then malformed and hostile input.

Golden files: ``data/expected/<name>.json`` holds what the reader returns for ``data/<name>``.
Regenerate them after an intended change with ``UPDATE_GOLDEN=1 pytest tests/glossary``, then
review the diff.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from annotator.errors import GlossaryError
from annotator.glossary.formats import rows
from annotator.glossary.model import Concept, Definition, Entry, Skipped
from annotator.glossary.formats import read_glossary_file
from annotator.glossary.formats.csvfile import write_csv

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(p.name for p in DATA.iterdir() if p.suffix in {".csv", ".json", ".jsonl", ".tbx"})
HOSTILE = "<img src=x onerror=alert(1)>"


def as_json(result: tuple[list[Entry], list[Skipped]]) -> dict:
    entries, skipped = result
    data = {"entries": [asdict(e) for e in entries], "skipped": [s.to_json() for s in skipped]}
    return json.loads(json.dumps(data))  # tuples -> lists, as in the golden file


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def error_of(path: Path) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    return info.value


# --- golden parses ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_readers_golden(name):
    got = as_json(read_glossary_file(DATA / name))
    golden = DATA / "expected" / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_readers_fixture_set_covers_every_format():
    assert {Path(name).suffix for name in FIXTURES} == {".csv", ".json", ".jsonl", ".tbx"}


# --- CSV ----------------------------------------------------------------------------------------


def test_readers_csv_bom_and_crlf():
    raw = (DATA / "user.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture really is BOM + CRLF
    entries, _ = read_glossary_file(DATA / "user.csv")
    assert entries[0].term == "Service Level Agreement"  # no BOM glued to the first cell
    assert all("\r" not in e.definition for e in entries)


def test_readers_csv_multiline_cell_keeps_physical_line_numbers():
    entries, skipped = read_glossary_file(DATA / "user.csv")
    by_term = {}
    for entry in entries:
        by_term.setdefault(entry.term, []).append(entry.line)
    # the FCR row spans lines 3-5, so the next row starts on line 6
    assert by_term["First Contact Resolution"] == [3]
    assert by_term["Average Handle Time"] == [6]
    assert by_term["Escalation Matrix"] == [11]  # after an empty-definition row and a blank line
    assert [(s.line, s.reason) for s in skipped] == [(9, "empty definition")]


def test_readers_csv_duplicate_terms_are_kept_for_merging():
    entries, _ = read_glossary_file(DATA / "user.csv")
    slas = [e for e in entries if e.term == "Service Level Agreement"]
    assert [e.line for e in slas] == [2, 8]
    assert len({e.definition for e in slas}) == 2


def test_readers_csv_lists_split_on_semicolon_and_bar():
    entries, _ = read_glossary_file(DATA / "user.csv")
    fcr = next(e for e in entries if e.term == "First Contact Resolution")
    assert fcr.acronyms == ("FCR", "FCRR")
    assert fcr.aliases == ("first call resolution", "one-touch resolution")


@pytest.mark.parametrize(
    "content, code, line, needle",
    [
        ("definition,acronym\nA thing,AT\n", "E108", 1, "'term'"),
        ("term,acronym\nThing,AT\n", "E108", 1, "'definition'"),
        ("", "E108", 1, "'term'"),
        ("term,definition\nSLA,ok\n,orphan definition\n", "E114", 3, "empty term"),
        ("term,definition,status\nSLA,ok,official\n", "E114", 2, "unknown status"),
        ('term,definition\nSLA,"never closed\nmore\n', "E112", 2, "malformed CSV"),
        ('term,definition\nSLA,"quoted"junk\n', "E112", 2, "malformed CSV"),
        (b"term,definition\nSLA,fine\nKB,caf\xe9 latte\n", "E110", 3, "invalid UTF-8"),
        (b"term,definition\r\nSLA,\xff\xfe\r\n", "E110", 2, "byte ff at column 5"),
    ],
    ids=["no-term-column", "no-definition-column", "empty-file", "empty-term", "bad-status",
         "unclosed-quote", "junk-after-quote", "latin-1-byte", "crlf-bad-bytes"],
)
def test_readers_csv_malformed(tmp_path, content, code, line, needle):
    path = write(tmp_path, "bad.csv", content)
    error = error_of(path)
    assert error.code == code
    assert error.details["line"] == line
    assert str(path) in error.message and needle in error.message


def test_readers_csv_empty_definition_is_skipped_with_reason(tmp_path):
    path = write(tmp_path, "stub.csv", "term,definition\nWarm Transfer,\nSLA,   \nKB,The help library.\n")
    entries, skipped = read_glossary_file(path)
    assert [e.term for e in entries] == ["KB"]
    assert [(s.text, s.line, s.reason) for s in skipped] == [
        ("Warm Transfer", 2, "empty definition"),
        ("SLA", 3, "empty definition"),
    ]


@pytest.fixture(params=["default csv limit", "raised csv limit"])
def csv_field_limit(request):
    """The csv module's field limit is process-global (the batch reader raises it): the
    glossary reader must reject a huge cell the same way whatever it is."""
    import csv
    import sys

    saved = csv.field_size_limit()
    if request.param == "raised csv limit":
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    yield
    csv.field_size_limit(saved)


def test_readers_csv_huge_definition_rejected_with_file_and_line(tmp_path, csv_field_limit):
    huge = "x" * (5 * 1024 * 1024)
    path = write(tmp_path, "huge.csv", f"term,definition\nSLA,ok\nBig,\"{huge}\"\nKB,ok\n")
    error = error_of(path)
    assert error.code == "E115"
    assert error.details["line"] == 3 and "huge.csv" in error.message
    assert "longer than the limit" in error.message


def test_readers_csv_longest_accepted_definition_loads(tmp_path):
    long = "word " * (rows.MAX_FIELD_CHARS // 5 - 1)
    path = write(tmp_path, "long.csv", f"term,definition\nSLA,\"{long}\"\n")
    entries, _ = read_glossary_file(path)
    assert entries[0].definition == long.strip()


def test_readers_csv_hostile_definition_is_literal_text():
    entries, _ = read_glossary_file(DATA / "user.csv")
    matrix = next(e for e in entries if e.term == "Escalation Matrix")
    assert HOSTILE in matrix.definition and "<b>tier</b> &" in matrix.definition


def test_readers_csv_unknown_columns_ignored_and_header_case_insensitive(tmp_path):
    path = write(tmp_path, "cols.csv", "Notes, Term ,DEFINITION,Acronyms\nx,Service Desk,The team answering tickets.,SD\n")
    (entry,), _ = read_glossary_file(path)
    assert (entry.term, entry.definition, entry.acronyms) == ("Service Desk", "The team answering tickets.", ("SD",))


# --- JSON / JSONL -------------------------------------------------------------------------------


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
def test_readers_json_malformed(tmp_path, content, code, line, needle):
    error = error_of(write(tmp_path, "bad.json", content))
    assert error.code == code
    assert error.details["line"] == line
    assert "bad.json" in error.message and needle in error.message


@pytest.mark.parametrize(
    "content, field",
    [('[{"definition": "orphan"}]', "term"), ('[{"term": "SLA"}]', "definition"), ('{"items": []}', "concepts")],
)
def test_readers_json_missing_field(tmp_path, content, field):
    error = error_of(write(tmp_path, "bad.json", content))
    assert (error.code, error.field) == ("E108", field)
    assert f"missing required field {field!r}" in error.message


def test_readers_json_empty_list_is_empty_glossary(tmp_path):
    assert read_glossary_file(write(tmp_path, "empty.json", " [ ] \n")) == ([], [])


def test_readers_jsonl_broken_line_names_line(tmp_path):
    content = '{"term": "SLA", "definition": "ok"}\n\n{"term": "KB", "definition": \n{"term": "x", "definition": "y"}\n'
    error = error_of(write(tmp_path, "bad.jsonl", content))
    assert error.code == "E113" and error.details["line"] == 3 and "bad.jsonl" in error.message


def test_readers_jsonl_crlf_and_bom(tmp_path):
    content = b'\xef\xbb\xbf{"term": "SLA", "definition": "ok"}\r\n{"term": "KB", "definition": "base"}'
    entries, _ = read_glossary_file(write(tmp_path, "g.jsonl", content))
    assert [(e.term, e.line) for e in entries] == [("SLA", 1), ("KB", 2)]


def test_readers_jsonl_generated_format_keeps_attribution():
    entries, _ = read_glossary_file(DATA / "generated.jsonl")
    aht = [e for e in entries if e.term == "Average Handle Time"]
    assert [(e.source, e.line) for e in aht] == [("001_seed.txt", 12), ("003_seed.txt", 40)]
    ticket = next(e for e in entries if e.term == "Ticket")
    assert (ticket.source, ticket.line) == ("generated.jsonl", 2)  # no attribution given: ours


def test_readers_builtin_glossary_jsonl_reads_back(tmp_path):
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


# --- dispatch and limits ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["glossary.xlsx", "glossary", "notes.md"])
def test_readers_unsupported_suffix(tmp_path, name):
    error = error_of(write(tmp_path, name, "term,definition\n"))
    assert error.code == "E102"


def test_readers_suffix_is_case_insensitive(tmp_path):
    entries, _ = read_glossary_file(write(tmp_path, "UPPER.CSV", "term,definition\nSLA,ok\n"))
    assert [e.term for e in entries] == ["SLA"]


def test_readers_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.csv").code == "E103"


def test_readers_size_cap(tmp_path, monkeypatch):
    from annotator.glossary import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    error = error_of(write(tmp_path, "big.csv", "term,definition\n" + "SLA,ok\n" * 20))
    assert error.code == "E109" and "big.csv" in error.message


def test_readers_txt_dispatches_to_seed_parser(tmp_path):
    from annotator.glossary.formats import seedpage

    path = write(tmp_path, "seed.txt", "Service Level Agreement (SLA)\nA written promise of response times.\n")
    assert read_glossary_file(path) == seedpage.read_seed(path)


# --- CSV export round trip ----------------------------------------------------------------------


def test_readers_csv_export_round_trip(tmp_path):
    concepts = [
        Concept("sla", "Service Level Agreement", ["SLA"], ["service-level agreement"], "Metrics",
                [Definition("A promise, with \"quotes\"\nand a line break.", "a.txt", 1),
                 Definition(f"Second one {HOSTILE}", "b.txt", 2)], "preferred"),
        Concept("aht", "Average Handle Time", ["AHT", "AHTs"], [], None, [Definition("Mean time; per call.", "a.txt", 5)]),
    ]
    buffer = io.StringIO(newline="")
    write_csv(concepts, buffer)
    path = write(tmp_path, "export.csv", buffer.getvalue())
    entries, skipped = read_glossary_file(path)
    assert not skipped
    rebuilt = [(e.term, e.definition, e.acronyms, e.aliases, e.category, e.status) for e in entries]
    assert rebuilt == [
        ("Service Level Agreement", "A promise, with \"quotes\" and a line break.", ("SLA",),
         ("service-level agreement",), "Metrics", "preferred"),
        ("Service Level Agreement", f"Second one {HOSTILE}", ("SLA",), ("service-level agreement",), "Metrics", "preferred"),
        ("Average Handle Time", "Mean time; per call.", ("AHT", "AHTs"), (), None, None),
    ]
    assert [e.line for e in entries] == [2, 4, 5]  # the first row spans two physical lines


def test_readers_jsonl_line_separator_inside_string_is_not_a_line_break(tmp_path):
    content = '{"term": "SLA", "definition": "one\u2028two\u0085three"}\n{"term": "KB", "definition": "base"}\n'
    entries, _ = read_glossary_file(write(tmp_path, "sep.jsonl", content))
    assert [(e.term, e.line) for e in entries] == [("SLA", 1), ("KB", 2)]


def test_readers_csv_nul_byte_is_reported_or_kept(tmp_path):
    path = write(tmp_path, "nul.csv", "term,definition\nSLA,a\x00b\n")
    entries, _ = read_glossary_file(path)
    assert entries[0].definition == "a\x00b"  # kept verbatim; the text pipeline blanks controls


def test_readers_json_many_entries_keep_line_numbers(tmp_path):
    # line numbers are counted incrementally; every entry still lands on its own line
    items = ",\n".join(json.dumps({"term": f"Term {i}", "definition": f"Definition {i}."}) for i in range(3000))
    entries, _ = read_glossary_file(write(tmp_path, "many.json", "[\n" + items + "\n]\n"))
    assert [e.line for e in entries] == list(range(2, 3002))


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_readers_csv_semicolon_or_tab_separated(tmp_path, delimiter):
    content = delimiter.join(["term", "definition", "acronym"]) + "\n" + delimiter.join(
        ["Service Level Agreement", '"Response times, promised"', "SLA"]) + "\n"
    (entry,), _ = read_glossary_file(write(tmp_path, "excel.csv", content))
    assert (entry.term, entry.definition, entry.acronyms) == ("Service Level Agreement", "Response times, promised", ("SLA",))


def test_readers_json_huge_definition_rejected_with_line(tmp_path):
    content = '[\n {"term": "SLA", "definition": "ok"},\n {"term": "Big", "definition": "' + "x" * 5_000_000 + '"}\n]'
    error = error_of(write(tmp_path, "huge.json", content))
    assert error.code == "E115" and error.details["line"] == 3 and "limit" in error.message


def test_clean_collapses_exactly_the_regex_whitespace():
    # clean() uses str.split(); it must treat as whitespace exactly what r"\s" matches.
    import re
    import sys

    spaces = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", ch))
    assert spaces == "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace())
    text = f"{spaces}a{spaces}b\u00a0\u2003c{spaces}"
    assert rows.clean(text) == re.sub(r"\s+", " ", text).strip() == "a b c"
