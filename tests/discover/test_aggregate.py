from __future__ import annotations

from annotator.discover.aggregate import Discovery

TEXTS = [
    "Our Very Breached Ticket (VBT) list grew. The response target for business hours.",
    "Each VBT needs a response target. Outside business hours the ring strategy applies.",
    "The ring strategy sends calls on. VBTs reviewed; the escalaton managment board.",
    "Review the response target and the ring strategy; escalaton managment again.",
]


def _discovery(miner):
    discovery = Discovery(capacity=1000)
    for i, text in enumerate(TEXTS):
        discovery.add(miner.mine(f"t{i}", text))
    return discovery


def test_aggregate_ranks_every_kind(miner):
    found = _discovery(miner).candidates(min_documents=2)
    by_name = {c.candidate: c for c in found}
    assert by_name["VBT"].kind == "acronym" and by_name["VBT"].long_forms == (("Very Breached Ticket", 1),)
    assert by_name["ring strategy"].kind == "term" and by_name["ring strategy"].documents == 3
    assert by_name["escalaton managment"].kind == "variant"
    assert by_name["escalaton managment"].variant_of == "escalation-management"
    assert all(c.documents >= 2 for c in found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_aggregate_decisions_reject_for_good(miner):
    discovery = _discovery(miner)
    found = discovery.candidates(min_documents=2, decisions={"ring strategy": "rejected",
                                                             "vbt": "accepted"})
    names = {c.candidate: c for c in found}
    assert "ring strategy" not in names and names["VBT"].decision == "accepted"


def test_aggregate_examples_are_bounded(miner):
    for candidate in _discovery(miner).candidates():
        assert 1 <= len(candidate.examples) <= 3


def test_aggregate_bound(miner):
    # three n-gram tables, and the verb-evidence, two context-word and two casing tables (a
    # tenth of their capacity each), twice each
    assert Discovery(capacity=10).bound == 2 * (3 * 10 + 5 * 1)


def test_aggregate_groups_spellings_of_one_type(miner):
    texts = ["Auto assignment failed again, auto assignment is off.",
             "Is auto assign on? The auto assigned agent left.",
             "Turn auto assaign on: auto assaign broke."]
    discovery = Discovery(capacity=1000)
    for i, text in enumerate(texts):
        discovery.add(miner.mine(f"t{i}", text))
    terms = [c for c in discovery.candidates() if c.kind == "term"]
    grouped = [c for c in terms if c.candidate.lower().startswith("auto assi")
               and len(c.candidate.split()) == 2]
    # one candidate for the five spellings, and the misspelling of its stem folded in
    assert len(grouped) == 1 and grouped[0].count == 6


def test_aggregate_counts_verb_evidence_over_the_archive(miner):
    discovery = Discovery(capacity=1000)
    for i, text in enumerate(["Please submit a ticket. Submit tickets early.",
                              "Agents submit the form; submit tickets there."]):
        discovery.add(miner.mine(f"t{i}", text))
    assert discovery.verbs.get("submit").count == 2
    assert discovery.verbs.get("ticket") is None
