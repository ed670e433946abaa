"""The component's name and the names it writes under: labels, span groups, user-data keys.

One definition each, imported wherever they are needed (the Python API, the service, the batch
tagger, the export), never typed again.
"""

from __future__ import annotations

from ..glossary.compile import ACRONYM_LABEL, TERM_LABEL

#: The factory's name: ``nlp.add_pipe(COMPONENT_NAME)`` (advertised through the
#: ``spacy_factories`` entry point in pyproject.toml, which must spell it the same).
COMPONENT_NAME = "helpdesk_glossary"

DOC_ACRONYM_LABEL = "DOC_ACRONYM"
UNKNOWN_LABEL = "UNKNOWN_ACRONYM"
UNKNOWN_KEY = "unknown_acronyms"
NESTED_KEY = "nested"
DOCUMENT_SOURCE = "document"
DOCUMENT_PREFIX = "document:"

#: ``doc.user_data`` key under which a caller may leave the text the doc was made from.
TEXT_HINT = (COMPONENT_NAME, "text")
#: ``doc.user_data`` key: the character ranges ``(start, end)`` of a transcript's turns spoken
#: in the agent's role, sorted (the session leaves them; the component removes them when it is
#: done with the doc).
AGENT_TURNS_KEY = "helpdesk_annotator.agent_turns"
#: ``doc.user_data`` key: a transcript's turns, their character ranges ``(start, end)`` in order
#: (empty for a transcript without turns: prose; the session leaves them; the component removes
#: them when it is done with the doc). A dialogue's repeated everyday word is the topic of the
#: exchange ("two tickets for the show"), not the subject of an article; a thread of posts is
#: written text (``pipeline.rules.dialogue``, ``pipeline.rules.everyday``).
TRANSCRIPT_KEY = "helpdesk_annotator.transcript"
#: ``doc.user_data`` key: the string the caller sent, when its markup was masked (the session
#: leaves it; the component removes it when it is done with the doc). What the masked parts
#: name, a handle or a module ("@freescout-helpdesk", ``helpdesk_mgmt``), is never annotated
#: but says what the document is about (``pipeline.rules.deskproduct``).
SOURCE_TEXT_KEY = "helpdesk_annotator.source_text"

#: The entity labels every glossary's patterns use, and the document's own acronyms.
DEFAULT_LABELS = tuple(sorted((ACRONYM_LABEL, DOC_ACRONYM_LABEL, TERM_LABEL)))
