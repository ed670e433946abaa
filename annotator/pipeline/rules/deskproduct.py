"""Is the document about a help-desk or contact-centre product?

A thread in the tracker of a help desk ("FreeScout", "helpdesk_mgmt") or of a contact centre's
library says "agent", "queue" and "conversation" in the desk's sense even where no other
glossary concept stands near them: the product is the context. The evidence is the name of
the kind of product a help desk is, one of the glossary's channel concepts of several words
(:attr:`GlossaryLexicon.desk_names <annotator.pipeline.lexicon.GlossaryLexicon.desk_names>`:
"help desk", "contact center", "live chat"), written anywhere in the text, prose or not:
run together or joined by a hyphen or an underscore, inside a handle, a repository, a module
or a link ("@freescout-helpdesk", "helpdesk_mgmt", "RasaHQ/helpdesk-assistant"). Those are the
places that name what a project is, and the precision rules keep glossary words there out of
the annotations (:mod:`.codelike`, :mod:`.propernames`), so they are read here, as one fact
per document. A travel or a restaurant dialogue names no such product.

:mod:`.everyday` asks it only when a term of the desk's (``desk_terms``) is about to be
dropped, and the answer is kept for the document (:func:`~annotator.pipeline.precision.rule_context`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: What may join two words of a name in a handle, a module or a link.
_JOINER = r"[\s_\-]?"


def desk_name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern finding any of ``names`` (lower case, words separated by
    spaces), its words run together or joined by a space, a hyphen or an underscore, a plural
    ``s`` allowed, and no letter either side ("helpdesk_mgmt" holds "helpdesk"; "helpdesks"
    is one; "chelp desk" is not); None for no names."""
    alternatives = sorted({_JOINER.join(map(re.escape, name.split())) for name in names if name.strip()})
    if not alternatives:
        return None
    return re.compile(rf"(?<![a-z])(?:{'|'.join(alternatives)})s?(?![a-z])", re.IGNORECASE)


def names_desk_product(text: str, pattern: re.Pattern[str] | None) -> bool:
    """``text`` names a help-desk or contact-centre product (``pattern``: :func:`desk_name_pattern`
    of the glossary's channel names)."""
    return pattern is not None and pattern.search(text) is not None
