"""Shared fixtures of the runtime tests: the children a forked generator makes, a blank
pipeline and the churn of never-seen words a busy worker goes through (the fixture pipelines,
``nlp`` and ``make_fixture_nlp``, come from tests/conftest.py)."""

from __future__ import annotations

import os

import pytest
import spacy

from annotator.runtime import forked


@pytest.fixture()
def blank():
    return spacy.blank("en")


def _churn(nlp, documents: int, start: int = 0, after=None) -> None:
    for i in range(start, start + documents):
        with nlp.memory_zone():
            nlp(f"order ord{i}x{i * 7919} from user{i}q@example.com")
        if after is not None:
            after()


@pytest.fixture()
def churn():
    """``churn(nlp, documents, start=0, after=None)``: documents of words never seen before,
    each in its own memory zone (a busy worker), calling ``after()`` after each."""
    return _churn


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
