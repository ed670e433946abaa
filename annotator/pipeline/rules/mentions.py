""""Tag" said of a person: "tag your manager", "Tag engineers with the relevant expertise".

In chat and issue trackers, to tag someone is to mention them so they are notified, the way
"@" does; the glossary's Tag is the label put on a ticket or a conversation. The verb shows the
difference by its object: a label is put on a thing ("tag it as `docs`", "tag the ticket"), a
mention names a person or a group of people ("tag this user group", "tagging the appropriate
engineering team", "tag the account's Technical Advisor"). The people are general English
nouns for the people of an organisation (:data:`PEOPLE`, the parties of :mod:`.otherparties`
among them), never names from a corpus.

A form of the word is asked when no determiner or possessive stands before it (where one does,
"the tag", "your tags", it is the noun); the words after it are read up to the first that
ends the object (punctuation, a preposition or conjunction: "tag them **as** solved"), a few
at most. Pure functions over the document's lower-case token hashes; the component runs them
as the ``mentions`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..names import SOURCE_TEXT_KEY
from ..resolution import one_word_terms, release
from .otherparties import OTHER_PARTIES

#: The word whose verb is both labelling a thing and mentioning a person.
MENTION_VERB = "tag"
#: Nouns and object pronouns for people (general English), besides the organisation's parties
#: of :data:`~.otherparties.OTHER_PARTIES`. Never "it" or "them": tickets are tagged so too;
#: nor "leads", "contacts", "customers", "users": a CRM labels those.
PEOPLE = OTHER_PARTIES | frozenset(
    """
    person people someone somebody anyone anybody everyone everybody me him us
    teammate teammates coworker coworkers co-worker co-workers member members reviewer reviewers
    maintainer maintainers owner owners advisor advisors adviser advisers expert experts
    admin admins administrator administrators supervisor supervisors mentor mentors
    """.split()
)
#: Words before the verb that make it the noun ("the tag", "your tags", "a ticket's tags").
NOUN_STARTS = frozenset(
    "the a an this that these those your our their my his her its any each every no 's \u2019s".split()
)
#: Words that end the object before any person is named: prepositions and conjunctions.
OBJECT_ENDS = frozenset(
    "as with in on to for from by at of into onto if when so and or but because that which "
    "who until".split()
)
#: How many words after the verb the person may stand ("tag the account's Technical Advisor").
REACH = 5

_PEOPLE_IDS = frozenset(map(get_string_id, PEOPLE))
# The verb's forms as general English writes them: one set test spares documents without one.
_VERB_FORM_IDS = frozenset(map(get_string_id, ("tag", "tags", "tagged", "tagging")))
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`): it drops nothing
#: in a document without one of the verb's forms.
TRIGGER_IDS = _VERB_FORM_IDS
_NOUN_START_IDS = frozenset(map(get_string_id, NOUN_STARTS))
_OBJECT_END_IDS = frozenset(map(get_string_id, OBJECT_ENDS))


def names_a_person(lower, tokens, i: int, handle_at=None) -> bool:
    """A word for people (or an ``@`` handle) closes the object of the verb at token ``i``:
    within :data:`REACH` words after it, before punctuation or a word of :data:`OBJECT_ENDS`."""
    for j in range(i + 1, min(i + 1 + REACH, len(lower))):
        word = tokens[j]
        if (word.startswith("@") and len(word) > 1) or (handle_at is not None and handle_at(j)):
            return True
        if lower[j] in _PEOPLE_IDS:
            return True
        if lower[j] in _OBJECT_END_IDS or not any(c.isalnum() for c in word):
            return False
    return False


def _masked_handles(context):
    """``handle_at(j)``: the string the caller sent holds an ``@`` handle at token ``j`` (or
    right before it), where the visible text hides it or its ``@``: plain text blanks a whole
    handle, Markdown the ``@`` of a mention ("tag @sam" reads "tag  sam"). None when the
    document is its own visible text."""
    source = context.doc.user_data.get(SOURCE_TEXT_KEY)
    if not source or source == context.text or "@" not in source:
        return None
    doc, token_end = context.doc, context.token_end

    def handle_at(j: int) -> bool:
        end = token_end(j)
        at = source.find("@", max(0, doc[j].idx - 1), end)
        return 0 <= at < len(source) - 1 and (source[at + 1].isalnum() or source[at + 1] == "_")

    return handle_at


def drop_mentions(context, matches: list, taken: bytearray) -> list:
    """The ``mentions`` rule: ``matches`` without a form of "tag" used to mention people.
    ``context`` is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`;
    dropped matches release their tokens."""
    if not matches or _VERB_FORM_IDS.isdisjoint(words := context.words()):
        return matches
    concepts = context.lexicon().bases.get(MENTION_VERB)
    if not concepts:
        return matches
    candidates = one_word_terms(matches, concepts)
    # One set test on the document's words spares almost every document the rest.
    source = context.doc.user_data.get(SOURCE_TEXT_KEY) or context.text
    if not candidates or (_PEOPLE_IDS.isdisjoint(words) and "@" not in source):
        return matches
    lower, tokens = context.lower(), context.tokens()
    handle_at = _masked_handles(context)
    dropped = {
        m for m in candidates
        if tokens[m.start].lower() in concepts[m.id]
        and not (m.start > 0 and lower[m.start - 1] in _NOUN_START_IDS)
        and names_a_person(lower, tokens, m.start, handle_at)
    }  # fmt: skip
    return release(matches, dropped, taken)
