"""pipeline.othertrades: everyday glossary words a compound or travel words put in another
trade ("gate agent", "trace routes", "download queue", a traveller's ticket)."""

from __future__ import annotations

import pytest

from annotator.pipeline.rules.othertrades import (
    SUPPORT_VERBS,
    TRADE_HEADS,
    TRADE_MODIFIERS,
    TRAVEL_WORDS,
    in_trade_compound,
)
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

from ..conftest import concept

GLOSSARY = [
    concept("agent", "Agent"),
    concept("ticket", "Ticket"),
    concept("queue", "Queue"),
    concept("tag", "Tag"),
    concept("documentation", "Documentation"),
    concept("ticket-routing", "Ticket Routing", aliases=["routing", "route"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("first-response-time", "First Response Time", ["FRT"]),
    # two names with "support" make it a domain word
    concept("support-team", "Support Team"),
    concept("customer-support", "Customer Support"),
]
RULE = "helpdesk_glossary.other_trades.v1"


@pytest.fixture(scope="module")
def trades_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a compound's modifier names another trade
        ("The gate agents were great, unlike the SLA and FRT.", ["SLA", "FRT"]),
        ("No baggage agent either; the SLA and FRT are a joke.", ["SLA", "FRT"]),
        # a courier, the parcel's: "the delivery agent left it at the gate"
        ("The delivery agent left it at the gate; the SLA and FRT apply.", ["SLA", "FRT"]),
        ("We will ask the pickup agent to check the box. SLA and FRT.", ["SLA", "FRT"]),
        # one who acts for a client at law
        ("Send a proof of your client-agent relationship. SLA and FRT.", ["SLA", "FRT"]),
        # papers a customer hands in, or keeping a record: not the product's documentation
        ("Please submit the medical documentation; the SLA and FRT apply.", ["SLA", "FRT"]),
        ("For documentation purposes, the SLA and FRT apply.", ["SLA", "FRT"]),
        ("Do you have any trace routes? The SLA and FRT apply.", ["SLA", "FRT"]),
        ("Try the content from your download queue; the SLA and FRT apply.", ["SLA", "FRT"]),
        ("My e-ticket and the SLA and FRT.", ["SLA", "FRT"]),
        # ... or its head does
        ("The ticket office missed the SLA and FRT.", ["SLA", "FRT"]),
        # travel words on the ticket's line
        ("Can I change the name on a ticket? My passport is new. SLA and FRT.", ["SLA", "FRT"]),
        # ... or twice in the document
        ("Our flight was moved.\nMay I have your ticket number, please? The SLA and FRT.\nNo seats.", ["SLA", "FRT"]),
        # a bank's routing number
        ("All we need is your routing number and account number; the SLA and FRT apply.", ["SLA", "FRT"]),
        # a markup language's or a release's tag
        ("Apply SSML tags to the prompt; the SLA and FRT apply.", ["SLA", "FRT"]),
        ("Push the git tag after the SLA and FRT review.", ["SLA", "FRT"]),
        # the road's words: a driver's tickets are fines
        ("Any DUIs in the past five years?\nNo.\nAnd two or more tickets in the past three years?\nNo DUIs.\n"
         "The SLA and FRT.", ["SLA", "FRT"]),
        # a flight's route, among flights
        ("Do you fly to Lima?\nThe Lima route is suspended for winter, no flights until May.\nThe SLA and FRT.",
         ["SLA", "FRT"]),
        # a ticket someone buys, and the document's other tickets
        ("Would you like to buy tickets for the game?\nHow many tickets?\nThe SLA and FRT.", ["SLA", "FRT"]),
        ("Your tickets are booked.\nThe SLA and FRT.", ["SLA", "FRT"]),
        ("Is it a refundable ticket?\nTicket is confirmed.\nThe SLA and FRT.", ["SLA", "FRT"]),
        ("The cab is en route.\nThe SLA and FRT.", ["SLA", "FRT"]),
        # the road's and a delivery round's route, on its line, a verb too
        ("Which route does the truck take? The SLA and FRT.", ["SLA", "FRT"]),
        ("The courier will route the parcel via the depot.\nThe SLA and FRT.", ["SLA", "FRT"]),
        # ... or twice in the document
        ("The highway was closed.\nThe route changed.\nThe roads were jammed.\nThe SLA and FRT.", ["SLA", "FRT"]),
        # ... an insurer asking for accidents and tickets
        ("Any accidents in the past three years?\nNo.\nAnd how about tickets?\nNo accidents, no tickets.\n"
         "The SLA and FRT.", ["SLA", "FRT"]),
    ],
)
def test_othertrades_another_trades_word_is_not_the_term(trades_nlp, text, expected):
    assert _ents(trades_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A free agent takes the chat; the SLA and FRT apply.", ["agent", "SLA", "FRT"]),
        ("The agent sends the ticket to a queue within the SLA and FRT.", ["agent", "ticket", "queue", "SLA", "FRT"]),
        # a support verb or word beside the ticket keeps it the desk's, among travel words
        ("My flight app crashed, so I opened a ticket. SLA and FRT.", ["ticket", "SLA", "FRT"]),
        # a support word beside the ticket keeps it the desk's where another is bought
        ("I bought tickets online.\nThe refund is slow, so I opened a support ticket. SLA and FRT.",
         ["support", "ticket", "SLA", "FRT"]),
        # a price is no cue: support texts cost their tickets
        ("Each ticket costs us $20.\nThanks, I have your ticket and the SLA applies.",
         ["ticket", "ticket", "SLA"]),
        ("It has 1 stop and a ticket costs $116.\nThe SLA and FRT.", ["ticket", "SLA", "FRT"]),
        ("Flight changes and seat requests: route each ticket to the queue. SLA and FRT.",
         ["route", "ticket", "queue", "SLA", "FRT"]),
        ("Seats on the flight: my support ticket got lost.", ["support", "ticket"]),
        # the road's words are for a route alone: a ticket about a parcel is the desk's
        ("The courier lost my parcel, so I have a ticket open. SLA and FRT.", ["ticket", "SLA", "FRT"]),
        # a support word beside the route keeps it the desk's among the road's words
        ("The courier app crashed: route the ticket to the queue. SLA and FRT.",
         ["route", "ticket", "queue", "SLA", "FRT"]),
        ("Seats on the flight: the support team says my ticket met the SLA and FRT.",
         ["support team", "ticket", "SLA", "FRT"]),
        ("The routing rules send the ticket to a queue within the SLA and FRT.",
         ["routing", "ticket", "queue", "SLA", "FRT"]),
        # a ticket's tag is the desk's
        ("Add a ticket tag before the SLA and FRT run out.", ["ticket", "tag", "SLA", "FRT"]),
        # one travel word on another line says nothing of this ticket
        ("Our flight was moved.\nYour ticket missed the SLA and FRT.", ["ticket", "SLA", "FRT"]),
        # travel words side by side, a name in a reading list, name travel once
        ("Further reading: the Rail Accident Investigation digest.\nCreate follow-up tickets within the SLA and FRT.",
         ["tickets", "SLA", "FRT"]),
    ],
)
def test_othertrades_the_desks_word_stays(trades_nlp, text, expected):
    assert _ents(trades_nlp, text) == expected


def test_othertrades_is_a_rule_to_switch_off(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "The gate agents were great, unlike the SLA and FRT.") == ["agents", "SLA", "FRT"]
    assert _ents(nlp, "The delivery agent left; the SLA and FRT apply.") == ["agent", "SLA", "FRT"]
    assert _ents(nlp, "Please submit the medical documentation; the SLA and FRT apply.") == [
        "documentation", "SLA", "FRT"]


@pytest.mark.parametrize(
    "text,i,word,expected",
    [
        ("the gate agent", 2, "agent", True),
        ("the delivery agent", 2, "agent", True),
        ("the return documentation", 2, "documentation", True),
        ("for documentation purposes", 1, "documentation", True),
        ("the API documentation", 2, "documentation", False),
        ("an e - ticket", 3, "ticket", True),
        ("the ticket office", 1, "ticket", True),
        ("the ticket - office", 1, "ticket", True),
        ("the agent", 1, "agent", False),
        ("gate", 0, "agent", False),
        ("the print queue", 2, "route", False),
        ("the routing number", 1, "routing", True),
        ("your IP routing", 2, "routing", True),
        ("the routing rules", 1, "routing", False),
        ("the startup programs", 1, "startup", True),
        ("errors during startup", 2, "startup", True),
        ("a startup company", 1, "startup", False),
        ("passive mode", 0, "passive", True),
        ("a passive scores seven", 1, "passive", False),
    ],
)
def test_othertrades_in_trade_compound(blank, text, i, word, expected):
    lower = blank(text).to_array("LOWER").tolist()
    assert in_trade_compound(lower, i, word) is expected


def test_othertrades_word_lists_are_lower_case_single_words():
    for words in (*TRADE_MODIFIERS.values(), *TRADE_HEADS.values(), TRAVEL_WORDS, SUPPORT_VERBS):
        assert all(w == w.lower() and " " not in w for w in words)
    assert set(TRADE_HEADS) <= set(TRADE_MODIFIERS)


def test_othertrades_no_travel_cue_without_other_domain_weight(glossary_nlp):
    text = "Can I change the name on a ticket? My passport is new. SLA and FRT."
    nlp = glossary_nlp(GLOSSARY, precision_settings={"other_domain_weight": 0})
    assert _ents(nlp, text) == ["ticket", "SLA", "FRT"]
    assert _ents(nlp, "The gate agents were great, unlike the SLA and FRT.") == ["SLA", "FRT"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Select the return journey, then in the ticket menu pick a date. SLA and FRT.", ["SLA", "FRT"]),
        # a journey support text speaks of: the people it serves go before it
        ("Map the customer journey, then in the ticket menu pick a date. SLA and FRT.",
         ["ticket", "SLA", "FRT"]),
        # an accident is the road's, a slip of the hand "by accident" is not
        ("Any accidents? Was the ticket in your name, then? SLA and FRT.", ["SLA", "FRT"]),
        ("I closed it by accident. Was the ticket in your name, then? SLA and FRT.", ["ticket", "SLA", "FRT"]),
    ],
)
def test_othertrades_a_journey_unless_a_domain_word_qualifies_it(trades_nlp, text, expected):
    assert _ents(trades_nlp, text) == expected


def _travel_positions_by_token(lower):
    """Every token asked in turn: what _travel_positions finds with list.index (a run of
    travel words side by side counted once, at its first)."""
    from annotator.pipeline.rules.othertrades import _QUALIFIER_IDS, _TRAVEL_IDS

    found = [j for j, h in enumerate(lower) if h in _TRAVEL_IDS
             and not (h in _QUALIFIER_IDS and j > 0 and lower[j - 1] in _QUALIFIER_IDS[h])]  # fmt: skip
    return [j for k, j in enumerate(found) if k == 0 or found[k - 1] != j - 1]


@pytest.mark.parametrize("seed", range(6))
def test_othertrades_travel_positions_as_asked_token_by_token(seed):
    import random

    from spacy.strings import get_string_id

    from annotator.pipeline.rules.othertrades import QUALIFIABLE_TRAVEL_WORDS, _travel_positions

    qualifiable = sorted(QUALIFIABLE_TRAVEL_WORDS)
    owners = sorted(set().union(*QUALIFIABLE_TRAVEL_WORDS.values()))[:4]  # "by", "customer", ...
    vocabulary = ["passport", "train", "the", "ticket", *qualifiable, *owners]
    rng = random.Random(seed)
    lower = [get_string_id(rng.choice(vocabulary)) for _ in range(rng.randint(0, 60))]
    expected = _travel_positions_by_token(lower)
    assert seed or len(expected) > 3  # the lists do hold travel words (qualified ones left out)
    assert _travel_positions(lower, frozenset(lower)) == expected
    # With ``enough``, a position may stand for its run by another word of it (the first
    # found, not the first in the text): each is a travel word, and each of a run of its own.
    from annotator.pipeline.rules.othertrades import _TRAVEL_IDS

    def run_of(j):
        return max(start for start in expected if start <= j)

    for enough in (1, 2, 3):
        some = _travel_positions(lower, frozenset(lower), enough)
        assert all(lower[j] in _TRAVEL_IDS for j in some)
        assert len({run_of(j) for j in some}) == len(some) == min(enough, len(expected))
