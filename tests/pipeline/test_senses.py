"""Sense choice for ambiguous acronyms: the evidence, its windows, its explanation, and accuracy
on a hand-made set of sentences written from real usage (``data/ambiguous_senses.jsonl``)."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from annotator.glossary.model import Concept, Definition, Glossary
from annotator.pipeline.sense_context import SENTENCE
from annotator.pipeline.senses import REASON_DOMAIN, REASON_LONG_FORM, SHOWN_PHRASES, SenseIndex, context_reason

SENSES_FILE = Path(__file__).parent / "data" / "ambiguous_senses.jsonl"
ACRONYMS = ("AHT", "BPO", "CS", "MTTR")
#: The accuracy the project aims at for every ambiguous acronym.
TARGET_ACCURACY = 0.9
#: What each acronym must keep (dev and held-out together): one sentence below what the
#: mechanism and the glossary's present definitions reach, so a regression fails and a merge
#: moving one sentence does not. The test never accepts less than the target, which is what
#: binds where one sentence below falls under it (AHT and BPO: no slack). Raise a floor when
#: the choice improves.
FLOOR = {"AHT": 43 / 48, "BPO": 43 / 48, "CS": 46 / 48, "MTTR": 46 / 51}


def _load_sentences() -> list[dict]:
    rows = []
    with SENSES_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                rows.append(json.loads(line))
    return rows


SENTENCES = _load_sentences()


def mention(doc, acronym: str):
    """The first span of ``acronym`` (or its plural) among the entities and nested spans."""
    for span in [*doc.ents, *doc.spans.get("nested", [])]:
        if re.fullmatch(re.escape(acronym) + r"(?:s|'s|’s)?", span.text):
            return span
    return None


def chosen(nlp, text: str, acronym: str) -> str | None:
    span = mention(nlp(text), acronym)
    return span._.term_id if span is not None else None


# --- the data set ----------------------------------------------------------------------------


def test_senses_data_covers_every_ambiguous_acronym(builtin_nlp):
    component = builtin_nlp.get_pipe("helpdesk_glossary")
    component.ensure_loaded()
    glossary = component.glossary
    for acronym in ACRONYMS:
        rows = [r for r in SENTENCES if r["acronym"] == acronym]
        senses = {c.id for c in glossary.by_acronym[acronym]}
        counts = Counter(r["sense_term_id"] for r in rows)
        assert len(rows) >= 40, acronym
        assert set(counts) == senses, acronym  # every sense, and only real senses
        assert max(counts.values()) - min(counts.values()) <= 1, counts  # an even split
        splits = Counter(r["split"] for r in rows)
        assert set(splits) == {"dev", "heldout"} and splits["heldout"] >= len(rows) // 3, splits
        assert all(r["source"].startswith("https://") or r["source"].startswith("http://") for r in rows)
        assert all(re.search(rf"\b{acronym}", r["sentence"]) for r in rows)


@pytest.mark.parametrize("acronym", ACRONYMS)
def test_senses_accuracy_per_acronym(builtin_nlp, acronym):
    rows = [r for r in SENTENCES if r["acronym"] == acronym]
    wrong, by_split = [], Counter()
    for row in rows:
        got = chosen(builtin_nlp, row["sentence"], acronym)
        if got == row["sense_term_id"]:
            by_split[row["split"]] += 1
        else:
            wrong.append(f"  [{row['split']}] {row['sentence']!r}: want {row['sense_term_id']}, got {got}")
    accuracy = 1 - len(wrong) / len(rows)
    totals = Counter(r["split"] for r in rows)
    parts = ", ".join(f"{split} {by_split[split]}/{totals[split]}" for split in sorted(totals))
    report = f"{acronym}: accuracy {accuracy:.3f} ({parts}; target {TARGET_ACCURACY}); wrong:\n" + "\n".join(wrong)
    assert accuracy >= max(FLOOR[acronym], TARGET_ACCURACY) - 1e-9, report


# --- the explanation -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2, SHOWN_PHRASES, SHOWN_PHRASES + 3])
def test_senses_reason_count_matches_its_list(count):
    found = [f"word{i}" for i in range(count)]
    reason = context_reason(found, SENTENCE)
    number = int(re.match(r"context: (\d+) related phrase", reason).group(1))
    listed = reason[reason.index("(") + 1 : reason.rindex(")")].split("; ")[0].split(", ")
    assert number == len(listed) == min(count, SHOWN_PHRASES)
    assert ("more" in reason) is (count > SHOWN_PHRASES)


def test_senses_reason_of_a_real_choice_counts_right(builtin_nlp):
    span = mention(builtin_nlp("Our AHT went up because customers were on hold longer."), "AHT")
    reason = span._.senses[0]["reason"]
    number = int(re.match(r"context: (\d+) related phrases? in this sentence \(", reason).group(1))
    listed = reason[reason.index("(") + 1 : reason.rindex(")")].split("; ")[0].split(", ")
    assert number == len(listed)


# --- the decision ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,acronym,sense",
    [
        # The acronym alone with context words (it was handle time: AHT counted for itself).
        ("Our AHT went up because customers were on hold longer.", "AHT", "average-hold-time"),
        # A paraphrase of Average Hold Time's own definition: "hold" is in both senses' texts.
        ("AHT measures the average length of time a customer waits on hold during a call.", "AHT", "average-hold-time"),
        ("AHT includes talk time and after-call work.", "AHT", "average-handle-time"),
        ("Our MTTR is high: the engineers need days to repair broken equipment.", "MTTR", "mean-time-to-repair"),
        ("MTTR went up: customers wait long for the first response from the support team.", "MTTR", "mean-time-to-respond"),
        ("The BPO contract moves our phone support to a third-party provider.", "BPO", "business-process-outsourcing"),
        ("The BPO project streamlines workflows so we work more efficiently.", "BPO", "business-process-optimization"),
        ("CS runs renewals and works to reduce churn.", "CS", "customer-success"),
        # What a clause denies is no evidence: "resolved" does not count for resolution.
        ("MTTR counts until the first reply, not until the ticket is resolved and closed.", "MTTR", "mean-time-to-respond"),
        ("Unlike resolution time, MTTR stops when an agent first replies.", "MTTR", "mean-time-to-respond"),
    ],
)
def test_senses_context_choice(builtin_nlp, text, acronym, sense):
    span = mention(builtin_nlp(text), acronym)
    assert span._.term_id == sense
    assert span._.senses[0]["reason"].startswith("context:")


def test_senses_acronym_is_never_its_own_evidence(builtin_nlp):
    # Average Handle Time's definitions write "(AHT)"; with nothing else to go on, the
    # acronym must not tip the choice: the source count decides.
    span = mention(builtin_nlp("AHT AHT AHT."), "AHT")
    assert span._.senses[0]["reason"].startswith("no context")


def test_senses_without_context_or_source_majority_the_sense_nearest_the_glossary_wins(builtin_nlp):
    # Every MTTR sense has two sources: a help-desk text means the support metric, not the
    # repair of a machine, and the reason says what decided.
    span = mention(builtin_nlp("MTTR."), "MTTR")
    assert span._.term_id == "mean-time-to-resolution"
    assert span._.senses[0]["reason"] == "no context; defined by 2 sources" + REASON_DOMAIN
    assert [s["term_id"] for s in span._.senses][-1] == "mean-time-to-repair"
    assert all(REASON_DOMAIN not in s["reason"] for s in span._.senses[1:])


def test_senses_affinity_is_the_share_of_words_the_glossary_uses():
    def concept(cid, term, text, acronyms=()):
        return Concept(id=cid, term=term, acronyms=list(acronyms), definitions=[Definition(text, "t.txt", 1)])

    glossary = Glossary([
        concept("repair", "Mean Time To Repair", "Fixing a broken pump or turbine.", ["MTTR"]),
        concept("resolution", "Mean Time to Resolution", "Time to resolve a customer ticket.", ["MTTR"]),
        *(concept(f"c{i}", f"Concept {i}", "A customer ticket the agent must resolve.") for i in range(8)),
    ])
    index = SenseIndex(glossary)
    repair, resolution = glossary.by_acronym["MTTR"]
    assert index.affinity(resolution) > index.affinity(repair)
    senses = index.choose([repair, resolution], windows=[(SENTENCE, (SENTENCE, 0), {})])
    assert [s["term_id"] for s in senses] == ["resolution", "repair"]
    assert senses[0]["reason"].endswith(REASON_DOMAIN)


def test_senses_each_part_of_a_long_document_decides_for_itself(builtin_nlp):
    text = (
        "Our AHT includes talk time and after-call work, so wrap-up notes matter.\n"
        "Nothing else changed this quarter. The team is the same. The tools are the same.\n"
        "Separately, AHT rose because callers were left on hold while agents asked a supervisor."
    )
    doc = builtin_nlp(text)
    ahts = [e for e in doc.ents if e.text == "AHT"]
    assert [e._.term_id for e in ahts] == ["average-handle-time", "average-hold-time"]


def test_senses_mention_without_local_evidence_uses_the_document(builtin_nlp):
    text = "Callers wait on hold far too long.\n\nWe did it.\nWe were there.\nIt was so.\nWe are here.\nIt is AHT."
    span = mention(builtin_nlp(text), "AHT")
    assert span._.term_id == "average-hold-time"
    assert "in the document" in span._.senses[0]["reason"]


@pytest.mark.parametrize(
    "text,acronym,sense",
    [
        ("Our mean time to repair for pumps is too long.\nMTTR went up again this quarter.", "MTTR", "mean-time-to-repair"),
        ("MTTR went up again this quarter. Mean-Time-To-Respond is what the board asked about.", "MTTR", "mean-time-to-respond"),
        ("Average hold times are on the dashboard. AHT rose in March.", "AHT", "average-hold-time"),
        ("Business process optimization starts next week. The BPO team met today.", "BPO", "business-process-optimization"),
    ],
)
def test_senses_long_form_elsewhere_in_the_document_decides(builtin_nlp, text, acronym, sense):
    span = mention(builtin_nlp(text), acronym)
    assert span._.term_id == sense
    assert span._.senses[0]["reason"] == REASON_LONG_FORM
    assert all(s["reason"] != REASON_LONG_FORM for s in span._.senses[1:])


@pytest.mark.parametrize(
    "text",
    [
        # A long form beside the acronym in its own sentence is as often a sibling in a list.
        "We track average hold time, AHT and ASA every week.",
        # Long forms of two senses: the document does not settle it, the context does.
        "Average hold time and average handle time are both on the wall.\nAHT includes talk time and after-call work.",
    ],
)
def test_senses_long_form_that_does_not_settle_it(builtin_nlp, text):
    span = mention(builtin_nlp(text), "AHT")
    assert all(s["reason"] != REASON_LONG_FORM for s in span._.senses)


def test_senses_long_form_needs_the_document_windows():
    # Plain windows (no ``sentences_using``) still work: the long form is not looked for.
    def concept(cid, term, text):
        return Concept(id=cid, term=term, acronyms=["AHT"], definitions=[Definition(text, "t.txt", 1)])

    glossary = Glossary([concept("handle", "Average Handle Time", "Talk time."), concept("hold", "Average Hold Time", "Time on hold.")])
    index = SenseIndex(glossary)
    senses = index.choose(glossary.by_acronym["AHT"], windows=[(SENTENCE, (SENTENCE, 0), {"hold": "hold"})])
    assert senses[0]["term_id"] == "hold" and senses[0]["reason"].startswith("context:")


def test_senses_long_form_filter_holds_the_longest_word_of_each_name_as_written():
    def concept(cid, term, aliases=()):
        return Concept(id=cid, term=term, aliases=list(aliases), acronyms=["AHT"], definitions=[Definition("x.", "t.txt", 1)])

    glossary = Glossary([concept("handle", "Average Handle Time", ["Handling time"]), concept("hold", "Average Hold Time")])
    spellings = SenseIndex(glossary).long_form_filter(glossary.by_acronym["AHT"])
    assert spellings == ("AVERAGE", "Average", "HANDLING", "Handling", "average", "handling")


# --- the glossary's own evidence ----------------------------------------------------------


def test_senses_warm_builds_the_evidence_of_every_ambiguous_acronym():
    def concept(cid, term, acronym, text):
        return Concept(id=cid, term=term, acronyms=[acronym], definitions=[Definition(text, "t.txt", 1)])

    glossary = Glossary([
        concept("handle", "Average Handle Time", "AHT", "Talk time plus wrap-up."),
        concept("hold", "Average Hold Time", "AHT", "Time a caller waits on hold."),
        concept("sla", "Service Level Agreement", "SLA", "A promised response time."),
    ])
    warmed, cold = SenseIndex(glossary), SenseIndex(glossary)
    warmed.warm(glossary.by_acronym.values())
    # Only the acronym with two senses has weights to build; they are what a mention builds.
    assert list(warmed._weights) == [("handle", "hold")]
    window = [(SENTENCE, (SENTENCE, 0), {"hold": "hold"})]
    assert warmed.choose(glossary.by_acronym["AHT"], windows=window) == cold.choose(glossary.by_acronym["AHT"], windows=window)
    assert list(cold._weights) == [("handle", "hold")]


def test_senses_warm_is_bounded(monkeypatch):
    import annotator.pipeline.senses as senses

    def concept(cid, acronym):
        return Concept(id=cid, term=f"Term {cid}", acronyms=[acronym], definitions=[Definition("Text.", "t.txt", 1)])

    glossary = Glossary([concept(f"{a}{i}", a) for a in ("AB", "CD", "EF") for i in (1, 2)])
    monkeypatch.setattr(senses, "MAX_WARM_ACRONYMS", 2)
    index = SenseIndex(glossary)
    index.warm(glossary.by_acronym.values())
    assert list(index._weights) == [("AB1", "AB2"), ("CD1", "CD2")]


def test_senses_index_related_concepts_come_from_the_distinctive_term_words():
    def concept(cid, term, text, acronyms=()):
        return Concept(id=cid, term=term, acronyms=list(acronyms), definitions=[Definition(text, "t.txt", 1)])

    glossary = Glossary([
        concept("average-handle-time", "Average Handle Time", "Time on a call.", ["AHT"]),
        concept("average-hold-time", "Average Hold Time", "Time on hold.", ["AHT"]),
        concept("handle-time", "Handle Time", "Talk time plus wrap-up."),
        concept("average-speed", "Average Speed of Answer", "How fast calls are answered."),
        concept("callback", "Callback", "Calling back a customer instead of keeping them on hold."),
    ])
    index = SenseIndex(glossary)
    handle, hold = glossary.by_acronym["AHT"]
    named, defined = index.related(handle, [handle, hold])
    assert [c.id for c in named] == ["handle-time"] and defined == []
    named, defined = index.related(hold, [handle, hold])
    assert named == [] and [c.id for c in defined] == ["callback"]  # "average" is shared: no link


def test_senses_many_mentions_without_evidence_stay_linear(builtin_nlp):
    # Every sentence falls back to the whole document: it is weighed once, not per sentence.
    text = "Callers wait on hold. " + "It is AHT again. " * 4000
    started = time.process_time()
    doc = builtin_nlp(text)
    assert time.process_time() - started < 10, "must not hang"
    assert {e._.term_id for e in doc.ents if e.text == "AHT"} == {"average-hold-time"}
