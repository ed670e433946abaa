"""Fixtures for the batch tagger: sample archives, a saved pipeline with a component that fails
on purpose, and helpers to read what a run wrote."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from annotator.resources import samples_dir

#: Code file for ``--code``: components that fail on a marker, registered the way a user
#: registers their own components for a saved pipeline.
FAULTY_CODE = textwrap.dedent(
    '''
    import os
    import signal

    from spacy.language import Language


    @Language.component("explode_on_marker")
    def explode_on_marker(doc):
        if "KABOOM" in doc.text:
            raise ValueError("marker found in the document")
        return doc


    @Language.component("die_on_marker")
    def die_on_marker(doc):
        # Kill the worker process outright, as the OOM killer would.
        if "SELFDESTRUCT" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return doc
    '''
)


@pytest.fixture(scope="session")
def transcripts_path() -> Path:
    return samples_dir() / "transcripts" / "transcripts.jsonl"


@pytest.fixture(scope="session")
def malformed_path() -> Path:
    return samples_dir() / "transcripts" / "malformed.jsonl"


@pytest.fixture(scope="session")
def faulty_code(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("code") / "faulty_components.py"
    path.write_text(FAULTY_CODE, encoding="utf-8")
    return path


def _saved_pipeline(tmp_path_factory, faulty_code: Path, component: str) -> Path:
    import spacy
    from spacy.util import import_file

    import_file("faulty_components", str(faulty_code))
    nlp = spacy.blank("en")
    nlp.add_pipe(component)
    path = tmp_path_factory.mktemp(f"pipeline_{component}")
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="session")
def exploding_pipeline(tmp_path_factory, faulty_code) -> Path:
    """A saved blank pipeline with ``explode_on_marker``; ``tag`` adds helpdesk_glossary."""
    return _saved_pipeline(tmp_path_factory, faulty_code, "explode_on_marker")


@pytest.fixture(scope="session")
def dying_pipeline(tmp_path_factory, faulty_code) -> Path:
    return _saved_pipeline(tmp_path_factory, faulty_code, "die_on_marker")


@pytest.fixture
def dying_run(tmp_path, dying_pipeline, faulty_code):
    """``dying_run(n, at) -> (source, spec)``: ``n`` short records whose ``at``-th kills the
    worker process that tags it, and the pipeline spec that does it."""
    from annotator.batch.tagger import PipelineSpec

    glossary = str(Path(__file__).parent / "data" / "glossary.csv")

    def make(n: int, at: int):
        records = [{"id": f"d-{i}", "text": f"SLA and CSAT report {i}"} for i in range(n)]
        records[at]["text"] += " SELFDESTRUCT"
        spec = PipelineSpec(glossaries=(glossary,), builtin=False, pipeline=str(dying_pipeline),
                            code=str(faulty_code))
        return _write_jsonl(tmp_path / "in.jsonl", records), spec

    return make


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def read_jsonl():
    """``read_jsonl(path) -> list[dict]``: the JSON lines of a file, blank lines skipped."""
    return _read_jsonl


@pytest.fixture(scope="session")
def write_jsonl():
    """``write_jsonl(path, records) -> path``."""
    return _write_jsonl


@pytest.fixture
def tickets(tmp_path) -> Path:
    """60 short tickets with CX jargon, one of them containing the explode marker."""
    phrases = [
        "The SLA breach was escalated to Tier 2 after the IVR misrouted the call.",
        "CSAT and NPS both improved once first contact resolution went up.",
        "Average handle time rose because the CRM was slow; see the KB article.",
        "Customer asked what CES means; agent explained the customer effort score.",
        "Our WFM forecast missed the Monday peak, so ASA doubled.",
    ]
    records = [
        {"id": f"t-{i:03d}", "text": f"Ticket {i}: {phrases[i % len(phrases)]}"}
        for i in range(60)
    ]
    records[17]["text"] += " KABOOM"
    return _write_jsonl(tmp_path / "tickets.jsonl", records)


class RunCrash(Exception):
    """What :func:`crash_after`'s progress callback raises: a run stopped mid-way, in-process."""


class CrashAfter:
    """``crash_after(n)``: a ``progress_factory`` whose callback raises :class:`RunCrash` at the
    ``n``-th committed batch (the checkpoint holds the ``n - 1`` before it)."""

    error = RunCrash

    def __call__(self, batches: int):
        def factory(total, initial, unit):
            commits = []

            def progress(position):
                commits.append(position)
                if len(commits) == batches:
                    raise RunCrash

            progress.close = lambda: None
            return progress

        return factory


@pytest.fixture(scope="session")
def crash_after() -> CrashAfter:
    return CrashAfter()
