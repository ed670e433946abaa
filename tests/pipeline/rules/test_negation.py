"""pipeline.rules.negation: a negation right after an auxiliary ("don't", "cannot", "wont")
is a verb cue, whatever the tokenizer makes of the contraction."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.rules.negation import negated_verb_cue


@pytest.fixture(scope="module")
def lower_of():
    nlp = spacy.blank("en")
    return lambda text: [t.lower for t in nlp(text)]


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("we don't queue chats", "queue", True),
        ("I cannot wrap up", "wrap", True),
        ("i wont hold", "hold", True),
        ("we dont queue", "queue", True),
        ("it doesn\u2019t queue", "queue", True),
        ("you shouldn't hold", "hold", True),
        # a negated "be" or "have" takes a noun or a participle, not a base form
        ("it is not queue time", "queue", False),
        ("we have not queued", "queued", False),
        # no negation at all
        ("we queue", "queue", False),
        ("not queue", "queue", False),
    ],
)
def test_negated_verb_cue(lower_of, text, word, expected):
    nlp = spacy.blank("en")
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == word)
    assert negated_verb_cue(lower_of(text), i - 1) is expected
