"""The Dask engine gives the same bytes as the local engine, on workers forked from a
preloaded fork server, with batches and outcomes sent as opaque blobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.batch.checkpoint import read_checkpoint
from annotator.batch.engine import RunConfig, run
from annotator.batch.tagger import PipelineSpec
from annotator.errors import BatchError

distributed = pytest.importorskip("distributed")

SPEC = PipelineSpec(glossaries=(str(Path(__file__).parent / "data" / "glossary.csv"),),
                    builtin=False)


def test_dask_engine_local_cluster_output_equals_local_engine(tmp_path, transcripts_path,
                                                              malformed_path, tickets):
    # Good, malformed and failing documents together, in more batches than workers.
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(transcripts_path.read_bytes() + malformed_path.read_bytes()[3:] + b"\n"
                       + tickets.read_bytes())
    local = tmp_path / "local.jsonl"
    run(RunConfig(source, local, spec=SPEC, batch_size=4, summary=tmp_path / "local.csv"))
    dask_out = tmp_path / "dask.jsonl"
    report = run(RunConfig(source, dask_out, spec=SPEC, batch_size=4, engine="dask",
                           processes=2, summary=tmp_path / "dask.csv"))
    assert report.workers == 2
    assert dask_out.read_bytes() == local.read_bytes()
    assert Path(f"{dask_out}.rejects.jsonl").read_bytes() == Path(
        f"{local}.rejects.jsonl").read_bytes()
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_dask_engine_user_components_load_on_forked_workers(tmp_path, tickets, exploding_pipeline,
                                                            faulty_code, read_jsonl):
    # The fork server preloads the annotator, not the user's --code file: each worker must
    # import it itself before loading the saved pipeline that uses it.
    spec = PipelineSpec(glossaries=SPEC.glossaries, builtin=False,
                        pipeline=str(exploding_pipeline), code=str(faulty_code))
    out = tmp_path / "out.jsonl"
    report = run(RunConfig(tickets, out, spec=spec, batch_size=8, engine="dask", processes=2))
    (reject,) = read_jsonl(Path(f"{out}.rejects.jsonl"))
    assert reject["id"] == "t-017" and "marker found" in reject["reason"]
    assert (report.documents, report.rejects) == (59, 1)


def test_dask_engine_pipeline_that_cannot_load_is_e505(tmp_path, tickets):
    spec = PipelineSpec(glossaries=SPEC.glossaries, builtin=False,
                        pipeline=str(tmp_path / "no-such-pipeline"))
    with pytest.raises(BatchError) as caught:
        run(RunConfig(tickets, tmp_path / "out.jsonl", spec=spec, engine="dask", processes=2))
    assert caught.value.code == "E505" and "failed to load" in str(caught.value)


def test_dask_engine_resumes_a_crashed_run_to_the_local_engines_bytes(tmp_path, tickets, crash_after):
    reference = tmp_path / "reference.jsonl"
    run(RunConfig(tickets, reference, spec=SPEC, batch_size=7))

    out = tmp_path / "out.jsonl"
    with pytest.raises(crash_after.error):
        run(RunConfig(tickets, out, spec=SPEC, batch_size=7, engine="dask", processes=2),
            progress_factory=crash_after(3))
    assert read_checkpoint(Path(f"{out}.checkpoint.json")).position.records == 21
    report = run(RunConfig(tickets, out, spec=SPEC, batch_size=5, engine="dask", processes=2,
                           resume=True))
    assert report.resumed_from == 21
    assert out.read_bytes() == reference.read_bytes()
    assert read_checkpoint(Path(f"{out}.checkpoint.json")).complete


def test_dask_engine_warm_up_document_that_kills_workers_is_e505_not_a_crash(tmp_path, dying_run):
    # The warm-up takes the first documents of the input; one of them kills the worker outright.
    source, spec = dying_run(20, at=3)
    out = tmp_path / "out.jsonl"
    with pytest.raises(BatchError) as caught:
        run(RunConfig(source, out, spec=spec, batch_size=4, engine="dask", processes=2))
    # Set up again without the warm-up, the workers die on the batch holding d-3 (or, if the
    # nannies are slow to bring them back, while loading): a clean E505 either way.
    assert caught.value.code == "E505" and "died" in str(caught.value)
    assert "--resume" in str(caught.value)


@pytest.mark.parametrize("policy", ["warn", "reject"])
def test_dask_engine_repeated_ids_reported_like_the_local_engine(tmp_path, write_jsonl, policy):
    # Repeats are found in the shared loop, before batches go to any worker.
    rows = [{"id": f"r-{i % 7}", "text": f"SLA and CSAT report {i}"} for i in range(10)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    results = {}
    for engine in ("local", "dask"):
        out = tmp_path / f"{engine}.jsonl"
        shown = []
        report = run(RunConfig(source, out, spec=SPEC, batch_size=2, engine=engine, processes=2,
                               on_duplicate_id=policy), warn=shown.append)
        results[engine] = (out.read_bytes(), Path(f"{out}.rejects.jsonl").read_bytes(),
                           report.duplicates, [d.message() for d in shown])
    assert results["dask"] == results["local"]
    assert results["dask"][2] == 3


def test_dask_engine_does_not_need_port_8787(tmp_path, tickets):
    """The local cluster serves no dashboard, and its scheduler's small HTTP server takes an
    ephemeral loopback port: a second run, or anything else on 8787, costs no warning."""
    import socket
    import warnings

    blocker = socket.socket()
    try:
        blocker.bind(("127.0.0.1", 8787))
    except OSError:
        pass  # taken already: the point of the test either way
    else:
        blocker.listen()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)
            report = run(RunConfig(tickets, tmp_path / "out.jsonl", spec=SPEC, batch_size=50,
                                   engine="dask", processes=2))
    finally:
        blocker.close()
    assert report.documents > 0


def test_dask_engine_warm_up_uses_the_worker_dask_hands_in():
    from annotator.batch.dask_engine import _sealed, _warm_up_on_worker

    class FakeTagger:
        texts = None

        def warm_up(self, texts):
            self.texts = texts

    class FakePlugin:
        tagger = FakeTagger()

    class FakeWorker:
        plugins = {"p": FakePlugin()}

    _warm_up_on_worker("p", _sealed(["The SLA."]), dask_worker=FakeWorker())
    assert FakePlugin.tagger.texts == ["The SLA."]
    assert b"SLA" not in _sealed(["The SLA."])  # unreadable if a log line quotes the call


def test_dask_engine_run_logs_no_traceback_and_no_document_text(tmp_path):
    import json
    import subprocess
    import sys

    secret = "Customer Jane Roe, card ending 4242, complains about the SLA"
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": f"{secret} #{i}."}) + "\n"
                              for i in range(6)), encoding="utf-8")
    glossary = Path(__file__).parent / "data" / "glossary.csv"
    result = subprocess.run(
        [sys.executable, "-c", "from annotator.cli import main; main()", "tag", str(source),
         str(tmp_path / "out.jsonl"), "--engine", "dask", "-p", "1", "--no-builtin",
         "--glossary", str(glossary)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Jane Roe" not in result.stderr
    assert len(result.stderr.splitlines()) < 10
