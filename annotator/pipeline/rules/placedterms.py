"""Everyday glossary words placed in the physical world: "the agent at the gate", "an incident
at the store", "the queue outside the shop", "an incident with my driver".

A care conversation with an airline, a shop or a ride service is full of the desk's words in
their everyday senses: the customer meets an agent at an airport's gate, stands in a queue at
a store, has an incident on the runway or with a driver. The help desk's agent, queue and
incident are never at a place one can walk to, nor with a driver: a one-word everyday term
(:attr:`GlossaryLexicon.everyday <annotator.pipeline.lexicon.GlossaryLexicon.everyday>`)
right before a place preposition and a physical place (:data:`PLACES`: "at the gate", "in the
store", "on the runway", "outside the shop"), or before "with" and a person of another trade
(:data:`TRADE_PEOPLE`: "with my driver", "with the cashier"), is in that everyday sense. A
determiner or a possessive and one modifier may stand between ("at the departure gate", "with
our Uber driver"). The lists are general English words for places and people outside an
office, never names from a corpus; "desk", "office", "center" are left out on purpose (a help
desk and a contact centre are places too), and so are places software names its own parts
after ("branch", "terminal", "platform", "window", "bus", "plane": "the queue on the bus" is a
message bus's).

One sense per discourse, for a term that is no desk term ("incident"; not "agent", "queue",
"ticket", which a care conversation uses in both senses at once, "the agent at the gate" and
"a chat agent"): where one mention is placed so, the term's other bare mentions are the same
event ("we're sorry about this incident"), unless another match stands right beside one ("a P1
incident"). A pure function of the document's tokens, asked only of a document naming a place
or a person of another trade; run as the ``placed_terms`` precision rule (:mod:`..precision`),
before ``everyday_words`` weighs what is left.
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..resolution import one_word_terms, release

#: Prepositions that place a thing somewhere (general English).
PLACE_PREPOSITIONS = frozenset("at in on inside outside near by behind".split())
#: Physical places of shops, travel and public life (general English), singular and plural.
PLACES = frozenset(
    "store stores shop shops supermarket supermarkets mall malls till tills checkout checkouts "
    "counter counters gate gates airport airports runway runways station stations restaurant "
    "restaurants hotel hotels lobby reception pharmacy pharmacies warehouse warehouses depot "
    "depots bank banks venue venues stadium stadiums cinema cinemas hospital hospitals clinic "
    "clinics school schools aircraft flight flights train trains car cars taxi taxis road roads "
    "street streets highway highways parking entrance entrances door doors drive-thru "
    "drive-through".split()
)
#: People of trades outside an office a customer meets in person (general English).
TRADE_PEOPLE = frozenset(
    "driver drivers pilot pilots crew cashier cashiers waiter waiters waitress waitresses "
    "courier couriers conductor conductors guard guards officer officers passenger passengers "
    "doorman bartender bartenders chauffeur chauffeurs rider riders cabbie".split()
)
#: Words that may stand between the preposition and the place: a determiner or a possessive.
_DETERMINERS = frozenset(
    "a an the this that these those my your our their his her its one another".split()
)
_WITH = get_string_id("with")
_PREPOSITION_IDS = frozenset(map(get_string_id, PLACE_PREPOSITIONS))
_PLACE_IDS = frozenset(map(get_string_id, PLACES))
_PEOPLE_IDS = frozenset(map(get_string_id, TRADE_PEOPLE))
_DETERMINER_IDS = frozenset(map(get_string_id, _DETERMINERS))
_GATE_IDS = _PLACE_IDS | _PEOPLE_IDS
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`).
TRIGGER_IDS = _GATE_IDS


def placed(lower, i: int) -> bool:
    """Token ``i`` stands right before a place preposition and a physical place, or "with" and
    a person of another trade, a determiner and one modifier allowed between (module
    docstring); ``lower`` are the document's lower-case token hashes."""
    j = i + 1
    if j >= len(lower):
        return False
    if lower[j] in _PREPOSITION_IDS:
        targets = _PLACE_IDS
    elif lower[j] == _WITH:
        targets = _PEOPLE_IDS
    else:
        return False
    j += 1
    if j < len(lower) and lower[j] in _DETERMINER_IDS:
        j += 1
    # The head, or one modifier and the head ("the departure gate", "my Uber driver").
    return any(k < len(lower) and lower[k] in targets for k in (j, j + 1))


def drop_placed_terms(context, matches: list, taken: bytearray) -> list:
    """The ``placed_terms`` rule: ``matches`` without the everyday-word terms placed in the
    physical world, and the bare mentions of such a term that is no desk term (module
    docstring). ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    # The document's word set first: the rules before this one read it already.
    if not matches or _GATE_IDS.isdisjoint(context.words()):
        return matches
    lexicon = context.lexicon()
    everyday = lexicon.everyday
    single = one_word_terms(matches, everyday)
    if not single:
        return matches
    lower = context.lower()
    dropped = {m for m in single if placed(lower, m.start)}
    if not dropped:
        return matches
    events = {m.id for m in dropped if m.id not in lexicon.desk_terms}
    if events:
        covered = {i for o in matches if o.id not in events for i in range(o.start, o.end)}
        dropped.update(m for m in single if m.id in events
                       and m.start - 1 not in covered and m.end not in covered)
    return release(matches, dropped, taken)
