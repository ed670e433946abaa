"""Merging: entries from many sources (and, optionally, existing concepts) -> concepts.

One concept is one meaning. Entries are the same concept when they share a name: the term or an
alias, compared case-, hyphen-, space- and plural-insensitively (``Cobrowsing`` / ``Co-Browsing``,
``Ticketing System`` / ``Ticketing Systems``). An acronym alone never merges two entries: the
same acronym with different expansions is several concepts (AHT = Average Handle Time /
Average Hold Time), and the glossary reports it as ambiguous. Two refinements keep that from
over- or under-merging:

* an alias link is refused when both sides already carry acronyms and none is shared (an alias
  is weaker evidence than a shared term);
* expansions that differ only by inflection of one word (Automatic Call *Distribution* /
  *Distributor*) or by a generic trailing word (Customer Satisfaction / Customer Satisfaction
  *Score*) under the same acronym are one concept, while Mean Time to *Resolution* / *Respond*
  stay two.

An expansion that is a sibling of an acronym's other expansions (``Mean Time To Repair`` next to
``Mean Time to Resolution (MTTR)``) is given that acronym, so the ambiguity is complete.

Everything is deterministic: the input order does not matter, ties are broken by source file
name and line, and ids are ``slugify(term)`` made unique with ``-2``, ``-3`` ... in sorted order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..vocabulary.acronyms import is_acronym_word
from ..vocabulary.initials import align_acronym
from ..vocabulary.names import FUNCTION_WORDS, minus_aware, name_key, normalize_key
from .model import Concept, Definition, Entry, slugify

#: Trailing words that do not change what a metric is ("Customer Satisfaction Score" = CSAT).
GENERIC_TAILS = frozenset("score rate rating index metric ratio percentage".split())
#: Two differently spelled words are inflections of one another past this common prefix.
MIN_STEM = 6


@dataclass(slots=True)
class _Item:
    """One entry, or one existing concept, waiting to be grouped."""

    order: tuple  # sort key: base concepts first, then entries by (source, line, ...)
    term: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    category: str | None
    status: str | None
    definitions: list[Definition]
    familiarity: str | None = None
    base_id: str | None = None
    #: Source file names attesting this item's term (a base concept: its definitions' sources).
    sources: frozenset[str] = field(default_factory=frozenset)
    #: ``name_key`` of the term, then of each alias: computed once (it is most of the work).
    keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.keys = tuple(name_key(name) for name in (self.term, *self.aliases))


def _from_entry(entry: Entry, sources: dict[str, frozenset[str]]) -> _Item:
    """``sources`` shares one ``frozenset([source])`` among a file's entries."""
    source_set = sources.get(entry.source)
    if source_set is None:
        source_set = sources[entry.source] = frozenset([entry.source])
    return _Item(
        # Everything that tells two entries apart, so sorting never depends on the input order.
        order=(1, entry.source, entry.line, entry.term, entry.definition, entry.acronyms, entry.aliases),
        term=entry.term,
        aliases=tuple(entry.aliases),
        acronyms=tuple(entry.acronyms),
        category=entry.category,
        status=entry.status,
        familiarity=entry.familiarity,
        definitions=[Definition(entry.definition, entry.source, entry.line)] if entry.definition else [],
        sources=source_set,
    )


def _from_concept(concept: Concept, index: int) -> _Item:
    return _Item(
        order=(0, "", index, concept.term),  # existing concepts first, in their own order
        term=concept.term,
        aliases=tuple(concept.aliases),
        acronyms=tuple(concept.acronyms),
        category=concept.category,
        status=concept.status,
        familiarity=concept.familiarity,
        definitions=list(concept.definitions),
        base_id=concept.id,
        sources=frozenset(d.source for d in concept.definitions) or frozenset(["<base>"]),
    )


class _Groups:
    """Union-find over items, tracking each group's acronyms for the alias-link guard."""

    def __init__(self, items: list[_Item]) -> None:
        self.parent = list(range(len(items)))
        # Frozen, and one shared empty set for the items without acronyms (most of them).
        none: frozenset[str] = frozenset()
        self.acronyms = [
            frozenset(normalize_key(a) for a in item.acronyms) if item.acronyms else none for item in items
        ]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, *, guarded: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if guarded and self.acronyms[ra] and self.acronyms[rb] and not self.acronyms[ra] & self.acronyms[rb]:
            return False
        ra, rb = min(ra, rb), max(ra, rb)  # the earlier item stays the root: deterministic
        self.parent[rb] = ra
        if self.acronyms[rb]:
            self.acronyms[ra] = self.acronyms[ra] | self.acronyms[rb]
        return True

    def members(self) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            groups.setdefault(self.find(i), []).append(i)
        return [groups[root] for root in sorted(groups)]


def _link_by_name(items: list[_Item], groups: _Groups) -> None:
    """Same term -> same concept; a shared alias too, unless the acronyms say otherwise."""
    by_term: dict[str, int] = {}
    for i, item in enumerate(items):
        key = item.keys[0]
        if key:
            if key in by_term:
                groups.union(by_term[key], i)
            else:
                by_term[key] = i
    by_alias: dict[str, int] = {}
    for i, item in enumerate(items):
        for key in item.keys[1:]:
            if not key:
                continue
            if key in by_term:
                groups.union(by_term[key], i, guarded=True)
            # Linking to the first item with this alias is enough (the others are linked to it
            # too, or were refused by the guard): linear even if thousands share one alias.
            if key in by_alias:
                groups.union(by_alias[key], i, guarded=True)
            else:
                by_alias[key] = i


def _link_bare_acronyms(items: list[_Item], groups: _Groups) -> None:
    """An entry whose term is just an acronym (``SLA``, no expansion) joins the one concept that
    has that acronym; with several candidates it stays apart (the acronym is ambiguous)."""
    holders: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for acronym in item.acronyms:
            holders.setdefault(acronym, []).append(i)
    # The groups holding each acronym, computed once (linear), before any bare acronym joins.
    only_group = {
        acronym: members[0]
        for acronym, members in holders.items()
        if len({groups.find(j) for j in members}) == 1
    }
    for i, item in enumerate(items):
        if is_acronym_word(item.term) and not item.aliases and not item.acronyms and item.term in only_group:
            groups.union(only_group[item.term], i)


def _words(term: str) -> list[str]:
    return term.casefold().replace("-", " ").split()


def _stem_keys(term: str) -> list[tuple[str, ...]]:
    """Two expansions of one acronym are the same when they share a key: word by word equal or
    inflections (a common prefix of ``MIN_STEM`` letters: Distribution / Distributor), or one is
    the other plus a generic trailing word (Customer Satisfaction / ... Score)."""
    words = _words(term)
    keys = [tuple(w[:MIN_STEM] for w in words)]
    if len(words) > 1 and words[-1] in GENERIC_TAILS:
        keys.append(tuple(w[:MIN_STEM] for w in words[:-1]))
    return keys


def _link_same_expansions(items: list[_Item], groups: _Groups) -> None:
    """Under one acronym, near-identical expansions are one concept (see module docstring).

    Bucketed by :func:`_stem_keys`, so thousands of entries under one acronym stay linear.
    """
    first: dict[tuple[str, tuple[str, ...]], int] = {}
    for i, item in enumerate(items):
        for acronym in item.acronyms:
            for key in _stem_keys(item.term):
                bucket = (acronym, key)
                if bucket in first:
                    groups.union(first[bucket], i)
                else:
                    first[bucket] = i


def _pick(candidates: list[tuple[str, tuple]], count: Counter) -> str:
    """The most used spelling; ties go to the first one in (source, line) order."""
    first: dict[str, tuple] = {}
    for text, order in candidates:
        if text not in first or order < first[text]:
            first[text] = order
    return min(first, key=lambda text: (-count[text], first[text], text))


def _canonical_term(members: list[_Item]) -> tuple[str, str]:
    """The best-attested name: used as a term by the most sources, then named (as term or alias)
    most often, then first in source order; written as the sources write it in Title Case.

    Returns the name and its ``name_key``."""
    sources: dict[str, set[str]] = {}
    mentions: Counter = Counter()
    first: dict[str, tuple] = {}
    spellings: dict[str, list[tuple[str, tuple]]] = {}
    for item in members:
        key = item.keys[0]
        sources.setdefault(key, set()).update(item.sources)
        spellings.setdefault(key, []).append((item.term, item.order))
        first[key] = min(first.get(key, item.order), item.order)
        mentions.update(item.keys)
    best = min(sources, key=lambda k: (-len(sources[k]), -mentions[k], first[k]))
    candidates = spellings[best]
    count = Counter(text for text, _ in candidates)
    titled = [c for c in candidates if _is_title(c[0])]
    return _pick(titled or candidates, count), best


def _is_title(text: str) -> bool:
    words = text.replace("-", " ").split()
    return all(w.casefold() in FUNCTION_WORDS or not w[0].isalpha() or w[0].isupper() for w in words)


def _majority(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _single_concept(item: _Item) -> Concept | None:
    """The concept of a group of one item, when there is nothing to choose: no aliases, at most
    one definition, no two acronyms spelled alike. What :func:`_build_concept` makes of it (most
    concepts of a big glossary), without its tallies; None for any other item."""
    if item.aliases or len(item.definitions) > 1:
        return None
    if len(item.acronyms) > 1 and len({a.casefold() for a in item.acronyms}) < len(item.acronyms):
        return None
    return Concept(
        id=item.base_id or "",
        term=item.term,
        acronyms=sorted(item.acronyms) if len(item.acronyms) > 1 else list(item.acronyms),  # alphabetical
        aliases=[],  # the term's own key is never an alias
        category=item.category or None,
        definitions=list(item.definitions),
        status=item.status or None,
        familiarity=item.familiarity,
    )


def _build_concept(members: list[_Item]) -> Concept:
    if len(members) == 1:
        concept = _single_concept(members[0])
        if concept is not None:
            return concept
    members = sorted(members, key=lambda item: item.order)
    if len(members) == 1:  # most concepts of a big glossary: the choice below is moot
        term, term_key = members[0].term, members[0].keys[0]
    else:
        term, term_key = _canonical_term(members)

    acronym_count: Counter = Counter()
    acronym_spellings: dict[str, list[tuple[str, tuple]]] = {}
    for item in members:
        for acronym in item.acronyms:
            acronym_count[acronym] += 1
            acronym_spellings.setdefault(acronym.casefold(), []).append((acronym, item.order))
    acronyms = sorted(
        (_pick(spellings, acronym_count) for spellings in acronym_spellings.values()),
        key=lambda a: (-sum(acronym_count[s] for s, _ in acronym_spellings[a.casefold()]), a),
    )
    acronym_keys = {normalize_key(a) for a in acronyms}

    alias_count: Counter = Counter()
    alias_spellings: dict[str, list[tuple[str, tuple]]] = {}
    for item in members:
        for name, key in zip((item.term, *item.aliases), item.keys):
            if not key or key == term_key or normalize_key(name) in acronym_keys:
                continue
            alias_count[name] += 1
            alias_spellings.setdefault(key, []).append((name, item.order))
    aliases = sorted(
        (_pick(spellings, alias_count) for spellings in alias_spellings.values()),
        key=lambda a: (a.casefold(), a),
    )

    seen: set[tuple[str, str]] = set()
    definitions: list[Definition] = []
    for definition in sorted(
        (d for item in members for d in item.definitions), key=lambda d: (d.source, d.line, d.text)
    ):
        key = (" ".join(definition.text.split()), definition.source)
        if key not in seen:
            seen.add(key)
            definitions.append(definition)

    base_ids = [item.base_id for item in members if item.base_id]
    return Concept(
        id=base_ids[0] if base_ids else "",
        term=term,
        acronyms=acronyms,
        aliases=aliases,
        category=_majority(item.category for item in members),
        definitions=definitions,
        status=next((item.status for item in members if item.status), None),
        familiarity=next((item.familiarity for item in members if item.familiarity), None),
    )


def _infer_sibling_acronyms(concepts: list[Concept]) -> None:
    """``Mean Time To Repair`` beside ``Mean Time to Resolution (MTTR)``: same words but the
    last, and MTTR spells it out too, so it is one more sense of MTTR."""
    # (word count, all words but the last) -> the acronyms of expansions shaped like that.
    siblings: dict[tuple[int, tuple[str, ...]], set[str]] = {}
    for concept in concepts:
        if concept.acronyms:
            words = _words(concept.term)
            siblings.setdefault((len(words), tuple(words[:-1])), set()).update(concept.acronyms)
    for concept in concepts:
        if concept.acronyms:
            continue
        words = _words(concept.term)
        if len(words) < 3:
            continue
        for acronym in sorted(siblings.get((len(words), tuple(words[:-1])), ())):
            if align_acronym(acronym, concept.term) is not None:
                concept.acronyms.append(acronym)


def _assign_ids(concepts: list[Concept]) -> None:
    """Existing ids are kept; new ones are ``slugify(term)``, then ``-2``, ``-3`` on collision,
    handed out in sorted order so the same input always gets the same ids."""
    taken: set[str] = set()
    for concept in concepts:
        if concept.id and concept.id not in taken:
            taken.add(concept.id)
        else:
            concept.id = ""
    for concept in sorted(
        (c for c in concepts if not c.id),
        key=lambda c: (c.term.casefold(), c.term, [(d.source, d.line) for d in c.definitions]),
    ):
        # "Tier -1 Support" must not take "Tier 1 Support"'s id: a minus sign is a word.
        base = slugify(minus_aware(concept.term))
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        concept.id = candidate
        taken.add(candidate)


def merge_entries(entries: Iterable[Entry], base: Iterable[Concept] = ()) -> list[Concept]:
    """Merge entries (and existing ``base`` concepts, e.g. the built-in glossary) into concepts.

    Returns concepts sorted by term (case-insensitive), then id. See the module docstring for
    what counts as the same concept.
    """
    sources: dict[str, frozenset[str]] = {}
    items = [_from_concept(c, i) for i, c in enumerate(base)] + [_from_entry(e, sources) for e in entries]
    items.sort(key=lambda item: item.order)
    groups = _Groups(items)
    _link_by_name(items, groups)
    _link_bare_acronyms(items, groups)
    _link_same_expansions(items, groups)
    concepts = [_build_concept([items[i] for i in members]) for members in groups.members()]
    _infer_sibling_acronyms(concepts)
    _assign_ids(concepts)
    concepts.sort(key=lambda c: (c.term.casefold(), c.id))
    return concepts
