"""Shared fixtures of the runtime tests: pipelines on the component tests' fixture glossary
(tests/pipeline/data), and the children a forked generator makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from annotator.runtime import forked

DATA = Path(__file__).parents[1] / "pipeline" / "data"


def _make_fixture_nlp(**config):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False, **config})
    component.from_disk(DATA)  # a directory holding only glossary.jsonl: patterns generated
    return nlp


@pytest.fixture(scope="session")
def nlp():
    """blank English + helpdesk_glossary loaded with the fixture glossary."""
    return _make_fixture_nlp()


@pytest.fixture(scope="session")
def make_fixture_nlp():
    """Factory for a fresh fixture pipeline with extra component config."""
    return _make_fixture_nlp


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The pids of the children forked_iter makes."""
    pids: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(forked.os, "fork", fork)
    return pids


def all_reaped(pids: list[int]) -> bool:
    """Every one of ``pids`` has been waited for (no zombie, nothing still running)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(pids)



@pytest.fixture
def reaped():
    """:func:`all_reaped`, for the tests."""
    return all_reaped
