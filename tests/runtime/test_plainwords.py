"""runtime.plainwords: plain words skip spaCy's affix search and stay exactly its tokens."""

from __future__ import annotations

import pickle
import string

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.runtime.affixrecall import is_recalled
from annotator.runtime.plainwords import PLAIN_WORD, TailSuffixSearch, has_english_affixes, skip_affix_search


@pytest.fixture(scope="module")
def stock():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def fast():
    nlp = spacy.blank("en")
    assert skip_affix_search(nlp.tokenizer)
    return nlp


def _tokens(nlp, text: str) -> list[tuple[str, str, int]]:
    # In a memory zone, as annotation runs (nothing cached: every chunk is tokenized afresh).
    with nlp.memory_zone():
        return [(t.text, t.whitespace_, t.idx) for t in nlp.make_doc(text)]


#: Chunks that exercise every path of the tokenizer: special cases with and without
#: affixes, prefixes, suffixes, infixes, URLs, emoji, digits and units, apostrophes.
_PIECES = ["cannot", "Cannot", "gonna", "Dont", "dont", "don't", "(cannot)", "SLA", "SLAs", "SLA's", "e.g.",
           "U.S.", "co-browsing", "5km", "10am", "$5", "US$", "https://example.com/a?b=c", "www.ex.com", "😀",
           "a/b", "x:y", "...", "'s", "Mr.", "O'Neil", "rock'n'roll", "(", ")", "-", "—", "#", "\n", "\t",
           "  ", "é", "Ünïcode", "ABCD", "x", "I", "im", "Im", "2024", "P1", "#1234,", "v2.1", "10%", "5km2",
           "1st", "3rd", "1-2", "24/7", "1a.m.", "$5.00", "ticket.", "P1:", "6C$", "A$", "5m²", "9%.", "Hi!)",
           "SLA's.", "x..", "ABC.", "a.b.", "5km."]
_TEXT = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(alphabet=string.ascii_letters, min_size=1, max_size=8),
              st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8),
              st.text(alphabet=string.printable + "😀é’“”", max_size=6)),
    max_size=30,
).map(lambda parts: "".join(parts))


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(["", " "]))
def test_plainwords_docs_are_the_stock_tokenizers(stock, fast, text, glue):
    assert _tokens(fast, text) == _tokens(stock, text)
    joined = glue.join(text.split())
    assert _tokens(fast, joined) == _tokens(stock, joined)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet=string.ascii_letters, min_size=1, max_size=40),
                 st.tuples(st.text(alphabet=string.ascii_letters + string.digits, max_size=40),
                           st.sampled_from(string.digits)).map("".join),
                 st.text(alphabet=" \t\n\r", min_size=1, max_size=40)))
def test_plainwords_no_english_affix_rule_splits_a_plain_word(stock, word):
    tokenizer = stock.tokenizer
    assert PLAIN_WORD.match(word)
    assert tokenizer.prefix_search(word) is None and tokenizer.suffix_search(word) is None
    assert not list(tokenizer.infix_finditer(word))


#: Tails every kind of English suffix rule ends in: units after a digit (the longest rules),
#: currencies, quotes, a possessive, dots after a letter, a run of dots, a closing bracket.
_TAILS = [".", ",", ":", ";", "!", "?", ")", "%", "$", "\u00b2", "'", '"', "\u2019", "\u2026", "-", "]", "+", "5",
          "", "5km", "5km/h", "5US$", "5\u043c\u0431\u0430\u0440", "5\u0627\u0643\u0648\u0627\u0628", "a.m.",
          "'s", "\u2019S", "..", "....", "x..", "\U0001f600", "\u00b0F."]


def _same_search(regex, text: str) -> None:
    found, expected = TailSuffixSearch(regex).search(text), regex.search(text)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("tail", _TAILS)
@pytest.mark.parametrize("end", ["", "\n"])  # ``$`` also matches before a final line break
@pytest.mark.parametrize("head", ["", "SLA", "x" * 40, "\U0001f600SLA" * 250, "-SLA" * 250 + "5", "." * 20])
def test_plainwords_tail_suffix_search_answers_as_the_regex(stock, head, tail, end):
    _same_search(stock.tokenizer.suffix_search.__self__, head + tail + end)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + "$%.-\n\U0001f600", max_size=40),
       st.sampled_from(_TAILS), st.integers(1, 30))
def test_plainwords_tail_suffix_search_answers_as_the_regex_on_any_chunk(stock, chunk, tail, times):
    regex = stock.tokenizer.suffix_search.__self__
    for text in (chunk + tail, chunk * times + tail, tail + chunk, chunk + tail + "\n"):
        _same_search(regex, text)


def test_plainwords_tail_suffix_search_reads_only_the_end(stock):
    # Every English suffix rule but the run of dots is a few characters at most.
    regex = stock.tokenizer.suffix_search.__self__
    assert 2 < TailSuffixSearch(regex).reach < 10
    glued = "\U0001f600SLA" * 250 + "5km"
    assert TailSuffixSearch(regex).search(glued).span() == regex.search(glued).span() == (len(glued) - 2, len(glued))


@pytest.mark.parametrize("text", ["cannot", "(cannot) ABCD", "gonna go", "Dont  stop\nSLAs", "SLA's ABCD.",
                                  "SLA ok\r\nSLA ok\r", " \t \n\n  x\u00a0\u00a0y\u2028z"])
def test_plainwords_special_cases_still_apply(stock, fast, text):
    assert _tokens(fast, text) == _tokens(stock, text)


def test_plainwords_only_for_english_affixes_without_a_token_match(stock):
    other = spacy.blank("en")
    other.tokenizer.token_match = lambda text: False  # a caller's own: kept
    assert not skip_affix_search(other.tokenizer)
    german = spacy.blank("de")
    assert not has_english_affixes(german.tokenizer) and not skip_affix_search(german.tokenizer)
    assert german.tokenizer.token_match is None
    assert has_english_affixes(stock.tokenizer)


def test_plainwords_a_saved_pipeline_loads_with_the_same_test(stock, fast, tmp_path):
    fast.to_disk(tmp_path / "p")
    text = "(cannot) ABCD SLA's e.g. co-browsing"
    for loaded in (spacy.load(tmp_path / "p"), pickle.loads(pickle.dumps(fast))):
        assert skip_affix_search(loaded.tokenizer)  # already there: only the suffix search again
        tokenizer = loaded.tokenizer
        assert all(map(is_recalled, (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer)))
        assert isinstance(tokenizer.suffix_search.__self__.find.__self__, TailSuffixSearch)
        match = loaded.tokenizer.token_match
        assert match("ABCD") and match("\r\n") and not match("ABCD.") and not match("\r\nA")
        assert _tokens(loaded, text) == _tokens(stock, text)
