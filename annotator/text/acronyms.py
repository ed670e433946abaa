"""What an acronym looks like, and which all-caps words are not acronyms.

Pure functions over strings; no spaCy. Used by the component (unknown acronyms), the
abbreviation detector (is this parenthesized word a short form?) and the linter.

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

The lists only govern *unknown* acronyms. A word the glossary lists as an acronym is matched by
the glossary's patterns whatever these lists say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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

_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]{1,5}")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_POSSESSIVE = re.compile(r"['\u2019][sS]?$")
_CAPS_WORD = re.compile(r"[A-Za-z0-9&'\u2019]+")


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
    lettered = [word for word in words if any(char.isalpha() for char in word)]
    if len(lettered) < min_words:
        return False
    shouted = sum(1 for word in lettered if word.upper() == word)
    return shouted * 5 >= len(lettered) * 4
