"""One term type however it is written: spelling variants grouped before scoring.

An archive writes one term many ways: "auto assignment", "auto assign", "auto assigned";
"capacity plan", "capacity planning"; "first-line support", "first line support"; "ticket's
priority", "ticket priority". Counted apart, each is a weak candidate and the type never
ranks. Here term keys are grouped by a *type key*: hyphens split words, possessives drop, and
each word loses an inflectional or derivational ending (:func:`~.words.word_stem`) when what
is left is a word (of the English dictionary or of the archive's own term keys). A group's
counts add up and it is listed under its most frequent written form.

Pure functions over the tables' keys and counts; only the ranking uses them, the tables keep
what was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .counters import MAX_EXAMPLES, Entry
from .words import word_stem


def type_key(key: str, vocabulary: frozenset[str] | set[str]) -> str:
    """The type a term key (lower case, space-separated) is a spelling of (see the module
    docstring)."""
    parts = []
    for word in key.replace("-", " ").split():
        if word.endswith("'s"):
            word = word[:-2]
        word = word.strip("'")
        if word:
            parts.append(word_stem(word, vocabulary))
    return " ".join(parts)


def _vocabulary(keys: Iterable[str]) -> set[str]:
    return {word for key in keys for word in key.replace("-", " ").split()}


def group_variants(entries: Mapping[str, Entry]) -> dict[str, Entry]:
    """``entries`` re-keyed by :func:`type_key`, the entries of one type merged (copies; a type
    with one entry shares it): counts, line counts and surface forms add up, documents add up
    to at most the count (two spellings may share a document), examples are the first
    :data:`~.counters.MAX_EXAMPLES`."""
    vocabulary = _vocabulary(entries)
    grouped: dict[str, Entry] = {}
    copied: set[str] = set()
    for key, entry in entries.items():
        group = type_key(key, vocabulary) or key
        base = grouped.get(group)
        if base is None:
            grouped[group] = entry
            continue
        if group not in copied:
            copied.add(group)
            base = grouped[group] = _copy(base)
        base.count += entry.count
        base.documents = min(base.count, base.documents + entry.documents)
        base.error = max(base.error, entry.error)
        base.whole_line += entry.whole_line
        base.domain = max(base.domain, entry.domain)
        base.context += entry.context
        base.context_uses += entry.context_uses
        for surface, n in entry.surfaces.items():
            base.surfaces[surface] = base.surfaces.get(surface, 0) + n
        base.examples.extend(entry.examples[: max(0, MAX_EXAMPLES - len(base.examples))])
    return grouped


def _copy(entry: Entry) -> Entry:
    return Entry(entry.count, entry.documents, entry.error, entry.whole_line,
                 dict(entry.surfaces), list(entry.examples), dict(entry.long_forms),
                 entry.variant_of, entry.domain, entry.context, entry.context_uses)
