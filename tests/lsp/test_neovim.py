"""A real editor as the client: Debian's Neovim, headless, asserts a hover and a diagnostic.

Skipped only when ``nvim`` is absent and this is not CI (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTICLE, position_of, write_project

CLIENT = Path(__file__).parent / "nvim" / "client.lua"
NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(NVIM is None and not os.environ.get("CI"), reason="Neovim is not installed")


def test_neovim_headless_gets_a_diagnostic_and_a_hover(tmp_path):
    root = write_project(tmp_path / "ws")
    article = root / "docs" / "article.md"
    out = tmp_path / "report.json"
    at = position_of(ARTICLE, "SLA")
    env = {**os.environ, "HA_PYTHON": sys.executable, "HA_FILE": str(article), "HA_OUT": str(out),
           "HA_LINE": str(at.line), "HA_CHARACTER": str(at.character)}  # fmt: skip
    subprocess.run(
        [NVIM or "nvim", "--headless", "-n", "-u", "NONE", "-i", "NONE", "-c", f"luafile {CLIENT}"],
        env=env, cwd=root, timeout=180, check=True, stdin=subprocess.DEVNULL, capture_output=True,
    )  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    codes = {d["code"] for d in report["diagnostics"]}
    assert {"HA001", "HA003"} <= codes
    ambiguous = next(d for d in report["diagnostics"] if d["code"] == "HA003")
    assert (ambiguous["lnum"], ambiguous["col"]) == (position_of(ARTICLE, "AHT").line, position_of(ARTICLE, "AHT").character)
    assert ambiguous["source"] == "helpdesk-annotator"
    assert "Service Level Agreement" in report["hover"]["contents"]["value"]
