"""What an acronym looks like, and which all-caps words are not acronyms: the one definition.

Pure functions over strings; no spaCy. Several callers ask "is this an acronym?" for different
reasons, so there are a few named predicates here, each built from the same pieces
(:func:`base_acronym` for plural and possessive endings, letter counts, :data:`NOT_ACRONYMS`):

=============================  =====================================================  ==========
predicate                      question it answers                                    caller
=============================  =====================================================  ==========
:func:`is_acronym_shape`       could this running-text token be an acronym?           abbreviations
:func:`is_acronym`             ... and is it not an ordinary word, unit, numeral?     component
:func:`is_acronym_word`        is this word of a glossary *name* an acronym?          glossary
:func:`is_acronym_phrase`      an acronym, maybe with a number (``SOC 2``)?           seed pages
:func:`is_acronym_alias`       should this alias match case-sensitively?              patterns
:func:`is_caps_acronym`        an all-caps token nobody defined (``CSAT``, ``2FA``)?  linter
:func:`is_mixed_acronym`       a mixed-case one (``VoIP``, ``eNPS``) in running text? discovery
=============================  =====================================================  ==========

Why they differ: running text is noisy, so :func:`is_acronym_shape` is ASCII-only, at most six
characters and tolerant of ``SLAs`` / ``SLA's``; glossary names are curated, so
:func:`is_acronym_word` accepts up to ten characters and mixed case (``CCaaS``, ``OMs``) but no
inflection; pattern generation only routes an alias to case-sensitive matching, so
:func:`is_acronym_alias` is the loosest (``Q&A``, twelve characters); the linter asks an author
to define only what is written in capitals, so :func:`is_caps_acronym` refuses lowercase
letters (``eNPS`` is left to the glossary); discovery, which proposes what a glossary
lacks, takes mixed-case ones too (:func:`is_mixed_acronym`), but not the camel-case names and
caps-lock slips that share their letter counts (``GitLab``, ``ChatJS``, ``THe``).

Shape (:func:`is_acronym_shape`): 2-6 ASCII characters after removing a plural or possessive
(``SLAs``, ``SLA's``); starts with a letter or digit; only letters, digits and ``&``; at least
two capitals, and capitals are at least half of the letters. So ``SLA``, ``QA``, ``KPI``,
``B2B``, ``R&D``, ``eNPS``, ``SaaS``, ``CCaaS``, ``IoT`` and ``VoIP`` are acronym-shaped;
``Hi``, ``iPhone``, ``DevOps``, ``U.S.``, ``A/B`` and ``IMPORTANT`` (too long) are not.

Not acronyms, although shaped like one (:func:`is_acronym`):

* :data:`NOT_ACRONYMS`: ordinary words written in capitals (``NOTE``, ``TIP``, ``AND``,
  ``OK``, ``URGENT``, ``FREE``), greetings and e-mail prefixes (``HI``, ``RE``, ``FW``), product
  names written in caps (``SLACK``, ``ZOOM``, ``JIRA``). ``FAQ``, ``ASAP``, ``FYI`` and ``IT``
  *are* acronyms and are not listed.
* Roman numerals made of ``I``, ``V`` and ``X`` (``II``, ``IV``, ``XII``): "Tier II",
  "Phase IV". Numerals with ``L``, ``C``, ``D`` or ``M`` are left alone because they collide
  with real acronyms (``CD``, ``CLI``, ``DC``, ``MD``).
* Units, currencies, time zones, days, months and country codes (:data:`COMMON_ABBREVIATIONS`:
  ``MB``, ``GHz``, ``USD``, ``UTC``, ``PST``, ``AM``, ``JAN``, ``US``, ``EU``): abbreviations
  every reader knows, which a KB article need not define and which are not jargon. ``KB`` is
  deliberately *not* among them: in customer support it is the knowledge base.
* Shouting: in a run of capitals (:func:`is_shouting`, e.g. ``PLEASE READ THIS NOW``) a
  capitalized word says nothing about being an acronym, so callers should not report unknown
  acronyms inside it.

The linter adds :data:`DOCUMENT_CAPS_WORDS` (HTTP methods, keyboard keys, admonition labels an
article writes in capitals): :data:`LINT_NOT_ACRONYMS` is the union it uses. The component keeps
the narrower list, because a glossary-less capital word in a ticket is rarer than in an article.

The lists only govern *unknown* acronyms. A word the glossary lists as an acronym is matched by
the glossary's patterns whatever these lists say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

#: Ordinary all-caps words that are not acronyms.
ORDINARY_CAPS_WORDS = frozenset(
    """
    A AN THE AND OR NOR BUT NOT NO YES OK OKAY IF SO AS AT BY TO OF IN ON UP FOR FROM WITH
    IS ARE WAS BE BEEN AM DO DID DONE HAS HAD HAVE CAN MAY MUST WILL WONT DONT CANT
    ALL ANY EACH EVERY SOME NONE ONLY ALSO JUST VERY MORE MOST LESS NEW OLD HOT TOP BEST
    I ME MY WE US OUR YOU YOUR HE SHE HIS HER THEY THEM THIS THAT THESE THOSE WHAT WHO WHY
    HOW WHEN WHERE HERE THERE NOW THEN TODAY
    NOTE NOTES NB TIP TIPS HINT INFO ALERT WARN ERROR FAILED FAIL PASS OK DONE STOP WAIT
    TODO FIXME XXX TBD WIP DRAFT FINAL UPDATE UPDATED EDIT EDITED NEW FREE SALE DEAL SAVE
    URGENT HELP PLEASE THANKS THANK SORRY HI HEY HELLO DEAR BYE
    RE FW FWD PS CC BCC
    TRUE FALSE NULL NAN VOID
    CLOSED OPEN OPENED SOLVED PENDING ON OFF HOLD LIVE BETA
    SLACK ZOOM JIRA ASANA TRELLO NOTION
    IMPORTANT WARNING CAUTION DANGER ATTENTION REMINDER NOTICE REQUIRED OPTIONAL CRITICAL
    UPDATE UPDATES RESOLVED ESCALATED ACTION
    """.split()
)

#: Abbreviations every reader knows: units, currencies, time zones, calendar, countries.
COMMON_ABBREVIATIONS = frozenset(
    """
    KBPS MBPS GBPS MB GB TB PB KHZ MHZ GHZ MHz GHz kHz MS
    USD EUR GBP JPY CAD AUD INR CHF CNY
    UTC GMT EST EDT CST CDT MST MDT PST PDT AKST HST CET CEST EET BST IST AEST AEDT JST
    AM PM
    MON TUE WED THU FRI SAT SUN JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC
    US USA UK EU UAE
    """.split()
)

#: Every capitalized word that is never reported as an unknown acronym.
NOT_ACRONYMS = ORDINARY_CAPS_WORDS | COMMON_ABBREVIATIONS

#: All-caps tokens that KB articles write as words, on top of :data:`NOT_ACRONYMS`: admonition
#: labels, shouted function words, HTTP methods, keyboard keys and product names. The linter's
#: list (see :data:`LINT_NOT_ACRONYMS`); some repeat :data:`ORDINARY_CAPS_WORDS` on purpose, so
#: the list reads as the linter's own.
DOCUMENT_CAPS_WORDS: frozenset[str] = frozenset(
    """
    A AN AND ANY ARE AS AT BE BUT BY DO DONT FOR FROM HAS HAVE HOW IF IN INTO IS ITS NO NOR
    NOT OF ON ONLY OR OUR SO THE THEN THIS TO UP WAS WE WHAT WHEN WHERE WHO WHY WILL WITH YES
    YOU YOUR ALL NONE NEVER ALWAYS MUST SHOULD NEW FREE NOW STOP DONE TODO FIXME XXX HACK
    NOTE NOTES TIP TIPS HINT INFO WARNING WARN CAUTION DANGER ERROR ALERT IMPORTANT ATTENTION
    REMINDER UPDATE UPDATED EDIT EDITED DRAFT FINAL URGENT CRITICAL PLEASE THANKS
    TRUE FALSE NULL NIL NAN EOF
    GET POST PUT PATCH DELETE HEAD OPTIONS
    CTRL ALT ESC TAB ENTER SHIFT CMD DEL INS FN
    SLACK ZOOM JIRA
    """.split()
)

#: What the linter never reports as an undefined acronym (by exact spelling).
LINT_NOT_ACRONYMS = NOT_ACRONYMS | DOCUMENT_CAPS_WORDS

_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]{1,5}")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_POSSESSIVE = re.compile(r"['\u2019][sS]?$")
_CAPS_WORD = re.compile(r"[A-Za-z0-9&'\u2019]+")
_CAPS_STEM = re.compile(r"^[A-Z0-9&]+$")

#: A word of ASCII letters, digits and ``&`` with two capitals or more, standing alone (not
#: inside a handle, path, e-mail, identifier or dotted name).
_WORD_OPENING = r"(?<![\w@#/\\.&-])"
_WORD_BODY = r"[A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*(?![\w@/\\-])"
_CAPITALISED_WORD = re.compile(_WORD_OPENING + _WORD_BODY)
# Two capitals with no other capital between them: every word _CAPITALISED_WORD can match holds
# such a pair, and the search for it skips plain lower-case prose at C speed.
_CAPITAL_PAIR = re.compile(r"[A-Z][a-z0-9&]*[A-Z]")
_WORD_REST = re.compile(r"[A-Za-z0-9&]*")
#: Capital pairs :func:`capitalised_words` walks before it weighs leaving the rest to the regex,
#: and the mean spacing (in characters) of those pairs below which it does: the regex pays per
#: character of text, the walk per pair, so only a text dense with pairs is cheaper to the
#: regex (a long document of prose, walked past a fixed count of pairs, is not).
_WALKED_WORDS = 1_000
_DENSE_SPACING = 40
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&")


def capitalised_words(text: str) -> Iterator[re.Match]:
    """The matches of :data:`_CAPITALISED_WORD` in ``text``, in order: acronym candidates.

    The same matches as its ``finditer``, found faster: that regex is tried at every position
    of the text, lookbehind first, while a match can only start where a run of its word
    characters starts (inside a run the lookbehind fails). So a pair of capitals is searched
    for, its run found, and the regex tried at the run's start only. A text dense with such
    words (:data:`_WALKED_WORDS` of them less than :data:`_DENSE_SPACING` characters apart on
    average) gets the rest from the regex itself: there the walk's steps in Python cost more
    than the regex's tries. A sparser text is weighed again every :data:`_WALKED_WORDS` pairs."""
    pos, search, rest, match = 0, _CAPITAL_PAIR.search, _WORD_REST.match, _CAPITALISED_WORD.match
    walked, since = 0, 0  # pairs walked since offset ``since``
    while (pair := search(text, pos)) is not None:
        walked += 1
        if walked > _WALKED_WORDS:
            if pair.start() - since < _WALKED_WORDS * _DENSE_SPACING:
                yield from _CAPITALISED_WORD.finditer(text, pos)
                return
            walked, since = 1, pair.start()
        start = pair.start()
        while start and text[start - 1] in _WORD_CHARS:
            start -= 1
        found = match(text, start)
        if found is not None:
            yield found
        pos = rest(text, pair.end()).end()


#: Characters of a text's opening that :func:`capitalised_words_skipping` reads, and the most
#: distinct words it may find there.
_PROBED_CHARS = 8_192
_MOST_DISTINCT = 64


def capitalised_words_skipping(text: str, wanted: Callable[[str], bool]) -> Iterator[re.Match] | None:
    """The matches of :func:`capitalised_words`, in order, less those of words its opening
    shows ``wanted`` refuses; None where that does not pay (the caller then reads them all
    with :func:`capitalised_words`). The caller still asks ``wanted`` of each match.

    For a text dense with capitalised words of few distinct spellings (a glued or repeated
    acronym, tens of thousands of times): the distinct words of its opening
    (:data:`_PROBED_CHARS`) are asked once, and the regex, in one pass over the text, leaves
    out every run of word characters written as a refused one (where the regex matches that
    word or nothing), with no Python step for it. None for a text shorter than that opening,
    one whose opening has few capital pairs (the walk reads prose faster) or more than
    :data:`_MOST_DISTINCT` distinct words."""
    if len(text) < _PROBED_CHARS:  # a short text is read at once either way
        return None
    # Its capital pairs first, a search that skips lower-case prose at C speed.
    probe = text[:_PROBED_CHARS]
    if len(_CAPITAL_PAIR.findall(probe)) * _DENSE_SPACING < _PROBED_CHARS:
        return None
    distinct = set(_CAPITALISED_WORD.findall(probe))
    if len(distinct) > _MOST_DISTINCT:
        return None
    refused = sorted(word for word in distinct if not wanted(word))
    if not refused:
        return None
    skipped = "(?!(?:" + "|".join(map(re.escape, refused)) + ")(?![A-Za-z0-9&]))"
    return re.finditer(_WORD_OPENING + skipped + _WORD_BODY, text)


def base_acronym(text: str) -> str:
    """The acronym without a plural or possessive ending.

    ``SLAs``, ``SLA's`` and ``SLAs'`` -> ``SLA``; ``KPIs`` -> ``KPI``; ``CRMs`` -> ``CRM``.
    A final lowercase ``s`` is a plural only after a capital or digit, so ``SaaS``, ``CCaaS``
    and ``SLA`` stay as they are; so does anything whose remainder would be shorter than 2.

    >>> base_acronym("SLA's"), base_acronym("KPIs"), base_acronym("SaaS")
    ('SLA', 'KPI', 'SaaS')
    """
    base = text
    possessive = _POSSESSIVE.search(base)
    if possessive and possessive.start() >= 2:
        base = base[: possessive.start()]
    if len(base) >= 3 and base[-1] == "s" and (base[-2].isupper() or base[-2].isdigit()):
        base = base[:-1]
    return base


def holds_acronym(text: str, acronym: str) -> bool:
    """Does ``acronym`` stand at the start of a word in ``text``, as itself or inflected?

    >>> holds_acronym("FRT'sFirst Response Time", "FRT"), holds_acronym("FRTX Time", "FRT")
    (True, False)

    A long form never holds its own short form: "FRT'sFirst Response Time (FRT)" is the
    acronym glued to its expansion, not an expansion of it.
    """
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(acronym)}(?![A-Z0-9])", text) is not None


def is_acronym_shape(token_text: str) -> bool:
    """True if ``token_text`` (or its singular, see :func:`base_acronym`) looks like an acronym.

    >>> [is_acronym_shape(w) for w in ("SLA", "KPIs", "eNPS", "SaaS", "Hi", "iPhone", "IMPORTANT")]
    [True, True, True, True, False, False, False]
    """
    base = base_acronym(token_text)
    if not base.isascii() or not _SHAPE.fullmatch(base):
        return False
    capitals = sum(1 for char in base if char.isupper())
    letters = sum(1 for char in base if char.isalpha())
    return capitals >= 2 and capitals * 2 >= letters


def is_roman_numeral(word: str) -> bool:
    """``II``, ``IV``, ``XII`` ...: numerals made of I, V and X (see the module docstring)."""
    return bool(word) and _ROMAN.fullmatch(word) is not None


def is_acronym(token_text: str) -> bool:
    """Acronym-shaped and not an ordinary word, a common abbreviation or a roman numeral."""
    if not is_acronym_shape(token_text):
        return False
    base = base_acronym(token_text)
    return not (
        base in NOT_ACRONYMS or base.upper() in NOT_ACRONYMS or is_roman_numeral(base)
    )


def is_shouting(words: Iterable[str] | str, *, min_words: int = 3) -> bool:
    """True for text written in capitals: at least ``min_words`` words with letters, and at
    least 80% of them all caps (``"PLEASE FIX THE SLA NOW"``; not ``"Our SLA and KPI"``).

    Pass a sentence (a string) or its words. Callers check the sentence around a candidate
    acronym; in shouted text, a capitalized word is not evidence of an acronym.
    """
    if isinstance(words, str):
        words = _CAPS_WORD.findall(words)
    lettered = [word for word in words if any(map(str.isalpha, word))]  # no generator per word
    if len(lettered) < min_words:
        return False
    shouted = sum(1 for word in lettered if word.upper() == word)
    return shouted * 5 >= len(lettered) * 4


def is_acronym_word(token: str) -> bool:
    """A word of a glossary name that is an acronym: one short word, mostly capitals.

    ``AHT``, ``eNPS``, ``CCaaS``, ``VoC``, ``OMs``, ``E2EE``, ``P0``. Used on curated text
    (seed-page headings, glossary terms, aliases), where mixed case is the source's own style,
    so up to ten characters and a plural ``s`` are accepted as written; a single letter is not.

    >>> [is_acronym_word(t) for t in ("SLA", "eNPS", "CCaaS", "P0", "Agent", "IT", "A")]
    [True, True, True, True, False, True, False]
    """
    if not 2 <= len(token) <= 10 or not token[0].isalpha():
        return False
    if not all(ch.isalnum() or ch == "&" for ch in token):
        return False
    upper = sum(ch.isupper() for ch in token)
    lower = sum(ch.islower() for ch in token)
    digits = sum(ch.isdigit() for ch in token)
    return (upper >= 2 and lower <= upper) or (upper >= 1 and digits >= 1 and lower == 0)


def is_acronym_phrase(text: str) -> bool:
    """An acronym word, optionally followed by a number: ``SLA``, ``SOC 2`` (seed headings).

    >>> is_acronym_phrase("SOC 2"), is_acronym_phrase("SLA Breach")
    (True, False)
    """
    words = text.split()
    return 1 <= len(words) <= 2 and is_acronym_word(words[0]) and all(w.isdigit() for w in words[1:])


def is_acronym_alias(text: str) -> bool:
    """``SLA``, ``eNPS``, ``CCaaS``, ``Q&A``: one word with mostly capital letters.

    Pattern generation uses it to route aliases and short forms written as acronyms to the
    case-sensitive patterns, so it is loose: any characters, up to twelve, no space.

    >>> [is_acronym_alias(t) for t in ("Q&A", "SLAs", "Zolvar", "it", "IT")]
    [True, True, False, False, True]
    """
    # Length first: most names are longer than any acronym, and it costs nothing to check.
    # Then a capitalised word ("Zolvar"): no capital after the first, so fewer than two.
    if not text or len(text) > 12 or text[1:].islower() or any(ch.isspace() for ch in text):
        return False
    upper = sum(ch.isupper() for ch in text)
    lower = sum(ch.islower() for ch in text)
    return upper >= 2 and upper >= lower


def is_caps_acronym(base: str) -> bool:
    """Shape of an acronym nobody told us about: capitals (digits, "&") with two or more letters.

    The linter's test, on a token already reduced to its base form: only capitals count,
    because an article's author is asked to define ``CSAT`` or ``2FA``, not ``eNPS``.

    >>> [is_caps_acronym(t) for t in ("CSAT", "2FA", "eNPS", "A1", "R&D")]
    [True, True, False, False, True]
    """
    if not _CAPS_STEM.match(base) or len(base) > 10:
        return False
    return sum(c.isalpha() for c in base) >= 2


_LOWER_RUN = re.compile(r"[a-z]{3}")
_CAPS_LOCK_SLIP = re.compile(r"[A-Z]{2,}[a-z]+")


def is_mixed_acronym(token: str) -> bool:
    """A mixed-case acronym in running text (its base form, see :func:`base_acronym`): an
    :func:`is_acronym` with lower-case letters, none of them three in a row (that is a word
    inside a camel-case name or identifier: ``GitLab``, ``ChatJS``, ``BoltSVG``), and not
    capitals followed by lower case only (a caps-lock slip: ``THe``, ``WHen``). An all-caps
    base (``KPIs``) is :func:`is_caps_acronym`'s.

    >>> [is_mixed_acronym(t) for t in ("VoIP", "eNPS", "QoS", "TwiML", "SaaS", "KPIs", "GitLab", "THe")]
    [True, True, True, True, True, False, False, False]
    """
    base = base_acronym(token)
    if base.upper() == base or not is_acronym(token):
        return False
    return not _LOWER_RUN.search(base) and not _CAPS_LOCK_SLIP.fullmatch(base)


def singular_acronym(token: str) -> str:
    """``OMs`` -> ``OM``, ``KPIs`` -> ``KPI``; ``eNPS``, ``SaaS`` and ``CCaaS`` are left alone.

    The glossary's rule (an acronym as a name writes it); running text uses :func:`base_acronym`,
    which also drops possessives.
    """
    if len(token) > 2 and token.endswith("s") and token[:-1].isupper():
        return token[:-1]
    return token
