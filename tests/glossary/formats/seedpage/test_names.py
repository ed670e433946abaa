"""Seed-page names: a term, its acronyms and aliases read out of a heading."""

from __future__ import annotations

import pytest

from annotator.glossary.formats.seedpage import parse_name


@pytest.mark.parametrize(
    "text, term, acronyms, aliases",
    [
        ("Full-Time Employee (FTE)", "Full-Time Employee", ("FTE",), ()),
        ("SLA (Service Level Agreement)", "Service Level Agreement", ("SLA",), ()),
        ("REST API (Representational State Transfer)", "REST API", (), ("Representational State Transfer API",)),
        ("Codeless / No-Code Application", "Codeless Application", (), ("No-Code Application",)),
        ("Remote Installation / Install", "Remote Installation", (), ("Remote Install",)),
        ("Customer Satisfaction, or CSAT", "Customer Satisfaction", ("CSAT",), ()),
    ],
)
def test_names_parse_name(text, term, acronyms, aliases):
    name = parse_name(text)
    assert (name.term, name.acronyms, name.aliases) == (term, acronyms, aliases)
