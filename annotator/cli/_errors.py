"""Turning domain errors into exit codes, in one place for every subcommand."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from ..errors import AnnotatorError
from ._text import echo

F = TypeVar("F", bound=Callable)

#: Exit status for usage errors and unreadable input (click uses 2 for usage errors too).
EXIT_USAGE = 2


def handle_errors(func: F) -> F:
    """Report an :class:`AnnotatorError` as ``error: [CODE] message`` and exit 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AnnotatorError as exc:
            echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_USAGE) from exc

    return wrapper  # type: ignore[return-value]
