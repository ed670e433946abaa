"""annotator.pipeline.spoken: glossary terms as speech-to-text writes them."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import annotator
from annotator.api import default_nlp
from annotator.glossary.compile import ACRONYM_LABEL, AMBIGUOUS_PREFIX, TERM_LABEL
from annotator.pipeline.spoken import (
    _BREAKS,
    _LONE_LETTER_STOP,
    _judged,
    SPOKEN_KEY,
    WORDS,
    SpokenIndex,
    Target,
    in_spoken_stretch,
    is_spoken,
    spoken_segments,
)


@pytest.fixture(scope="module")
def index():
    component = default_nlp().get_pipe("helpdesk_glossary")
    return SpokenIndex.from_glossary(component.glossary, term_label=TERM_LABEL,
                                     acronym_label=ACRONYM_LABEL, ambiguous_prefix=AMBIGUOUS_PREFIX)


def _found(index, text):
    return [(text[start:end], target.id) for start, end, target in index.find(text)]


@pytest.mark.parametrize(
    "segment,spoken",
    [
        ("our a h t went up and the s l a was breached", True),
        ("ok so what is the csat for it", True),
        ("Our SLA was breached", False),
        ("ok, so, what; is: the (csat)?", False),
        # capitals standing alone are spelled letters (or the pronoun), not typed words
        ("we missed the S L A again and the A. H. T. is high", True),
        ("we missed the S L A again", True),
        ("We missed the S L A again", False),
        ("our CSAT went up again", False),
        ("hi", False),
    ],
)
def test_spoken_is_spoken(segment, spoken):
    assert is_spoken(segment) is spoken


def test_spoken_segments_are_lines_and_masked_runs():
    text = "Agent wrote This Properly\n          the s l a was missed again"
    assert [text[s:e] for s, e in spoken_segments(text)] == ["the s l a was missed again"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("the s l a was breached", [("s l a", "service-level-agreement")]),
        ("the s. l. a. was breached", [("s. l. a.", "service-level-agreement")]),
        ("the s-l-a was breached again", [("s-l-a", "service-level-agreement")]),
        ("all our a h t's went up", [("a h t's", "acronym:AHT")]),
        ("we missed the s l a. then we called", [("s l a", "service-level-agreement")]),
        ("please fill in the csat survey now", [("csat", "customer-satisfaction")]),
        ("our kpis and slas went down", [("kpis", "key-performance-indicator"), ("slas", "service-level-agreement")]),
        ("i'll move you to tier two right now", [("tier two", "tier-2-support")]),
        ("i'll move you to tier  two right now", [("tier  two", "tier-2-support")]),
        # spelled letters in capitals, as some engines write them
        ("the S. L. A. was breached", [("S. L. A.", "service-level-agreement")]),
        ("we missed the S L A again", [("S L A", "service-level-agreement")]),
        ("the S.L.A. and A.H.T. went up", [("S.L.A.", "service-level-agreement"), ("A.H.T.", "acronym:AHT")]),
        # an acronym split by hyphens into parts that are not all single letters
        ("our c-sat went up", [("c-sat", "customer-satisfaction")]),
        # acronyms ending in a digit, as said
        ("it is a p one ticket and a sev two", [("p one", "priority-1"), ("sev two", "severity-2")]),
        ("we passed the s o c two audit", [("s o c two", "service-organization-control-2")]),
        ("our c-sat's and the e-nps", [("c-sat's", "customer-satisfaction"), ("e-nps", "employee-net-promoter-score")]),
        # spelled letters in the plural, as engines write it
        ("the k p i s look bad", [("k p i s", "key-performance-indicator")]),
        ("we missed two s l as this week", [("s l as", "service-level-agreement")]),
        ("the i v rs are all down", [("i v rs", "interactive-voice-response")]),
        # a letter then a word, written apart
        ("the c sat survey went out", [("c sat", "customer-satisfaction")]),
        ("our c sats went down again", [("c sats", "customer-satisfaction")]),
        # the article or the pronoun said against the letters
        ("we have a s l a of four hours", [("s l a", "service-level-agreement")]),
        ("check the s l a i think it broke", [("s l a", "service-level-agreement")]),
        ("is there a a h t target", [("a h t", "acronym:AHT")]),
        ("we have a t l for each shift", [("t l", "team-leader")]),
        ("the c sat's trend is flat", [("c sat's", "customer-satisfaction")]),
    ],
)
def test_spoken_finds(index, text, expected):
    assert sorted(_found(index, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "so it is fine for us and it works",
        "i t is a word here and so is a i",
        "the rag was on the table and the cat sat",
        "email me at sla@example.com or see example.com/csat today",
        "we talked about the weather all day long",
        "the e-mail and the wi-fi and the co-op and the t-shirt and the x-ray",
        "so A I and I T and a-i and i-t",
        "i sat down and we saw a c in the exam and a b grade and an e mail",
        "so a is for apple and i as well and i t s not mine",
        # an "a" after a determiner is no article: the letters are another code ("ATL")
        "i live an hour north of the a t l airport",
        # three letters ending in "s" are a code of three (CSS, ATS), not a plural of CS, AT
        "add your own c s s to the widget and check the a t s",
        # two letters between an "i" either side are a longer name spelled (ICSI), not CS
        "the i c s i group meets on fridays",
        # a letter then a function word is an engine's cut of ordinary words ("it's so"),
        # never an acronym said as a letter and a word (SSO)
        "it s so slow when i log in and that s so odd",
    ],
)
def test_spoken_ordinary_words_stay_untagged(index, text):
    assert _found(index, text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("we had an s l a breach yesterday", ("s l a breach", "SLA Breach")),
        ("two s l a breaches this week", ("s l a breaches", "SLA Breach")),
        # "a i" alone is the article and the pronoun; inside its term it is the acronym
        ("we deployed an a i agent for chat", ("a i agent", "AI Agent")),
        ("is it conversational a i or a bot", ("conversational a i", "Conversational AI")),
    ],
)
def test_spoken_a_term_holding_spelled_letters_is_one_span(text, expected):
    spans = annotator.annotate(f"customer: {text}\nagent: okay\n", "transcript")["spans"]
    assert [(s["text"], s["term"], s["match"]) for s in spans] == [(*expected, "spoken")]


def test_spoken_an_interjection_is_no_acronym():
    # "grr" is how a chat or an engine writes the growl, not Gross Revenue Retention (GRR)
    text = "a: it died for no reason huzzah\nb: grr wrong sender address on your list post\n"
    assert annotator.annotate(text, "transcript", asr="on")["spans"] == []


def test_spoken_letter_and_word_is_one_span_over_both():
    text = "customer: so the e nps and the c sat went down\nagent: okay"
    spans = annotator.annotate(text, "transcript")["spans"]
    assert [(s["text"], s["term_id"], s["match"]) for s in spans] == [
        ("e nps", "employee-net-promoter-score", "spoken"), ("c sat", "customer-satisfaction", "spoken")]


def test_spoken_spans_say_match_spoken_and_cover_the_spoken_form():
    text = "agent: thanks for holding our a h t went up and the s l a was breached so i'll move you to tier two"
    result = annotator.annotate(text, "transcript")
    spoken = {span["text"]: span for span in result["spans"] if span.get("match") == "spoken"}
    assert set(spoken) == {"a h t", "s l a", "tier two"}
    assert spoken["s l a"]["end"] - spoken["s l a"]["start"] == 5
    assert spoken["s l a"]["term_id"] == "service-level-agreement"
    assert spoken["s l a"]["role"] == "agent"
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result["spans"])


@pytest.mark.parametrize("text", ["Our SLA is fine. I will check it with us and the csat team.",
                                  "the sla, and the csat, are not acronyms in typed text; see?"])
def test_spoken_typed_text_is_unchanged(text):
    result = annotator.annotate(text)
    assert all(span["match"] != "spoken" for span in result["spans"])
    assert [span["text"] for span in result["spans"]] == (["SLA"] if "SLA" in text else [])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ticket has a SLA assigned.\nWhen the ticket goes overdue, the sla is deleted.",
         ["SLA", "sla"]),
        ("Our SLAs: see which slas and which sla's apply.", ["SLAs", "slas", "sla's"]),
        # the pronoun stays a pronoun beside the IT team; a path or an identifier is no mention
        ("The IT team says it works, see /sla/ and zammad_sla. The SLA is met.", ["IT", "SLA"]),
    ],
)
def test_spoken_lower_case_acronym_where_the_text_also_writes_it_in_capitals(text, expected):
    spans = annotator.annotate(text)["spans"]
    assert [s["text"] for s in spans if s["label"].endswith("ACRONYM")] == expected


@pytest.mark.parametrize("fmt", ["text", "markdown", "transcript"])
def test_spoken_auto_reads_speech_to_text_in_any_format(fmt):
    text = "hi yes our s l a was breached and the csat went down after the outage"
    spans = annotator.annotate(text, fmt)["spans"]
    assert [s["text"] for s in spans if s.get("match") == "spoken"] == ["s l a", "csat"]


@pytest.mark.parametrize(
    "asr,text,expected",
    [
        ("off", "hi yes our s l a was breached and the csat went down", []),
        ("auto", "Hi. Our sla was breached, and the csat went down!", []),
        ("on", "Hi. Our sla was breached, and the csat went down!", ["sla", "csat"]),
        ("on", "Hi. Our S. L. A. was breached, and the C-SAT went down!", ["S. L. A.", "C-SAT"]),
        ("auto", "Hi. Our S. L. A. was breached, and the C-SAT went down!", []),
        ("auto", "hi yes our S L A was breached and the c-sat went down", ["S L A", "c-sat"]),
    ],
)
def test_spoken_asr_option_overrides_the_detection(asr, text, expected):
    spans = annotator.annotate(text, asr=asr)["spans"]
    assert [s["text"] for s in spans if s.get("match") == "spoken"] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the tokenizer keeps a lone letter and its full stop together ("a."): the letters
        # must still end on a token boundary, at the end of a sentence as in its middle
        ("Our AHT and SLA; s l a.", ["s l a"]),
        ("Our AHT and SLA; s l a is here.", ["s l a"]),
        ("s l a.", ["s l a"]),
        ("we had s l a. then the a h t.", ["s l a", "a h t"]),
        ("see the s-l-a.", ["s-l-a"]),
        ("so s. l. a. then", ["s. l. a."]),
        ("we had S L A. then the A H T.", ["S L A", "A H T"]),
        ("so S.L.A. then", ["S.L.A."]),
    ],
)
def test_spoken_letters_before_a_full_stop(text, expected):
    spans = annotator.annotate(text, asr="on")["spans"]
    assert [s["text"] for s in spans if s.get("match") == "spoken"] == expected
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_spoken_full_stop_split_only_where_asked_and_only_for_acronyms():
    nlp = default_nlp()
    component = nlp.get_pipe("helpdesk_glossary")
    doc = nlp.make_doc("plan x y z. then s l a.")
    component._spoken.split_spelled_stops(doc)  # no spoken mode: tokens unchanged
    assert [t.text for t in doc][-1] == "a."
    doc.user_data[SPOKEN_KEY] = "always"
    component._spoken.split_spelled_stops(doc)
    assert [t.text for t in doc] == ["plan", "x", "y", "z.", "then", "s", "l", "a", "."]
    assert doc.text == "plan x y z. then s l a."


def test_spoken_asr_option_refuses_an_unknown_mode():
    from annotator.errors import InputError

    with pytest.raises(InputError) as info:
        annotator.annotate("SLA", asr="maybe")
    assert info.value.code == "E205" and info.value.field == "options.asr"


def test_spoken_everywhere_when_asked(index):
    text = "Call me. The sla, again!"
    assert _found(index, text) == []
    assert [(text[s:e], t.id) for s, e, t in index.find(text, "always")] == [("sla", "service-level-agreement")]


_STRETCH = re.compile(r"\S(?:\S|[ \t]{1,2}(?=\S))*")


def test_segment_breaks_are_every_character_the_break_pattern_finds():
    """The substring tests of the line shortcut look for exactly the characters the pattern
    finds, across all of Unicode."""
    other_space = re.compile(r"[^\S \t\n]")
    every = {chr(i) for i in range(sys.maxunicode + 1) if other_space.fullmatch(chr(i))}
    assert set(_BREAKS) == every


@given(st.text(alphabet="aBZx. \t-\n1_é", max_size=40))
@example("s l a.")
@example("S L A.")
@example("J. Smith")
@example("L A.b")
def test_spoken_full_stop_precheck_finds_what_the_letters_first_pattern_finds(text):
    """The pre-check of the full-stop split, written full stop first (so it is tried only at
    full stops), finds a lone letter's or two capitals' full stop exactly where the pattern
    written letters first does."""
    letters_first = re.compile(r"[ \t-][a-z]\.(?![\w.])|[A-Z][ \t-][A-Z]\.(?![\w.])")
    assert [m.end() for m in _LONE_LETTER_STOP.finditer(text)] == [m.end() for m in letters_first.finditer(text)]


@given(st.text(alphabet="ab S\t\n\r\f\v\x1c\x1f x.,\u00a0\u2028\u3000é", max_size=80))
@example("SLA   AHT   SLA   sla   sla   ab   sla b a   sla\nSLA   sla   sla")  # stretches judged once each
def test_spoken_segments_skip_typed_lines_without_changing_the_answer(text):
    """The line-level shortcut gives exactly the stretches a plain scan of every stretch would
    (a stretch too short to tell taking the verdict of the nearest one that can, before it or
    else after it)."""
    expected, pending, last = [], [], None
    for match in _STRETCH.finditer(text):
        verdict = _judged(match.group())
        if verdict is None:
            if last:
                expected.append(match.span())
            elif last is None:
                pending.append(match.span())
            continue
        expected += pending if verdict else []
        pending, last = [], verdict
        if verdict:
            expected.append(match.span())
    assert list(spoken_segments(text)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a title or a short turn of a machine transcript is speech like the rest
        ("csat manually\n\nwe want to send the survey by hand please", ["csat manually", "we want to send the survey by hand please"]),
        ("we want to send the survey by hand please\nok\ncsat", ["we want to send the survey by hand please", "ok", "csat"]),
        # beside typed text it is typed
        ("csat manually\n\nWe want to send the survey by hand.", []),
        ("hi there\nmy sla is broken, can you help? i tried, twice", []),
    ],
)
def test_spoken_short_stretches_go_with_their_neighbours(text, expected):
    assert [text[s:e] for s, e in spoken_segments(text)] == expected


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["sla", "slas", "SLA", "SLAS", "sla's", "csat", "CSAT", "it", "IT", " ", "\n", ",",
                                 "-", "x", "Xsla", "sla2", "@sla", "s l a", "ai", "AI", "é"]), max_size=25).map("".join),
       st.booleans())
def test_spoken_lower_case_forms_found_as_one_pattern_of_every_form_finds_them(text, plural_is_a_form):
    """Looking for each form alone, and only where its capitals are written, finds what the
    plain definition finds: one pattern of every form (longest first) over the whole text,
    kept where the form's capitals are written. With ``slas`` a form of its own, the longer
    form takes the run."""
    acronyms = {"sla": Target("A", "sla"), "csat": Target("A", "csat"), "ai": Target("A", "ai"),
                "it": Target("A", "it")}
    if plural_is_a_form:
        acronyms["slas"] = Target("A", "slas")
    index = SpokenIndex(acronyms, {})
    forms = sorted((f for f in acronyms if f not in WORDS), key=len, reverse=True)
    every = re.compile(r"(?<![\w'.@/-])(" + "|".join(forms) + r")(?:s|'s)?(?![\w@/-])")
    expected = [(m.start(), m.end(), acronyms[m.group(1)]) for m in every.finditer(text)
                if re.search(rf"(?<![\w']){m.group(1).upper()}(?:s|'s)?(?![\w])", text)]
    present = index._lower_runs.intersection(re.findall(r"[a-z]{2,}", text))
    assert index._lower_case_of_capitals(text, present, set()) == expected
    assert index._lower_case_of_capitals(text, index._lower_runs, set()) == expected


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["sla", "slas", "SLA", "sla's", "csat", "CSAT", "it", "IT", " ", "\n", ",", "|",
                                 "-", "x", "Xsla", "sla2", "@sla", "~", "(", ")", "ai", "AI", "é", "s l a"]),
                max_size=25).map("".join))
@example("sla's~slasla SLA")  # the tokenizer leaves "sla's" whole before "~"
@example("sla\u2019s~x SLA")
def test_spoken_matches_are_the_same_with_the_token_prefilter(blank, text):
    """Given the doc's ORTH hashes, matches() looks only for the lower-case forms written as
    tokens, and keeps the same (what it keeps must start on a token that is the form)."""
    from spacy.attrs import ORTH

    from annotator.pipeline.matcher import Match

    index = SpokenIndex({"sla": Target("A", "sla"), "csat": Target("A", "csat"), "ai": Target("A", "ai")}, {})
    doc = blank(text)
    doc.user_data[SPOKEN_KEY] = "auto"
    orth = doc.to_array([ORTH]) if len(doc) else []  # the numpy column, as the component passes it
    assert index.matches(doc, text, Match, orth) == index.matches(doc, text, Match)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["s", "l", "a", "h", "t", " ", "-", ".", ". ", "\n", "x", "sla", "A", "'s"]),
                max_size=20).map("".join))
def test_spoken_full_stop_split_keeps_the_text_and_every_character(index, blank, text):
    """Splitting a lone letter from its full stop changes tokens only: the doc's text, and
    each character's place in it, stay what they were."""
    doc = blank(text)
    doc.user_data[SPOKEN_KEY] = "always"
    index.split_spelled_stops(doc)
    assert doc.text == text
    assert all(text[token.idx : token.idx + len(token.text)] == token.text for token in doc)


@pytest.mark.parametrize("mode,expected", [(None, [False, False, False]), ("auto", [False, True, False]),
                                           ("always", [False, True, False])])
def test_in_spoken_stretch_only_where_a_spoken_mode_is_on(blank, mode, expected):
    text = "Typed line, with Capitals.\nthe s l a was missed again and again\nOk"
    doc = blank.make_doc(text)
    if mode:
        doc.user_data[SPOKEN_KEY] = mode
    inside = in_spoken_stretch(doc)
    assert [inside(text.index(word)) for word in ("Capitals", "missed", "Ok")] == expected


@pytest.mark.parametrize("mode", [None, "auto"])
def test_in_spoken_stretch_of_typed_text_is_false_everywhere(blank, mode):
    text = "Typed line, with Capitals.\nAnother Typed line, Here."
    doc = blank.make_doc(text)
    if mode:
        doc.user_data[SPOKEN_KEY] = mode
    inside = in_spoken_stretch(doc, text)
    assert not any(inside(offset) for offset in range(-1, len(text) + 2))
