"""The bare head of a customer's term in a text that never says it is the customer's.

A term such as "Customer Feedback" or "Customer Lifecycle" is also matched by its head alone
("feedback", "lifecycle": :func:`~annotator.glossary.variants.bare_head`), because support text
leaves the customer out where it is plain whose thing it is: "24 hours after a ticket is
solved, a satisfaction survey is sent ... if the customer gives feedback". Where it is never
plain, the head is the everyday word: a career ladder's "actively seeks feedback", an incident
commander who "elicits feedback" from the people on the call, a framework's "component
lifecycle", a manager's "employee survey". :mod:`.otherparties` drops a head that another party
qualifies right beside it ("team feedback"); this rule asks the document as a whole.

One sense per discourse: a concept's bare heads are kept in a document when the document names
the concept in full ("customer feedback" once makes every "feedback" the customer's), or when
a word of a customer's term qualifies one of them ("satisfaction surveys": the words after
"customer" in the glossary's names, :attr:`GlossaryLexicon.customer_qualifiers
<annotator.pipeline.lexicon.GlossaryLexicon.customer_qualifiers>`), or when the sentence of
one of them, or the sentence before, says support:

* a word for the people a business serves (:data:`CUSTOMER_PARTIES`: "customers", "users",
  "callers");
* a term the glossary names by the customer ("CSAT surveys", "customer experience":
  :attr:`GlossaryLexicon.customer_terms <annotator.pipeline.lexicon.GlossaryLexicon.customer_terms>`);
* any other glossary term ("send a survey after each ticket is solved", "feedback on the SLA"),
  except right before the head: a thing that qualifies the head says it is the thing's ("the
  ticket lifecycle"), where a customer's term says it is the customer's ("CSAT survey").

Otherwise every bare head of the concept is dropped. A transcript is left alone, and so is a
text with turns of the help desk's agent: the customer is one of its parties, and says "I'd
like to leave some feedback", or is told "we appreciate your feedback", without being named.

Pure functions over the document's token hashes; the component runs them as the
``customer_side`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..names import AGENT_TURNS_KEY, TRANSCRIPT_KEY
from ..resolution import one_word_terms, release

#: Nouns for the people a business or a service desk serves (general English), singular and
#: plural: near one, a customer's thing named by its head alone is theirs.
CUSTOMER_PARTIES = frozenset(
    "customer customers client clients user users consumer consumers caller callers buyer buyers "
    "shopper shoppers visitor visitors guest guests requester requesters subscriber subscribers "
    "patron patrons respondent respondents end-user end-users".split()
)
_PARTY_IDS = frozenset(map(get_string_id, CUSTOMER_PARTIES))
#: Tokens that end a sentence: the customer must be named in the head's own sentence or the
#: one before it ...
_SENTENCE_END_IDS = frozenset(map(get_string_id, (".", "!", "?")))
#: ... within this many tokens either side (a line break is a token of its own).
_SENTENCE_REACH = 30


def _sentences(lower, strings, i: int, reach: int) -> tuple[int, int]:
    """The token range of the sentence around token ``i`` and the one before it (what a
    pronoun or a bare head in a sentence leans on: "share customer information across
    departments. For example, feedback can be collected from ..."), at most ``reach`` tokens
    either side. A sentence ends at a full stop, a question or an exclamation mark; a blank
    line ends both (a heading, a list item or a table row above or below is another
    statement)."""

    def blank(j: int) -> bool:
        return "\n\n" in strings[lower[j]]

    lo, stops = i, 0
    while lo > 0 and i - lo < reach and not blank(lo - 1):
        if lower[lo - 1] in _SENTENCE_END_IDS:
            stops += 1
            if stops == 2:
                break
        lo -= 1
    hi = i + 1
    while hi < len(lower) and hi - i <= reach and not blank(hi) and lower[hi] not in _SENTENCE_END_IDS:
        hi += 1
    return lo, hi


def said_in_support(lower, strings, i: int, reach: int, customer_starts: list[int], term_starts: list[int],
                    qualifiers) -> bool:
    """The head at token ``i`` is said in support (see the module docstring): a word of a
    customer's term qualifies it (``qualifiers``: "satisfaction surveys"), or its sentence or
    the one before holds one of :data:`CUSTOMER_PARTIES`, a match of a customer's term
    (``customer_starts``: their first tokens; "CSAT surveys") or a match of another term
    (``term_starts``) that does not qualify it ("the ticket lifecycle" is the ticket's)."""
    if i > 0 and lower[i - 1] in qualifiers:
        return True
    lo, hi = _sentences(lower, strings, i, reach)
    if not _PARTY_IDS.isdisjoint(lower[lo:hi]):
        return True
    return any(lo <= start < hi for start in customer_starts) or any(
        lo <= start < hi and start != i - 1 for start in term_starts)


def drop_unclaimed_heads(context, matches: list, taken: bytearray) -> list:
    """The ``customer_side`` rule: ``matches`` without the bare heads of customers' terms in a
    document that never ties the concept to the customer (see the module docstring).
    ``context`` is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`;
    dropped matches release their tokens."""
    if not matches:
        return matches
    lexicon = context.lexicon()
    heads = lexicon.customer_heads
    single = one_word_terms(matches, heads)
    user_data = context.doc.user_data
    if not single or user_data.get(TRANSCRIPT_KEY) or user_data.get(AGENT_TURNS_KEY):
        return matches
    lower = context.lower()
    strings = context.doc.vocab.strings
    bare = {m for m in single if strings[lower[m.start]] in heads[m.id]}
    if not bare:
        return matches
    # A concept named in full anywhere ("customer feedback") claims its heads everywhere.
    claimed = {m.id for m in matches if m.id in heads and m not in bare}
    # Where the customer's things or the desk's are named, the customer is near ("a survey
    # after each ticket is solved").
    customer_terms = lexicon.customer_terms
    others = [m for m in matches if m not in bare]
    customer_starts = [m.start for m in others if m.id in customer_terms]
    term_starts = [m.start for m in others if m.id not in customer_terms]
    for m in sorted(bare):
        if m.id not in claimed and said_in_support(lower, strings, m.start, _SENTENCE_REACH, customer_starts,
                                                   term_starts, lexicon.customer_qualifiers):
            claimed.add(m.id)
    dropped = {m for m in bare if m.id not in claimed}
    return release(matches, dropped, taken)
