from __future__ import annotations

import json

import pytest

from annotator.discover.run import DiscoverConfig, run
from annotator.errors import DiscoverError


def _names(report, min_documents=2):
    return [(c.candidate, c.kind, c.count, c.documents)
            for c in report.discovery.candidates(min_documents=min_documents)]


def test_run_counts_documents_and_rejects(archive, spec, tmp_path):
    rejects = tmp_path / "rejects.jsonl"
    report = run(DiscoverConfig(inputs=[archive], spec=spec, rejects=rejects))
    assert (report.documents, report.rejects, report.records) == (5, 2, 7)
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [line["record"] for line in lines] == [5, 6]
    assert all(line["input"] == str(archive) for line in lines)


def test_run_pool_engine_gives_the_same_result(archive, spec, tmp_path):
    """Through the batch engines' process pool (make_worker builds a Miner in each worker)."""
    inline = run(DiscoverConfig(inputs=[archive], spec=spec, rejects=tmp_path / "a"))
    pooled = run(DiscoverConfig(inputs=[archive], spec=spec, rejects=tmp_path / "b",
                                processes=2, batch_size=2))
    assert _names(pooled) == _names(inline)
    assert (pooled.documents, pooled.rejects) == (inline.documents, inline.rejects)


def test_run_several_inputs_are_mined_together(archive, spec, tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.md").write_text("# Ring strategy\n\nThe `ring strategy` is a ring strategy.\n")
    report = run(DiscoverConfig(inputs=[archive, kb], spec=spec, rejects=tmp_path / "r"))
    assert report.documents == 6
    ring = next(c for c in report.discovery.candidates() if c.candidate.lower() == "ring strategy")
    assert ring.documents == 4


def test_run_empty_input(spec, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    report = run(DiscoverConfig(inputs=[empty], spec=spec, rejects=tmp_path / "r"))
    assert report.documents == 0 and report.discovery.candidates() == []


@pytest.mark.parametrize(
    ("config", "code"),
    [
        ({"inputs": []}, "E704"),
        ({"inputs": ["missing.jsonl"]}, "E701"),
        ({"processes": 0}, "E704"),
        ({"engine": "spark"}, "E704"),
    ],
)
def test_run_errors(archive, spec, tmp_path, config, code):
    kwargs = {"inputs": [archive], "spec": spec, "rejects": tmp_path / "r", **config}
    with pytest.raises(DiscoverError) as info:
        run(DiscoverConfig(**kwargs))
    assert info.value.code == code


def test_run_rejects_file_may_not_overwrite_an_input(archive, spec):
    with pytest.raises(DiscoverError):
        run(DiscoverConfig(inputs=[archive], spec=spec, rejects=archive))


def test_run_dask_engine_gives_the_same_result(archive, spec, tmp_path):
    pytest.importorskip("distributed")
    inline = run(DiscoverConfig(inputs=[archive], spec=spec, rejects=tmp_path / "a"))
    dask = run(DiscoverConfig(inputs=[archive], spec=spec, rejects=tmp_path / "b",
                              engine="dask", processes=1, batch_size=2))
    assert _names(dask) == _names(inline)


class _Interrupt(Exception):
    pass


def _interrupting(after_batches):
    """A progress factory that stops the run after some batches (as a kill would)."""

    def factory(total, initial, unit):
        seen = []

        def update(position):
            seen.append(position)
            if len(seen) >= after_batches:
                raise _Interrupt

        update.close = lambda: None
        return update

    return factory


def test_run_resume_gives_the_uninterrupted_result(archive, spec, tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    for i in range(3):
        (kb / f"{i}.md").write_text(f"The ring strategy and the queue owner, part {i}.\n")
    whole = run(DiscoverConfig(inputs=[archive, kb], spec=spec, rejects=tmp_path / "w.jsonl",
                               batch_size=1))
    checkpoint, rejects = tmp_path / "state.json", tmp_path / "r.jsonl"
    config = DiscoverConfig(inputs=[archive, kb], spec=spec, rejects=rejects, batch_size=1,
                            checkpoint=checkpoint, checkpoint_seconds=0)
    with pytest.raises(_Interrupt):
        run(config, progress_factory=_interrupting(6))
    assert checkpoint.exists()
    config.resume = True
    resumed = run(config)
    assert resumed.resumed_from > 0
    assert _names(resumed, 1) == _names(whole, 1)
    assert (resumed.documents, resumed.rejects, resumed.records) == \
        (whole.documents, whole.rejects, whole.records)
    assert rejects.read_bytes() == (tmp_path / "w.jsonl").read_bytes()
    assert not checkpoint.exists()  # a finished run leaves no checkpoint


def test_run_resume_refuses_changed_options(archive, spec, tmp_path):
    checkpoint = tmp_path / "state.json"
    config = DiscoverConfig(inputs=[archive], spec=spec, rejects=tmp_path / "r", batch_size=1,
                            checkpoint=checkpoint, checkpoint_seconds=0)
    with pytest.raises(_Interrupt):
        run(config, progress_factory=_interrupting(2))
    config.resume, config.capacity = True, 7
    with pytest.raises(DiscoverError) as info:
        run(config)
    assert info.value.code == "E706"
