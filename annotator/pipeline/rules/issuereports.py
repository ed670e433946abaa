"""Defect words in a software issue report: the report's own category, not support jargon.

A bug tracker's issue ("### Describe the bug", "### Expected behavior", "### Steps to
reproduce") says "bug" of itself: "I'm sure this is a bug", "[Possible Bug] ...", "Bug
description". There the word classifies the report for the developers who triage it; in a
support handbook ("bugs customers report go to engineering") it is the support concept.
Which document is an issue report is read from its shape, the prompts issue templates put at
the start of a line (:data:`_TEMPLATE_PROMPT`, general software-tracker vocabulary), or from the
release of the software it names ("since upgrading to version 1.9.4", "1.9.5.1", "v1.0.20":
a version of three numbers or more, or "version" and a number, its digit said as a word in
speech-to-text text, "version one nine four"): a text about how one release
of a program behaves is a report on that program, filed or about to be ("should I report it
as a bug?"). Never from a list of projects; the words are :data:`DEFECT_WORDS`.

Pure functions over the document's text; the component runs them as the ``issue_reports``
precision rule (:mod:`..precision`).
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id

from ..resolution import one_word_terms, release
from ..spoken import in_spoken_stretch

#: Words a software issue report uses of itself (general software vocabulary): in an issue
#: report they classify the report, whatever the glossary means by them.
DEFECT_WORDS = frozenset(("bug", "defect", "glitch"))

# The prompts of issue templates, at the start of a line (after a heading, bold or list mark):
# "### Expected behavior", "**Steps to reproduce**", "Describe the bug", "Bug description".
_PROMPT = (
    r"[ \t]*(?:#{1,6}[ \t]+|\*\*|__|[-*+][ \t]+)?[ \t]*"
    r"(?:(?:expected|actual|current|observed)[ \t]+(?:behaviou?r|results?)"
    r"|(?:steps[ \t]+|how[ \t]+)?to[ \t]+reproduce|reproduction[ \t]+steps"
    r"|describe[ \t]+the[ \t]+(?:bug|defect|problem|issue)|(?:bug|defect)[ \t]+description)\b"
)
_TEMPLATE_PROMPT = re.compile(_PROMPT, re.IGNORECASE)  # matched at the text's start
# At the start of every other line: after a line break, a literal the regex engine skims to at
# C speed (the same lines as "^" under MULTILINE, which is tried at every position).
_PROMPT_AFTER_BREAK = re.compile("\n" + _PROMPT, re.IGNORECASE)


def _defect_forms(bases: dict) -> tuple[dict[str, frozenset[str]], frozenset[int]]:
    """Concept id -> its forms of a :data:`DEFECT_WORDS` word, and the hashes of those forms
    (``bases``: :attr:`GlossaryLexicon.bases <annotator.pipeline.lexicon.GlossaryLexicon.bases>`)."""
    defects: dict[str, frozenset[str]] = {}
    for word in DEFECT_WORDS:
        for concept_id, forms in bases.get(word, {}).items():
            defects[concept_id] = defects.get(concept_id, frozenset()) | forms
    ids = frozenset(get_string_id(form) for forms in defects.values() for form in forms)
    return defects, ids


# A release of a program: three numbers or more ("1.9.4", "v1.0.20"), or "version" and a number;
# the plain spelling, case-insensitive:
#   (?<![\w.])v?\d{1,3}\.\d{1,4}\.\d{1,4}(?:\.\d{1,4})?(?!\.\d|\w)  |  \bversion\s+v?\d
# Written here to open on the set of characters a release can start with ("v", "V", a digit),
# the rest checked behind it: a pattern that opens with a lookbehind, or with a letter under
# IGNORECASE, is tried at every position of the text, and a long document that is no issue
# report is read to its end. Opening on a set, the regex engine skips to those characters at C
# speed. Same matches (a test compares the two spellings); "v" has no other case-insensitive
# equivalent, so [vV] is the plain spelling's v. The set opens with ASCII digits and every
# character past ASCII, and a lookbehind keeps the decimals among them: opening with \d would
# ask Unicode's digit table of every character of the text.
_RELEASE = re.compile(
    r"[vV0-9\x80-\U0010ffff](?<=[vV\d])(?:"
    r"(?:(?<=\d)(?<![\w.]\d)\d{0,2}|(?<=[vV])(?<![\w.][vV])\d{1,3})\.\d{1,4}\.\d{1,4}(?:\.\d{1,4})?(?!\.\d|\w)"
    r"|(?<=[vV])(?<!\w[vV])(?i:ersion)\s+[vV]?\d)"
)
# The same as speech-to-text writes it, the digit as its word ("version one nine four"); read
# only in speech-to-text stretches, where digits are never written ("version one" in typed text
# may be a first draft). Plain spelling, case-insensitive: \bversion\s+(?:zero|one|...|ten)\b,
# opened on its first letter as _RELEASE is.
_SPOKEN_RELEASE = re.compile(
    r"[vV](?<!\w[vV])(?i:ersion\s+(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
)


def is_issue_report(text: str) -> bool:
    """``text`` has the shape of a software issue report: an issue template's prompt starts
    one of its lines, or it names a release of the software (see the module docstring)."""
    return (_TEMPLATE_PROMPT.match(text) is not None or _PROMPT_AFTER_BREAK.search(text) is not None
            or _RELEASE.search(text) is not None)


def names_spoken_release(doc, text: str) -> bool:
    """``text`` (``doc``'s) names a release as speech-to-text writes it ("version one nine
    four") inside a speech-to-text stretch (:func:`~.spoken.in_spoken_stretch`): an issue
    report read aloud, or rendered by a speech-to-text engine."""
    found = _SPOKEN_RELEASE.search(text)
    if found is None:
        return False
    inside = in_spoken_stretch(doc, text)
    return any(inside(m.start()) for m in _SPOKEN_RELEASE.finditer(text, found.start()))


def drop_defect_words(context, matches: list, taken: bytearray) -> list:
    """The ``issue_reports`` rule: in an issue report, ``matches`` without the everyday
    one-word terms that are :data:`DEFECT_WORDS` (in any inflection). ``context`` is the
    component's :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release
    their tokens."""
    if not matches:
        return matches
    lexicon = context.lexicon()
    defects, defect_ids = lexicon.derived("issue_reports.defect_forms", lambda: _defect_forms(lexicon.bases))
    # One set test on the hashes of the document's words spares almost every document the rest.
    if not defects or defect_ids.isdisjoint(context.words()):
        return matches
    doc = context.doc
    dropped = {
        m for m in one_word_terms(matches, defects) if doc[m.start].lower_ in defects[m.id]
    }
    if not dropped or not (is_issue_report(context.text) or names_spoken_release(doc, context.text)):
        return matches
    return release(matches, dropped, taken)
