"""Everyday glossary words in another trade: "gate agent", "trace routes", "a train ticket",
"the routing number", "startup programs", "passive mode", "medical documentation".

A help desk's "agent", "ticket", "queue" and "route" are everyday English words other trades
use too, and a real conversation (a customer writing to an airline, a rail company, an
internet provider) is full of them: an airport's "gate agents", a network's "trace routes", a
console's "download queue", a traveller's "ticket". Three cues put the word in another trade,
whatever support words the conversation holds around it:

* **the compound**: the word right before it (its modifier) or right after it (its head)
  names the other trade's thing, "baggage agent", "print queue", "ticket office", a bank's
  "routing number"
  (:data:`TRADE_MODIFIERS`, :data:`TRADE_HEADS`: general English compounds, never names from
  a corpus); a hyphen between them counts too ("e-ticket");
* **travel and events** (a ``ticket`` or a ``route`` only, :data:`TRAVELLERS_WORDS`): the
  line the word is on names a journey, a show or the road, a driver's fines
  (and, for a ``route`` alone, the road and delivery rounds, :mod:`.roads`: "the courier's
  route", "the route through Main Street")
  (:data:`TRAVEL_WORDS`: "a name on a ticket" beside "passport", "the return journey" but not
  "the customer journey"), or the document does twice or more ("flight", "seats", "DUIs"; words
  side by side are one mention, "Rail Accident Investigation" a publication's name):
  an airline's "Lima route" is the flights'; the support desk's ticket or route is then the
  exception, and it says so by a support word, a support verb or another glossary term right
  around it ("my support ticket", "I opened a ticket", "the ticket met the SLA", "route it to
  the queue": the glossary's domain words, :data:`SUPPORT_VERBS`, within :data:`_REACH`
  tokens). A pipeline whose
  ``other_domain_weight`` setting (:class:`~annotator.pipeline.rulecontext.PrecisionSettings`)
  is zero or less takes no travel cue;
* **bought** (a ``ticket`` only): a verb of buying right around it ("would you like to buy
  tickets?", "your tickets are booked": :data:`PURCHASE_VERBS`): nobody buys a help desk's
  ticket. One sense per discourse: where one ticket is bought, the document's other bare
  tickets are too ("how many tickets?"), and so they are where one ticket is another trade's
  by its compound ("a refundable ticket"), unless a support word, verb or term right around
  one says it is the desk's. A price is no cue: a support text puts costs on its tickets
  ("each ticket costs us $20", the cost per ticket the glossary defines).

A term of several words ("customer service agent", "support ticket") is the term wherever it
stands and is never asked. Pure functions over the document's token hashes; the component
runs them as the ``other_trades`` precision rule (:mod:`..precision`), before the
``everyday_words`` rule weighs what is left.
"""

from __future__ import annotations

from spacy.strings import get_string_id

from .everyday import OTHER_DOMAIN_WORDS
from .roads import ROAD_IDS
from ..resolution import one_word_terms, release

#: Everyday glossary words -> modifiers that make a compound of another trade with them
#: (general English): the agent of an airport, an estate, a travel shop, a courier or a client at
#: law (a shop's
#: "delivery agent" brings the parcel; the customer it failed writes to the desk about him), the queue of a
#: computer's jobs, the route of a network packet or a vehicle, the ticket of a journey or a show,
#: the tag of a markup language or a release.
TRADE_MODIFIERS: dict[str, frozenset[str]] = {
    "agent": frozenset(
        "gate airport travel booking baggage luggage ground ramp handling boarding checkin estate realty "
        "insurance customs border station rental shipping freight forwarding secret talent "
        "literary press sports leasing letting delivery pickup courier postal "
        # one who acts for a client or a company in law: "the client-agent relationship", a
        # company's "registered agent", the "principal-agent" problem
        "client principal registered".split()
    ),
    "queue": frozenset(
        "download downloads upload uploads print printer printing render build job jobs message "
        "play playback watch install installation update updates mail spool".split()
    ),
    "route": frozenset(
        "trace bus flight train delivery hiking cycling bike walking scenic trade migration "
        "shipping tram subway metro en".split()
    ),
    "ticket": frozenset(
        "plane train rail bus flight airline concert theatre theater cinema movie lottery raffle "
        "parking speeding season e festival museum ferry boarding tram subway metro economy refundable "
        "nonrefundable event vip admission".split()
    ),
    # A markup element, a revision's or an image's label, a shop's or a person's: "SSML tags",
    # "the script tag", "git tags", "release tag", "price tag", not a ticket's label.
    "tag": frozenset(
        "html xml ssml svg markup script style meta body head anchor img div span iframe link "
        "git release version docker image price name dog id3".split()
    ),
    # A network's packets, not a help desk's conversations.
    "routing": frozenset("ip packet bgp ospf multicast".split()),
    # A computer starting up, not a new business: "Windows startup", "during startup".
    "startup": frozenset("windows system computer pc laptop boot during upon".split()),
    # Papers that prove something to another trade (a doctor's, a carrier's, a tax office's),
    # which a customer hands in, not the writing that explains a product: "submit the medical
    # documentation", "the return documentation".
    "documentation": frozenset(
        "medical legal tax customs shipping return returns supporting insurance financial identity "
        "immigration visa court".split()
    ),
    # The adjective, not a Net Promoter Score's middle group (a noun): no modifier says so.
    "passive": frozenset(),
}
#: Everyday glossary words -> heads that make a compound of another trade with them: the
#: station's "ticket office", "ticket barrier", the box office's "ticket sales".
TRADE_HEADS: dict[str, frozenset[str]] = {
    "ticket": frozenset(
        "office offices machine machines barrier barriers gate gates inspector inspectors "
        "collector collectors booth booths stub stubs holder holders sales price prices fare "
        "fares counter counters".split()
    ),
    # A bank's "routing number" (an account's transit code), a network's "routing table".
    "routing": frozenset("number numbers code codes table tables protocol protocols".split()),
    # A computer's "startup programs", "startup tab", "startup repair".
    "startup": frozenset("program programs item items app apps tab folder folders type repair disk sound "
                         "screen menu settings".split()),
    # Keeping a record, not a product's docs: "for documentation purposes".
    "documentation": frozenset(("purposes", "purpose")),
    # The adjective before its noun: "passive mode", "passive restraint", "passive income".
    "passive": frozenset("mode voice income restraint restraints device devices component components "
                         "cooling listening investor investors smoking".split()),
}
#: Words of a journey or a show (general English): :data:`~.everyday.OTHER_DOMAIN_WORDS`, the
#: documents and vehicles of a journey, and the journey itself (:data:`QUALIFIABLE_TRAVEL_WORDS`),
#: the road's words.
#: Not "trip" or "booking", which support text says of itself.
TRAVEL_WORDS = OTHER_DOMAIN_WORDS | frozenset(
    "passport passports visa aircraft plane planes train trains rail railway railcard tram "
    "checkin boarding journey journeys".split()
) | frozenset(
    # The road's words: a driver's tickets are fines ("any DUIs or speeding tickets?", "any
    # accidents or tickets?", an insurer's call); none a support desk says of its own work
    # (an SR-22 is the insurer's proof of a driver's cover).
    "dui duis dwi dwis speeding motorist motorists accident accidents sr22 sr22s".split()
)
#: The people whose journey support text speaks of (general English).
JOURNEY_OWNERS = frozenset(
    "customer customers user users buyer buyers client clients employee employees agent agents "
    "support service".split()
)
#: Travel words support text also uses in a sense of its own, -> the words that give them that
#: sense right before them: they count only where none of those stands there. A journey of the
#: people support serves ("the customer journey", not "the return journey"); a slip of a
#: hand ("closed it by accident", not "any accidents").
QUALIFIABLE_TRAVEL_WORDS: dict[str, frozenset[str]] = {
    "journey": JOURNEY_OWNERS,
    "journeys": JOURNEY_OWNERS,
    "accident": frozenset(("by",)),
}
#: Verbs a help desk's ticket takes (general support English): right before the ticket, they
#: say it is the support desk's ("opened a ticket", "raise a ticket") even among travel words.
SUPPORT_VERBS = frozenset(
    "open opened opening raise raised raising submit submitted submitting file filed filing log "
    "logged logging create created creating escalate escalated reopen reopened".split()
)
#: Verbs of buying (general English): a ticket someone buys, books or sells is a traveller's
#: or an audience's ("would you like to buy tickets?", "book four tickets", "your tickets are
#: booked"), whatever support words stand around it: nobody buys a help desk's ticket. Not
#: "booking", which support text says of itself.
PURCHASE_VERBS = frozenset(
    "buy buys buying bought purchase purchases purchasing purchased book booked reserve reserves "
    "reserving reserved sell sells selling sold resell".split()
)
#: The everyday words the travel cue judges: a traveller has a ticket, a flight or a bus a route.
TRAVELLERS_WORDS = frozenset(("ticket", "route"))
#: Tokens either side of a ticket read for a support word or verb, or a verb of buying (its
#: object's determiner and number between: "buy some tickets", "book four tickets").
_REACH = 3
#: Fewest travel-word tokens in a document that make its every bare ticket or route a traveller's.
_DOCUMENT_TRAVEL_WORDS = 2

_MODIFIER_IDS = {word: frozenset(map(get_string_id, words)) for word, words in TRADE_MODIFIERS.items()}
_HEAD_IDS = {word: frozenset(map(get_string_id, words)) for word, words in TRADE_HEADS.items()}
_TRAVEL_IDS = frozenset(map(get_string_id, TRAVEL_WORDS))
_ROUTE_IDS = _TRAVEL_IDS | ROAD_IDS
_QUALIFIER_IDS = {get_string_id(word): frozenset(map(get_string_id, before))
                  for word, before in QUALIFIABLE_TRAVEL_WORDS.items()}
_SUPPORT_VERB_IDS = frozenset(map(get_string_id, SUPPORT_VERBS))
_PURCHASE_IDS = frozenset(map(get_string_id, PURCHASE_VERBS))
_TICKET = "ticket"
_ROUTE = "route"
_HYPHEN = get_string_id("-")


def in_trade_compound(lower, i: int, word: str) -> bool:
    """Token ``i`` (a form of the everyday ``word``) makes a compound of another trade with
    the token before or after it (:data:`TRADE_MODIFIERS`, :data:`TRADE_HEADS`), a hyphen
    between them or not; ``lower`` are the document's lower-case token hashes."""
    modifiers = _MODIFIER_IDS.get(word)
    if modifiers:
        before = i - 1
        if before > 0 and lower[before] == _HYPHEN:
            before -= 1
        if before >= 0 and lower[before] in modifiers:
            return True
    heads = _HEAD_IDS.get(word)
    if heads:
        after = i + 1
        if after + 1 < len(lower) and lower[after] == _HYPHEN:
            after += 1
        if after < len(lower) and lower[after] in heads:
            return True
    return False


def _said_of_support(lower, i: int, cues: frozenset[int], others: set[int]) -> bool:
    """A support word (``cues``) or verb (:data:`SUPPORT_VERBS`), or another glossary match
    (``others``: the tokens the document's other matches cover), within :data:`_REACH` tokens
    of token ``i``."""
    lo, hi = max(0, i - _REACH), min(len(lower), i + _REACH + 1)
    return any(
        j != i and (j in others or lower[j] in cues or lower[j] in _SUPPORT_VERB_IDS) for j in range(lo, hi)
    )


def _line_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the line holding ``text[start:end]`` (a turn of a conversation)."""
    stop = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop < 0 else stop


def drop_other_trades(context, matches: list, taken: bytearray) -> list:
    """The ``other_trades`` rule: ``matches`` without the one-word everyday terms that a
    compound or the travel words around them put in another trade (see the module docstring).
    ``context`` is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`;
    dropped matches release their tokens."""
    candidates = one_word_terms(matches)
    if not candidates:
        return matches
    lexicon = context.lexicon()
    known = lexicon.derived("other_trades.known", lambda: _trade_words(lexicon.bases))
    candidates = [m for m in candidates if m.id in known]
    if not candidates:
        return matches
    lower = context.lower()
    strings = context.doc.vocab.strings
    travel = None  # the document's travel-word token positions, counted on first need
    road = None  # ... and those of its travel and road words, for a route
    # A pipeline that gives travel words no weight against everyday terms takes none here.
    travel_counts = context.settings.other_domain_weight > 0
    dropped = set()
    tickets = []  # the bare tickets no cue decided: (match, form)
    other_ticket = False  # a ticket of another trade, by its compound or as bought
    buys = None  # the document holds a verb of buying: one look at its words
    for m in candidates:
        form = strings[lower[m.start]]
        for word, forms in known[m.id]:
            if form not in forms:
                continue
            if word == _TICKET and buys is None:
                buys = not _PURCHASE_IDS.isdisjoint(context.words())
            if in_trade_compound(lower, m.start, word) or (word == _TICKET and buys and bought(lower, m.start)):
                dropped.add(m)
                other_ticket = other_ticket or word == _TICKET
            elif word in TRAVELLERS_WORDS and travel_counts:
                if word == _ROUTE:
                    if road is None:
                        road = _travel_positions(lower, context.words(), _DOCUMENT_TRAVEL_WORDS, _ROUTE_IDS)
                    journey = road
                else:
                    if travel is None:
                        travel = _travel_positions(lower, context.words(), _DOCUMENT_TRAVEL_WORDS)
                    journey = travel
                if journey and _travelling(context, m, journey, form, word, matches):
                    dropped.add(m)
                elif word == _TICKET:
                    tickets.append((m, form))
            elif word == _TICKET:
                tickets.append((m, form))
    # One sense per discourse: where a ticket is bought or another trade's by its compound, the
    # document's other bare tickets are the same kind ("how many tickets?" after "would you
    # like to buy tickets?", "Ticket is confirmed" after "a refundable ticket"), unless a
    # support word, verb or term beside one says it is the desk's.
    if other_ticket:
        kept = [m for m in matches if m not in dropped]  # a dropped ticket vouches for no other
        dropped.update(m for m, form in tickets if not _supported(context, m, form, _TICKET, kept))
    return release(matches, dropped, taken)


def bought(lower, i: int) -> bool:
    """One of :data:`PURCHASE_VERBS` stands within :data:`_REACH` tokens of token ``i`` ("buy
    some tickets", "tickets are booked"); ``lower`` are the document's lower-case token hashes."""
    return any(lower[j] in _PURCHASE_IDS for j in range(max(0, i - _REACH), min(len(lower), i + _REACH + 1)))


def _trade_words(bases: dict) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Concept id -> (the everyday word, its forms), for the words this rule knows (``bases``:
    :attr:`GlossaryLexicon.bases <annotator.pipeline.lexicon.GlossaryLexicon.bases>`): the
    glossary's alone, made once per lexicon."""
    known: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for word in TRADE_MODIFIERS.keys() | TRADE_HEADS.keys():
        for concept_id, forms in bases.get(word, {}).items():
            known.setdefault(concept_id, []).append((word, forms))
    return known


def _travel_positions(lower, words: frozenset[int], enough: int | None = None,
                      kinds: frozenset[int] = _TRAVEL_IDS) -> list[int]:
    """The token positions of the document's travel words (:data:`TRAVEL_WORDS`; ``kinds``:
    their hashes, or those and the road's for a route), less the
    qualifiable ones a word giving them support's sense stands right before ("customer
    journey", "by accident": :data:`QUALIFIABLE_TRAVEL_WORDS`), in order; ``words``: the set
    of ``lower``'s hashes. Travel words side by side are one mention, at the first: a compound
    or a name ("Rail Accident Investigation", a publication in a reading list) names travel
    once. With ``enough``, at most that many are returned, each of a run of its own (the first
    of its words found stands for it): the rule needs where they are only while there are
    fewer.

    Each travel word the document holds is found with ``list.index``, a scan at C speed,
    rather than every token asked in Python: a long document holds some travel word almost
    surely."""
    found: list[int] = []
    for word in kinds.intersection(words):
        qualifiers = _QUALIFIER_IDS.get(word)
        j = -1
        while True:
            try:
                j = lower.index(word, j + 1)
            except ValueError:
                break
            if qualifiers is not None and j > 0 and lower[j - 1] in qualifiers:
                continue
            found.append(j)
            if enough is not None and len(found) >= enough:
                mentions = _first_of_runs(found)
                if len(mentions) >= enough:
                    return mentions[:enough]
    mentions = _first_of_runs(found)
    return mentions if enough is None else mentions[:enough]


def _first_of_runs(positions: list[int]) -> list[int]:
    """``positions`` sorted, each run of neighbours (``j``, ``j + 1``, ...) kept at its first."""
    positions = sorted(positions)
    return [j for k, j in enumerate(positions) if k == 0 or positions[k - 1] != j - 1]


def _travelling(context, m, travel: list[int], form: str, word: str, matches: list) -> bool:
    """The ticket or route of match ``m`` (``form`` of ``word``) is a traveller's: travel words
    on its line, or :data:`_DOCUMENT_TRAVEL_WORDS` in the document (``travel``: their token
    positions), and no support word or verb, nor another of ``matches``, right around it."""
    if len(travel) < _DOCUMENT_TRAVEL_WORDS:
        doc, text = context.doc, context.text
        lo, hi = _line_of(text, doc[m.start].idx, context.token_end(m.start))
        if not any(lo <= doc[j].idx < hi for j in travel):
            return False
    return not _supported(context, m, form, word, matches)


def _supported(context, m, form: str, word: str, matches: list) -> bool:
    """A support word or verb, or another of ``matches``, stands right around match ``m``
    (``form`` of the everyday ``word``): "my support ticket", "I opened a ticket"."""
    cues = context.lexicon().context_ids - {get_string_id(form), get_string_id(word)}
    lo, hi = m.start - _REACH, m.end + _REACH
    others = {j for o in matches if o is not m and o.start < hi and o.end > lo for j in range(o.start, o.end)}
    return _said_of_support(context.lower(), m.start, cues, others)
