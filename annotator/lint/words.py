"""Which acronym-shaped tokens the linter asks an author to define.

Two lists and one judgement live here:

* :data:`DEFAULT_ALLOW` -- acronyms an editor would normally leave unexpanded in a support
  article (API, URL, ID, CSV, UTC, FAQ, AI, SaaS, PDF, HTML, region codes, ...). Users can turn
  the list off (``default-allow = false``) and add their own (``allow = [...]``).
* ordinary English words and product names that documents write in capitals (NOTE,
  IMPORTANT, AND, SLACK, ...): the vocabulary's ``LINT_NOT_ACRONYMS``. They are never acronyms.
* :func:`is_ordinary_word` -- the judgement for all-caps tokens that are in no list: the same
  word also written in lower or title case elsewhere in the article ("RECOGNITION" next to
  "Recognition"), or a long, vowel-rich token ("APPENDIX", "CHANNEL"), is shouting, not an
  acronym. A glossary acronym or an acronym the article defines is never judged by this: the
  glossary and the author's own definition are stronger evidence than any shape.
"""

from __future__ import annotations

import re

from ..vocabulary.acronyms import LINT_NOT_ACRONYMS, is_roman_numeral
from ..vocabulary.english import is_dictionary_word

#: Commonly exempt acronyms: general technology, business and time/region shorthand that a
#: support-article editor leaves unexpanded. Deliberately short on CX jargon (SLA, CSAT, AHT
#: ... are what the linter is for); FAQ is here because style guides treat it as plain English.
DEFAULT_ALLOW: frozenset[str] = frozenset(
    # web, data and file formats
    "AI API APIs APP URL URLs URI ID IDs UUID CSV TSV PDF HTML CSS JS JSON XML YAML HTTP HTTPS "
    "SQL REST SOAP SDK SDKs CLI GUI UI UX RSS ASCII UTF WYSIWYG MIME "
    "PNG JPG JPEG GIF SVG MP3 MP4 XLS XLSX DOC DOCX PPT PPTX ZIP TXT "
    # networks, mail and security
    "DNS IP TCP UDP SSH SSL TLS VPN SMTP IMAP POP3 FTP SFTP SSO 2FA MFA OTP PIN QR "
    "PGP GPG DKIM SPF DMARC CNAME MX CI CD "
    # devices and platforms
    "OS iOS macOS PC CPU GPU RAM USB SaaS PaaS IaaS AWS GCP IBM SAP HP "
    # business, time and place
    "FAQ FAQs CC BCC IT HR CEO CTO CFO COO VP VIP TBD TBA TBC FYI ASAP EOD ETA OK AKA "
    # chat shorthand, plain English like FYI and ASAP
    "TLDR BTW IMO IMHO FWIW "
    "AM PM UTC GMT US USA UK EU APAC EMEA AMER LATAM NA ANZ Q&A R&D B2B B2C SMS LLC LTD INC "
    "GDPR ISO RFC IETF W3C ANSI".split()
)

_STATUS_CLASS = re.compile(r"^\d+X+$")  # "5XX errors", "4XX"
#: Units that follow a number ("5 KB", "10GB"): a quantity, not an acronym (KB alone is jargon).
UNITS = frozenset("KB MB GB TB PB KBPS MBPS GBPS HZ KHZ MHZ GHZ MS PX DPI".split())
_QUANTITY = re.compile(r"^\d+(?:[.,]\d+)?([A-Za-z]+)$")
_VOWELS = frozenset("AEIOU")


def never_acronym(token: str) -> bool:
    """Unknown tokens that are not acronyms: caps words and common abbreviations (units, time
    zones, countries: the vocabulary's ``LINT_NOT_ACRONYMS``), roman numerals, "5XX"."""
    return (
        token in LINT_NOT_ACRONYMS
        or (len(token) > 1 and is_roman_numeral(token))
        or bool(_STATUS_CLASS.match(token))
        or _is_quantity(token)
    )


def _is_quantity(token: str) -> bool:
    match = _QUANTITY.match(token)
    return bool(match) and match.group(1).upper() in UNITS


def follows_number(visible: str, start: int) -> bool:
    """True when the token at ``start`` comes right after a number ("5 KB", "2.5 GB")."""
    i = start - 1
    while i >= 0 and visible[i] in " \t\u00a0":
        i -= 1
    return i >= 0 and visible[i].isdigit()


def looks_like_word(token: str) -> bool:
    """A long all-letter token with at least two vowels reads as a word (APPENDIX, CHANNEL).

    Real acronyms of six letters or more that people write in running text are rare and are
    pronounceable words by then (CAPTCHA, NASDAQ) that nobody expands anyway.
    """
    return len(token) >= 6 and token.isalpha() and sum(c in _VOWELS for c in token) >= 2


def is_ordinary_word(token: str, lower_words: set[str]) -> bool:
    """Decide whether an all-caps ``token`` is a word in this document, not an acronym.

    ``lower_words`` holds the case-folded forms of every token in the document's visible text
    that is *not* all capitals (see :func:`non_caps_vocabulary`). A lower-case form is evidence
    of a word only when it is an English word: chats and tickets write acronyms in lower case
    too ("the ccp page" next to "the CCP"), and "ccp" is no word that "CCP" could be shouting.
    """
    if never_acronym(token) or looks_like_word(token):
        return True
    folded = token.casefold()
    return (folded in lower_words or folded + "s" in lower_words) and is_dictionary_word(folded)


# A whole whitespace-separated prose word, allowing surrounding punctuation: "(Recognition)",
# "Channels," -- but not "csat" inside "csat_reports.png", which is a file name.
_PROSE_WORD = re.compile(
    r"(?<!\S)[\"'`(\[{<*_\u2018\u201c]*"
    r"([^\W\d_]{2,}(?:['\u2019-][^\W\d_]+)*)"
    r"[\"'`)\]}>*_.,;:!?\u2019\u201d]*(?!\S)"
)


def non_caps_vocabulary(visible: str) -> set[str]:
    """Case-folded prose words of ``visible`` written in lower or title case (not all caps).

    Only whole whitespace-separated words count (after trimming punctuation): ``csat`` inside
    ``csat_reports.png`` is part of a file name, not evidence that "CSAT" is an English word.
    Plurals are also stored singular (``channels`` -> ``channel``) so "CHANNEL" finds "Channels".
    """
    vocab: set[str] = set()
    for word in set(_PROSE_WORD.findall(visible)):
        # All caps is what is being judged; inner capitals ("SaaS", "GitLab") make a name.
        if word.isupper() or any(c.isupper() for c in word[1:]):
            continue
        folded = word.casefold()
        vocab.add(folded)
        if folded.endswith("s") and len(folded) > 3:
            vocab.add(folded[:-1])
    return vocab


def caps_runs_with_words(tokens: list[tuple[str, int, int]], text: str, words: set[str]) -> set[str]:
    """All-caps tokens sitting in a shouted run next to a known word ("SLACK CHANNEL").

    ``tokens`` are (token, start, end) for all-caps tokens in order; ``words`` are the tokens
    already judged ordinary words. A token separated from such a word by spaces only, on the
    same line, is part of the same shouted phrase.
    """
    found: set[str] = set()
    for (a, _, a_end), (b, b_start, _) in zip(tokens, tokens[1:]):
        gap = text[a_end:b_start]
        if gap and gap.strip(" \t") == "":
            if a in words and b not in words:
                found.add(b)
            elif b in words and a not in words:
                found.add(a)
    return found
