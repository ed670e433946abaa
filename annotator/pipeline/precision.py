"""Precision rules: the component's heuristics against matches that are not support jargon.

Each rule is a small function registered in spaCy's ``misc`` registry under
``helpdesk_glossary.<rule>.v1``, and the component runs the list named by its
``precision_rules`` setting (by default :data:`DEFAULT_PRECISION_RULES`, all of them), the way
spaCy's ``span_ruler`` takes its ``ents_filter``. A rule works at one of two stages:

* ``candidate``: ``keep(context, match, start_char, end_char) -> bool``, asked while overlaps
  are resolved of each pattern match that would win (a dropped match frees its tokens for
  another one; a match a longer one beats is never asked);
* ``accepted``: ``apply(context, matches, taken) -> matches``, given the resolved entities (and
  the token ownership map, to release what it drops);
* ``document_acronym``: ``keep(context, short, long_forms) -> bool``, asked of each acronym the
  document defines and the glossary does not know, before its mentions are annotated with the
  document's expansion.

A new rule is a function here (or in a module of its own next to this one: proper names in
:mod:`.rules.propernames`, everyday-word terms in :mod:`.rules.everyday`, terms qualifying a part of the
software in :mod:`.rules.softwareparts`, apps named by a term in :mod:`.rules.productnames`, bold labels of a screen in :mod:`.rules.uilabels`, defect words in issue reports in :mod:`.rules.issuereports`, a customer's term said of another party in :mod:`.rules.otherparties`, a verb and its particle
used as the verb in :mod:`.rules.phrasalverbs`), registered, and its name added to
the default list (or to a pipeline's config). The text-shape tests the rules use (code-like
chunks, signatures, shouting) serve the component's other stages too.

Rules read their thresholds from :class:`PrecisionSettings` (the component's
``precision_settings``: a name -> number mapping over the defaults), and what they need of the
glossary from :class:`~annotator.pipeline.lexicon.GlossaryLexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import NamedTuple

from spacy.attrs import LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.util import registry

from ..errors import PipelineError
from ..glossary.compile import TERM_LABEL
from ..text.abbreviations import find_definitions
from ..vocabulary.acronyms import LINT_NOT_ACRONYMS, is_shouting
from ..vocabulary.codes import code_at, parse_code
from ..vocabulary.frequency import COMMON_WORD_ZIPF
from .rules.closinginitials import drop_closing_initials
from .rules.codelike import CodeLike
from .rules.deskproduct import about_desk_product
from .rules.docacronyms import keep_document_acronym
from .rules.everyday import keep_in_context
from .lexicon import CONTEXT_WORD_MAX_ZIPF, CONTEXT_WORD_MIN_TERMS, GlossaryLexicon
from .matcher import Match
from .names import SOURCE_TEXT_KEY
from .rules.issuereports import drop_defect_words
from .rules.otherparties import drop_other_parties
from .rules.othertrades import drop_other_trades
from .rules.phrasalverbs import drop_phrasal_verbs
from .rules.productnames import drop_products
from .rules.propernames import COMMON_STRANGERS, TABLE_CELL_WORDS, drop_names
from .rules.softwareparts import drop_software_parts
from .rules.spokencompounds import drop_spoken_compounds
from .tokentexts import TokenTexts
from .rules.uilabels import drop_ui_labels

# Characters that end an agent's signature prefix: "Thanks! ^CS", "- CS", "~JD".
_SIGNATURE_MARKS = "^~*-\u2013\u2014"
# What may follow a signature on its line.
_SIGNATURE_TAIL = re.compile(r"[ \t.!)]*+(?:\n|\Z)")
_SENTENCE_END = re.compile(r"[.!?\n]")
_WORDS = re.compile(r"[A-Za-z0-9&'\u2019]+")


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
    #: Score for a noun mention in a turn the help desk's agent speaks (a transcript's).
    context_care_weight: float = 0.8
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
    definitions = texts = word_set = desk = None
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

    return RuleContext(doc, text, token_end, known_caps, CodeLike(text), settings, lexicon, abbreviations, lower,
                       tokens, orth, [], words, desk_product)


#: The stages a rule may work at (see the module docstring).
STAGES = ("candidate", "accepted", "document_acronym")


class PrecisionRule(NamedTuple):
    """A registered rule: its ``stage`` (one of :data:`STAGES`) and its function.

    ``scope`` says which candidates a candidate-stage rule can ever drop: ``"token"`` (only
    acronym token-pattern matches), ``"phrase"`` (only phrase matches) or ``"any"``. The
    component asks a rule only about candidates in its scope: most candidates are phrases,
    and a call per candidate per rule was most of the candidate stage's cost."""

    name: str
    stage: str
    run: Callable
    scope: str = "any"


# --- text-shape tests ---------------------------------------------------------------------------


def words_around(text: str, start: int, end: int, reach: int = 3) -> list[str]:
    """``text[start:end]`` with up to ``reach`` words either side, within its sentence.

    A window rather than the whole line: a tweet often shouts one clause and not the next.
    """
    left = _SENTENCE_END.split(text[max(0, start - 80) : start])[-1]
    right = _SENTENCE_END.split(text[end : end + 80])[0]
    return [*_WORDS.findall(left)[-reach:], text[start:end], *_WORDS.findall(right)[:reach]]


def is_signature(text: str, start: int, end: int) -> bool:
    """Agent initials at the end of a message: ``... thanks! ^CS`` / ``- CS`` (not the acronym)."""
    if end - start > 3:
        return False
    # Only closing punctuation up to the line end. Matched in place, never by slicing the
    # rest of the text or searching for the next line break: a megabyte of "SLA SLA ..." on
    # one line would pay for the whole tail at every acronym.
    if _SIGNATURE_TAIL.match(text, end) is None:
        return False
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before > 0 and text[before - 1] in _SIGNATURE_MARKS


def shouted(doc: Doc, match: Match, known: set[str]) -> bool:
    """The acronym spells an ordinary word and the text around it is all caps (``FIX IT NOW``)."""
    neighbours = []
    for i in (match.start - 1, match.end):
        # str.isalpha is the IS_ALPHA flag's own test; the flag is left uncomputed for new
        # words in an annotation session (``HelpdeskGlossary.lexical_attrs``).
        word = doc[i].text if 0 <= i < len(doc) else ""
        if word.isalpha():
            neighbours.append(word)
    return bool(neighbours) and all(
        w.isupper() and len(w) > 1 and w not in known for w in neighbours
    )


def drop_uncorroborated(accepted: list[Match], taken: bytearray) -> list[Match]:
    """Drop one-word terms when their concept is the only glossary concept in the document.

    A single ordinary word ("ticket", "queue", "agent") is support jargon only in support
    context; alone in a short message ("your ticket number" from an airline) it usually is not.
    Any other glossary concept in the same document is taken as that context. Freed tokens
    are released in ``taken`` so later stages may use them.
    """
    if not accepted or len({m.id for m in accepted}) > 1:
        return accepted
    kept = []
    for match in accepted:
        if match.label == TERM_LABEL and not match.is_token_pattern and match.end - match.start == 1:
            taken[match.start : match.end] = b"\x00" * (match.end - match.start)
        else:
            kept.append(match)
    return kept


# --- the rules ----------------------------------------------------------------------------------


def keep_outside_code(context: RuleContext, match: Match, start: int, end: int) -> bool:
    """Glossary words inside a URL, e-mail, handle, path or identifier are not prose."""
    return not context.code_like(start, end)


def keep_unless_signature(context: RuleContext, match: Match, start: int, end: int) -> bool:
    """Agent initials closing a message (``Thanks! ^CS``) are no acronym."""
    return not (match.is_token_pattern and is_signature(context.text, start, end))


def keep_unless_shouted_word(context: RuleContext, match: Match, start: int, end: int) -> bool:
    """An acronym spelling an ordinary word, shouted among capitals (``FIX IT NOW``), is the word."""
    if not match.is_token_pattern:
        return True
    word = context.text[start : context.token_end(match.start)]
    return not (word.lower() in STOP_WORDS and shouted(context.doc, match, context.known_caps))


def keep_unless_caps_label(context: RuleContext, match: Match, start: int, end: int) -> bool:
    """A glossary word written in capitals is still the term (``our BOT replied``, ``MY
    TICKET IS STUCK``), except an ordinary word documents write in capitals (a ``NOTE:``
    label, a status such as ``ESCALATED``; the vocabulary's ``LINT_NOT_ACRONYMS``) outside
    shouted text: there the capitals make a label, not the jargon."""
    if match.is_token_pattern or match.end - match.start != 1:
        return True
    word = context.text[start:end]
    if not word.isupper() or word not in LINT_NOT_ACRONYMS:
        return True
    return is_shouting(words_around(context.text, start, end))


def keep_code_in_context(context: RuleContext, match: Match, start: int, end: int) -> bool:
    """A priority or severity code only where it stands as one (see
    :func:`annotator.vocabulary.codes.code_at`): not inside a hyphenated name or version
    (``db-p1``, ``1.0-p1``), and a bare ``S2`` only among severities, priorities or incidents
    (in ``an S3 bucket`` or ``the Galaxy S1`` it names something else)."""
    if not match.is_token_pattern:
        return True
    # Every code starts with P and its level, or with S and its level or "ev" ("Sev 2"): one
    # look at two characters spares the other acronyms (SLA, SaaS) the rest.
    text = context.text
    first, second = text[start], text[start + 1 : start + 2]
    if first not in "PpSs" or not (second.isdigit() or (first in "Ss" and second in ("E", "e"))):
        return True
    # A code standing as one is kept without a second parse: most codes a text writes do.
    return code_at(text, start, end) is not None or (
        parse_code(text[start:end].removesuffix("'s").removesuffix("\u2019s")) is None
    )


def drop_lone_single_words(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """:func:`drop_uncorroborated` as a rule (no longer a default: ``everyday_words`` decides
    one-word terms from their context; kept for pipelines whose config names it)."""
    return drop_uncorroborated(matches, taken)


def _noting_names(context: RuleContext, matches: list[Match], kept: list[Match]) -> list[Match]:
    """``kept``, after the matches a name rule dropped from ``matches`` are noted in the
    context's :attr:`RuleContext.named`."""
    if context.named is not None and len(kept) < len(matches):
        survivors = set(kept)
        context.named.extend(m for m in matches if m not in survivors)
    return kept


def drop_proper_names(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """Glossary words inside product, app, menu and section names and table labels
    (:mod:`.rules.propernames`)."""
    return _noting_names(context, matches, drop_names(context, matches, taken))


def drop_product_names(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """Capitalised terms a document writes as an app's name ("the Helpdesk app", "Odoo Live
    Chat"), wherever it writes them so (:mod:`.rules.productnames`)."""
    return _noting_names(context, matches, drop_products(context, matches, taken))


def drop_bold_ui_labels(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """One-word terms ending a bold label that names a part of a screen ("**Recent customer
    tickets**", "**New Ticket** dialog"; :mod:`.rules.uilabels`)."""
    return drop_ui_labels(context, matches, taken)


def drop_software_part_modifiers(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """Everyday one-word terms qualifying a part of the software ("agent bot", "agent
    interface"; :mod:`.rules.softwareparts`)."""
    return drop_software_parts(context, matches, taken)


def drop_issue_report_defect_words(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """"Bug" and its kin in a software issue report, where they classify the report
    (:mod:`.rules.issuereports`)."""
    return drop_defect_words(context, matches, taken)


def drop_other_party_heads(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """The bare head of a customer's term said of another party ("team feedback";
    :mod:`.rules.otherparties`)."""
    return drop_other_parties(context, matches, taken)


def drop_phrasal_verb_uses(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """A term written as a verb and its particle, used as the verb ("let me wrap up the call";
    :mod:`.rules.phrasalverbs`)."""
    return drop_phrasal_verbs(context, matches, taken)


def keep_everyday_words_in_context(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """One-word terms that are everyday English words, kept in support context only
    (:mod:`.rules.everyday`)."""
    return keep_in_context(context, matches, taken)


@registry.misc("helpdesk_glossary.code_like.v1")
def make_code_like_rule() -> PrecisionRule:
    return PrecisionRule("code_like", "candidate", keep_outside_code)


@registry.misc("helpdesk_glossary.signature.v1")
def make_signature_rule() -> PrecisionRule:
    return PrecisionRule("signature", "candidate", keep_unless_signature, "token")


@registry.misc("helpdesk_glossary.shouted_word.v1")
def make_shouted_word_rule() -> PrecisionRule:
    return PrecisionRule("shouted_word", "candidate", keep_unless_shouted_word, "token")


@registry.misc("helpdesk_glossary.caps_label.v1")
def make_caps_label_rule() -> PrecisionRule:
    return PrecisionRule("caps_label", "candidate", keep_unless_caps_label, "phrase")


@registry.misc("helpdesk_glossary.code_context.v1")
def make_code_context_rule() -> PrecisionRule:
    return PrecisionRule("code_context", "candidate", keep_code_in_context, "token")


@registry.misc("helpdesk_glossary.uncorroborated_word.v1")
def make_uncorroborated_word_rule() -> PrecisionRule:
    return PrecisionRule("uncorroborated_word", "accepted", drop_lone_single_words)


@registry.misc("helpdesk_glossary.proper_names.v1")
def make_proper_names_rule() -> PrecisionRule:
    return PrecisionRule("proper_names", "accepted", drop_proper_names)


@registry.misc("helpdesk_glossary.product_names.v1")
def make_product_names_rule() -> PrecisionRule:
    return PrecisionRule("product_names", "accepted", drop_product_names)


@registry.misc("helpdesk_glossary.ui_labels.v1")
def make_ui_labels_rule() -> PrecisionRule:
    return PrecisionRule("ui_labels", "accepted", drop_bold_ui_labels)


@registry.misc("helpdesk_glossary.software_parts.v1")
def make_software_parts_rule() -> PrecisionRule:
    return PrecisionRule("software_parts", "accepted", drop_software_part_modifiers)


@registry.misc("helpdesk_glossary.issue_reports.v1")
def make_issue_reports_rule() -> PrecisionRule:
    return PrecisionRule("issue_reports", "accepted", drop_issue_report_defect_words)


@registry.misc("helpdesk_glossary.document_acronyms.v1")
def make_document_acronyms_rule() -> PrecisionRule:
    return PrecisionRule("document_acronyms", "document_acronym", keep_document_acronym)


@registry.misc("helpdesk_glossary.other_parties.v1")
def make_other_parties_rule() -> PrecisionRule:
    return PrecisionRule("other_parties", "accepted", drop_other_party_heads)


@registry.misc("helpdesk_glossary.other_trades.v1")
def make_other_trades_rule() -> PrecisionRule:
    return PrecisionRule("other_trades", "accepted", drop_other_trades)


@registry.misc("helpdesk_glossary.closing_initials.v1")
def make_closing_initials_rule() -> PrecisionRule:
    return PrecisionRule("closing_initials", "accepted", drop_closing_initials)


@registry.misc("helpdesk_glossary.spoken_compounds.v1")
def make_spoken_compounds_rule() -> PrecisionRule:
    return PrecisionRule("spoken_compounds", "accepted", drop_spoken_compounds)


@registry.misc("helpdesk_glossary.phrasal_verbs.v1")
def make_phrasal_verbs_rule() -> PrecisionRule:
    return PrecisionRule("phrasal_verbs", "accepted", drop_phrasal_verb_uses)


@registry.misc("helpdesk_glossary.everyday_words.v1")
def make_everyday_words_rule() -> PrecisionRule:
    return PrecisionRule("everyday_words", "accepted", keep_everyday_words_in_context)


#: Every default rule, in the order they run (names first: a term inside a name is no
#: context for an everyday word).
DEFAULT_PRECISION_RULES = (
    "helpdesk_glossary.code_like.v1",
    "helpdesk_glossary.signature.v1",
    "helpdesk_glossary.shouted_word.v1",
    "helpdesk_glossary.caps_label.v1",
    "helpdesk_glossary.code_context.v1",
    "helpdesk_glossary.product_names.v1",
    "helpdesk_glossary.proper_names.v1",
    "helpdesk_glossary.ui_labels.v1",
    "helpdesk_glossary.software_parts.v1",
    "helpdesk_glossary.issue_reports.v1",
    "helpdesk_glossary.other_parties.v1",
    "helpdesk_glossary.other_trades.v1",
    "helpdesk_glossary.closing_initials.v1",
    "helpdesk_glossary.spoken_compounds.v1",
    "helpdesk_glossary.phrasal_verbs.v1",
    "helpdesk_glossary.everyday_words.v1",
    "helpdesk_glossary.document_acronyms.v1",
)


def rule_names(setting: bool | Iterable[str]) -> list[str]:
    """The registered names a ``precision_rules`` setting stands for: ``true`` every default
    rule, ``false`` none (the setting's older, boolean form), or the names themselves."""
    if setting is True:
        return list(DEFAULT_PRECISION_RULES)
    if setting is False:
        return []
    return [str(name) for name in setting]


#: What a candidate-stage rule may be asked about (see :class:`PrecisionRule`).
RULE_SCOPES = ("any", "token", "phrase")


def resolve_rules(names: Sequence[str]) -> tuple[list[PrecisionRule], list[PrecisionRule], list[PrecisionRule]]:
    """The rules registered under ``names``, split by stage (candidate, accepted,
    document_acronym), each in order.

    An unknown name or a registered function that is no rule fails with E303."""
    by_stage: dict[str, list[PrecisionRule]] = {stage: [] for stage in STAGES}
    for name in names:
        try:
            rule = registry.misc.get(name)()
        except Exception as exc:  # catalogue's RegistryError, or the maker failing
            raise PipelineError("E303", name=name, detail=str(exc)) from exc
        if not isinstance(rule, PrecisionRule) or rule.stage not in STAGES:
            raise PipelineError("E303", name=name, detail="not a PrecisionRule")
        if rule.scope not in RULE_SCOPES:
            raise PipelineError("E303", name=name, detail=f"scope {rule.scope!r} is none of {', '.join(RULE_SCOPES)}")
        by_stage[rule.stage].append(rule)
    candidate, accepted, acronyms = (by_stage[stage] for stage in STAGES)
    return candidate, accepted, acronyms
