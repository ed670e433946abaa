"""Is the document about a help-desk or contact-centre product?

A thread in the tracker of a help desk ("FreeScout", "helpdesk_mgmt") or of a contact centre's
library says "agent", "queue" and "conversation" in the desk's sense even where no other
glossary concept stands near them: the product is the context. Two kinds of evidence, read
from the string the caller sent (markup included: handles, module names and code are where a
project says what it is, and the precision rules keep glossary words there out of the
annotations, :mod:`.codelike`):

* the name of the kind of product a help desk is, one of the glossary's channel concepts of
  several words (:attr:`GlossaryLexicon.desk_names
  <annotator.pipeline.lexicon.GlossaryLexicon.desk_names>`: "help desk", "contact center",
  "live chat"), anywhere, run together or joined by a hyphen or an underscore
  ("@freescout-helpdesk", "helpdesk_mgmt", "X is a help desk");
* an identifier of the software named by one of the desk's own things (the forms of
  :attr:`GlossaryLexicon.desk_terms <annotator.pipeline.lexicon.GlossaryLexicon.desk_terms>`:
  ``agent.getContacts()``, ``queueId``, ``getAvailableAgentsForQueue``,
  ``automatic-agent-assignment``): a program whose objects are agents and queues is a contact
  centre's. An identifier is a word joined to others by ``_`` or ``.``, by a capital inside
  it, or by two hyphens or more (one hyphen makes an English compound: "e-ticket",
  "self-service"); a path's segments are judged one by one ("/ticket/123" is a tracker's
  ticket, not an identifier). Another trade's compound is no desk's thing
  (:data:`~.othertrades.TRADE_MODIFIERS`: ``printQueue``, ``message_queue``, ``trainTicket``),
  and neither is the browser's "user agent" (``userAgent``, ``User-Agent``).

A travel or a restaurant dialogue has neither. :mod:`.everyday` asks only when a term of the
desk's is about to be dropped, and the answer is kept for the document
(:func:`~annotator.pipeline.rulecontext.rule_context`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .othertrades import TRADE_MODIFIERS

#: What may join two words of a name in a handle, a module or a link.
_JOINER = r"[\s_\-]?"
#: A run of words joined without a space by ``_``, ``.``, ``-`` or a capital inside a word
#: (a path's ``/`` ends it: each segment is judged alone).
_JOINED = re.compile(r"[A-Za-z0-9]+(?:[._\-][A-Za-z0-9]+|(?<=[a-z0-9])[A-Z][A-Za-z0-9]*)+")
#: The words of an identifier: a capitalised or lower-case word, an all-capitals run, digits.
_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
#: The word before "agent" in the browser's "user agent".
_USER = "user"


def desk_name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern finding any of ``names`` (lower case, words separated by
    spaces), its words run together or joined by a space, a hyphen or an underscore, a plural
    ``s`` allowed, and no letter either side ("helpdesk_mgmt" holds "helpdesk"; "helpdesks"
    is one; "chelp desk" is not); None for no names."""
    alternatives = sorted({_JOINER.join(map(re.escape, name.split())) for name in names if name.strip()})
    if not alternatives:
        return None
    return re.compile(rf"(?<![a-z])(?:{'|'.join(alternatives)})s?(?![a-z])", re.IGNORECASE)


def _is_identifier(chunk: str) -> bool:
    """``chunk`` (a :data:`_JOINED` run) is an identifier, not an English compound."""
    return "_" in chunk or "." in chunk or chunk.count("-") >= 2 or (
        "-" not in chunk and not chunk[1:].islower())


def code_names(text: str, forms: Mapping[str, str]) -> bool:
    """An identifier in ``text`` has one of ``forms`` (lower case, each mapped to the word it
    inflects) among its words, not after a word that makes it another trade's thing or the
    browser's (see the module docstring)."""
    for found in _JOINED.finditer(text):
        chunk = found.group()
        if not _is_identifier(chunk):
            continue
        parts = [part.lower() for part in _PART.findall(chunk)]
        for k, part in enumerate(parts):
            base = forms.get(part)
            if base is None:
                continue
            before = parts[k - 1] if k else ""
            if before != _USER and before not in TRADE_MODIFIERS.get(base, ()):
                return True
    return False


def names_desk_kind(text: str, lexicon) -> bool:
    """``text`` names the kind of product a help desk is (the first kind of evidence in the
    module docstring, without the identifiers: a program whose code says "queue" may be a
    message broker's)."""
    pattern = lexicon.derived("deskproduct.names", lambda: desk_name_pattern(lexicon.desk_names) or False)
    return bool(pattern) and pattern.search(text) is not None


def about_desk_product(text: str, lexicon) -> bool:
    """``text`` (the string the caller sent) is about a help-desk or contact-centre product
    (see the module docstring); ``lexicon``: the
    :class:`~annotator.pipeline.lexicon.GlossaryLexicon`."""
    if names_desk_kind(text, lexicon):
        return True
    forms = desk_forms(lexicon)
    return bool(forms) and code_names(text, forms)


def desk_forms(lexicon) -> dict[str, str]:
    """Every lower-case form of the desk's own terms (:attr:`GlossaryLexicon.desk_terms
    <annotator.pipeline.lexicon.GlossaryLexicon.desk_terms>`: "agents", "queued") -> the word
    it inflects; made once per lexicon."""
    return lexicon.derived("deskproduct.forms", lambda: {
        form: base for concept_id in sorted(lexicon.desk_terms)
        for form, base in lexicon.everyday.get(concept_id, {}).items()})
