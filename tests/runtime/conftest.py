"""Shared fixtures of the runtime tests: the children a forked generator makes (the fixture
pipelines, ``nlp`` and ``make_fixture_nlp``, come from tests/conftest.py)."""

from __future__ import annotations

import os
import pytest

from annotator.runtime import forked



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
