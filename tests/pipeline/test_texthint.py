"""pipeline.texthint: the tokenizer leaves each doc its string, with spaCy's very tokens."""

from __future__ import annotations

import pickle
import string

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

from annotator.pipeline.component import doc_text
from annotator.pipeline.names import TEXT_HINT
from annotator.runtime.plainwords import skip_affix_search
from annotator.pipeline.texthint import TextKeepingTokenizer, keep_text


@pytest.fixture(scope="module")
def keeping():
    nlp = spacy.blank("en")
    assert keep_text(nlp)
    return nlp


def _tokens(doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.printable + "😀é’\u00a0\u2028", max_size=60))
def test_texthint_same_tokens_and_the_string_kept(keeping, text):
    stock = spacy.blank("en")
    with keeping.memory_zone():
        doc = keeping.make_doc(text)
        assert doc.user_data[TEXT_HINT] is text
        assert _tokens(doc) == _tokens(stock.make_doc(text))
        assert doc_text(doc) == doc.text  # the component takes it, and it is the doc's text
        assert TEXT_HINT not in doc.user_data


def test_texthint_keeps_the_rules_it_was_made_like():
    nlp = spacy.blank("en")
    assert skip_affix_search(nlp.tokenizer)
    rules = dict(nlp.tokenizer.rules)
    assert keep_text(nlp)
    assert nlp.tokenizer.token_match is not None and nlp.tokenizer.rules == rules
    assert [t.text for t in nlp("I cannot (SLA's) ABCD")] == ["I", "can", "not", "(", "SLA", "'s", ")", "ABCD"]


def test_texthint_leaves_a_callers_own_tokenizer_alone():
    nlp = spacy.blank("en")

    class Own(Tokenizer):
        pass

    nlp.tokenizer = Own(nlp.vocab)
    assert not keep_text(nlp)
    assert type(nlp.tokenizer) is Own
    nlp.tokenizer = lambda text: spacy.blank("en").make_doc(text)  # not a tokenizer at all
    assert not keep_text(nlp)


def test_texthint_survives_pickling_and_saves_as_spacys_own(keeping, tmp_path):
    assert isinstance(pickle.loads(pickle.dumps(keeping)).tokenizer, TextKeepingTokenizer)
    keeping.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert type(loaded.tokenizer) is Tokenizer  # the stock class: the component reads doc.text
    text = "Re: the SLA (cannot) e.g. co-browsing"
    assert _tokens(loaded(text)) == _tokens(keeping(text))


def test_texthint_the_component_takes_the_hint(make_fixture_nlp):
    nlp = make_fixture_nlp()
    assert keep_text(nlp)
    texts = ["The SLA and AHT.", "An SLA.", "", "   "]
    for text, doc in zip(texts, [nlp(texts[0]), *nlp.pipe(texts[1:])]):
        assert TEXT_HINT not in doc.user_data and doc.text == text
    assert [e.text for e in nlp("The SLA and AHT.").ents] == ["SLA", "AHT"]


def test_texthint_load_gives_it():
    import annotator

    assert isinstance(annotator.load(builtin=False).tokenizer, TextKeepingTokenizer)
