"""Is a word other words run together ("helpdesk", "livechat", "wrapup")?

One definition for the rules that ask it of glossary words: the closed compounds the component
counts (two glossary words written as one) and the fuzzy matcher's test that a word it cannot
place is written words closed up, not a misspelling.
"""

from __future__ import annotations

from collections.abc import Container


def runs_together(word: str, words: Container[str], *, shortest: int = 1, most: int | None = None) -> bool:
    """``word`` is two or more of ``words`` written with nothing between them, each piece at
    least ``shortest`` characters long and, with ``most``, no more than ``most`` pieces.

    >>> runs_together("livechat", {"live", "chat"})
    True
    >>> runs_together("chat", {"chat"})  # one piece is the word itself, no compound
    False
    >>> runs_together("wrapupcall", {"wrap", "up", "call"}, most=2)
    False
    """
    n = len(word)
    if n < 2 * shortest:
        return False
    if most == 2:  # the common question, answered by one pass over the split points
        return any(word[:i] in words and word[i:] in words for i in range(shortest, n - shortest + 1))
    # A word-break table (``fewest[i]``: the fewest pieces ``word[:i]`` splits into), so the
    # question costs at most a look-up per pair of positions: a search trying every split
    # recursively takes exponential time over a word such as "aaaa...ab" when "a" is a word.
    unreachable = n + 1
    fewest = [0] + [unreachable] * n
    for end in range(shortest, n + 1):
        first = shortest if end == n else 0  # the whole word as one piece is no compound
        for start in range(first, end - shortest + 1):
            if fewest[start] + 1 < fewest[end] and word[start:end] in words:
                fewest[end] = fewest[start] + 1
    return fewest[n] <= (most if most is not None else n)
