"""A verb said with "not": "we don't queue chats", "I cannot wrap up the call", "i wont hold".

English negates a verb through an auxiliary, "do not", "can not", "will not", contracted
("don't", "can't", "won't") or, in chat and speech-to-text, written without the apostrophe
("dont", "cant", "wont"). The English tokenizer splits every one of these, so the token right
before the verb is the negation ("do" "n't", "ca" "n't", "can" "not", "wo" "nt"), never the
modal or the subject the verb cues of :mod:`.everyday` and :mod:`.phrasalverbs` look for: "we
don't queue chats after six" read as the noun. A negation after an auxiliary is such a cue:
what follows it is a verb's base form. "Not" after a form of "be" is not ("it is not queue
time"): there the noun may follow.

A pure function of the document's lower-case token hashes (spaCy's ``LOWER``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id

#: The negation as the tokenizer leaves it after an auxiliary (general English; "nt" is the
#: contraction typed or transcribed without its apostrophe).
NEGATIONS = frozenset(("not", "n't", "n\u2019t", "nt"))
#: Auxiliaries that take a verb's base form after their negation, as the tokenizer splits
#: them ("ca" of "can't", "wo" of "won't", "sha" of "shan't"). Not the forms of "be" or
#: "have", which take a participle or a noun.
AUXILIARIES = frozenset("do does did can ca could will wo would shall sha should must may might need".split())

_NEGATION_IDS = frozenset(map(get_string_id, NEGATIONS))
_AUXILIARY_IDS = frozenset(map(get_string_id, AUXILIARIES))


def negated_verb_cue(lower: Sequence[int], j: int) -> bool:
    """Token ``j`` is a negation right after an auxiliary ("don't", "cannot", "wont"): the
    word after it is a verb's base form."""
    return j >= 1 and lower[j] in _NEGATION_IDS and lower[j - 1] in _AUXILIARY_IDS
