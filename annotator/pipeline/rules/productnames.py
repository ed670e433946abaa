"""Products named by a glossary term: "the Helpdesk app", "Odoo *Live Chat*", then "Helpdesk"
alone all through the document.

A vendor often names an app after the concept it serves ("Helpdesk", "Live Chat"), and its
documentation writes that name capitalised, often in emphasis, wherever it means the app:
"organize the **Helpdesk** pipeline", "the *Live Chat* rating process". Each mention alone
reads like the term capitalised for emphasis; the document says it is a name, once, by how it
writes it somewhere:

* the capitalised term is followed by a lower-case noun for a piece of software
  (:data:`PRODUCT_NOUNS`: "the **Helpdesk** app", "the Live Chat application"): an app's name
  heads such a noun, the way a person's name heads "team";
* or, a one-word term, it follows a capitalised word the glossary never uses and English
  hardly uses (a brand: "Odoo Helpdesk", "Odoo *Helpdesk*"; word frequency, no list of brands),
  emphasis marks between them or not, mid-sentence and outside a markdown heading (where
  capitals are asked for: "Triaging Tickets", "## Create Zendesk Macro"), and not after an
  indefinite article ("a Zendesk Macro" is a macro). A term of several words beside a brand
  is still the term ("HelpScout Saved Replies").

A term of several words written closed up as one capitalised word ("Helpdesk", "Livechat": a
spelling the glossary never writes, made of two of its words) mid-sentence is a product's
name too, where it stands, the way a brand spelling ("LiveChat") is (:mod:`.propernames`); in
lower case it is the term ("our helpdesk"). So is such a spelling, in any casing, opening a
document's title (its first line, standing alone above a blank line, after any bracketed tags
or a ``component:`` prefix: "Livechat future features", "[16.0][IMP] mgmt: Helpdesk stages per
team"): a tracker's title opens with the part of the product it is filed against (the place gives
no capital away: a closed-up spelling there is a name as much as mid-sentence). Not a spelling
the document also writes in the plural ("LiveChats"): a name has no plural, so that one is the
term closed up (:mod:`..compounds`).

Once the document shows the term as a product, every mention of it written with capitals
where nothing asks for them (mid-sentence; in any emphasis) is the product too, and is not
tagged. A mention at a sentence start is dropped only where it shows the evidence itself, and
lower-case mentions ("your helpdesk team") stay the concept, except in the brand's name
repeated in any casing ("Zendesk Ticket", then "the zendesk ticket").

Pure functions over the document's tokens; the component runs them as the ``product_names``
precision rule (:mod:`..precision`).
"""

from __future__ import annotations

import re

from ...glossary.compile import TERM_LABEL
from ...vocabulary.frequency import COMMON_WORD_ZIPF, is_common_word
from ...vocabulary.inflection import singular
from ..compounds import closed_compound, counted, counted_compounds
from ..lexicon import GlossaryLexicon
from ..resolution import release
from .propernames import EMPHASIS_MARKS, INDEFINITE_ARTICLES, at_sentence_start, is_brand_shaped, is_capitalised
from ..tokentexts import TokenTexts

#: Lower-case nouns for a piece of software (general software vocabulary): a capitalised
#: term right before one is the name of that app, not the concept ("the Helpdesk app").
PRODUCT_NOUNS = frozenset(
    "app apps application applications module modules plugin plugins add-on add-ons addon "
    "addons extension extensions".split()
)
def _emphasis(word: str) -> bool:
    """A token that only sets words in emphasis ("*", "**", "_"), skipped when reading a
    mention's neighbours."""
    return bool(word) and word[0] in EMPHASIS_MARKS and set(word) <= EMPHASIS_MARKS


def _all_capitalised(tokens: TokenTexts, start: int, end: int) -> bool:
    for i in range(start, end):
        word = tokens[i]
        if word[:1].isalpha() and not is_capitalised(word):
            return False
    return True


def _brand(word: str, lexicon: GlossaryLexicon, rare_below: float) -> bool:
    """A capitalised word the glossary never uses and English hardly does ("Odoo")."""
    if not (word.isalpha() and is_capitalised(word)):
        return False
    lower = word.lower()
    if lower in lexicon.words or singular(lower) in lexicon.words:
        return False
    return not is_common_word(word, rare_below)


def named_as_product(tokens: TokenTexts, start: int, end: int, lexicon: GlossaryLexicon,
                     rare_below: float = COMMON_WORD_ZIPF) -> bool | str:
    """The capitalised mention ``start:end`` is written as a product's name: a software noun
    follows it (True), or a brand word comes before it (the brand word; see the module
    docstring); False otherwise."""
    after = end
    while _emphasis(tokens[after]):
        after += 1
    if tokens[after] in PRODUCT_NOUNS:
        return True
    # A term of several words is specific enough to be the term beside a brand ("HelpScout
    # Saved Replies"); a single word beside one is the brand's product ("Odoo Helpdesk").
    if end - start > 1:
        return False
    before = _before(tokens, start)
    # A word opening a sentence or a title is capitalised for its place ("Triaging Tickets"),
    # and a markdown heading capitalises every word ("## Create Zendesk Macro").
    if before < 0 or at_sentence_start(tokens, before) or not _brand(tokens[before], lexicon, rare_below):
        return False
    # "a Zendesk Macro" is a macro, one of the brand's kind (an indefinite article makes the
    # phrase a common noun's).
    if tokens[before - 1].lower() in INDEFINITE_ARTICLES:
        return False
    line = tokens.text.rfind("\n", 0, tokens.token_end(before)) + 1
    return False if tokens.text.startswith("#", line) else tokens[before]


# What may come before the first word of a title on its line: a heading's marks and bracketed
# tags ("[16.0][IMP]") ...
_TITLE_TAGS = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?(?:\[[^\]\n]{0,40}\][ \t]*)*")
# ... and then one "component:" prefix (its name may be blanked out as code).
_TITLE_COMPONENT = re.compile(r"[^\n:]{0,60}:[ \t]+")
#: Longest first line read as a title, in characters.
TITLE_CHARS = 200


def title_openings(text: str) -> tuple[int, ...]:
    """Where the first word of ``text``'s title may start: its first line, when that line
    stands alone above a blank line and ends no sentence, past its tags (:data:`_TITLE_TAGS`)
    and past a ``component:`` prefix as well; () when the text opens with no such title."""
    start = 0
    while start < len(text) and text[start] in " \t\r\n":
        start += 1
    end = text.find("\n", start, start + TITLE_CHARS)
    if end < 0:
        return ()
    after = end + 1
    while after < len(text) and text[after] in " \t\r":
        after += 1
    line = text[start:end].rstrip()
    if not text.startswith("\n", after) or not line or line.endswith((".", "!", "?", ":")):
        return ()
    opening = _TITLE_TAGS.match(line).end()
    component = _TITLE_COMPONENT.match(line, opening)
    return (start + opening,) if component is None else (start + opening, start + component.end())


def _mid_sentence(tokens: TokenTexts, start: int) -> bool:
    """Capitals at ``start`` are not asked for by the place: not a sentence's first word
    (emphasis marks before it do not make one)."""
    i = start
    while i > 0 and _emphasis(tokens[i - 1]):
        i -= 1
    return not at_sentence_start(tokens, i)


def drop_products(context, matches: list, taken: bytearray) -> list:
    """The ``product_names`` rule: ``matches`` without the capitalised terms the document writes
    as a product's name. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    tokens = context.tokens()
    capitalised = []
    first = None  # where the first term starts
    for m in matches:
        if m.label == TERM_LABEL and not m.is_token_pattern:
            if first is None or m.start < first:
                first = m.start
            if tokens[m.start][:1].isupper() and _all_capitalised(tokens, m.start, m.end):
                capitalised.append(m)
    # A title is looked for only when a term starts where one may be (a short walk, no more).
    openings = title_openings(context.text) if first is not None and context.doc[first].idx <= TITLE_CHARS else ()
    if not capitalised and not openings:
        return matches
    lexicon, rare_below = context.lexicon(), context.settings.name_rare_word_zipf
    dropped: set = set()

    def key(m) -> tuple[str, ...]:
        return tuple(singular(tokens[i].lower()) for i in range(m.start, m.end))

    nouns: list[frozenset[str]] = []  # the document's counted compounds, read on first need

    def name_spelling(word: str) -> bool:
        # A closed-up spelling the document also writes in the plural is a count noun: the term.
        if not closed_compound(word, lexicon):
            return False
        if not nouns:
            nouns.append(counted_compounds(tokens, matches, lexicon))
        return not counted(word, nouns[0])

    for m in capitalised:
        # A brand spelling ("HelpDesk") is the name rule's, which also finds it repeated.
        word = tokens[m.start]
        if m.end - m.start == 1 and not is_brand_shaped(word) and _mid_sentence(tokens, m.start) and (
                name_spelling(word)):
            dropped.add(m)
    if openings:
        doc = context.doc
        dropped.update(
            m for m in matches
            if m.end - m.start == 1 and doc[m.start].idx in openings and m.label == TERM_LABEL
            and not m.is_token_pattern and not is_brand_shaped(tokens[m.start])
            and name_spelling(tokens[m.start])
        )  # fmt: skip
    products: set[tuple[str, ...]] = set()
    brands: set[tuple[str, tuple[str, ...]]] = set()  # (brand, product) as first written
    for m in capitalised:
        brand = named_as_product(tokens, m.start, m.end, lexicon, rare_below)
        if brand:
            products.add(key(m))
            dropped.add(m)
            if isinstance(brand, str):
                brands.add((brand.lower(), key(m)))
    if not products:
        return release(matches, dropped, taken)
    for m in capitalised:
        if m not in dropped and key(m) in products and _mid_sentence(tokens, m.start):
            dropped.add(m)
    # The brand's name, repeated in any casing ("zendesk ticket"), is the name again.
    for m in matches if brands else ():
        if m not in dropped and m.label == TERM_LABEL and not m.is_token_pattern:
            before = _before(tokens, m.start)
            if before >= 0 and (tokens[before].lower(), key(m)) in brands:
                dropped.add(m)
    return release(matches, dropped, taken)


def _before(tokens: TokenTexts, start: int) -> int:
    """The token before ``start``, past emphasis marks (-1 at the document's start)."""
    before = start - 1
    while before >= 0 and _emphasis(tokens[before]):
        before -= 1
    return before
