"""What the linter reports: the rule table, a finding, and a finding's one JSON shape.

Every consumer reads findings through here: the rules produce them, the configuration checks
rule codes against :data:`RULES`, the CLI's reports and the service's ``/api/lint`` serialise
them with :meth:`Finding.to_json`. Nothing here imports the rest of the linter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    level: str = "warning"


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("HA001", "undefined-acronym", "Acronym used but never defined in the article"),
        Rule("HA002", "defined-after-use", "Acronym used before its definition"),
        Rule("HA003", "ambiguous-acronym", "Ambiguous glossary acronym (several senses) left undefined"),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    acronym: str  # base form: "SLA" for a first use written "SLAs"
    text: str  # the first use as written
    start: int  # code-point offsets of the first use in the linted text
    end: int
    line: int  # 1-based
    col: int  # 1-based, in code points
    end_col: int  # 1-based, exclusive
    message: str
    expansion: str | None = None
    senses: tuple[str, ...] = ()
    defined_at: int | None = None  # line of the late definition (HA002)
    #: (start, end, form) of the acronym inside that late definition (HA002), for ``--fix``
    definition: tuple[int, int, str] | None = None

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def replacements(self) -> list[str]:
        """What may be written in place of the first use, kept as written ("SLAs" stays):
        "Service Level Agreement (SLA)", one per sense for an ambiguous acronym."""
        expansions = [self.expansion] if self.expansion else list(self.senses)
        return [f"{expansion} ({self.text})" for expansion in expansions]

    def to_json(self) -> dict:
        """The finding as JSON, the one shape every report uses.

        ``line``, ``column`` and ``end_column`` (exclusive) are 1-based and count code points;
        ``start``/``end`` are code-point offsets into the linted text. ``replacement`` is the
        first of ``replacements``, or null when there is nothing to suggest.
        """
        replacements = self.replacements
        return {
            "line": self.line,
            "column": self.col,
            "end_column": self.end_col,
            "code": self.code,
            "rule": self.rule.name,
            "acronym": self.acronym,
            "text": self.text,
            "message": self.message,
            "expansion": self.expansion,
            "senses": list(self.senses),
            "replacement": replacements[0] if replacements else None,
            "replacements": replacements,
            "start": self.start,
            "end": self.end,
        }
