"""The ``helpdesk_glossary`` spaCy component (work in progress: factory first, so that
``spacy.blank()`` can resolve the entry point declared in pyproject)."""

from __future__ import annotations

from typing import List

from spacy.language import Language


@Language.factory(
    "helpdesk_glossary",
    default_config={"glossary_paths": [], "builtin": True, "overwrite_ents": False},
)
def make_helpdesk_glossary(
    nlp: Language, name: str, glossary_paths: List[str], builtin: bool, overwrite_ents: bool
):
    return HelpdeskGlossary(nlp, name, glossary_paths=glossary_paths, builtin=builtin, overwrite_ents=overwrite_ents)


class HelpdeskGlossary:
    def __init__(self, nlp, name, *, glossary_paths=(), builtin=True, overwrite_ents=False):
        self.name = name

    def __call__(self, doc):
        return doc
