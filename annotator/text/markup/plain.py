"""Plain text (format ``text``), and the pass every other format ends with.

Hidden: URLs (``https://``, ``ftp://``, ``www.``, ``mailto:``), e-mail addresses, ``@handles``
(in plain text only: Markdown keeps a mention's name visible) and identifiers (``snake_case``
names such as ``ERR_SLA_TIMEOUT``, channel names such as ``#spt_knowledge-base``). Markdown
emphasis (``_SLA_``) and hashtags (``#CX``) are not identifiers. A number sign written
against a word before a number ("Ticket#4521") is hidden, so the word is read. In the
``text`` format, also the keys of a header of ``Key: value`` lines atop the text
("Subject:", "Tags:": they name fields; :func:`~.front_matter.header_keys`), and the ``>``
of a quoted e-mail's lines (:mod:`.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .front_matter import header_keys
from .mask import Mask, Masked, MaskOptions
from .quotes import hide_quote_markers

# Plain-text masking is driven by anchors found with ``str.find`` ("://", "www.", "@", "_",
# "#"), each examined with a small anchored regex or a bounded backward scan: far cheaper than
# running lookbehind-led regexes over every position of a long text, and still linear (every
# backward scan stops at the previous anchor's territory).
_SCHEME_BEFORE = re.compile(r"(?:https?|ftps?|sftp|ssh|file)\Z", re.IGNORECASE)
_URL_REST = re.compile(r"[^\s<>\"'`]*+")
_URL_PREFIXES = ("www.", "WWW.", "Www.", "mailto:", "MAILTO:", "Mailto:")
_EMAIL_LOCAL_CHARS = frozenset(".+%-_")
_EMAIL_DOMAIN = re.compile(r"[\w-]++(?:\.[\w-]++)++")
_HANDLE_REST = re.compile(r"[A-Za-z0-9_](?:[\w-]|\.(?=\w))*+")
# Identifiers: snake_case names (ERR_SLA_TIMEOUT, csat_reports) and channel names
# (#spt_knowledge-base). Markdown emphasis (_SLA_) and hashtags (#CX) are not identifiers.
_SNAKE_CASE = re.compile(r"[A-Za-z0-9]++(?:_[A-Za-z0-9]++)++")
_IDENTIFIER_RUN = re.compile(r"[A-Za-z0-9_]*+")
_CHANNEL = re.compile(r"#[A-Za-z0-9]++(?:[_-][A-Za-z0-9]++)++")
_MAX_EMAIL_LOCAL = 256


def _occurrences(text: str, needle: str) -> Iterator[int]:
    position = text.find(needle)
    while position != -1:
        yield position
        position = text.find(needle, position + 1)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _starts_word(text: str, position: int, also: str = "") -> bool:
    """True if nothing word-like (a word character or one of ``also``) precedes ``position``."""
    return position == 0 or not (_is_word_char(text[position - 1]) or text[position - 1] in also)


def _number_sign(text: str, position: int) -> bool:
    """The "#" at ``position`` is a number sign written against a word ("Ticket#4521",
    "case#55"): a letter before it, a digit after it. The tokenizer would glue the word, the
    sign and the number into one token, so the word would never be read."""
    return 0 < position < len(text) - 1 and text[position - 1].isalpha() and text[position + 1].isdigit()


def hide_plain(mask: Mask, text: str, *, handles: bool = False) -> None:
    """Hide URLs, e-mail addresses, identifiers and (``handles=True``) @handles."""
    # URLs: a known scheme right before "://", or "www." / "mailto:" starting a word.
    # (`covered` skips anchors inside a URL already hidden, so "http://" * 5000 stays linear.)
    covered = 0
    for colon in _occurrences(text, "://"):
        if colon < covered:
            continue
        scheme = _SCHEME_BEFORE.search(text, max(0, colon - 5), colon)
        if scheme and _starts_word(text, scheme.start(), "@."):
            covered = _URL_REST.match(text, colon + 3).end()
            mask.hide(scheme.start(), covered)
    for prefix in _URL_PREFIXES:
        covered = 0
        for start in _occurrences(text, prefix):
            if start >= covered and _starts_word(text, start, "@."):
                covered = _URL_REST.match(text, start + len(prefix)).end()
                mask.hide(start, covered)
    for at in _occurrences(text, "@"):
        # E-mail: a local part right before "@" (scanned backwards, bounded) and a dotted domain.
        start = at
        while start > max(0, at - _MAX_EMAIL_LOCAL) and (
            _is_word_char(text[start - 1]) or text[start - 1] in _EMAIL_LOCAL_CHARS
        ):
            start -= 1
        domain = _EMAIL_DOMAIN.match(text, at + 1) if start < at else None
        if domain and _starts_word(text, start, ".+%-"):
            mask.hide(start, domain.end())
        elif handles and _starts_word(text, at, "@./"):
            handle = _HANDLE_REST.match(text, at + 1)
            if handle:
                mask.hide(at, handle.end())
    underscore = text.find("_")
    while underscore != -1:
        start = underscore
        while start > 0 and text[start - 1].isascii() and _is_word_char(text[start - 1]):
            start -= 1
        end = _IDENTIFIER_RUN.match(text, underscore).end()
        if (
            _SNAKE_CASE.fullmatch(text, start, end)
            and _starts_word(text, start, "#&")
            and (end == len(text) or not _is_word_char(text[end]))
        ):
            mask.hide(start, end)
        # The run read here holds every underscore before its end ("_SLA_" is one step).
        underscore = text.find("_", end)
    for hash_sign in _occurrences(text, "#"):
        if _number_sign(text, hash_sign):
            mask.hide(hash_sign, hash_sign + 1)
        elif _starts_word(text, hash_sign, "#&"):
            channel = _CHANNEL.match(text, hash_sign)
            if channel and (channel.end() == len(text) or not _is_word_char(text[channel.end()])):
                mask.hide(hash_sign, channel.end())


def mask_text(text: str, options: MaskOptions) -> Masked:
    """The ``text`` format: only URLs, e-mails, handles and identifiers are hidden."""
    mask = Mask(text)
    for start, end in header_keys(text):  # "Subject:", "Tags:": a header's keys name fields
        mask.hide(start, end)
    hide_plain(mask, text, handles=True)
    hide_quote_markers(mask, text)  # an e-mail reply's "> " before each quoted line
    return Masked(mask)
