"""A tokenizer that leaves the string it was given on the doc it makes.

spaCy rebuilds ``doc.text`` from every token on each access, a Python-level join over the
tokens that costs the glossary component about as much as one of its rules; the component
needs the text once per document. ``annotate()`` hands the string over itself (the session's
``make_doc`` sets :data:`~annotator.pipeline.names.TEXT_HINT`), but ``nlp(text)`` and
``nlp.pipe(texts)`` hand spaCy the string and the component only the doc. spaCy has no hook
between the tokenizer and the first component (``Language.make_doc`` calls the tokenizer), so
this is spaCy's tokenizer subclassed, with the same rules and the same tokens, recording the
string as the hint. The component takes the hint out of ``user_data`` and checks it against the
doc's length (``pipeline.component.doc_text``). Saved and restored as spaCy's own tokenizer: a
pipeline ``spacy.load`` restores gets the stock class, and the component reads ``doc.text``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from .names import TEXT_HINT


class TextKeepingTokenizer(Tokenizer):
    """spaCy's tokenizer, leaving each doc the string it was made from (:data:`TEXT_HINT`)."""

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        doc.user_data[TEXT_HINT] = text
        return doc

    @classmethod
    def like(cls, tokenizer: Tokenizer) -> TextKeepingTokenizer:
        """A tokenizer with ``tokenizer``'s vocab and rules, hence its tokens."""
        return cls(tokenizer.vocab, rules=tokenizer.rules, prefix_search=tokenizer.prefix_search,
                   suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                   token_match=tokenizer.token_match, url_match=tokenizer.url_match,
                   faster_heuristics=tokenizer.faster_heuristics, max_cache_size=tokenizer.max_cache_size)


def keep_text(nlp: Language) -> bool:
    """Give ``nlp`` a :class:`TextKeepingTokenizer` in place of spaCy's stock one; a tokenizer
    of another class (a caller's own) is left alone. Returns whether ``nlp`` now has one."""
    if type(nlp.tokenizer) is Tokenizer:
        nlp.tokenizer = TextKeepingTokenizer.like(nlp.tokenizer)
    return isinstance(nlp.tokenizer, TextKeepingTokenizer)
