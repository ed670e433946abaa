"""session.AnnotationSession: the per-document steps, run once for every surface."""

from __future__ import annotations

import gc

import pytest
import spacy
from spacy.language import Language

import annotator
from annotator.errors import InputError
from annotator.pipeline.names import AGENT_TURNS_KEY
from annotator.pipeline.names import SOURCE_TEXT_KEY, TEXT_HINT
from annotator.resources import samples_dir
from annotator.runtime import collector
from annotator.session import AnnotationSession

TEXTS = [
    "Our SLA breach rate went up; AHT too.",
    "Check the **KPI** dashboard and the `SLA` config.",
    "No jargon at all here.",
]


@pytest.fixture()
def session(nlp):
    return AnnotationSession(nlp)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("text", TEXTS)
def test_session_annotate_is_the_api_answer(session, nlp, text, fmt):
    assert session.annotate(text, fmt) == annotator.annotate(text, fmt, nlp=nlp)


@pytest.mark.parametrize(
    "options",
    [{"first_only": True}, {"labels": ["CX_ACRONYM"]}, {"max_spans": 1}],
)
def test_session_annotate_options_are_the_api_keywords(session, nlp, options):
    text = "SLA and SLA breach; AHT, SLA."
    assert session.annotate(text, "text", options) == annotator.annotate(text, nlp=nlp, **options)


@pytest.mark.parametrize(
    "text,fmt,options,code",
    [
        ("SLA", "pdf", None, "E204"),
        (42, "text", None, "E201"),
        ("x" * 20, "text", {"max_length": 10}, "E202"),
        ("\ud800", "text", None, "E203"),
        ("SLA", "text", {"labels": ["CX_TERMS"]}, "E205"),
        ("SLA", "text", {"labels": ["CX_TERM", "cx_acronym"]}, "E205"),
    ],
)
def test_session_annotate_refuses_bad_input(session, text, fmt, options, code):
    with pytest.raises(InputError) as info:
        session.annotate(text, fmt, options)
    assert info.value.code == code


def test_session_max_length_is_the_sessions_unless_the_call_says(nlp):
    session = AnnotationSession(nlp, max_length=5)
    with pytest.raises(InputError, match="limit is 5"):
        session.annotate("SLA breach")
    assert session.annotate("SLA breach", "text", {"max_length": 50})["spans"]


def test_session_annotate_pauses_the_collector_and_opens_a_zone(nlp, monkeypatch):
    seen = []

    def spy(doc):
        seen.append((gc.isenabled(), nlp.vocab.in_memory_zone, doc.user_data.get(TEXT_HINT)))
        return doc

    component = nlp.get_pipe("helpdesk_glossary")
    real = type(component).__call__
    monkeypatch.setattr(type(component), "__call__", lambda self, doc: real(self, spy(doc)))
    assert gc.isenabled()
    AnnotationSession(nlp).annotate("Our SLA.")
    assert seen == [(False, True, "Our SLA.")]
    assert gc.isenabled()  # restored after


def test_session_zone_frees_the_words_made_in_it(nlp):
    word = "zqvvkplx"
    AnnotationSession(nlp).annotate(f"Our SLA for {word} breached.")
    assert word not in nlp.vocab.strings and not nlp.vocab.in_memory_zone


def test_session_zone_opens_a_components_own_zone_too(make_fixture_nlp):
    """A component (or tokenizer) with a memory zone of its own gets it opened with the vocab's,
    as ``nlp.memory_zone()`` does."""
    from contextlib import contextmanager

    nlp = make_fixture_nlp()
    opened = []

    class Zoned:
        @contextmanager
        def memory_zone(self, mem=None):
            opened.append(nlp.vocab.in_memory_zone)
            yield mem

        def __call__(self, doc):
            return doc

    Language.component("zoned_for_test", func=Zoned())
    nlp.add_pipe("zoned_for_test")
    assert AnnotationSession(nlp).annotate("Our SLA.")["spans"]
    assert opened == [True]


# Words no pipeline has seen, and what the component reads of them: the lower case of capitals
# (matching), whitespace of its own (terms over a line break), URLs and e-mail addresses
# (misspellings are never looked for there), all-caps neighbours (shouting), words for numbers.
UNSEEN = [
    "Our CUSTOMER SATISFACTION SCORE fell, and the FIRST CALL RESOLUTION too.",
    "The customer\n\t\u2003\t\nsatisfaction score and the service\u2003 \u2003level agreement.",
    "Ticket ZQX-99172 from zq.walters@example.org: the SAL breach on https://status.example.net/q?id=7 again.",
    "PLEASE FIX THE SLA NOW, Kwabena says; Twelve callbacks, eleven KPIs, AHT 4m12s, CSTA (call handling).",
    "Coud the custmer satisfaction scroe be wrong? Agent xq-774 wrote to ops+escalations@acme.test.",
]
_FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".srt": "transcript", ".vtt": "transcript"}


def _builtin_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary")
    return nlp


def _documents() -> list[tuple[str, str]]:
    found = [(text, "text") for text in UNSEEN]
    for path in sorted(samples_dir().rglob("*")):
        if path.suffix in _FORMATS:
            found.append((path.read_text(encoding="utf-8"), _FORMATS[path.suffix]))
    return found


def test_session_zone_computes_only_the_attributes_the_pipeline_reads():
    nlp = _builtin_nlp()
    component = nlp.get_pipe("helpdesk_glossary")
    full = set(nlp.vocab.lex_attr_getters)
    with AnnotationSession(nlp).zone():
        assert set(nlp.vocab.lex_attr_getters) == full & component.lexical_attrs
    assert set(nlp.vocab.lex_attr_getters) == full


def test_session_zone_keeps_every_attribute_for_a_component_that_does_not_say(make_fixture_nlp):
    nlp = make_fixture_nlp()
    nlp.add_pipe("sentencizer")  # reads IS_PUNCT, and says nothing of it
    full = set(nlp.vocab.lex_attr_getters)
    with AnnotationSession(nlp).zone():
        assert set(nlp.vocab.lex_attr_getters) == full


def test_session_answer_is_the_same_with_every_lexical_attribute():
    """The narrowing is invisible: every sample, and texts of unseen words, get the answer the
    pipeline gives when spaCy computes every attribute. Each side on a fresh pipeline, so that
    neither sees words the other's upkeep kept (those get every attribute)."""
    documents = _documents()

    def answers(narrowed: bool) -> list[dict]:
        nlp = _builtin_nlp()
        if not narrowed:
            nlp.get_pipe("helpdesk_glossary").lexical_attrs = None
        session = AnnotationSession(nlp)
        return [session.annotate(text, fmt) for text, fmt in documents]

    narrowed = answers(True)
    assert answers(False) == narrowed
    assert {"CUSTOMER SATISFACTION SCORE", "satisfaction score"} <= {
        span["text"] for result in narrowed for span in result["spans"]}


def test_session_upkeep_runs_outside_the_zone(make_fixture_nlp):
    nlp = make_fixture_nlp()
    session = AnnotationSession(nlp)
    for text in ("escalated tickets today", "escalated tickets again"):
        session.annotate(text)
    assert {"escalated", "tickets"} <= nlp.get_pipe("helpdesk_glossary").vocab_learner.learned


def test_session_annotate_many_is_annotate_per_document(session):
    results = session.annotate_many(TEXTS, "markdown", {"first_only": True})
    expected = [session.annotate(t, "markdown", {"first_only": True}) for t in TEXTS]
    assert results == [{k: v for k, v in e.items() if k != "format"} for e in expected]


def test_session_annotate_many_reports_bad_documents_in_place(session):
    results = session.annotate_many(["Our SLA.", "\ud800", "AHT"], "text")
    assert isinstance(results[1], InputError) and results[1].code == "E203"
    assert [s["text"] for s in results[0]["spans"]] == ["SLA"]
    assert [s["text"] for s in results[2]["spans"]] == ["AHT"]


def test_session_annotate_many_isolates_a_failing_document():
    nlp = spacy.blank("en")

    @spacy.Language.component("runtime_test_fails_on_boom")
    def fails_on_boom(doc):
        if "boom" in doc.text:
            raise ValueError("boom")
        return doc

    nlp.add_pipe("runtime_test_fails_on_boom")
    results = AnnotationSession(nlp).annotate_many(["fine", "boom here", "fine too"])
    assert isinstance(results[1], ValueError)
    assert results[0]["spans"] == [] and results[2]["spans"] == []


def test_session_count_tokens_runs_only_up_to_the_tokenizer(make_fixture_nlp, monkeypatch):
    nlp = make_fixture_nlp()
    component = nlp.get_pipe("helpdesk_glossary")
    monkeypatch.setattr(type(component), "__call__", lambda self, doc: pytest.fail("the pipeline ran"))
    session = AnnotationSession(nlp)
    assert session.count_tokens("Our SLA, again.") == 5
    assert session.count_tokens("Our SLA, again.") == 5
    assert "again." in component.vocab_learner.learned  # the upkeep ran, outside the zone
    with pytest.raises(InputError):
        session.count_tokens("x", "pdf")


def test_session_works_without_our_component():
    nlp = spacy.blank("en")
    result = AnnotationSession(nlp).annotate("Our SLA.")
    assert result["spans"] == [] and result["format"] == "text"


def test_session_loading_is_not_paused_forever(nlp):
    # A session inside an outer loading block leaves the collector as it found it.
    with collector.loading():
        AnnotationSession(nlp).annotate("Our SLA.")
        assert not gc.isenabled()
    assert gc.isenabled()


def test_session_takes_an_options_object(session):
    from annotator.options import AnnotateOptions

    text = "SLA and SLA breach; AHT, SLA."
    options = AnnotateOptions(first_only=True, labels=("CX_ACRONYM",))
    assert session.annotate(text, "text", options) == session.annotate(text, "text", options.to_kwargs())
    assert session.annotate_many([text], "text", options)[0]["spans"] == [
        s for s in session.annotate(text, "text", options)["spans"]
    ]


def test_session_unknown_label_names_the_field_and_the_known_labels(session):
    with pytest.raises(InputError) as info:
        session.annotate_many(["SLA"], "text", {"labels": ["UNKNOWN"]})
    assert info.value.field == "options.labels"
    assert "CX_ACRONYM" in info.value.message and "'UNKNOWN'" in info.value.message


def test_session_json_transcript_with_very_long_strings_is_read_as_sent(session):
    """The safety rewrite (long tokens broken, symbol runs blanked) must not corrupt the JSON:
    for a transcript it runs on the visible text, after parsing. Compact JSON (no spaces) is one
    unbroken token, as speech-to-text engines write it."""
    import json

    from annotator.text.safety import prepare

    items = [{"Type": "pronunciation", "Content": f"w{i}", "Id": i} for i in range(300)]
    doc = {"Transcript": [{"ParticipantId": "AGENT", "Content": "Our SLA is late.", "Items": items},
                          {"ParticipantId": "CUSTOMER", "Content": "!" * 200 + " the AHT too"}]}
    text = json.dumps(doc, separators=(",", ":"))
    with pytest.raises(json.JSONDecodeError):
        json.loads(prepare(text))  # what the parser used to be given
    result = session.annotate(text, "transcript")
    spans = [(s["text"], s["role"]) for s in result["spans"]]
    assert ("SLA", "agent") in spans and ("AHT", "customer") in spans
    assert all(text[s["start"]:s["end"]] == s["text"] for s in result["spans"])


def test_session_warm_builds_what_the_first_documents_would(make_fixture_nlp):
    """What a service master builds before forking: nothing lazy is left for a first request."""
    from annotator.vocabulary.english import english_words

    component = make_fixture_nlp().get_pipe("helpdesk_glossary")
    session = AnnotationSession(component.nlp)
    assert component._lexicon is None and component._fuzzy is None
    session.warm()
    assert component._lexicon is not None and component._fuzzy is not None
    assert english_words.cache_info().currsize == 1


def test_session_warm_without_our_component_does_nothing():
    AnnotationSession(spacy.blank("en")).warm()


@pytest.mark.parametrize(
    "speaker,kept",
    [("AcmeHelp", True), ("AGENT", True), ("user1", False), ("CUSTOMER", False)],
)
def test_session_a_transcripts_agent_turns_reach_the_pipeline(session, speaker, kept):
    """A care agent's turn is the help desk speaking: its everyday nouns are the desk's words
    ("we will look at your ticket"), said by the customer they need more context."""
    text = f"user0: @Acme my site is down, why?\n{speaker}: Sorry for the wait, we will look at your ticket today."
    doc = session.make_doc(session.visible(text, "transcript"), turns=session.prepared(text, "transcript")[1])
    assert bool(doc.user_data.get(AGENT_TURNS_KEY)) is kept
    for result in (session.annotate(text, "transcript"), session.annotate_many([text], "transcript")[0]):
        assert [s["text"] for s in result["spans"]] == (["ticket"] if kept else [])


@pytest.mark.parametrize(
    "text,fmt,left",
    [("Ask `helpdesk_mgmt` about the ticket.", "markdown", True), ("Ask about the ticket.", "text", False)],
)
def test_session_leaves_the_string_sent_where_markup_was_masked(session, text, fmt, left):
    """What the masked markup names (a module, a handle) says what the document is about
    (``pipeline.rules.deskproduct``); a text the masker left alone needs no second copy."""
    doc = session.make_doc(session.visible(text, fmt), source=text)
    assert doc.user_data.get(SOURCE_TEXT_KEY) == (text if left else None)


def test_session_a_desk_product_named_in_code_is_context(builtin_session):
    """The built-in glossary: "agent" alone is an everyday word; in an issue about a module
    named for a help desk (inline code, masked) it is the desk's."""
    text = "I want every agent to log in to answer."
    assert builtin_session.annotate(text, "markdown")["spans"] == []
    issue = "`acme_helpdesk`: " + text
    for result in (builtin_session.annotate(issue, "markdown"), builtin_session.annotate_many([issue], "markdown")[0]):
        assert [s["text"] for s in result["spans"]] == ["agent"]


@pytest.fixture(scope="module")
def builtin_session():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary")
    return AnnotationSession(nlp)
