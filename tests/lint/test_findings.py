"""A finding's one JSON shape (the CLI's --format json and /api/lint both use it)."""

from __future__ import annotations

import pytest

from annotator.lint.findings import RULES, Finding


def finding(**fields) -> Finding:
    values = dict(code="HA001", acronym="SLA", text="SLAs", start=10, end=14, line=2, col=5,
                  end_col=9, message="SLA is used but never defined")
    return Finding(**{**values, **fields})


@pytest.mark.parametrize(
    "fields, replacements",
    [({"expansion": "Service Level Agreement"}, ["Service Level Agreement (SLAs)"]),
     ({"code": "HA003", "senses": ("Average Handle Time", "Average Hold Time")},
      ["Average Handle Time (SLAs)", "Average Hold Time (SLAs)"]),
     ({}, [])],
    ids=["expansion", "ambiguous", "nothing-to-suggest"],
)
def test_findings_replacements(fields, replacements):
    data = finding(**fields).to_json()
    assert data["replacements"] == replacements
    assert data["replacement"] == (replacements[0] if replacements else None)


def test_findings_json_names_columns_in_full():
    data = finding(expansion="Service Level Agreement").to_json()
    assert (data["line"], data["column"], data["end_column"]) == (2, 5, 9)
    assert "col" not in data and "end_col" not in data
    assert data["rule"] == RULES["HA001"].name and data["senses"] == []
    assert set(data) == {"line", "column", "end_column", "code", "rule", "acronym", "text", "message",
                         "expansion", "senses", "replacement", "replacements", "start", "end"}
