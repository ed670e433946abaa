"""benchmarks.child: a benchmark module run as a child process finds the checkout from any
working directory (the benchmarks are not installed)."""

from __future__ import annotations

import os
import subprocess

from benchmarks.child import CHECKOUT, child_env, module_command


def test_child_env_puts_the_checkout_first(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(["/elsewhere", ""]))
    assert child_env()["PYTHONPATH"].split(os.pathsep) == [str(CHECKOUT), "/elsewhere"]


def test_child_module_runs_outside_the_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTHONPATH", raising=False)
    proc = subprocess.run(module_command("memory", "--help"), cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, **child_env()}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "--child" in proc.stdout
