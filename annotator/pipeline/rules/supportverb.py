"""The verb "support": "we support Android", "does it support dark mode", "we don't support
that". No help desk in it.

"Support" is the help desk's own word as a noun ("contact support", "the support team"), so
:mod:`.everyday` counts it as a domain word near an everyday term. As a verb it says that a
product works with something or that someone backs something ("the app supports playlists",
"we support most brands", "I support the idea"), a thing any product's conversation says: "does
the player support playlists? ... tap the queue button" is about a music player, not a contact
centre's queue. A form of "support" is that verb where English grammar makes it one: a subject
pronoun or a modal right before it ("we support", "it can support"), a third person's subject
after an auxiliary ("does it support"), a negated auxiliary ("we don't support",
:mod:`.negation`), the third person's or the past's ending ("supports",
"supported"), or a noun phrase's opening word right after it ("support the", "support it").
Not "to support", which is as often the team someone writes to ("reach out to support").

A pure function of the document's lower-case token hashes (spaCy's ``LOWER``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id

from .negation import negated_verb_cue

#: The verb's forms that are a noun too (the base); those that are verbs only (general English).
BASE = "support"
VERB_FORMS = frozenset(("supports", "supported"))
#: Words right before the base form that make it a verb (general English): subject pronouns,
#: modals, "does"/"do" of a question ("does it support", "do you support"), adverbs a verb
#: takes in front ("also support", "fully support", "only support").
SUBJECTS = frozenset(
    "i we you they will would can could should must may might shall also fully only still "
    "officially natively".split()
)
#: A third person's subject before the base form makes it a verb only in a question or after a
#: modal ("does it support", "will this support"): "it support" alone is an IT support desk
#: as speech-to-text writes it.
QUESTION_SUBJECTS = frozenset("it he she this that".split())
AUXILIARIES = frozenset("do does did can could will would should may might must".split())
#: Words right after the base form that open its object (general English), never a noun's
#: next word: "support the new format", "support it", "support that".
OBJECTS = frozenset("the a an this that these those it them him her us me my our your their".split())

_BASE = get_string_id(BASE)
_VERB_FORM_IDS = frozenset(map(get_string_id, VERB_FORMS))
_SUBJECT_IDS = frozenset(map(get_string_id, SUBJECTS))
_OBJECT_IDS = frozenset(map(get_string_id, OBJECTS))
_QUESTION_SUBJECT_IDS = frozenset(map(get_string_id, QUESTION_SUBJECTS))
_AUXILIARY_IDS = frozenset(map(get_string_id, AUXILIARIES))
#: Every form this module judges, for a caller's one-look pre-check of a window.
FORM_IDS = frozenset((_BASE,)) | _VERB_FORM_IDS


def is_support_verb(lower: Sequence[int], j: int) -> bool:
    """Token ``j`` is the verb "support" (see the module docstring)."""
    word = lower[j]
    if word in _VERB_FORM_IDS:
        return True
    if word != _BASE:
        return False
    if j > 0 and (lower[j - 1] in _SUBJECT_IDS or negated_verb_cue(lower, j - 1)):
        return True
    if j > 1 and lower[j - 1] in _QUESTION_SUBJECT_IDS and lower[j - 2] in _AUXILIARY_IDS:
        return True
    return j + 1 < len(lower) and lower[j + 1] in _OBJECT_IDS


def support_verbs(lower: Sequence[int], lo: int, hi: int, skip: frozenset[int] = frozenset(), at: int = -1) -> int:
    """How many tokens of ``lower[lo:hi]`` are the verb "support", less token ``at`` and the
    words of ``skip`` (those a caller counts no cue of anyway)."""
    return sum(1 for j in range(lo, hi)
               if j != at and lower[j] in FORM_IDS and lower[j] not in skip and is_support_verb(lower, j))
