"""Seed glossaries: glossary pages scraped to plain text -> :class:`Entry` objects.

The seeds are copies of public web glossaries. None of them is a clean "term: definition"
list; between them they use every layout a scraped glossary page tends to have:

* headword line, blank line, definition line (most of them);
* ``ACR`` / ``Full Term (ACR)`` / definition triples under letter headers (``A``, ``B``...);
* headword and definition on adjacent lines, with a category word glued to the definition
  (``MetricsAbandonment Rate is ...``, ``TechnologyTechnology that ...``);
* ``AHT – Average Hold Time`` headings, ``Codeless / No-Code Application`` headings;
* definitions whose headword line is missing, so the term has to be read out of the sentence
  (``Augmented Reality is ...``, ``An Agent is a ...``, ``Short for employee Net Promoter Score,
  eNPS is ...``, ``Call center attrition refers to ...``);
* a heading sitting over another term's definition (``Customer Effort Score (CES)`` over
  ``Culture (AKA organizational culture ...) is ...``): the definition belongs to Culture;
* exact duplicates, alphabet index lines, titles, intro paragraphs, and the web page's trailing
  junk (contact forms, calls to action, image captions).

Layouts the seeds do not use but other scraped glossaries do are read too: ``Term: definition``
and ``Term – definition`` on one line, bullets, numbering, Markdown marks, tab-separated
columns, ``What is X?`` headings, headings in capitals.

The parser is a short pipeline of small, separately testable steps, all linear in the input:

1. :func:`_physical_lines` decodes the file and normalizes each line (NBSP and other odd spaces
   become plain spaces, list and Markdown marks go; wrapped continuation lines are joined to the
   line they continue).
2. :func:`_classify` gives every line one kind: structural (title, letter header, alphabet
   index), page junk, category label, heading, or definition (a ``Term: definition`` line
   becomes a heading and a definition).
3. :func:`read_seed` walks the lines, collecting the headings that precede each definition, and
   :func:`_interpret` turns one (headings, definition) block into an entry, using
   :func:`parse_name` for headings and :func:`parse_subject` for the definition's first
   sentence, and deciding who the definition belongs to when the two disagree.
4. Duplicates and trailing page junk are reported, never silently dropped: every non-empty line
   ends up in an entry, is structural, or comes back as a :class:`Skipped` with its reason.

Rules are general (layout and wording cues), never keyed on a particular file, so a new
glossary page scraped the same way parses too. No regular expression here can backtrack
badly: the few used are anchored or single character classes, and every sentence-level scan
looks at a bounded prefix of the definition.

Canonical acronym casing: an acronym keeps the casing the source writes (``eNPS``, ``CCaaS``,
``VoC``), except that a lowercase letter standing for a capitalized word of the expansion is
raised (``CeS – Customer Effort Score`` -> ``CES``, which is also how the same page writes it
in the definition). A plural ``s`` is dropped (``Operations Managers (OMs)`` -> ``OM``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import GlossaryError
from .files import read_bounded
from .model import CATEGORIES, Entry, Skipped, normalize_key

#: Lines longer than this are not glossary text (a minified script, a base64 blob): E101.
MAX_LINE_CHARS = 20_000
#: Wrapped continuation lines are joined up to this length (a wrapped heading or call to action).
MAX_JOINED_CHARS = 1_000
#: Sentence-level scans (subject, aliases) only look this far into a definition.
SCAN_CHARS = 600
#: A heading longer than this many words is prose, not a headword.
MAX_HEADING_WORDS = 12
#: A term read out of a sentence is at most this many words long.
MAX_TERM_WORDS = 7
#: How much of a skipped line the report keeps.
SKIPPED_TEXT_CHARS = 200

# Skip reasons (the build report groups by these strings, tests assert them).
JUNK_FORM = "page junk: form field"
JUNK_CTA = "page junk: call to action"
JUNK_QUESTION = "page junk: question"
JUNK_LINK = "page junk: link or footer"
JUNK_TRAILING = "page junk: trailing text after the last entry"
INTRO = "intro paragraph"
NO_DEFINITION = "heading without definition"
NO_HEADWORD = "definition without headword: no term found in its first sentence"
DUPLICATE = "duplicate entry"
MISPLACED_HEADING = "heading over another term's definition"
COMPARISON = "comparison heading, not a single term"

FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or per the to via vs with within without".split()
)
#: Words that start a sentence whose subject is not a term ("This is ...", "It measures ...").
_NOT_A_SUBJECT_START = frozenset(
    "this that these those it its they their there here such each any all some our your we you "
    "following other another one".split()
)
#: Words that mark a clause, so the words before a verb are not a bare term.
_CLAUSE_WORDS = frozenset("that which who whom whose where when whether while because if how what why".split())
#: Verbs that end the subject of a defining sentence: "<term> is / refers to / measures ...".
_DEFINING_VERBS = frozenset("is are refers refer occurs involves means measures describes uses stands".split())
_PERSON_WORDS = frozenset("you your you're yours we we're our ours us i i'm my".split())
#: Imperative verbs of web calls to action, recognised only before a function word or pronoun
#: ("Start for free", "Schedule A Consultation", "See what we can do"), so that headwords such as
#: "Schedule Adherence" or "Call Center" are left alone.
_CTA_VERBS = frozenset(
    "start get try book schedule request contact sign join subscribe download learn read see "
    "discover explore talk call watch claim register eliminate boost transform unlock grab "
    "find chat speak let's".split()
)
_CTA_FOLLOWERS = FUNCTION_WORDS | _PERSON_WORDS | frozenset(
    "free now more started up me it today what how demo here".split()
)
#: Web page navigation that ends up in scraped text.
_NAVIGATION = frozenset(
    ["back to top", "table of contents", "related terms", "share this", "share this article",
     "read more", "learn more", "previous", "next", "home", "menu", "skip to content",
     "privacy policy", "cookie policy", "terms of service", "terms and conditions",
     "subscribe", "sign up", "log in", "login"]
)
_TITLE_WORDS = frozenset("glossary glossaries dictionary terminology jargon".split())
#: Lead-ins that put an expansion or aliases before the subject: "Short for X, eNPS is ...".
#: The flag says whether aliases after it are only "sometimes" used (weak: see _keep_alias).
_LEAD_INS = (
    ("short for ", "expansion"),
    ("an abbreviation for ", "expansion"),
    ("abbreviation for ", "expansion"),
    ("also known as ", "alias"),
    ("also called ", "alias"),
    ("also referred to as ", "alias"),
    ("commonly known as ", "alias"),
    ("sometimes referred to as ", "weak"),
    ("often referred to as ", "weak"),
    ("commonly referred to as ", "weak"),
    ("sometimes called ", "weak"),
    ("known as ", "alias"),
)
#: Alias markers inside a sentence ("..., AKA domestic outsourcing.", "also known as ...").
_ALIAS_MARKERS = (
    "also known as ",
    "also called ",
    "also referred to as ",
    "sometimes called ",
    "sometimes referred to as ",
    "known as ",
    "a.k.a. ",
    "aka ",
)
#: Words that start an alias list inside parentheses: "(AKA ...)", "(also called ...)".
_PAREN_ALIAS_PREFIXES = (
    "aka ",
    "a.k.a. ",
    "also known as ",
    "also called ",
    "also referred to as ",
    "sometimes called ",
    "known as ",
    "or ",
)
_ACRONYM_DEFINING = ("is the acronym for ", "is an acronym for ", "is an abbreviation for ", "stands for ")
_DASHES = (" \u2013 ", " \u2014 ", " - ")
_QUOTES = "\"'\u2018\u2019\u201c\u201d"
_CATEGORY_WORDS = {c.casefold(): c for c in CATEGORIES}
#: Anything that is not a plain space but renders as one (NBSP, thin space, ideographic...).
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x01-\x08\x0b-\x1f\x7f]")
_MULTI_SPACE = re.compile(r" {2,}")
_MINUS = re.compile(r"(?:^| )-(?=\d)")


# --- small text helpers ---------------------------------------------------------------------------


def is_acronym(token: str) -> bool:
    """``AHT``, ``eNPS``, ``CCaaS``, ``VoC``, ``OMs``, ``E2EE``, ``P0``: one short word, mostly caps.

    >>> [is_acronym(t) for t in ("SLA", "eNPS", "CCaaS", "P0", "Agent", "IT", "A")]
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


def _is_acronym_phrase(text: str) -> bool:
    """An acronym, optionally followed by a number: ``SLA``, ``SOC 2``."""
    words = text.split()
    return 1 <= len(words) <= 2 and is_acronym(words[0]) and all(w.isdigit() for w in words[1:])


def _singular_acronym(token: str) -> str:
    """``OMs`` -> ``OM``, ``KPIs`` -> ``KPI``; ``eNPS``, ``SaaS`` and ``CCaaS`` are left alone."""
    if len(token) > 2 and token.endswith("s") and token[:-1].isupper():
        return token[:-1]
    return token


def singular(word: str) -> str:
    """A cautious English singular for the last word of a term (``Managers`` -> ``Manager``)."""
    lower = word.lower()
    # The cheap tests first: most words do not end in "s", and no other needs is_acronym.
    if len(word) < 4 or not lower.endswith("s") or is_acronym(word):
        return word
    if lower.endswith(("ss", "us", "is", "ics", "ous", "ws")):  # business, status, analytics
        return word
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1]


def _singular_phrase(text: str) -> str:
    words = text.split()
    if not words:
        return text
    words[-1] = singular(words[-1])
    return " ".join(words)


def name_key(text: str) -> str:
    """Case-, hyphen-, space- and plural-insensitive key of a name.

    A hyphen right before a digit after a space is a minus sign and counts: ``Tier -1 Support``
    is not ``Tier 1 Support``.
    """
    return normalize_key(minus_aware(_singular_phrase(text)))


def minus_aware(text: str) -> str:
    """Spell out a minus sign (`` -1`` -> `` minus 1``) before hyphens are normalized away."""
    return _MINUS.sub(" minus ", text) if "-" in text else text


def _strip_quotes(text: str) -> str:
    return text.strip().strip(_QUOTES + ",;:").strip()


def _strip_article(text: str) -> str:
    first, _, rest = text.partition(" ")
    if rest and first.lower() in ("a", "an", "the"):
        return rest
    return text


def _content_words(text: str) -> set[str]:
    """Casefolded singular words of a name, without function words and hyphens."""
    words = text.replace("-", " ").replace("/", " ").split()
    return {singular(w.casefold()) for w in words if w.casefold() not in FUNCTION_WORDS}


def _head(text: str) -> str:
    words = text.replace("-", " ").split()
    return singular(words[-1].casefold()) if words else ""


def title_case(text: str) -> str:
    """Capitalize the all-lowercase content words of a term read out of a sentence.

    Words the source already capitalizes in its own way (``eNPS``, ``WhatsApp``) are kept:
    ``"call center attrition"`` -> ``"Call Center Attrition"``, ``"co-browsing"`` ->
    ``"Co-Browsing"``, ``"just-in-time"`` -> ``"Just-in-Time"``.
    """
    out = []
    for index, word in enumerate(text.split()):
        parts = word.split("-")
        fixed = []
        for pindex, part in enumerate(parts):
            first = index == 0 and pindex == 0
            if part.isalpha() and part.islower() and (first or part not in FUNCTION_WORDS):
                part = part[:1].upper() + part[1:]
            fixed.append(part)
        out.append("-".join(fixed))
    return " ".join(out)


def _is_title_case(text: str) -> bool:
    """Every content word starts with a capital or a digit (headword style, not a sentence)."""
    for word in text.replace("-", " ").replace("/", " ").split():
        if word.casefold() in FUNCTION_WORDS:
            continue
        if not (word[0].isupper() or word[0].isdigit() or not word[0].isalpha()):
            return False
    return True


def _split_words(phrase: str) -> list[str]:
    """Words for initials matching: hyphenated parts count as words (``Full-Time`` -> 2)."""
    return [w for w in phrase.replace("-", " ").replace("/", " ").split() if w.strip(_QUOTES)]


@lru_cache(maxsize=4096)
def align_acronym(acronym: str, phrase: str) -> tuple[int, ...] | None:
    """Match an acronym's letters to the initial letters of a phrase's words.

    Each content word must give the acronym a prefix of itself (one letter or more:
    ``CSAT`` = **C**\\ustomer **Sat**\\isfaction); function words may give letters or none
    (``CCaaS`` = **C**\\ontact **C**\\enter **a**\\s **a** **S**\\ervice, ``VoC``). ``2`` and
    ``4`` may stand for "to" and "for" (``E2EE``). Returns, for each acronym character, the index
    of the word it starts (``-1`` if it continues a word), or ``None`` when nothing fits.
    Memoized recursion over (letters used, words used): at most 10 x 12 states.
    """
    chars = [ch for ch in acronym if ch.isalnum()]
    words = [w.strip(_QUOTES + "(),.") for w in _split_words(phrase)]
    words = [w for w in words if w]
    if not chars or not words or len(chars) > 12 or len(words) > 12:
        return None
    memo: dict[tuple[int, int], tuple[int, ...] | None] = {}

    def solve(i: int, j: int) -> tuple[int, ...] | None:
        if (i, j) in memo:
            return memo[(i, j)]
        result: tuple[int, ...] | None = None
        if j == len(words):
            result = () if i == len(chars) else None
        else:
            word = words[j]
            folded = word.casefold()
            if folded in FUNCTION_WORDS:  # a function word may be skipped
                result = solve(i, j + 1)
            if result is None and i < len(chars):
                digit_word = {"2": "to", "4": "for"}.get(chars[i])
                if digit_word == folded:
                    rest = solve(i + 1, j + 1)
                    result = None if rest is None else (j, *rest)
                length = 1
                while result is None and i + length <= len(chars) and length <= len(word):
                    if folded[:length] != "".join(chars[i : i + length]).casefold():
                        break
                    rest = solve(i + length, j + 1)
                    if rest is not None:
                        result = (j, *([-1] * (length - 1)), *rest)
                    length += 1
        memo[(i, j)] = result
        return result

    return solve(0, 0)


def spells_out(acronym: str, phrase: str) -> bool:
    """Is ``phrase`` the expansion of ``acronym``? Like :func:`align_acronym`, but a trailing
    head word the acronym leaves out is allowed (CSAT = Customer Satisfaction *Score*)."""
    if align_acronym(acronym, phrase) is not None:
        return True
    words = phrase.split()
    return len(words) >= 3 and align_acronym(acronym, " ".join(words[:-1])) is not None


def canonical_acronym(acronym: str, expansion: str | None = None) -> str:
    """The acronym as the glossary should record it.

    A plural ``s`` is dropped; a lowercase letter that stands for a capitalized word of the
    expansion is raised (``CeS`` for "Customer Effort Score" -> ``CES``), while one that
    stands for a lowercase word stays (``CCaaS`` = "Contact Center as a Service"), and so does a
    leading lowercase letter (``eNPS``, ``tNPS``: a house style, not a typo).
    """
    acronym = _singular_acronym(acronym.strip(_QUOTES + "()"))
    if not expansion:
        return acronym
    alignment = align_acronym(acronym, expansion)
    if alignment is None:
        return acronym
    words = [w.strip(_QUOTES + "(),.") for w in _split_words(expansion)]
    words = [w for w in words if w]
    letters = [ch for ch in acronym if ch.isalnum()]
    raised = []
    for position, (ch, word_index) in enumerate(zip(letters, alignment)):
        # A leading lowercase letter is a deliberate style (eNPS, tNPS), whatever the expansion.
        if position and word_index >= 0 and ch.islower() and words[word_index][:1].isupper():
            ch = ch.upper()
        raised.append(ch)
    # Put the (possibly raised) letters back where they were, keeping spaces ("SOC 2").
    out, it = [], iter(raised)
    for ch in acronym:
        out.append(next(it) if ch.isalnum() else ch)
    return "".join(out)


# --- names: headings and sentence subjects ----------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A term as written in a heading or at the start of a definition, with what it carries."""

    term: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    #: The term was written in the plural ("Operations Managers (OMs) are ...").
    plural: bool = False

    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.term, *self.aliases) if n} | {
            normalize_key(a) for a in self.acronyms
        }

    def with_extra(self, acronyms: Iterable[str] = (), aliases: Iterable[str] = ()) -> Name:
        return replace(
            self,
            acronyms=_unique((*self.acronyms, *acronyms)),
            aliases=_unique((*self.aliases, *aliases)),
        )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        if item and normalize_key(item) not in seen:
            seen[normalize_key(item)] = item
    return tuple(seen.values())


def _split_parentheticals(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``"COPC (Customer ...) Certification"`` -> ``("COPC Certification", [(1, "Customer ...")])``.

    Each parenthetical comes with the number of words before it. An unclosed parenthesis runs
    to the end of the text. One pass, no regex.
    """
    outside: list[str] = []
    found: list[tuple[int, str]] = []
    depth, start = 0, 0
    for index, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                outside.append(text[start:index])
                start = index + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                found.append((len("".join(outside).split()), text[start:index].strip()))
                start = index + 1
    if depth:
        found.append((len("".join(outside).split()), text[start:].strip()))
    else:
        outside.append(text[start:])
    return " ".join("".join(outside).split()), found


#: ", or Y", ", also known as Y" ... right after a name: the rest of the name is an alias list.
_COMMA_ALIAS_MARKERS = (
    ", or ",
    ", also known as ",
    ", also called ",
    ", also referred to as ",
    ", sometimes called ",
    ", aka ",
    ", a.k.a. ",
    ", known as ",
)


def _comma_alias_split(text: str) -> tuple[str, list[str]] | None:
    """``"Handle Time, also known as handling time,"`` -> ``("Handle Time", ["handling time"])``."""
    lowered = text.casefold()
    for marker in _COMMA_ALIAS_MARKERS:
        index = lowered.find(marker)
        if index > 0:
            items = _split_list(text[index + len(marker) :])
            # "Nonproductive time, also referred to as waiting time, when a machine ...": the
            # list runs into a clause, so this is not a name with aliases.
            if items and all(is_acronym(i) or _plausible_alias(i) for i in items):
                return text[:index], items
            return None
    return None


def _split_list(text: str) -> list[str]:
    """``"organizational culture or company culture"`` -> both; also splits on commas."""
    items: list[str] = []
    for part in text.replace(" or ", ",").replace(" and/or ", ",").split(","):
        part = _strip_article(_strip_quotes(part))
        if part:
            items.append(part)
    return items


def _expands(expansion: str, name_words: list[str]) -> tuple[int, int, int] | None:
    """Does ``expansion`` spell out an acronym word of the name (plus, maybe, the words after it)?

    ``PCI Compliance`` / ``Payment Card Industry Compliance`` and ``REST API`` /
    ``Representational State Transfer``: returns (acronym word index, words of the expansion
    that spell it, words left over that repeat the name's tail) or ``None``.
    """
    exp_words = expansion.split()
    for index, word in enumerate(name_words):
        if not is_acronym(word):
            continue
        for cut in range(len(exp_words), 0, -1):
            if align_acronym(word, " ".join(exp_words[:cut])) is None:
                continue
            tail = exp_words[cut:]
            if not tail or [w.casefold() for w in tail] == [w.casefold() for w in name_words[index + 1 :]]:
                return index, cut, len(tail)
    return None


def parse_name(text: str) -> Name | None:
    """Read a term, its acronyms and its aliases out of a heading or a sentence subject.

    Handles, in this order: ``AHT – Average Hold Time`` dashes; ``Customer Satisfaction, or
    CSAT`` and ``CSAT or Customer Satisfaction``; ``Codeless / No-Code Application`` slashes;
    parentheticals (``(AHT)``, ``(AKA ...)``, ``(also called ...)``, spelled-out acronyms,
    qualifiers like ``(Engineer / Support / Technician)``, which are dropped); a leading article.
    """
    text = " ".join(text.split()).strip(" ,;:")
    if not text:
        return None
    acronyms: list[str] = []
    aliases: list[str] = []

    # 1. "AHT – Average Hold Time", "NFF Rate – No Fault Found": acronym on one side.
    for dash in _DASHES:
        if dash in text:
            left, _, right = text.partition(dash)
            left, right = left.strip(), right.strip()
            if _is_acronym_phrase(left) and align_acronym(left, right) is not None:
                return _finish(right, [canonical_acronym(left, right)], [], plural=False)
            if _is_acronym_phrase(right) and align_acronym(right, left) is not None:
                return _finish(left, [canonical_acronym(right, left)], [], plural=False)
            lwords = left.split()
            if lwords and is_acronym(lwords[0]) and align_acronym(lwords[0], right) is not None:
                # "NFF Rate – No Fault Found": the concept is the rate; NFF stays its acronym.
                full = " ".join([right, *lwords[1:]])
                return _finish(full, [canonical_acronym(lwords[0], right)], [left], plural=False)
            if left and right:
                aliases.append(right)
                text = left
            break

    # 2. "Customer Satisfaction, or CSAT", "Just-in-time, or Just-in-Time Documentation",
    #    "Handle Time, also known as handling time".
    split = _comma_alias_split(text)
    if split is not None:
        text, others = split
        for other in others:
            (acronyms if is_acronym(other) else aliases).append(other)
    elif " or " in text:
        left, _, right = text.partition(" or ")
        if is_acronym(left.strip()) and align_acronym(left.strip(), right) is not None:
            return _finish(right, [canonical_acronym(left.strip(), right)], aliases, plural=False)
        if is_acronym(right.strip()) and align_acronym(right.strip(), left) is not None:
            return _finish(left, [canonical_acronym(right.strip(), left)], aliases, plural=False)

    # 3. Parentheticals: acronyms, alias lists, spelled-out acronyms; anything else qualifies.
    bare, parentheticals = _split_parentheticals(text)
    bare = _strip_article(_strip_quotes(bare))
    plural = False
    words = bare.split()
    for position, inner in parentheticals:
        inner = _strip_quotes(inner)
        lowered = inner.casefold()
        prefix = next((p for p in _PAREN_ALIAS_PREFIXES if lowered.startswith(p)), None)
        if prefix:
            for item in _split_list(inner[len(prefix) :]):
                if is_acronym(item):
                    acronyms.append(canonical_acronym(item))
                elif _plausible_alias(item):
                    aliases.append(item)
        elif is_acronym(inner) or _is_acronym_phrase(inner):
            plural = plural or _singular_acronym(inner) != inner
            acronyms.append(inner)
        elif _is_acronym_phrase(bare) and spells_out(bare, inner):
            # "ACD (Automatic Call Distribution)", "SLA (Service Level Agreement)".
            acronyms.append(canonical_acronym(bare, inner))
            bare, words = inner, inner.split()
        else:
            spelled = _expands(inner, words)
            if spelled is not None:
                index, cut, tail = spelled
                exp_words = inner.split()
                if tail:  # "PCI Compliance (Payment Card Industry Compliance)"
                    aliases.append(inner)
                else:  # "REST API (Representational State Transfer)", "COPC (...) Certification"
                    aliases.append(" ".join(words[:index] + exp_words[:cut] + words[index + 1 :]))
            # else: a qualifier such as "(Engineer / Support / Technician)": not part of the term.
    # Acronym casing comes from the term the acronym abbreviates (CeS -> CES).
    acronyms = [canonical_acronym(a, bare) for a in acronyms]

    # 4. "Codeless / No-Code Application", "Transfer / Escalation Rate": distribute the shared
    #    words, so each variant is a full term; the first one is the term, the others aliases.
    if " / " in bare:
        left, _, right = bare.partition(" / ")
        lw, rw = left.split(), right.split()
        if len(lw) == 1 and len(rw) > 1:
            variants = [" ".join([lw[0], *rw[1:]]), right]
        elif len(lw) > 1 and len(rw) == 1:
            variants = [left, " ".join([*lw[:-1], rw[0]])]
        else:
            variants = [left, right]
        bare = variants[0]
        aliases = [*variants[1:], *aliases]
    return _finish(bare, acronyms, aliases, plural=plural)


def _finish(term: str, acronyms: Sequence[str], aliases: Sequence[str], *, plural: bool) -> Name | None:
    term = _strip_article(_strip_quotes(" ".join(term.split())))
    if not term or not any(ch.isalnum() for ch in term):
        return None
    if plural:
        term = _singular_phrase(term)
    acronyms = [_singular_acronym(a) for a in acronyms if a]
    aliases = [_strip_article(_strip_quotes(a)) for a in aliases]
    return Name(
        term=term,
        acronyms=_unique(a for a in acronyms if normalize_key(a) != normalize_key(term)),
        aliases=_unique(a for a in aliases if a and name_key(a) != name_key(term) and not is_acronym(a)),
        plural=plural,
    )


def _plausible_alias(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 6
        and len(text) >= 2
        and words[0].casefold() not in _NOT_A_SUBJECT_START
        and not any(w.casefold() in _CLAUSE_WORDS for w in words)
        and not any(ch in text for ch in ";:!?()")
    )


def _plausible_term(name: Name) -> bool:
    words = name.term.split()
    if not 1 <= len(words) <= MAX_TERM_WORDS:
        return False
    if not is_acronym(words[0]) and (
        words[0].casefold() in _NOT_A_SUBJECT_START or words[0].casefold() in FUNCTION_WORDS
    ):
        return False  # "This is ...", "It measures ..." (but "IT Service Management" is a term)
    if any(w.casefold() in _CLAUSE_WORDS for w in words):
        return False
    if any(ch in name.term for ch in ";:!?\"") or words[-1].casefold() in FUNCTION_WORDS:
        return False
    # "Refers to ...", "Measures how ...": a verb, not a subject.
    return words[0].casefold() not in _DEFINING_VERBS


# --- definitions: the subject of the first sentence ---------------------------------------------------


def first_sentence(text: str) -> str:
    """The definition's first sentence, looking no further than :data:`SCAN_CHARS`."""
    window = text[:SCAN_CHARS]
    for index, ch in enumerate(window):
        if ch not in ".!?" or index + 1 >= len(window):
            continue
        nxt = window[index + 1]
        if nxt == " " and index + 2 < len(window) and window[index + 2].isupper():
            word = window[: index + 1].rsplit(" ", 1)[-1].casefold()
            if word not in ("e.g.", "i.e.", "etc.", "vs.", "approx."):
                return window[: index + 1]
        elif nxt.isupper() and ch == "." and window[index - 1 : index].isalpha():
            # "...something.This could be": a missing space after the full stop.
            return window[: index + 1]
    return window


def _take_phrase(text: str) -> tuple[str, str] | None:
    """Split ``"'frontline support' this ..."`` or ``"X, rest"`` into (phrase, rest)."""
    text = text.lstrip()
    if text[:1] in _QUOTES:
        close = next((i for i in range(1, min(len(text), 120)) if text[i] in _QUOTES), -1)
        if close > 0:
            return text[1:close].strip(" ,"), text[close + 1 :].lstrip(" ,")
    comma = text.find(",", 0, 160)
    if comma <= 0:
        return None
    return text[:comma], text[comma + 1 :].lstrip()


def _subject_text(sentence: str) -> tuple[str, str] | None:
    """The words before the defining verb, and the verb itself, outside parentheses.

    ``"Culture (AKA ...) is the ..."`` -> ``("Culture (AKA ...)", "is")``. Only the first
    ``MAX_TERM_WORDS + 8`` words are looked at: a subject is short.
    """
    depth = 0
    words = sentence.split(" ")
    for index, word in enumerate(words[: MAX_TERM_WORDS + 8]):
        depth += word.count("(") - word.count(")")
        if index and depth <= 0 and word.casefold() in _DEFINING_VERBS:
            if word.casefold() in ("refers", "refer") and (index + 1 >= len(words) or words[index + 1] != "to"):
                continue
            return " ".join(words[:index]), word.casefold()
    return None


@dataclass(frozen=True)
class LeadIn:
    """What a sentence says before its subject: ``"Also known as X or Y, <rest>"``."""

    rest: str
    aliases: tuple[str, ...] = ()
    #: From "sometimes / often / commonly referred to as": kept only if they look safe.
    weak_aliases: tuple[str, ...] = ()
    #: From "Short for X, ..." / "An abbreviation for X, ...".
    expansion: str | None = None


def split_lead_in(sentence: str) -> LeadIn:
    """``"Short for X, eNPS is ..."`` -> expansion X; ``"Also known as X, this ..."`` -> alias X."""
    lowered = sentence.casefold()
    for lead, kind in _LEAD_INS:
        if not lowered.startswith(lead):
            continue
        taken = _take_phrase(sentence[len(lead) :])
        if taken is None:
            break
        phrase, rest = taken
        if kind == "expansion":
            return LeadIn(rest, expansion=_strip_article(_strip_quotes(phrase)))
        items = tuple(_split_list(phrase))
        return LeadIn(rest, aliases=items) if kind == "alias" else LeadIn(rest, weak_aliases=items)
    return LeadIn(sentence)


def alias_names(items: Iterable[str]) -> tuple[list[str], list[str]]:
    """Aliases as written in a list, and the acronyms that abbreviate them.

    ``["Average Speed of Answer (ASA)", "Average Delay"]`` -> both names, and ``ASA`` (it spells
    out "Average Speed of Answer"); ``"First Time Fix (FTF) rate"`` keeps no acronym (FTF is not
    the whole alias). Acronym-shaped items are acronyms.
    """
    aliases: list[str] = []
    acronyms: list[str] = []
    for item in items:
        if is_acronym(item):
            acronyms.append(_singular_acronym(item))
            continue
        name = parse_name(item)
        if name is None or not _plausible_alias(name.term):
            continue
        aliases.append(name.term)
        acronyms.extend(a for a in name.acronyms if align_acronym(a, name.term) is not None)
    return aliases, acronyms


def parse_subject(definition: str) -> Name | None:
    """The term a definition's first sentence defines, if it names one.

    ``"Augmented Reality is ..."``, ``"An Agent is a ..."``, ``"Short for employee Net Promoter
    Score, eNPS is ..."``, ``"Call center attrition refers to ..."``, ``"In the context of NPS, a
    Detractor is ..."``, ``"ITSM is the acronym for IT Service Management — ..."``. Returns
    ``None`` for sentences that do not start with a term (``"A metric that measures ..."``,
    ``"This is ..."``, ``"Refers to ..."``).
    """
    # 1. A lead-in before the subject: "Short for X, ...", "Also known as X, ...".
    lead = split_lead_in(first_sentence(definition).strip())
    sentence, expansion = lead.rest, lead.expansion

    # 2. The subject: the words before "is" / "are" / "refers to" / ...
    found = _subject_text(sentence)
    if found is None:
        return None
    subject, verb = found
    rest = sentence[len(subject) :].lstrip()
    rest = rest[len(verb) :].lstrip() if rest.casefold().startswith(verb) else rest
    # "In the context of Net Promoter Score (NPS), a Detractor": the subject is after the comma.
    if _comma_alias_split(subject) is None:
        subject_outside, _ = _split_parentheticals(subject)
        if "," in subject_outside:
            subject = subject[subject.rfind(",") + 1 :].strip()
    name = parse_name(subject)
    if name is None or not _plausible_term(name):
        return None
    # "Quality assurance in customer support is ...": the "in ..." phrase is context, not term.
    before, found_in, _ = name.term.partition(" in ")
    if found_in and before.strip():
        name = replace(name, term=before.strip())
    if verb == "are" and not name.plural:
        singular_term = _singular_phrase(name.term)
        if singular_term != name.term:
            name = replace(name, term=singular_term, plural=True)

    # 3. "ITSM is the acronym for IT Service Management — ...": the expansion follows the verb.
    if expansion is None and _is_acronym_phrase(name.term):
        lowered_rest = f"{verb} {rest}".casefold()
        for marker in _ACRONYM_DEFINING:
            if lowered_rest.startswith(marker):
                phrase = f"{verb} {rest}"[len(marker) :]
                for stop in (" \u2014", " \u2013", " - ", ",", ".", ";"):
                    phrase = phrase.split(stop, 1)[0]
                expansion = _strip_article(_strip_quotes(phrase))
                break

    # 4. An expansion turns an acronym subject into its full term: "eNPS" -> "employee Net ...".
    aliases: list[str] = list(lead.aliases)
    if expansion:
        if _is_acronym_phrase(name.term) and align_acronym(name.term, expansion) is not None:
            name = Name(
                term=expansion,
                acronyms=_unique((canonical_acronym(name.term, expansion), *name.acronyms)),
                aliases=name.aliases,
                plural=name.plural,
            )
        else:
            aliases.append(expansion)
    more_aliases, more_acronyms = alias_names(aliases)
    return name.with_extra(acronyms=more_acronyms, aliases=more_aliases)


def _keep_alias(alias: str, term: str) -> bool:
    """Keep a loosely attached alias only if it is clearly a name for the same kind of thing.

    "..., AKA domestic outsourcing." under Onshore Outsourcing shares the head word and is kept;
    "..., also known as billable time." under Agent Utilization names something else.
    """
    return _plausible_alias(alias) and _head(alias) == _head(term)


def inline_aliases(definition: str, term: str) -> list[str]:
    """Aliases introduced inside the first sentence ("..., AKA domestic outsourcing.")."""
    sentence = first_sentence(definition)
    lowered = sentence.casefold()
    found: list[str] = []
    for marker in _ALIAS_MARKERS:
        start = 0
        while True:
            index = lowered.find(marker, start)
            if index < 0:
                break
            start = index + len(marker)
            # A marker counts only at a word boundary ("aka " must not match "...aka").
            if index and lowered[index - 1].isalnum():
                continue
            phrase = sentence[start:]
            for stop in (",", ".", ";", ":", ")", " \u2013", " \u2014", " - ", " this ", " which ", " that "):
                phrase = phrase.split(stop, 1)[0]
            for item in _split_list(phrase):
                if _keep_alias(item, term):
                    found.append(item)
    return found


# --- lines ---------------------------------------------------------------------------------------------


@dataclass
class Line:
    number: int  # 1-based physical line number of the line's first physical line
    text: str
    kind: str = ""  # title | letter | index | junk | category | heading | definition
    reason: str = ""  # for junk
    category: str | None = None  # a category word glued to a definition


def _decode(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(
            "E101", path=str(path), line=line, detail="invalid UTF-8; save the file as UTF-8 text"
        ) from exc
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise GlossaryError("E101", path=str(path), line=line, detail="NUL byte: this is not a text file")
    return text


def _physical_lines(text: str, path: Path) -> list[Line]:
    """Normalized non-empty lines, with wrapped continuation lines joined to their start.

    ``"Eliminate customer support"`` + ``"as you know it."`` is one line: the second starts with
    a lowercase word and the first does not end a sentence.
    """
    lines: list[Line] = []
    previous_blank = True
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if len(raw) > MAX_LINE_CHARS:
            raise GlossaryError(
                "E101",
                path=str(path),
                line=number,
                detail=f"line is {len(raw)} characters long (limit {MAX_LINE_CHARS}): not glossary text",
            )
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
    if words and right and len(words) <= 8 and (_is_title_case(left) or _starts_like_a_name(words[0])):
        return f"{left.strip()}: {right}"
    return raw


def _starts_like_a_name(word: str) -> bool:
    """``IT service management``, ``Just-in-time`` yes; ``The time ...``, ``It ...`` no."""
    folded = word.casefold()
    if is_acronym(word):
        return True
    return word[:1].isupper() and folded not in _NOT_A_SUBJECT_START and folded not in FUNCTION_WORDS


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


#: Left-hand sides of "X: ..." that are labels, not terms.
_NOT_TERMS = frozenset("note tip example examples source sources see also updated last copyright warning".split())


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
    if words[0].casefold() in _NOT_TERMS:
        return None
    if any(w.casefold() in _DEFINING_VERBS or w.casefold() in _CLAUSE_WORDS for w in words):
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
    folded = [w.strip(_QUOTES + ".,!?:").casefold() for w in words]
    if text.endswith(":") and len(words) <= 6:
        return JUNK_FORM
    if "http://" in text or "https://" in text or "www." in text or "@" in text or "\u00a9" in text:
        return JUNK_LINK
    if "all rights reserved" in text.casefold() or text.casefold().strip(" .:>|") in _NAVIGATION:
        return JUNK_LINK
    if len(words) <= 8 and any(w in _PERSON_WORDS for w in folded):
        return JUNK_CTA
    if len(folded) >= 2 and folded[0] in _CTA_VERBS and folded[1] in _CTA_FOLLOWERS:
        return JUNK_CTA
    if text.endswith("?") and not _question_term(text):
        return JUNK_QUESTION
    return ""


def _question_term(text: str) -> str:
    """``"What is Average Handle Time?"`` -> ``"Average Handle Time"`` (FAQ-style headings)."""
    lowered = text.casefold()
    for prefix in ("what is ", "what are ", "what's ", "what\u2019s "):
        if lowered.startswith(prefix) and text.endswith("?"):
            return _strip_article(text[len(prefix) : -1].strip())
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
    return len(words) >= 6 and any(w in _DEFINING_VERBS for w in words[1:])


def _is_index_line(text: str) -> bool:
    """``A B C D ... Z`` (an alphabet index) or a run of single letters and separators."""
    tokens = [t for t in text.split() if t not in ("|", "\u2022", "\u00b7", "-")]
    return len(tokens) >= 4 and all(len(t) == 1 and (t.isalpha() or t == "#") for t in tokens)


def _classify(lines: list[Line]) -> list[Line]:
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
            and any(w.strip(_QUOTES + ":").casefold() in _TITLE_WORDS for w in words)
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


# --- blocks: headings + definition -> entry ----------------------------------------------------------


@dataclass
class _Context:
    source: str
    entries: list[Entry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: name keys of the terms this file has already defined (for misplaced headings).
    defined: set[str] = field(default_factory=set)
    #: line of the last definition read into an entry (a continuation must follow it closely).
    last_line: int = 0

    def skip(self, line: Line, reason: str, detail: str = "") -> None:
        """Report a line; ``reason`` is one of the constants above (the report groups by it),
        ``detail`` is appended to the text."""
        self.skipped.append(Skipped(self.source, line.number, _clip(line.text) + detail, reason))


def _clip(text: str) -> str:
    return text if len(text) <= SKIPPED_TEXT_CHARS else text[:SKIPPED_TEXT_CHARS] + "..."


def _heading_name(line: Line, definition: str = "") -> Name | None:
    return parse_name(_unshout(line.text, definition))


def _unshout(text: str, definition: str = "") -> str:
    """``"AVERAGE HANDLE TIME (AHT)"`` -> ``"Average Handle Time (AHT)"``.

    Only for headings written entirely in capitals. A word stays in capitals if it is three
    letters or shorter, or if the definition writes it in capitals too (``SLA BREACH`` over
    "When an SLA is missed ..." -> ``SLA Breach``); other words are title-cased.
    """
    bare, _ = _split_parentheticals(text)
    letters = [ch for ch in bare if ch.isalpha()]
    if len(bare.split()) < 2 or not letters or not all(ch.isupper() for ch in letters):
        return text
    written = {w.strip(_QUOTES + "(),.;:") for w in definition[:SCAN_CHARS].split()}
    out, depth = [], 0
    for word in text.split(" "):
        inside = depth > 0 or "(" in word
        depth += word.count("(") - word.count(")")
        if not inside and word.isalpha() and len(word) > 3 and word not in written:
            word = word[0] + word[1:].lower()
        out.append(word)
    return " ".join(out)


def _compatible(previous: Name, heading: Name) -> str:
    """How an earlier heading relates to the one right above a definition.

    ``"same"``: ``Agent``/``Agent``, ``AES``/``Agent Effort Score (AES)``; ``"prefix"``:
    ``Tier 1``/``Tier 1 Support`` (the short form becomes an alias); ``""``: unrelated.
    """
    if name_key(previous.term) == name_key(heading.term):
        return "same"
    acronyms = {normalize_key(a) for a in heading.acronyms}
    if normalize_key(previous.term) in acronyms:
        return "same"
    prev_words = previous.term.casefold().split()
    if prev_words == heading.term.casefold().split()[: len(prev_words)]:
        return "prefix"
    return ""


def _relation(heading: Name, subject: Name) -> str:
    """How a definition's subject relates to the heading above it.

    ``"same"``: one term (by name, plural, alias or acronym); ``"acronym"``: the heading is built
    on the subject's acronym (``BPO Management`` over "Business process outsourcing (BPO) is
    ..."); ``"related"``: one's words contain the other's (``AR Unboxing`` / "Unboxing refers to
    ..."); ``"different"``: unrelated terms (``Customer Effort Score (CES)`` / "Culture is ...").
    """
    if heading.keys() & subject.keys():
        return "same"
    heading_words = {w.casefold() for w in heading.term.split()}
    if any(a.casefold() in heading_words for a in subject.acronyms):
        return "acronym"
    hw, sw = _content_words(heading.term), _content_words(subject.term)
    if hw and sw and (hw <= sw or sw <= hw or _head(heading.term) == _head(subject.term)):
        return "related"
    return "different"


def _resolve_headings(ctx: _Context, headings: list[Line], definition: str) -> tuple[Name | None, Line | None]:
    """The name heading a definition, from the headings collected above it.

    The last heading heads the definition; earlier ones that are compatible merge into it
    (``ACR`` / ``Full Term (ACR)``, ``Term`` / ``Term``, ``Tier 1`` / ``Tier 1 Support``); the
    rest had no definition of their own and are reported.
    """
    if not headings:
        return None, None
    name = _heading_name(headings[-1], definition)
    used = 1
    for previous in reversed(headings[:-1]):
        prev_name = _heading_name(previous, definition)
        relation = _compatible(prev_name, name) if prev_name and name else ""
        if not relation or name is None or prev_name is None:
            break
        if relation == "prefix":
            name = name.with_extra(aliases=[prev_name.term])
        else:
            name = name.with_extra(acronyms=prev_name.acronyms)
        used += 1
    for orphan in headings[: len(headings) - used]:
        ctx.skip(orphan, NO_DEFINITION)
    if name is None:
        ctx.skip(headings[-1], NO_DEFINITION)
        return None, None
    return name, headings[-1]


def _owner(ctx: _Context, heading: Name, heading_line: Line, subject: Name, definition: Line) -> Name:
    """Whose definition is it, the heading's or the sentence subject's? (See :func:`_relation`.)"""
    relation = _relation(heading, subject)
    if relation == "same" and _is_acronym_phrase(heading.term) and not _is_acronym_phrase(subject.term):
        # "CCaaS" over "CCaaS (Contact Center as a Service) is ...": the expansion is the term.
        acronym = canonical_acronym(heading.term, subject.term)
        return replace(subject, term=title_case(subject.term)).with_extra([acronym], heading.aliases)
    if relation == "same":
        if name_key(heading.term) == name_key(subject.term) and (
            subject.plural or normalize_key(heading.term) != normalize_key(subject.term)
        ):
            # "Team Leaders" over "A team leader (TL) is ...": the singular is the term.
            heading = replace(heading, term=_singular_phrase(heading.term))
        return heading.with_extra(subject.acronyms, subject.aliases)
    if relation == "acronym":
        # "BPO Management" over "Business process outsourcing (BPO) is ...".
        return replace(subject, term=title_case(subject.term)).with_extra(aliases=[heading.term])
    if relation == "different" or name_key(heading.term) in ctx.defined:
        # "Customer Effort Score (CES)" over "Culture (AKA ...) is ...": Culture's definition.
        detail = f" [line {definition.number} defines {subject.term!r}]"
        ctx.skip(heading_line, MISPLACED_HEADING, detail)
        return replace(subject, term=title_case(subject.term))
    return heading  # related ("AR Unboxing" / "Unboxing refers to ..."): the heading is the term


def _interpret(ctx: _Context, headings: list[Line], definition: Line, category: str | None) -> None:
    """Turn one block (the headings above a definition, and the definition) into an entry."""
    text = definition.text
    subject = parse_subject(text)

    # 1. The heading, if any; a comparison ("Chatbot vs AI Agent") is not one concept.
    name, heading_line = _resolve_headings(ctx, headings, text)
    if name is not None and heading_line is not None:
        padded = f" {name.term.casefold()} "
        if " vs " in padded or " vs. " in padded or " versus " in padded:
            ctx.skip(heading_line, COMPARISON)
            ctx.skip(definition, COMPARISON)
            return

    # 2. Whose definition this is: the heading's, the sentence subject's, or nobody's.
    if name is None:
        if subject is None and ctx.entries and _continues(text) and definition.number - ctx.last_line <= 2:
            # "It is usually reported weekly." right under a definition: its second paragraph.
            last = ctx.entries[-1]
            ctx.entries[-1] = replace(last, definition=f"{last.definition} {text}")
            ctx.last_line = definition.number
            return
        if subject is None:
            ctx.skip(definition, INTRO if not ctx.entries else NO_HEADWORD)
            return
        name = replace(subject, term=title_case(subject.term))
    elif subject is not None and heading_line is not None:
        name = _owner(ctx, name, heading_line, subject, definition)

    # 3. Aliases from a lead-in ("Also known as X, this metric ..."), weak ones ("sometimes
    #    referred to as X") only when they share the term's head word, and aliases introduced
    #    later in the sentence ("..., AKA domestic outsourcing.").
    lead = split_lead_in(first_sentence(text))
    aliases, acronyms = alias_names(
        [*lead.aliases, *(a for a in lead.weak_aliases if _head(a) == _head(name.term))]
    )
    aliases += inline_aliases(text, name.term)
    name = name.with_extra(acronyms, [a for a in aliases if name_key(a) != name_key(name.term)])
    if name.plural:
        name = replace(name, aliases=tuple(_singular_phrase(a) for a in name.aliases))

    term_key = name_key(name.term)
    entry = Entry(
        term=name.term,
        definition=text,
        source=ctx.source,
        line=definition.number,
        acronyms=tuple(a for a in name.acronyms if normalize_key(a) != normalize_key(name.term)),
        aliases=tuple(a for a in name.aliases if name_key(a) != term_key and not is_acronym(a)),
        category=category,
    )
    ctx.entries.append(entry)
    ctx.defined.add(term_key)
    ctx.last_line = definition.number


#: First words of a paragraph that continues the one before ("It is ...", "For example, ...").
_CONTINUATION_STARTS = frozenset(
    "it its this these they their such for in also however typically usually often".split()
)


def _continues(text: str) -> bool:
    """Does this paragraph read as the continuation of a definition (anaphora, "For example")?"""
    words = text.split(maxsplit=2)
    if not words:
        return False
    first = words[0].strip(",").casefold()
    if first in ("for", "in"):
        return len(words) > 1 and words[1].strip(",").casefold() in ("example", "addition", "practice", "short")
    return first in _CONTINUATION_STARTS


def read_seed(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Parse one seed glossary (scraped web page as text) into entries and skipped lines.

    ``Entry.line`` is the 1-based line of the definition text. Raises :class:`GlossaryError`
    (with file and line) for files that are not text: invalid UTF-8, NUL bytes, absurdly long
    lines. An empty file gives no entries and nothing skipped.
    """
    path = Path(path)
    data = read_bounded(path)
    lines = _classify(_physical_lines(_decode(data, path), path))

    ctx = _Context(source=path.name)
    headings: list[Line] = []
    category: str | None = None
    for line in lines:
        if line.kind == "heading":
            headings.append(line)
        elif line.kind == "category" and headings:
            category = line.category
        elif line.kind == "definition":
            _interpret(ctx, headings, line, line.category or category)
            headings, category = [], None
        else:
            # Structure and junk end any pending headings: they had no definition.
            for orphan in headings:
                ctx.skip(orphan, NO_DEFINITION)
            headings, category = [], None
            if line.kind == "junk":
                ctx.skip(line, line.reason)
            elif line.kind == "category":
                ctx.skip(line, NO_DEFINITION)
    for orphan in headings:
        ctx.skip(orphan, NO_DEFINITION)

    entries = _drop_duplicates(ctx)
    skipped = _mark_trailing_junk(ctx.skipped, entries)
    return entries, sorted(skipped, key=lambda s: s.line)


def _drop_duplicates(ctx: _Context) -> list[Entry]:
    """Exact duplicates (same term, same definition) are reported, not kept twice."""
    first_line: dict[tuple[str, str], int] = {}
    kept: list[Entry] = []
    for entry in ctx.entries:
        key = (name_key(entry.term), " ".join(entry.definition.split()).casefold())
        if key in first_line:
            text = f"{entry.term} [same as line {first_line[key]}]: {_clip(entry.definition)}"
            ctx.skipped.append(Skipped(ctx.source, entry.line, text, DUPLICATE))
            continue
        first_line[key] = entry.line
        kept.append(entry)
    return kept


def _mark_trailing_junk(skipped: list[Skipped], entries: list[Entry]) -> list[Skipped]:
    """After the last entry, a "heading" that is not written like a headword is page furniture
    ("Woman with laptop" is an image caption)."""
    last = max((e.line for e in entries), default=0)
    out = []
    for item in skipped:
        if item.line > last and item.reason == NO_DEFINITION and not _is_title_case(item.text):
            item = replace(item, reason=JUNK_TRAILING)
        out.append(item)
    return out
