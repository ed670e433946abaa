"""Glossary search: one ranking (name exact, prefix, substring, then definition), blank query
lists everything, ``total`` counts past the limit."""

from __future__ import annotations

import pytest

from annotator.glossary.model import Concept, Definition, Glossary
from annotator.glossary.search import search


def concept(cid: str, term: str, definition: str = "", acronyms=(), aliases=()) -> Concept:
    return Concept(id=cid, term=term, acronyms=list(acronyms), aliases=list(aliases),
                   definitions=[Definition(definition, "t.csv", 1)] if definition else [])


@pytest.fixture
def glossary() -> Glossary:
    return Glossary([
        concept("handle", "Average Handle Time", "Mean time an agent spends on a contact.", ["AHT"]),
        concept("hold", "Average Hold Time", "Mean time on hold.", ["AHT"]),
        concept("sla", "Service Level Agreement", "A promise of response times.", ["SLA"]),
        concept("cobrowse", "Co-browsing", "An agent guides the customer's browser.",
                aliases=["shared browsing"]),
        concept("translation", "Machine Translation", "Text translated by software."),
        concept("warm", "Warm Transfer"),
    ])


@pytest.mark.parametrize(
    "query, ids",
    [
        ("aht", ["handle", "hold"]),  # exact acronym, case-insensitive, glossary order
        ("average h", ["handle", "hold"]),  # prefix
        ("SLA", ["sla", "translation"]),  # exact name first, then a definition ("translated")
        ("COBROWSING", ["cobrowse"]),  # exact once hyphens are ignored
        ("browsing", ["cobrowse"]),  # substring of a name and of an alias: ranked once
        ("co brow", ["cobrowse"]),  # loose prefix
        ("agent", ["handle", "cobrowse"]),  # definitions only
        ("time", ["handle", "hold", "sla"]),  # names before definitions
        ("zzz", []),
    ],
)
def test_search_ranking(glossary, query, ids):
    assert [c.id for c in search(glossary, query).concepts] == ids


@pytest.mark.parametrize("query", ["", "   "])
def test_search_blank_query_lists_every_concept(glossary, query):
    result = search(glossary, query)
    assert [c.id for c in result.concepts] == [c.id for c in glossary]
    assert result.total == len(glossary)


def test_search_limit_keeps_the_total(glossary):
    result = search(glossary, "time", limit=1)
    assert [c.id for c in result.concepts] == ["handle"] and result.total == 3


def test_search_punctuation_only_query_matches_names_as_written(glossary):
    assert [c.id for c in search(glossary, "-").concepts] == ["cobrowse"]
