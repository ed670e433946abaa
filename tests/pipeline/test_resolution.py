"""Resolving matches: longest first, then leftmost, no overlaps (resolve, resolution_order,
release), against the rules written out the slow way."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.pipeline import resolution
from annotator.pipeline.matcher import Match
from annotator.pipeline.resolution import one_word_terms, release, resolution_order, resolve


def _reference_resolve(matches, n_tokens):
    """The rules written out the slow, obvious way: longest, then leftmost, then label and id;
    an acronym match rejected inside an accepted span of another concept is nested."""
    taken = [False] * n_tokens
    accepted, rejected = [], []
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start, m.label, m.id)):
        if any(taken[m.start : m.end]):
            rejected.append(m)
            continue
        taken[m.start : m.end] = [True] * (m.end - m.start)
        accepted.append(m)
    nested = [
        m
        for m in rejected
        if m.is_token_pattern
        and any(o.start <= m.start and m.end <= o.end and o.id != m.id for o in accepted)
    ]
    return sorted(accepted, key=lambda m: m.start), sorted(nested, key=lambda m: m.start)


def _random_matches(rng: random.Random, n_tokens: int) -> list[Match]:
    found = set()
    for _ in range(rng.randint(0, 40)):
        start = rng.randrange(n_tokens)
        end = min(n_tokens, start + rng.randint(1, 4))
        is_token = rng.random() < 0.5
        found.add(Match(start, end, "CX_ACRONYM" if is_token else "CX_TERM", rng.choice("abc"), is_token))
    return list(found)


@pytest.mark.parametrize("seed", range(200))
def test_resolve_matches_the_reference_rules(seed):
    rng = random.Random(seed)
    n_tokens = rng.randint(1, 30)
    matches = _random_matches(rng, n_tokens)
    assert resolve(matches, n_tokens) == _reference_resolve(matches, n_tokens)


@pytest.mark.parametrize("seed", range(200))
def test_resolve_admitting_is_resolving_the_admitted(seed):
    # resolve asks ``admit`` only about winners and nested acronyms; the result must be that
    # of filtering every match first, and no match that loses to a longer one is asked.
    rng = random.Random(seed)
    n_tokens = rng.randint(1, 30)
    matches = _random_matches(rng, n_tokens)
    refused = {m for m in matches if rng.random() < 0.3}
    asked = []

    def admit(match):
        asked.append(match)
        return match not in refused

    expected = resolve([m for m in matches if m not in refused], n_tokens)
    assert resolve(matches, n_tokens, admit=admit) == expected
    accepted, nested = expected
    assert set(asked) <= set(matches)
    assert set(accepted) | set(nested) <= set(asked)


_MATCHES = st.lists(
    st.builds(
        lambda start, length, label, cid, is_token, kind: Match(start, start + length, label, cid, is_token, kind),
        st.integers(0, 40), st.integers(1, 3), st.sampled_from(["CX_TERM", "CX_ACRONYM"]), st.sampled_from("ab"),
        st.booleans(), st.sampled_from(["exact", "variant", "fuzzy"]),
    ),
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(_MATCHES)
def test_resolution_order_is_the_sort_by_the_whole_key(matches):
    # Long lists go through numpy and re-sort only the groups sharing both bounds: the same
    # order as sorting by the key (ties on bounds, label and id included, by kind).
    key = lambda m: (m.start - m.end, m.start, m.label, m.id, m.kind != "exact", m.kind)
    assert resolution_order(matches) == sorted(matches, key=key)


@settings(max_examples=100, deadline=None)
@given(_MATCHES, st.data())
def test_resolve_asks_only_what_ask_holds(matches, data):
    # Matches outside ``ask`` are admitted unasked: the same result as an admit that admits them.
    refused = set(data.draw(st.lists(st.sampled_from(matches), max_size=20))) if matches else set()
    ask = refused | set(data.draw(st.lists(st.sampled_from(matches), max_size=20))) if matches else set()
    asked = []

    def admit(match):
        asked.append(match)
        return match not in refused

    expected = resolve(matches, 50, admit=lambda m: m not in refused)
    assert resolve(matches, 50, admit=admit, ask=ask) == expected
    assert set(asked) <= ask


@pytest.mark.parametrize("seed", range(150))
def test_resolve_many_matches_as_one_by_one(seed, monkeypatch):
    # From 64 matches, those overlapping nothing on free tokens and not to be asked are
    # accepted in bulk: the same accepted and nested matches, the same tokens taken, the same
    # questions asked as taking every match in order.
    rng = random.Random(seed)
    n_tokens = rng.randint(64, 400)
    matches = list({
        Match(start, min(n_tokens, start + rng.choice((1, 1, 1, 2, 3))), rng.choice(("CX_TERM", "CX_ACRONYM")),
              rng.choice("ab"), rng.random() < 0.5)
        for start in rng.sample(range(n_tokens), rng.randint(64, min(n_tokens, 200)))
    } | {Match(s, s + 1, "CX_ACRONYM", "c", True) for s in rng.sample(range(n_tokens), rng.randint(0, 20))})
    refused = {m for m in matches if rng.random() < 0.1}
    ask = refused | {m for m in matches if rng.random() < 0.1}
    held = bytearray(rng.random() < 0.05 for _ in range(n_tokens))

    def run():
        asked, taken = [], bytearray(held)
        found = resolve(matches, n_tokens, taken, lambda m: asked.append(m) or m not in refused, ask)
        plain = resolve(matches, n_tokens, bytearray(held))
        return found, plain, sorted(asked), taken

    bulk = run()
    monkeypatch.setattr(resolution, "_VECTOR_MIN_MATCHES", 10**9)
    assert bulk == run()


def test_resolve_never_asks_about_a_match_a_longer_one_beats():
    outer = Match(0, 3, "CX_TERM", "first-contact-resolution", False)
    inner = Match(2, 3, "CX_TERM", "resolution", False)
    asked = []
    resolve([inner, outer], 3, admit=lambda m: asked.append(m) or True)
    assert asked == [outer]


def test_resolve_nested_acronym_inside_longer_term():
    outer = Match(0, 2, "CX_TERM", "sla-breach", False)
    inner = Match(0, 1, "CX_ACRONYM", "service-level-agreement", True)
    plural = Match(3, 4, "CX_ACRONYM", "service-level-agreement", True)
    accepted, nested = resolve([inner, outer, plural], 5)
    assert accepted == [outer, plural]
    assert nested == [inner]


def test_resolve_acronym_inside_its_own_match_is_not_nested():
    # "SLA 's": the possessive match and the bare acronym are the same concept.
    own = Match(0, 2, "CX_ACRONYM", "service-level-agreement", True)
    bare = Match(0, 1, "CX_ACRONYM", "service-level-agreement", True)
    assert resolve([bare, own], 2) == ([own], [])


def test_resolve_respects_taken_tokens():
    taken = bytearray(b"\x00\x01\x00")
    blocked = Match(1, 2, "CX_ACRONYM", "x", True)
    free = Match(2, 3, "CX_ACRONYM", "y", True)
    assert resolve([blocked, free], 3, taken) == ([free], [])


def test_resolve_many_nested_matches():
    # 50,000 "SLA breach": one pass, not one scan of the accepted spans per nested acronym.
    outers = [Match(2 * i, 2 * i + 2, "CX_TERM", "sla-breach", False) for i in range(50_000)]
    inners = [Match(2 * i, 2 * i + 1, "CX_ACRONYM", "sla", True) for i in range(50_000)]
    accepted, nested = resolve(inners + outers, 100_000)
    assert accepted == outers and nested == inners


def test_release_frees_every_token_of_a_dropped_match_and_keeps_the_rest():
    kept, long, short = Match(0, 1, "CX_TERM", "a", False), Match(2, 5, "CX_TERM", "b", False), Match(6, 7, "CX_TERM", "c", False)
    matches = [kept, long, short]
    taken = bytearray(b"\x01" * 8)
    assert release(matches, {long, short}, taken) == [kept]
    assert taken == bytearray(b"\x01\x01\x00\x00\x00\x01\x00\x01")  # same length, only theirs freed
    assert release(matches, set(), taken) is matches


def test_one_word_terms_are_one_token_of_a_terms_phrase_in_order():
    word = Match(0, 1, "CX_TERM", "queue", False)
    other = Match(6, 7, "CX_TERM", "ticket", False)
    matches = [
        word,
        Match(1, 3, "CX_TERM", "queue", False),  # two tokens
        Match(3, 4, "CX_ACRONYM", "queue", True),  # an acronym's token pattern
        Match(4, 5, "DOC_ACRONYM", "queue", False),  # not a term
        Match(5, 6, "CX_TERM", "queue", True),  # a term's token pattern
        other,
    ]
    assert one_word_terms(matches) == [word, other]
    assert one_word_terms(matches, {"ticket"}) == [other]
    assert one_word_terms(matches, frozenset()) == []
    assert one_word_terms([]) == []
