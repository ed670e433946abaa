""""The agent" that points back to an everyday agent just named: "I spoke to the agent at the
store and the agent told me ...", "the gate agent was rude, the agent said ...".

The desk's own everyday words ("agent", "queue", "ticket": :attr:`GlossaryLexicon.desk_terms
<annotator.pipeline.lexicon.GlossaryLexicon.desk_terms>`) are dropped where they are placed
in the physical world (:mod:`.placedterms`: "the agent at the gate") or make a compound of
another trade (:mod:`.othertrades`: "the gate agent"), but only there: a care conversation
uses both senses at once ("the agent at the gate" and "a chat agent"), so their other mentions
in the document are judged on their own. Within one speaker's turn, though, English names a
person or a thing once and then points back to it with a definite article or a demonstrative:
"the agent", "that agent", "this queue" after "the agent at the store" or "the gate agent" is
the same person or the same queue, not the help desk's. Such a mention is dropped with the one it points back to, unless another glossary match
stands right beside it ("the agent queue"), which gives it a sense of its own. Asked of a
transcript's turns alone (what the session leaves under
:data:`~annotator.pipeline.names.TRANSCRIPT_KEY`).

A pure function of the document's tokens, asked only of a document that holds a word of a
place or of another trade; run as the ``back_references`` precision rule (:mod:`..precision`),
after ``other_trades`` and ``placed_terms``, before ``everyday_words`` weighs what is left.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.strings import get_string_id

from ..names import TRANSCRIPT_KEY
from ..resolution import release
from .othertrades import TRADE_HEADS, TRADE_MODIFIERS, in_trade_compound
from .placedterms import PLACES, TRADE_PEOPLE, placed

#: Words that point back to something already named (general English): the definite article
#: and the demonstratives, singular.
POINTERS = frozenset(("the", "that", "this"))
#: How many tokens back, within the turn, the named mention is looked for.
REACH = 40

#: Words right after the noun that describe it anew (general English): a preposition or a
#: relative clause's opening ("the agent on the phone", "the agent who answered", "the agent
#: I spoke to") picks out another person than the one just named.
DESCRIBERS = frozenset("on in at from with over who that which whom i you we they he she".split())

_POINTER_IDS = frozenset(map(get_string_id, POINTERS))
_DESCRIBER_IDS = frozenset(map(get_string_id, DESCRIBERS))
# The words that make a desk word another trade's or a place's: the document must hold one.
_CUE_IDS = frozenset(map(get_string_id, PLACES | TRADE_PEOPLE)) | frozenset(
    get_string_id(word) for words in (*TRADE_MODIFIERS.values(), *TRADE_HEADS.values()) for word in words)


def _desk_forms(lexicon) -> dict[int, tuple[str, frozenset[str]]]:
    """Each form of a desk term (its hash) -> (the everyday word it inflects, the concepts it
    names): the glossary's alone, made once per lexicon."""
    forms: dict[int, tuple[str, set[str]]] = {}
    for concept_id in lexicon.desk_terms:
        for form, word in lexicon.everyday.get(concept_id, {}).items():
            forms.setdefault(get_string_id(form), (word, set()))[1].add(concept_id)
    return {key: (word, frozenset(ids)) for key, (word, ids) in forms.items()}


def _pointing_back(context, lower, i: int, j: int, word: str, back: set[int], turns) -> bool:
    """The desk word at token ``i`` (a form of the everyday ``word``), after a pointer, whose
    nearest earlier mention of the same form is at ``j``, points back to a mention placed or of
    another trade in its turn (``turns``: the transcript's ``(start, end)`` ranges, sorted), or
    to one that points back so itself (``back``: the token positions found so), and nothing
    describes it anew after it."""
    if i - j > REACH or (i + 1 < len(lower) and lower[i + 1] in _DESCRIBER_IDS):
        return False  # "the agent on the phone", "the agent I spoke to": someone else
    doc = context.doc
    here = doc[i].idx
    k = bisect_right(turns, (here, float("inf"))) - 1
    if k < 0 or not (turns[k][0] <= doc[j].idx and here < turns[k][1]):
        return False  # another turn's, or no one's
    return j in back or placed(lower, j) or in_trade_compound(lower, j, word)


def drop_back_references(context, matches: list, taken: bytearray) -> list:
    """The ``back_references`` rule: ``matches`` without the desk words that point back to one
    placed in the world or of another trade in the same turn (module docstring). ``context``
    is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches
    release their tokens.

    Cheapest first: the matches (far fewer than the tokens) right after a pointer, then those
    of a desk word with an earlier mention of the same form within :data:`REACH` tokens, and
    only then the document's words of places and trades."""
    turns = context.doc.user_data.get(TRANSCRIPT_KEY) if matches else None
    if not turns:
        return matches  # no turns: written text, or prose read as a transcript
    lower = context.lower()
    pointed = [m for m in matches if m.end - m.start == 1 and m.start > 1 and lower[m.start - 1] in _POINTER_IDS]
    if not pointed:
        return matches
    lexicon = context.lexicon()
    desk_forms = lexicon.derived("back_references.desk_forms", lambda: _desk_forms(lexicon))
    candidates = []
    for m in pointed:
        i = m.start
        form = lower[i]
        entry = desk_forms.get(form)
        if entry is None or m.id not in entry[1]:
            continue
        for j in range(i - 2, max(-1, i - REACH - 1), -1):
            if lower[j] == form:
                candidates.append((i, j, m, entry[0]))
                break
    if not candidates or _CUE_IDS.isdisjoint(context.words()):
        return matches
    starts = {o.start for o in matches}
    dropped, back = set(), set()
    for i, j, m, word in sorted(candidates, key=lambda c: c[0]):
        if i + 1 in starts:
            continue  # another match right after it ("the agent queue"): a sense of its own
        if _pointing_back(context, lower, i, j, word, back, turns):
            dropped.add(m)
            back.add(i)
    return release(matches, dropped, taken)
