"""Keeping the lexemes of recurring words, within a fixed budget.

Inside ``nlp.memory_zone()`` (where ``annotate()``, the service and the tagger process every
document, so a long-running worker's memory stays flat) spaCy creates a lexeme for every word it
has not kept, and frees it again when the zone ends; its tokenizer reads its cache there but
never writes it. A worker that sees "escalated" in every other ticket would pay for that word,
and for splitting "escalated," from its comma, on every request: two thirds of a 150-word
ticket's cost in the service (see the service rows in docs/benchmarks.md).

:class:`VocabLearner` watches the whitespace-separated chunks of what was annotated and, once a
chunk has turned up in two different documents, tokenizes it *outside* any zone, so its lexemes
and the tokenizer's cache entry stay for good. Ticket numbers, e-mail addresses and names seen
once are never kept. Everything kept is bounded (:attr:`capacity` chunks, no chunk longer than
:attr:`max_chunk`), and so is the record of chunks seen once (:attr:`window`), so memory stays
flat however many different documents come.

Once a worker has learned its traffic's vocabulary, most documents teach it nothing, and
reading every one of them (a set of its chunks, set differences) is then the learner's whole
cost. So after :data:`QUIET_RUN` documents in a row have taught it nothing, it reads every
second document, then every fourth, up to one in :data:`MAX_STRIDE`; the first document that
teaches it something brings it back to reading every one. A word that keeps turning up still
turns up in the documents it reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

#: Chunks kept for good, per pipeline: ~20,000 words of a support vocabulary cover nearly all
#: of a ticket's running text, and cost a few MB at most.
DEFAULT_CAPACITY = 20_000
#: Chunks seen once, remembered until this many have piled up (then forgotten all at once).
DEFAULT_WINDOW = 10_000
#: Longer chunks are URLs, tokens and hashes: not worth a slot.
DEFAULT_MAX_CHUNK = 32
#: At most this many chunks learned from one document, so one huge request cannot take the
#: whole budget at once.
DEFAULT_PER_DOCUMENT = 2_000
#: Documents read in a row that taught nothing, before the learner reads fewer of them.
QUIET_RUN = 64
#: Once nothing is left to learn, the learner reads one document in this many.
MAX_STRIDE = 16


class VocabLearner:
    """Learn recurring chunks into a vocab for good (see the module docstring).

    ``tokenize`` is the pipeline's tokenizer and ``in_zone`` says whether a memory zone is open
    (anything tokenized inside one is freed at its end, so learning waits until it is closed).
    Not thread-safe by itself: callers serialize annotation per pipeline (the service does).
    """

    def __init__(
        self,
        tokenize: Callable[[str], object],
        in_zone: Callable[[], bool],
        *,
        capacity: int = DEFAULT_CAPACITY,
        window: int = DEFAULT_WINDOW,
        max_chunk: int = DEFAULT_MAX_CHUNK,
        per_document: int = DEFAULT_PER_DOCUMENT,
    ) -> None:
        self._tokenize = tokenize
        self._in_zone = in_zone
        self.capacity = capacity
        self.window = window
        self.max_chunk = max_chunk
        self.per_document = per_document
        self.learned: set[str] = set()
        self._seen_once: set[str] = set()
        self.stride = 1  # read one document in this many (see the module docstring)
        self._skipped = 0  # documents passed over since the last one read
        self._quiet = 0  # documents read in a row that taught nothing

    def _taught(self, learned: int) -> None:
        """Note what a document read taught: something brings back reading every one."""
        if learned:
            self.stride, self._quiet = 1, 0
        else:
            self._quiet += 1
            if self._quiet >= QUIET_RUN:
                self.stride, self._quiet = min(2 * self.stride, MAX_STRIDE), 0

    @property
    def full(self) -> bool:
        return len(self.learned) >= self.capacity

    def observe(self, text: str) -> int:
        """Note the chunks of one annotated document; learn those seen before. Returns how
        many chunks were learned (0 inside a memory zone, once the budget is spent, and for
        a document passed over, see the module docstring)."""
        self._skipped += 1
        if self._skipped < self.stride or self.full or self._in_zone():
            return 0
        self._skipped = 0
        learned = self._observe(text)
        self._taught(learned)
        return learned

    def _observe(self, text: str) -> int:
        # ``-`` walks the document's chunks; ``difference_update`` would walk all it learned.
        chunks = set(text.split()) - self.learned
        if not chunks:
            return 0
        again = chunks & self._seen_once
        fresh = chunks - again
        learn = [c for c in again if len(c) <= self.max_chunk]
        self._seen_once.difference_update(again)
        if len(self._seen_once) + len(fresh) > self.window:
            self._seen_once.clear()
        self._seen_once.update(c for c in fresh if len(c) <= self.max_chunk)
        return self.learn(learn)

    def learn(self, chunks: Iterable[str]) -> int:
        """Tokenize ``chunks`` outside any zone, within the budget; returns how many."""
        if self._in_zone():
            return 0
        room = min(self.capacity - len(self.learned), self.per_document)
        batch = [c for c in chunks if c not in self.learned][: max(0, room)]
        if not batch:
            return 0
        # spaCy tokenizes each space-separated chunk on its own (and caches it under the
        # chunk), so one call over the joined chunks is the same as one call per chunk.
        self._tokenize(" ".join(batch))
        self.learned.update(batch)
        return len(batch)
