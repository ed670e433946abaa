""""Round robin" said of people taking turns: "(10 min) Introduction round robin: name, role".

Round Robin Routing hands incoming work to agents in turn, and support text often writes it
bare: "assign tickets round robin", "a round-robin assignment rule". English uses the same words
for any taking of turns, most often a meeting's: "Sharing round robin 1: what did you learn?",
"a round robin of introductions". Only the first is the routing method, and it shows in its
clause: something is handed out (a verb or noun of assigning, routing or distributing:
:data:`HANDING_STEMS`, "assigment" misspelt too), the work so handed is named
(:data:`WORK_ITEMS`: tickets, chats, calls, leads), or the round robin is named as a setting of
software (:data:`SETTING_WORDS`: "the round robin method", "enable round robin", "does it
support round robin?"). A turn-taking round robin names none of these.

One sense per discourse: the document keeps its round robins when any of them shows the
routing in its clause ("Can it do a round robin on incoming tickets? ... I tried workflows, no
way to do a Round Robin"), and drops them all when none does. A clause ends at ``.``, ``!``,
``?``, ``;``, ``:`` or a line break, and reaches :data:`CLAUSE_REACH` words either side at most
(speech-to-text has no full stops). Pure functions over the document's tokens; the component
runs them as the ``turn_taking`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ...glossary.compile import TERM_LABEL
from ..resolution import release

#: The word that makes a match a round robin ("round robin", "round-robin", "Round Robin
#: Routing").
ROBIN = "robin"
#: Beginnings of English words for handing work out (assign, assignment, routing, distribute,
#: allocation, dispatch, load balancing, rotation); "assig" keeps "assigment" misspelt.
HANDING_STEMS = ("assig", "rout", "distribut", "allocat", "dispatch", "balanc", "rotat")
#: Nouns for the work a help desk hands out (general support English).
WORK_ITEMS = frozenset(
    """
    ticket tickets chat chats conversation conversations call calls lead leads case cases
    issue issues request requests task tasks contact contacts message messages email emails
    inquiry inquiries enquiry enquiries agent agents queue queues inbox inboxes
    """.split()
)
#: Words for a setting of software (general software English): a round robin so named is a
#: product's routing method, work or no work in sight.
SETTING_WORDS = frozenset(
    """
    method methods mode modes feature features option options setting settings rule rules
    strategy algorithm service style logic enable enabled enables disable disabled support supports
    """.split()
)
#: Tokens that end a clause (a line break is any token holding one).
CLAUSE_ENDS = frozenset(". ! ? ; :".split())
#: How many words either side of the match its clause reaches at most.
CLAUSE_REACH = 30

_ROBIN = get_string_id(ROBIN)
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`).
TRIGGER_IDS = frozenset((_ROBIN,))
_WORK_IDS = frozenset(map(get_string_id, WORK_ITEMS | SETTING_WORDS))


def _ends_clause(word: str) -> bool:
    return word in CLAUSE_ENDS or "\n" in word


def shows_routing(lower, tokens, start: int, end: int) -> bool:
    """The clause around tokens ``start:end`` hands work out, names the work handed or a
    setting of software: a word of :data:`HANDING_STEMS`, :data:`WORK_ITEMS` or
    :data:`SETTING_WORDS`, the match's own words included ("Round Robin Routing")."""

    def handing(i: int) -> bool:
        return lower[i] in _WORK_IDS or tokens[i].lower().startswith(HANDING_STEMS)

    if any(handing(i) for i in range(start, end)):
        return True
    i = start - 1
    while i >= max(0, start - CLAUSE_REACH) and not _ends_clause(tokens[i]):
        if handing(i):
            return True
        i -= 1
    i = end
    while i < min(len(lower), end + CLAUSE_REACH) and not _ends_clause(tokens[i]):
        if handing(i):
            return True
        i += 1
    return False


def drop_turn_taking(context, matches: list, taken: bytearray) -> list:
    """The ``turn_taking`` rule: ``matches`` without the document's round robins when none of
    them shows the routing of work in its clause. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    if not matches or _ROBIN not in context.words():
        return matches
    lower = context.lower()
    robins = [
        m for m in matches
        if m.label == TERM_LABEL and _ROBIN in lower[m.start : m.end]
    ]  # fmt: skip
    if not robins:
        return matches
    tokens = context.tokens()
    if any(shows_routing(lower, tokens, m.start, m.end) for m in robins):
        return matches
    return release(matches, set(robins), taken)
