"""Click options built from :class:`annotator.options.AnnotateOptions`, one per field.

Commands that annotate (``annotate``, ``tag``) take ``@annotate_options`` and receive one
``options`` argument, an :class:`AnnotateOptions`; a field added there appears in their
``--help`` with no edit here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import Field
from typing import Any

import click

from .. import options as options_module
from ..options import Option


def click_option(field: Field, spec: Option) -> Callable:
    """The click option for one field: a flag for a boolean, a repeatable option for strings,
    one of its values for a choice, a bounded integer otherwise."""
    if spec.kind == "choice":
        return click.option(spec.flag, field.name, type=click.Choice(spec.choices), default=field.default,
                            show_default=True, help=spec.help)
    if spec.kind == "boolean":
        # The flag sets the opposite of the default (``--first-only``, ``--no-fuzzy``).
        return click.option(spec.flag, field.name, is_flag=True, flag_value=not field.default,
                            default=field.default, help=spec.help)
    if spec.kind == "strings":
        kind = click.Choice(spec.choices) if spec.choices is not None else None
        return click.option(spec.flag, field.name, multiple=True, type=kind,
                            help=spec.help + " Repeatable.")
    return click.option(spec.flag, field.name, type=click.IntRange(min=spec.minimum, max=spec.maximum),
                        default=field.default, show_default=True, help=spec.help)


def _value(spec: Option, value: Any) -> Any:
    # A repeatable option given no times is "no filter", as None is in the library.
    if spec.kind == "strings":
        return tuple(value) or None
    return value


def annotate_options(func: Callable) -> Callable:
    """Add one click option per annotation option; ``func`` gets them as ``options=``."""
    cls = options_module.AnnotateOptions
    fields = list(options_module.option_fields(cls))

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        values = {field.name: _value(spec, kwargs.pop(field.name)) for field, spec in fields}
        return func(*args, options=cls(**values), **kwargs)

    for field, spec in reversed(fields):  # click lists options in decorator order
        wrapper = click_option(field, spec)(wrapper)
    return wrapper
