"""The Dask engine gives the same bytes as the local engine (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.batch.engine import RunConfig, run
from annotator.batch.tagger import PipelineSpec

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
