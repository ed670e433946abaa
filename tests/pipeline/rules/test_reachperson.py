import pytest
import spacy

from annotator.pipeline.rules.reachperson import asked_to_reach

from ..conftest import concept

_NLP = spacy.blank("en")


def _asked(text: str, word: str) -> bool:
    doc = _NLP.make_doc(text)
    lower = [t.lower for t in doc]
    return asked_to_reach(lower, [t.lower_ for t in doc].index(word))


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("I have been waiting to speak to a representative.", "representative", True),
        ("Can I talk with a live agent please", "agent", True),
        ("i spoke to the agent yesterday", "agent", True),
        ("chatting with an actual human agent", "agent", False),  # two qualifiers: no phrase
        ("chatting with a human agent", "agent", True),
        ("I spoke to my insurance agent", "agent", False),  # a word of another trade
        ("I spoke to my agent", "agent", False),  # a possessive: the speaker's own agent
        ("a travel agent", "agent", False),
        ("the representative of the buyer", "representative", False),
        ("agent", "agent", False),  # the text's first word
        ("to an agent", "agent", False),  # no verb before
    ],
)
def test_asked_to_reach_reads_the_words_before(text, word, expected):
    assert _asked(text, word) is expected


@pytest.fixture(scope="module")
def agent_nlp(glossary_nlp):
    return glossary_nlp([concept("agent", "Agent", aliases=["Representative"]), concept("queue", "Queue")])


@pytest.mark.parametrize(
    "text,expected",
    [
        # a caller asking for the desk's people: kept with no other support word near
        ("Been here for 3 hours waiting to speak to a representative.", ["representative"]),
        # the same word said of another party: left out
        ("The representative of the buyer signed the papers.", []),
        ("I spoke to my insurance agent about the papers.", []),
    ],
)
def test_everyday_keeps_a_person_someone_asks_to_speak_to(agent_nlp, text, expected):
    assert [e.text for e in agent_nlp(text).ents] == expected
