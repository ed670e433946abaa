"""In-text definitions: the three forms, the linter's extra forms, offsets."""

from __future__ import annotations

import pytest

from annotator.lint.definitions import find_definitions


def _known(acronym):
    return {"WFM": ["Workforce Management"], "SOC 2": ["Service Organization Control 2"]}.get(acronym, [])


@pytest.mark.parametrize(
    "text, acronym, expansion, form",
    [
        ("Our Service Level Agreement (SLA) holds.", "SLA", "Service Level Agreement", "expansion (ACR)"),
        ("Our Service Level Agreements (SLAs) hold.", "SLA", "Service Level Agreements", "expansion (ACR)"),
        ("The FRT (First Response Time) counts.", "FRT", "First Response Time", "ACR (expansion)"),
        ("Ask a Technical Account Manager or TAM.", "TAM", "Technical Account Manager", "expansion or ACR"),
        ("A Success On-Demand (CSE) engagement.", "CSE", "Success On-Demand", "expansion (ACR)"),
        ("Workforce management or WFM plans shifts.", "WFM", "Workforce management", "expansion or ACR"),
        ("We passed Service Organization Control 2 (SOC 2).", "SOC 2", "Service Organization Control 2", "expansion (ACR)"),
        ("**SLA** (Service Level Agreement) holds.", "SLA", "Service Level Agreement", "ACR (expansion)"),
        ("- **AHT**: Average Handle Time, per call.", "AHT", "Average Handle Time", "ACR: expansion"),
        ("FCR - First Contact Resolution counts", "FCR", "First Contact Resolution", "ACR: expansion"),
        ("1. CSAT \u2013 Customer Satisfaction Score", "CSAT", "Customer Satisfaction", "ACR: expansion"),
        ("  QBR   Quarterly Business Review  ", "QBR", "Quarterly Business Review", "ACR: expansion"),
        ("WFM = workforce management tools", "WFM", "workforce management", "ACR: expansion"),
        ("A promised call. (Direct to Call - DTC)", "DTC", "Direct to Call", "expansion (ACR)"),
    ],
    ids=["long-short", "plural", "short-long", "or", "capitalised-run", "or-known", "spaced", "bold",
         "entry-colon", "entry-dash", "entry-numbered", "entry-table-row", "entry-known", "parenthesised-dash"],
)
def test_definitions_forms(text, acronym, expansion, form):
    [definition] = find_definitions(text, _known)
    assert (definition.acronym, definition.expansion, definition.form) == (acronym, expansion, form)
    assert text[definition.start : definition.end].rstrip("s") == acronym


@pytest.mark.parametrize(
    "text",
    [
        "Is the ticket about L&R (subscription, plan, renewal, licensing, trials)?",
        "Why do we measure knowledge (and KCS)?",
        "Use Slack or SMS for alerts.",
        "Contact support (SLA) today.",
        "",
        "(" * 3000 + "SLA" + ")" * 3000,
        "- SLA: we missed it twice",
        "Our SLA - Support Level Agreement",
        "SLA  Support Level",
        "(see the notes - SLA)",
    ],
    ids=["scope-not-expansion", "not-only-acronym", "plain-or", "lowercase-before", "empty", "nested-parens",
         "entry-not-spelled-out", "entry-not-line-start", "entry-wrong-initials", "dash-not-spelled-out"],
)
def test_definitions_not_definitions(text):
    assert find_definitions(text, _known) == []
