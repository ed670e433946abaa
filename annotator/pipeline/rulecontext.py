"""What a precision rule may read: the document's facts (:class:`RuleContext`, each read once,
on first need, by whichever rule or stage asks first) and the thresholds in force
(:class:`PrecisionSettings`). The rules themselves and the list the component runs are in
:mod:`.precision` and :mod:`.rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from itertools import repeat
from typing import NamedTuple

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from ..errors import PipelineError
from ..text.abbreviations import find_definitions
from ..vocabulary.frequency import COMMON_WORD_ZIPF
from .lexicon import CONTEXT_WORD_MAX_ZIPF, CONTEXT_WORD_MIN_TERMS, GlossaryLexicon
from .matcher import Match
from .names import SOURCE_TEXT_KEY, TRANSCRIPT_KEY
from .rules.codelike import CodeLike
from .rules.deskproduct import about_desk_product
from .rules.dialogue import is_dialogue
from .rules.layout import TABLE_CELL_WORDS
from .rules.propernames import COMMON_STRANGERS
from .tokentexts import TokenTexts

@dataclass(frozen=True)
class PrecisionSettings:
    """The rules' thresholds, each with its default (a pipeline overrides them by name through
    the component's ``precision_settings``)."""

    #: A one-word term whose word is at least this common in English (Zipf scale, see
    #: :mod:`annotator.vocabulary.frequency`) is an everyday word, kept only in support context.
    everyday_word_zipf: float = COMMON_WORD_ZIPF
    #: The context score an everyday-word term needs to be kept (:mod:`.rules.everyday`).
    context_threshold: float = 0.8
    #: Tokens either side of a mention that count as its context.
    context_window: int = 12
    #: Score for each other glossary concept in the window (two count at most).
    context_term_weight: float = 1.0
    #: Score for each other glossary concept the document names (anywhere) ...
    context_doc_weight: float = 0.5
    #: ... counting this many at most.
    context_doc_concepts: int = 2
    #: Score for a noun mention qualifying a part of a screen ("the ticket view").
    context_screen_weight: float = 1.0
    #: Score for each domain word in the window (two count at most).
    context_word_weight: float = 0.4
    #: Score for each further noun mention of the same term in the document (off by default:
    #: in task dialogues the repeated everyday word is the topic, "tickets" for a show) ...
    context_repeat_weight: float = 0.0
    #: ... counting this many at most.
    context_repeat_mentions: int = 2
    #: Score for each further noun mention of a term of the desk's own ("agent", "queue",
    #: "ticket"; :attr:`GlossaryLexicon.desk_terms`) in written text, not a transcript: an issue
    #: report or an article that keeps naming tickets is about the desk's tickets (same cap).
    context_desk_repeat_weight: float = 0.4
    #: Score for a noun mention in a turn the help desk's agent speaks (a transcript's).
    context_care_weight: float = 0.8
    #: Score for a mention someone asks to speak to ("speak to a representative";
    #: :mod:`.rules.reachperson`).
    context_request_weight: float = 0.8
    #: Score for the desk's own terms ("agent", "queue") in a document about a help-desk or
    #: contact-centre product (:mod:`.rules.deskproduct`).
    context_desk_weight: float = 0.8
    #: Penalty for a noun form used as a verb ("to queue", "queues up").
    verb_penalty: float = 1.0
    #: Further penalty when the noun used as a verb is an -ing word ("reporting a bug").
    gerund_verb_penalty: float = 5.0
    #: Penalty for a mention a "thanks for ..." thanks the reader for ("your feedback").
    courtesy_penalty: float = 5.0
    #: Penalty for each word of travel or events in the window (two count at most).
    other_domain_weight: float = 0.5
    #: Fewest glossary names a word must occur in to be a domain word ...
    context_word_min_terms: int = CONTEXT_WORD_MIN_TERMS
    #: ... unless it is at least this common in English (Zipf): "time", "help".
    context_word_max_zipf: float = CONTEXT_WORD_MAX_ZIPF
    #: A capitalised word outside the glossary rarer than this (Zipf) makes a run a name alone
    #: ("Zendesk Help Desk"; :mod:`.rules.propernames`) ...
    name_rare_word_zipf: float = COMMON_WORD_ZIPF
    #: ... and this many common ones do ("Help Scout Beacon").
    name_common_strangers: int = COMMON_STRANGERS
    #: Most words in a markdown table cell read as a status or UI label.
    table_cell_words: int = TABLE_CELL_WORDS
    #: A transcript half of whose turns hold this many words or more is a thread of posts, not
    #: a dialogue (:mod:`.rules.dialogue`).
    dialogue_turn_words: int = 20

    @classmethod
    def from_config(cls, values: Mapping[str, object] | None) -> PrecisionSettings:
        """The defaults with ``values`` over them; an unknown name or a non-number is E304."""
        known = {f.name: f for f in fields(cls)}
        changes = {}
        for name, value in (values or {}).items():
            if name not in known:
                raise PipelineError("E304", name=name, detail=f"known settings: {', '.join(known)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise PipelineError("E304", name=name, detail=f"{value!r} is not a number")
            changes[name] = type(getattr(cls, name))(value)
        return replace(cls(), **changes)


DEFAULT_SETTINGS = PrecisionSettings()


class RuleContext(NamedTuple):
    """What a rule may read of the document being annotated."""

    doc: Doc
    text: str
    #: Token index -> character offset (``token_end(i)`` is where token ``i`` ends).
    token_end: Callable[[int], int]
    #: Every spelling a glossary acronym pattern can match (they are not ordinary words).
    known_caps: set[str]
    #: ``code_like(start_char, end_char)``: the text's :class:`~.codelike.CodeLike`, shared by every stage.
    code_like: Callable[[int, int], bool]
    #: The thresholds in force.
    settings: PrecisionSettings = DEFAULT_SETTINGS
    #: ``lexicon()``: what the rules read of the glossary (built on first need).
    lexicon: Callable[[], GlossaryLexicon] = lambda: GlossaryLexicon(frozenset(), frozenset(), {}, frozenset())
    #: ``abbreviations()``: the document's in-text definitions (found on first need).
    abbreviations: Callable[[], list[dict]] = lambda: []
    #: ``lower()``: the document's lower-case token hashes (spaCy's ``LOWER``), read once, on
    #: first need, for every rule that reads words by hash.
    lower: Callable[[], list[int]] = lambda: []
    #: ``tokens()``: the document's :class:`~annotator.pipeline.tokentexts.TokenTexts`, one for
    #: every rule (a token read by one rule is not sliced again by the next).
    tokens: Callable[[], TokenTexts] | None = None
    #: ``orth()``: the document's token hashes as written (spaCy's ``ORTH``), read once, on
    #: first need.
    orth: Callable[[], list[int]] = lambda: []
    #: The matches the name rules took for words of a name ("the **Helpdesk** pipeline",
    #: "Staff Agent"), filled as they run: no mentions, but what the document is about (see
    #: :mod:`.rules.everyday`). A fresh list per document (None: nothing is recorded).
    named: list[Match] | None = None
    #: ``words()``: the set of :attr:`lower`'s hashes, made once, on first need, for the rules'
    #: one-look pre-checks (``WORDS.isdisjoint(context.words())``): a set of a few words
    #: checked against it looks each of its own up, where a check against the list hashes
    #: every token of the document again.
    words: Callable[[], frozenset[int]] = lambda: frozenset()
    #: ``desk_product()``: the document is about a help-desk or contact-centre product
    #: (:mod:`.rules.deskproduct`), found on first need.
    desk_product: Callable[[], bool] = lambda: False
    #: ``dialogue()``: the document is a transcript of short turns, a dialogue, not a thread
    #: of posts or prose (:mod:`.rules.dialogue`), found on first need.
    dialogue: Callable[[], bool] = lambda: False


def rule_context(
    doc: Doc,
    text: str,
    token_end: Callable[[int], int],
    known_caps: set[str],
    settings: PrecisionSettings,
    lexicon: Callable[[], GlossaryLexicon],
    columns=None,
    hashes: tuple[list[int], list[int]] | None = None,
) -> RuleContext:
    """The :class:`RuleContext` of one document: its in-text definitions, its token hashes
    and its token texts are read once, by whichever stage asks first (a rule, or the component
    after the rules). ``columns``: the matcher's ``doc.to_array`` (``LOWER``, then ``ORTH``),
    when read; ``hashes``: those two columns as lists, when the caller made them (a column of
    64-bit hashes costs as much to turn into a list as a scan of its tokens in Python)."""
    # Each value kept in a closure cell, not by functools.cache: that wrapper costs more to
    # make (once per document, three times) than every later call saves.
    definitions = texts = word_set = desk = exchange = None
    lower_hashes, orth_hashes = hashes if hashes is not None else (None, None)

    def abbreviations() -> list[dict]:
        nonlocal definitions
        if definitions is None:
            definitions = find_definitions(text, or_form=False) if "(" in text else []
        return definitions

    def column(index: int, attr: int) -> list[int]:
        if columns is not None:  # the matcher read them already
            return columns[:, index].tolist()
        return doc.to_array(attr).tolist() if len(doc) else []

    def lower() -> list[int]:
        nonlocal lower_hashes
        if lower_hashes is None:
            lower_hashes = column(0, LOWER)
        return lower_hashes

    def orth() -> list[int]:
        nonlocal orth_hashes
        if orth_hashes is None:
            orth_hashes = column(1, ORTH)
        return orth_hashes

    def tokens() -> TokenTexts:
        nonlocal texts
        if texts is None:
            texts = TokenTexts(doc, text, token_end)
        return texts

    def words() -> frozenset[int]:
        nonlocal word_set
        if word_set is None:
            word_set = frozenset(lower())
        return word_set

    def desk_product() -> bool:
        nonlocal desk
        if desk is None:
            # The string sent, markup and all, when the session left it: handles and code
            # name the product.
            desk = about_desk_product(doc.user_data.get(SOURCE_TEXT_KEY) or text, lexicon())
        return desk

    def dialogue() -> bool:
        nonlocal exchange
        if exchange is None:
            turns = doc.user_data.get(TRANSCRIPT_KEY)
            exchange = bool(turns) and is_dialogue(text, turns, int(settings.dialogue_turn_words))
        return exchange

    if hashes is not None:
        # Given the hash lists, the hashes and the word set (which the component's rule
        # dispatch reads for every document) are known now: each is handed out by a C-level
        # callable (a repeat's ``__next__`` returns the same object each time), not by a
        # closure, so reading them enters no Python function.
        lower, orth = repeat(lower_hashes).__next__, repeat(orth_hashes).__next__
        words = repeat(frozenset(lower_hashes)).__next__
    return RuleContext(doc, text, token_end, known_caps, CodeLike(text), settings, lexicon, abbreviations, lower,
                       tokens, orth, [], words, desk_product, dialogue)
