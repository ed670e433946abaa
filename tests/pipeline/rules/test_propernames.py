"""pipeline.propernames: glossary words inside product, app, menu and section names and table
labels are not tagged; true terms in title-case text are."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline.rules import propernames

from ..conftest import concept

_BLANK = spacy.blank("en")


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a step of a UI path, two words or more
        ("Open Knowledge Base Pro > Home and check the SLA.", ["SLA"]),
        ("Open Knowledge Base \u2192 Home and check the SLA.", ["SLA"]),
        ("Open Knowledge Base -> Home and check the SLA.", ["SLA"]),
        # ... wrapped in emphasis or a link's text
        ("Go to **Admin > Settings >** [**Knowledge Base**](https://x.example/kb) for the SLA.", ["SLA"]),
        ("Go to [*Knowledge Base*] > Home for the SLA.", ["SLA"]),
        # ... written in sentence case, its lower-case words run on to the path mark
        ("Then select Escalation tools > Contextual workspaces for the SLA.", ["SLA"]),
        ("Go to Admin > Escalation rules > Triggers for the SLA.", ["SLA"]),
        # a capitalised word the glossary never uses, not at a sentence start
        ("We moved to Zendesk Ticket last year; the SLA is fine.", ["SLA"]),
        ("Ask the Acme Ticket Cloud team about the SLA.", ["SLA"]),
        ("Try Chatwoot for Ticket teams under the SLA.", ["SLA"]),
        # a brand-shaped token (inner capitals), even when it is a closed compound of a term
        ("Try HelpDesk today, or a plain help desk, under the SLA.", ["help desk", "SLA"]),
        # a name once found is a name in any casing further down
        ("We use Zendesk Ticket. The zendesk ticket meets the SLA.", ["SLA"]),
        ("Try HelpDesk today. Our helpdesk widget meets the SLA.", ["SLA"]),
        # mid-sentence, the capitalised term and one capitalised word beside it
        ("Spread it over three Escalation Zones in the region under the SLA.", ["SLA"]),
        ("It was possible to Preview Escalation, and the SLA held.", ["SLA"]),
        # ... and the name repeated in the other number is the name too
        ("We run three Escalation Zones here. An entire Escalation Zone failed the SLA.", ["SLA"]),
        # an acronym opening a name of two capitalised words or more, the last no glossary word
        ("Join the SLA Watch Pod this week; the SLA applies.", ["SLA"]),
        ("- All groups in the KPI-Powered Stage are under the SLA", ["SLA"]),
        # ... which is the name wherever it comes back, a heading too
        ("## SLA Watch Pod\n\nJoin the SLA Watch Pod Slack channel about the SLA.", ["SLA"]),
        # two capitalised common words outside the glossary
        ("Ask the Smart Ticket Hub about the SLA.", ["SLA"]),
        # a status label in a table body cell
        ("The SLA applies.\n\n| Case | State |\n|---|---|\n| 42 | Escalation |\n", ["SLA"]),
        # a term of several words qualifying the last word of a longer name
        ("File it in the Customer Service Operations Issue Tracker; the SLA applies.", ["SLA"]),
        ("She spoke at the Help Desk Annual Summit Keynote about the SLA.", ["SLA"]),
        # a word English hardly uses is a name even where a sentence starts (a link's text)
        ("Zendesk Ticket is down; the SLA applies.", ["SLA"]),
        ("See [Zendesk Ticket](https://example.com/zt) for the SLA.", ["SLA"]),
        # ... and the name is both words: the term alone further down is the term
        ("Zendesk Ticket is down. Our ticket missed the SLA.", ["ticket", "SLA"]),
        # a list item in title case is a name, not a heading
        ("Our tools for the SLA:\n\n- Semi Automated Escalation Prioritization Script\n", ["SLA"]),
        # a one-word step of a path set in emphasis is a screen, what to click
        ("Go to *Settings > Escalation* for the SLA.", ["SLA"]),
        ("Set **Escalation -> Owner is Sam** under the SLA.", ["SLA"]),
        ("Open _Admin > Reports > Escalation_ for the SLA.", ["SLA"]),
        # ... there only: the word elsewhere is the concept
        ("Go to *Settings > Escalation*. An escalation ends the SLA.", ["escalation", "SLA"]),
        # the name of a template, a project, an issue form: the noun it ends with or that follows
        ("File it with the Indirect Escalation template under the SLA.", ["SLA"]),
        ("Open an issue in the Escalation project about the SLA.", ["SLA"]),
        ("Open an issue in the Escalation\nproject about the SLA.", ["SLA"]),
        ("Pick the Escalation Report Template for the SLA.", ["SLA"]),
        ("Open the [Escalation Report issue] form about the SLA.", ["SLA"]),
    ],
)
def test_propernames_names_are_not_tagged(nlp, text, expected):
    assert _ents(nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # one glossary word capitalised at its seam is the word, not a brand
        ("Configure the WebHook for the SLA.", ["WebHook", "SLA"]),
        ("incoming OmniChannel chats miss the SLA", ["OmniChannel", "chats", "SLA"]),
        # ... beside a brand, the brand's product still
        ("We use the Zendesk WebHook for the SLA.", ["SLA"]),
        # several glossary words closed up with capitals are a brand's spelling
        ("Try HelpDesk today under the SLA.", ["SLA"]),
    ],
)
def test_propernames_camel_cased_glossary_word_is_the_term(glossary_nlp, text, expected):
    nlp = glossary_nlp([
        concept("webhook", "Webhook"),
        concept("omnichannel", "Omnichannel"),
        concept("help-desk", "Help Desk"),
        concept("chat", "Chat"),
        concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    ])
    assert _ents(nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # exactly a glossary term: the capitals are the term's
        ("## Service Level Agreement\n\nAn SLA applies.", ["Service Level Agreement", "SLA"]),
        ("First Contact Resolution (FCR) is tracked with the SLA.", ["First Contact Resolution", "FCR", "SLA"]),
        # every word a glossary word
        ("Knowledge Base and Help Desk tools under the SLA.", ["Knowledge Base", "Help Desk", "SLA"]),
        # a sentence start: the capital says nothing
        ("Smart Ticket routing missed the SLA.", ["Ticket", "SLA"]),
        ("Note: Acme Help Desk staff follow the SLA.", ["Help Desk", "SLA"]),
        ('He picked "Assigned Help Desk" from the SLA menu.', ["Help Desk", "SLA"]),
        # one capitalised common word outside the glossary is a label, not a name
        ('Open the "Ticket Details" panel under the SLA.', ["Ticket", "SLA"]),
        ("See the Ticket Details panel under the SLA.", ["Ticket", "SLA"]),
        # an indefinite article makes it a common noun phrase
        ("There is a Zendesk Ticket for the SLA.", ["Ticket", "SLA"]),
        # beside a product's name, a term of several words is still the term
        ("We moved to Zendesk Help Desk last year; the SLA is fine.", ["Help Desk", "SLA"]),
        # a one-word step of a path names its contents
        ("Go to Settings > Escalation for the SLA.", ["Escalation", "SLA"]),
        ("Go to Settings -> Escalation for the SLA.", ["Escalation", "SLA"]),
        ("Escalation -> Send an email breaks the SLA.", ["Escalation", "SLA"]),
        # ... not at a sentence start, nor in a heading; and a template's name is capitalised
        ("Escalation templates save time under the SLA.", ["Escalation", "SLA"]),
        ("## Escalation Templates for the SLA\n\nIt applies.", ["Escalation", "SLA"]),
        ("Use the Escalation Report Template. Each escalation report breaks the SLA.", ["escalation", "SLA"]),
        ("## Known Escalation Issues with the SLA\n\nIt applies.", ["Escalation", "SLA"]),
        # a title-case heading: every word is capitalised
        ("## Setting Up Acme Ticket Rules for the SLA\n\nIt applies.", ["Ticket", "SLA"]),
        # spelled out as an abbreviation in the document
        ("Very Urgent Escalation (VUE) breaks the SLA.", ["Escalation", "VUE", "SLA"]),
        # ... whatever else the run is: a path step, repeated
        ("Go to Settings > Very Urgent Escalation (VUE). " * 2 + "The SLA.",
         ["Escalation", "VUE", "Escalation", "VUE", "SLA"]),
        # a capitalised pair mid-sentence that labels the common noun after it
        ("Open the Escalation Details panel under the SLA.", ["Escalation", "SLA"]),
        # ... or opened by a capitalised stop word, or beside another match
        ("We track Very Escalation cases under the SLA.", ["Escalation", "SLA"]),
        ("We track Breached Escalation under the SLA.", ["Breached", "Escalation", "SLA"]),
        # one capitalised word after an acronym is its compound, not a name
        ("See the KPI Report for the SLA.", ["KPI", "SLA"]),
        # ... and so is a run ending in a glossary word, or a heading
        ("See the SLA Escalation Desk Ticket under the SLA.", ["SLA", "Escalation", "Ticket", "SLA"]),
        ("## KPI Watch Pod\n\nThe SLA applies.", ["KPI", "SLA"]),
        # a table header names a column; a long cell is prose
        ("| Escalation | Owner |\n|---|---|\n| x | SLA |\n", ["Escalation", "SLA"]),
        ("| Case |\n|---|\n| A slow escalation under the SLA |\n", ["escalation", "SLA"]),
        # a term of several words ending its capitalised run, or followed by a function word
        ("Ask the Customer Service team about the SLA.", ["Customer Service", "SLA"]),
        # ... or followed by a word or two (a compound of the term, not a longer name)
        ("We want Help Desk Escalation Stats for the SLA.", ["Help Desk", "Escalation", "SLA"]),
        ("See the Help Desk Summit for the SLA.", ["Help Desk", "SLA"]),
        ("See the Help Desk On-Call page for the SLA.", ["Help Desk", "SLA"]),
        # a title-case heading still capitalises every word
        ("## Customer Service Best Practices\n\nThe SLA applies.", ["Customer Service", "SLA"]),
        # a term closed up in title case is the glossary's word, no stranger making a name of
        # the words beside it (the closed-up spelling itself is the product rule's business)
        ("To add a new Escalation Helpdesk rule, check the SLA.", ["Escalation", "SLA"]),
    ],
)
def test_propernames_terms_in_capitals_are_kept(nlp, text, expected):
    assert _ents(nlp, text) == expected


def test_propernames_offsets_stay_exact(nlp):
    text = "We moved to Zendesk Ticket; our ticket meets the SLA."
    doc = nlp(text)
    assert [(text[e.start_char : e.end_char], e.text) for e in doc.ents] == [("ticket", "ticket"), ("SLA", "SLA")]


def test_propernames_rule_off_keeps_them(make_fixture_nlp):
    from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

    # product_names reads a brand's one-word product as a name too: both name rules go off.
    off = ("helpdesk_glossary.proper_names.v1", "helpdesk_glossary.product_names.v1")
    rules = [r for r in DEFAULT_PRECISION_RULES if r not in off]
    nlp = make_fixture_nlp(precision_rules=rules)
    assert _ents(nlp, "We moved to Zendesk Ticket; the SLA is fine.") == ["Ticket", "SLA"]


@pytest.mark.parametrize(
    "word,capitalised,brand",
    [("Agent", True, False), ("LiveChat", True, True), ("SLA", False, False), ("I", False, False),
     ("agent", False, False), ("eNPS", False, True), ("HubSpot", True, True)],
)
def test_propernames_word_shapes(word, capitalised, brand):
    assert propernames.is_capitalised(word) is capitalised
    assert propernames.is_brand_shaped(word) is brand




_OPENING_CASES = [
    "ask the AI Support Pod today", "ask the AI support pod today", "ask the AI-Powered Stage now",
    "ask the AI - Powered Stage now", "ask the AI  Support Pod today", "ask the AI", "ask the AI.",
    "ask the AI SLA Pod today", "ask the AI\nSupport Pod today", "ask the AI \u00c9quipe Zorblax now",
    "ask the AI 2 Pods", "ask the AI Support Tickets today", "## AI Support Pod Zorblax",
    # glued acronyms and words in capitals: the look at characters says no name can start
    "ask the AI-SLA-SLA now", "ask the AI SLAs Support Pod", "ask the AI-Support-Pod Zorblax",
    "ask the AI-SUPPORT Pod Zorblax", "ask the AI \u00c9QUIPE Zorblax now", "ask the AI A Zorblax",
    "ask the AI SLAPod Zorblax now", "ask the AI " + "X" * 40 + "y Zorblax now", "ask the AI Ab",
]
#: Where the name each case's acronym opens ends (a token index), or None.
_OPENS = dict(zip(_OPENING_CASES, [5, None, 6, None, None, None, None, None, None, 5, None, None, None,
                                   None, 6, 8, None, None, None, 5, 5, None]))


@pytest.mark.parametrize("text", _OPENING_CASES)
def test_propernames_acronym_opens_name_reads_the_tokens(text):
    """The one-character look after the acronym answers as reading its tokens one by one does
    (spaCy's own tokens, a hyphen or a second space after the acronym, non-ASCII capitals)."""
    import spacy

    from annotator.pipeline.lexicon import GlossaryLexicon
    from annotator.pipeline.tokentexts import TokenTexts

    doc = spacy.blank("en").make_doc(text)
    ends = [t.idx + len(t) for t in doc]
    lexicon = GlossaryLexicon(frozenset({"support", "ticket"}), frozenset(), {}, frozenset())
    end = next(t.i for t in doc if t.text == "AI") + 1

    def char_span(lo, hi):
        return doc[lo].idx, ends[hi - 1]

    found = propernames.acronym_opens_name(TokenTexts(doc, text, ends.__getitem__), text, end, lexicon=lexicon,
                                           char_span=char_span)
    assert found == _OPENS[text]


@given(st.text(alphabet="aAbSLé\u00c9 -1", max_size=24))
def test_propernames_no_capitalised_token_where_the_characters_say_none(text):
    """:func:`~annotator.pipeline.rules.propernames._capitalised_word_at` may only say False where no
    capitalised word starts (it lets acronym_opens_name skip reading tokens)."""
    for token in _BLANK.make_doc(text):
        if token.is_alpha and propernames.is_capitalised(token.text):
            assert propernames._capitalised_word_at(text, token.idx), (text, token.text)


def _first_look(text):
    """Every token of ``text`` taken as a one-token acronym: may_open_names' answers and
    acronym_opens_name's, in order."""
    from annotator.pipeline.lexicon import GlossaryLexicon
    from annotator.pipeline.matcher import Match
    from annotator.pipeline.tokentexts import TokenTexts

    doc = _BLANK.make_doc(text)
    ends = [t.idx + len(t) for t in doc]
    tokens = TokenTexts(doc, text, ends.__getitem__)
    lexicon = GlossaryLexicon(frozenset({"support", "ticket"}), frozenset(), {}, frozenset())
    acronyms = [Match(i, i + 1, "CX_ACRONYM", "x", True) for i in range(len(doc))]
    opens = [propernames.acronym_opens_name(tokens, text, m.end, lexicon=lexicon,
                                            char_span=lambda lo, hi: (doc[lo].idx, ends[hi - 1])) for m in acronyms]
    return propernames.may_open_names(tokens, acronyms), opens


@pytest.mark.parametrize("text", [*_OPENING_CASES, "-SLA" * 20, "\U0001f600SLA" * 20, "AI " + "X" * 31 + "y Zo"])
def test_propernames_bulk_first_look_asks_every_acronym_that_opens_a_name(text):
    may, opens = _first_look(text)
    assert all(m or found is None for m, found in zip(may, opens))


@given(st.text(alphabet="aAbSLé\u00c9\u00df\u01c5 -1\n\U0001f600", max_size=60))
def test_propernames_bulk_first_look_is_the_one_character_look(text):
    # Where the bulk look says no, the function returns None on its first look; where it says
    # yes, the function gets past that look (the run of capitals, non-ASCII cases, text ends).
    may, opens = _first_look(text)
    doc = _BLANK.make_doc(text)
    ends = [t.idx + len(t) for t in doc]
    for i, (m, found) in enumerate(zip(may, opens)):
        assert m or found is None
        if i + 1 < len(doc):
            after = ends[i] + (text[ends[i] : ends[i] + 1] == " ")
            first = text[after : after + 1]
            pos = after + 1 if first == "-" else after
            assert m == ((first.isupper() or first == "-") and propernames._capitalised_word_at(text, pos))
        else:
            assert not m
