"""Child processes that run one benchmark module (``python -m benchmarks.<name> ...``).

The benchmarks live in the checkout, not in the installed package, so a child finds them only
when the checkout is on its import path: these helpers put it there, whatever the working
directory of the run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def module_command(module: str, *args: str) -> list[str]:
    """The command running ``benchmarks.<module>`` with this interpreter and ``args``."""
    return [sys.executable, "-m", f"benchmarks.{module}", *args]


def child_env() -> dict[str, str]:
    """The environment variables a child needs on top of ``os.environ``: ``PYTHONPATH`` with the
    checkout first, then whatever the caller had there."""
    paths = [str(CHECKOUT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {"PYTHONPATH": os.pathsep.join(paths)}
