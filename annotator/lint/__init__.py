"""Lint knowledge-base articles for undefined acronyms.

The pure core is :func:`lint_text` (one article in, findings out); :mod:`.runner` reads files,
:mod:`.findings` holds the rule table and the findings' JSON shape, :mod:`.config` finds and
validates configuration, :mod:`.fix` spells acronyms out in place,
:mod:`.formats` renders reports.
"""

from .config import LintConfig
from .findings import RULES, Finding, Rule
from .fix import FixResult, fix_text
from .rules import lint_text

__all__ = ["RULES", "Finding", "FixResult", "LintConfig", "Rule", "fix_text", "lint_text"]
