"""The glossary data model: raw entries, merged concepts, and the glossary they form.

An :class:`Entry` is what one reader found at one place in one source. Merging turns entries into
:class:`Concept` objects (one meaning each, several attributed definitions). A :class:`Glossary`
is the ordered set of concepts plus the indexes every consumer needs (by id, by acronym).
Everything here is plain data with a stable JSON form, so generated files are deterministic.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GlossaryError
from ..vocabulary.names import normalize_key  # noqa: F401  (re-exported: callers key names with it)

CATEGORIES = ("Metrics", "Channels", "Technology", "Operations", "Roles", "Strategy")
STATUSES = ("preferred", "admitted", "deprecated", "proposed")
#: How well a help-desk agent already knows a concept; display surfaces may show jargon only.
FAMILIARITY = ("everyday", "jargon")
# One plain word, capitalised at most at its start ("Queue", "Ticket", "Escalation"), maybe after
# "Customer" or "Support": in a help desk that qualifier is implied ("Customer Survey" is a survey).
_EVERYDAY_WORD = re.compile(r"(?:[Cc]ustomer\s+|[Ss]upport\s+)?[A-Za-z][a-z]+")


def default_familiarity(term: str, acronyms: Collection[str] = ()) -> str:
    """The familiarity of a concept whose glossary does not state one.

    A help desk's everyday vocabulary is single ordinary words (agent, queue, ticket, macro):
    a concept named by one word of letters, with no acronym, is ``everyday``, also after a
    leading "Customer" or "Support", which every help-desk term implies (Customer Survey,
    Support Ticket). Other multi-word and hyphenated terms (Average Handle Time, Co-Browsing),
    terms with inner capitals or digits (eNPS, Tier 1) and anything with an acronym are
    ``jargon``. A glossary overrides the rule per concept (the ``familiarity`` column or key).
    """
    return "everyday" if not acronyms and _EVERYDAY_WORD.fullmatch(term) else "jargon"


@dataclass(frozen=True, slots=True)
class Definition:
    text: str
    source: str  # file name of the glossary the definition came from
    line: int  # 1-based line in that file

    def to_json(self) -> dict:
        return {"text": self.text, "source": self.source, "line": self.line}


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary entry as read from one source, before merging."""

    term: str
    definition: str
    source: str
    line: int
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    category: str | None = None
    status: str | None = None
    familiarity: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something a reader saw and deliberately did not turn into an entry (reported by build)."""

    source: str
    line: int
    text: str
    reason: str

    def to_json(self) -> dict:
        return {"source": self.source, "line": self.line, "text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Concept:
    id: str
    term: str
    acronyms: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    category: str | None = None
    definitions: list[Definition] = field(default_factory=list)
    status: str | None = None
    #: As a glossary stated it (None: not stated; see :attr:`familiarity_level`).
    familiarity: str | None = None

    @property
    def familiarity_level(self) -> str:
        """``everyday`` or ``jargon``: as stated, else by :func:`default_familiarity`."""
        return self.familiarity or default_familiarity(self.term, self.acronyms)

    @property
    def definition(self) -> str:
        """The definition shown by default: the first (best-attested) one."""
        return self.definitions[0].text if self.definitions else ""

    @property
    def source(self) -> str:
        return self.definitions[0].source if self.definitions else ""

    def to_json(self) -> dict:
        data = {
            "id": self.id,
            "term": self.term,
            "acronyms": list(self.acronyms),
            "aliases": list(self.aliases),
            "category": self.category,
            "definitions": [d.to_json() for d in self.definitions],
        }
        if self.status is not None:
            data["status"] = self.status
        if self.familiarity is not None:
            data["familiarity"] = self.familiarity
        return data

    @classmethod
    def from_json(cls, data: dict) -> Concept:
        return cls(
            id=data["id"],
            term=data["term"],
            acronyms=list(data.get("acronyms") or []),
            aliases=list(data.get("aliases") or []),
            category=data.get("category"),
            definitions=[
                Definition(d["text"], d.get("source", ""), int(d.get("line", 0)))
                for d in data.get("definitions") or []
            ],
            status=data.get("status"),
            familiarity=data.get("familiarity"),
        )


def _line_encoder() -> Callable[[object], str]:
    """``json.dumps(obj, ensure_ascii=False)``, made once: ``dumps`` builds an encoder per call
    for any non-default option, ~1 us of each of a big glossary's 100,000 lines. The C
    encoder when there is one (no circular-reference check: concepts are trees)."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    encode = make(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda obj: "".join(encode(obj, 0))


#: One JSONL line's JSON (no newline): ``json.dumps(obj, ensure_ascii=False)``, faster.
json_line = _line_encoder()
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A stable, URL-safe id from a term: ``"Average Handle Time"`` -> ``"average-handle-time"``."""
    if not text.isascii():  # (ASCII is its own NFKD and stays whole through the encoding)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return slug or "concept"


class Glossary:
    """An ordered collection of concepts with lookup indexes."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts: list[Concept] = list(concepts)
        self.by_id: dict[str, Concept] = {}
        self.by_acronym: dict[str, list[Concept]] = {}
        for concept in self.concepts:
            if concept.id in self.by_id:
                raise GlossaryError("E116", concept_id=concept.id)
            self.by_id[concept.id] = concept
            for acronym in concept.acronyms:
                self.by_acronym.setdefault(acronym, []).append(concept)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.by_id

    def get(self, concept_id: str) -> Concept | None:
        return self.by_id.get(concept_id)

    @property
    def ambiguous_acronyms(self) -> dict[str, list[Concept]]:
        return {a: cs for a, cs in sorted(self.by_acronym.items()) if len(cs) > 1}

    @property
    def version(self) -> str:
        """Content hash: changes whenever any concept changes, stable otherwise."""
        digest = hashlib.sha256()
        for line in self.iter_jsonl():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()[:12]

    def iter_jsonl(self) -> Iterator[str]:
        for concept in self.concepts:
            yield json_line(concept.to_json()) + "\n"

    def to_jsonl(self) -> str:
        return "".join(self.iter_jsonl())

    def dump(self, path: Path) -> None:
        Path(path).write_text(self.to_jsonl(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """Read a generated ``glossary.jsonl`` (our own normalized format)."""
        path = Path(path)
        concepts = []
        with path.open(encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    concepts.append(Concept.from_json(json.loads(line)))
                except (ValueError, KeyError, TypeError) as exc:
                    raise GlossaryError("E101", path=str(path), line=lineno, detail=str(exc)) from exc
        return cls(concepts)
