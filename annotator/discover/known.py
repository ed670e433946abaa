"""What the glossary already has, in the shapes discovery compares candidates against.

Discovery must never propose a term, alias, acronym or known spelling the glossary holds. A
term is known by its merge key (case, hyphen, space and punctuation folded, as merging folds
names) with every word's plural folded, and by every surface form the pattern generator
spells it as (hyphenated, spaced and closed compounds, plurals). A plural modifier is the same
term too: "skill-based routing" is the glossary's Skills-Based Routing, not a new term to
propose (nor a variant: one word's inflection is no misspelling, see :mod:`.variants`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..glossary.model import Glossary
from ..glossary.variants import term_variants
from ..vocabulary.inflection import singularize
from ..vocabulary.names import normalize_key
from .words import is_stopword, singular, word_stem


@lru_cache(maxsize=32768)  # pure, and an archive's phrases repeat: bounded memory, big win
def fold_key(text: str) -> str:
    """The merge key with every word's plural folded, hyphenated parts too: "Knowledge
    Articles" -> "knowledgearticle", "Skills-Based Routing" -> "skillbasedrouting"."""
    return normalize_key(" ".join(_singular_part(part) for part in _PARTS.split(text.lower())))


#: What separates the parts of a name whose plurals fold: spaces and hyphens.
_PARTS = re.compile(r"[\s-]+")


def _singular_part(part: str) -> str:
    return (singularize(part) if len(part) > 3 else None) or part


@dataclass(frozen=True)
class Known:
    """The glossary, as discovery sees it (plain data, picklable for worker processes)."""

    acronyms: frozenset[str] = frozenset()
    #: folded key -> concept id, for every term and alias
    keys: dict[str, str] = field(default_factory=dict)
    #: lower-case surface forms the annotator already matches
    forms: frozenset[str] = frozenset()
    #: concept id -> (term, first definition), for variants and the glossary export
    concepts: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: key -> the lower-case name it was made from, for word-by-word comparisons
    names: dict[str, str] = field(default_factory=dict)
    #: content words of every term and alias (lower case, plural folded): the domain's words
    words: frozenset[str] = frozenset()
    #: the stems of those words but participles (:func:`~.words.word_stem`: "reporting" ->
    #: "report"; not "saved" -> "save", see :meth:`is_domain_word`)
    stems: frozenset[str] = frozenset()

    def domain_words(self, key: str) -> int:
        """How many words of a term key (lower case, space-separated) are glossary words
        (:meth:`is_domain_word`)."""
        return sum(self.is_domain_word(word) for word in key.split())

    def is_domain_word(self, word: str) -> bool:
        """A word of the glossary's names (lower case) however the archive writes it: as
        the glossary does, as a plural, as a form of the word whose stem
        (:func:`~.words.word_stem`) the glossary writes ("abandoned calls": the "abandon" of
        Abandon Rate) or as the stem of a form it writes ("satisfaction report": the
        glossary's Reporting), or as a glossary name written closed up, which
        the annotator matches as that name ("livechat" is Live Chat). Two forms neither of
        which is the stem ("saving", "saved") are not taken for one word: they part ways
        too often ("savings account", "saved reply"). Nor is the verb of a participle the
        glossary writes as an adjective ("saved reply", "canned response", "shared inbox"):
        "save", "can" and "share" are everyday verbs ("save time"), while the verb or noun
        of an activity it names ("reporting", "routing", "management") is the domain's."""
        if word in self.words or word in self.forms:
            return True
        single = singular(word)
        return single in self.words or single in self.forms or single in self.stems or \
            word_stem(single, self.words) in self.words

    def has_term(self, text: str) -> bool:
        return fold_key(text) in self.keys or text.lower() in self.forms

    def has_acronym(self, acronym: str) -> bool:
        return acronym in self.acronyms or acronym.upper() in self.acronyms


def known_from_glossary(glossary: Glossary) -> Known:
    """Index ``glossary`` for discovery."""
    acronyms: set[str] = set()
    keys: dict[str, str] = {}
    forms: set[str] = set()
    concepts: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    vocabulary: set[str] = set()
    for concept in glossary:
        concepts[concept.id] = (concept.term, concept.definition)
        acronyms.update(concept.acronyms)
        for name in (concept.term, *concept.aliases):
            for key in (fold_key(name), normalize_key(name)):
                keys.setdefault(key, concept.id)
                names.setdefault(key, name.lower())
            forms.add(name.lower())
            forms.update(v.lower() for v in term_variants(name))
            vocabulary.update(singular(w) for w in name.lower().split()
                              if len(w) > 2 and w.isalpha() and not is_stopword(w))
    return Known(frozenset(acronyms), keys, frozenset(forms), concepts, names,
                 frozenset(vocabulary),
                 frozenset(word_stem(w, vocabulary) for w in vocabulary if not w.endswith("ed")))
