from __future__ import annotations

import pytest

from annotator.discover.counters import Entry
from annotator.discover.termhood import (
    DOMAIN, FREE, GENERAL, LINE, NAME, NAME_FROM, NAME_FULL, NAME_USES, SPECIFIC, VERB,
    acronym_score, c_values, general_factor, name_factor, productivity, term_scores, verb_share,
    word_specificity)


def _entry(count, documents=1, whole_line=0):
    return Entry(count=count, documents=documents, whole_line=whole_line)


def test_termhood_c_value_discounts_nested_use():
    entries = {"business hour": _entry(4), "outside business hour": _entry(4)}
    values = c_values(entries)
    assert values["business hour"] == 0  # only ever seen inside the longer candidate
    entries["business hour"] = _entry(10)
    assert c_values(entries)["business hour"] == pytest.approx(6.0)


def test_termhood_longer_candidate_written_once_does_not_discount():
    # "support manager on-call" written once is no longer term: "support manager" keeps its uses
    entries = {"support manager": _entry(2), "support manager on-call": _entry(1)}
    assert c_values(entries)["support manager"] == pytest.approx(2.0)
    entries["support manager on-call"] = _entry(2)
    assert c_values(entries)["support manager"] == 0


def test_termhood_length_is_no_weight():
    values = c_values({"ring group": _entry(2), "ring group member": _entry(2),
                       "ring group member list": _entry(2)})
    # a four-word string of one document is worth no more than a pair written as often
    assert values["ring group member list"] == pytest.approx(2.0)
    assert values["ring group member"] == 0
    assert values["ring group"] == 0


def test_termhood_spread_beats_repetition_in_one_document():
    scores = term_scores({"ring strategy": _entry(6, documents=6), "my cat": _entry(6, documents=1)})
    assert scores["ring strategy"] > scores["my cat"]


def test_termhood_whole_line_boilerplate_loses():
    scores = term_scores({"steps reproduce": _entry(10, 10, whole_line=10),
                          "ring strategy": _entry(10, 10)})
    assert scores["ring strategy"] > scores["steps reproduce"]


@pytest.mark.parametrize(("documents", "kept"), [(1, 1.0), (2, 1 - LINE / 2), (3, 1 - LINE),
                                                 (10, 1 - LINE)])
def test_termhood_line_penalty_grows_with_recurrence(documents, kept):
    # one article's headings name its topic; a label in every ticket is a template's
    headed = term_scores({"ring strategy": _entry(4, documents, whole_line=4)})
    plain = term_scores({"ring strategy": _entry(4, documents)})
    assert headed["ring strategy"] == pytest.approx(kept * plain["ring strategy"])


def test_termhood_defined_acronym_ranks_higher():
    plain, defined = _entry(5, 3), _entry(5, 3)
    defined.long_forms["Very Breached Ticket"] = 1
    assert acronym_score(defined) == 2 * acronym_score(plain)


def _written(count, documents, *surfaces, domain=0):
    entry = Entry(count=count, documents=documents, domain=domain)
    for surface in surfaces:
        entry.surfaces[surface] = count
    return entry


#: the archive's casing (see .casing): mid-sentence uses written with a capital, all uses,
#: uses at a start
_CASING = ({"alex": 5, "doe": 5, "slack": 9, "support": 3},
           {"alex": 6, "doe": 5, "slack": 12, "support": 12, "ring": 6, "channel": 8, "pods": 1},
           {"alex": 1, "slack": 2, "support": 2})


@pytest.mark.parametrize("surface, factor", [
    ("Alex Doe", 1 - NAME),  # never written in lower case: a name
    ("Slack channel", 1 - NAME),  # 9 of 10 capitalised: a name however it is written here
    ("Support channel", 1.0),  # a common noun some pages title-case (3 of 10)
    ("ring channel", 1.0),
    ("Support Pods", 1.0),  # "pods": one use is no evidence
])
def test_termhood_words_kept_capitalised_mid_sentence_are_names(surface, factor):
    assert name_factor(surface, _CASING) == pytest.approx(factor)


def test_termhood_name_factor_grows_with_the_capitalised_share():
    middle = (NAME_FROM + NAME_FULL) / 2
    uses, starts = {"acme": 100}, {}
    assert name_factor("acme desk", ({"acme": round(100 * middle)}, uses, starts)) == \
        pytest.approx(1 - NAME / 2)
    assert name_factor("acme desk", ({"acme": round(100 * NAME_FROM)}, uses, starts)) == 1.0
    assert name_factor("acme desk", ({"acme": 1}, {"acme": NAME_USES - 1}, starts)) == 1.0


def test_termhood_names_rank_below_common_nouns():
    entries = {"alex doe": _written(4, 3, "Alex Doe"), "ring channel": _written(4, 3, "ring channel")}
    scores = term_scores(entries, casing=_CASING)
    assert scores["alex doe"] == pytest.approx(scores["ring channel"] * (1 - NAME))
    # without the archive's casing there is no evidence either way
    plain = term_scores(entries)
    assert plain["alex doe"] == pytest.approx(plain["ring channel"])


def test_termhood_productive_first_word_makes_free_combinations():
    entries = {f"new {head}": _written(1, 1, f"new {head}") for head in ("ticket", "macro", "user")}
    entries |= {"routing profile": _written(2, 1, "routing profile"),
                "routing rule": _written(2, 1, "routing rule"),
                "routing queue": _written(2, 1, "routing queue")}
    ratios = productivity(entries)
    assert ratios["new"] == 1.0 and ratios["routing"] == 0.5
    entries["new ticket"] = _written(2, 1, "new ticket")
    scores = term_scores(entries)
    assert scores["routing profile"] > scores["new ticket"]


def test_termhood_glossary_words_raise_a_term():
    plain, domain = _written(3, 2, "my cat"), _written(3, 2, "ticket priority", domain=2)
    scores = term_scores({"my cat": plain, "ticket priority": domain})
    # every word a glossary word: the full gain
    assert scores["ticket priority"] == pytest.approx((1 + DOMAIN) * scores["my cat"])


def test_termhood_one_use_is_weak_evidence():
    scores = term_scores({"ring strategy": _written(1, 1, "ring strategy"),
                          "ring group": _written(2, 1, "ring group")})
    assert scores["ring strategy"] < scores["ring group"] / 2 + 1e-9


@pytest.mark.parametrize("modifier", ["new", "existing", "valued", "wonderful"])
def test_termhood_general_adjective_makes_a_free_combination(modifier):
    scores = term_scores({f"{modifier} customer": _written(4, 2, f"{modifier} customer"),
                          "ring customer": _written(4, 2, "ring customer")})
    assert scores[f"{modifier} customer"] == pytest.approx(FREE * scores["ring customer"])


@pytest.mark.parametrize(("key", "written"), [("value customer", "valued customers"),
                                              ("exist customer", "existing customers")])
def test_termhood_free_modifier_is_read_as_written(key, written):
    # the type key folds "valued" to "value": the adjective is the word as written
    scores = term_scores({key: _written(4, 2, written),
                          "ring customer": _written(4, 2, "ring customer")})
    assert scores[key] == pytest.approx(FREE * scores["ring customer"])


def test_termhood_verb_first_word_is_a_verb_and_its_object():
    entries = {"submit ticket": _written(4, 2, "submit tickets"),
               "ring ticket": _written(4, 2, "ring tickets")}
    plain = term_scores(entries)
    scores = term_scores(entries, {"submit": 4, "ring": 1})
    assert verb_share("submit", {"submit": 4}, {"submit": 4}) == 0.5
    assert scores["submit ticket"] == pytest.approx((1 - VERB * 0.5) * plain["submit ticket"])
    assert scores["ring ticket"] == plain["ring ticket"]  # one use before an object: no evidence


def test_termhood_linking_word_does_not_dilute_glossary_words():
    # "time to own": one glossary word of two content words, as "ring time" is
    scores = term_scores({"time to own": _written(4, 2, "time to own", domain=1),
                          "time of own": _written(4, 2, "time of own", domain=1)})
    assert scores["time to own"] > scores["time of own"]


def test_termhood_productive_head_is_no_evidence():
    # a domain's central noun takes many fixed modifiers ("urgency levels", "priority
    # levels", "service levels"): its partners say nothing against a term
    entries = {f"{word} level": _written(1, 1, f"{word} levels")
               for word in ("priority", "escalation", "service", "support")}
    entries["ring strategy"] = _written(2, 1, "ring strategy")
    assert productivity(entries, -1) == {"level": 1.0}
    entries["urgency level"] = _written(2, 1, "urgency levels")
    scores = term_scores(entries)
    assert scores["urgency level"] == pytest.approx(scores["ring strategy"])


def test_termhood_glossary_share_counts_words_as_written():
    # "first-line support": one glossary word of two written words, though its type key
    # ("first line support") has three
    with_domain = term_scores({"first line support": _written(4, 2, "first-line support", domain=1)})
    without = term_scores({"first line support": _written(4, 2, "first-line support")})
    assert with_domain["first line support"] == pytest.approx(
        (1 + DOMAIN / 2) * without["first line support"])


def _archive(**counts):
    """Two-word keys written as given, each ``count`` times in 2 documents."""
    return {key.replace("_", " "): _written(n, 2, key.replace("_", " ")) for key, n in counts.items()}


def test_termhood_specificity_contrasts_the_archive_with_general_english():
    # "ticket" is a tenth of this archive's words, far above its share of English; "day"
    # is a common English word written here no more often than anywhere
    entries = _archive(ticket_queue=50, ticket_macro=50, next_day=1, macro_queue=400,
                       queue_macro=400, escalation_queue=99)
    specificity = word_specificity(entries)
    assert specificity["ticket"] > SPECIFIC
    assert specificity["day"] < 0 < specificity["escalation"]


def test_termhood_specificity_folds_plurals_and_reads_written_forms():
    entries = {"ticket queue": _written(3, 2, "ticket queues", "Ticket-Queue")}
    assert set(word_specificity(entries)) == {"ticket", "queue"}


@pytest.mark.parametrize(("specificity", "factor"), [
    ({"ring": 3.0, "strategy": 2.0}, 1.0),  # both the archive's own words
    ({"ring": 3.0, "strategy": SPECIFIC}, 1.0),
    ({"ring": 3.0, "strategy": 0.0}, 1 - GENERAL),  # the weakest word decides
    ({"ring": 3.0, "strategy": -2.0}, 1 - GENERAL),
    ({"ring": 3.0, "strategy": SPECIFIC / 2}, 1 - GENERAL / 2),
    ({}, 1.0),  # no figure, no factor
])
def test_termhood_general_factor(specificity, factor):
    assert general_factor("Ring strategies", specificity) == pytest.approx(factor)


def test_termhood_everyday_phrase_ranks_below_the_archive_jargon():
    entries = _archive(ticket_queue=300, ticket_macro=300, macro_queue=300, escalation_queue=300,
                       escalation_macro=300, next_day=3, ticket_transfer=3)
    scores = term_scores(entries)
    # written as often, in as many documents: the everyday phrase loses (nearly all of
    # GENERAL: "day" is written here about as often as in English at large)
    factor = general_factor("next day", word_specificity(entries))
    assert factor < 1 - GENERAL * 0.9
    assert general_factor("ticket transfer", word_specificity(entries)) == 1.0
    # ("ticket" pairs with three heads here, a productivity of 3 in 603 uses: 0.25 % off)
    assert scores["next day"] == pytest.approx(factor * scores["ticket transfer"], rel=0.01)
