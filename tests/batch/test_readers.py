from __future__ import annotations

import json

import pytest

from annotator.batch.readers import (
    EXCERPT_CHARS,
    Position,
    detect_kind,
    excerpt,
    read_records,
)
from annotator.errors import BatchError


def records_of(path, kind="jsonl", **kwargs):
    return list(read_records(path, kind, **kwargs))


def write_bytes(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- JSONL ------------------------------------------------------------------------------------


def test_readers_sample_malformed_every_bad_line_rejected_with_its_line(malformed_path):
    records = records_of(malformed_path)
    docs = {r.id: r.line for r in records if not r.is_reject}
    rejects = {r.line: r.reason for r in records if r.is_reject}
    # m-10 (a lone surrogate) parses as JSON: the tagger, not the reader, rejects it.
    assert docs == {"m-01": 1, "m-02": 2, "m-10": 11, "m-11": 12}
    assert sorted(rejects) == [3, 4, 5, 7, 8, 9, 10]
    assert "invalid JSON" in rejects[3]
    assert "invalid UTF-8" in rejects[4]
    assert "expected a string" in rejects[5]
    assert "missing id" in rejects[7]
    assert "missing text" in rejects[8]
    assert "expected a JSON object" in rejects[9]
    assert "missing text" in rejects[10]
    # Every non-blank line is exactly one record.
    lines = [l for l in malformed_path.read_bytes().split(b"\n") if l.strip()]
    assert len(records) == len(lines) == records[-1].number


def test_readers_sample_malformed_bom_crlf_and_no_final_newline_are_valid(malformed_path):
    data = malformed_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and not data.endswith(b"\n")
    records = records_of(malformed_path)
    assert records[0].text == "Our SLA for P1 tickets is 4 hours."
    assert records[-1].text == "Escalated to Tier 2; KB article linked."


@pytest.mark.parametrize(
    "line,reason",
    [
        (b'{"id": "a", "text": "x"', "invalid JSON"),
        (b'{"id": "a", "text": "\xff\xfe"}', "invalid UTF-8 at byte"),
        (b'{"id": "a", "text": 42}', "is a number, expected a string"),
        (b'{"id": "a", "text": ["x"]}', "is an array, expected a string"),
        (b'{"id": "a", "text": {"body": "x"}}', "is an object, expected a string"),
        (b'{"id": "a"}', "missing text field 'text'"),
        (b'{"id": null, "text": "x"}', "missing id field 'id'"),
        (b'{"id": "", "text": "x"}', "missing id field 'id'"),
        (b'{"id": "   ", "text": "x"}', "id field 'id' is blank"),
        (b'{"id": "\\t\\n", "text": "x"}', "id field 'id' is blank"),
        (b'{"id": true, "text": "x"}', "is a boolean, expected a string or an integer"),
        (b'{"id": 1.5, "text": "x"}', "is a number, expected a string or an integer"),
        (b'{"id": "\\ud800", "text": "x"}', "lone surrogate"),
        (b'"just a string"', "expected a JSON object, got a string"),
        (b"42", "expected a JSON object, got a number"),
        (b"[" * 100_000, "invalid JSON"),
        (b"\x00\x01\x02", "invalid JSON"),
    ],
)
def test_readers_jsonl_malformed_line_is_one_reject(tmp_path, line, reason):
    good = b'{"id": "ok", "text": "SLA"}\n'
    path = write_bytes(tmp_path, "in.jsonl", good + line + b"\n" + good)
    records = records_of(path)
    assert [r.is_reject for r in records] == [False, True, False]
    assert reason in records[1].reason
    assert records[1].line == 2 and records[1].number == 2
    assert isinstance(records[1].excerpt, str)
    records[1].excerpt.encode("utf-8")  # always writable to the rejects file


def test_readers_jsonl_integer_ids_and_other_fields(tmp_path):
    path = write_bytes(tmp_path, "in.jsonl", b'{"ticket": 7, "body": "AHT up", "text": 1}\n')
    (record,) = records_of(path, text_field="body", id_field="ticket")
    assert (record.id, record.text) == (7, "AHT up")


def test_readers_jsonl_blank_lines_are_not_records(tmp_path):
    path = write_bytes(tmp_path, "in.jsonl",
                       b'\n  \n{"id": 1, "text": "a"}\r\n\r\n\n{"id": 2, "text": "b"}\n\n')
    records = records_of(path)
    assert [(r.number, r.line, r.id) for r in records] == [(1, 3, 1), (2, 6, 2)]


def test_readers_jsonl_empty_file_has_no_records(tmp_path):
    assert records_of(write_bytes(tmp_path, "in.jsonl", b"")) == []


def test_readers_jsonl_overlong_line_rejected_without_reading_it_whole(tmp_path):
    big = b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n'
    path = write_bytes(tmp_path, "in.jsonl", big + b'{"id": "ok", "text": "SLA"}\n')
    records = records_of(path, max_record_bytes=1000)
    assert "longer than 1000 bytes" in records[0].reason
    assert (records[1].id, records[1].line) == ("ok", 2)


@pytest.mark.parametrize("kind,name", [("jsonl", "in.jsonl"), ("csv", "in.csv")])
def test_readers_resume_from_any_position_yields_the_tail(tmp_path, kind, name):
    if kind == "jsonl":
        body = b"".join(
            b'{"id": %d, "text": "t%d"}\n' % (i, i) if i % 4 else b"broken\n" for i in range(1, 30)
        )
    else:
        body = b"id,text\n" + b"".join(
            b'%d,"multi\nline %d"\n' % (i, i) if i % 5 else b'%d,"caf\xe9"\n' % i
            for i in range(1, 30)
        )
    path = write_bytes(tmp_path, name, body)
    full = records_of(path, kind)
    for cut, record in enumerate(full):
        tail = records_of(path, kind, start=record.after)
        assert [(r.number, r.line, r.id, r.text, r.reason) for r in tail] == [
            (r.number, r.line, r.id, r.text, r.reason) for r in full[cut + 1:]
        ]


def test_readers_detect_kind(tmp_path):
    assert detect_kind(tmp_path) == "dir"
    assert detect_kind(tmp_path / "a.CSV") == "csv"
    assert detect_kind(tmp_path / "a.jsonl") == "jsonl"
    assert detect_kind(tmp_path / "a.ndjson") == "jsonl"


def test_readers_missing_file_is_e501(tmp_path):
    with pytest.raises(BatchError) as info:
        records_of(tmp_path / "nope.jsonl")
    assert info.value.code == "E501"


def test_readers_excerpt_is_bounded_and_encodable():
    assert len(excerpt(b"x" * 10_000)) == EXCERPT_CHARS + 1
    assert excerpt(b"caf\xe9\r\n") == "caf\\xe9"
    assert excerpt("a\ud800b") == "a\\ud800b"


# --- CSV --------------------------------------------------------------------------------------


def test_readers_csv_records_with_multiline_fields_keep_start_lines(tmp_path):
    path = write_bytes(
        tmp_path, "in.csv",
        b'\xef\xbb\xbfid,text,channel\r\n1,"SLA\r\nbreach",chat\r\n\r\n2,"CSAT, NPS",email\r\n3,plain',
    )
    records = records_of(path, "csv")
    assert [(r.id, r.line, r.text) for r in records] == [
        ("1", 2, "SLA\r\nbreach"), ("2", 5, "CSAT, NPS"), ("3", 6, "plain")]


def test_readers_csv_bad_rows_are_rejects_with_line_numbers(tmp_path):
    path = write_bytes(
        tmp_path, "in.csv",
        b'id,text\n1,ok\n2,"caf\xe9"\n,no id\n4\n5,"fine"\n',
    )
    records = records_of(path, "csv")
    assert [(r.line, r.is_reject) for r in records] == [
        (2, False), (3, True), (4, True), (5, True), (6, False)]
    assert "invalid UTF-8" in records[1].reason
    assert "missing id" in records[2].reason
    assert "missing text" in records[3].reason


def test_readers_csv_field_larger_than_the_default_limit(tmp_path):
    text = "SLA " * 100_000  # 400 KB, over csv's 128 KiB default
    path = write_bytes(tmp_path, "in.csv", f'id,text\nbig,"{text}"\n'.encode())
    (record,) = records_of(path, "csv")
    assert record.text == text


@pytest.mark.parametrize(
    "data,detail",
    [(b"", "empty CSV"), (b"id,body\n1,x\n", "no column 'text'"), (b"\xff,text\n", "UTF-8")],
)
def test_readers_csv_unusable_header_is_e501(tmp_path, data, detail):
    with pytest.raises(BatchError) as info:
        records_of(write_bytes(tmp_path, "in.csv", data), "csv")
    assert info.value.code == "E501" and detail in info.value.message


# --- directory --------------------------------------------------------------------------------


def test_readers_dir_sorted_txt_files_with_rejects(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbfThe IVR menu")
    (tmp_path / "a.txt").write_text("SLA breach", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"caf\xe9")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    records = records_of(tmp_path, "dir")
    assert [(r.id, r.text, r.is_reject) for r in records] == [
        ("a.txt", "SLA breach", False), ("b.txt", "The IVR menu", False), ("c.txt", None, True)]
    assert "invalid UTF-8" in records[2].reason
    tail = records_of(tmp_path, "dir", start=records[0].after)
    assert [r.id for r in tail] == ["b.txt", "c.txt"]


def test_readers_dir_oversized_file_rejected_unread(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (record,) = records_of(tmp_path, "dir", max_record_bytes=1000)
    assert record.is_reject and "larger than 1000 bytes" in record.reason


def test_readers_position_json_round_trip():
    position = Position(10, 3, 2)
    assert Position.from_json(json.loads(json.dumps(position.to_json()))) == position
