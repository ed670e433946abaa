"""pipeline.compounds: a closed-up spelling of a term the document writes in the plural is a
count noun, the term, never a product's or a brand's name."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.compounds import closed_compound, counted, counted_compounds
from annotator.pipeline.lexicon import GlossaryLexicon
from annotator.pipeline.tokentexts import TokenTexts

from .conftest import concept

LEXICON = GlossaryLexicon(frozenset({"help", "desk", "live", "chat", "chats", "ticket"}), frozenset(), {}, frozenset())

GLOSSARY = [
    concept("live-chat", "Live Chat"),
    concept("help-desk", "Help Desk"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]


@pytest.mark.parametrize(
    "word,expected",
    [("Helpdesk", True), ("livechat", True), ("Help", False), ("Ticket", False), ("Zendesk", False)],
)
def test_compounds_closed_compound(word, expected):
    assert closed_compound(word, LEXICON) is expected


class _Match:
    def __init__(self, start, end, label="CX_TERM", is_token_pattern=False):
        self.start, self.end, self.label, self.is_token_pattern = start, end, label, is_token_pattern


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Incoming LiveChats wait", {"livechat"}),
        ("two livechats and a Helpdesk", {"livechat"}),
        ("one LiveChat and a Helpdesk", set()),  # no plural: nothing is counted
        ("our Tickets", set()),  # a glossary word itself, no compound
    ],
)
def test_compounds_counted_compounds(text, expected):
    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    matches = [_Match(t.i, t.i + 1) for t in doc]
    assert counted_compounds(tokens, matches, LEXICON) == expected


def test_compounds_counted_compounds_memo_is_per_lexicon_and_bounded(monkeypatch):
    from annotator.pipeline import compounds

    monkeypatch.setattr(compounds, "_MEMO_WORDS", 2)
    lexicon = GlossaryLexicon(LEXICON.words, frozenset(), {}, frozenset(), memo={})
    text = "LiveChats Helpdesks Tickets LiveChats"
    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    matches = [_Match(t.i, t.i + 1) for t in doc]
    for _ in range(2):  # the second time from the memo, as far as it holds
        assert counted_compounds(tokens, matches, lexicon) == {"livechat", "helpdesk"}
    assert lexicon.memo["compounds.plural_compound"] == {"livechats": "livechat", "helpdesks": "helpdesk"}


def test_compounds_counted_reads_either_number():
    nouns = frozenset({"livechat"})
    assert counted("LiveChat", nouns) and counted("LIVECHATS", nouns)
    assert not counted("Helpdesk", nouns) and not counted("LiveChat", frozenset())


@pytest.mark.parametrize(
    "text,expected",
    [
        # a brand spelling alone is a name (the product "LiveChat") ...
        ("We moved from LiveChat to a new tool; see the SLA.", ["SLA"]),
        # ... but a document that counts it uses it as the term, in either number
        ("Agents take LiveChats from the queue. When a client starts a LiveChat, the SLA runs.",
         ["LiveChats", "LiveChat", "SLA"]),
        # the closed-up spelling mid-sentence is a product's name ...
        ("Our team uses Livechat for sales; see the SLA.", ["SLA"]),
        # ... unless the document counts it
        ("Our team takes Livechats from the queue; take a Livechat now; see the SLA.",
         ["Livechats", "Livechat", "SLA"]),
    ],
)
def test_compounds_counted_spelling_is_the_term(glossary_nlp, text, expected):
    nlp = glossary_nlp(GLOSSARY)
    assert [e.text for e in nlp(text).ents] == expected
