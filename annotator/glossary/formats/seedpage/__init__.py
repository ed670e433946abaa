"""The seed-page format: glossary pages scraped to plain text -> :class:`Entry` objects.

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

1. :func:`.lines.physical_lines` decodes the file and normalizes each line (NBSP and other odd spaces
   become plain spaces, list and Markdown marks go; wrapped continuation lines are joined to the
   line they continue).
2. :func:`.classify.classify_lines` gives every line one kind: structural (title, letter header, alphabet
   index), page junk, category label, heading, or definition (a ``Term: definition`` line
   becomes a heading and a definition).
3. :func:`.reader.read_seed` walks the lines, collecting the headings that precede each
   definition, and turns one (headings, definition) block into an entry, using
   :func:`.names.parse_name` for headings and :func:`.sentences.parse_subject` for the
   definition's first sentence, and deciding who the definition belongs to when the two
   disagree.
4. Duplicates and trailing page junk are reported, never silently dropped: every non-empty line
   ends up in an entry, is structural, or comes back as a :class:`Skipped` with its reason.

Rules are general (layout and wording cues), never keyed on a particular file, so a new
glossary page scraped the same way parses too. No regular expression here can backtrack
badly: the few used are anchored or single character classes, and every sentence-level scan
looks at a bounded prefix of the definition.

Word-level rules (acronym shape, singulars, name keys, initials alignment) come from
:mod:`annotator.vocabulary`; :mod:`.cues` holds the layout and wording cues.

Canonical acronym casing (:func:`annotator.vocabulary.initials.canonical_acronym`): an acronym keeps the casing the source writes (``eNPS``, ``CCaaS``,
``VoC``), except that a lowercase letter standing for a capitalized word of the expansion is
raised (``CeS – Customer Effort Score`` -> ``CES``, which is also how the same page writes it
in the definition). A plural ``s`` is dropped (``Operations Managers (OMs)`` -> ``OM``).
"""

from .cues import (
    COMPARISON,
    DUPLICATE,
    INTRO,
    JUNK_CTA,
    JUNK_FORM,
    JUNK_LINK,
    JUNK_QUESTION,
    JUNK_TRAILING,
    MISPLACED_HEADING,
    NO_DEFINITION,
    NO_HEADWORD,
)
from .classify import MAX_HEADING_WORDS, split_inline_heading
from .lines import MAX_LINE_CHARS
from .names import Name, parse_name
from .reader import SKIPPED_TEXT_CHARS, read_seed
from .sentences import SCAN_CHARS, parse_subject

__all__ = [
    "COMPARISON",
    "DUPLICATE",
    "INTRO",
    "JUNK_CTA",
    "JUNK_FORM",
    "JUNK_LINK",
    "JUNK_QUESTION",
    "JUNK_TRAILING",
    "MAX_HEADING_WORDS",
    "MAX_LINE_CHARS",
    "MISPLACED_HEADING",
    "NO_DEFINITION",
    "NO_HEADWORD",
    "Name",
    "SCAN_CHARS",
    "SKIPPED_TEXT_CHARS",
    "parse_name",
    "parse_subject",
    "read_seed",
    "split_inline_heading",
]
