from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.discover.model import Candidate, Example
from annotator.discover.writers import render

CANDIDATES = [
    Candidate("VBT", "acronym", 4, 3, 9.0, long_forms=(("Very Breached Ticket", 2),),
              examples=(Example("t1", "Our Very Breached Ticket (VBT) list", 25, 28),)),
    Candidate("<script>x</script>", "term", 3, 3, 5.0,
              examples=(Example("t2", "a <b>hostile</b> excerpt", 0, 5),)),
]


def test_writers_json_shape():
    data = json.loads(render(CANDIDATES, "json"))
    first = data["candidates"][0]
    assert set(first) == {"candidate", "kind", "count", "documents", "score", "long_forms",
                          "examples", "variant_of"}
    assert first["long_forms"] == [{"text": "Very Breached Ticket", "count": 2}]
    assert first["examples"][0] == {"id": "t1", "excerpt": "Our Very Breached Ticket (VBT) list",
                                    "start": 25, "end": 28}


def test_writers_csv():
    rows = list(csv.reader(io.StringIO(render(CANDIDATES, "csv"))))
    assert rows[0][0] == "candidate" and rows[1][:2] == ["VBT", "acronym"]
    assert rows[1][5] == "Very Breached Ticket (2)"


def test_writers_text():
    out = render(CANDIDATES, "text")
    assert "VBT" in out and "= Very Breached Ticket" in out and "t1:" in out
    assert render([], "text") == "no candidates\n"
