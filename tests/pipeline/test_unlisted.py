"""pipeline.unlisted: acronyms no glossary pattern lists (defined by the document, or unknown)."""

from __future__ import annotations

import pytest

from annotator.pipeline.names import DOC_ACRONYM_LABEL, UNKNOWN_KEY
from annotator.pipeline.unlisted import MAX_UNKNOWN_CANDIDATES


@pytest.mark.parametrize(
    "text,unknown",
    [
        ("NOTE: the QBR deck is due. IMPORTANT: send the QBRs and the SLA report.", ["QBR", "QBRs"]),
        ("WE CANT GET TO THE CLOUD. Ask about the QBR.", ["QBR"]),  # shouting is not acronyms
        ("Ping the DRI at example.com/DRI or @DRI_team", ["DRI"]),  # not inside URLs/handles
        ("Tier II and Phase IV are numerals; prices in USD at 5 PM UTC.", []),
        ("Time to Value (TTV) and TTVs.", []),  # defined in the document
        ("Thanks! ^JD", []),
        ("The TICKET was closed; the QBR is late.", ["QBR"]),  # a glossary word in capitals
    ],
)
def test_unlisted_unknown_acronyms(nlp, text, unknown):
    doc = nlp(text)
    assert [s.text for s in doc.spans[UNKNOWN_KEY]] == unknown
    assert not {s.text for s in doc.ents} & set(unknown)


def test_unlisted_unknown_acronym_candidates_are_bounded_per_document(nlp):
    """A text made of unknown acronyms is searched for its first candidates only, so it costs
    about what tokenizing it costs; glossary terms in all of it are still found."""
    letters = "BCDFGHJKLMNPQRSTVWXZ"
    words = [a + b + c for a in letters for b in letters for c in letters][: MAX_UNKNOWN_CANDIDATES + 500]
    text = ". ".join(f"Ask {w} now" for w in words) + ". The SLA is late."
    doc = nlp(text)
    found = [s.text for s in doc.spans[UNKNOWN_KEY]]
    assert len(found) > MAX_UNKNOWN_CANDIDATES // 2 and len(found) <= MAX_UNKNOWN_CANDIDATES
    assert found == [w for w in words if w in set(found)]  # document order, nothing else
    assert words[-1] not in found  # the search stopped at the bound
    assert [e.text for e in doc.ents][-1:] == ["SLA"]


@pytest.mark.parametrize(
    "text,defined",
    [
        ("Time to Value (TTV) matters; our TTVs dropped and TTV is key.", ["TTV", "TTVs", "TTV"]),
        ("Use `TTV` in code; Time to Value (TTV) is the metric.", ["TTV"]),  # not in code
        ("No definitions here, only TTV.", []),
    ],
)
def test_unlisted_document_acronyms(nlp, text, defined):
    doc = nlp(text)
    assert [e.text for e in doc.ents if e.label_ == DOC_ACRONYM_LABEL] == defined
