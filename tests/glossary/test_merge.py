"""Merging entries into concepts: one concept per meaning, attributed definitions, determinism."""

from __future__ import annotations

import random
import time

import pytest

from annotator.glossary.merge import merge_entries
from annotator.glossary.model import Concept, Definition, Glossary
from annotator.glossary.formats.seedpage import read_seed


def find(concepts, term: str) -> Concept:
    found = [c for c in concepts if c.term == term]
    assert len(found) == 1, f"{term!r} not found once in {[c.term for c in concepts]}"
    return found[0]


def as_json(concepts) -> list[dict]:
    return [c.to_json() for c in concepts]


# --- the same concept across sources --------------------------------------------------------------


def test_merge_cross_source_definitions_are_attributed(make_entry):
    entries = [
        make_entry("Service Level Agreement", "b.txt", 40, acronyms=("SLA",), definition="A promise."),
        make_entry("Service Level Agreement", "a.txt", 7, acronyms=("SLA",), definition="A contract."),
    ]
    (concept,) = merge_entries(entries)
    assert concept.id == "service-level-agreement"
    assert concept.acronyms == ["SLA"]
    assert concept.definitions == [Definition("A contract.", "a.txt", 7), Definition("A promise.", "b.txt", 40)]
    assert concept.definition == "A contract." and concept.source == "a.txt"


@pytest.mark.parametrize(
    "spellings",
    [
        pytest.param(["Cobrowsing", "Co-browsing", "co browsing", "CO-BROWSING"], id="hyphen-space-case"),
        pytest.param(["Ticketing System", "Ticketing Systems"], id="plural"),
        pytest.param(["Retrieval-Augmented Generation", "Retrieval Augmented Generation"], id="hyphen"),
        pytest.param(["Self Service Portal", "Self-Service Portal"], id="self-service"),
    ],
)
def test_merge_spelling_variants_are_one_concept(make_entry, spellings):
    entries = [make_entry(term, f"{i}.txt", 1) for i, term in enumerate(spellings)]
    concepts = merge_entries(entries)
    assert len(concepts) == 1
    assert len(concepts[0].definitions) == len(spellings)


def test_merge_alias_links_entries(make_entry):
    entries = [
        make_entry("Average Wait Time", "a.txt", 5, aliases=("Average Speed of Answer",), acronyms=("ASA",)),
        make_entry("Average Speed of Answer", "b.txt", 9, acronyms=("ASA",)),
        make_entry("Average Speed of Answer", "c.txt", 3),
    ]
    (concept,) = merge_entries(entries)
    assert concept.term == "Average Speed of Answer"  # used as a term by two sources
    assert concept.aliases == ["Average Wait Time"]
    assert [d.source for d in concept.definitions] == ["a.txt", "b.txt", "c.txt"]


def test_merge_no_link_without_alias_or_acronym(make_entry):
    """Abandon Rate and Abandonment Rate look alike but nothing says they are one concept."""
    concepts = merge_entries([make_entry("Abandon Rate", "a.txt"), make_entry("Abandonment Rate", "b.txt")])
    assert [c.term for c in concepts] == ["Abandon Rate", "Abandonment Rate"]


def test_merge_alias_makes_near_names_one(make_entry):
    entries = [
        make_entry("Abandon Rate", "a.txt", aliases=("Abandonment Rate",)),
        make_entry("Abandonment Rate", "b.txt"),
    ]
    (concept,) = merge_entries(entries)
    assert len(concept.definitions) == 2


def test_merge_alias_link_refused_when_acronyms_conflict(make_entry):
    entries = [
        make_entry("Average Handle Time", "a.txt", acronyms=("AHT",), aliases=("Handling Time",)),
        make_entry("Handling Time", "b.txt", acronyms=("HT",)),
    ]
    assert len(merge_entries(entries)) == 2


def test_merge_bare_acronym_joins_its_only_expansion(make_entry):
    entries = [
        make_entry("Customer Data Platform", "a.txt", acronyms=("CDP",)),
        make_entry("CDP", "b.txt"),
    ]
    (concept,) = merge_entries(entries)
    assert concept.term == "Customer Data Platform" and len(concept.definitions) == 2


# --- one acronym, several meanings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "acronym, expansions",
    [
        ("AHT", ["Average Handle Time", "Average Hold Time"]),
        ("BPO", ["Business Process Outsourcing", "Business Process Optimization"]),
        ("MTTR", ["Mean Time to Resolution", "Mean Time to Respond", "Mean Time to Repair"]),
    ],
)
def test_merge_ambiguous_acronyms_stay_separate(make_entry, acronym, expansions):
    entries = [make_entry(term, f"{i}.txt", acronyms=(acronym,)) for i, term in enumerate(expansions)]
    entries.append(make_entry(expansions[0], "z.txt", acronyms=(acronym,)))  # same expansion: merges
    concepts = merge_entries(entries)
    assert sorted(c.term for c in concepts) == sorted(expansions)
    assert Glossary(concepts).ambiguous_acronyms[acronym]
    assert len(find(concepts, expansions[0]).definitions) == 2


@pytest.mark.parametrize(
    "first, second",
    [
        ("Automatic Call Distribution", "Automatic Call Distributor"),
        ("Customer Satisfaction", "Customer Satisfaction Score"),
        ("Customer Satisfaction Rating", "Customer Satisfaction"),
    ],
)
def test_merge_near_identical_expansions_of_one_acronym_merge(make_entry, first, second):
    acronym = "ACD" if "Call" in first else "CSAT"
    concepts = merge_entries(
        [make_entry(first, "a.txt", acronyms=(acronym,)), make_entry(second, "b.txt", acronyms=(acronym,))]
    )
    assert len(concepts) == 1
    assert len(concepts[0].aliases) == 1


def test_merge_sibling_expansion_gets_the_acronym(make_entry):
    entries = [
        make_entry("Mean Time to Resolution", "a.txt", acronyms=("MTTR",)),
        make_entry("Mean Time To Repair", "b.txt"),
    ]
    concepts = merge_entries(entries)
    assert [c.acronyms for c in concepts] == [["MTTR"], ["MTTR"]]


def test_merge_seeds_ambiguous_acronyms(seed_paths):
    entries = [e for path in seed_paths for e in read_seed(path)[0]]
    glossary = Glossary(merge_entries(entries))
    ambiguous = {acr: sorted(c.term.casefold() for c in cs) for acr, cs in glossary.ambiguous_acronyms.items()}
    assert ambiguous["AHT"] == ["average handle time", "average hold time"]
    assert ambiguous["BPO"] == ["business process optimization", "business process outsourcing"]
    assert ambiguous["MTTR"] == ["mean time to repair", "mean time to resolution", "mean time to respond"]
    # Things that must have been merged across the seeds.
    ces = glossary.by_acronym["CES"]
    assert len(ces) == 1 and len({d.source for d in ces[0].definitions}) == 5
    cobrowsing = [c for c in glossary if c.term.casefold().replace("-", "") == "cobrowsing"]
    assert len(cobrowsing) == 1 and len(cobrowsing[0].definitions) == 3
    assert "Culture" not in " ".join(d.text[:8] for d in ces[0].definitions)


# --- definitions, terms, aliases, categories -------------------------------------------------------


def test_merge_exact_duplicate_definitions_collapse_per_source(make_entry):
    entries = [
        make_entry("Ticket", "a.txt", 3, definition="A recorded support request."),
        make_entry("Ticket", "a.txt", 9, definition="A recorded  support request."),
        make_entry("Ticket", "b.txt", 4, definition="A recorded support request."),
    ]
    (concept,) = merge_entries(entries)
    assert [(d.source, d.line) for d in concept.definitions] == [("a.txt", 3), ("b.txt", 4)]


def test_merge_canonical_term_is_best_attested(make_entry):
    entries = [
        make_entry("Co-Browsing", "a.txt"),
        make_entry("Cobrowsing", "b.txt"),
        make_entry("Cobrowsing", "c.txt"),
    ]
    assert merge_entries(entries)[0].term == "Cobrowsing"


def test_merge_canonical_term_tie_goes_to_source_order_and_title_case(make_entry):
    entries = [
        make_entry("IT service management", "a.txt", acronyms=("ITSM",)),
        make_entry("IT Service Management", "b.txt", acronyms=("ITSM",)),
        make_entry("Pickup Rate", "c.txt", aliases=("Product Return Rate",)),
        make_entry("Pickup Rate", "d.txt"),
        make_entry("Product Return Rate", "c.txt", 9),
    ]
    terms = sorted(c.term for c in merge_entries(entries))
    assert terms == ["IT Service Management", "Pickup Rate"]


@pytest.mark.parametrize(
    "categories, expected",
    [
        (["Metrics", "Metrics", "Operations"], "Metrics"),
        (["Metrics", None, None], "Metrics"),
        (["Metrics", "Operations"], None),
        ([None, None], None),
    ],
)
def test_merge_category_majority(make_entry, categories, expected):
    entries = [make_entry("Contact Rate", f"{i}.txt", category=c) for i, c in enumerate(categories)]
    assert merge_entries(entries)[0].category == expected


def test_merge_aliases_union_deduplicated_sorted(make_entry):
    entries = [
        make_entry("Knowledge Base", "a.txt", aliases=("KB Library", "help center library")),
        make_entry("knowledge base", "b.txt", aliases=("kb-library", "Knowledge Bases", "Article Hub")),
    ]
    (concept,) = merge_entries(entries)
    assert concept.term == "Knowledge Base"
    assert concept.aliases == ["Article Hub", "help center library", "KB Library"]


def test_merge_acronym_spellings_deduplicated(make_entry):
    entries = [
        make_entry("Customer Effort Score", "a.txt", acronyms=("CES",)),
        make_entry("Customer Effort Score", "b.txt", acronyms=("CES",)),
        make_entry("Customer Effort Score", "c.txt", acronyms=("CeS",)),
    ]
    assert merge_entries(entries)[0].acronyms == ["CES"]


# --- base + user entries -----------------------------------------------------------------------------


def test_merge_user_entries_on_top_of_base(make_entry):
    base = [
        Concept(
            id="service-level-agreement",
            term="Service Level Agreement",
            acronyms=["SLA"],
            definitions=[Definition("A contract.", "seed.txt", 4)],
        ),
        Concept(id="ticket", term="Ticket", definitions=[Definition("A request.", "seed.txt", 9)]),
    ]
    user = [
        make_entry("service level agreement", "user.csv", 2, definition="Our promise to customers."),
        make_entry("Ticket", "user.csv", 3, definition="A request.", category="Operations"),
        make_entry("Ticket", "user.csv", 4, definition="Another ticket meaning?", acronyms=("TKT",)),
        make_entry("Escalation Path", "user.csv", 5, definition="Who handles it next."),
    ]
    concepts = merge_entries(user, base=base)
    assert [c.id for c in concepts] == ["escalation-path", "service-level-agreement", "ticket"]
    sla = find(concepts, "Service Level Agreement")
    assert [d.source for d in sla.definitions] == ["seed.txt", "user.csv"]
    ticket = find(concepts, "Ticket")
    assert ticket.category == "Operations" and ticket.acronyms == ["TKT"]
    assert len(ticket.definitions) == 3  # same text from another source is kept, attributed


def test_merge_base_alone_round_trips(seed_paths):
    entries = [e for path in seed_paths[:2] for e in read_seed(path)[0]]
    concepts = merge_entries(entries)
    again = merge_entries([], base=[Concept.from_json(c.to_json()) for c in concepts])
    assert as_json(again) == as_json(concepts)


def test_merge_new_concept_never_takes_a_base_id(make_entry):
    base = [Concept(id="agent", term="Support Agent", definitions=[Definition("x", "seed.txt", 1)])]
    concepts = merge_entries([make_entry("Agent", "user.csv")], base=base)
    assert sorted(c.id for c in concepts) == ["agent", "agent-2"]


# --- ids, order, determinism ------------------------------------------------------------------------


def test_merge_ids_unique_on_collision(make_entry):
    entries = [
        make_entry("Tier -1 Support", "a.txt"),
        make_entry("Tier 1 Support", "a.txt", 5),
        make_entry("Caf\u00e9 Support", "a.txt", 7),  # a different name, the same ASCII slug
        make_entry("Cafe Support", "a.txt", 9),
    ]
    concepts = merge_entries(entries)
    assert [c.id for c in concepts] == ["cafe-support", "cafe-support-2", "tier-minus-1-support", "tier-1-support"]
    assert find(concepts, "Cafe Support").id == "cafe-support"  # sorted order decides, not input order
    Glossary(concepts)  # raises on duplicate ids


def test_merge_is_deterministic_whatever_the_input_order(seed_paths):
    entries = [e for path in seed_paths for e in read_seed(path)[0]]
    expected = as_json(merge_entries(entries))
    for seed in (1, 2, 3):
        shuffled = entries[:]
        random.Random(seed).shuffle(shuffled)
        assert as_json(merge_entries(shuffled)) == expected


def test_merge_output_sorted_by_term(seed_paths):
    entries = [e for path in seed_paths for e in read_seed(path)[0]]
    concepts = merge_entries(entries)
    keys = [(c.term.casefold(), c.id) for c in concepts]
    assert keys == sorted(keys)
    assert all(c.definitions for c in concepts)
    for concept in concepts:
        assert [(d.source, d.line) for d in concept.definitions] == sorted((d.source, d.line) for d in concept.definitions)


def test_merge_hostile_shared_acronym_and_alias_stays_fast(make_entry):
    """5,000 entries under one acronym and one alias (a broken user export): linear, no hang."""
    entries = [
        make_entry(f"Metric Number {i}", "user.csv", i, acronyms=("XM", f"X{i}"), aliases=("the metric",))
        for i in range(5_000)
    ]
    start = time.perf_counter()
    concepts = merge_entries(entries)
    assert time.perf_counter() - start < 10
    (concept,) = concepts  # one alias and one shared acronym link them all
    assert len(concept.definitions) == 5_000 and len(concept.acronyms) == 5_001


def test_merge_empty_input():
    assert merge_entries([]) == []
    assert merge_entries(iter(()), base=()) == []
