"""What the context rules read of the glossary: its words, its domain words, its everyday terms.

Built once per glossary (on the first document: a pipeline that never annotates never pays),
from the concepts' names alone, never from a list of phrases:

* :attr:`GlossaryLexicon.words` -- every content word of every term and alias (singular, lower
  case): a capitalised word outside it is not support vocabulary, which is what makes a
  capitalised run a proper name (:mod:`.rules.propernames`);
* :attr:`GlossaryLexicon.context_words` -- the domain's own words: those in the names of at least
  ``context_word_min_terms`` concepts ("customer", "support", "ticket", "agent", "response"),
  less the most common English words ("time", "help"), the cue words of :mod:`.rules.everyday`;
* :attr:`GlossaryLexicon.everyday` -- the concepts a single everyday English word names
  ("queue", "feedback", "reporting"): a one-word name, bare head or verb form whose word is common
  in English at large (:func:`~annotator.vocabulary.frequency.is_common_word`), unless the
  glossary states the concept's familiarity as ``jargon``. Coined words ("webhook",
  "omnichannel") are jargon wherever they occur and need no context;
* :attr:`GlossaryLexicon.forms` -- each everyday concept's one-word forms, every inflection made
  by the same routine pattern generation uses
  (:func:`~annotator.vocabulary.inflection.inflection_map`), mapped to the word they inflect;
* :attr:`GlossaryLexicon.written_caps` -- names the glossary itself writes with inner capitals
  ("WhatsApp"): such a spelling in a text is the term, not a brand;
* :attr:`GlossaryLexicon.customer_heads` -- the bare heads of ``customer <head>`` terms
  ("feedback" for Customer Feedback), with their plurals;
* :attr:`GlossaryLexicon.customer_terms` -- the concepts a name of which opens with the
  customer ("Customer Satisfaction Score", "Customer Feedback"): the customer's own things,
  and :attr:`GlossaryLexicon.customer_qualifiers` the words that follow the customer in those
  names ("satisfaction", "journey"), less the bare heads and the commonest words;
* :attr:`GlossaryLexicon.desk_terms` -- the everyday concepts of one word the glossary's
  definitions say are the desk's, by naming its party, the word in the most names
  ("customer"): "agent", "queue", "ticket" (the one reading of definitions here);
* :attr:`GlossaryLexicon.desk_names` -- the channel concepts' names of several words ("help
  desk", "contact centre"): the kinds of product a help desk is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

from spacy.strings import get_string_id

from ..glossary.model import Concept
from ..glossary.variants import DROPPABLE_MODIFIERS, bare_head, normalize_text, process_heads, short_forms
from ..vocabulary.frequency import COMMON_WORD_ZIPF, is_common_word
from ..vocabulary.inflection import gerund_verb, inflection_map, pluralize, singular
from ..vocabulary.names import FUNCTION_WORDS
from ..vocabulary.spelling import regional_variants

#: Fewest concept names a word must occur in to count as a domain context word.
CONTEXT_WORD_MIN_TERMS = 2
#: A word this common in English (Zipf) says nothing about the domain ("time", "help", "home"),
#: whatever glossary names hold it.
CONTEXT_WORD_MAX_ZIPF = 5.7


#: A word after "customer" in a term's name this common in English (Zipf) is said of anyone's
#: things ("data", "experience", "service"): before a bare head it does not say the customer's.
CUSTOMER_QUALIFIER_MAX_ZIPF = 5.0

#: The glossary category of the ways customers reach a help desk ("Help Desk", "Contact Center",
#: "Live Chat"): a product named by one of them is a help desk or contact centre.
CHANNELS = "Channels"

_DEFINITION_WORD = re.compile(r"[a-z']+")

T = TypeVar("T")


class GlossaryLexicon(NamedTuple):
    words: frozenset[str]
    context_words: frozenset[str]
    #: concept id -> {lower-case one-word form -> the word it inflects}
    everyday: dict[str, dict[str, str]]
    written_caps: frozenset[str]
    #: The everyday words that are verbs already ("escalate"): never "a noun used as a verb".
    verbs: frozenset[str] = frozenset()
    #: :attr:`context_words` as the hashes spaCy keys lower-case token texts by.
    context_ids: frozenset[int] = frozenset()
    #: :attr:`everyday` turned round: word -> {concept id -> the forms that inflect the word}
    #: (a rule about certain words, "bug", finds their concepts with one look-up).
    bases: dict[str, dict[str, frozenset[str]]] = {}
    #: concept id -> the forms of its bare head, for the terms named by a customer's thing
    #: ("Customer Feedback" -> "feedback", "feedbacks"): the head alone stands for the customer's.
    customer_heads: dict[str, frozenset[str]] = {}
    #: The concepts a name of which opens with the droppable modifier ("Customer Satisfaction
    #: Score", "CSAT" included): a mention of one says the customer is who the text is about.
    customer_terms: frozenset[str] = frozenset()
    #: The words after "customer" in those names, as the hashes spaCy keys lower-case token
    #: texts by: "satisfaction", "journey", "retention"; not a bare head ("support",
    #: "feedback") nor a word as common as :data:`CUSTOMER_QUALIFIER_MAX_ZIPF` ("data",
    #: "experience", "service"), which qualify anyone's things.
    customer_qualifiers: frozenset[int] = frozenset()
    #: The everyday concepts named by one word a definition of which names the glossary's own
    #: party (the word in the most of its names, "customer"): the desk's things ("agent",
    #: "queue", "ticket"), not words every software project uses ("documentation",
    #: "dashboard": their definitions never name the customer).
    desk_terms: frozenset[str] = frozenset()
    #: The names (lower case, regional spellings too) of the glossary's channel concepts of
    #: several words ("help desk", "contact center", "live chat"): the kinds of product a help
    #: desk or contact centre is (:mod:`.rules.deskproduct`).
    desk_names: tuple[str, ...] = ()
    #: What rules derive from this lexicon alone, made on first need (see :meth:`derived`); each
    #: lexicon its own dict (``build_lexicon`` gives one; a lexicon made without is not cached).
    memo: dict | None = None

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, made once per lexicon under ``key`` (a rule's name for what it derives):
        the values depend on the glossary only, so every document shares them, and a pipeline
        with another glossary has another lexicon and never sees them."""
        if self.memo is None:
            return make()
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = make()
        return found


def _words(name: str) -> list[str]:
    return [w for w in normalize_text(name).replace("-", " ").replace("/", " ").lower().split() if w.isalpha()]


def one_word_bases(concept: Concept) -> tuple[list[str], list[str]]:
    """The single words a concept is called by, lower case: its nouns (one-word names, the bare
    head of a two-word term) and its verbs (one-word short forms: an ``-ation`` term's verb)."""
    return _one_word_bases([normalize_text(name) for name in (concept.term, *concept.aliases)], concept.category)


def _one_word_bases(names: list[str], category: str | None) -> tuple[list[str], list[str]]:
    """:func:`one_word_bases` of a concept's normalized ``names``."""
    nouns: list[str] = []
    verbs: list[str] = []
    for name in names:
        if name.isalpha() and not name.isupper():
            nouns.append(name.lower())
        head = bare_head(name, normalized=True)
        if head:
            nouns.append(head)
        # The only one-word short forms are a one-word term's verbs (short forms of several
        # words keep two words or more): no other name needs asking.
        if name.lower().isalpha():
            verbs += [f for f in short_forms(name, category, normalized=True) if f.isalpha()]
    return list(dict.fromkeys(nouns)), [v for v in dict.fromkeys(verbs) if v not in nouns]


def _inner_capitals(words: list[str]) -> list[str]:
    """The ``words`` with a capital after their first character ("WhatsApp")."""
    # A rest that is all lower case has none: most words are ruled out without a loop.
    return [w for w in words if not w[1:].islower() and any(c.isupper() for c in w[1:])]


def build_lexicon(concepts: Iterable[Concept], settings=None) -> GlossaryLexicon:
    """The :class:`GlossaryLexicon` of ``concepts`` (see the module docstring); ``settings``
    (:class:`~annotator.pipeline.rulecontext.PrecisionSettings`) give ``everyday_word_zipf`` and
    ``context_word_min_terms``, by default :data:`COMMON_WORD_ZIPF` and
    :data:`CONTEXT_WORD_MIN_TERMS`."""
    common_word_zipf = getattr(settings, "everyday_word_zipf", COMMON_WORD_ZIPF)
    context_word_min_terms = int(getattr(settings, "context_word_min_terms", CONTEXT_WORD_MIN_TERMS))
    context_word_max_zipf = getattr(settings, "context_word_max_zipf", CONTEXT_WORD_MAX_ZIPF)
    words: set[str] = set()
    in_names: Counter[str] = Counter()
    everyday: dict[str, dict[str, str]] = {}
    caps: set[str] = set()
    verbs: set[str] = set()
    concepts = list(concepts)
    # The kinds of a process the glossary knows by its bare name ("routing", "route"): the
    # patterns give them to one concept (see annotator.glossary.variants.process_heads).
    processes = process_heads((c.id, normalize_text(n)) for c in concepts for n in (c.term, *c.aliases))
    customer_heads: dict[str, set[str]] = {}
    customer_terms: set[str] = set()
    qualifiers: set[str] = set()
    for concept in concepts:
        raw_names = (concept.term, *concept.aliases)
        names = [normalize_text(name) for name in raw_names]
        for name in names:
            parts = name.lower().replace("-", " ").split(" ")
            if len(parts) > 1 and parts[0] in DROPPABLE_MODIFIERS:
                customer_terms.add(concept.id)
                qualifiers.add(parts[1])
        for name in names:
            head = bare_head(name, normalized=True)
            if head and name.split(" ")[0].lower() in DROPPABLE_MODIFIERS:
                customer_heads.setdefault(concept.id, set()).update((head, pluralize(head) or head))
        concept_words: set[str] = set()
        for raw, name in zip(raw_names, names):
            for word in _words(raw):
                if word not in FUNCTION_WORDS:
                    concept_words.add(singular(word))
            caps.update(_inner_capitals(name.split()))
        words |= concept_words
        in_names.update(concept_words)
        if concept.familiarity == "jargon":
            continue
        nouns, verb_bases = _one_word_bases(names, concept.category)
        if concept.id in processes:
            nouns.append(processes[concept.id])
            verb_bases.append(gerund_verb(processes[concept.id]))
        bases = nouns + verb_bases
        if concept.familiarity == "everyday" or any(is_common_word(b, common_word_zipf) for b in bases):
            everyday[concept.id] = inflection_map(bases)
            verbs.update(verb_bases)
    # Function words never reach ``in_names``, and the commonest words leave by frequency. Not
    # by spaCy's stop list, which files content words too: "call", in fourteen of the
    # built-in glossary's names, is the contact centre's own word.
    context = {
        w for w, n in in_names.items()
        if n >= context_word_min_terms and not is_common_word(w, context_word_max_zipf)
    }  # fmt: skip
    # A word's plural names it as well ("tickets", "agents").
    context |= {w + "s" for w in context}
    bases: dict[str, dict[str, set[str]]] = {}
    party = max(sorted(in_names), key=in_names.__getitem__) if in_names else ""
    desk_terms = frozenset(
        c.id for c in concepts if c.id in everyday and len(_words(c.term)) == 1 and _names_word(c, party)
    )
    channels = sorted({" ".join(_words(n)) for c in concepts if c.category == CHANNELS
                       for n in (c.term, *c.aliases) if len(_words(n)) > 1})
    desk_names = tuple(channels + regional_variants(channels))
    for concept_id, forms in everyday.items():
        for form, base in forms.items():
            bases.setdefault(base, {}).setdefault(concept_id, set()).add(form)
    return GlossaryLexicon(
        frozenset(words), frozenset(context), everyday, frozenset(caps), frozenset(verbs),
        frozenset(map(get_string_id, context)),
        {base: {cid: frozenset(forms) for cid, forms in by_id.items()} for base, by_id in bases.items()},
        {cid: frozenset(forms) for cid, forms in customer_heads.items()},
        customer_terms=frozenset(customer_terms),
        customer_qualifiers=frozenset(
            get_string_id(w) for w in qualifiers - {h for forms in customer_heads.values() for h in forms}
            if w.isalpha() and not is_common_word(w, CUSTOMER_QUALIFIER_MAX_ZIPF)
        ),
        desk_terms=desk_terms,
        desk_names=desk_names,
        memo={},
    )


def _names_word(concept: Concept, word: str) -> bool:
    """One of ``concept``'s definitions holds ``word`` (or its plural or possessive), as a word."""
    forms = {word, pluralize(word) or word, word + "'s"}
    return bool(word) and any(not forms.isdisjoint(_DEFINITION_WORD.findall(d.text.lower())) for d in concept.definitions)
