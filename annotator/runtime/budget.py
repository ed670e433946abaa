"""A work budget: a deadline that the per-document loops check, so no input can hold a worker.

The service runs each request inside :func:`work_budget`; the component's loops over matches
and capitalised words call :func:`check` every :data:`CHECK_EVERY` items (through
:func:`checked`), between stages too. Past the deadline they raise ``BudgetError("E210")``, which
the service answers as a coded JSON 503 long before gunicorn's worker timeout would kill the
worker. Outside a budget (the Python API, the batch tagger) :func:`check` is one context
variable read.

A context variable rather than a signal alarm: it works in threaded workers too, and a rule
added later is covered as long as it runs inside the component's checked loops.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from ..errors import BudgetError

#: Items a checked loop handles between two clock reads.
CHECK_EVERY = 256

_T = TypeVar("_T")
#: (deadline on the monotonic clock, the budget in seconds) or None outside a budget.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("helpdesk_work_deadline", default=None)


@contextmanager
def work_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall time for checked work (None: unlimited)."""
    token = _DEADLINE.set((time.monotonic() + seconds, seconds) if seconds else None)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise E210 when the current budget is spent."""
    budget = _DEADLINE.get()
    if budget is not None and time.monotonic() > budget[0]:
        raise BudgetError("E210", seconds=budget[1])


def checked(items: Iterable[_T]) -> Iterable[_T]:
    """``items``, checking the budget before the first and every :data:`CHECK_EVERY` after;
    outside a budget, ``items`` itself (a loop over a million matches pays no generator step)."""
    if _DEADLINE.get() is None:
        return items
    return _checking(items)


def _checking(items: Iterable[_T]) -> Iterator[_T]:
    for i, item in enumerate(items):
        if not i % CHECK_EVERY:
            check()
        yield item
