from __future__ import annotations

import pytest

from annotator.discover.casing import _CAPITALISED, capital_share, document_casing
from annotator.discover.words import words


def _casing(text):
    return document_casing(text)


def test_casing_counts_capitals_mid_sentence_and_words_at_starts():
    capitalised, starts = _casing("Posted it in the Slack channel and the slack bot answered.")
    assert capitalised == {"slack": 1}
    assert starts == {"posted": 1}  # "Posted" opens the sentence: its capital is no evidence


@pytest.mark.parametrize("text", [
    "Slack is down.",  # a sentence start
    "It broke. Slack is down.",
    "## Slack integration",  # a heading
    "- Slack for alerts",  # a list item
    "Tools:\nSlack and email",  # a line start
    'He said "Slack" twice',  # a quotation
    "see (Slack) there",
    "| Slack | yes |",  # a table cell
])
def test_casing_a_capital_where_any_word_takes_one_is_a_start(text):
    capitalised, starts = _casing(text)
    assert "slack" not in capitalised and starts["slack"] == 1


def test_casing_folds_plurals_and_skips_caps_stopwords_and_word_inner_marks():
    capitalised, starts = _casing("we met the Support Pods and the SLA team via first-line Ops, don't worry")
    assert capitalised == {"support": 1, "pod": 1, "ops": 1}
    # "line" after the hyphen and "t" after the apostrophe are no starts; "we" is a stopword
    assert starts == {}


@pytest.mark.parametrize("capitalised, uses, starts, share", [
    ({"slack": 9}, {"slack": 12}, {"slack": 2}, 0.9),  # 9 of the 10 uses mid-sentence
    ({"ring": 0}, {"ring": 4}, {}, 0.0),
    ({"slack": 1}, {"slack": 3}, {"slack": 2}, None),  # one mid-sentence use: no evidence
])
def test_casing_share_is_over_mid_sentence_uses(capitalised, uses, starts, share):
    found = capital_share(next(iter(uses)), capitalised, uses, starts, 2)
    assert found == (None if share is None else pytest.approx(share))


@pytest.mark.parametrize("text", [
    "A 2FA code, the x-Ray view, Don't, co-Browsing, naïve Émile and l'Oréal, über-Cool",
    "ticket_Queue and SLA-Breach: VoIP's QoS",
])
def test_casing_capitalised_words_are_the_words_discovery_cuts(text):
    expected = [(w.start, w.text) for w in words(text) if w.text[0].isupper()]
    found = [(m.start(), m.group()) for m in _CAPITALISED.finditer(text) if m.group()[0].isupper()]
    assert found == expected
