"""Proper names that contain glossary words: products, apps, menus, sections, status labels.

"Go to Agent Dashboard > Home", "Help Scout Beacon", "Zendesk Chat", "| Escalated |": the
glossary words in them name a thing, not the support concept. A glossary match is dropped when
it lies inside a *name*, found from the text's shape and the glossary, never from a list of
names:

1. A **capitalised run**: title-case or brand-case tokens around the match (acronyms break a
   run), joined by a few connecting words ("Chatwoot for Support").
2. The run is a name when it holds
   * a brand-shaped token ("LiveChat": inner capitals the glossary does not write itself),
     unless the document writes it in the plural too ("LiveChats": a name has no plural,
     :mod:`..compounds`), or it is one glossary word capitalised at its seam ("WebHook",
     "OmniChannel": a programmer's spelling of the word, :func:`camel_cased_word`); or
   * a capitalised word the glossary never uses (a *stranger*), where capitals mean something:
     not at a sentence start (after a line break, a bullet, an opening quote or bracket, ".",
     ":"; a word English hardly uses counts there too), and not in a title-case heading, where
     every word is capitalised. One stranger that
     is no common English word ("Zendesk", "Chatwoot": word frequency, not a list) makes a
     name; common words take two ("Help Scout Beacon", but not "the Conversation Details
     section"), or one beside a one-word term mid-sentence ("three Availability Zones", "to
     Preview Macro"; not before a common noun it labels, "the Ticket Details panel"); or
   * it is a step of a UI path (next to ``>``, ``->``, ``→``, ``»``, past emphasis and link marks
     around the step: ``> [**Queue Management**](...)``) and has two words or more
     (a one-word entry, "Settings > Inboxes", names its contents: the concept), or the path is
     set in emphasis, the way documents write what to click (``*Manage > Macros*``): there a
     one-word step names the screen, and only there (the word elsewhere is the concept).
3. It is **not** a name when it is exactly one glossary term (the capitals are the term's:
   "Service Level Agreement"), when it is spelled out as an abbreviation in the document ("Very
   Breached Tickets (VBT)"), or when an indefinite article comes before it ("a Zendesk Macro"
   is a macro). A path step of several words is a name all the same. Outside a path, only a
   one-word match (or a brand-shaped one, "LiveChat") is taken for part of a name: a term of
   several words is specific enough to be the term even beside a product's name ("HelpScout
   Saved Replies"), unless it opens a long name (three capitalised words or more after it)
   whose last word the glossary never uses ("Customer Support Operations Issue Tracker" is a
   tracker; "Call Center Queues Stats" are the call center's).
   A run naming a template, a project or an issue form (its last word, or the lower-case
   word after it, is one of :data:`ARTEFACTS`: "the Indirect Feedback template", "[Bug Report
   issue](...)") is a name, outside headings; such a name is not looked for in other casings.
   A list item ("- Semi Automated Ticket Prioritization Script") or a line holding a link's
   text (a row of a table of links) is no heading: its capitals are the names'.
4. A name, once found, is a name wherever the document repeats it, in any casing or number
   ("zendesk chat" further down).
5. An **acronym opening a name**: two capitalised words or more after it, the last one a word
   the glossary never uses ("AI Support Pod", "AI-Powered Stage"), outside headings; the name
   (or a shorter one in it) is a name wherever it comes back.
6. A markdown **table cell** of one or two words outside the header row is a status or UI label
   ("| Escalated |"), not prose.

Pure functions over the document's tokens; the component runs them as the ``proper_names``
precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress

import numpy as np

from spacy.lang.en.stop_words import STOP_WORDS

from ...glossary.compile import TERM_LABEL
from ...vocabulary.frequency import COMMON_WORD_ZIPF, is_common_word
from ...vocabulary.inflection import singular
from ...vocabulary.names import name_key
from .layout import in_heading, table_label
from ..compounds import closed_compound, counted, counted_compounds
from ..lexicon import GlossaryLexicon
from ..matcher import MATCH_END
from ..resolution import release
from ..tokentexts import TokenTexts as _Tokens

#: Lower-case words that may join the capitalised words of one name ("Chatwoot for Support").
CONNECTORS = frozenset(("for", "of", "and", "&", "de", "by"))
#: Longest run of tokens considered as one name.
MAX_NAME_TOKENS = 6
#: Fewest capitalised words after a term of several words for the run to be a longer name.
NAME_TAIL_WORDS = 3
#: Tokens that separate the steps of a UI path (``->`` is two tokens, ``-`` then ``>``).
PATH_MARKS = frozenset((">", "\u2192", "\u00bb", "\u203a", "=>"))
#: Tokens that open emphasis in Markdown and reStructuredText (``**Save**``, ``*Manage*``).
EMPHASIS_MARKS = frozenset(("*", "_"))
#: Nouns for the things a team names and keeps (general software and project vocabulary): a
#: capitalised run they head is that thing's name ("the Indirect Feedback template", "the
#: Customer Feedback project", "[Bug Report issue](...)"), not the glossary concept.
ARTEFACTS = frozenset(
    "template templates project projects repository repositories repo repos tracker trackers "
    "issue issues".split()
)
_ISSUE_WORDS = frozenset(("issue", "issues"))
#: Characters of the marks a path step may be wrapped in, and how many such tokens are skipped.
_WRAP_CHARS = frozenset("*_[]")
_STEP_WRAP = 6
#: Most tokens of a UI path looked through for the emphasis around it.
_PATH_REACH = 12
#: Most lower-case words a sentence-case path step runs on after its capitalised first word.
_STEP_TAIL = 2
#: Words before a run that make it a common noun phrase ("a Zendesk Macro").
INDEFINITE_ARTICLES = frozenset(("a", "an"))
#: Capitalised common words outside the glossary that make a run a name (one rare word does).
COMMON_STRANGERS = 2


def is_capitalised(word: str) -> bool:
    """Title case or brand case (``Agent``, ``LiveChat``), not an acronym (``SLA``) nor ``I``."""
    return word[:1].isupper() and not word.isupper()


def is_brand_shaped(word: str) -> bool:
    """A capital after the first letter, with lower case around it (``LiveChat``, ``HubSpot``)."""
    return word[:1].isalpha() and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


def camel_cased_word(word: str, lexicon: GlossaryLexicon) -> bool:
    """A glossary word written with a capital inside it at a seam of the word ("WebHook",
    "OmniChannel", "ChatBot"): the programmer's habit of capitalising each part of a
    compound, not a brand's spelling. A brand closes up *several* words ("LiveChat",
    "HelpDesk"); a word the glossary holds as one is the jargon however it is capitalised."""
    lower = word.lower()
    return lower.isalpha() and (lower in lexicon.words or singular(lower) in lexicon.words)


def at_sentence_start(tokens: _Tokens, i: int) -> bool:
    """Token ``i`` sits where any word is capitalised: first in the text or after a token with
    no letter or digit (a line break, a bullet, ``.``, ``:``, an opening quote or bracket),
    other than a comma or semicolon."""
    if i == 0:
        return True
    before = tokens[i - 1]
    return not any(c.isalnum() for c in before) and before not in (",", ";")


def _joins(tokens: _Tokens, i: int, step: int) -> int:
    """How many tokens from ``i`` (walking by ``step``) join a capitalised run: 1 for a
    capitalised word, 2 for a connector and the capitalised word past it, 0 for none."""
    word = tokens[i]
    if word and word[0].isalpha() and is_capitalised(word):
        return 1
    if word.lower() in CONNECTORS and is_capitalised(tokens[i + step] or "x"):
        return 2
    return 0


def capitalised_run(tokens: _Tokens, start: int, end: int) -> tuple[int, int]:
    """The run of capitalised tokens around ``start:end`` (see the module docstring)."""
    lo, hi = start, end
    while lo > 0 and hi - lo < MAX_NAME_TOKENS:
        n = _joins(tokens, lo - 1, -1)
        if not n:
            break
        lo -= n
    while hi < len(tokens) and hi - lo < MAX_NAME_TOKENS:
        n = _joins(tokens, hi, 1)
        if not n:
            break
        hi += n
    return lo, hi


def _glossary_word(word: str, lexicon: GlossaryLexicon) -> bool:
    """A word of the glossary's names, or two of them closed up in title case ("Livechat",
    "Helpdesk"): the term written as one word, no stranger to the glossary. Inner capitals
    ("LiveChat") are a brand's spelling, which :func:`name_run` judges on its own."""
    lower = word.lower()
    if lower in lexicon.words or singular(lower) in lexicon.words:
        return True
    return not is_brand_shaped(word) and closed_compound(singular(lower), lexicon)


def _stranger(word: str, lexicon: GlossaryLexicon) -> bool:
    """A capitalised word the glossary never uses."""
    return word[:1].isalpha() and is_capitalised(word) and not _glossary_word(word, lexicon)


def _spelled_out(tokens: _Tokens, lo: int, hi: int, start: int, end: int, long_forms: set[str]) -> bool:
    """Some part of the run around ``start:end`` is a long form the document abbreviates."""
    if not long_forms:
        return False
    for i in range(lo, start + 1):
        for j in range(end, hi + 1):
            if name_key(" ".join(tokens[k] for k in range(i, j))) in long_forms:
                return True
    return False


def _path_step(tokens: _Tokens, lo: int, hi: int) -> bool:
    """The run ``lo:hi`` is a step of a UI path: a path mark before or after it, past the
    emphasis and link marks a step may be wrapped in (``> [**Queue Management**](...)``)."""
    before = lo - 1
    while before >= 0 and lo - before <= _STEP_WRAP and _wrapping(tokens[before]):
        before -= 1
    after = hi
    while after < len(tokens) and after - hi < _STEP_WRAP and _wrapping(tokens[after]):
        after += 1
    before_word = tokens[before] if before >= 0 else ""
    return before_word in PATH_MARKS or tokens[after] in PATH_MARKS or (
        tokens[after] == "-" and tokens[after + 1] == ">")


def _wrapping(word: str) -> bool:
    """A token that only wraps a path step: emphasis marks, a link text's bracket."""
    return bool(word) and word[0] in _WRAP_CHARS and set(word) <= _WRAP_CHARS


def _emphasised_path(tokens: _Tokens, lo: int, hi: int) -> bool:
    """The UI path holding the step ``lo:hi`` is set in emphasis, the way documents write what
    to click (``*Manage > Macros*``, ``**Ticket -> Status**``): an emphasis mark opens or
    closes it, past the path's other steps (capitalised words and path marks)."""

    def in_path(word: str) -> bool:
        return word in PATH_MARKS or word == "-" or is_capitalised(word)

    i = lo - 1
    while i >= 0 and lo - i <= _PATH_REACH and in_path(tokens[i]):
        i -= 1
    if i >= 0 and tokens[i] in EMPHASIS_MARKS:
        return True
    j = hi
    while j < len(tokens) and j - hi <= _PATH_REACH and in_path(tokens[j]):
        j += 1
    return j < len(tokens) and tokens[j] in EMPHASIS_MARKS


def _names_an_artefact(tokens: _Tokens, lo: int, hi: int, end: int) -> bool:
    """The capitalised run ``lo:hi`` is the name of a template, project or the like: its
    last word, after the match (``end``), is one of :data:`ARTEFACTS` ("Bug Report
    Template"), or one follows it in lower case ("the Indirect Feedback template", "the
    Customer Feedback project"). Not at a sentence start, where capitals say nothing ("Bug
    templates help"), except a link's text ("[Bug Report issue](...)")."""
    # Capitalised, "Issues" is as often a heading's problems ("Known Issues") as a tracker's.
    head = tokens[hi - 1].lower()
    if hi - 1 >= end and head in ARTEFACTS and head not in _ISSUE_WORDS:
        return True
    after = tokens[hi]
    if after.isspace():  # a line break inside the sentence ("the Customer Feedback\nproject")
        after = tokens[hi + 1]
    if not (after.islower() and after in ARTEFACTS):
        return False
    return not at_sentence_start(tokens, lo) or (lo > 0 and tokens[lo - 1] == "[")


def name_run(
    tokens: _Tokens,
    text: str,
    start: int,
    end: int,
    *,
    lexicon: GlossaryLexicon,
    char_span: Callable[[int, int], tuple[int, int]],
    spans: set[tuple[int, int]],
    long_forms: set[str],
    rare_below: float = COMMON_WORD_ZIPF,
    common_strangers: int = COMMON_STRANGERS,
    nouns: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """The name (a token range) the capitalised match ``start:end`` lies in, or None.

    ``spans`` are the token ranges of every accepted match (a run that is exactly one of them
    is the term); ``long_forms`` the :func:`~annotator.vocabulary.names.name_key` of each of
    the document's abbreviation long forms;
    a stranger under ``rare_below`` (Zipf) makes a name alone, ``common_strangers`` others do;
    ``nouns`` are the document's closed compounds written in the plural, no brand spelling
    (:func:`~annotator.pipeline.compounds.counted_compounds`)."""
    for i in range(start, end):
        word = tokens[i]
        if word[:1].isalpha() and not is_capitalised(word):
            return None
    lo, hi = capitalised_run(tokens, start, end)
    run_start = lo
    while hi > end and tokens[hi - 1].lower() in CONNECTORS:
        hi -= 1
    # "The Café Queue": a stop word opening a sentence is capitalised for its place alone.
    if lo < start and at_sentence_start(tokens, lo) and tokens[lo].lower() in STOP_WORDS:
        lo += 1
        while lo < start and tokens[lo].lower() in CONNECTORS:
            lo += 1
    # Asked first: a run the document spells out is no name whatever else it is (a text
    # defining its acronyms holds one per definition).
    if _spelled_out(tokens, lo, hi, start, end, long_forms):
        return None
    words = [i for i in range(lo, hi) if tokens[i][:1].isalpha()]
    # A one-word step names the screen in an emphasised path, what to click (``*Manage >
    # Macros*``); written plainly ("Go to Settings > Escalation") it names what is there.
    path = _path_step(tokens, lo, hi) and (len(words) >= 2 or _emphasised_path(tokens, lo, hi))
    # A step written in sentence case ("select Agent tools > Contextual workspaces") runs on in
    # lower case up to the path mark: a label of several words all the same.
    step_hi = hi
    while step_hi - hi < _STEP_TAIL and tokens[step_hi].isalpha() and tokens[step_hi].islower():
        step_hi += 1
    path = path or (step_hi > hi and (tokens[step_hi] in PATH_MARKS or (tokens[step_hi] == "-" and tokens[step_hi + 1] == ">")))
    # A heading's capitals are its place's ("Ticket Templates" is a page about them).
    if _names_an_artefact(tokens, lo, hi, end) and not in_heading(text, *char_span(lo, hi)):
        return lo, hi
    if path:
        return lo, hi
    # Beside a product's name, a term of several words is still the term ("HelpScout Saved
    # Replies"); a single glossary word is part of the name ("Zendesk Chat") ...
    # ... unless the term only opens a long name and qualifies its last word, a capitalised
    # word the glossary never uses: "Customer Support Operations Issue Tracker" is a tracker
    # (an English compound is what its last noun says). A word or two more make a compound
    # of the term, not a name ("Call Center Queues Stats" are the call center's).
    head = tokens[hi - 1]
    modifier = (
        end - start > 1 and hi - end >= NAME_TAIL_WORDS and _stranger(head, lexicon)
        and head.lower() not in STOP_WORDS
    )  # fmt: skip
    if end - start > 1 and not is_brand_shaped(tokens[start]) and not modifier:
        return None
    if any(is_brand_shaped(tokens[i]) and tokens[i] not in lexicon.written_caps and not counted(tokens[i], nouns)
           and not camel_cased_word(tokens[i], lexicon) for i in words):
        return lo, hi
    if (lo, hi) in spans or len(words) < 2:
        return None
    if lo and tokens[lo - 1].lower() in INDEFINITE_ARTICLES:
        return None
    first_is_start = at_sentence_start(tokens, lo)
    strangers = [i for i in words if is_capitalised(tokens[i]) and not _glossary_word(tokens[i], lexicon)]
    # A closed compound the document counts ("LiveChats") is the term's words closed up: a
    # common word, never a brand alone ("the Incoming LiveChat section" takes one more).
    rare = sum(1 for i in strangers if not is_common_word(tokens[i], rare_below) and not counted(tokens[i], nouns))
    # A common word opening a sentence is capitalised for its place alone; a word English
    # hardly uses ("Zendesk") is a name wherever it stands.
    if first_is_start and strangers and strangers[0] == lo and is_common_word(tokens[lo], rare_below):
        strangers = strangers[1:]
    # Mid-sentence, where nothing asks for capitals, the capitalised one-word term and one
    # capitalised content word beside it are a name already ("three Availability Zones", "to
    # Preview Macro"); a longer run takes the usual count ("Defects and Incidents" may be
    # capitalised for emphasis).
    # (Not after a capitalised stop word, "Very Breached Tickets", nor beside another match,
    # nor before a common noun it labels: "the Ticket Details panel" shows tickets.)
    after = tokens[hi]
    pair = (
        not first_is_start and run_start == lo and hi - lo == 2 and len(strangers) == 1
        and tokens[strangers[0]].lower() not in STOP_WORDS
        and not (after.isalpha() and after.islower() and after not in STOP_WORDS)
        and not any(a <= strangers[0] < b for a, b in spans)
    )  # fmt: skip
    if not modifier and not rare and not pair and len(strangers) < common_strangers:
        return None
    a, b = char_span(lo, hi)
    if in_heading(text, a, b):
        return None
    return lo, hi


def _attached(tokens: _Tokens, i: int) -> bool:
    """Token ``i`` follows token ``i - 1`` with no space between them."""
    return tokens.token_end(i - 1) == tokens.token_end(i) - len(tokens[i])


#: How many capitals :func:`_capitalised_word_at` reads before it leaves the question to the tokens.
_CAPITALS_READ = 32


def _capitalised_word_at(source: str, pos: int) -> bool:
    """Might a token starting at ``pos`` be a capitalised word (:func:`is_capitalised`)? False
    only when it cannot: no capital at ``pos``, or capitals up to something that is no
    lower-case letter (an acronym). Character tests, so a text of glued acronyms costs no token
    reads."""
    if not source[pos : pos + 1].isupper():
        return False
    end = min(len(source), pos + _CAPITALS_READ)
    i = pos + 1
    while i < end and source[i].isupper():
        i += 1
    return i == end < len(source) or source[i : i + 1].islower()


#: From this many acronyms, :func:`_in_acronym_names` reads their first look in bulk
#: (:func:`may_open_names`); below it, the arrays cost more than the calls they spare.
_BULK_ACRONYMS = 64
_ASCII_UPPER = np.array([chr(c).isupper() for c in range(128)])
_ASCII_LOWER = np.array([chr(c).islower() for c in range(128)])


def _char_test(points: np.ndarray, ascii_table: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """``test(chr(c))`` for each code point: ASCII from its table, any other once per distinct
    code point (0, what an offset outside the text reads, is neither upper nor lower case)."""
    out = ascii_table[np.minimum(points, 127)]
    wide = points > 127
    if wide.any():
        values, inverse = np.unique(points[wide], return_inverse=True)
        out[wide] = np.array([test(chr(v)) for v in values.tolist()], dtype=bool)[inverse]
    return out


def may_open_names(tokens: _Tokens, acronyms: list) -> list[bool]:
    """For each of ``acronyms`` (one-token matches): False where :func:`acronym_opens_name`
    answers None on its first look (no capital or hyphen after it, past one space, or no
    capitalised word starting there: :func:`_capitalised_word_at`), True where it must be asked.
    The same character tests on the text's code points for every acronym at once: a text of
    glued acronyms asked each in turn."""
    source, count = tokens.text, len(acronyms)
    n = len(source)
    # Code points with a 0 either side: offset -1 and n (and any past them) read 0.
    points = np.concatenate(([0], np.frombuffer(source.encode("utf-32-le"), dtype=np.uint32), [0]))

    def at(offsets: np.ndarray) -> np.ndarray:
        return points[np.clip(offsets + 1, 0, n + 1)]

    ends = np.fromiter(map(MATCH_END, acronyms), dtype=np.int64, count=count)
    after = np.fromiter(map(tokens.token_end, (ends - 1).tolist()), dtype=np.int64, count=count)
    after += at(after) == ord(" ")
    first = at(after)
    hyphen = first == ord("-")
    may = (ends < len(tokens)) & (hyphen | _char_test(first, _ASCII_UPPER, str.isupper))
    asked = np.flatnonzero(may)
    # _capitalised_word_at(source, pos): a capital at pos, then capitals up to a lower-case
    # letter, or up to its read limit inside the text.
    pos = (after + hyphen)[asked]
    capital = _char_test(at(pos), _ASCII_UPPER, str.isupper)
    limit = np.minimum(n, pos + _CAPITALS_READ)
    i = pos + 1
    running = capital & (i < limit)
    for _ in range(_CAPITALS_READ):
        live = np.flatnonzero(running)
        if not len(live):
            break
        upper = _char_test(at(i[live]), _ASCII_UPPER, str.isupper)
        i[live[upper]] += 1
        running[live[~upper]] = False
        running[live[upper]] = i[live[upper]] < limit[live[upper]]
    may[asked] = capital & (((i == limit) & (limit < n)) | _char_test(at(i), _ASCII_LOWER, str.islower))
    return may.tolist()


def acronym_opens_name(tokens: _Tokens, text: str, end: int, *, lexicon: GlossaryLexicon,
                       char_span: Callable[[int, int], tuple[int, int]]) -> int | None:
    """The acronym ending at token ``end`` opens a name: two capitalised words or more follow
    it (joined by a space or a hyphen: "AI Support Pod", "AI-Powered Stage") and the last of
    them is a content word the glossary never uses. An English compound is what its last
    noun says, so the run names a team, a product area or a group, and the acronym qualifies
    that name. Not in a heading, whose words are all capitalised anyway ("## SLA Policies").
    Returns where the name ends (a token index), or None."""
    # Most acronyms are followed by no capital and no hyphen: one character says so before
    # any token is read (the next token starts where the acronym ends, or a space later).
    if end >= len(tokens):
        return None
    source, after = tokens.text, tokens.token_end(end - 1)
    if source[after : after + 1] == " ":
        after += 1
    first = source[after : after + 1]
    if not first.isupper() and first != "-":
        return None
    if not _capitalised_word_at(source, after + 1 if first == "-" else after):
        return None  # the run cannot start: "SLA SLA", "-SLA-SLA" read no token
    i, words = end, []
    while i < len(tokens) and len(words) < MAX_NAME_TOKENS:
        word = tokens[i]
        if word.isalpha() and is_capitalised(word):
            words.append(i)
        elif not (word == "-" and _attached(tokens, i) and _attached(tokens, i + 1)):
            break
        i += 1
    # One word after it is the acronym's own compound ("CSAT Report", "CTI Adapter"): only a
    # longer run is a name.
    if len(words) < 2 or words[-1] != i - 1:
        return None
    head = tokens[words[-1]]
    if head.lower() in STOP_WORDS or not _stranger(head, lexicon):
        return None
    return None if in_heading(text, *char_span(end - 1, i)) else i


def drop_names(context, matches: list, taken: bytearray) -> list:
    """The ``proper_names`` rule: ``matches`` without the glossary terms inside names.

    ``context`` is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped
    matches release their tokens in ``taken``."""
    terms = [m for m in matches if m.label == TERM_LABEL and not m.is_token_pattern]
    acronyms = [m for m in matches if m.is_token_pattern and m.end - m.start == 1]
    if not terms and not acronyms:
        return matches
    settings, lexicon, text = context.settings, context.lexicon(), context.text
    tokens = context.tokens()

    def char_span(lo: int, hi: int) -> tuple[int, int]:
        return context.doc[lo].idx, context.token_end(hi - 1)

    dropped = _in_acronym_names(tokens, text, acronyms, lexicon, char_span) if acronyms else set()
    if not terms:
        return release(matches, dropped, taken)
    # The accepted spans, the abbreviations' long forms and the document's counted compounds,
    # made at the first capitalised term (most terms are written in lower case).
    nouns = spans = long_forms = None
    names: dict[str, list[tuple[str, ...]]] = {}
    for match in terms:
        first = tokens[match.start]
        if not first[:1].isupper():
            continue
        if nouns is None:
            nouns = counted_compounds(tokens, terms, lexicon)
            spans = {(m.start, m.end) for m in matches}
            long_forms = {name_key(a["long"]) for a in context.abbreviations()}
        run = name_run(tokens, text, match.start, match.end, lexicon=lexicon, char_span=char_span,
                       spans=spans, long_forms=long_forms, rare_below=settings.name_rare_word_zipf,
                       common_strangers=int(settings.name_common_strangers), nouns=nouns)  # fmt: skip
        if run is not None:
            dropped.add(match)
            lo, hi = run
            # A template's or a project's name is capitalised: "a bug report" further down is
            # the common noun.
            if _names_an_artefact(tokens, lo, hi, match.end):
                continue
            # "Try LiveChat": the word a sentence starts with is no part of the name.
            if (lo < match.start and at_sentence_start(tokens, lo) and not is_brand_shaped(tokens[lo])
                    and is_common_word(tokens[lo], settings.name_rare_word_zipf)):
                lo += 1
                while lo < match.start and tokens[lo].lower() in CONNECTORS:
                    lo += 1
            # A one-word step of a UI path ("Manage > Macros") names a screen there only: the
            # same word elsewhere is the concept (a brand, "LiveChat", is a name everywhere).
            if hi - lo == 1 and not is_brand_shaped(tokens[lo]):
                continue
            name = tuple(singular(tokens[i].lower()) for i in range(lo, hi))
            for word in set(name):
                if name not in names.setdefault(word, []):
                    names[word].append(name)
    has_table = "|" in text  # once: a look per match would read the whole text per match
    for match in terms:
        if match in dropped:
            continue
        if names and repeated_name(tokens, match.start, match.end, names):
            dropped.add(match)
            continue
        if has_table:
            start, end = char_span(match.start, match.end)
            if table_label(text, start, end, int(settings.table_cell_words)):
                dropped.add(match)
    return release(matches, dropped, taken)


def _in_acronym_names(tokens: _Tokens, text: str, acronyms: list, lexicon: GlossaryLexicon,
                      char_span: Callable[[int, int], tuple[int, int]]) -> set:
    """The ``acronyms`` (one-token matches) that open a name (:func:`acronym_opens_name`), and
    those that open the same name, or a shorter one in it, elsewhere in the document ("AI
    Support Pod" in a heading, after "AI Support Pod Slack channel")."""
    dropped = set()
    names: list[tuple[str, ...]] = []
    if len(acronyms) >= _BULK_ACRONYMS:
        asked = list(compress(acronyms, may_open_names(tokens, acronyms)))
    else:
        asked = acronyms
    for match in asked:
        name_end = acronym_opens_name(tokens, text, match.end, lexicon=lexicon, char_span=char_span)
        if name_end is not None:
            dropped.add(match)
            for j in range(match.end + 2, name_end + 1):
                head = tokens[j - 1]
                if head.lower() not in STOP_WORDS and _stranger(head, lexicon):
                    names.append(tuple(tokens[i] for i in range(match.start, j)))
    for match in acronyms if names else ():
        if match not in dropped and any(
            all(tokens[match.start + k] == word for k, word in enumerate(name)) for name in names
        ):
            dropped.add(match)
    return dropped


def repeated_name(tokens: _Tokens, start: int, end: int, names: dict[str, list[tuple[str, ...]]]) -> bool:
    """``start:end`` lies in another mention, in any casing and number, of a name the document
    uses (``names``: each name's token texts, lower case and singular, listed under each of its
    words): "Availability Zones", then "an Availability Zone"."""
    own = tuple(singular(tokens[i].lower()) for i in range(start, end))
    size = len(own)
    for name in names.get(own[0], ()):
        for offset in range(len(name) - size + 1):
            if name[offset : offset + size] != own:
                continue
            lo = start - offset
            if lo >= 0 and all(singular(tokens[lo + k].lower()) == name[k] for k in range(len(name))):
                return True
    return False
