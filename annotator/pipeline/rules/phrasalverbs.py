"""A term written as a verb and its particle, used as the verb: "let me wrap up the call".

Some terms are the noun English makes of a phrasal verb ("wrap-up", after-call work), and a
glossary variant writes them apart as the verb is written: "wrap up". In a call or a chat the
verb is far more common than the term ("I'll go ahead and help you wrap up the quote", "let me
just wrap up"), and it is no jargon: it says what someone is about to do, as "hold on" or "queue
it up" do. The verb shows on either side of the two words:

* before them, a word that takes a verb's base form: "to", a modal ("will", "'ll", "can"), a
  subject ("I", "we", "you", "they"), "let me" / "let's", "please", a negated auxiliary
  ("cannot", "won't", "dont": :mod:`.negation`), or an adverb between one of those and the
  verb ("just", "quickly": :data:`ADVERBS`);
* after them, in typed text, a word opening a noun phrase, the verb's object ("wrap up the
  quote", "wrap up your call"); not in a speech-to-text stretch, where the next sentence runs
  on without a full stop and a determiner after the words opens it.

The noun stays the term: "agents in wrap up", "after-call wrap up", "the wrap up took long".
Only a match of two tokens whose second is a particle (:data:`PARTICLES`) is asked; a pure
function of the document's lower-case token hashes, run as the ``phrasal_verbs`` precision rule
(:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ...glossary.compile import TERM_LABEL
from .everyday import OBJECT_STARTS, VERB_CUES
from .negation import negated_verb_cue
from ..resolution import release
from ..spoken import in_spoken_stretch

#: The particles of English phrasal verbs (general English).
PARTICLES = frozenset("up back off in out over down on".split())
#: Words before a verb's base form besides :data:`~.everyday.VERB_CUES`: contracted modals as
#: the tokenizer splits them ("I'll", "we'd") and the object of "let" ("let me", "let us";
#: "let's" is :data:`LETS`).
MORE_VERB_CUES = frozenset("'ll 'd \u2019ll \u2019d me us lets".split())
#: The "'s" of "let's", which the tokenizer splits off: a cue only after "let" (elsewhere it
#: is a possessive, "the team's wrap up", before the noun).
LETS = frozenset(("'s", "\u2019s"))
#: Adverbs that stand between a verb cue and the verb ("let me just wrap up", "I'll quickly
#: wrap up"): looked through, one at most.
ADVERBS = frozenset("just quickly now then also finally soon".split())

_PARTICLE_IDS = frozenset(map(get_string_id, PARTICLES))
_CUE_IDS = frozenset(map(get_string_id, VERB_CUES | MORE_VERB_CUES))
_ADVERB_IDS = frozenset(map(get_string_id, ADVERBS))
_LETS_IDS = frozenset(map(get_string_id, LETS))
_LET = get_string_id("let")
_OBJECT_IDS = frozenset(map(get_string_id, OBJECT_STARTS))


def verb_before(lower, i: int) -> bool:
    """A word that takes a verb's base form stands right before token ``i``, or one adverb
    (:data:`ADVERBS`) away."""
    j = i - 1
    if j >= 0 and lower[j] in _ADVERB_IDS:
        j -= 1
    if j >= 1 and lower[j] in _LETS_IDS:
        return lower[j - 1] == _LET
    return j >= 0 and (lower[j] in _CUE_IDS or negated_verb_cue(lower, j))


def object_after(lower, end: int) -> bool:
    """A word opening a noun phrase stands right at token ``end``."""
    return end < len(lower) and lower[end] in _OBJECT_IDS


def drop_phrasal_verbs(context, matches: list, taken: bytearray) -> list:
    """The ``phrasal_verbs`` rule: ``matches`` without the terms of a verb and its particle
    used as the verb (see the module docstring); dropped matches release their tokens."""
    lower = None
    run_on = None
    dropped = set()
    for m in matches:
        if m.end - m.start != 2 or m.label != TERM_LABEL or m.is_token_pattern:
            continue
        if lower is None:
            lower = context.lower()
        if lower[m.end - 1] not in _PARTICLE_IDS:
            continue
        if verb_before(lower, m.start):
            dropped.add(m)
            continue
        if object_after(lower, m.end):
            if run_on is None:
                run_on = in_spoken_stretch(context.doc, context.text)
            if not run_on(context.doc[m.start].idx):
                dropped.add(m)
    if not dropped:
        return matches
    return release(matches, dropped, taken)
