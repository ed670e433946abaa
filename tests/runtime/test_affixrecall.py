"""runtime.affixrecall: an affix search remembered by chunk answers as the regex does."""

from __future__ import annotations

import pickle

import pytest
import spacy

from annotator.runtime import affixrecall
from annotator.runtime.affixrecall import Recalled, is_recalled, recalled_finditer, recalled_search


@pytest.fixture(scope="module")
def regexes():
    tokenizer = spacy.blank("en").tokenizer
    return (tokenizer.prefix_search.__self__, tokenizer.suffix_search.__self__, tokenizer.infix_finditer.__self__)


def _spans(found) -> list[tuple[int, int]]:
    if found is None:
        return []
    return [m.span() for m in found] if isinstance(found, tuple) else [found.span()]


@pytest.mark.parametrize("chunk", ["SLA(s)", "SLA(s", "(see", "ticket.", "-to", "co-browsing", "x", "\U0001f600SLA",
                                   "5km.", "a/b", "...", "SLA" * 20 + ")", "-SLA" * 250, "\U0001f600SLA" * 250])
def test_affixrecall_answers_as_the_regex_every_time(regexes, chunk):
    prefix, suffix, infix = regexes
    searches = [(recalled_search(prefix), prefix.search), (recalled_search(suffix), suffix.search),
                (recalled_finditer(infix), lambda c: tuple(infix.finditer(c)))]
    for recalled, stock in searches:
        for copy in (chunk, "".join(list(chunk))):  # equal, not the same object
            assert _spans(recalled(copy)) == _spans(stock(copy))


def test_affixrecall_remembers_short_chunks_within_its_capacity(regexes, monkeypatch):
    monkeypatch.setattr(affixrecall, "CAPACITY", 3)
    asked: list[str] = []
    search = Recalled(lambda chunk: asked.append(chunk), "x").search
    longest = "x" * (affixrecall.MAX_LONG_CHUNK + 1)
    for chunk in ["a", "b", "a", longest, longest, "c", "d", "a"]:
        search(chunk)
    # "a" once until the memory is full; a chunk over the long limit every time; all
    # forgotten at once when a fourth chunk comes.
    assert asked == ["a", "b", longest, longest, "c", "d", "a"]
    assert set(search.__self__._known) == {"d", "a"}


def test_affixrecall_remembers_the_last_long_chunks_apart(monkeypatch):
    monkeypatch.setattr(affixrecall, "LONG_CAPACITY", 2)
    asked: list[str] = []
    search = Recalled(lambda chunk: asked.append(chunk) or len(chunk), "x").search
    pieces = ["-SLA" * 250, "SLA-" * 250, "LA-S" * 250]
    for chunk in [pieces[0], pieces[1], pieces[0], "a", pieces[1], pieces[2], pieces[0], pieces[2]]:
        assert search("".join(list(chunk))) == len(chunk)  # an equal chunk, not the same object
    # The first two once each; a third forgets them (a short chunk is remembered apart).
    assert asked == [pieces[0], pieces[1], "a", pieces[2], pieces[0]]
    assert set(search.__self__._long) == {pieces[0], pieces[2]} and set(search.__self__._known) == {"a"}


def test_affixrecall_pickles_without_what_it_remembers(regexes):
    search = recalled_search(regexes[1])
    search("SLA(s)")
    copy = pickle.loads(pickle.dumps(search))
    assert is_recalled(copy) and not copy.__self__._known and copy.__self__.pattern == regexes[1].pattern
    assert _spans(copy("SLA(s)")) == _spans(regexes[1].search("SLA(s)"))
    assert not is_recalled(regexes[1].search)
