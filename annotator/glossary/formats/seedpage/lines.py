"""Physical lines of a scraped page: decoding, normalization and joining wrapped lines.

Step 1 of the parser (see :mod:`annotator.glossary.formats.seedpage`): NBSP and other odd spaces
become plain spaces, invisible and control characters go, list bullets, numbering and Markdown
marks are dropped, a tab-separated two-column row becomes ``Term: definition``, and a wrapped
continuation line is joined to the line it continues. Files that are not text raise coded
:class:`~annotator.errors.GlossaryError` naming the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ....errors import GlossaryError
from ....vocabulary.acronyms import is_acronym_word
from ....vocabulary.names import FUNCTION_WORDS, is_title_case
from .cues import NOT_A_SUBJECT_START


#: Lines longer than this are not glossary text (a minified script, a base64 blob): E111.
MAX_LINE_CHARS = 20_000
#: Wrapped continuation lines are joined up to this length (a wrapped heading or call to action).
MAX_JOINED_CHARS = 1_000
#: Anything that is not a plain space but renders as one (NBSP, thin space, ideographic...).
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x01-\x08\x0b-\x1f\x7f]")
_MULTI_SPACE = re.compile(r" {2,}")


@dataclass
class Line:
    number: int  # 1-based physical line number of the line's first physical line
    text: str
    kind: str = ""  # title | letter | index | junk | category | heading | definition
    reason: str = ""  # for junk
    category: str | None = None  # a category word glued to a definition


def decode_page(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(
            "E110", path=str(path), line=line, detail=f"byte {data[exc.start : exc.end].hex(' ')}"
        ) from exc
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise GlossaryError("E117", path=str(path), line=line)
    return text


def physical_lines(text: str, path: Path) -> list[Line]:
    """Normalized non-empty lines, with wrapped continuation lines joined to their start.

    ``"Eliminate customer support"`` + ``"as you know it."`` is one line: the second starts with
    a lowercase word and the first does not end a sentence.
    """
    lines: list[Line] = []
    previous_blank = True
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if len(raw) > MAX_LINE_CHARS:
            raise GlossaryError("E111", path=str(path), line=number, length=len(raw), limit=MAX_LINE_CHARS)
        clean = _strip_markup(_tab_separator(_INVISIBLE.sub("", raw)))
        clean = _CONTROLS.sub(" ", _ODD_SPACES.sub(" ", clean))
        clean = unicodedata.normalize("NFC", _MULTI_SPACE.sub(" ", clean)).strip()
        if not clean:
            previous_blank = True
            continue
        first = clean.split(" ", 1)[0]
        if (
            lines
            and not previous_blank
            and first.isalpha()
            and first.islower()
            and lines[-1].text[-1:] not in ".!?:"
            and len(lines[-1].text) < MAX_JOINED_CHARS  # wrapped lines are short: stay linear
        ):
            lines[-1].text += " " + clean
        else:
            lines.append(Line(number, clean))
        previous_blank = False
    return lines


def _tab_separator(raw: str) -> str:
    """``"Term<TAB>Definition"`` (a pasted two-column table) -> ``"Term: Definition"``."""
    raw = raw.strip()
    if "\t" not in raw:
        return raw
    left, _, right = raw.partition("\t")
    right = right.lstrip("\t ")
    words = left.split()
    if words and right and len(words) <= 8 and (is_title_case(left) or _starts_like_a_name(words[0])):
        return f"{left.strip()}: {right}"
    return raw


def _starts_like_a_name(word: str) -> bool:
    """``IT service management``, ``Just-in-time`` yes; ``The time ...``, ``It ...`` no."""
    folded = word.casefold()
    if is_acronym_word(word):
        return True
    return word[:1].isupper() and folded not in NOT_A_SUBJECT_START and folded not in FUNCTION_WORDS


def _strip_markup(text: str) -> str:
    """Drop list bullets, numbering, Markdown heading marks and bold/italic wrappers.

    ``"• Churn Rate"``, ``"12. Churn Rate"``, ``"## Churn Rate"``, ``"**Churn Rate**"`` ->
    ``"Churn Rate"``; ``"**Churn Rate**: the share ..."`` -> ``"Churn Rate: the share ..."``.
    """
    text = text.strip()
    if text[:2] in ("\u2022 ", "- ", "* ", "\u00b7 ", "\u2013 ", "\u2014 ", "+ "):
        text = text[2:].lstrip()
    elif text.startswith("#"):
        stripped = text.lstrip("#")
        if stripped[:1] == " ":
            text = stripped.lstrip()
    else:
        digits = len(text) - len(text.lstrip("0123456789"))
        if 0 < digits <= 3 and text[digits : digits + 2] in (". ", ") "):
            text = text[digits + 2 :].lstrip()
    for mark in ("**", "__"):
        if text.startswith(mark):
            close = text.find(mark, len(mark))
            if close > 0:
                text = text[len(mark) : close] + text[close + len(mark) :]
    return text
