"""annotator.glossary.formats.csvfile: CSV dialects, row policy, malformed input, export round trip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from annotator.glossary.formats import read_glossary_file, rows
from annotator.glossary.formats.csvfile import write_csv
from annotator.glossary.model import Concept, Definition

DATA = Path(__file__).parent / "data"
HOSTILE = "<img src=x onerror=alert(1)>"


def test_csvfile_bom_and_crlf():
    raw = (DATA / "user.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture really is BOM + CRLF
    entries, _ = read_glossary_file(DATA / "user.csv")
    assert entries[0].term == "Service Level Agreement"  # no BOM glued to the first cell
    assert all("\r" not in e.definition for e in entries)


def test_csvfile_multiline_cell_keeps_physical_line_numbers():
    entries, skipped = read_glossary_file(DATA / "user.csv")
    by_term = {}
    for entry in entries:
        by_term.setdefault(entry.term, []).append(entry.line)
    # the FCR row spans lines 3-5, so the next row starts on line 6
    assert by_term["First Contact Resolution"] == [3]
    assert by_term["Average Handle Time"] == [6]
    assert by_term["Escalation Matrix"] == [11]  # after an empty-definition row and a blank line
    assert [(s.line, s.reason) for s in skipped] == [(9, "empty definition")]


def test_csvfile_duplicate_terms_are_kept_for_merging():
    entries, _ = read_glossary_file(DATA / "user.csv")
    slas = [e for e in entries if e.term == "Service Level Agreement"]
    assert [e.line for e in slas] == [2, 8]
    assert len({e.definition for e in slas}) == 2


def test_csvfile_lists_split_on_semicolon_and_bar():
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
        ("term,definition,familiarity\nSLA,ok,common\n", "E114", 2, "unknown familiarity"),
        ('term,definition\nSLA,"never closed\nmore\n', "E112", 2, "malformed CSV"),
        ('term,definition\nSLA,"quoted"junk\n', "E112", 2, "malformed CSV"),
        (b"term,definition\nSLA,fine\nKB,caf\xe9 latte\n", "E110", 3, "invalid UTF-8"),
        (b"term,definition\r\nSLA,\xff\xfe\r\n", "E110", 2, "byte ff at column 5"),
    ],
    ids=["no-term-column", "no-definition-column", "empty-file", "empty-term", "bad-status", "bad-familiarity",
         "unclosed-quote", "junk-after-quote", "latin-1-byte", "crlf-bad-bytes"],
)
def test_csvfile_malformed(tmp_path, content, code, line, needle, error_of, write):
    path = write(tmp_path, "bad.csv", content)
    error = error_of(path)
    assert error.code == code
    assert error.details["line"] == line
    assert str(path) in error.message and needle in error.message


def test_csvfile_empty_definition_is_skipped_with_reason(tmp_path, write):
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


def test_csvfile_huge_definition_rejected_with_file_and_line(tmp_path, csv_field_limit, error_of, write):
    huge = "x" * (5 * 1024 * 1024)
    path = write(tmp_path, "huge.csv", f"term,definition\nSLA,ok\nBig,\"{huge}\"\nKB,ok\n")
    error = error_of(path)
    assert error.code == "E115"
    assert error.details["line"] == 3 and "huge.csv" in error.message
    assert "longer than the limit" in error.message


def test_csvfile_longest_accepted_definition_loads(tmp_path, write):
    long = "word " * (rows.MAX_FIELD_CHARS // 5 - 1)
    path = write(tmp_path, "long.csv", f"term,definition\nSLA,\"{long}\"\n")
    entries, _ = read_glossary_file(path)
    assert entries[0].definition == long.strip()


def test_csvfile_hostile_definition_is_literal_text():
    entries, _ = read_glossary_file(DATA / "user.csv")
    matrix = next(e for e in entries if e.term == "Escalation Matrix")
    assert HOSTILE in matrix.definition and "<b>tier</b> &" in matrix.definition


def test_csvfile_unknown_columns_ignored_and_header_case_insensitive(tmp_path, write):
    path = write(tmp_path, "cols.csv", "Notes, Term ,DEFINITION,Acronyms\nx,Service Desk,The team answering tickets.,SD\n")
    (entry,), _ = read_glossary_file(path)
    assert (entry.term, entry.definition, entry.acronyms) == ("Service Desk", "The team answering tickets.", ("SD",))


def test_csvfile_export_round_trip(tmp_path, write):
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
    # the export's source and line columns credit each definition to where it came from (the
    # CSV's own physical lines are used only when a file has no such columns)
    assert [(e.source, e.line) for e in entries] == [("a.txt", 1), ("b.txt", 2), ("a.txt", 5)]


def test_csvfile_nul_byte_is_reported_or_kept(tmp_path, write):
    path = write(tmp_path, "nul.csv", "term,definition\nSLA,a\x00b\n")
    entries, _ = read_glossary_file(path)
    assert entries[0].definition == "a\x00b"  # kept verbatim; the text pipeline blanks controls


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_csvfile_semicolon_or_tab_separated(tmp_path, delimiter, write):
    content = delimiter.join(["term", "definition", "acronym"]) + "\n" + delimiter.join(
        ["Service Level Agreement", '"Response times, promised"', "SLA"]) + "\n"
    (entry,), _ = read_glossary_file(write(tmp_path, "excel.csv", content))
    assert (entry.term, entry.definition, entry.acronyms) == ("Service Level Agreement", "Response times, promised", ("SLA",))


def test_csvfile_row_with_more_fields_than_the_header_is_e112(tmp_path, error_of, write):
    content = "term,definition,acronym\nService Level Agreement,A promise.,SLA\nToo,many,fields,here,x,y,z\n"
    error = error_of(write(tmp_path, "team.csv", content))
    assert (error.code, error.details["line"]) == ("E112", 3)
    assert "7 fields where the header has 3" in error.message


def test_csvfile_trailing_empty_cells_are_not_extra_fields(tmp_path, write):
    entries, _ = read_glossary_file(write(tmp_path, "team.csv", "term,definition\nQueue,A line of tickets.,,\n"))
    assert [e.term for e in entries] == ["Queue"]


@pytest.mark.parametrize("acronym", ["fields", "it", "Agent", "x"])
def test_csvfile_acronym_must_look_like_one(tmp_path, error_of, write, acronym):
    error = error_of(write(tmp_path, "team.csv", f"term,definition,acronym\nSome Term,A definition.,{acronym}\n"))
    assert (error.code, error.details["line"]) == ("E114", 2)
    assert "does not look like an acronym" in error.message


@pytest.mark.parametrize("acronym", ["SLA", "eNPS", "CCaaS", "SOC 2", "KPIs", "P0"])
def test_csvfile_acronyms_as_written_are_kept(tmp_path, write, acronym):
    entries, _ = read_glossary_file(write(tmp_path, "team.csv", f"term,definition,acronym\nSome Term,A definition.,{acronym}\n"))
    assert entries[0].acronyms == (acronym,)


def test_csvfile_export_round_trip_gives_the_same_concepts(tmp_path):
    """Export the built-in glossary, read it back beside the built-in one: no definition doubled,
    every source and line kept."""
    from annotator.glossary import load_glossary

    builtin = load_glossary([])
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv(builtin.concepts, stream)

    def signature(glossary):
        return sorted((c.id, c.term, c.acronyms, tuple(c.definitions)) for c in glossary.concepts)

    assert signature(load_glossary([path])) == signature(builtin)
    alone = load_glossary([path], builtin=False)
    assert signature(alone) == signature(builtin)
