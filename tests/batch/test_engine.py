from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.batch.checkpoint import read_checkpoint
from annotator.batch.engine import RunConfig, run
from annotator.batch.summary import TermSummary
from annotator.batch.tagger import PipelineSpec, TagOptions
from annotator.errors import BatchError

DATA = Path(__file__).parent / "data"
SPEC = PipelineSpec(glossaries=(str(DATA / "glossary.csv"),), builtin=False)


def config(input_path, output, **kwargs) -> RunConfig:
    kwargs.setdefault("spec", SPEC)
    return RunConfig(input=input_path, output=output, **kwargs)


def input_records(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_engine_tags_every_document_in_input_order(tmp_path, transcripts_path, read_jsonl):
    out = tmp_path / "out.jsonl"
    report = run(config(transcripts_path, out, batch_size=5))
    source = input_records(transcripts_path)
    tagged = read_jsonl(out)
    assert [d["id"] for d in tagged] == [d["id"] for d in source]
    assert (report.documents, report.rejects, report.records) == (len(source), 0, len(source))
    for doc, record in zip(tagged, source):
        assert set(doc) == {"id", "spans", "unknown_acronyms", "truncated"}
        for span in doc["spans"] + doc["unknown_acronyms"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    first = {s["text"]: s for s in tagged[0]["spans"]}
    assert first["SLA"]["term_id"] == "service-level-agreement"
    assert first["SLA breach"]["label"] == "CX_TERM"
    assert read_checkpoint(Path(f"{out}.checkpoint.json")).complete


def test_engine_malformed_sample_output_plus_rejects_equals_input(tmp_path, malformed_path, read_jsonl):
    out = tmp_path / "out.jsonl"
    report = run(config(malformed_path, out))
    tagged = read_jsonl(out)
    rejects = read_jsonl(Path(f"{out}.rejects.jsonl"))
    records = [l for l in malformed_path.read_bytes().splitlines() if l.strip()]
    assert len(tagged) + len(rejects) == len(records) == report.records
    assert [d["id"] for d in tagged] == ["m-01", "m-02", "m-11"]
    assert [r["line"] for r in rejects] == [3, 4, 5, 7, 8, 9, 10, 11]
    surrogate = rejects[-1]
    assert surrogate["id"] == "m-10" and "InputError" in surrogate["reason"]
    assert "E203" in surrogate["reason"]
    assert all(r["reason"] and r["record"] for r in rejects)


@pytest.mark.parametrize("processes", [1, 2])
def test_engine_component_failure_is_reported_by_id(tmp_path, tickets, exploding_pipeline,
                                                    faulty_code, processes, read_jsonl):
    spec = PipelineSpec(glossaries=SPEC.glossaries, builtin=False,
                        pipeline=str(exploding_pipeline), code=str(faulty_code))
    out = tmp_path / "out.jsonl"
    report = run(config(tickets, out, spec=spec, processes=processes, batch_size=8))
    (reject,) = read_jsonl(Path(f"{out}.rejects.jsonl"))
    assert reject["id"] == "t-017" and reject["line"] == 18
    assert "ValueError" in reject["reason"] and "marker found" in reject["reason"]
    ids = [d["id"] for d in read_jsonl(out)]
    assert ids == [f"t-{i:03d}" for i in range(60) if i != 17]
    assert (report.documents, report.rejects) == (59, 1)
    # The batch-mates of the failing document were tagged normally.
    assert all(d["spans"] for d in read_jsonl(out))


def test_engine_dead_worker_is_reported_by_id_and_the_run_completes(tmp_path, dying_run, read_jsonl):
    source, spec = dying_run(30, at=11)
    out = tmp_path / "out.jsonl"
    report = run(config(source, out, spec=spec, processes=2, batch_size=4))
    (reject,) = read_jsonl(Path(f"{out}.rejects.jsonl"))
    assert reject["id"] == "d-11" and "worker process died" in reject["reason"]
    assert [d["id"] for d in read_jsonl(out)] == [f"d-{i}" for i in range(30) if i != 11]
    assert (report.documents, report.rejects) == (29, 1)


def test_engine_output_does_not_depend_on_processes_or_batch_size(tmp_path, transcripts_path,
                                                                  malformed_path):
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(transcripts_path.read_bytes() + malformed_path.read_bytes()[3:] + b"\n"
                       + transcripts_path.read_bytes())
    outputs = []
    for processes, batch_size in [(1, 1), (1, 64), (2, 3)]:
        out = tmp_path / f"out-{processes}-{batch_size}.jsonl"
        run(config(source, out, processes=processes, batch_size=batch_size))
        outputs.append((out.read_bytes(), Path(f"{out}.rejects.jsonl").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0][1].count(b"\n") == 8


def test_engine_resume_after_crash_with_torn_tail_equals_uninterrupted_run(tmp_path, tickets, crash_after):
    reference = tmp_path / "reference.jsonl"
    run(config(tickets, reference, batch_size=7, summary=tmp_path / "ref.csv"))

    out = tmp_path / "out.jsonl"
    with pytest.raises(crash_after.error):
        run(config(tickets, out, batch_size=7), progress_factory=crash_after(3))
    checkpoint = read_checkpoint(Path(f"{out}.checkpoint.json"))
    assert checkpoint.position.records == 21 and not checkpoint.complete
    with open(out, "ab") as fh:  # what a kill mid-write leaves behind
        fh.write(b'{"id":"t-021","spans":[{"sta')
    report = run(config(tickets, out, batch_size=5, resume=True, summary=tmp_path / "s.csv"))
    assert report.resumed_from == 21
    assert out.read_bytes() == reference.read_bytes()
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "ref.csv").read_bytes()


def test_engine_resume_of_a_complete_run_changes_nothing(tmp_path, malformed_path):
    out = tmp_path / "out.jsonl"
    first = run(config(malformed_path, out))
    before = out.read_bytes()
    again = run(config(malformed_path, out, resume=True))
    assert out.read_bytes() == before
    assert (again.documents, again.rejects) == (first.documents, first.rejects)


def test_engine_resume_without_a_previous_run_starts_fresh(tmp_path, transcripts_path, read_jsonl):
    out = tmp_path / "out.jsonl"
    run(config(transcripts_path, out, resume=True))
    assert len(read_jsonl(out)) == 16


def test_engine_existing_output_needs_resume_or_overwrite(tmp_path, transcripts_path, read_jsonl):
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    with pytest.raises(BatchError) as info:
        run(config(transcripts_path, out))
    assert info.value.code == "E504" and out.read_text() == "precious\n"
    with pytest.raises(BatchError) as info:
        run(config(transcripts_path, out, resume=True))
    assert info.value.code == "E502"
    run(config(transcripts_path, out, overwrite=True))
    assert len(read_jsonl(out)) == 16


@pytest.mark.parametrize(
    "change",
    [{"options": TagOptions(format="html")}, {"text_field": "channel"},
     {"spec": PipelineSpec(glossaries=SPEC.glossaries, builtin=True)}],
)
def test_engine_resume_with_other_options_is_e502(tmp_path, tickets, change, crash_after):
    out = tmp_path / "out.jsonl"
    with pytest.raises(crash_after.error):
        run(config(tickets, out, batch_size=10), progress_factory=crash_after(1))
    with pytest.raises(BatchError) as info:
        run(config(tickets, out, resume=True, **change))
    assert info.value.code == "E502"


def test_engine_resume_after_the_input_changed_is_e502(tmp_path, tickets, crash_after):
    out = tmp_path / "out.jsonl"
    with pytest.raises(crash_after.error):
        run(config(tickets, out, batch_size=10), progress_factory=crash_after(1))
    with open(tickets, "a", encoding="utf-8") as fh:
        fh.write('{"id": "late", "text": "SLA"}\n')
    with pytest.raises(BatchError) as info:
        run(config(tickets, out, resume=True))
    assert info.value.code == "E502" and "input changed" in info.value.message


def test_engine_csv_and_directory_inputs_tag_like_jsonl(tmp_path, transcripts_path, read_jsonl, write_jsonl):
    import csv

    source = input_records(transcripts_path)[:5]
    jsonl_out = tmp_path / "a.jsonl"
    run(config(write_jsonl(tmp_path / "in.jsonl", source), jsonl_out))
    with open(tmp_path / "in.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["id", "channel", "text"])
        writer.writeheader()
        writer.writerows(source)
    run(config(tmp_path / "in.csv", tmp_path / "b.jsonl"))
    folder = tmp_path / "docs"
    folder.mkdir()
    for record in source:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    run(config(folder, tmp_path / "c.jsonl"))
    spans = [[d["spans"] for d in read_jsonl(tmp_path / n)] for n in ("a.jsonl", "b.jsonl", "c.jsonl")]
    assert spans[0] == spans[1] == spans[2]
    assert [d["id"] for d in read_jsonl(tmp_path / "c.jsonl")] == [
        f"{r['id']}.txt" for r in source]


def test_engine_html_format_tags_only_visible_text(tmp_path, read_jsonl, write_jsonl):
    text = '<p>Our SLA slipped.</p><code>SLA</code><a href="/kb/SLA">link</a>'
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "h", "text": text}])
    out = tmp_path / "out.jsonl"
    run(config(source, out, options=TagOptions(format="html")))
    (doc,) = read_jsonl(out)
    assert [(s["start"], s["text"]) for s in doc["spans"]] == [(7, "SLA")]


def test_engine_summary_counts_terms(tmp_path, transcripts_path):
    out = tmp_path / "out.jsonl"
    run(config(transcripts_path, out, summary=tmp_path / "terms.csv"))
    expected = TermSummary()
    expected.add_output(out)
    import csv

    with open(tmp_path / "terms.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["concept_id"], int(r["count"])) for r in rows] == [
        (r["concept_id"], r["count"]) for r in expected.rows()]
    sla = next(r for r in rows if r["concept_id"] == "service-level-agreement")
    assert int(sla["documents"]) >= 2
    page = (tmp_path / "terms.csv.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Service Level Agreement" in page


@pytest.mark.parametrize("bad", [{"batch_size": 0}, {"processes": 0}])
def test_engine_invalid_sizes_are_e503(tmp_path, transcripts_path, bad):
    with pytest.raises(BatchError) as info:
        run(config(transcripts_path, tmp_path / "out.jsonl", **bad))
    assert info.value.code == "E503"


def test_engine_refuses_to_write_over_its_input(tmp_path, transcripts_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(transcripts_path.read_bytes())
    with pytest.raises(BatchError) as info:
        run(config(source, source, overwrite=True))
    assert info.value.code == "E503"
    assert source.read_bytes() == transcripts_path.read_bytes()


def test_engine_empty_input_gives_empty_output(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    report = run(config(source, out))
    assert out.read_bytes() == b"" and report.records == 0
    assert json.loads(Path(f"{out}.checkpoint.json").read_text())["complete"] is True


def test_engine_keeps_a_bounded_number_of_batches_in_flight(tmp_path, tickets):
    from annotator.batch.checkpoint import Checkpoint
    from annotator.batch.engine import InlineExecutor, tag_records
    from annotator.batch.readers import read_records
    from annotator.batch.writer import ResultWriter

    class Counting(InlineExecutor):
        outstanding = peak = 0

        def submit(self, docs):
            self.outstanding += 1
            self.peak = max(self.peak, self.outstanding)
            return super().submit(docs)

        def result(self, handle):
            self.outstanding -= 1
            return super().result(handle)

    executor = Counting(SPEC, TagOptions(), [])
    out = tmp_path / "out.jsonl"
    writer = ResultWriter(out, tmp_path / "rejects.jsonl", tmp_path / "c.json",
                          Checkpoint(input={}, options=""))
    tag_records(read_records(tickets, "jsonl"), executor, writer, batch_size=2, in_flight=3)
    writer.close()
    assert executor.peak == 3 and executor.outstanding == 0
    assert writer.documents + writer.rejects == 60


def test_engine_tagger_string_store_stays_flat_across_batches():
    """Each batch runs in a memory zone: new words do not pile up in the vocab forever."""
    import random

    from annotator.batch.tagger import Tagger

    tagger = Tagger.from_spec(SPEC, TagOptions())
    rng = random.Random(7)

    def novel_batch(n):
        return [(i, i, " ".join("".join(rng.choices("bcdfghjklmnpqrstvwxz", k=9))
                                for _ in range(40)) + " SLA") for i in range(n)]

    tagger.tag(novel_batch(20))
    before = len(tagger.nlp.vocab.strings)
    for _ in range(10):
        outcomes = tagger.tag(novel_batch(20))
        assert all(o[0] == "ok" for o in outcomes)
    assert len(tagger.nlp.vocab.strings) <= before + 10  # 8,000 new words seen, none kept

