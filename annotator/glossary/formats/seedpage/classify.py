"""Step 2 of the parser: give every line one kind.

Structural (title, letter header, alphabet index), page junk (form fields, calls to action,
questions, links and footers), category label, heading, or definition; a ``Term: definition``
line becomes a heading and a definition.
"""

from __future__ import annotations

from ....vocabulary.names import QUOTES
from ...model import CATEGORIES
from .cues import (
    CLAUSE_WORDS,
    CTA_FOLLOWERS,
    CTA_VERBS,
    DEFINING_VERBS,
    JUNK_CTA,
    JUNK_FORM,
    JUNK_LINK,
    JUNK_QUESTION,
    NAVIGATION,
    NOT_TERMS,
    PERSON_WORDS,
    TITLE_WORDS,
    strip_article,
)
from .lines import Line
from .names import parse_name


#: A heading longer than this many words is prose, not a headword.
MAX_HEADING_WORDS = 12
_CATEGORY_WORDS = {c.casefold(): c for c in CATEGORIES}


def split_inline_heading(text: str) -> tuple[str, str] | None:
    """``"Average Handle Time (AHT): The average time ..."`` -> (heading, definition).

    Also ``Term – definition`` and ``Term - definition``. The left side must read like a
    headword (a short name, no verb, starting with a capital or a digit) and the right side like
    a definition, so ``AHT – Average Hold Time`` (a heading) and ordinary sentences with a
    colon or a dash stay whole.
    """
    # The earliest separator decides; a later one ("... like: needs") is inside the definition.
    found = sorted(
        (index, separator)
        for separator in (": ", " \u2013 ", " \u2014 ", " - ", " = ")
        if (index := text.find(separator, 0, 100)) > 0
    )
    if not found:
        return None
    index, separator = found[0]
    left, right = text[:index].strip(), text[index + len(separator) :].strip()
    words, right_words = left.split(), right.split()
    if not 1 <= len(words) <= 8 or not (left[0].isupper() or left[0].isdigit()):
        return None
    if words[0].casefold() in NOT_TERMS:
        return None
    if any(w.casefold() in DEFINING_VERBS or w.casefold() in CLAUSE_WORDS for w in words):
        return None
    if len(right_words) < 3 or not (right[-1:] in ".!?" or len(right_words) >= 6):
        return None
    if parse_name(left) is None:
        return None
    return left, right


def _junk_reason(text: str) -> str:
    """Why a short line is web-page furniture rather than glossary text ("" if it is not)."""
    words = text.split()
    if len(words) > 10:
        return ""
    folded = [w.strip(QUOTES + ".,!?:").casefold() for w in words]
    if text.endswith(":") and len(words) <= 6:
        return JUNK_FORM
    if "http://" in text or "https://" in text or "www." in text or "@" in text or "\u00a9" in text:
        return JUNK_LINK
    if "all rights reserved" in text.casefold() or text.casefold().strip(" .:>|") in NAVIGATION:
        return JUNK_LINK
    if len(words) <= 8 and any(w in PERSON_WORDS for w in folded):
        return JUNK_CTA
    if len(folded) >= 2 and folded[0] in CTA_VERBS and folded[1] in CTA_FOLLOWERS:
        return JUNK_CTA
    if text.endswith("?") and not _question_term(text):
        return JUNK_QUESTION
    return ""


def _question_term(text: str) -> str:
    """``"What is Average Handle Time?"`` -> ``"Average Handle Time"`` (FAQ-style headings)."""
    lowered = text.casefold()
    for prefix in ("what is ", "what are ", "what's ", "what\u2019s "):
        if lowered.startswith(prefix) and text.endswith("?"):
            return strip_article(text[len(prefix) : -1].strip())
    return ""


def _glued_category(text: str) -> tuple[str | None, str]:
    """``"MetricsAbandonment Rate is ..."`` -> ``("Metrics", "Abandonment Rate is ...")``."""
    for folded, category in _CATEGORY_WORDS.items():
        head = text[: len(folded)]
        rest = text[len(folded) :]
        if head == category and rest[:1].isupper() and len(rest.split()) >= 3:
            return category, rest
    return None, text


def _looks_like_definition(text: str) -> bool:
    words = text.split()
    if len(words) > MAX_HEADING_WORDS or len(text) > 120:
        return True
    if text[-1:] in ".!" and len(words) >= 4:
        return True
    return len(words) >= 6 and any(w in DEFINING_VERBS for w in words[1:])


def _is_index_line(text: str) -> bool:
    """``A B C D ... Z`` (an alphabet index) or a run of single letters and separators."""
    tokens = [t for t in text.split() if t not in ("|", "\u2022", "\u00b7", "-")]
    return len(tokens) >= 4 and all(len(t) == 1 and (t.isalpha() or t == "#") for t in tokens)


def classify_lines(lines: list[Line]) -> list[Line]:
    """Give every line its kind (see :class:`Line`); a ``Term: definition`` line becomes two."""
    out: list[Line] = []
    seen_content = False
    for line in lines:
        out.append(line)
        text = line.text
        if (len(text) == 1 and (text.isalpha() or text == "#")) or text in ("0-9", "#"):
            line.kind = "letter"
            continue
        if _is_index_line(text):
            line.kind = "index"
            continue
        words = text.split()
        if (
            not seen_content
            and len(words) <= 8
            and any(w.strip(QUOTES + ":").casefold() in TITLE_WORDS for w in words)
            and not _looks_like_definition(text)
        ):
            line.kind = "title"
            continue
        seen_content = True
        question = _question_term(text)
        if question:
            line.kind, line.text = "heading", question
            continue
        reason = _junk_reason(text)
        if reason:
            line.kind, line.reason = "junk", reason
            continue
        if text in CATEGORIES:
            line.kind, line.category = "category", text
            continue
        category, rest = _glued_category(text)
        if category:
            line.kind, line.category, line.text = "definition", category, rest
            continue
        inline = split_inline_heading(text)
        if inline:
            line.kind, line.text = "heading", inline[0]
            category, rest = _glued_category(inline[1])
            out.append(Line(line.number, rest, kind="definition", category=category))
            continue
        line.kind = "definition" if _looks_like_definition(text) else "heading"
    # "Average Handle Time:" alone on a line, then its definition: a heading, not a form field.
    for line, following in zip(out, out[1:]):
        if line.reason == JUNK_FORM and following.kind == "definition" and not following.category:
            line.kind, line.reason, line.text = "heading", "", line.text.rstrip(":").strip()
    return out
