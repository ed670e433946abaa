""""Reporting" said of what someone reports, or of whom they report to: the verb, not the function.

The glossary's Reporting is the function that collects and presents data about performance:
"the reporting dashboard", "Reporting shows the SLA compliance". The verb it is made of tells
of other things: of something that went wrong ("reporting a bug", "err on the side of
reporting something", "comfortable reporting day-to-day issues", "Incident Reporting Process",
"Reporting other incidents"), of what someone says ("customers reporting that they are
affected"), or of the line a person answers along ("people reporting to the Incident
Commander", "reporting back", "the reporting manager of the assignee"). Each shows itself
beside the word:

* a word for something that goes wrong (:data:`MISHAPS`: "issue", "incident", "phishing")
  right before it ("incident reporting") or closing its object a few words on ("reporting
  other incidents"), or an indefinite pronoun as its object ("reporting something");
* "to", "back" or "that" right after it ("reporting to", "reporting back", "reporting that");
* a noun of a chain of command right after it (:data:`COMMAND_NOUNS`: "reporting manager",
  "reporting line").

The words are general English, never strings of a corpus; the rule asks the concepts the
glossary names by the everyday word "reporting" (a glossary that states its familiarity as
jargon keeps every mention). The everyday-word rule
(:mod:`.everyday`) decides the other mentions from the document's context. Pure functions over
the document's lower-case token hashes; the component runs them as the ``reporting_verb``
precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..resolution import one_word_terms, release

#: The word whose gerund names the function and whose verb tells of mishaps and chains of command.
REPORTING = "reporting"
#: Nouns for something that goes wrong, or is reported as wrong (general English), singular and
#: plural: what the verb "report" takes, never what the reporting function presents.
MISHAPS = frozenset(
    """
    issue issues problem problems bug bugs incident incidents error errors outage outages
    defect defects crash crashes fault faults failure failures glitch glitches vulnerability
    vulnerabilities phishing abuse spam harassment concern concerns symptom symptoms
    """.split()
)
#: Indefinite pronouns (general English): as the verb's object, "reporting something".
INDEFINITES = frozenset("something anything nothing everything".split())
#: Words that make the word the verb right after it: a preposition of direction, a particle,
#: the conjunction of reported speech.
VERB_AFTER = frozenset(("to", "back", "that"))
#: Nouns of a chain of command (general English): "reporting" before one is the line people
#: answer along ("the reporting manager", "reporting lines").
COMMAND_NOUNS = frozenset(
    "manager managers line lines structure structures chain chains relationship relationships hierarchy".split()
)
#: How many words after the verb its object's noun may stand ("reporting day-to-day issues").
REACH = 5
# Tokens that end the object before its noun: punctuation, prepositions, conjunctions.
_OBJECT_END_IDS = frozenset(map(get_string_id, (
    ". , ; : ! ? ( ) | as with in on for from by at of into if when so and or but because which who".split())))
_MISHAP_IDS = frozenset(map(get_string_id, MISHAPS))
_INDEFINITE_IDS = frozenset(map(get_string_id, INDEFINITES))
_VERB_AFTER_IDS = frozenset(map(get_string_id, VERB_AFTER))
_COMMAND_IDS = frozenset(map(get_string_id, COMMAND_NOUNS))
_REPORTING = get_string_id(REPORTING)
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`): it drops only
#: matches of the word itself.
TRIGGER_IDS = frozenset((_REPORTING,))


def reporting_as_verb(lower, strings, i: int) -> bool:
    """The word "reporting" at token ``i`` is the verb (see the module docstring); ``lower``
    are the document's lower-case token hashes, ``strings`` its string store (a line break, a
    token of its own, ends the object)."""
    n = len(lower)
    if i > 0 and lower[i - 1] in _MISHAP_IDS:
        return True
    if i + 1 >= n:
        return False
    after = lower[i + 1]
    if after in _VERB_AFTER_IDS or after in _COMMAND_IDS or after in _INDEFINITE_IDS:
        return True
    for j in range(i + 1, min(n, i + 1 + REACH)):
        word = lower[j]
        if word in _MISHAP_IDS:
            return True
        if word in _OBJECT_END_IDS or "\n" in strings[word]:
            return False
    return False


def drop_reporting_verbs(context, matches: list, taken: bytearray) -> list:
    """The ``reporting_verb`` rule: ``matches`` without the mentions of "reporting" that are
    the verb. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    if not matches:
        return matches
    # The concepts the word names (the glossary's Reporting), one look-up; their matches first.
    concepts = context.lexicon().bases.get(REPORTING)
    if not concepts:
        return matches
    candidates = one_word_terms(matches, concepts)
    if not candidates:
        return matches
    lower = context.lower()
    strings = context.doc.vocab.strings
    dropped = {m for m in candidates if lower[m.start] == _REPORTING and reporting_as_verb(lower, strings, m.start)}
    return release(matches, dropped, taken)
