"""The acronym and name vocabulary: one definition of each word-level rule.

* :mod:`.acronyms` -- what an acronym looks like (one named predicate per caller), plural and
  possessive endings, the ordinary all-caps words that are not acronyms;
* :mod:`.inflection` -- singular and plural of head words, verb forms of one-word terms, base
  forms of acronym uses;
* :mod:`.frequency` -- how common an English word is (everyday word or coined jargon);
* :mod:`.names` -- name keys (when two names are the same) and headword casing;
* :mod:`.initials` -- does a phrase spell out an acronym (exact DP and Schwartz-Hearst);
* :mod:`.grammar` -- closed-class words (determiners, noun-phrase cues) and the word before a
  position;
* :mod:`.wordbreak` -- is a word other words run together (closed compounds);
* :mod:`.typos` -- one slip of the keys: the misspellings of a word.

Pure functions over strings, no spaCy, no imports from the rest of the package: the glossary,
pattern generation, the component, in-text abbreviation detection and the linter all build on
this package, never on each other for these rules.
"""
