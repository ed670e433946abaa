from __future__ import annotations

import csv
import io

import pytest

from annotator.discover.model import Candidate
from annotator.discover.review import export_glossary, glossary_rows, parse_decisions, read_decisions
from annotator.errors import DiscoverError
from annotator.glossary.formats.csvfile import read_csv
from annotator.glossary.formats.rows import FIELDS


def test_review_decisions_parse():
    text = "candidate,decision\nRing Strategy,Rejected\nVBT,accepted\n\n"
    assert parse_decisions(text) == {"ring strategy": "rejected", "vbt": "accepted"}


@pytest.mark.parametrize(
    "text",
    ["name,verdict\nx,rejected\n", "candidate,decision\nx,maybe\n", "candidate,decision\n,rejected\n",
     "candidate,decision\nonlyone\n"],
)
def test_review_decisions_invalid(text):
    with pytest.raises(DiscoverError) as info:
        parse_decisions(text)
    assert info.value.code == "E703"


def test_review_decisions_unreadable(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(b"candidate,decision\n\xff,rejected\n")
    with pytest.raises(DiscoverError) as info:
        read_decisions(path)
    assert info.value.code == "E702"


CANDIDATES = [
    Candidate("VBT", "acronym", 4, 3, 9.0, long_forms=(("Very Breached Ticket", 2),)),
    Candidate("NRT", "acronym", 2, 2, 3.0),
    Candidate("ring strategy", "term", 3, 3, 5.0),
    Candidate("escalaton managment", "variant", 2, 2, 2.0, variant_of="escalation-management"),
]


def test_review_export_rows(known):
    rows = glossary_rows(CANDIDATES, known)
    assert rows[0] == list(FIELDS) and rows[0][:6] == ["term", "definition", "acronym", "aliases",
                                                        "category", "status"]
    assert rows[1][:6] == ["Very Breached Ticket", "Very Breached Ticket", "VBT", "", "", "proposed"]
    assert rows[3][:6] == ["ring strategy", "", "", "", "", "proposed"]
    assert rows[4][0] == "Escalation Management" and rows[4][3] == "escalaton managment"
    assert all(len(row) == len(FIELDS) for row in rows)


def test_review_export_imports_as_glossary_csv(known, tmp_path):
    path = tmp_path / "proposed.csv"
    export_glossary(CANDIDATES, known, path)
    entries, skipped = read_csv(path)
    assert {e.term for e in entries} == {"Very Breached Ticket", "Escalation Management"}
    assert all(e.status == "proposed" for e in entries)
    # Rows without a definition yet are reported as skipped, never dropped silently.
    assert {s.text for s in skipped} == {"NRT", "ring strategy"}
    assert list(csv.reader(io.StringIO(path.read_text())))[0] == list(FIELDS)
