from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.discover.candidates import MAX_KEYS_PER_DOCUMENT, term_hits, verb_uses
from annotator.discover.worker import Miner, MineOptions, MinerSpec


def test_candidates_acronym_with_long_form(miner):
    text = "Our Very Breached Ticket (VBT) list grew; two VBTs and one VBT's owner. AHT is fine."
    found = miner.mine("d1", text)
    assert set(found.acronyms) == {"VBT"}  # AHT is in the glossary
    hit = found.acronyms["VBT"]
    assert hit.count == 3 and text[hit.start : hit.end] == "VBT"  # VBT, VBTs, VBT's
    assert found.long_forms == {"VBT": {"Very Breached Ticket": 1}}


@pytest.mark.parametrize(
    ("text", "allowed"),
    [("Use the API and a URL, NOTE this.", set()),  # allowlist and caps words
     ("Download 5 GB and 10MB.", set())],  # units after a number
)
def test_candidates_acronym_rules_are_the_linters(miner, text, allowed):
    assert set(miner.mine("d", text).acronyms) == allowed


@pytest.mark.parametrize(("text", "codes"), [
    ("Escalate from L1 to L2, then the L1/L2/L3 queues and two L3s.", {"L1": 2, "L2": 2, "L3": 2}),
    ("Upgrade to v1.2 or A1.5; set L1_cache, row 1A2, steps L1-2, ping @L1.", {}),
    ("The Q3 plan.", {"Q3": 1}),
])
def test_candidates_letter_digit_codes_are_acronyms(miner, text, codes):
    found = miner.mine("d", text).acronyms
    assert {k: h.count for k, h in found.items()} == codes


def test_candidates_letter_digit_codes_respect_glossary_and_allow(spec):
    assert "P1" not in Miner(MinerSpec(), MineOptions()).mine("d", "A P1 incident.").acronyms
    allowing = Miner(replace(spec, allow=("L1",)), MineOptions())
    assert set(allowing.mine("d", "The L1 and L2 teams.").acronyms) == {"L2"}


@pytest.mark.parametrize(("text", "acronyms"), [
    ("Calls go over VoIP; VoIP's QoS is poor, two PoCs ran.", {"VoIP": 2, "QoS": 1, "PoC": 1}),
    # camel-case names, caps-lock slips, all-caps plurals (the linter's), the allowlist
    ("GitLab and ChatJS; THe SaaS on iOS.", {}),
    # pieces of a handle, path, identifier or version
    ("ping @VoIP, open docs/QoS or v1.PoC and PoC-2 or VoIP_x.", {}),
])
def test_candidates_mixed_case_acronyms(miner, text, acronyms):
    found = miner.mine("d", text).acronyms
    assert {k: h.count for k, h in found.items()} == acronyms
    for key, hit in found.items():
        assert text[hit.start : hit.end] == key


def test_candidates_mixed_case_acronyms_respect_glossary_and_allow(spec):
    assert "eNPS" not in Miner(MinerSpec(), MineOptions()).mine("d", "Our eNPS rose.").acronyms
    allowing = Miner(replace(spec, allow=("voip",)), MineOptions())
    assert set(allowing.mine("d", "VoIP and QoS.").acronyms) == {"QoS"}


def test_candidates_terms_skip_glossary_and_its_parts(miner):
    text = "The Service Level Agreement and the ring strategy. Average handle time, ring strategy."
    terms = miner.mine("d", text).terms
    assert "ring strategy" in terms and terms["ring strategy"].count == 2
    assert not any(k in terms for k in ("service level", "level agreement", "average handle"))


def test_candidates_markup_is_masked_and_offsets_index_the_original(miner):
    text = "Set the `ring strategy` flag.\n\n```\nring strategy code\n```\n\nThe ring strategy works."
    hit = miner.mine("d.md", text, "markdown").terms["ring strategy"]
    assert hit.count == 1 and text[hit.start : hit.end] == "ring strategy"


def test_candidates_variants_name_their_concept(miner):
    found = miner.mine("d", "The escalaton managment board meets daily.")
    assert found.variants["escalaton managment"].variant_of == "escalation-management"


def test_candidates_boilerplate_lines_are_marked():
    hits = term_hits("Steps Reproduce\nsome text\nring strategy applies here", _NoKnown())
    assert hits["steps reproduce"].whole_line == 1
    assert hits["ring strategy"].whole_line == 0


@pytest.mark.parametrize(("text", "verbs"), [
    ("Please submit a ticket, then send them the form.", {"submit": 1, "send": 1}),
    ("The ticket priority of the agent you assigned.", {}),  # nouns, a subject pronoun
    ("Escalate  the call. Route\nthe call. Check SLA the", {}),  # not one space; acronyms
    ("Route the call; route the chat.", {"route": 2})])
def test_candidates_verb_uses(text, verbs):
    assert verb_uses(text) == verbs


def test_candidates_linked_terms(miner):
    terms = miner.mine("d", "The time to own grew. Hours of operation; time to own again.").terms
    assert terms["time to own"].count == 2 and "hours of operation" not in terms


def test_candidates_per_document_bound(monkeypatch):
    import annotator.discover.candidates as candidates

    monkeypatch.setattr(candidates, "MAX_KEYS_PER_DOCUMENT", 10)
    text = " ".join(f"word{chr(97 + i % 26)}{chr(97 + i // 26)} alpha" for i in range(200))
    assert len(candidates.term_hits(text.replace("0", ""), _NoKnown())) <= 10
    assert MAX_KEYS_PER_DOCUMENT >= 1000


@pytest.mark.parametrize("text", ["", "   \n\n ", "((((((((", "A" * 10_000, "\u202e\u200b hidden \ufeff"])
def test_candidates_hostile_or_empty_text(miner, text):
    found = miner.mine("d", text)
    assert len(found.terms) <= MAX_KEYS_PER_DOCUMENT


def test_candidates_over_length_limit_is_an_error(spec):
    from annotator.discover.worker import Miner, MineOptions

    small = Miner(spec, MineOptions(max_length=10))
    outcomes = small.tag([(1, "a", "short"), (2, "b", "much longer than ten")])
    assert outcomes[0][0] == "ok" and outcomes[1][0] == "error" and "limit" in outcomes[1][2]


class _NoKnown:
    def domain_words(self, key):
        return 0

    def has_term(self, text):
        return False

    def has_acronym(self, acronym):
        return False
