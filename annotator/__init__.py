"""helpdesk-annotator: find customer-support jargon in text and explain it.

    >>> import annotator
    >>> result = annotator.annotate("Our SLA breach rate went up.")
    >>> [s["term"] for s in result["spans"]]
    ['SLA Breach']
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "annotate", "load"]


def __getattr__(name: str):
    # Imported lazily so `import annotator` (e.g. by spaCy's entry-point lookup or the CLI's
    # --help) does not pay for building a pipeline module graph it may not need.
    if name in ("annotate", "load"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
