"""vocabulary.wordbreak: a word that is other words run together."""

from __future__ import annotations

import itertools

import pytest

from annotator.vocabulary.wordbreak import runs_together

WRITTEN = {"wrap", "up", "help", "desk", "end", "to", "a", "aa"}


@pytest.mark.parametrize(
    "word, expected",
    [("wrapup", True), ("helpdesk", True), ("endtoend", True), ("wrap", False), ("up", False),
     ("wrapsup", False), ("", False), ("a" * 60 + "b", False), ("a" * 60 + "up", True)],
)
def test_wordbreak_any_number_of_pieces(word, expected):
    assert runs_together(word, WRITTEN) is expected


@pytest.mark.parametrize(
    "word, shortest, most, expected",
    [
        ("helpdesk", 2, 2, True),
        ("endtoend", 2, 2, False),  # three pieces
        ("endtoend", 2, 3, True),
        ("wrapup", 3, None, False),  # "up" is too short a piece
        ("aup", 2, 2, False),  # "a" is too short a piece
        ("aup", 1, 2, True),
    ],
)
def test_wordbreak_shortest_piece_and_most_pieces(word, shortest, most, expected):
    assert runs_together(word, WRITTEN, shortest=shortest, most=most) is expected


def _by_brute_force(word, words, shortest, most):
    n = len(word)
    for pieces in range(2, (most or n) + 1):
        for cuts in itertools.combinations(range(1, n), pieces - 1):
            bounds = (0, *cuts, n)
            parts = [word[i:j] for i, j in itertools.pairwise(bounds)]
            if all(len(p) >= shortest and p in words for p in parts):
                return True
    return False


@pytest.mark.parametrize("shortest, most", [(1, None), (2, None), (1, 2), (2, 2), (1, 3)])
def test_wordbreak_agrees_with_trying_every_split(shortest, most):
    words = {"a", "ab", "b", "ba", "abb", "bab"}
    for length in range(1, 8):
        for letters in itertools.product("ab", repeat=length):
            word = "".join(letters)
            assert runs_together(word, words, shortest=shortest, most=most) is _by_brute_force(
                word, words, shortest, most), word
