"""An acronym that spells a pronoun, written in capitals as the pronoun: "Can you FIX IT
today?", "IT STILL DOES NOT WORK", "try turning IT off and on again".

``IT`` is the department and ``it`` the pronoun, but people shout a sentence, or a few words
of it, and write the pronoun in capitals beside them. An acronym that spells a stop word
(``IT``, ``US``) is the pronoun:

* beside one shouted ordinary word (all capitals, two letters or more, no acronym a glossary
  pattern lists): "FIX IT today", "and IT STILL does", unless a determiner or a possessive
  stands before it ("MY IT TEAM", "the IT"), or the word after it names the department's
  people or work (:data:`DEPARTMENT_HEADS`: "IT TEAM", "IT SUPPORT"): those are the department;
* or right before a verb's particle that ends the phrase (:data:`PARTICLES`, then no word, or a
  conjunction or an adverb of time, :data:`PHRASE_ENDS`: "turning IT off and on", "plug IT
  in?"): a particle takes an object pronoun before it, and "IT on call" (a noun after the
  particle) stays the department.

What the ``shouted_word`` precision rule asks (:mod:`..precision`) of the candidates its
screen marks (a stop word's spelling), reading the tokens either side.
"""

from __future__ import annotations

#: Words after "IT" that name the department's people or work (general English): "IT team",
#: "IT support", "the IT guy".
DEPARTMENT_HEADS = frozenset(
    "team teams support department dept departments guy guys staff people person folks admin admins "
    "administrator administrators desk helpdesk help ticket tickets manager managers director services "
    "service security ops operations infrastructure crew group contact policy policies".split()
)
#: Determiners and possessives (general English): the word after one is a noun's, the department.
DETERMINERS = frozenset("a an the this that my our your their his her its whose".split())
#: Particles of a phrasal verb (general English) that take the object pronoun before them.
PARTICLES = frozenset("off on up out back in down over away".split())
#: Words that may follow a phrasal verb's particle where its phrase ends (general English):
#: a conjunction or an adverb of time, "turn IT off and on again", "plug IT in now".
PHRASE_ENDS = frozenset("and or but then again now please so too first already yet when if because before after".split())


def _word(doc, i: int) -> str:
    return doc[i].text if 0 <= i < len(doc) else ""


def _shouted(word: str, known: set[str]) -> bool:
    """An ordinary word written in capitals: two letters or more, no acronym of the glossary."""
    return len(word) > 1 and word.isalpha() and word.isupper() and word not in known


def pronoun_in_capitals(doc, start: int, end: int, known: set[str]) -> bool:
    """Tokens ``start``..``end`` (a stop word's spelling in capitals) are the pronoun: one
    shouted neighbour, or a particle ending the phrase after them (module docstring)."""
    before, after = _word(doc, start - 1), _word(doc, end)
    if before.lower() in DETERMINERS or after.lower() in DEPARTMENT_HEADS:
        return False
    if _shouted(before, known) or _shouted(after, known):
        return True
    if after.lower() in PARTICLES:
        following = _word(doc, end + 1)
        return not following.isalpha() or following.lower() in PHRASE_ENDS
    return False
