"""patterns.jsonl loads unchanged into a stock entity_ruler and gives the component's entities.

Compared line by line on the repo's samples (a term broken over a line break is something only
the component can match) and on texts built to exercise every variant kind. With
``precision_rules`` off the entities are identical; with them on (the default), the component
only ever *removes* entities (URLs, signatures, shouting, one-word terms without context), so
its entities are a subset of the stock ruler's. Document-defined acronyms (``DOC_ACRONYM``)
come from the text, not from the patterns, and are left out of the comparison.
"""

from __future__ import annotations

import json

import pytest
import spacy

from annotator.resources import builtin_patterns_path, samples_dir

VARIANT_TEXTS = [
    "Our SLA breach count rose and the SLAs were missed; KPIs and the KPI's owner too.",
    "We offer co-browsing, co browsing and cobrowsing; self service and self-service portals.",
    "Tier 1 and Tier-1 agents escalate to tier1 queues, first-call resolution matters.",
    "It is IT's job. The help desk and helpdesks, the knowledge base and the KB.",
]


def _ruler_nlp(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    return nlp


def _sample_lines() -> list[str]:
    lines = []
    for path in sorted(samples_dir().rglob("*")):
        if path.suffix in {".txt", ".md", ".html", ".rst"}:
            text = path.read_bytes().decode("utf-8", errors="replace")
            lines += [line for line in text.splitlines() if line.strip()]
        elif path.suffix == ".jsonl":
            # The samples include deliberately malformed files (bad UTF-8, broken JSON).
            for raw in path.read_bytes().decode("utf-8", errors="replace").splitlines():
                try:
                    row = json.loads(raw)
                except ValueError:
                    continue  # samples include a deliberately malformed file
                if isinstance(row, dict) and isinstance(row.get("text"), str):
                    lines += [line for line in row["text"].splitlines() if line.strip()]
    # A lone surrogate (one sample has one on purpose) is refused before any pipeline runs.
    return [line for line in lines if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in line)]


def _compare(component_nlp, ruler_nlp, texts, *, subset=False):
    differences = []
    for text, ours, stock in zip(texts, component_nlp.pipe(texts), ruler_nlp.pipe(texts)):
        a = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in ours.ents if e.label_ != "DOC_ACRONYM"]
        b = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in stock.ents]
        if subset:
            # Every entity we keep is one of the stock ruler's, or inside one (a longer match
            # refused by a precision rule can leave a shorter one standing).
            if any(not any(s <= x[0] and x[1] <= e for s, e, *_ in b) for x in a):
                differences.append((text, a, b))
        elif a != b:
            differences.append((text, a, b))
    return differences





def test_equivalence_fixture_patterns(make_fixture_nlp, fixture_patterns):
    plain = make_fixture_nlp(precision_rules=False)
    assert _compare(plain, _ruler_nlp(fixture_patterns), VARIANT_TEXTS) == []
    assert all(plain(t).ents for t in VARIANT_TEXTS)


@pytest.fixture(scope="module")
def builtin_ruler():
    patterns = [json.loads(line) for line in builtin_patterns_path().read_text(encoding="utf-8").splitlines()]
    return _ruler_nlp(patterns)


def test_equivalence_builtin_patterns_on_samples(builtin_ruler):
    lines = _sample_lines()
    assert len(lines) > 50
    plain = spacy.blank("en")
    plain.add_pipe("helpdesk_glossary", config={"precision_rules": False})
    assert _compare(plain, builtin_ruler, lines) == []
    assert sum(len(doc.ents) for doc in plain.pipe(lines)) > 20


def test_equivalence_precision_rules_only_remove(builtin_nlp, builtin_ruler):
    assert _compare(builtin_nlp, builtin_ruler, _sample_lines(), subset=True) == []
