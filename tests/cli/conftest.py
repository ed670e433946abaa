"""Shared CLI fixtures. Keep this small: other subcommands' tests add their fixtures here too."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    """Click's runner; ``result.stdout`` and ``result.stderr`` are kept apart."""
    return CliRunner()
