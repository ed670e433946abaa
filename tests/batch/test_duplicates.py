"""Repeated record ids: every record still tagged (or rejected on request), every repeat
reported with both places, counts that survive a crash and a resume, memory bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.batch.checkpoint import read_checkpoint
from annotator.batch.duplicates import DuplicateIds
from annotator.batch.engine import RunConfig, run
from annotator.batch.readers import Position, Record, read_records
from annotator.batch.tagger import PipelineSpec
from annotator.errors import BatchError

SPEC = PipelineSpec(glossaries=(str(Path(__file__).parent / "data" / "glossary.csv"),),
                    builtin=False)


def record(number: int, doc_id, line: int | None = None, reason: str | None = None) -> Record:
    text = None if reason else f"text {number}"
    return Record(number, number if line is None else line, doc_id, text, reason, None,
                  Position(number, number, number))


def write_lines(path: Path, rows: list) -> Path:
    """JSONL with one line per row: a dict, or raw text (for malformed lines)."""
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def ids_of(path: Path) -> list:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


# --- the tracker ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ids, repeats",
    [
        (["a", "b", "c"], []),
        (["a", "b", "a"], [(3, "a", 1)]),
        (["a", "a", "a"], [(2, "a", 1), (3, "a", 1)]),
        ([1, "1"], [(2, "1", 1)]),  # an id's text is what identifies it
        (["A", "a", "a "], []),  # exact comparison: case and spaces are the user's data
        (["x" * 500, "x" * 499 + "y", "x" * 500], [(3, "x" * 500, 1)]),  # long ids: by digest
    ],
    ids=["unique", "one-repeat", "three-times", "int-and-str", "near-misses", "long-ids"],
)
def test_duplicates_found_in_input_order(ids, repeats):
    tracker = DuplicateIds("in.jsonl")
    found = [tracker.check(record(n, doc_id)) for n, doc_id in enumerate(ids, 1)]
    got = [(d.record, str(d.id), int(d.first.rsplit(":", 1)[1])) for d in found if d]
    assert got == repeats and tracker.count == len(repeats)


def test_duplicates_message_names_the_id_and_both_places():
    tracker = DuplicateIds("chats.jsonl")
    tracker.check(record(1, "t-7", line=3))
    duplicate = tracker.check(record(2, "t-7", line=9))
    assert duplicate.message() == "duplicate id 't-7' at chats.jsonl:9: first seen at chats.jsonl:3"


def test_duplicates_rejected_records_are_not_documents():
    tracker = DuplicateIds("in.jsonl")
    assert tracker.check(record(1, "a", reason="missing text field 'text'")) is None
    assert tracker.check(record(2, "a")) is None
    assert tracker.check(record(3, None, reason="missing id field 'id'")) is None


def test_duplicates_warnings_are_capped_the_count_is_not():
    shown = []
    tracker = DuplicateIds("in.jsonl", warn=shown.append, max_warnings=3)
    for n in range(1, 12):
        tracker.check(record(n, "same"))
    assert len(shown) == tracker.warned == 3 and tracker.count == 10


def test_duplicates_memory_bound_keeps_checking_what_it_remembers():
    tracker = DuplicateIds("in.jsonl", max_ids=2)
    for n, doc_id in enumerate(["a", "b", "c", "a", "c"], 1):
        tracker.check(record(n, doc_id))
    # "a" is remembered, "c" came after the bound: its repeat is missed, and the run says so.
    assert (tracker.count, tracker.untracked, tracker.complete) == (1, 2, False)


def test_duplicates_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="unknown duplicate-id policy"):
        DuplicateIds("in.jsonl", policy="drop")


# --- whole runs -------------------------------------------------------------------------------


ROWS = [{"id": "a", "text": "SLA one"}, {"id": "b", "text": "AHT two"},
        {"id": "a", "text": "SLA again"}, {"id": 7, "text": "CSAT"}, {"id": "7", "text": "NPS"}]


@pytest.mark.parametrize("policy, documents, rejects, rejected_ids", [
    ("warn", 5, 0, []),
    ("reject", 3, 2, ["a", "7"]),
])
def test_duplicates_run_keeps_every_record_and_counts_repeats(tmp_path, policy, documents,
                                                              rejects, rejected_ids):
    source = write_lines(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "out.jsonl"
    shown = []
    report = run(RunConfig(source, out, spec=SPEC, on_duplicate_id=policy), warn=shown.append)
    assert (report.documents, report.rejects, report.duplicates) == (documents, rejects, 2)
    assert [(d.id, d.here, d.first) for d in shown] == [
        ("a", f"{source}:3", f"{source}:1"), ("7", f"{source}:5", f"{source}:4")]
    rejected = [json.loads(line) for line in Path(f"{out}.rejects.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rejected] == rejected_ids
    assert all(r["reason"].startswith("duplicate id: first seen at ") for r in rejected)
    assert len(ids_of(out)) + len(rejected) == len(ROWS)
    assert read_checkpoint(Path(f"{out}.checkpoint.json")).duplicates == 2


def test_duplicates_csv_lines_are_where_the_row_starts(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('id,text\nx,"two\nlines"\ny,SLA\nx,again\n', encoding="utf-8")
    shown = []
    run(RunConfig(source, tmp_path / "out.jsonl", spec=SPEC), warn=shown.append)
    assert [(d.here, d.first) for d in shown] == [(f"{source}:5", f"{source}:2")]


def test_duplicates_malformed_and_blank_ids_are_rejects_not_repeats(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [
        {"id": "", "text": "x"}, {"id": "  ", "text": "x"}, {"text": "x"}, {"id": None, "text": "x"},
        '{"id": "a", "text": ', {"id": "a", "text": "SLA"}, {"id": "a"}, {"id": [1], "text": "x"}])
    report = run(RunConfig(source, tmp_path / "out.jsonl", spec=SPEC), warn=pytest.fail)
    assert (report.documents, report.rejects, report.duplicates) == (1, 7, 0)


def test_duplicates_directory_input_has_none_to_check(tmp_path):
    folder = tmp_path / "chats"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("SLA", encoding="utf-8")
    report = run(RunConfig(folder, tmp_path / "out.jsonl", spec=SPEC), warn=pytest.fail)
    assert (report.documents, report.duplicates) == (2, 0)


def _archive(n: int, repeats: dict[int, int]) -> list[dict]:
    """``n`` records ``r-0``...; ``repeats[i] = j`` gives record ``i`` the id of record ``j``."""
    rows = [{"id": f"r-{i}", "text": f"SLA and AHT in ticket {i}"} for i in range(n)]
    for i, j in repeats.items():
        rows[i]["id"] = f"r-{j}"
    return rows


@pytest.mark.parametrize("repeats", [
    {2: 1, 4: 3},  # both repeats before the crash
    {15: 2, 18: 16},  # one repeats an id from before the crash, one from after it
    {3: 1, 9: 5, 19: 0},  # before, and across the resume
], ids=["before-crash", "across-resume", "mixed"])
@pytest.mark.parametrize("policy", ["warn", "reject"])
def test_duplicates_resume_reports_and_counts_like_an_uninterrupted_run(tmp_path, repeats, policy, crash_after):
    source = write_lines(tmp_path / "in.jsonl", _archive(20, repeats))
    reference = tmp_path / "reference.jsonl"
    expected: list = []
    full = run(RunConfig(source, reference, spec=SPEC, batch_size=4, on_duplicate_id=policy),
               warn=expected.append)

    out = tmp_path / "out.jsonl"
    before: list = []
    with pytest.raises(crash_after.error):
        run(RunConfig(source, out, spec=SPEC, batch_size=4, on_duplicate_id=policy),
            progress_factory=crash_after(3), warn=before.append)
    assert read_checkpoint(Path(f"{out}.checkpoint.json")).position.records == 12
    after: list = []
    resumed = run(RunConfig(source, out, spec=SPEC, batch_size=4, resume=True,
                            on_duplicate_id=policy), warn=after.append)
    assert resumed.resumed_from == 12
    assert out.read_bytes() == reference.read_bytes()
    assert Path(f"{out}.rejects.jsonl").read_bytes() == Path(f"{reference}.rejects.jsonl").read_bytes()
    # The resumed run replays what was consumed, so it reports every repeat, as the full run did.
    assert after == expected and resumed.duplicates == full.duplicates == len(repeats)


def test_duplicates_resume_of_a_finished_run_keeps_the_count(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "out.jsonl"
    run(RunConfig(source, out, spec=SPEC))
    again = run(RunConfig(source, out, spec=SPEC, resume=True), warn=pytest.fail)
    assert (again.duplicates, again.shown_duplicates) == (2, 0)


def test_duplicates_policy_change_on_resume_is_e502(tmp_path, crash_after):
    source = write_lines(tmp_path / "in.jsonl", _archive(20, {15: 2}))
    out = tmp_path / "out.jsonl"
    with pytest.raises(crash_after.error):
        run(RunConfig(source, out, spec=SPEC, batch_size=4), progress_factory=crash_after(2))
    with pytest.raises(BatchError) as info:
        run(RunConfig(source, out, spec=SPEC, batch_size=4, resume=True, on_duplicate_id="reject"))
    assert info.value.code == "E502"


def test_duplicates_checkpoint_without_the_count_still_resumes(tmp_path, crash_after):
    """Checkpoints written before repeats were counted have no "duplicates" key."""
    source = write_lines(tmp_path / "in.jsonl", _archive(20, {3: 1, 15: 2}))
    out = tmp_path / "out.jsonl"
    with pytest.raises(crash_after.error):
        run(RunConfig(source, out, spec=SPEC, batch_size=4), progress_factory=crash_after(2))
    path = Path(f"{out}.checkpoint.json")
    data = json.loads(path.read_text())
    assert data.pop("duplicates") == 1
    path.write_text(json.dumps(data))
    report = run(RunConfig(source, out, spec=SPEC, batch_size=4, resume=True))
    # The repeat before the checkpoint is counted again by the replay, not lost.
    assert report.duplicates == 2 and len(ids_of(out)) == 20
    assert read_checkpoint(path).duplicates == 2


def test_duplicates_unknown_policy_is_e503(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", ROWS)
    with pytest.raises(BatchError) as info:
        run(RunConfig(source, tmp_path / "out.jsonl", spec=SPEC, on_duplicate_id="drop"))
    assert info.value.code == "E503"


def test_duplicates_replay_remembers_the_consumed_records(tmp_path):
    """What a resumed run does first: the ids before the checkpoint are known again."""
    source = write_lines(tmp_path / "in.jsonl", _archive(6, {5: 0}))
    records = list(read_records(source, "jsonl"))
    tracker = DuplicateIds(str(source))
    tracker.replay(iter(records), 5)
    assert tracker.count == 0
    assert tracker.check(records[5]).message() == (
        f"duplicate id 'r-0' at {source}:6: first seen at {source}:1")
