from __future__ import annotations

import pytest

from annotator.discover.casing import capital_share, document_casing
from annotator.discover.words import words


def _casing(text):
    return document_casing(text, list(words(text)))


def test_casing_counts_mid_sentence_uses_and_their_capitals():
    capitalised, uses = _casing("We posted it in the Slack channel and the slack bot answered.")
    assert capitalised == {"slack": 1}
    assert uses == {"posted": 1, "slack": 2, "channel": 1, "bot": 1, "answered": 1}


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
def test_casing_a_capital_where_any_word_takes_one_is_no_evidence(text):
    capitalised, uses = _casing(text)
    assert "slack" not in capitalised and "slack" not in uses


def test_casing_folds_plurals_splits_hyphens_and_skips_caps_and_stopwords():
    capitalised, uses = _casing("we met the Support Pods and the SLA team via Follow-Up calls")
    # "Up", a stopword, is no content word: "Follow" counts, as a part after a hyphen would
    assert capitalised == {"support": 1, "pod": 1, "follow": 1}
    assert "sla" not in uses and "via" not in uses and "the" not in uses
    assert uses["pod"] == 1 and uses["call"] == 1


def test_casing_share_needs_enough_uses():
    assert capital_share("slack", {"slack": 9}, {"slack": 10}, 2) == pytest.approx(0.9)
    assert capital_share("slack", {"slack": 1}, {"slack": 1}, 2) is None
    assert capital_share("ring", {}, {"ring": 4}, 2) == 0.0
