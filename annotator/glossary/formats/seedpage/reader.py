"""Step 3 of the parser: headings + definition blocks -> entries, and the reader itself.

:func:`read_seed` walks the classified lines, collecting the headings that precede each
definition; :func:`_interpret` turns one block into an entry, deciding who the definition
belongs to when the heading and the sentence subject disagree. Duplicates and trailing page
junk are reported, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ....vocabulary.acronyms import is_acronym_phrase, is_acronym_word
from ....vocabulary.inflection import singular_phrase
from ....vocabulary.initials import canonical_acronym
from ....vocabulary.names import (
    QUOTES,
    content_words,
    head_word,
    is_title_case,
    name_key,
    normalize_key,
    title_case,
)
from ...files import read_bounded
from ...model import Entry, Skipped
from .classify import classify_lines
from .cues import (
    COMPARISON,
    CONTINUATION_STARTS,
    DUPLICATE,
    INTRO,
    JUNK_TRAILING,
    MISPLACED_HEADING,
    NO_DEFINITION,
    NO_HEADWORD,
)
from .lines import Line, decode_page, physical_lines
from .names import Name, parse_name, split_parentheticals
from .sentences import (
    SCAN_CHARS,
    alias_names,
    first_sentence,
    inline_aliases,
    parse_subject,
    split_lead_in,
)


#: How much of a skipped line the report keeps.
SKIPPED_TEXT_CHARS = 200


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
        self.skipped.append(Skipped(self.source, line.number, clip(line.text) + detail, reason))


def clip(text: str) -> str:
    return text if len(text) <= SKIPPED_TEXT_CHARS else text[:SKIPPED_TEXT_CHARS] + "..."


def _heading_name(line: Line, definition: str = "") -> Name | None:
    return parse_name(_unshout(line.text, definition))


def _unshout(text: str, definition: str = "") -> str:
    """``"AVERAGE HANDLE TIME (AHT)"`` -> ``"Average Handle Time (AHT)"``.

    Only for headings written entirely in capitals. A word stays in capitals if it is three
    letters or shorter, or if the definition writes it in capitals too (``SLA BREACH`` over
    "When an SLA is missed ..." -> ``SLA Breach``); other words are title-cased.
    """
    bare, _ = split_parentheticals(text)
    letters = [ch for ch in bare if ch.isalpha()]
    if len(bare.split()) < 2 or not letters or not all(ch.isupper() for ch in letters):
        return text
    written = {w.strip(QUOTES + "(),.;:") for w in definition[:SCAN_CHARS].split()}
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
    hw, sw = content_words(heading.term), content_words(subject.term)
    if hw and sw and (hw <= sw or sw <= hw or head_word(heading.term) == head_word(subject.term)):
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
    if relation == "same" and is_acronym_phrase(heading.term) and not is_acronym_phrase(subject.term):
        # "CCaaS" over "CCaaS (Contact Center as a Service) is ...": the expansion is the term.
        acronym = canonical_acronym(heading.term, subject.term)
        return replace(subject, term=title_case(subject.term)).with_extra([acronym], heading.aliases)
    if relation == "same":
        if name_key(heading.term) == name_key(subject.term) and (
            subject.plural or normalize_key(heading.term) != normalize_key(subject.term)
        ):
            # "Team Leaders" over "A team leader (TL) is ...": the singular is the term.
            heading = replace(heading, term=singular_phrase(heading.term))
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
        [*lead.aliases, *(a for a in lead.weak_aliases if head_word(a) == head_word(name.term))]
    )
    aliases += inline_aliases(text, name.term)
    name = name.with_extra(acronyms, [a for a in aliases if name_key(a) != name_key(name.term)])
    if name.plural:
        name = replace(name, aliases=tuple(singular_phrase(a) for a in name.aliases))

    term_key = name_key(name.term)
    entry = Entry(
        term=name.term,
        definition=text,
        source=ctx.source,
        line=definition.number,
        acronyms=tuple(a for a in name.acronyms if normalize_key(a) != normalize_key(name.term)),
        aliases=tuple(a for a in name.aliases if name_key(a) != term_key and not is_acronym_word(a)),
        category=category,
    )
    ctx.entries.append(entry)
    ctx.defined.add(term_key)
    ctx.last_line = definition.number


def _continues(text: str) -> bool:
    """Does this paragraph read as the continuation of a definition (anaphora, "For example")?"""
    words = text.split(maxsplit=2)
    if not words:
        return False
    first = words[0].strip(",").casefold()
    if first in ("for", "in"):
        return len(words) > 1 and words[1].strip(",").casefold() in ("example", "addition", "practice", "short")
    return first in CONTINUATION_STARTS


def read_seed(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Parse one seed glossary (scraped web page as text) into entries and skipped lines.

    ``Entry.line`` is the 1-based line of the definition text. Raises :class:`GlossaryError`
    (with file and line) for files that are not text: invalid UTF-8, NUL bytes, absurdly long
    lines. An empty file gives no entries and nothing skipped.
    """
    path = Path(path)
    data = read_bounded(path)
    lines = classify_lines(physical_lines(decode_page(data, path), path))

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
            text = f"{entry.term} [same as line {first_line[key]}]: {clip(entry.definition)}"
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
        if item.line > last and item.reason == NO_DEFINITION and not is_title_case(item.text):
            item = replace(item, reason=JUNK_TRAILING)
        out.append(item)
    return out
