"""runtime.warmup.VocabLearner: recurring words keep their lexemes, within a budget."""

from __future__ import annotations

import pytest
import spacy

from annotator.api import annotate
from annotator.runtime.warmup import VocabLearner


@pytest.fixture()
def blank():
    return spacy.blank("en")


def learner_for(nlp, **limits) -> VocabLearner:
    return VocabLearner(nlp.tokenizer, lambda: nlp.vocab.in_memory_zone, **limits)


def kept(nlp, word: str) -> bool:
    """Is ``word`` a lexeme that outlives memory zones?"""
    with nlp.memory_zone():
        pass
    return word in nlp.vocab.strings


def test_warmup_learns_a_chunk_on_its_second_document(blank):
    learner = learner_for(blank)
    assert learner.observe("ticket zqxwvy escalated") == 0
    assert not kept(blank, "zqxwvy")
    assert learner.observe("zqxwvy again, zqxwvy.") == 1
    assert kept(blank, "zqxwvy") and "zqxwvy" in learner.learned
    # Learned once: later documents do not count it again.
    assert learner.observe("zqxwvy") == 0


def test_warmup_keeps_the_tokenizers_split_of_a_chunk(blank):
    learner = learner_for(blank)
    learner.observe("(qqxy),")
    learner.observe("(qqxy),")
    # The chunk went through the tokenizer: its pieces are lexemes for good.
    assert kept(blank, "qqxy") and "(qqxy)," in learner.learned
    with blank.memory_zone():
        assert [t.text for t in blank("(qqxy),")] == ["(", "qqxy", ")", ","]


def test_warmup_learns_nothing_inside_a_memory_zone(blank):
    learner = learner_for(blank)
    with blank.memory_zone():
        assert learner.observe("vvqq") == 0
        assert learner.observe("vvqq") == 0
    assert not kept(blank, "vvqq") and not learner.learned


@pytest.mark.parametrize(
    ("limits", "texts", "expected"),
    [
        ({"capacity": 2}, ["aa bb cc dd", "aa bb cc dd"], 2),
        ({"per_document": 1}, ["aa bb cc", "aa bb cc"], 1),
        ({"max_chunk": 3}, ["abc abcd", "abc abcd"], 1),
        # The once-seen record is forgotten when it would overflow: nothing counts twice.
        ({"window": 2}, ["aa bb", "cc dd ee", "aa bb"], 0),
    ],
)
def test_warmup_budget(blank, limits, texts, expected):
    learner = learner_for(blank, **limits)
    for text in texts:
        learner.observe(text)
    assert len(learner.learned) == expected
    assert len(learner.learned) <= learner.capacity


def test_warmup_stops_when_full(blank):
    learner = learner_for(blank, capacity=3)
    for _ in range(2):
        learner.observe("one two three four five")
    assert learner.full and len(learner.learned) == 3
    assert learner.observe("six six") == 0 and learner.observe("six") == 0


def test_warmup_reads_fewer_documents_once_they_teach_nothing(blank, monkeypatch):
    from annotator.runtime import warmup

    monkeypatch.setattr(warmup, "QUIET_RUN", 3)
    monkeypatch.setattr(warmup, "MAX_STRIDE", 4)
    learner = learner_for(blank)
    learner.observe("known words")
    learner.observe("known words")
    assert learner.learned == {"known", "words"} and learner.stride == 1
    for _ in range(3):
        assert learner.observe("known words") == 0
    assert learner.stride == 2
    for _ in range(6):
        learner.observe("known words")
    assert learner.stride == 4
    for _ in range(24):
        learner.observe("known words")
    assert learner.stride == 4  # never beyond MAX_STRIDE
    # A word that keeps turning up is still learned from the documents read (one in four
    # here), and what it teaches brings back reading every document.
    taught = [learner.observe("zzqx") for _ in range(8)]
    assert sum(taught) == 1 and "zzqx" in learner.learned
    assert learner.stride == 1 and learner.observe("ppqx") == 0 and learner.observe("ppqx") == 1


def test_warmup_annotate_learns_and_answers_the_same(nlp):
    text = "Our SLA for the xyzzyq queue: AHT went up, said Jorunn. Service Level Agreement (SLA) again."
    first = annotate(text, nlp=nlp)
    assert not kept(nlp, "xyzzyq")
    second = annotate(text, nlp=nlp)
    assert kept(nlp, "xyzzyq") and kept(nlp, "Jorunn")
    assert annotate(text, nlp=nlp) == second == first


def test_warmup_learner_is_fresh_after_pickling(nlp):
    import pickle

    component = nlp.get_pipe("helpdesk_glossary")
    component.learn_vocab("pickled words here")
    copy = pickle.loads(pickle.dumps(component))
    assert copy.vocab_learner is not component.vocab_learner and not copy.vocab_learner.learned
