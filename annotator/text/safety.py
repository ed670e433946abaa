"""Make arbitrary input safe to tokenize without moving a single offset.

:func:`prepare` returns a string of exactly the same length (in code points) as the one it was
given, so every offset into its result is an offset into the caller's text. It never inserts,
deletes or normalizes characters; it only *blanks* some of them (replaces them with a space).

What it rejects (:class:`~annotator.errors.InputError`):

* ``E201`` anything that is not a ``str``;
* ``E202`` text longer than ``max_length`` code points;
* ``E203`` a lone surrogate (``"\\ud800"``): not valid Unicode, cannot be encoded as UTF-8 or
  sliced consistently in UTF-16; the error names its index.

What it blanks:

* **Control characters**: C0 controls except ``\\t``, ``\\n`` and ``\\r``, DEL, and C1 controls
  (U+0080-U+009F). ``"SLA\\x00KB\\x00SLA"`` tokenizes as ``SLA``, ``KB``, ``SLA``.
* **Long runs of punctuation, symbols and emoji** (more than :data:`MAX_SYMBOL_RUN` in a row
  with no letter, digit or space). spaCy's tokenizer strips prefixes and suffixes one at a time
  and re-searches the remaining string after each one, so a token made of 20,000 ``)`` or
  emoji costs ~40 s. A possessive ``'s`` counts as part of such a run (``'s's's...`` is the same
  trap with a letter in it). Blanking the whole run keeps any word glued to it intact
  (``"SLA!!!!!...!"`` still yields ``SLA``).
* **Overlong tokens**: in any run of more than :data:`MAX_TOKEN_LENGTH` non-space characters
  (a base64 blob, a minified log line) every ``MAX_TOKEN_LENGTH + 1``-th character is blanked,
  so no token spaCy sees is longer than that. No real word or acronym is affected. A token that
  starts like a URL (``scheme://`` or ``www.`` within its first 24 characters) may be up to
  :data:`MAX_URL_LENGTH` long, so that long tracking links stay whole and the markup masking
  still recognizes (and hides) all of them; only beyond that is a URL cut into pieces.

**Invisible characters** (zero-width space/non-joiner/joiner U+200B-U+200D, word joiner U+2060,
soft hyphen U+00AD, BOM U+FEFF, left-to-right/right-to-left marks and bidi embedding/isolate
controls) are a policy choice, because offsets must not move:

* next to a space, punctuation, or the start/end of the text they are blanked, so a leading BOM
  or a trailing zero-width space does not hide a term: ``"\\ufeffSLA"`` and ``"SLA\\u200b"``
  match ``SLA``;
* *between two word characters* they are kept, so ``"S\\u200bLA"`` stays one token and does
  **not** match ``SLA``. Removing the character would shift every later offset, and blanking it
  would split the word into ``S`` and ``LA`` (a different, wrong token). What is annotated is
  what the string contains; an invisible character inside a word is treated as a different word.

What it never does: Unicode normalization (NFC/NFKC), case mapping, or anything else that could
change lengths. ``"e\\u0301 KB"``, ``"İ SLA"`` (``İ`` lowercases to two code points) and
full-width ``ＳＬＡ`` go to spaCy as they are; offsets stay those of the original string.

Everything here is a handful of linear regex passes (possessive quantifiers, no backtracking):
one finds the rare tokens longer than :data:`MAX_SYMBOL_RUN` and only those are examined
further. On a megabyte of prose it takes ~20 ms, about a quarter of what spaCy's tokenizer
alone needs for the same text.
"""

from __future__ import annotations

import re

from ..errors import InputError

#: Default length limit, in code points.
DEFAULT_MAX_LENGTH = 1_000_000

#: Longest run of punctuation/symbols/emoji left as is; longer runs are blanked.
MAX_SYMBOL_RUN = 32

#: Longest token (run of non-space characters) spaCy will see.
MAX_TOKEN_LENGTH = 1000

#: Longest URL-like token left whole (spaCy handles these in linear time once symbol runs are
#: gone: 8,000 characters of random URL text tokenize in ~20 ms).
MAX_URL_LENGTH = 8192

# C0 controls except \t \n \r, DEL and C1 controls.
_CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL_CLASS = "[" + _CONTROL_CHARS + "]"
_CONTROL = re.compile(_CONTROL_CLASS + "+")
# The same class without the repeat, to ask whether there is any: the regex engine scans for a
# pattern that opens with a plain class at C speed, but tries a repeat-led one (``_CONTROL``)
# at every position, which made the look for controls most of ``sanitize``'s time.
_ANY_CONTROL = re.compile(_CONTROL_CLASS)

_SURROGATE_CHARS = "\ud800-\udfff"
_SURROGATE = re.compile("[" + _SURROGATE_CHARS + "]")

#: Invisible format characters covered by the policy in the module docstring.
INVISIBLE_CHARS = (
    "\u00ad"  # soft hyphen
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right / right-to-left mark
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # byte order mark / zero-width no-break space
)
_INVISIBLE_CLASS = "[" + INVISIBLE_CHARS + "]"
_ANY_INVISIBLE = re.compile(_INVISIBLE_CLASS)
# A run of invisible characters is kept only when a word character sits on both sides: a run
# opening after one (looked behind for from its first character, so that the engine skips at C
# speed to the invisible characters, and a match cannot open inside a run) and closing before
# one. Every other invisible character is blanked by one substitution of a constant, with no
# Python call per run (a text of bidi controls between words has one every few characters).
_INVISIBLE_IN_WORD = re.compile(_INVISIBLE_CLASS + r"(?<=\w.)" + _INVISIBLE_CLASS + r"*+(?=\w)")

# A "symbol" is anything that is neither a letter/digit nor whitespace; "_" is a word character
# for the regex engine but a prefix/suffix for spaCy, so it counts as a symbol. "'s" counts too
# (spaCy strips it as a suffix). The lookbehind makes a failed attempt happen only at the start
# of a run, and the possessive quantifier never backtracks, so the scan is linear.
_SYMBOL = r"(?:['\u2019][sS]|[^\w\s]|_)"
_SYMBOL_RUN = re.compile(
    r"(?<![^\w\s])(?<!_)" + _SYMBOL + "{" + str(MAX_SYMBOL_RUN + 1) + ",}+"
)
_LONG_TOKEN = re.compile(r"(?<!\S)\S{" + str(MAX_TOKEN_LENGTH + 1) + ",}+")
# A symbol run longer than MAX_SYMBOL_RUN or an overlong token can only occur inside a token
# that long, and prose has few: both fixes run on these candidates only (one cheap pass).
_CANDIDATE = re.compile(r"(?<!\S)\S{" + str(MAX_SYMBOL_RUN + 1) + ",}+")
# A URL within the first characters of a token: "https://...", "(www....", 'href="ftp://...'.
_URL_START = re.compile(r".{0,24}?(?:[A-Za-z][A-Za-z0-9+.-]{0,15}://|www\.)", re.IGNORECASE)
# Any character :func:`check` rejects or :func:`sanitize` blanks one by one (a lone surrogate,
# a control, an invisible character): one scan finds that most texts hold none, where the
# three steps would each scan the whole text.
_ANY_SPECIAL = re.compile("[" + _SURROGATE_CHARS + _CONTROL_CHARS + INVISIBLE_CHARS + "]")
#: Texts up to this long are asked first whether any token is longer than MAX_SYMBOL_RUN (see
#: :func:`_may_hold_long_tokens`); a longer text goes to the candidate pass directly.
_SPLIT_CHECK_CHARS = 100_000


def prepare(text: object, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Validate ``text`` and return a same-length copy that is safe and fast to tokenize:
    :func:`check`, then :func:`sanitize`.

    >>> prepare("SLA\\x00KB")
    'SLA KB'
    >>> len(prepare(")" * 20000)) == 20000
    True
    """
    if isinstance(text, str) and len(text) <= max_length and _ANY_SPECIAL.search(text) is None:
        # Nothing to reject and no character to blank: only the long-token step can apply.
        return _fix_long_tokens(text)
    return sanitize(check(text, max_length))


def check(text: object, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """``text`` itself if it is a string within ``max_length`` without lone surrogates;
    ``InputError`` E201/E202/E203 otherwise."""
    if not isinstance(text, str):
        raise InputError("E201", field="text", type_name=type(text).__name__)
    if len(text) > max_length:
        raise InputError("E202", field="text", length=len(text), limit=max_length)
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise InputError("E203", field="text", index=surrogate.start())
    return text


def sanitize(text: str) -> str:
    """A same-length copy of a checked text with controls and stray invisible characters
    blanked, long symbol runs blanked and overlong tokens broken (see the module docstring)."""
    if _ANY_CONTROL.search(text):
        text = _CONTROL.sub(_blank, text)
    if not text.isascii() and _ANY_INVISIBLE.search(text):
        text = _blank_invisible_unless_inside_word(text)
    return _fix_long_tokens(text)


def _fix_long_tokens(text: str) -> str:
    """Long symbol runs blanked and overlong tokens broken (the last step of :func:`sanitize`)."""
    if not _may_hold_long_tokens(text):
        return text
    return _CANDIDATE.sub(_fix_token, text)


def _may_hold_long_tokens(text: str) -> bool:
    """Whether ``text`` may hold a :data:`_CANDIDATE` (a run of more than
    :data:`MAX_SYMBOL_RUN` non-space characters): most texts have none, and ``str.split``
    (whose whitespace is the regex's ``\\s``, ``str.isspace``) answers in one C pass, where
    the candidate pattern, led by a lookbehind, is tried at every character. A long text is
    not split (its list of words would be as big as the text): it may hold one."""
    if len(text) > _SPLIT_CHECK_CHARS:
        return True
    return max(map(len, text.split()), default=0) > MAX_SYMBOL_RUN


def _blank(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def _blank_invisible_unless_inside_word(text: str) -> str:
    """``text`` with each invisible character blanked, but for the runs inside a word."""
    blanked = _ANY_INVISIBLE.sub(" ", text)
    pieces, done = [], 0
    for run in _INVISIBLE_IN_WORD.finditer(text):
        pieces += (blanked[done : run.start()], run.group())
        done = run.end()
    return "".join((*pieces, blanked[done:])) if pieces else blanked


def _fix_token(match: re.Match) -> str:
    token = _SYMBOL_RUN.sub(_blank, match.group())
    return _LONG_TOKEN.sub(_break_long_token, token) if len(token) > MAX_TOKEN_LENGTH else token


def _break_long_token(match: re.Match) -> str:
    # Blank one character after every `limit`, so every piece is at most that long and the
    # total length is unchanged.
    token = match.group()
    limit = MAX_URL_LENGTH if _URL_START.match(token) else MAX_TOKEN_LENGTH
    if len(token) <= limit:
        return token
    chars = list(token)
    for index in range(limit, len(chars), limit + 1):
        chars[index] = " "
    return "".join(chars)


def utf8_error_position(data: bytes, error: UnicodeDecodeError) -> tuple[int, int]:
    """1-based ``(line, column)`` of the first undecodable byte, for messages that name it.

    The column counts bytes on that line: the line's text cannot be decoded, so characters
    are not well defined there.
    """
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return line, column
