"""pipeline.productnames: a capitalised term the document writes as an app's name is not
tagged wherever it is capitalised mid-sentence; lower-case mentions stay the concept."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.productnames import PRODUCT_NOUNS, named_as_product, title_openings
from annotator.pipeline.lexicon import GlossaryLexicon
from annotator.pipeline.tokentexts import TokenTexts

from ..conftest import concept

GLOSSARY = [
    concept("help-desk", "Help Desk"),
    concept("omnichannel", "Omnichannel"),
    concept("live-chat", "Live Chat"),
    concept("ticket", "Ticket"),
    concept("saved-reply", "Saved Reply"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("customer-satisfaction", "Customer Satisfaction", ["CSAT"]),
]


@pytest.fixture(scope="module")
def products_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a software noun after the capitalised term names the app ...
        ("Open the Helpdesk app and check the SLA.", ["SLA"]),
        ("Open the **Live Chat** application and check the SLA.", ["SLA"]),
        # ... and so is every capitalised mention mid-sentence in the document
        # (the app's name still says whose tickets these are: pipeline.everyday)
        ("Tickets move in the **Helpdesk** pipeline. Open the Helpdesk app for the SLA.", ["Tickets", "SLA"]),
        ("The *Live Chat* rating process feeds CSAT. The *Live Chat* app has reports.", ["CSAT"]),
        # a brand before a one-word term: the brand's product
        ("Reports in Odoo **Helpdesk** show the SLA and CSAT.", ["SLA", "CSAT"]),
        ("Reports in Odoo Helpdesk show the SLA. Each Helpdesk team has one.", ["SLA"]),
        # a closed-up spelling of a term of several words, capitalised mid-sentence
        ("Once a *Helpdesk* ticket is solved, the SLA stops.", ["ticket", "SLA"]),
        ("We moved to Livechat last year; the SLA held.", ["SLA"]),
        # a closed-up spelling opening a title, in any casing, names the part of the product
        ("Livechat future features\n\nThe live chat misses its SLA.", ["live chat", "SLA"]),
        ("livechat future features\n\nthe live chat misses its SLA.", ["live chat", "SLA"]),
        ("[16.0][IMP] mgmt: Helpdesk stages per team\n\nEach help desk has an SLA.", ["help desk", "SLA"]),
        # the brand's name repeated in lower case is the name
        ("We use Zendesk Helpdesk. The zendesk helpdesk meets the SLA.", ["SLA"]),
        # lower case stays the concept
        ("Open the Helpdesk app. Our helpdesk team meets the SLA.", ["helpdesk", "SLA"]),
    ],
)
def test_productnames_apps_named_by_a_term(products_nlp, text, expected):
    assert _ents(products_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # no evidence: capitals for emphasis, the term
        ("Our **Omnichannel** meets the SLA.", ["Omnichannel", "SLA"]),
        # a term of several words beside a brand is the term
        ("See HelpScout Saved Replies and the SLA.", ["Saved Replies", "SLA"]),
        # a title's or a heading's capitals say nothing
        ("title: Acme Omnichannel\n\nThe SLA holds.", ["Omnichannel", "SLA"]),
        ("## Create Zendesk Omnichannel\n\nThe SLA holds.", ["Omnichannel", "SLA"]),
        # an indefinite article: one of the brand's kind
        ("There is a Zendesk Omnichannel for the SLA.", ["Omnichannel", "SLA"]),
        # the closed-up spelling at a sentence start, or in lower case, is the term
        ("Livechat volume grew past the SLA.", ["Livechat", "SLA"]),
        ("Our livechat volume grew past the SLA.", ["livechat", "SLA"]),
        # ... and so is it opening a sentence, a title that is no title, or a title's later word
        ("Livechat volume grew past the SLA.\n\nIt did.", ["Livechat", "SLA"]),
        ("Livechat volume\ngrew past the SLA.", ["Livechat", "SLA"]),
        ("Moving to a new livechat\n\nOur SLA held.", ["livechat", "SLA"]),
        # a sentence-start mention without evidence of its own stays the term
        ("Open the Helpdesk app.\n\nHelpdesk teams meet the SLA.", ["Helpdesk", "SLA"]),
    ],
)
def test_productnames_terms_stay_terms(products_nlp, text, expected):
    assert _ents(products_nlp, text) == expected


def test_productnames_is_a_rule_to_switch_off(glossary_nlp):
    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.product_names.v1"]
    nlp = glossary_nlp(GLOSSARY, precision_rules=rules)
    assert _ents(nlp, "Open the Helpdesk app and check the SLA.") == ["Helpdesk", "SLA"]


def test_productnames_software_nouns_are_lower_case_words():
    assert all(w.islower() for w in PRODUCT_NOUNS)


@pytest.mark.parametrize(
    "text,start,end,expected",
    [
        ("the Helpdesk app", 1, 2, True),
        ("the Helpdesk * * app", 1, 2, True),
        ("in Odoo Helpdesk", 2, 3, True),
        ("in Odoo * Helpdesk *", 3, 4, True),
        ("in the Helpdesk", 2, 3, False),
        ("Odoo Helpdesk", 1, 2, False),
    ],
)
def test_productnames_named_as_product(text, start, end, expected):
    import spacy

    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    lexicon = GlossaryLexicon(frozenset({"help", "desk", "helpdesk"}), frozenset(), {}, frozenset())
    assert bool(named_as_product(tokens, start, end, lexicon)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Livechat future features\n\nbody", ["Livechat"]),
        ("[16.0][IMP] mgmt: Helpdesk stages\n\nbody", ["mgmt:", "Helpdesk"]),
        # a component's name blanked out as code
        ("[16.0][IMP]     : Helpdesk stages\n\nbody", [":", "Helpdesk"]),
        ("\n\n## Livechat woes\r\n\r\nbody", ["Livechat"]),
        # no title: a sentence, a line with no blank line after it, a lead-in
        ("Livechat grew past the SLA.\n\nbody", []),
        ("Livechat woes\nbody", []),
        ("Livechat woes", []),
        ("Livechat woes:\n\nbody", []),
    ],
)
def test_productnames_title_openings(text, expected):
    assert [text[i:].split()[0] for i in title_openings(text)] == expected
