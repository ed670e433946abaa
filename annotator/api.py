"""The Python API: ``load()`` a pipeline, ``annotate()`` a text into the service's JSON."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from .export import DEFAULT_MAX_SPANS
from .pipeline.names import COMPONENT_NAME
from .runtime.plainwords import skip_affix_search
from .pipeline.texthint import keep_text
from .session import AnnotationSession
from .text.safety import DEFAULT_MAX_LENGTH

#: The component's name (kept under this name for callers of the API).
COMPONENT = COMPONENT_NAME


def load(
    glossary_paths: Sequence[str | Path] = (),
    *,
    builtin: bool = True,
    base: Language | str | None = None,
) -> Language:
    """Build the annotator pipeline.

    ``base`` is a pipeline (or a name/path for ``spacy.load``) to add the component to; by
    default a blank English tokenizer, which is all the matcher needs. ``glossary_paths`` are
    user glossaries (CSV, JSON, JSONL, TBX) merged with the built-in one unless ``builtin`` is
    false.
    """
    if base is None:
        nlp = spacy.blank("en")
        # Our own tokenizer (a caller's is left as it is): the same tokens, plain words without
        # the affix regexes, each doc keeping the string it was made from for the component.
        # Before loading, which fills the tokenizer's cache (setting this empties it).
        skip_affix_search(nlp.tokenizer)
        keep_text(nlp)
    elif isinstance(base, Language):
        nlp = base
    else:
        nlp = spacy.load(base)
    component = nlp.add_pipe(
        COMPONENT,
        config={"glossary_paths": [str(p) for p in glossary_paths], "builtin": builtin},
    )
    # Load the glossary now, outside any memory zone: a bad path fails here rather than on
    # the first request, and the first request is not the slow one.
    component.ensure_loaded()
    if component.fuzzy:
        component.fuzzy_index()  # the misspellings too (about 0.1 s for the built-in glossary)
    return nlp


@functools.lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The built-in pipeline, built once per process for the convenience API."""
    return load()


#: The last pipeline annotate() ran, its parts and tokenizer then, and its session: making a
#: session reads the pipeline (spaCy builds its list of parts anew on each read, and the
#: session asks each part what it reads), which annotate() otherwise redid for every text.
_last_session: tuple | None = None


def _session(nlp: Language) -> AnnotationSession:
    """A session for ``nlp``: the last one made, while the pipeline keeps the same parts, the
    same disabled ones and the same tokenizer (``Language._components`` and ``_disabled``,
    what ``nlp.pipeline`` is made of, compared without making it), else a new one. A session
    holds nothing of any one call, so sharing it is safe."""
    global _last_session
    last = _last_session
    if (last is not None and last[0] is nlp and last[1] is nlp.tokenizer and last[2] == nlp._components
            and last[3] == nlp._disabled):
        return last[4]
    session = AnnotationSession(nlp)
    _last_session = (nlp, nlp.tokenizer, list(nlp._components), set(nlp._disabled), session)
    return session


def glossary_info(nlp: Language) -> dict:
    return nlp.get_pipe(COMPONENT).glossary_info


def annotate(
    text: str,
    format: str = "text",
    *,
    nlp: Language | None = None,
    first_only: bool = False,
    labels: Iterable[str] | None = None,
    max_spans: int = DEFAULT_MAX_SPANS,
    max_length: int = DEFAULT_MAX_LENGTH,
    asr: str = "auto",
    fuzzy: bool = True,
) -> dict:
    """Annotate ``text`` and return exactly the JSON the service returns.

    ``format`` is one of :data:`~annotator.text.markup.FORMATS` (``"text"``, ``"markdown"``,
    ``"html"``, ``"transcript"`` or an explicit transcript sub-format): for markup only visible
    prose is annotated, and offsets still index the string given; a transcript's spans also
    carry ``turn``, ``speaker``, ``role`` and ``time``. ``asr`` (``"auto"``, ``"on"``,
    ``"off"``): where to look for speech-to-text forms (``s l a``, ``csat``); such spans say
    ``match: "spoken"``. ``fuzzy`` also matches misspelled terms and acronyms (spans with
    ``match: "fuzzy"`` and ``did_you_mean``). Raises :class:`InputError` for a
    non-string, an over-long text, a lone surrogate, an unknown format or an unreadable
    transcript. The steps are :class:`~annotator.session.AnnotationSession`'s.
    """
    options = {"first_only": first_only, "labels": labels, "max_spans": max_spans, "asr": asr,
               "fuzzy": fuzzy, "max_length": max_length}
    return _session(nlp or default_nlp()).annotate(text, format, options)
