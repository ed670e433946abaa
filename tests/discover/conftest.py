"""Fixtures for discovery: a four-concept glossary (no built-in one, so results do not move
when the built-in glossary grows) and a small archive with known jargon in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.discover.worker import Miner, MineOptions, MinerSpec

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def glossary_csv() -> Path:
    return DATA / "glossary.csv"


@pytest.fixture(scope="session")
def archive() -> Path:
    return DATA / "archive.jsonl"


@pytest.fixture(scope="session")
def spec(glossary_csv) -> MinerSpec:
    return MinerSpec(glossaries=(str(glossary_csv),), builtin=False)


@pytest.fixture(scope="session")
def miner(spec) -> Miner:
    return Miner(spec, MineOptions())


@pytest.fixture(scope="session")
def known(miner):
    return miner.known
