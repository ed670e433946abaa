"""The bare head of a customer's term said of another party: "team feedback", "employee survey".

A term such as "Customer Feedback" or "Customer Survey" is also matched by its head alone
("feedback", "survey": :func:`~annotator.glossary.variants.bare_head`), because support text
leaves the customer out when it is plain whose feedback it is. When another party stands in
the modifier's place ("team feedback", "the employees' survey", "agent feedback"), it is no
longer plain: the text names whose it is, and it is not the customer's; and so it is when the
party is named as where it comes from ("feedback from the team", "feedback and concerns from
team members"), as who holds it ("any feedback that the team has for you"), or when the
feedback goes to the writer's peers (:data:`PEERS`: "constructive feedback to teammates",
"helpful feedback to others"): what colleagues tell each other about their work. The tooltip
for Customer Feedback would explain the wrong thing. Feedback sent on to a department ("raise
feedback to the product team") is still the customers', so "to" counts only before a peer.

The parties are general English nouns for the people and groups of an organisation
(:data:`OTHER_PARTIES`), never names from a corpus; a thing the feedback is about ("ticket
feedback", "product feedback") is no party and leaves the term alone.

Pure functions over the document's token hashes; the component runs them as the
``other_parties`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..resolution import one_word_terms, release

#: Nouns for people and groups inside or beside an organisation other than its customers
#: (general English): before the bare head of a customer's term, they say whose it is.
OTHER_PARTIES = frozenset(
    "team teams staff employee employees agent agents peer peers colleague colleagues manager "
    "managers engineer engineers developer developers partner partners vendor vendors supplier "
    "suppliers stakeholder stakeholders leadership management".split()
)
PARTY_IDS = frozenset(map(get_string_id, OTHER_PARTIES))
_PARTY_IDS = PARTY_IDS
#: Nouns for the writer's fellows at work (general English): feedback given *to* them is
#: colleagues' feedback on each other's work; "team members" counts by its second word.
PEERS = frozenset(
    "teammate teammates colleague colleagues peer peers coworker coworkers co-worker co-workers "
    "mentee mentees others members".split()
)
_PEER_IDS = frozenset(map(get_string_id, PEERS))
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`): another party
#: or a colleague named.
TRIGGER_IDS = _PARTY_IDS | _PEER_IDS
_TO, _RELATIVE_IDS = get_string_id("to"), frozenset(map(get_string_id, ("that", "which")))
#: How many words after the head the "to" or "from" naming the party may stand ("feedback and
#: concerns from team members"), within its clause, and how many words after that the party.
_REACH, _PARTY_REACH = 6, 3
# Tokens that end the clause the head stands in.
_CLAUSE_END_IDS = frozenset(map(get_string_id, (".", ";", ":", "!", "?", "|", ",", "(", ")")))
_FROM = get_string_id("from")
# Words that may open the party's noun phrase after "from" ("from the team", "from our agents").
_DETERMINER_IDS = frozenset(map(get_string_id, "the a an your our their my his her its other".split()))
# A possessive ending between the party and the head ("the team's feedback").
_POSSESSIVE_IDS = frozenset(map(get_string_id, ("'s", "\u2019s", "'", "\u2019")))


def said_of_another_party(lower, start: int) -> bool:
    """The token before ``start`` (past a possessive ending) is one of :data:`OTHER_PARTIES`,
    or "from" and one of them follow it, a determiner or two between ("feedback from the
    team"); ``lower`` are the document's lower-case token hashes."""
    before = start - 1
    if before > 0 and lower[before] in _POSSESSIVE_IDS:
        before -= 1
    if before >= 0 and lower[before] in _PARTY_IDS:
        return True
    after = start + 1
    if after >= len(lower) or lower[after] != _FROM:
        return False
    after += 1
    while after < len(lower) and after - start <= 4 and lower[after] in _DETERMINER_IDS:
        after += 1
    return after < len(lower) and lower[after] in _PARTY_IDS


def given_among_colleagues(lower, start: int, strings) -> bool:
    """Past the head at ``start``, within its clause: "from" and one of :data:`OTHER_PARTIES` or
    :data:`PEERS`, or "to" and one of :data:`PEERS`, a few words on ("feedback and concerns from
    team members", "constructive feedback to more junior teammates"), or "that"/"which" and a
    party as the relative clause's subject ("feedback that the team has for you"); ``lower``
    are the document's lower-case token hashes, ``strings`` its string store (a line break, a
    token of its own, ends the clause too)."""
    n = len(lower)
    after = start + 1
    if after < n and lower[after] in _RELATIVE_IDS:
        j = after + 1
        while j < n and j - after <= 3 and lower[j] in _DETERMINER_IDS:
            j += 1
        if j < n and lower[j] in _PARTY_IDS:
            return True
    for i in range(after, min(n, after + _REACH)):
        word = lower[i]
        if word in _CLAUSE_END_IDS or "\n" in strings[word]:
            return False
        if word == _FROM or word == _TO:
            parties = _PARTY_IDS | _PEER_IDS if word == _FROM else _PEER_IDS
            for j in range(i + 1, min(n, i + 1 + _PARTY_REACH)):
                if lower[j] in parties:
                    return True
                if lower[j] in _CLAUSE_END_IDS or "\n" in strings[lower[j]]:
                    return False
    return False


def drop_other_parties(context, matches: list, taken: bytearray) -> list:
    """The ``other_parties`` rule: ``matches`` without the bare heads of customers' terms that
    another party qualifies. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    if not matches:
        return matches
    heads = context.lexicon().customer_heads
    candidates = one_word_terms(matches, heads)
    # One set test on the document's words spares almost every document the rest.
    if not candidates or (_PARTY_IDS.isdisjoint(words := context.words()) and _PEER_IDS.isdisjoint(words)):
        return matches
    lower = context.lower()
    strings = context.doc.vocab.strings
    dropped = {
        m for m in candidates
        if strings[lower[m.start]] in heads[m.id]
        and (said_of_another_party(lower, m.start) or given_among_colleagues(lower, m.start, strings))
    }  # fmt: skip
    return release(matches, dropped, taken)
