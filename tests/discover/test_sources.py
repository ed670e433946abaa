from __future__ import annotations

import pytest

from annotator.discover.sources import detect_kind, read_source
from annotator.errors import DiscoverError
from annotator.resources import samples_dir


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.jsonl", "jsonl"), ("a.csv", "csv"), ("a.md", "kb"), ("a.rst", "kb"), ("a.txt", "kb"),
     ("a.json", "jsonl"), ("call.vtt", "kb"), ("call.SRT", "kb")],
)
def test_sources_detect_kind(tmp_path, name, kind):
    assert detect_kind(tmp_path / name) == kind


def test_sources_kb_directory_reads_every_supported_file():
    records = list(read_source(samples_dir() / "articles", "kb"))
    ids = [r.id for r in records]
    assert ids == sorted(ids) and "handling-sla-breaches.md" in ids and "csat-surveys.rst" in ids
    assert all(r.text for r in records)


def test_sources_kb_bad_utf8_is_a_reject(tmp_path):
    (tmp_path / "good.md").write_text("fine", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9")
    records = list(read_source(tmp_path, "kb"))
    assert [(r.id, r.is_reject) for r in records] == [("bad.txt", True), ("good.md", False)]


def test_sources_kb_oversized_file_is_a_reject(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 100, encoding="utf-8")
    [record] = read_source(tmp_path, "kb", max_record_bytes=10)
    assert record.is_reject and "over the limit" in record.reason


def test_sources_jsonl_rejects_come_from_the_batch_reader(archive):
    records = list(read_source(archive, "jsonl"))
    assert sum(r.is_reject for r in records) == 2 and len(records) == 7


def test_sources_missing_input(tmp_path):
    with pytest.raises(DiscoverError) as info:
        list(read_source(tmp_path / "nope.jsonl", "jsonl"))
    assert info.value.code == "E701"


def test_sources_directory_reads_transcripts_beside_articles():
    records = list(read_source(samples_dir() / "transcripts", "kb"))
    ids = [r.id for r in records if not r.is_reject]
    assert {"support-call.vtt", "support-call.srt", "transcribe.json", "ccai-conversation.json"} <= set(ids)
    assert not any(i.endswith(".jsonl") for i in ids)  # JSON-lines archives are tag's inputs
