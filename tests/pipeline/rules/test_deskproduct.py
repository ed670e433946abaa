"""pipeline.rules.deskproduct: a document about a help-desk or contact-centre product is
context for the desk's own everyday terms ("agent", "queue", "ticket")."""

from __future__ import annotations

import pytest

from annotator.glossary.model import Concept, Definition
from annotator.pipeline.lexicon import build_lexicon
from annotator.pipeline.names import SOURCE_TEXT_KEY
from annotator.pipeline.rules.deskproduct import (about_desk_product, code_names, desk_forms, desk_name_pattern,
                                                 names_desk_kind)


def _concept(cid: str, term: str, definition: str, category: str | None = None) -> Concept:
    return Concept(cid, term, category=category, definitions=[Definition(definition, "t.csv", 1)])


# The desk's things are defined by the customer; a word every software project uses is not.
GLOSSARY = [
    _concept("agent", "Agent", "A representative who answers customer inquiries."),
    _concept("queue", "Queue", "The list where customer requests wait for an agent."),
    _concept("ticket", "Ticket", "A record of a customer's issue."),
    _concept("documentation", "Documentation", "Written material explaining how a product works."),
    _concept("help-desk", "Help Desk", "The team and tool answering customer questions.", "Channels"),
    _concept("contact-center", "Contact Center", "Where agents answer customer calls.", "Channels"),
    _concept("customer-service", "Customer Service", "Help for customers."),
    _concept("customer-support", "Customer Support", "Support for customers."),
]


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon(GLOSSARY)


def test_desk_terms_are_one_word_concepts_defined_by_the_glossarys_party(lexicon):
    # "customer" is in the most names; "documentation" is defined without it, and a
    # "customer ..." term is defined by it trivially and is no one-word name
    assert lexicon.desk_terms == {"agent", "queue", "ticket"}


def test_desk_forms_are_the_desk_terms_forms_with_the_word_each_inflects(lexicon):
    forms = desk_forms(lexicon)
    assert {"agent", "agents", "queue", "queues", "ticket", "tickets"} <= forms.keys()
    assert forms["agents"] == "agent" and forms["tickets"] == "ticket"
    assert set(forms.values()) == {"agent", "queue", "ticket"}
    assert desk_forms(lexicon) is forms  # made once per lexicon


def test_desk_names_are_the_channel_names_of_several_words_in_both_spellings(lexicon):
    assert set(lexicon.desk_names) == {"help desk", "contact center", "contact centre"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("FreeScout is a help desk.", True),
        ("@freescout-helpdesk: Unfortunately not.", True),
        ("[18.0][FIX] helpdesk_mgmt: preserve the stage", True),
        ("Our HelpDesks and the Contact-Centre team", True),
        ("the contact_center module", True),
        # a name must stand alone, and a word of it is no name
        ("chelp desk", False),
        ("helpdesking", False),
        ("Ask the desk clerk for help.", False),
        ("", False),
    ],
)
def test_desk_name_pattern(lexicon, text, expected):
    pattern = desk_name_pattern(lexicon.desk_names)
    assert (pattern.search(text) is not None) is expected


def test_desk_name_pattern_of_no_names_is_none():
    assert desk_name_pattern([]) is None and desk_name_pattern([" "]) is None


FORMS = {"agent": "agent", "agents": "agent", "queue": "queue", "queues": "queue", "ticket": "ticket",
         "tickets": "ticket"}


@pytest.mark.parametrize(
    "text,expected",
    [
        # identifiers of the software named by the desk's things
        ("I tried agent.getContacts() but it returns nothing", True),
        ("`agentId` without `queueId`", True),
        ("getAvailableAgentsForQueue(session)", True),
        ("https://example.com/downloads/automatic-agent-assignment/", True),
        ("the ticket_id column", True),
        # English compounds, path segments, the browser's user agent: none
        ("your e-ticket numbers", False),
        ("a multi-agent setup", False),
        ("https://core.example.org/ticket/1234", False),
        ("navigator.userAgent and the User-Agent header", False),
        ("user_agent = request.headers", False),
        # another trade's compound: a computer's queue, a journey's ticket
        ("the printQueue and the message_queue", False),
        ("book a trainTicket", False),
        ("jobQueue.add(agentId)", True),
        ("The agent moved the ticket.", False),
        ("an AGENT_", False),
    ],
)
def test_code_names(text, expected):
    assert code_names(text, FORMS) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("@freescout-helpdesk: Feel free to request a feature.", True),
        ("You can get them with agent.getEndpoints(name).", True),
        ("Two tickets to Cambridge on the 10:15 train, please.", False),
        ("A travel agent booked the hotel.", False),
    ],
)
def test_about_desk_product(lexicon, text, expected):
    assert about_desk_product(text, lexicon) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Our helpdesk_mgmt module", True),
        ("X is a help desk", True),
        # identifiers alone are not the kind of product named
        ("Call agent.getContacts() first", False),
        ("Sidekiq default_queue latency", False),
    ],
)
def test_names_desk_kind(lexicon, text, expected):
    assert names_desk_kind(text, lexicon) is expected


def test_about_desk_product_of_a_glossary_without_channels_or_desk_terms():
    lexicon = build_lexicon([_concept("webhook", "Webhook", "An HTTP callback.")])
    assert about_desk_product("helpdesk_mgmt agent.getContacts()", lexicon) is False


AGENT_TEXT = "I want every agent to log in to answer."
HANDLE = "@freescout-helpdesk"
#: As a masker leaves it: the handle blanked at its offsets, the string sent kept beside it.
MASKED = " " * len(HANDLE) + ": " + AGENT_TEXT


@pytest.fixture(scope="module")
def desk_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text, source=None):
    doc = nlp.make_doc(text)
    if source is not None:
        doc.user_data[SOURCE_TEXT_KEY] = source
    doc = nlp(doc)
    assert SOURCE_TEXT_KEY not in doc.user_data  # the rules' working data, not the doc's
    return [e.text for e in doc.ents]


@pytest.mark.parametrize(
    "text,source,expected",
    [
        # alone, an everyday word without support context
        (AGENT_TEXT, None, []),
        # the product named in the text ...
        ("FreeScout is a help desk. " + AGENT_TEXT, None, ["help desk", "agent"]),
        # ... or only in the markup the caller sent (a handle, masked before the pipeline)
        (MASKED, HANDLE + ": " + AGENT_TEXT, ["agent"]),
        # a word every software project uses is no term of the desk's
        ("See the helpdesk_mgmt documentation here.", None, []),
        # a travel agent in a document naming no desk product
        ("The travel agent sent the itinerary.", None, []),
    ],
)
def test_everyday_desk_terms_in_a_desk_products_document(desk_nlp, text, source, expected):
    assert _ents(desk_nlp, text, source) == expected


def test_everyday_desk_weight_is_a_setting(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_settings={"context_desk_weight": 0.0})
    assert _ents(nlp, MASKED, HANDLE + ": " + AGENT_TEXT) == []
