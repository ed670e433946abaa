"""pipeline.precision: the component's precision heuristics as a named, configurable rule list."""

from __future__ import annotations

import pytest
import spacy

from annotator.errors import PipelineError
from annotator.pipeline import precision
from annotator.pipeline.precision import (
    DEFAULT_PRECISION_RULES,
    PrecisionRule,
    resolve_rules,
    rule_names,
)

# One text per rule: what that rule alone removes (the other rules keep it).
CASES = {
    "helpdesk_glossary.code_like.v1": ("Set `SLA` in config, the SLA", ["SLA", "SLA"]),
    "helpdesk_glossary.signature.v1": ("Ask IT. Thanks! - CS", ["IT", "CS"]),
    "helpdesk_glossary.shouted_word.v1": ("PLEASE FIX IT NOW", ["IT"]),
    "helpdesk_glossary.proper_names.v1": ("Ask the Blue Ticket Cloud team; the SLA is fine.", ["Ticket", "SLA"]),
    "helpdesk_glossary.product_names.v1": ("Open the Knowledge Base app; the SLA is fine.", ["Knowledge Base", "SLA"]),
    "helpdesk_glossary.everyday_words.v1": ("May I have your ticket number?", ["ticket"]),
    "helpdesk_glossary.caps_label.v1": ("ALERT: the SLA was missed.", ["ALERT", "SLA"]),
    "helpdesk_glossary.code_context.v1": ("Store the SLA report in an S2 bucket.", ["SLA", "S2"]),
    "helpdesk_glossary.software_parts.v1": ("The ticket API missed the SLA.", ["ticket", "SLA"]),
    "helpdesk_glossary.ui_labels.v1": ("Open **Recent customer tickets** for the SLA.", ["tickets", "SLA"]),
    "helpdesk_glossary.document_acronyms.v1": (
        "Our Enterprise Resource Planning (ERP) tool feeds the SLA. The ERP is slow.", ["ERP", "SLA", "ERP"]
    ),
}
# Rules whose words the fixture glossary lacks: each is switched off in its own module's tests.
OWN_GLOSSARY_RULES = {
    "helpdesk_glossary.issue_reports.v1": "tests/pipeline/rules/test_issuereports.py",
    "helpdesk_glossary.other_parties.v1": "tests/pipeline/rules/test_otherparties.py",
    "helpdesk_glossary.customer_side.v1": "tests/pipeline/rules/test_customerside.py",
    "helpdesk_glossary.reporting_verb.v1": "tests/pipeline/rules/test_reportingverb.py",
    "helpdesk_glossary.other_trades.v1": "tests/pipeline/rules/test_othertrades.py",
    "helpdesk_glossary.closing_initials.v1": "tests/pipeline/rules/test_closinginitials.py",
    "helpdesk_glossary.spoken_compounds.v1": "tests/pipeline/rules/test_spokencompounds.py",
    "helpdesk_glossary.phrasal_verbs.v1": "tests/pipeline/rules/test_phrasalverbs.py",
    "helpdesk_glossary.hyphenated_names.v1": "tests/pipeline/rules/test_hyphennames.py",
    "helpdesk_glossary.software_agents.v1": "tests/pipeline/rules/test_softwareagents.py",
    "helpdesk_glossary.software_senses.v1": "tests/pipeline/rules/test_softwaresenses.py",
    "helpdesk_glossary.screen_labels.v1": "tests/pipeline/rules/test_screenlabels.py",
    "helpdesk_glossary.markup_gaps.v1": "tests/pipeline/rules/test_markupgaps.py",
    "helpdesk_glossary.mentions.v1": "tests/pipeline/rules/test_mentions.py",
    "helpdesk_glossary.turn_taking.v1": "tests/pipeline/rules/test_turntaking.py",
    "helpdesk_glossary.units.v1": "tests/pipeline/rules/test_units.py",
    "helpdesk_glossary.spoken_addresses.v1": "tests/pipeline/rules/test_spokenaddresses.py",
    "helpdesk_glossary.placed_terms.v1": "tests/pipeline/rules/test_placedterms.py",
    "helpdesk_glossary.back_references.v1": "tests/pipeline/rules/test_backreference.py",
}


def test_precision_default_rules_are_registered_and_complete():
    assert set(CASES) | set(OWN_GLOSSARY_RULES) == set(DEFAULT_PRECISION_RULES)
    assert not set(CASES) & set(OWN_GLOSSARY_RULES)
    for name in DEFAULT_PRECISION_RULES:
        rule = spacy.registry.misc.get(name)()
        assert isinstance(rule, PrecisionRule) and rule.stage in precision.STAGES
    assert precision.STAGES == ("candidate", "accepted", "document_acronym")


def test_precision_the_older_corroboration_rule_is_still_registered(make_fixture_nlp):
    # Saved pipelines may name it; everyday_words does its job by default now.
    rules = ["helpdesk_glossary.code_like.v1", "helpdesk_glossary.uncorroborated_word.v1"]
    nlp = make_fixture_nlp(precision_rules=rules)
    assert [e.text for e in nlp("May I have your ticket number?").ents] == []
    assert [e.text for e in nlp("Your ticket missed the SLA.").ents] == ["ticket", "SLA"]


def test_precision_default_config_lists_every_rule():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    assert nlp.config["components"]["helpdesk_glossary"]["precision_rules"] == list(DEFAULT_PRECISION_RULES)


@pytest.mark.parametrize("setting,expected", [(True, list(DEFAULT_PRECISION_RULES)), (False, []), (["a"], ["a"])])
def test_precision_rule_names_accept_the_older_boolean(setting, expected):
    assert rule_names(setting) == expected


@pytest.mark.parametrize("off", sorted(CASES))
def test_precision_one_rule_off_lets_only_its_matches_through(make_fixture_nlp, off):
    text, without_rule = CASES[off]
    default = make_fixture_nlp()
    fewer = make_fixture_nlp(precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != off])
    assert [e.text for e in fewer(text).ents] == without_rule
    assert [e.text for e in default(text).ents] != without_rule
    # Every other rule's own case is still filtered.
    for name, (other_text, _) in CASES.items():
        if name != off:
            assert [e.text for e in fewer(other_text).ents] == [e.text for e in default(other_text).ents]


def test_precision_rules_default_list_is_the_boolean_on(make_fixture_nlp):
    listed = make_fixture_nlp(precision_rules=list(DEFAULT_PRECISION_RULES))
    on = make_fixture_nlp(precision_rules=True)
    for text, _ in CASES.values():
        assert [e.text for e in listed(text).ents] == [e.text for e in on(text).ents]


def test_precision_a_registered_rule_of_ones_own(make_fixture_nlp):
    @spacy.registry.misc("test_precision.no_it.v1")
    def make_no_it():
        return PrecisionRule("no_it", "candidate", lambda context, match, start, end: context.text[start:end] != "IT")

    nlp = make_fixture_nlp(precision_rules=[*DEFAULT_PRECISION_RULES, "test_precision.no_it.v1"])
    assert [e.text for e in nlp("Ask IT about the SLA.").ents] == ["SLA"]


@pytest.mark.parametrize("scope, asked", [("token", {"SLA"}), ("phrase", {"first contact resolution"}),
                                          ("any", {"SLA", "first contact resolution"})])
def test_precision_a_candidate_rule_is_asked_only_about_its_scope(scope, asked, make_fixture_nlp):
    seen = set()

    def record(context, match, start, end):
        seen.add(context.text[start:end])
        return True

    name = f"test_precision.record_{scope}.v1"
    spacy.registry.misc.register(name, func=lambda: PrecisionRule("record", "candidate", record, scope))
    nlp = make_fixture_nlp(precision_rules=[*DEFAULT_PRECISION_RULES, name])
    assert [e.text for e in nlp("The SLA for first contact resolution.").ents] == ["SLA", "first contact resolution"]
    assert seen == asked


def test_precision_a_rule_of_unknown_scope_is_E303():
    spacy.registry.misc.register("test_precision.bad_scope.v1",
                                 func=lambda: PrecisionRule("bad", "candidate", lambda *a: True, "acronyms"))
    with pytest.raises(PipelineError) as info:
        resolve_rules(["test_precision.bad_scope.v1"])
    assert info.value.code == "E303" and "scope" in str(info.value)


@pytest.mark.parametrize(
    "name", ["helpdesk_glossary.no_such_rule.v1", "test_precision.not_a_rule.v1", "test_precision.no_stage.v1"]
)
def test_precision_unknown_or_invalid_rule_is_E303(name):
    spacy.registry.misc.register("test_precision.not_a_rule.v1", func=lambda: "not a rule")
    spacy.registry.misc.register("test_precision.no_stage.v1", func=lambda: PrecisionRule("x", "later", print))
    with pytest.raises(PipelineError) as info:
        resolve_rules([name])
    assert info.value.code == "E303"


def test_precision_rules_split_by_stage():
    candidate, accepted, acronyms = resolve_rules(DEFAULT_PRECISION_RULES)
    assert len(candidate) + len(accepted) + len(acronyms) == len(DEFAULT_PRECISION_RULES)
    assert [r.name for r in acronyms] == ["document_acronyms"]


def test_precision_rules_survive_a_round_trip(tmp_path, make_fixture_nlp):
    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.signature.v1"]
    nlp = make_fixture_nlp(precision_rules=rules)
    nlp.to_disk(tmp_path / "p")
    restored = spacy.load(tmp_path / "p")
    assert restored.get_pipe("helpdesk_glossary").precision_rules == rules
    assert [e.text for e in restored("Ask IT. Thanks! - CS").ents] == ["IT", "CS"]


# --- caps_label and code_context on their own cases ---------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ALERT: the SLA was missed.", ["SLA"]),
        ("THE ALERT FIRED AGAIN AND THE SLA IS GONE", ["ALERT", "SLA"]),  # shouted: the word
        ("The alert fired; the SLA holds.", ["alert", "SLA"]),
        ("MY TICKET IS STILL OPEN AND THE SLA IS GONE", ["TICKET", "SLA"]),  # still the term
        ("Our TICKET queue and the SLA.", ["TICKET", "SLA"]),
    ],
)
def test_precision_caps_label_keeps_term_words_in_capitals(nlp, text, expected):
    assert [e.text for e in nlp(text).ents] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Our S2 incidents page the team.", ["S2"]),
        ("Cases are S2/S2 only.", ["S2", "S2"]),
        ("A Sev 2 and a sev-2 and a SEV-2 and a sev2.", ["Sev 2", "sev-2", "SEV-2", "sev2"]),
        ("Store it in an S2 bucket, not in the SLA folder.", ["SLA"]),
        ("The Galaxy S2 phone.", []),
        ("Sev alone and P2P and S22.", []),
    ],
)
def test_precision_code_context_keeps_bare_codes_only_in_context(nlp, text, expected):
    ents = nlp(text).ents
    assert [e.text for e in ents] == expected
    assert all(e.label_ == "CX_ACRONYM" and e._.term_id == "severity-2" for e in ents if e.text != "SLA")


@pytest.mark.parametrize(
    "text, term_ids",
    [
        ("We had a p1 and two P3s this week.", ["priority-1", "priority-3"]),
        ("Declare a sev 0 and page everyone.", ["severity-0"]),
        ("It is a SEV-1 now, downgraded from Sev1.", ["severity-1", "severity-1"]),
        ("Severity 4 tickets wait; Priority 2 ones do not.", ["severity-4", "priority-2"]),
        ("Upload to S3 and test on a Galaxy S1; use P2P.", []),
    ],
)
def test_precision_builtin_priority_and_severity_codes(builtin_nlp, text, term_ids):
    doc = builtin_nlp(text)
    codes = [e for e in doc.ents if (e._.term_id or "").startswith(("priority-", "severity-"))]
    assert [e._.term_id for e in codes] == term_ids
    assert all(e._.definition for e in codes)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hosts db-p1 and 1.0-p1 are fine, but this is a p1.", ["p1"]),
        ("We page for p0-p3 only, and P1's are first.", ["p0", "p3", "P1's"]),
    ],
)
def test_precision_code_context_reads_codes_as_the_vocabulary_does(builtin_nlp, text, expected):
    codes = [e.text for e in builtin_nlp(text).ents if (e._.term_id or "").startswith(("priority-", "severity-"))]
    assert codes == expected


def _recording_rule(name, seen, **trigger):
    def record(context, matches, taken):
        seen.append(context.text)
        return matches

    spacy.registry.misc.register(name, func=lambda: PrecisionRule("record", "accepted", record, **trigger))
    return name


@pytest.mark.parametrize("text, entered", [("The SLA is fine.", False), ("Tag the SLA owner.", True),
                                           ("TAGGED: the SLA.", False)])
def test_precision_an_accepted_rule_is_entered_only_with_a_trigger_word(text, entered, make_fixture_nlp):
    seen = []
    name = _recording_rule("test_precision.trigger_words.v1", seen,
                           trigger_words=frozenset({spacy.strings.get_string_id("tag")}))
    nlp = make_fixture_nlp(precision_rules=[*DEFAULT_PRECISION_RULES, name])
    assert [e.text for e in nlp(text).ents] == ["SLA"]
    assert seen == ([text] if entered else [])


@pytest.mark.parametrize("text, entered", [("The SLA is fine.", False), ("The **SLA** is fine.", True),
                                           ("The SLA_report is fine.", True)])
def test_precision_an_accepted_rule_is_entered_only_with_a_trigger_character(text, entered, make_fixture_nlp):
    seen = []
    name = _recording_rule("test_precision.trigger_chars.v1", seen, trigger_chars="*_")
    nlp = make_fixture_nlp(precision_rules=[*DEFAULT_PRECISION_RULES, name])
    nlp(text)
    assert seen == ([text] if entered else [])


def test_precision_an_untriggered_accepted_rule_is_entered_for_every_document(make_fixture_nlp):
    seen = []
    name = _recording_rule("test_precision.untriggered.v1", seen)
    nlp = make_fixture_nlp(precision_rules=[*DEFAULT_PRECISION_RULES, name])
    nlp("Nothing here.")
    assert seen == ["Nothing here."]


def test_precision_default_triggers_only_spare_rules_that_would_drop_nothing(builtin_nlp):
    """Every sample annotated as if no rule had a trigger: the same entities."""
    from pathlib import Path

    component = builtin_nlp.get_pipe("helpdesk_glossary")
    assert any(words is not None or chars is not None for _, words, chars in component._accepted)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path("samples").rglob("*")) if p.is_file()]
    assert texts
    triggered = [[(e.start, e.end, e.label_, e.ent_id_) for e in builtin_nlp(t).ents] for t in texts]
    saved = component._accepted
    component._accepted = tuple((run, None, None) for run, _, _ in saved)
    try:
        untriggered = [[(e.start, e.end, e.label_, e.ent_id_) for e in builtin_nlp(t).ents] for t in texts]
    finally:
        component._accepted = saved
    assert triggered == untriggered
