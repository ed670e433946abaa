"""The Python API: annotator.load() and annotator.annotate()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import annotator
from annotator.errors import AnnotatorError, InputError
from annotator.glossary.model import Glossary
from annotator.lint.rules import lint_text

DATA = Path(__file__).parent / "pipeline" / "data"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(DATA)
    return nlp


def test_api_load_returns_language_with_component():
    nlp = annotator.load([DATA / "extra.csv"], builtin=False)
    assert "helpdesk_glossary" in nlp.pipe_names
    assert [e.text for e in nlp("our CES").ents] == ["CES"]


def test_api_load_onto_existing_pipeline():
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    nlp = annotator.load([DATA / "extra.csv"], builtin=False, base=base)
    assert nlp.pipe_names == ["sentencizer", "helpdesk_glossary"]


def test_api_annotate_text(nlp):
    text = "Our SLA breach rate went up; AHT too."
    result = annotator.annotate(text, nlp=nlp)
    assert [(s["text"], s["label"], s["term_id"]) for s in result["spans"]] == [
        ("SLA breach", "CX_TERM", "sla-breach"),
        ("AHT", "CX_ACRONYM", "average-handle-time"),
    ]
    assert result["format"] == "text"
    assert result["glossary"]["concepts"] == 23
    json.dumps(result)


@pytest.mark.parametrize(
    "fmt,text,expected",
    [
        ("markdown", "Check the `SLA` config and the SLA [KPI](https://x.test/KPI).", ["SLA", "KPI"]),
        ("markdown", "```\nSLA breach\n```\n\nThe KPIs.", ["KPIs"]),
        ("html", '<p title="SLA">The <code>SLA</code> and the <b>KPI</b></p>', ["KPI"]),
        ("html", "<script>var SLA = 1;</script><p>Our CSAT</p>", ["CSAT"]),
    ],
)
def test_api_annotate_markup_only_visible_prose(nlp, fmt, text, expected):
    result = annotator.annotate(text, fmt, nlp=nlp)
    assert [s["text"] for s in result["spans"]] == expected
    for span in result["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]


# One rule for link text: prose for annotation (HTML, Markdown, raw HTML in Markdown) and for
# the linter alike; only the link target is hidden.
LINKED = {
    "html": '<p>Read <a href="https://kb.example/SLA">the SLA policy</a>. A Service Level Agreement (SLA) is a promise.</p>',
    "markdown": "Read [the SLA policy](https://kb.example/SLA). A Service Level Agreement (SLA) is a promise.",
    "markdown-raw-html": 'Read <a href="https://kb.example/SLA">the SLA policy</a>. A Service Level Agreement (SLA) is a promise.',
}


def _first_sla(nlp, path: str, text: str, format: str) -> int:
    """Where ``path`` (annotate or lint) sees the first SLA: a span, or the use lint reports."""
    if path == "annotate":
        spans = [s for s in annotator.annotate(text, format, nlp=nlp)["spans"] if s["text"] == "SLA"]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
        return spans[0]["start"]
    glossary = Glossary.load(DATA / "glossary.jsonl")
    [finding] = lint_text(text, format, glossary=glossary)
    assert finding.code == "HA002" and finding.acronym == "SLA"  # used (in the link) before defined
    return finding.start


@pytest.mark.parametrize("path", ["annotate", "lint"])
@pytest.mark.parametrize("case", sorted(LINKED))
def test_api_link_text_is_prose_on_every_path(nlp, path, case):
    text = LINKED[case]
    format = case.split("-")[0]
    assert _first_sla(nlp, path, text, format) == text.index("the SLA") + 4


@pytest.mark.parametrize(
    "text,acronym,expansion",
    [
        ("Our Average Hold Time \\(AHT\\) went up. AHT matters.", "AHT", "Average Hold Time"),
        ("Track Time to Value \\(TTV\\) weekly; the TTV matters.", "TTV", "Time to Value"),
        ("Track TTV \\(time to value\\) weekly; the TTV matters.", "TTV", "time to value"),
    ],
    ids=["glossary-sense", "document-acronym", "acronym-first"],
)
def test_api_markdown_escaped_parentheses_define_an_acronym(nlp, text, acronym, expansion):
    """CommonMark renders ``\\(`` as ``(``: the definition counts, offsets index the source."""
    result = annotator.annotate(text, "markdown", nlp=nlp)
    [definition] = result["abbreviations"]
    assert (definition["short"], definition["long"]) == (acronym, expansion)
    assert text[definition["short_start"] : definition["short_end"]] == acronym
    spans = [s for s in result["spans"] if s["text"] == acronym]
    assert len(spans) == 2
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["term"].casefold() == expansion.casefold()


@pytest.mark.parametrize("text", ["Try self\\-service and Co\\-browsing.", "Try self\\-service and Co\\-browsing\\."])
def test_api_markdown_escaped_hyphens_join_their_term(nlp, text):
    """``self\\-service`` renders as "self-service": the term is found, its span the source's."""
    spans = annotator.annotate(text, "markdown", nlp=nlp)["spans"]
    assert [(s["text"], s["term"]) for s in spans] == [("self\\-service", "Self-Service"), ("Co\\-browsing", "Co-browsing")]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_api_annotate_options(nlp):
    text = "SLA, SLA and the knowledge base."
    assert len(annotator.annotate(text, nlp=nlp, first_only=True)["spans"]) == 2
    assert [s["text"] for s in annotator.annotate(text, nlp=nlp, labels=["CX_TERM"])["spans"]] == ["knowledge base"]
    assert annotator.annotate(text, nlp=nlp, max_spans=1)["truncated"] is True


def test_api_annotate_spans_say_how_they_matched(nlp):
    text = "Our SLAs, the escalaton and the knowledge base."
    spans = annotator.annotate(text, nlp=nlp)["spans"]
    assert [(s["text"], s["match"], s["did_you_mean"]) for s in spans] == [
        ("SLAs", "inflection", None),
        ("escalaton", "fuzzy", "escalation"),
        ("knowledge base", "exact", None),
    ]
    assert spans[1]["term"] == "Escalation"
    unfuzzy = annotator.annotate(text, nlp=nlp, fuzzy=False)["spans"]
    assert [s["text"] for s in unfuzzy] == ["SLAs", "knowledge base"]


@pytest.mark.parametrize(
    "value,code",
    [(None, "E201"), (b"SLA", "E201"), ("SLA\ud800", "E203"), ("x" * 101, "E202")],
)
def test_api_annotate_bad_input_is_a_coded_error(nlp, value, code):
    with pytest.raises(InputError) as info:
        annotator.annotate(value, nlp=nlp, max_length=100)
    assert info.value.code == code


def test_api_annotate_unknown_format(nlp):
    with pytest.raises(InputError) as info:
        annotator.annotate("SLA", "docx", nlp=nlp)
    assert info.value.code == "E204"


def test_api_annotate_long_punctuation_run_keeps_offsets(nlp):
    text = "SLA " + ")" * 20_000 + " KPI"
    result = annotator.annotate(text, nlp=nlp)
    assert [(s["start"], s["text"]) for s in result["spans"]] == [(0, "SLA"), (20_005, "KPI")]


# Arbitrary Unicode (no lone surrogates: those are an error by contract), mixed with glossary
# words so that spans actually occur: astral emoji, combining marks, NUL, line breaks.
_pieces = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(
        ["SLA", "SLAs", "AHT", " ", "\n", "\x00", "\U0001F600", "\u0301", "e\u0301", "co-browsing",
         "first\ncontact resolution", "Time to Value (TTV)", "TTV", "(", "QBR", "IT", "\u200b", "\r\n",
         "self -service", "co\\-browsing", "SLA(s)", "ticket(s)", "(s)", " -"]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_pieces, max_size=25).map("".join), st.sampled_from(["text", "markdown", "html"]))
def test_api_annotate_offsets_property(nlp, text, fmt):
    result = annotator.annotate(text, fmt, nlp=nlp)
    encoded = text.encode("utf-16-le")
    for span in result["spans"] + result["unknown_acronyms"]:
        assert text[span["start"] : span["end"]] == span["text"]
        assert encoded[2 * span["start_utf16"] : 2 * span["end_utf16"]].decode("utf-16-le") == span["text"]


def test_api_load_reads_the_glossary_at_once():
    nlp = annotator.load([DATA / "extra.csv"], builtin=False)
    assert nlp.get_pipe("helpdesk_glossary").is_loaded


def test_api_load_bad_glossary_path_fails_at_load(tmp_path):
    with pytest.raises(AnnotatorError):
        annotator.load([tmp_path / "missing.csv"], builtin=False)


def test_api_annotate_spans_carry_familiarity(tmp_path):
    glossary = tmp_path / "team.csv"
    glossary.write_text(
        "term,definition,acronym,familiarity\nQueue,Waiting contacts.,,\nDashboard,A screen of charts.,,jargon\n"
        "Service Level Agreement,A promise.,SLA,\n",
        encoding="utf-8",
    )
    nlp = annotator.load([glossary], builtin=False)
    spans = annotator.annotate("The queue, the dashboard and the SLA.", nlp=nlp)["spans"]
    assert [(s["text"], s["familiarity"]) for s in spans] == [
        ("queue", "everyday"), ("dashboard", "jargon"), ("SLA", "jargon")]
# --- transcripts ------------------------------------------------------------------------------

CALL = ("[09:14:02] Agent (Priya): Your SLA breach is logged. Let me transfer you to another agent.\n"
        "[09:14:40] Customer: What is AHT?\n")


def test_api_annotate_transcript_speaker_fields_and_labels_untagged(nlp):
    result = annotator.annotate(CALL, "transcript", nlp=nlp)
    spans = {span["text"]: span for span in result["spans"]}
    assert set(spans) == {"SLA breach", "AHT"}
    assert {k: spans["SLA breach"][k] for k in ("turn", "speaker", "role", "time")} == {
        "turn": 0, "speaker": "Priya", "role": "agent", "time": {"start": 33722.0 - 480, "end": None}}
    assert (spans["AHT"]["turn"], spans["AHT"]["role"]) == (1, "customer")
    for span in result["spans"]:
        assert CALL[span["start"] : span["end"]] == span["text"]


def test_api_annotate_other_formats_have_no_turn_fields(nlp):
    (span,) = annotator.annotate("Agent: the SLA", "text", nlp=nlp)["spans"]
    assert "turn" not in span


def test_api_annotate_captions_metadata_is_not_prose(nlp):
    text = "WEBVTT\n\nNOTE AHT\n\n00:00:01.000 --> 00:00:02.000 align:start\n<v Agent>the SLA\n"
    result = annotator.annotate(text, "transcript", nlp=nlp)
    assert [(s["text"], s["speaker"], s["time"]) for s in result["spans"]] == [
        ("SLA", "Agent", {"start": 1.0, "end": 2.0})]
    assert result["unknown_acronyms"] == []


def test_api_annotate_json_transcript_of_unknown_shape_is_a_coded_error(nlp):
    with pytest.raises(InputError) as error:
        annotator.annotate('{"hello": "SLA"}', "transcript", nlp=nlp)
    assert error.value.code == "E206"


def test_api_annotate_reuses_its_session_only_while_the_pipeline_is_unchanged():
    from annotator.api import _session

    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(DATA)
    first = _session(nlp)
    assert _session(nlp) is first
    nlp.add_pipe("sentencizer", first=True)
    second = _session(nlp)
    assert second is not first and _session(nlp) is second
    nlp.disable_pipe("helpdesk_glossary")
    assert _session(nlp).component is None
    nlp.enable_pipe("helpdesk_glossary")
    assert _session(nlp).component is nlp.get_pipe("helpdesk_glossary")
    other = spacy.blank("en")
    assert _session(other).nlp is other and _session(nlp).nlp is nlp


def test_api_annotate_a_disabled_component_annotates_nothing_as_a_fresh_session_would():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(DATA)
    assert [s["text"] for s in annotator.annotate("our AHT is up", nlp=nlp)["spans"]] == ["AHT"]
    nlp.disable_pipe("helpdesk_glossary")
    disabled = annotator.annotate("our AHT is up", nlp=nlp)
    assert disabled["spans"] == [] and disabled["glossary"] == {}


def test_api_annotate_max_length_is_each_calls_own(nlp):
    with pytest.raises(InputError):
        annotator.annotate("our AHT is up", nlp=nlp, max_length=5)
    assert annotator.annotate("our AHT is up", nlp=nlp)["spans"]
