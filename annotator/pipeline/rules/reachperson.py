"""A person of the desk someone asks to speak to: "waiting to speak to a representative".

"Speak to a representative", "talk with an agent", "chat with a live agent" is what a caller or
a customer on social media says to reach the help desk's people: the everyday word after it
("agent", "representative") names the desk's agent whatever else the conversation is about,
where "the representative of the buyer" or "a chemical agent" does not. :mod:`.everyday` adds
``context_request_weight`` to such a mention's score.

The phrase is read from the words right before the mention: a verb of talking in any form,
"to" or "with", then a determiner, then at most one word saying the person is a person
("live", "real", "human"). A word of another trade before the term ("my insurance agent", "a
travel agent") is none of those, so it breaks the phrase.

A pure function of the document's lower-case token hashes (spaCy's ``LOWER``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id

#: Verbs of talking to someone, every form (general English).
TALK_VERBS = frozenset(
    "speak speaks speaking spoke spoken talk talks talking talked chat chats chatting chatted".split()
)
#: The prepositions that take the person talked to.
TALK_PREPOSITIONS = frozenset(("to", "with"))
#: Determiners before the person asked for: any one of them, not a possessive ("my agent" may
#: be the speaker's own, an insurance or a talent agent).
PERSON_DETERMINERS = frozenset("a an the another any some".split())
#: Words saying the one asked for is a person, not a bot or a menu.
PERSON_QUALIFIERS = frozenset(("live", "real", "human", "actual"))

_VERB_IDS = frozenset(map(get_string_id, TALK_VERBS))
_PREPOSITION_IDS = frozenset(map(get_string_id, TALK_PREPOSITIONS))
_DETERMINER_IDS = frozenset(map(get_string_id, PERSON_DETERMINERS))
_QUALIFIER_IDS = frozenset(map(get_string_id, PERSON_QUALIFIERS))


def asked_to_reach(lower: Sequence[int], i: int) -> bool:
    """Token ``i`` is the person someone asks to talk to: "speak to a [representative]", "talk
    with a live [agent]" (see the module docstring); ``lower`` the document's lower-case token
    hashes."""
    j = i - 1
    if j >= 0 and lower[j] in _QUALIFIER_IDS:
        j -= 1
    if j < 2 or lower[j] not in _DETERMINER_IDS:
        return False
    return lower[j - 1] in _PREPOSITION_IDS and lower[j - 2] in _VERB_IDS
