"""Context words learned from the glossary's own terms: NC-value seeded by the glossary.

NC-value (Frantzi, Ananiadou and Mima, 2000) weighs a candidate by the words around it, the
weight of a context word being how often it accompanies *terms*. The textbook takes the terms
from the candidates' own first ranking; here they come from the glossary, a labelled seed
set: every place an archive writes a glossary term or acronym ("escalate the ticket to tier 2
when the SLA clock runs out") teaches which words surround jargon in *this* archive. A
candidate written in such company ("an internal note on the ticket") is likelier jargon than
one written among other words ("my team members on social media").

Per document (:func:`document_context`, pure, in the worker): the content words within
:data:`WINDOW` words of each glossary mention (``seeds``), every content word's uses
(``words``), and per candidate key the content words within :data:`WINDOW` words of its
occurrences. Across the archive (:func:`context_weight`, in input order, so the result is
the same for any process count or engine): a context word weighs ``seeds / (words +
SMOOTH)``, the share of its uses next to a glossary mention, read from the two vocabulary
tables as they stand after the current document (an online estimate: early documents are
weighed with less evidence, every document the same way whatever the engine). A candidate
collects the weights of its context words; :mod:`.termhood` turns their mean into a factor.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from .words import Word, is_acronym_shaped, is_stopword, singular

#: Words either side of a mention or candidate that count as its context.
WINDOW = 5
#: Uses added to a word's count before its seed share is taken, so a word seen once next to
#: a glossary term does not weigh as much as one seen there a hundred times out of a hundred.
SMOOTH = 2.0


def _content(word: Word) -> str | None:
    return None if is_stopword(word.text) else singular(word.text.lower())


class DocumentContext:
    """One document's words, the glossary mentions among them, and the seed context words."""

    def __init__(self, tokens: Sequence[Word], mentions: Iterable[tuple[int, int]]) -> None:
        self.starts = [word.start for word in tokens]
        self.content = [_content(word) for word in tokens]
        self.in_mention: set[int] = set()
        self.seeds: dict[str, int] = {}
        spans = []
        for start, end in mentions:
            first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
            spans.append((first, last))
            self.in_mention.update(range(first, last))
        for first, last in spans:
            for word in self._neighbours(first, last):
                self.seeds[word] = self.seeds.get(word, 0) + 1
        self.words: dict[str, int] = {}
        for word in self.content:
            if word:
                self.words[word] = self.words.get(word, 0) + 1

    def around(self, start: int, end: int, into: dict[str, int]) -> None:
        """Add the content words within :data:`WINDOW` words of the text ``start:end``
        (outside glossary mentions) to ``into``."""
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        for word in self._neighbours(first, last):
            into[word] = into.get(word, 0) + 1

    def _neighbours(self, first: int, last: int) -> Iterator[str]:
        """The content words within :data:`WINDOW` words either side of words ``first:last``,
        outside glossary mentions."""
        content, in_mention = self.content, self.in_mention
        for i in (*range(max(0, first - WINDOW), first), *range(last, min(len(content), last + WINDOW))):
            word = content[i]
            if word and i not in in_mention:
                yield word


def acronym_mentions(tokens: Iterable[Word], has_acronym) -> list[tuple[int, int]]:
    """Offsets of the words that are glossary acronyms (a plural folded: "SLAs")."""
    spans = []
    for word in tokens:
        text = word.text
        if is_acronym_shaped(text) and (
                has_acronym(text) or (text.endswith("s") and has_acronym(text[:-1]))):
            spans.append((word.start, word.end))
    return spans


def context_weight(context: Mapping[str, int], seeds: Callable[[str], int],
                   uses_of: Callable[[str], int]) -> float:
    """The summed weights of a candidate's ``context`` words (word -> uses), each weighing
    its share of uses next to a glossary mention: ``seeds(word)`` of ``uses_of(word)`` (see
    the module docstring)."""
    total = 0.0
    for word, uses in context.items():
        seeded = seeds(word)
        if seeded:
            total += uses * seeded / (uses_of(word) + SMOOTH)
    return total
