from __future__ import annotations

import json

import pytest

from annotator.batch.checkpoint import (
    Checkpoint,
    input_fingerprint,
    options_hash,
    read_checkpoint,
    truncate_to,
    verify,
    write_checkpoint,
)
from annotator.batch.readers import Position
from annotator.errors import BatchError


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "SLA"}\n', encoding="utf-8")
    return path


def test_checkpoint_write_read_round_trip_leaves_no_temp_file(tmp_path, source):
    checkpoint = Checkpoint(input=input_fingerprint(source, "jsonl"), options="abc",
                            position=Position(25, 1, 1), output_offset=120, rejects_offset=0,
                            documents=1)
    path = tmp_path / "out.checkpoint.json"
    write_checkpoint(path, checkpoint)
    assert read_checkpoint(path) == checkpoint
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    json.loads(path.read_text())  # plain JSON, readable by anyone


def test_checkpoint_missing_is_none(tmp_path):
    assert read_checkpoint(tmp_path / "none.json") is None


@pytest.mark.parametrize("content", ["", "{", '{"version": 1}', "[]", '{"version": 99, '
                                     '"input": {}, "options": "", "position": {"offset": 0, '
                                     '"line": 0, "records": 0}, "output_offset": 0, '
                                     '"rejects_offset": 0, "documents": 0, "rejects": 0, '
                                     '"complete": false}'])
def test_checkpoint_unreadable_is_e502(tmp_path, content):
    path = tmp_path / "c.json"
    path.write_text(content)
    with pytest.raises(BatchError) as info:
        read_checkpoint(path)
    assert info.value.code == "E502"


def test_checkpoint_verify_rejects_another_input_or_other_options(tmp_path, source):
    fingerprint = input_fingerprint(source, "jsonl")
    checkpoint = Checkpoint(input=fingerprint, options=options_hash({"format": "text"}))
    verify(checkpoint, tmp_path / "c.json", fingerprint, options_hash({"format": "text"}))
    with pytest.raises(BatchError) as info:
        verify(checkpoint, tmp_path / "c.json", fingerprint, options_hash({"format": "html"}))
    assert info.value.code == "E502" and "different options" in info.value.message
    source.write_text('{"id": 1, "text": "SLA"}\n{"id": 2, "text": "KB"}\n', encoding="utf-8")
    with pytest.raises(BatchError) as info:
        verify(checkpoint, tmp_path / "c.json", input_fingerprint(source, "jsonl"),
               checkpoint.options)
    assert info.value.code == "E502" and "size" in info.value.message


def test_checkpoint_fingerprint_of_a_directory_tracks_its_files(tmp_path):
    (tmp_path / "a.txt").write_text("SLA")
    before = input_fingerprint(tmp_path, "dir")
    (tmp_path / "b.txt").write_text("KB")
    assert input_fingerprint(tmp_path, "dir")["sha256_head"] != before["sha256_head"]


def test_checkpoint_options_hash_is_order_independent():
    assert options_hash({"a": 1, "b": [1, 2]}) == options_hash({"b": [1, 2], "a": 1})
    assert options_hash({"a": 1}) != options_hash({"a": 2})


def test_checkpoint_truncate_repairs_a_torn_last_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"id": 1}\n{"id": 2}\n{"id": 3, "sp')
    truncate_to(path, 20, tmp_path / "c.json")
    assert path.read_bytes() == b'{"id": 1}\n{"id": 2}\n'


def test_checkpoint_truncate_creates_a_missing_file_at_zero(tmp_path):
    truncate_to(tmp_path / "out.jsonl", 0, tmp_path / "c.json")
    assert (tmp_path / "out.jsonl").read_bytes() == b""


@pytest.mark.parametrize("exists", [True, False])
def test_checkpoint_truncate_refuses_a_file_shorter_than_confirmed(tmp_path, exists):
    path = tmp_path / "out.jsonl"
    if exists:
        path.write_bytes(b"short")
    with pytest.raises(BatchError) as info:
        truncate_to(path, 100, tmp_path / "c.json")
    assert info.value.code == "E502"
