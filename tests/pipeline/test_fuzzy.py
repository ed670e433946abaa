"""annotator.pipeline.fuzzy: misspelled glossary words and acronyms, matched as what they
misspell, never in names, code, URLs or real words; offsets intact."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.glossary.compile import records_from_dicts
from annotator.pipeline.fuzzy import FUZZY_KEY, FuzzyIndex, is_written_word
from annotator.pipeline.spanvalues import MATCH_KINDS


def spans_of(nlp, text: str, fuzzy: bool | None = None) -> list[tuple[str, str, str | None, str | None]]:
    doc = nlp.make_doc(text)
    if fuzzy is not None:
        doc.user_data[FUZZY_KEY] = fuzzy
    doc = nlp(doc)
    return [(e.text, e._.match, e._.did_you_mean, e._.term_id) for e in doc.ents]


def fuzzy_spans(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(text_, meant, term_id) for text_, match, meant, term_id in spans_of(nlp, text) if match == "fuzzy"]


# --- the misspellings ------------------------------------------------------------------------


def test_fuzzy_index_leaves_out_words_glossary_words_and_shared_forms():
    patterns = [
        {"label": "CX_TERM", "pattern": "escalation", "id": "a"},
        {"label": "CX_TERM", "pattern": "ticketing", "id": "b"},
        {"label": "CX_TERM", "pattern": "ticketting", "id": "c"},  # a glossary word: never a typo
        {"label": "CX_TERM", "pattern": "outing", "id": "d"},
        {"label": "CX_TERM", "pattern": "routing", "id": "e"},
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "CSAT"}], "id": "f"},
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA"}], "id": "g"},
    ]
    index = FuzzyIndex.from_records(records_from_dicts(patterns), is_word=lambda w: w == "escalaton")
    assert index.meaning("esclation") == "escalation"
    assert index.meaning("escalaton") is None  # a real word (here)
    assert index.meaning("ticketting") is None  # a glossary word
    assert index.meaning("outing") is None  # "routing" minus a letter is a glossary word
    assert index.meaning("CSTA") == "CSAT"
    assert index.meaning("CST") is None  # acronyms never lose a letter
    assert index.meaning("SLAA") is None  # three-letter acronyms are never guessed at


def test_fuzzy_index_leaves_out_a_misspelling_of_two_words():
    patterns = [{"label": "CX_TERM", "pattern": word, "id": word} for word in ("chatting", "charting")]
    index = FuzzyIndex.from_records(records_from_dicts(patterns), is_word=lambda w: False)
    assert index.meaning("chating") is None  # "chatting" or "charting"?
    assert index.meaning("chattting") == "chatting"


def test_fuzzy_index_never_targets_a_generated_closed_spelling():
    """"wrapup" is Wrap-Up run together: a misspelling of it ("wrapp") is two slips from
    anything the glossary writes. A closed word the glossary writes itself stays a target."""
    patterns = [
        {"label": "CX_TERM", "pattern": "wrap-up time", "id": "w"},
        {"label": "CX_TERM", "pattern": "wrapup time", "id": "w", "match": "variant"},
        {"label": "CX_TERM", "pattern": "wrapup", "id": "w", "match": "variant"},
        {"label": "CX_TERM", "pattern": "help desk", "id": "h"},
        {"label": "CX_TERM", "pattern": "helpdesk", "id": "h"},  # written so by the glossary
    ]
    index = FuzzyIndex.from_records(records_from_dicts(patterns), is_word=lambda w: False)
    assert index.meaning("wrapp") is None and index.meaning("wraupp") is None
    assert index.meaning("helpdsk") == "helpdesk"


@pytest.mark.parametrize(
    "written, closed, typo, target",
    [
        ("help desk", "helpdesk", "helpesk", "helpdesk"),  # English writes "helpdesk"
        ("live chat", "livechat", "livechta", "livechat"),
        ("wrap-up time", "wrapup", "wrapp", None),  # English hardly writes "wrapup"
        ("just in time", "justin", "jutsin", None),  # short: English writes it as a name
    ],
)
def test_fuzzy_index_targets_a_closed_spelling_english_writes(written, closed, typo, target):
    """A closed spelling the glossary only generates is a target when English writes it as a
    word of its own and it is long: its slips are a writer's, not two slips from anything."""
    patterns = [
        {"label": "CX_TERM", "pattern": written, "id": "t"},
        {"label": "CX_TERM", "pattern": closed, "id": "t", "match": "variant"},
    ]
    index = FuzzyIndex.from_records(records_from_dicts(patterns), is_word=lambda w: False)
    assert index.meaning(typo) == target


def test_fuzzy_a_closed_spelling_english_writes_matches_misspelt(nlp):
    found = fuzzy_spans(nlp, "Registering webhooks to be notified of helpesk events, per the SLA.")
    assert [(text, meant) for text, meant, _ in found] == [("helpesk", "helpdesk")]


@pytest.mark.parametrize(
    "form, written",
    [
        ("routing", True),  # in the dictionary
        ("macos", True),  # no dictionary word, but common: a product, lower-cased
        ("markus", True),  # a name
        ("escalaton", False),
        ("macro", True),
    ],
)
def test_fuzzy_a_common_form_is_a_written_word(form, written):
    assert is_written_word(form) is written


def test_fuzzy_default_index_reads_no_common_form_as_a_misspelling():
    patterns = [{"label": "CX_TERM", "pattern": "macros", "id": "m"}]
    index = FuzzyIndex.from_records(records_from_dicts(patterns))
    assert index.meaning("macos") is None
    assert index.meaning("macors") == "macros"


# --- in the pipeline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typo, kind",
    [("escalaton", "dropped"), ("esclation", "dropped"), ("escallation", "doubled"), ("escalaiton", "swapped"),
     ("excalation", "a neighbouring key struck")],
)
def test_fuzzy_term_word_typos_match_the_term(nlp, typo, kind):
    text = f"Per the SLA, the {typo} was handled by tier 1."
    assert (typo, "escalation", "escalation") in fuzzy_spans(nlp, text), kind


@pytest.mark.parametrize(
    "typo, meant, term_id",
    [
        ("CSTA", "CSAT", "customer-satisfaction-score"),
        ("CSAAT", "CSAT", "customer-satisfaction-score"),
        ("MTRT", "MTTR", None),  # ambiguous: the sense is chosen as for MTTR itself
    ],
)
def test_fuzzy_acronym_typos_match_the_acronym(nlp, typo, meant, term_id):
    text = f"Our {typo} moved after the SLA review."
    found = fuzzy_spans(nlp, text)
    assert [(t, m) for t, m, _ in found] == [(typo, meant)]
    if term_id:
        assert found[0][2] == term_id


@pytest.mark.parametrize(
    "text, span, meant",
    [
        ("Our custmer satisfaction score fell below the SLA.", "custmer satisfaction score",
         "customer satisfaction score"),
        ("Under the service level agreemnt, a ticket waits an hour.", "service level agreemnt",
         "service level agreement"),
        ("Escalaton is rare here, the SLA says.", "Escalaton", "Escalation"),
        ("- Escalaton: see the SLA", "Escalaton", "Escalation"),
    ],
)
def test_fuzzy_matches_span_the_whole_term_and_keep_the_case(nlp, text, span, meant):
    assert [(s, m) for s, m, _ in fuzzy_spans(nlp, text)] == [(span, meant)]


@pytest.mark.parametrize(
    "text, span, meant",
    [
        ("Search the knowledge baase first.", "knowledge baase", "knowledge base"),  # doubled
        ("Search the knowledge bsae first.", "knowledge bsae", "knowledge base"),  # swapped
        ("Call the hepl desk.", "hepl desk", "help desk"),
        ("The help dsek answers.", "help dsek", "help desk"),
    ],
)
def test_fuzzy_short_words_match_inside_their_term(nlp, text, span, meant):
    assert [(s, m) for s, m, _ in fuzzy_spans(nlp, text)] == [(span, meant)]


@pytest.mark.parametrize(
    "text",
    [
        "The baase was wrong, the SLA too.",  # a short word alone: too many real neighbours
        "Search the knowledge bas first.",  # a short word never loses a letter
        "The knowledge of our baase and the SLA.",  # not beside the rest of its term
        "Read the dsek notes and the SLA.",
    ],
)
def test_fuzzy_short_words_never_match_alone(nlp, text):
    assert fuzzy_spans(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We met Escalaton Partners about the SLA.",  # a capitalised word inside a sentence
        "Escalaton Partners met us about the SLA.",  # a capitalised sequence
        "The SLA field escalaton_id is empty.",  # an identifier
        "The SLA page is https://example.com/escalaton now.",  # a URL
        "Mail escalaton@example.com about the SLA.",  # an e-mail address
        "The CSTA (Customer Support Tier A) met the SLA.",  # an acronym the text defines
        "THE CSTA IS DOWN AGAIN AND THE SLA TOO",  # shouting
        "Employee net promote score and the SLA.",  # "promote" is a word, not "promoter" misspelled
        "The escalation and the SLA.",  # spelled right: exact
    ],
)
def test_fuzzy_never_matches_names_code_urls_or_real_words(nlp, text):
    assert fuzzy_spans(nlp, text) == []


def test_fuzzy_off_for_a_doc_that_says_so(nlp):
    text = "Per the SLA, the escalaton was handled."
    assert [m for _, m, _, _ in spans_of(nlp, text, fuzzy=False)] == ["exact"]
    assert "fuzzy" in [m for _, m, _, _ in spans_of(nlp, text, fuzzy=True)]


def test_fuzzy_off_by_config():
    from tests.conftest import _make_fixture_nlp

    nlp = _make_fixture_nlp(fuzzy=False)
    assert [m for _, m, _, _ in spans_of(nlp, "Per the SLA, the escalaton was handled.")] == ["exact"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The SLA was met.", [("SLA", "exact")]),
        ("Both SLAs were met.", [("SLAs", "inflection")]),
        ("We use co browsing for escalations.", [("co browsing", "variant"), ("escalations", "inflection")]),
        ("Collaborative browsing helps the help desk.", [("Collaborative browsing", "variant"), ("help desk", "exact")]),
        ("Two tickets were escalated.", [("tickets", "inflection"), ("escalated", "inflection")]),
    ],
)
def test_fuzzy_every_span_says_how_it_matched(nlp, text, expected):
    assert [(s, m) for s, m, _, _ in spans_of(nlp, text)] == expected


WORDS = ["escalaton", "Escalaton", "CSTA", "custmer", "satisfaction", "score", "SLA", "ticket", "tickte",
         "the", "a", "é", "😀", "https://x.io/escalaton", "x@y.io", "escalaton_id", "(CSTA)", "-", "\n", "\n\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.lists(st.sampled_from([" ", "", ". ", ", "]), min_size=30, max_size=30))
def test_fuzzy_offsets_index_the_text(nlp, words, separators):
    text = "".join(word + sep for word, sep in zip(words, separators))
    doc = nlp(text)
    end = 0
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
        assert ent.start_char >= end
        end = ent.end_char
        assert ent._.match in MATCH_KINDS
        assert (ent._.did_you_mean is not None) == (ent._.match == "fuzzy")
        if ent._.did_you_mean is not None:
            assert len(ent._.did_you_mean.split()) == len(ent.text.split())


def test_fuzzy_a_glossary_over_the_bound_gets_no_misspelling_index(monkeypatch, make_fixture_nlp):
    """A vendor-sized glossary is matched as written: its index would cost more at load than
    the glossary itself."""
    from annotator.pipeline import component as component_module

    text = "The escalaton missed the SLA."
    assert any(e._.match == "fuzzy" for e in make_fixture_nlp()(text).ents)  # under the bound
    monkeypatch.setattr(component_module, "MAX_FUZZY_CONCEPTS", 1)
    nlp = make_fixture_nlp()
    component = nlp.get_pipe("helpdesk_glossary")
    assert len(component.glossary) > 1 and len(component.fuzzy_index()) == 0
    assert all(e._.match != "fuzzy" for e in nlp(text).ents)


@pytest.mark.parametrize(
    "text", ["Our CSTA and the esclation queue", "nothing misspelled here", "SCAT", "", "esclation"]
)
def test_fuzzy_document_lookup_answers_the_same_as_a_set_and_as_an_array(text, monkeypatch):
    """A small index answers "any misspelling in this document?" from a set, a big one from its
    sorted array: both must agree (forced here by the size limit)."""
    import spacy

    from annotator.pipeline import fuzzy as fuzzy_module
    from annotator.pipeline.matcher import COLUMNS

    patterns = [
        {"label": "CX_TERM", "pattern": "escalation", "id": "a"},
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "CSAT"}], "id": "f"},
    ]
    with_set = FuzzyIndex.from_records(records_from_dicts(patterns), is_word=lambda w: False)
    monkeypatch.setattr(fuzzy_module, "MAX_SET_KEYS", 0)
    with_array = FuzzyIndex.from_records(records_from_dicts(patterns), is_word=lambda w: False)
    assert with_set._any_set is not None and with_array._any_set is None
    doc = spacy.blank("en")(text)
    if not len(doc):
        return
    columns = doc.to_array(COLUMNS)
    expected = any(w in {"csta", "esclation", "scat"} for w in text.lower().split())
    assert with_set._may_hold_misspellings(columns) == with_array._may_hold_misspellings(columns) == expected
    hashes = (columns[:, 0].tolist(), columns[:, 1].tolist())  # the lists the component shares
    assert with_set._may_hold_misspellings(columns, hashes) == with_array._may_hold_misspellings(columns, hashes)
    assert with_set._may_hold_misspellings(columns, hashes) == expected


@pytest.mark.parametrize("distinct", [0, 1, 5, 40])
def test_fuzzy_hits_from_the_present_hashes_as_from_a_search_of_every_token(distinct):
    """A document's few misspelled hashes are found by comparing its tokens with each (or,
    past MAX_COMPARED_HASHES of them, by searching the index per token): the same positions,
    in order, and the same places in the index, as searching the index for every token."""
    import numpy as np

    from annotator.pipeline.fuzzy import MAX_COMPARED_HASHES, _hits

    rng = np.random.default_rng(distinct)
    keys = np.unique(rng.integers(1, 2**63, 200, dtype=np.uint64))
    others = rng.integers(1, 2**63, 50, dtype=np.uint64)
    pool = np.concatenate([keys[:distinct], others])
    values = rng.choice(pool, 2_000)
    present = set(values.tolist()) & set(keys.tolist())
    assert len(present) == distinct and (distinct <= MAX_COMPARED_HASHES or distinct == 40)
    searched = _hits(keys, values, None)
    compared = _hits(keys, values, present | {int(others[0])})  # a hash that is no key is ignored
    assert searched[0].tolist() == compared[0].tolist()
    assert searched[1].tolist() == compared[1].tolist()
    assert (keys[compared[1]] == values[compared[0]]).all() and len(compared[0]) == np.isin(values, keys).sum()


def test_fuzzy_matches_the_same_with_the_index_held_as_a_set_or_not(nlp, monkeypatch):
    """A document's misspellings found from the index's set (its present hashes) and from its
    sorted array alone give the same spans."""
    text = ("The esclation queue and our CSTA were up. " * 3 + "Ask the knowledge baase, then the escalaton. "
            "Ticket escallation, SCAT and CSAAT again; esclation at the end")
    with_set = spans_of(nlp, text)
    index = nlp.get_pipe("helpdesk_glossary").fuzzy_index()
    assert index._any_set is not None
    monkeypatch.setattr(index, "_any_set", None)
    assert spans_of(nlp, text) == with_set
    assert sum(match == "fuzzy" for _, match, _, _ in with_set) >= 4


@pytest.mark.parametrize("defined", [False, True])
def test_fuzzy_a_repeated_acronym_is_judged_the_same_every_time(nlp, defined):
    """Whether the text defines an acronym is read once per document and holds for each of
    its mentions: a definition anywhere keeps them all from being read as a misspelling."""
    text = "Our CSTA dropped. The CSTA was low again. Ask about the CSTA."
    if defined:
        text += " The CSTA (Customer Support Tier A) is ours."
    found = [span for span, _, _ in fuzzy_spans(nlp, text)]
    assert found == ([] if defined else ["CSTA"] * 3)
