from __future__ import annotations

import pytest

from annotator.discover.words import (
    chunks, excerpt, fold_term, is_stopword, is_whole_line, linked, ngrams, word_stem)


def _chunks(text):
    return [" ".join(w.text for w in run) for run in chunks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the response target for business hours", ["response target", "business hours"]),
        ("ring strategy, queue", ["ring strategy", "queue"]),
        ("wrapped\nline here", ["wrapped line"]),  # one line break joins; "here" is a stopword
        ("queue target\n\nqueue owner", ["queue target", "queue owner"]),  # a blank line ends a chunk
        ("ping @acme support", ["ping", "support"]),  # a handle is no part of a term
        ("the SLA breach", ["breach"]),  # acronyms are their own kind
        ("", []),
    ],
)
def test_words_chunks(text, expected):
    assert _chunks(text) == expected


def test_words_ngrams_lengths():
    run = list(chunks("alpha beta gamma delta epsilon"))[0]
    grams = [" ".join(w.text for w in g) for g in ngrams(run, shortest=2, longest=3)]
    assert grams[:4] == ["alpha beta", "beta gamma", "gamma delta", "delta epsilon"]
    assert "alpha beta gamma" in grams and len(grams) == 7


@pytest.mark.parametrize(
    ("parts", "key"),
    [(["Very", "Breached", "Tickets"], "very breached ticket"),
     (["business", "hours"], "business hour"),
     (["ring", "strategy"], "ring strategy")],
)
def test_words_fold_term(parts, key):
    assert fold_term(parts) == key


@pytest.mark.parametrize(("word", "stop"), [("The", True), ("don't", True), ("we\u2019ll", True),
                                            ("ticket", False), ("response", False)])
def test_words_is_stopword(word, stop):
    assert is_stopword(word) is stop


def test_words_is_whole_line():
    text = "## Steps to reproduce\nThe steps to reproduce are below."
    assert is_whole_line(text, 3, 21)
    assert not is_whole_line(text, 26, 44)


@pytest.mark.parametrize(("line", "label"), [
    ("- Operating system: Ubuntu 16.04", True),
    ("* Installation method (source, package, ..): source", True),
    ("The operating system: Ubuntu", False),  # a sentence that happens to hold a colon
    ("- Operating system is Ubuntu: yes", False)])
def test_words_template_labels_are_whole_lines(line, label):
    start = line.lower().index("operating system") if "perating" in line else line.index("Installation method")
    end = start + (16 if "perating" in line else 19)
    assert is_whole_line("Intro line.\n" + line + "\nMore.", 12 + start, 12 + end) is label


def test_words_excerpt_is_bounded_and_single_line():
    text = "x " * 500 + "ring\nstrategy" + " y" * 500
    start = text.index("ring")
    out = excerpt(text, start, start + 13)
    assert "\n" not in out and len(out) <= 2 * 60 + 80 + 2
    assert "ring strategy" in out and out.startswith("\u2026") and out.endswith("\u2026")


@pytest.mark.parametrize(("text", "grams"), [
    ("The time to own grew.", ["time to own", "time to own grew"]),
    ("time to first reply", ["time to first", "time to first reply"]),
    ("Hours of operation", []),  # "of" joins free combinations
    ("We want to go. Send it to the team. Link to\nthe docs", []),  # stopwords, a break
    ("Path /a/b to c. Value of 3", []),
    # "to" between plural nouns is a preposition, not a duration's or a step's "to"
    ("Route tickets to agents. Steps to reproduce", []),
    ("responding to tickets fast", []),
    # after a subject pronoun the first word is a verb and "to" opens an infinitive
    ("When do you plan to leave? I plan to leave soon", []),
    ("We\tneed to restart. The plan to leave early", ["plan to leave", "plan to leave early"])])
def test_words_linked(text, grams):
    assert [" ".join(w.text for w in g) for g in linked(text)] == grams


@pytest.mark.parametrize(("word", "stem"), [
    ("assignment", "assign"), ("assigned", "assign"), ("assignments", "assign"),
    ("planning", "plan"), ("replies", "reply"), ("tickets", "ticket"),
    ("services", "service"), ("business", "business"), ("bus", "bus"),
    ("rehomed", "rehome"), ("status", "status")])
def test_words_word_stem(word, stem):
    assert word_stem(word, {"rehome"}) == stem
