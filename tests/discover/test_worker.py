from __future__ import annotations

import pytest

from annotator.batch.engine import make_worker
from annotator.batch.tagger import PipelineSpec
from annotator.discover.worker import AUTO, Miner, MineOptions, format_of


@pytest.mark.parametrize(
    ("doc_id", "default", "expected"),
    [("a/b.md", AUTO, "markdown"), ("x.RST", AUTO, "rst"), ("page.html", AUTO, "html"),
     ("notes.txt", AUTO, "text"), ("no-suffix", AUTO, "text"), ("a.md", "html", "html"),
     (42, AUTO, "text"), ("calls/a.vtt", AUTO, "transcript"), ("b.srt", AUTO, "transcript"),
     ("c.json", AUTO, "transcript")],
)
def test_worker_format_of(doc_id, default, expected):
    assert format_of(doc_id, default) == expected


def test_worker_engines_build_a_miner_from_its_spec(spec):
    """The batch engines' one hook: a spec with ``make_worker`` builds its own worker."""
    worker = make_worker(spec, MineOptions())
    assert isinstance(worker, Miner)
    assert not hasattr(PipelineSpec(), "make_worker")  # the tagger's spec keeps the default


def test_worker_tag_outcomes_in_order(miner):
    outcomes = miner.tag([(1, "a", "The VBT list."), (2, "b", "")])
    assert [(o[0], o[1]) for o in outcomes] == [("ok", 1), ("ok", 2)]
    assert "VBT" in outcomes[0][2].acronyms and outcomes[0][3] is None


def test_worker_transcript_labels_and_caption_headers_are_never_candidates(spec):
    miner = Miner(spec, MineOptions(format=AUTO))  # as for a directory: the format from the suffix
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Agent>Your VBT case is open.\n\n"
           "00:00:04.000 --> 00:00:06.000\n<v QXZ Team>Thanks.\n")
    [outcome] = miner.tag([(1, "call.vtt", vtt)])
    found = outcome[2].acronyms
    assert "VBT" in found
    assert "WEBVTT" not in found and "QXZ" not in found
