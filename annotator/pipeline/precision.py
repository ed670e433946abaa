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

A new rule is a function here (or, as most are, a module of its own in :mod:`.rules`: proper names in
:mod:`.rules.propernames`, everyday-word terms in :mod:`.rules.everyday`, terms qualifying a part of the
software in :mod:`.rules.softwareparts`, agents that are programs in :mod:`.rules.softwareagents`, desk words in a software sense in :mod:`.rules.softwaresenses`, apps named by a term in :mod:`.rules.productnames`, terms
hyphen-joined to a package's name in :mod:`.rules.hyphennames`, bold labels of a screen in :mod:`.rules.uilabels` (and capitalised or quoted ones in prose in :mod:`.rules.screenlabels`), terms run across a table-cell border or a code span in :mod:`.rules.markupgaps`, defect words in issue reports in :mod:`.rules.issuereports`, a customer's term said of another party in :mod:`.rules.otherparties` (or never said of the customer, :mod:`.rules.customerside`), "reporting" said of a mishap
in :mod:`.rules.reportingverb`, a verb and its particle
used as the verb in :mod:`.rules.phrasalverbs`), registered, and its name added to
the default list (or to a pipeline's config). The text-shape tests the rules use (code-like
chunks, signatures, shouting) serve the component's other stages too.

Rules read the document through a :class:`~annotator.pipeline.rulecontext.RuleContext`, their
thresholds from :class:`~annotator.pipeline.rulecontext.PrecisionSettings` (the component's
``precision_settings``: a name -> number mapping over the defaults), and what they need of the
glossary from :class:`~annotator.pipeline.lexicon.GlossaryLexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, partial
from typing import NamedTuple

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id
from spacy.util import registry

from ..errors import PipelineError
from ..glossary.compile import TERM_LABEL
from ..vocabulary.acronyms import LINT_NOT_ACRONYMS, is_shouting
from ..vocabulary.codes import code_at, parse_code
from .matcher import Match
from .rulecontext import RuleContext
from .screens import code_points
from .rules import (
    mentions, otherparties, placedterms, reportingverb, screenlabels, softwareagents, softwareparts, spokenaddresses,
    turntaking, units,
)
from .rules.closinginitials import drop_closing_initials
from .rules.customerside import drop_unclaimed_heads
from .rules.codelike import code_like_screen
from .rules.docacronyms import keep_document_acronym
from .rules.everyday import keep_in_context
from .rules.hyphennames import hyphenated_name_screen, keep_unless_hyphenated_name
from .rules.issuereports import drop_defect_words
from .rules.markupgaps import drop_across_markup
from .rules.mentions import drop_mentions
from .rules.otherparties import drop_other_parties
from .rules.othertrades import drop_other_trades
from .rules.reportingverb import drop_reporting_verbs
from .rules.phrasalverbs import drop_phrasal_verbs
from .rules.placedterms import drop_placed_terms
from .rules.backreference import drop_back_references
from .rules.productnames import drop_products
from .rules.pronounacronyms import pronoun_in_capitals
from .rules.propernames import drop_names
from .rules.screenlabels import drop_screen_labels
from .rules.softwareagents import drop_software_agents
from .rules.softwareparts import drop_software_parts
from .rules.softwaresenses import drop_software_senses
from .rules.spokenaddresses import drop_spoken_addresses
from .rules.spokencompounds import drop_spoken_compounds
from .rules.turntaking import drop_turn_taking
from .rules.units import drop_units
from .rules.uilabels import drop_ui_labels

# Characters that end an agent's signature prefix: "Thanks! ^CS", "- CS", "~JD".
_SIGNATURE_MARKS = "^~*-\u2013\u2014"
# What may follow a signature on its line.
_SIGNATURE_TAIL = re.compile(r"[ \t.!)]*+(?:\n|\Z)")
_SENTENCE_END = re.compile(r"[.!?\n]")
_WORDS = re.compile(r"[A-Za-z0-9&'\u2019]+")
# The same characters as code points, for the rules' screens (see :mod:`.screens`).
_SIGNATURE_MARK_POINTS = code_points(_SIGNATURE_MARKS)
_SIGNATURE_TAIL_POINTS = code_points(" \t.!)")
_BLANK_POINTS = code_points(" \t")
_LINE_BREAK = ord("\n")


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
    #: A candidate-stage rule's screen: ``screen(context, spans, arrays)`` marks, as a numpy
    #: mask, the candidates it might drop, for all of them at once (:mod:`.screens`); the
    #: others are admitted without a call. None: the rule is asked about each candidate.
    screen: Callable | None = None
    #: An accepted-stage rule's trigger words: spaCy ``LOWER`` hashes of which a document must
    #: hold one for the rule to drop anything. The component does not enter the rule for a
    #: document that holds none (one set test on the word set the rules share): most
    #: documents hold none of a rule's few words, and entering every rule for every document
    #: ran more distinct code per document than the interpreter's caches hold. None: the rule
    #: is entered for every document.
    trigger_words: frozenset[int] | None = None
    #: The same for characters: the rule is entered only for a text holding one of them.
    trigger_chars: str | None = None


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


def signature_screen(context: RuleContext, spans, arrays) -> np.ndarray:
    """Exactly the candidates :func:`is_signature` is true of (three characters at most, only
    closing punctuation up to the line end, a signature mark before the spaces before them):
    the ``signature`` rule's screen. Code points either side first, whole-text arrays only
    for the candidates they leave."""
    starts, ends, n = spans.starts, spans.ends, len(context.text)
    after = arrays.at(ends)
    marked = (ends - starts <= 3) & (starts > 0) & ((ends == n) | (after == _LINE_BREAK) | np.isin(after, _SIGNATURE_TAIL_POINTS))
    marked &= np.isin(arrays.at(starts - 1), np.concatenate((_SIGNATURE_MARK_POINTS, _BLANK_POINTS)))
    if not marked.any():
        return marked
    asked = np.flatnonzero(marked)
    points = arrays.points()  # its 0 either side is neither a tail character nor a blank
    # The first character at or after the end that is no closing punctuation: a line break or
    # the text's end ...
    others = np.flatnonzero(~np.isin(points, _SIGNATURE_TAIL_POINTS)) - 1
    stop = others[np.searchsorted(others, ends[asked])]
    # ... and the last before the start that is no space or tab: a signature mark.
    solid = np.flatnonzero(~np.isin(points, _BLANK_POINTS)) - 1
    mark = solid[np.searchsorted(solid, starts[asked]) - 1]
    marked[asked] = (((stop == n) | (arrays.at(stop) == _LINE_BREAK))
                     & (mark >= 0) & np.isin(arrays.at(mark), _SIGNATURE_MARK_POINTS))  # fmt: skip
    return marked


def keep_unless_shouted_word(context: RuleContext, match: Match, start: int, end: int) -> bool:
    """An acronym spelling an ordinary word, written as the word in capitals (``FIX IT NOW``,
    ``Can you FIX IT today?``, ``turning IT off``), is the word; ``MY IT TEAM`` is the
    department (:mod:`.rules.pronounacronyms`)."""
    if not match.is_token_pattern:
        return True
    word = context.text[start : context.token_end(match.start)]
    return not (word.lower() in STOP_WORDS and pronoun_in_capitals(context.doc, match.start, match.end, context.known_caps))


def _string_ids(words: Iterable[str]) -> np.ndarray:
    """``words``' string hashes, sorted, for ``np.isin`` against a token hash column."""
    return np.array(sorted({get_string_id(w) for w in words}), dtype=np.uint64)


@cache
def _stop_word_ids() -> np.ndarray:
    return _string_ids(STOP_WORDS)  # on a screen's first use, not at import


@cache
def _label_ids() -> np.ndarray:
    return _string_ids(LINT_NOT_ACRONYMS)


def shouted_word_screen(context: RuleContext, spans, arrays) -> np.ndarray:
    """The candidates whose first word is a stop word, by its ``LOWER`` hash: the
    ``shouted_word`` rule keeps every other one without a look around."""
    return np.isin(arrays.lower[spans.first], _stop_word_ids())


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


def caps_label_screen(context: RuleContext, spans, arrays) -> np.ndarray:
    """One-token candidates written as a word of ``LINT_NOT_ACRONYMS`` (by ``ORTH`` hash): the
    ``caps_label`` rule keeps every other one unread."""
    return (spans.tokens == 1) & np.isin(arrays.orth[spans.first], _label_ids())


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


_CODE_FIRST_POINTS = code_points("PpSs")
_SEVERITY_POINTS = code_points("Ss")
_DIGIT_POINTS = code_points("0123456789")
_EV_POINTS = code_points("Ee")


def code_context_screen(context: RuleContext, spans, arrays) -> np.ndarray:
    """The candidates :func:`keep_code_in_context` reads further than two characters: a P or S
    and a digit (any code point above ASCII may be one), or an S and an E."""
    first, second = arrays.at(spans.starts), arrays.at(spans.starts + 1)
    return np.isin(first, _CODE_FIRST_POINTS) & (
        np.isin(second, _DIGIT_POINTS) | (second > 127) | (np.isin(first, _SEVERITY_POINTS) & np.isin(second, _EV_POINTS)))


def drop_lone_single_words(context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """:func:`drop_uncorroborated` as a rule (no longer a default: ``everyday_words`` decides
    one-word terms from their context; kept for pipelines whose config names it)."""
    return drop_uncorroborated(matches, taken)


def noting_names(drop: Callable, context: RuleContext, matches: list[Match], taken: bytearray) -> list[Match]:
    """What the name rule ``drop`` keeps of ``matches``, after the matches it dropped are noted
    in the context's :attr:`RuleContext.named`. Bound to each name rule by ``partial`` (below):
    one function around both rules, not a wrapper each."""
    kept = drop(context, matches, taken)
    if context.named is not None and len(kept) < len(matches):
        survivors = set(kept)
        context.named.extend(m for m in matches if m not in survivors)
    return kept


#: Glossary words inside product, app, menu and section names and table labels
#: (:mod:`.rules.propernames`).
drop_proper_names = partial(noting_names, drop_names)
#: Capitalised terms a document writes as an app's name ("the Helpdesk app", "Odoo Live
#: Chat"), wherever it writes them so (:mod:`.rules.productnames`).
drop_product_names = partial(noting_names, drop_products)


@registry.misc("helpdesk_glossary.code_like.v1")
def make_code_like_rule() -> PrecisionRule:
    return PrecisionRule("code_like", "candidate", keep_outside_code, "any", code_like_screen)


@registry.misc("helpdesk_glossary.signature.v1")
def make_signature_rule() -> PrecisionRule:
    return PrecisionRule("signature", "candidate", keep_unless_signature, "token", signature_screen)


@registry.misc("helpdesk_glossary.shouted_word.v1")
def make_shouted_word_rule() -> PrecisionRule:
    return PrecisionRule("shouted_word", "candidate", keep_unless_shouted_word, "token", shouted_word_screen)


@registry.misc("helpdesk_glossary.caps_label.v1")
def make_caps_label_rule() -> PrecisionRule:
    return PrecisionRule("caps_label", "candidate", keep_unless_caps_label, "phrase", caps_label_screen)


@registry.misc("helpdesk_glossary.code_context.v1")
def make_code_context_rule() -> PrecisionRule:
    return PrecisionRule("code_context", "candidate", keep_code_in_context, "token", code_context_screen)


@registry.misc("helpdesk_glossary.hyphenated_names.v1")
def make_hyphenated_names_rule() -> PrecisionRule:
    return PrecisionRule("hyphenated_names", "candidate", keep_unless_hyphenated_name, "phrase", hyphenated_name_screen)


@registry.misc("helpdesk_glossary.markup_gaps.v1")
def make_markup_gaps_rule() -> PrecisionRule:
    return PrecisionRule("markup_gaps", "accepted", drop_across_markup)


@registry.misc("helpdesk_glossary.screen_labels.v1")
def make_screen_labels_rule() -> PrecisionRule:
    return PrecisionRule("screen_labels", "accepted", drop_screen_labels, trigger_words=screenlabels.TRIGGER_IDS)


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
    """One-word terms ending a bold label that names a part of a screen ("**Recent customer
    tickets**", "**New Ticket** dialog"; :mod:`.rules.uilabels`): only in a text with emphasis."""
    return PrecisionRule("ui_labels", "accepted", drop_ui_labels, trigger_chars="*_")


@registry.misc("helpdesk_glossary.software_parts.v1")
def make_software_parts_rule() -> PrecisionRule:
    """Everyday one-word terms qualifying a part of the software ("agent bot", "agent
    interface"; :mod:`.rules.softwareparts`)."""
    return PrecisionRule("software_parts", "accepted", drop_software_parts, trigger_words=softwareparts.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.software_agents.v1")
def make_software_agents_rule() -> PrecisionRule:
    """A bare "agent" in a document about agents built on language models: a program, not the
    support agent (:mod:`.rules.softwareagents`)."""
    return PrecisionRule("software_agents", "accepted", drop_software_agents,
                         trigger_words=softwareagents.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.software_senses.v1")
def make_software_senses_rule() -> PrecisionRule:
    """A desk word ("queue", "macro") in a document that names the machinery of its software
    sense (:mod:`.rules.softwaresenses`)."""
    return PrecisionRule("software_senses", "accepted", drop_software_senses)


@registry.misc("helpdesk_glossary.issue_reports.v1")
def make_issue_reports_rule() -> PrecisionRule:
    """"Bug" and its kin in a software issue report, where they classify the report
    (:mod:`.rules.issuereports`)."""
    return PrecisionRule("issue_reports", "accepted", drop_defect_words)


@registry.misc("helpdesk_glossary.document_acronyms.v1")
def make_document_acronyms_rule() -> PrecisionRule:
    return PrecisionRule("document_acronyms", "document_acronym", keep_document_acronym)


@registry.misc("helpdesk_glossary.other_parties.v1")
def make_other_parties_rule() -> PrecisionRule:
    """The bare head of a customer's term said of another party ("team feedback";
    :mod:`.rules.otherparties`)."""
    return PrecisionRule("other_parties", "accepted", drop_other_parties, trigger_words=otherparties.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.customer_side.v1")
def make_customer_side_rule() -> PrecisionRule:
    """The bare head of a customer's term in a document that never ties it to the customer
    ("actively seeks feedback", "the component lifecycle"; :mod:`.rules.customerside`)."""
    return PrecisionRule("customer_side", "accepted", drop_unclaimed_heads)


@registry.misc("helpdesk_glossary.reporting_verb.v1")
def make_reporting_verb_rule() -> PrecisionRule:
    """"Reporting" said of a mishap or of a chain of command: the verb
    (:mod:`.rules.reportingverb`)."""
    return PrecisionRule("reporting_verb", "accepted", drop_reporting_verbs, trigger_words=reportingverb.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.mentions.v1")
def make_mentions_rule() -> PrecisionRule:
    """"Tag" said of a person, a mention (:mod:`.rules.mentions`)."""
    return PrecisionRule("mentions", "accepted", drop_mentions, trigger_words=mentions.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.turn_taking.v1")
def make_turn_taking_rule() -> PrecisionRule:
    """"Round robin" said of people taking turns (:mod:`.rules.turntaking`)."""
    return PrecisionRule("turn_taking", "accepted", drop_turn_taking, trigger_words=turntaking.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.other_trades.v1")
def make_other_trades_rule() -> PrecisionRule:
    return PrecisionRule("other_trades", "accepted", drop_other_trades)


@registry.misc("helpdesk_glossary.placed_terms.v1")
def make_placed_terms_rule() -> PrecisionRule:
    """Everyday words placed in the physical world, "the agent at the gate", "an incident
    with my driver" (:mod:`.rules.placedterms`)."""
    return PrecisionRule("placed_terms", "accepted", drop_placed_terms, trigger_words=placedterms.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.back_references.v1")
def make_back_references_rule() -> PrecisionRule:
    """A desk word pointing back to one placed in the world or of another trade on its line,
    "the agent at the store ... the agent told me" (:mod:`.rules.backreference`)."""
    return PrecisionRule("back_references", "accepted", drop_back_references)


@registry.misc("helpdesk_glossary.closing_initials.v1")
def make_closing_initials_rule() -> PrecisionRule:
    return PrecisionRule("closing_initials", "accepted", drop_closing_initials)


@registry.misc("helpdesk_glossary.units.v1")
def make_units_rule() -> PrecisionRule:
    return PrecisionRule("units", "accepted", drop_units, trigger_words=units.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.spoken_addresses.v1")
def make_spoken_addresses_rule() -> PrecisionRule:
    """Web and e-mail addresses read aloud, "help dot acme dot com slash live chat"
    (:mod:`.rules.spokenaddresses`)."""
    return PrecisionRule("spoken_addresses", "accepted", drop_spoken_addresses,
                         trigger_words=spokenaddresses.TRIGGER_IDS)


@registry.misc("helpdesk_glossary.spoken_compounds.v1")
def make_spoken_compounds_rule() -> PrecisionRule:
    return PrecisionRule("spoken_compounds", "accepted", drop_spoken_compounds)


@registry.misc("helpdesk_glossary.phrasal_verbs.v1")
def make_phrasal_verbs_rule() -> PrecisionRule:
    """A term written as a verb and its particle, used as the verb ("let me wrap up the call";
    :mod:`.rules.phrasalverbs`)."""
    return PrecisionRule("phrasal_verbs", "accepted", drop_phrasal_verbs)


@registry.misc("helpdesk_glossary.everyday_words.v1")
def make_everyday_words_rule() -> PrecisionRule:
    """One-word terms that are everyday English words, kept in support context only
    (:mod:`.rules.everyday`)."""
    return PrecisionRule("everyday_words", "accepted", keep_in_context)


#: Every default rule, in the order they run (names first: a term inside a name is no
#: context for an everyday word).
DEFAULT_PRECISION_RULES = (
    "helpdesk_glossary.code_like.v1",
    "helpdesk_glossary.signature.v1",
    "helpdesk_glossary.shouted_word.v1",
    "helpdesk_glossary.caps_label.v1",
    "helpdesk_glossary.code_context.v1",
    "helpdesk_glossary.hyphenated_names.v1",
    "helpdesk_glossary.markup_gaps.v1",
    "helpdesk_glossary.screen_labels.v1",
    "helpdesk_glossary.product_names.v1",
    "helpdesk_glossary.proper_names.v1",
    "helpdesk_glossary.ui_labels.v1",
    "helpdesk_glossary.software_parts.v1",
    "helpdesk_glossary.software_agents.v1",
    "helpdesk_glossary.software_senses.v1",
    "helpdesk_glossary.issue_reports.v1",
    "helpdesk_glossary.other_parties.v1",
    "helpdesk_glossary.customer_side.v1",
    "helpdesk_glossary.reporting_verb.v1",
    "helpdesk_glossary.mentions.v1",
    "helpdesk_glossary.turn_taking.v1",
    "helpdesk_glossary.other_trades.v1",
    "helpdesk_glossary.placed_terms.v1",
    "helpdesk_glossary.back_references.v1",
    "helpdesk_glossary.closing_initials.v1",
    "helpdesk_glossary.units.v1",
    "helpdesk_glossary.spoken_addresses.v1",
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
