"""A discovered candidate, as every output format and the service show it."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("acronym", "term", "variant")


@dataclass(frozen=True)
class Example:
    id: str | int
    excerpt: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"id": self.id, "excerpt": self.excerpt, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Candidate:
    candidate: str
    kind: str  # one of KINDS
    count: int
    documents: int
    score: float
    long_forms: tuple[tuple[str, int], ...] = ()
    examples: tuple[Example, ...] = ()
    variant_of: str | None = None
    decision: str | None = field(default=None, compare=False)  # from a decisions file

    @property
    def best_long_form(self) -> str | None:
        return self.long_forms[0][0] if self.long_forms else None

    def to_json(self) -> dict:
        data = {
            "candidate": self.candidate,
            "kind": self.kind,
            "count": self.count,
            "documents": self.documents,
            "score": round(self.score, 4),
            "long_forms": [{"text": text, "count": count} for text, count in self.long_forms],
            "examples": [e.to_json() for e in self.examples],
            "variant_of": self.variant_of,
        }
        if self.decision is not None:
            data["decision"] = self.decision
        return data
