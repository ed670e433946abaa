"""tools.jsonl: the corpora's JSON Lines files."""

from __future__ import annotations

import json

import pytest

from tools.jsonl import read_jsonl


def test_jsonl_rows_in_order_blank_lines_skipped(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a"}\n\n  \n{"id": "b", "text": "é"}\n', encoding="utf-8")
    assert read_jsonl(path) == [{"id": "a"}, {"id": "b", "text": "é"}]


def test_jsonl_a_missing_file_is_an_error_unless_allowed(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_jsonl(tmp_path / "none.jsonl")
    assert read_jsonl(tmp_path / "none.jsonl", missing_ok=True) == []


def test_jsonl_a_broken_row_is_an_error(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        read_jsonl(path)
