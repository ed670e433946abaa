"""Layout and wording cues of scraped glossary pages: the words and marks the parser reads.

Skip reasons, cue-word lists (sentence starts that are not subjects, defining verbs, calls to
action, navigation), alias markers and lead-ins, and two tiny string helpers. Data, not logic:
the other modules decide what the cues mean.
"""

from __future__ import annotations

from ....vocabulary.names import FUNCTION_WORDS, QUOTES


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

#: Words that start a sentence whose subject is not a term ("This is ...", "It measures ...").
NOT_A_SUBJECT_START = frozenset(
    "this that these those it its they their there here such each any all some our your we you "
    "following other another one".split()
)
#: Words that mark a clause, so the words before a verb are not a bare term.
CLAUSE_WORDS = frozenset("that which who whom whose where when whether while because if how what why".split())
#: Verbs that end the subject of a defining sentence: "<term> is / refers to / measures ...".
DEFINING_VERBS = frozenset("is are refers refer occurs involves means measures describes uses stands".split())
PERSON_WORDS = frozenset("you your you're yours we we're our ours us i i'm my".split())
#: Imperative verbs of web calls to action, recognised only before a function word or pronoun
#: ("Start for free", "Schedule A Consultation", "See what we can do"), so that headwords such as
#: "Schedule Adherence" or "Call Center" are left alone.
CTA_VERBS = frozenset(
    "start get try book schedule request contact sign join subscribe download learn read see "
    "discover explore talk call watch claim register eliminate boost transform unlock grab "
    "find chat speak let's".split()
)
CTA_FOLLOWERS = FUNCTION_WORDS | PERSON_WORDS | frozenset(
    "free now more started up me it today what how demo here".split()
)
#: Web page navigation that ends up in scraped text.
NAVIGATION = frozenset(
    ["back to top", "table of contents", "related terms", "share this", "share this article",
     "read more", "learn more", "previous", "next", "home", "menu", "skip to content",
     "privacy policy", "cookie policy", "terms of service", "terms and conditions",
     "subscribe", "sign up", "log in", "login"]
)
TITLE_WORDS = frozenset("glossary glossaries dictionary terminology jargon".split())
#: Lead-ins that put an expansion or aliases before the subject: "Short for X, eNPS is ...".
#: The flag says whether aliases after it are only "sometimes" used (weak: see ``sentences._keep_alias``).
LEAD_INS = (
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
ALIAS_MARKERS = (
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
PAREN_ALIAS_PREFIXES = (
    "aka ",
    "a.k.a. ",
    "also known as ",
    "also called ",
    "also referred to as ",
    "sometimes called ",
    "known as ",
    "or ",
)
ACRONYM_DEFINING = ("is the acronym for ", "is an acronym for ", "is an abbreviation for ", "stands for ")
DASHES = (" \u2013 ", " \u2014 ", " - ")


def strip_quotes(text: str) -> str:
    return text.strip().strip(QUOTES + ",;:").strip()


def strip_article(text: str) -> str:
    first, _, rest = text.partition(" ")
    if rest and first.lower() in ("a", "an", "the"):
        return rest
    return text


#: ", or Y", ", also known as Y" ... right after a name: the rest of the name is an alias list.
COMMA_ALIAS_MARKERS = (
    ", or ",
    ", also known as ",
    ", also called ",
    ", also referred to as ",
    ", sometimes called ",
    ", aka ",
    ", a.k.a. ",
    ", known as ",
)
#: Left-hand sides of "X: ..." that are labels, not terms.
NOT_TERMS = frozenset("note tip example examples source sources see also updated last copyright warning".split())
#: First words of a paragraph that continues the one before ("It is ...", "For example, ...").
CONTINUATION_STARTS = frozenset(
    "it its this these they their such for in also however typically usually often".split()
)
