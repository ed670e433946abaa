"""Candidate screens: each marks every candidate its rule drops (the signature's exactly those),
and annotating with them gives what asking every rule about every candidate gives."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.pipeline import screens
from annotator.pipeline.component import READ_COLUMNS
from annotator.pipeline.matcher import Match
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES, resolve_rules
from annotator.pipeline.rulecontext import rule_context
from annotator.pipeline.screens import DocArrays, candidate_spans
from annotator.pipeline.spanwriter import TokenBounds

#: Pieces the drawn texts are made of: acronyms (one a stop word), codes, signature marks and
#: closing punctuation, code-like constructs, hyphens before names, capitalised labels,
#: whitespace of every kind, digits of other scripts, glued emoji.
PIECES = [
    "SLA", "SLAs", "AHT", "CS", "IT", "P1", "p2", "S2", "Sev 1", "SEV2", "P\u0663", "S\u00b2", "bucket",
    "ticket", "helpdesk", "NOTE", "ESCALATED", "Escalated", "queue", "django-", "self-", "-", "^", "~", "*",
    "\u2013", "Thanks!", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", ".", "!", ")", "(", ",", "/", "/cs/",
    "@", "_", "a_b", "http://", "www.", "x.com", "`", "\\", "\U0001f600", "FIX", "NOW", "Service Level Agreement",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join)


def _candidates(nlp, text):
    comp = nlp.get_pipe("helpdesk_glossary")
    comp.ensure_loaded()
    doc = nlp.make_doc(text)
    columns = doc.to_array(READ_COLUMNS)
    hashes = (columns[:, 0].tolist(), columns[:, 1].tolist())
    candidates = comp.matcher.candidates(doc, columns, text, hashes)
    bounds = TokenBounds(doc, columns)
    context = rule_context(doc, text, bounds.lists()[1].__getitem__, comp._known_caps, comp.precision_settings,
                           comp.lexicon, columns, hashes)  # fmt: skip
    return context, candidates, columns, bounds.lists()


CANDIDATE_RULES = resolve_rules(DEFAULT_PRECISION_RULES)[0]


def test_screens_every_default_candidate_rule_has_one():
    assert CANDIDATE_RULES and all(rule.screen is not None for rule in CANDIDATE_RULES)


@pytest.mark.parametrize("rule", CANDIDATE_RULES, ids=lambda rule: rule.name)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_screens_mark_every_candidate_their_rule_drops(builtin_nlp, rule, text):
    context, candidates, columns, (starts, ends) = _candidates(builtin_nlp, text)
    if not candidates:
        return
    marked = rule.screen(context, candidate_spans(candidates, columns), DocArrays(text, columns)).tolist()
    for match, mark in zip(candidates, marked):
        if rule.scope == ("phrase" if match.is_token_pattern else "token"):
            continue
        kept = rule.run(context, match, starts[match.start], ends[match.end - 1])
        if rule.name == "signature":  # exact: the screen is the rule's own test
            assert mark == (not kept), match
        else:
            assert mark or kept, match


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Thanks! - CS", "CS"),  # a signature
        ("run `SLA` now", "SLA"),  # inside code
        ("ESCALATED ticket", "ESCALATED"),  # a status label
        ("FIX IT NOW", "IT"),  # a shouted stop word
        ("an S3 bucket", "S3"),  # no severity
        ("the django-helpdesk app", "helpdesk"),  # a package's name
    ],
)
def test_screens_mark_what_each_rule_drops(builtin_nlp, text, dropped):
    context, candidates, columns, (starts, ends) = _candidates(builtin_nlp, text)
    doubtful = [m for m in candidates if text[starts[m.start] : ends[m.end - 1]] == dropped]
    assert doubtful
    spans, arrays = candidate_spans(candidates, columns), DocArrays(text, columns)
    for rule in CANDIDATE_RULES:
        marked = rule.screen(context, spans, arrays).tolist()
        for match, mark in zip(candidates, marked):
            if match in doubtful and rule.scope != ("phrase" if match.is_token_pattern else "token"):
                assert mark or rule.run(context, match, starts[match.start], ends[match.end - 1])
    assert any(
        not rule.run(context, m, starts[m.start], ends[m.end - 1])
        for rule in CANDIDATE_RULES for m in doubtful if rule.scope != ("phrase" if m.is_token_pattern else "token")
    )  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(PIECES), min_size=200, max_size=400).map("".join))
def test_screens_annotate_as_asking_every_candidate(builtin_nlp, monkeypatch, text):
    def entities(minimum):
        monkeypatch.setattr(screens, "SCREEN_MIN_CANDIDATES", minimum)
        monkeypatch.setattr(screens, "SCREEN_TOKENS_PER_CANDIDATE", 10**9)  # sparse ones too
        doc = builtin_nlp(text)
        return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents], [
            (s.start, s.end) for s in doc.spans["nested"]
        ]

    assert entities(1) == entities(10**9)


@pytest.mark.parametrize("tokens,screened", [(64 * 4, True), (64 * 4 + 1, False), (10_000, False)])
def test_screens_run_only_on_dense_candidates(tokens, screened):
    # The screens' arrays cover the whole text: on prose (sparse candidates) every candidate
    # is asked instead, and ``doubtful`` says so with None.
    candidates = [Match(i, i + 1, "CX_ACRONYM", "sla", True) for i in range(64)]
    columns = np.zeros((tokens, 4), dtype=np.uint64)
    found = screens.doubtful(SimpleNamespace(text=" " * tokens), [], candidates, columns)
    assert (found is not None) is screened
    if screened:
        assert found == set()
