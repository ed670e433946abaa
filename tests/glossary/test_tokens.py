"""PatternTokenizer: pattern phrases tokenized exactly as spaCy does, with its shortcuts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from annotator.glossary.model import Glossary

FIXTURE = Path(__file__).parents[1] / "pipeline" / "data" / "glossary.jsonl"


def test_tokens_fast_tokenizer_agrees_with_spacy():
    # PatternTokenizer's shortcuts (alphabetic and hyphenated chunks) must give exactly what
    # the real tokenizer gives, on every built-in pattern and on tricky strings.
    from annotator.glossary.tokens import PatternTokenizer
    from annotator.resources import builtin_patterns_path

    nlp = spacy.blank("en")
    fast = PatternTokenizer(nlp.tokenizer)
    strings = [
        json.loads(line)["pattern"]
        for line in builtin_patterns_path().read_text(encoding="utf-8").splitlines()
        if isinstance(json.loads(line)["pattern"], str)
    ]
    strings += ["cannot", "Cannot", "e-mail", "co-browsing", "tier-1", "a-b-c", "x--y", "don't",
                "  padded ", "two  spaces", "tab\there", "self-service's", "caf\u00e9-bar", "na\u00efve"]
    for text in strings:
        assert fast(text) == [t.text for t in nlp.make_doc(text)], text
        # The whole-phrase shortcut the matcher takes: the same tokens, or no answer.
        words = fast.plain_words(text)
        assert words is None or words == [t.text for t in nlp.make_doc(text)], text


def test_tokens_pattern_tokenizer_plain_words_answers_only_plain_phrases():
    from annotator.glossary.tokens import PatternTokenizer

    fast = PatternTokenizer(spacy.blank("en").tokenizer)
    assert fast.plain_words("help desk") == ["help", "desk"]
    assert fast.plain_words("co-browsing tool") == ["co", "-", "browsing", "tool"]
    assert fast.plain_words("na\u00efve bayes") == ["na\u00efve", "bayes"]
    # Special cases, digits, apostrophes, odd spacing and stray hyphens go to the tokenizer.
    for text in ("cannot", "tier-1", "don't", "x--y", "-x", "x-", "two  spaces", " x", "tab\there",
                 "caf\u00e9-bar", ""):
        assert fast.plain_words(text) is None, text


@pytest.mark.parametrize("cache", [True, False])
def test_tokens_pattern_tokenizer_caches_only_what_the_tokenizer_answered(cache):
    from annotator.glossary.tokens import PatternTokenizer

    tokenizer = spacy.blank("en").tokenizer
    text = "co-browsing help desk can't SLA's"
    fast = PatternTokenizer(tokenizer, cache=cache)
    assert fast(text) == fast(text) == [t.text for t in tokenizer(text)]
    # Plain words and hyphenated letters take the shortcut and are not kept.
    assert fast.cache == ({"can't": ("ca", "n't"), "SLA's": ("SLA", "'s")} if cache else None)


def test_tokens_pattern_tokenizer_prefetch_caches_what_one_call_per_chunk_gives():
    # One Doc of many chunks must give each chunk exactly the tokens a call of its own gives.
    from annotator.glossary.tokens import PatternTokenizer

    tokenizer = spacy.blank("en").tokenizer
    chunks = ["SLA's", "SLA\u2019s", "KPIs", "Q&A's", "24/7's", "A/B's", "can't", "cannot", "don't", "U.S.'s",
              "e.g.", ":)", "(SLA)", "SLA.", "co-browsing", "tier-1", "x--y", "\u00e9NPS's", "SLA's"]
    fast = PatternTokenizer(tokenizer)
    fast.prefetch(chunks)
    # Plain words and hyphenated letters never reach the tokenizer, so they are not cached.
    assert "KPIs" not in fast.cache and "co-browsing" not in fast.cache
    assert fast.cache and all(fast.cache[c] == tuple(t.text for t in tokenizer(c)) for c in fast.cache)
    assert [fast.chunk(c) for c in chunks] == [tuple(t.text for t in tokenizer(c)) for c in chunks]
    uncached = PatternTokenizer(tokenizer, cache=False)
    uncached.prefetch(chunks)  # nothing to fill
    assert uncached.cache is None


def test_tokens_pattern_tokenizer_prefetch_possessives_are_what_the_tokenizer_gives():
    # The possessive shortcut (a plain word + "'s") against the real tokenizer, on every
    # built-in acronym and on the words the tokenizer's special cases know ("it's", "let's",
    # "cannot"), in both apostrophes and in case variants.
    from annotator.glossary.tokens import PatternTokenizer
    from annotator.glossary.variants import POSSESSIVE_SUFFIXES

    tokenizer = spacy.blank("en").tokenizer
    rules = set(tokenizer.rules)
    bases = {a for c in Glossary.load(FIXTURE) for a in c.acronyms}
    bases |= {r for r in rules if r.isalpha()}
    bases |= {r[:-2] for r in rules if r[-2:] in POSSESSIVE_SUFFIXES}
    bases |= {b.upper() for b in list(bases)} | {b.capitalize() for b in list(bases)}
    bases |= {"SLA", "eNPS", "CCaaS", "na\u00efve", "\u00c9NPS", "x"}
    chunks = sorted(f"{b}{s}" for b in bases if b for s in POSSESSIVE_SUFFIXES)
    fast = PatternTokenizer(tokenizer)
    fast.prefetch(chunks)
    assert fast._splits_possessives()
    assert [fast.chunk(c) for c in chunks] == [tuple(t.text for t in tokenizer(c)) for c in chunks]


def test_tokens_pattern_tokenizer_prefetch_without_possessive_splitting():
    # A tokenizer that keeps "SLA's" whole gets no shortcut.
    from spacy.tokenizer import Tokenizer

    from annotator.glossary.tokens import PatternTokenizer

    whitespace = Tokenizer(spacy.blank("en").vocab)
    fast = PatternTokenizer(whitespace)
    fast.prefetch(["SLA's", "KPI\u2019s"])
    assert not fast._splits_possessives()
    assert fast.cache == {"SLA's": ("SLA's",), "KPI\u2019s": ("KPI\u2019s",)}
