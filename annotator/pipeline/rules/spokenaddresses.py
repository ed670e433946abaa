"""Web and e-mail addresses spoken aloud: "w w w dot acme help desk dot com slash live chat".

A written address is code-like and never annotated (:mod:`.codelike`), but a caller or an agent
reads it out, and a speech-to-text engine, or a person typing what was said, writes it as words:
"go to help dot acme dot com forward slash knowledge base", "email support at acme dot com". The
words of such an address are a host's and a path's names, not the help desk's things, however
many glossary terms they spell ("help desk", "live chat", "knowledge base", "support").

An address is found by its shape alone (general English for reading addresses aloud): words
joined by "dot" that end on a top-level domain (:data:`TOP_LEVEL_DOMAINS`: "dot com", "dot co dot
uk"), then any "slash" (or "forward slash") and the words of a path. Which words belong to it:

* before the first "dot", its last word or its run of single letters ("head over to **help** dot
  ...", "go to **w w w** dot ..."), and an e-mail's local part, the
  one word before "at" ("email **support** at acme dot com"), unless a determiner stands before
  that word ("open a ticket at help dot acme dot com": the ticket is opened there);
* between two dots, every word ("dot **acme help desk** dot com": an engine splits a host name);
* after a "slash", up to :data:`_PATH_WORDS` words, to the first function word (spaCy's English
  stop words: "slash **live chat** and an agent ...").

A match that overlaps an address is dropped. A pure function of the text, asked only of a
document holding the word "dot" and a top-level domain word; run as the ``spoken_addresses``
precision rule (:mod:`..precision`).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id

from ..resolution import release
from .everyday import DETERMINERS

#: The top-level domains an address read aloud ends on (the common generic ones and a few
#: country codes), lower case.
TOP_LEVEL_DOMAINS = frozenset("com org net io co uk gov edu us ca info biz me ai app dev au de in".split())
#: Most words of a path segment after a "slash".
_PATH_WORDS = 3

_WORD = r"[a-z0-9](?:[a-z0-9'-]*[a-z0-9])?"
_GAP = r"[ \t]+"
_TLD = "|".join(sorted(TOP_LEVEL_DOMAINS, key=len, reverse=True))
_ADDRESS = re.compile(
    rf"\b(?P<host>(?:{_WORD}{_GAP}){{0,3}}{_WORD}){_GAP}dot{_GAP}"
    rf"(?:(?:{_WORD}{_GAP}){{0,3}}?{_WORD}{_GAP}dot{_GAP})*?(?:{_TLD})\b(?:{_GAP}dot{_GAP}(?:{_TLD})\b)*"
    rf"(?P<path>(?:{_GAP}(?:forward{_GAP}|back{_GAP})?slash(?:{_GAP}(?!(?:forward|back|slash)\b){_WORD}){{1,{_PATH_WORDS}}})*)",
    re.IGNORECASE,
)
_WORD_AT = re.compile(_WORD, re.IGNORECASE)
# An e-mail's local part and the "at" before an address's host: "support at ".
_LOCAL_PART = re.compile(rf"(?:(?P<before>{_WORD}){_GAP})?(?P<local>{_WORD}){_GAP}at{_GAP}\Z", re.IGNORECASE)
_SLASH = re.compile(rf"{_GAP}(?:forward{_GAP}|back{_GAP})?slash", re.IGNORECASE)
_GATE_IDS = frozenset(map(get_string_id, TOP_LEVEL_DOMAINS))
_DOT = get_string_id("dot")
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`): an address read
#: aloud says "dot".
TRIGGER_IDS = frozenset((_DOT,))


def _function_word(word: str) -> bool:
    return word.lower() in STOP_WORDS


def _host_start(text: str, start: int, end: int) -> int:
    """Where the host's first label starts in ``text[start:end]`` (the words before the first
    "dot"): its last word, or its run of single letters ("w w w"). One word is enough: a host
    name an engine split ("acme help desk dot com") still overlaps a term it spells by its last
    word, and the words before it are as often the sentence's ("visit", "check")."""
    words = list(_WORD_AT.finditer(text, start, end))
    first = len(words) - 1
    while first > 0 and len(words[first].group()) == 1 and len(words[first - 1].group()) == 1:
        first -= 1
    return words[first].start()


def _path_end(text: str, path_start: int, path_end: int) -> int:
    """Where the path ends in ``text[path_start:path_end]``: each segment's words stop at the
    first function word, and so does the path."""
    end = path_start
    for slash in _SLASH.finditer(text, path_start, path_end):
        if slash.start() != end:
            break  # a function word cut the segment before: the path ended there
        end = slash.end()
        nxt = _SLASH.search(text, end, path_end)
        for word in _WORD_AT.finditer(text, end, nxt.start() if nxt else path_end):
            if _function_word(word.group()):
                return end
            end = word.end()
    return end


def spoken_addresses(text: str) -> list[tuple[int, int]]:
    """The character ranges of ``text`` that are addresses spoken aloud (module docstring), in
    order."""
    found = []
    for match in _ADDRESS.finditer(text):
        start = _host_start(text, match.start("host"), match.end("host"))
        local = _LOCAL_PART.search(text, max(0, start - 80), start)
        if local is not None and not _function_word(local["local"]) and (
                local["before"] is None or local["before"].lower() not in DETERMINERS):
            start = local.start("local")
        end = _path_end(text, match.start("path"), match.end("path")) if match["path"] else match.end()
        found.append((start, end))
    return found


def drop_spoken_addresses(context, matches: list, taken: bytearray) -> list:
    """The ``spoken_addresses`` rule: ``matches`` without those overlapping an address spoken
    aloud. ``context`` is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`;
    dropped matches release their tokens."""
    # The text searched for the word first (at C speed, no token read): most hold no "dot".
    if not matches or "dot" not in context.text:
        return matches
    words = context.words()
    if _DOT not in words or _GATE_IDS.isdisjoint(words):
        return matches
    addresses = spoken_addresses(context.text)
    if not addresses:
        return matches
    doc, token_end = context.doc, context.token_end
    dropped = set()
    for m in matches:
        start, end = doc[m.start].idx, token_end(m.end - 1)
        if any(a < end and start < b for a, b in addresses):
            dropped.add(m)
    return release(matches, dropped, taken) if dropped else matches
