"""runtime.lexattrs: lexical attributes computed only where a pipeline reads them."""

from __future__ import annotations

import pytest
from spacy.attrs import IS_TITLE, LIKE_NUM, LOWER

from annotator.runtime.lexattrs import computing_only


def test_inside_a_zone_new_words_get_only_the_attributes_asked(blank):
    vocab = blank.vocab
    with blank.memory_zone(), computing_only(vocab, {LOWER}):
        assert set(vocab.lex_attr_getters) == {LOWER}
        word = vocab["Twelve"]
        assert (word.lower_, word.like_num, word.is_title) == ("twelve", False, False)


def test_the_getters_come_back_when_the_zone_ends(blank):
    before = blank.vocab.lex_attr_getters
    with blank.memory_zone(), computing_only(blank.vocab, {LOWER}):
        pass
    assert blank.vocab.lex_attr_getters is before
    word = blank.vocab["Eleven"]
    assert (word.lower_, word.like_num, word.is_title) == ("eleven", True, True)


def test_the_getters_come_back_after_an_error(blank):
    before = blank.vocab.lex_attr_getters
    with pytest.raises(RuntimeError), blank.memory_zone(), computing_only(blank.vocab, {LOWER}):
        raise RuntimeError("a document failed")
    assert blank.vocab.lex_attr_getters is before


@pytest.mark.parametrize("in_zone,attrs", [(False, {LOWER}), (True, None)])
def test_nothing_is_narrowed_outside_a_zone_or_without_a_set(blank, in_zone, attrs):
    """A lexeme made outside a zone is kept for good, so it gets every attribute; ``None``
    is a pipeline that cannot say what it reads."""
    vocab = blank.vocab
    if in_zone:
        with blank.memory_zone(), computing_only(vocab, attrs):
            assert LIKE_NUM in vocab.lex_attr_getters and vocab["Thirteen"].like_num
    else:
        with computing_only(vocab, attrs):
            assert {LIKE_NUM, IS_TITLE} <= set(vocab.lex_attr_getters)
            assert vocab["Fourteen"].like_num
