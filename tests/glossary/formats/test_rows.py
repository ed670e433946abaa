"""annotator.glossary.formats.rows: what every user format shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import GlossaryError
from annotator.glossary.formats import rows
from annotator.glossary.model import Entry, Skipped


def test_rows_clean_collapses_exactly_the_regex_whitespace():
    # clean() uses str.split(); it must treat as whitespace exactly what r"\s" matches.
    import re
    import sys

    spaces = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", ch))
    assert spaces == "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace())
    text = f"{spaces}a{spaces}b\u00a0\u2003c{spaces}"
    assert rows.clean(text) == re.sub(r"\s+", " ", text).strip() == "a b c"


@pytest.mark.parametrize(
    "value, expected",
    [("a; b | c", ("a", "b", "c")), ("a;;a; b", ("a", "b")), ("", ()), (" x ", ("x",))],
)
def test_rows_split_list(value, expected):
    assert rows.split_list(value) == expected


@pytest.mark.parametrize("value, expected", [("metrics", "Metrics"), ("CHANNELS", "Channels"), ("Other", "Other"), ("", None)])
def test_rows_canonical_category(value, expected):
    assert rows.canonical_category(value) == expected


def test_rows_make_entry_cleans_and_keeps_attribution():
    row = rows.make_entry(
        {"term": " Service  Desk ", "definition": "The team\nanswering.", "acronym": ("SD",), "aliases": ("Service Desk", "Helpdesk")},
        path=Path("g.csv"),
        line=4,
    )
    assert isinstance(row, Entry)
    assert (row.term, row.definition, row.source, row.line) == ("Service Desk", "The team answering.", "g.csv", 4)
    assert row.aliases == ("Helpdesk",)  # the term itself is no alias


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"term": "", "definition": "orphan"}, "E114"),
        ({"term": "SLA", "definition": "ok", "status": "official"}, "E114"),
        ({"term": "SLA", "definition": "x" * (rows.MAX_FIELD_CHARS + 1)}, "E115"),
        ({"term": "SLA", "definition": "ok", "aliases": ("y" * (rows.MAX_FIELD_CHARS + 1),)}, "E115"),
    ],
    ids=["empty-term", "unknown-status", "long-definition", "long-alias"],
)
def test_rows_make_entry_errors_have_their_own_codes(fields, code):
    with pytest.raises(GlossaryError) as info:
        rows.make_entry(fields, path=Path("g.csv"), line=2)
    assert info.value.code == code and info.value.details["line"] == 2


def test_rows_empty_definition_is_skipped_not_an_error():
    row = rows.make_entry({"term": "SLA", "definition": "  "}, path=Path("g.csv"), line=3)
    assert row == Skipped(source="g.csv", line=3, text="SLA", reason="empty definition")
