from __future__ import annotations

import csv
import json
import re

from annotator.batch.summary import UNKNOWN_LABEL, TermSummary, document_terms, render_html


def span(term_id, term, label="CX_TERM", **extra):
    return {"term_id": term_id, "term": term, "label": label, "text": term, **extra}


DOCS = [
    {"spans": [span("sla", "Service Level Agreement", "CX_ACRONYM"),
               span("sla", "Service Level Agreement", "CX_ACRONYM", repeat=True),
               span("csat", "Customer Satisfaction")],
     "unknown_acronyms": [{"text": "ZQX"}]},
    {"spans": [span("sla", "Service Level Agreement", "CX_ACRONYM")], "unknown_acronyms": []},
    {"spans": [], "unknown_acronyms": []},
]


def summary_of(docs):
    summary = TermSummary()
    for doc in docs:
        summary.add(document_terms(doc))
    return summary


def test_summary_counts_occurrences_and_documents():
    rows = summary_of(DOCS).rows()
    assert rows == [
        {"concept_id": "sla", "term": "Service Level Agreement", "label": "CX_ACRONYM",
         "count": 3, "documents": 2},
        {"concept_id": "csat", "term": "Customer Satisfaction", "label": "CX_TERM",
         "count": 1, "documents": 1},
        {"concept_id": "", "term": "ZQX", "label": UNKNOWN_LABEL, "count": 1, "documents": 1},
    ]


def test_summary_label_totals():
    assert summary_of(DOCS).label_totals() == {"CX_ACRONYM": 3, "CX_TERM": 1, UNKNOWN_LABEL: 1}


def test_summary_csv_has_header_and_rows(tmp_path):
    path = tmp_path / "terms.csv"
    summary_of(DOCS).write_csv(path)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["concept_id", "term", "label", "count", "documents"]
    assert [(r["concept_id"], r["count"], r["documents"]) for r in rows] == [
        ("sla", "3", "2"), ("csat", "1", "1"), ("", "1", "1")]


def test_summary_from_output_file_prefix_equals_summary_of_those_documents(tmp_path):
    path = tmp_path / "out.jsonl"
    lines = [json.dumps({"id": i, **doc}) + "\n" for i, doc in enumerate(DOCS)]
    path.write_text("".join(lines) + '{"id": 9, "spa', encoding="utf-8")  # torn tail
    summary = TermSummary()
    summary.add_output(path, limit=len("".join(lines[:2]).encode()))
    assert summary.rows() == summary_of(DOCS[:2]).rows()
    assert summary.total_documents == 2


def test_summary_html_is_standalone_and_escapes_terms():
    docs = [{"spans": [span("x", "<img src=x onerror=alert(1)>")], "unknown_acronyms": []}]
    page = render_html(summary_of(docs + DOCS), title="Q3 <chats>")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Q3 &lt;chats&gt;" in page
    assert "<svg" in page and page.count("<rect") == 3  # ZQX is listed, not charted
    # Nothing fetched from anywhere: no scripts, links, external URLs or src attributes.
    assert not re.search(r"<script|<link|https?://|<[^>]*\ssrc=", page)


def test_summary_html_of_nothing_still_renders():
    page = render_html(TermSummary())
    assert "No glossary terms found" in page and "0 documents" in page


AHT_DOCS = [
    {"spans": [span("average-handle-time", "Average Handle Time"),
               span("average-handle-time", "Average Handle Time", "CX_ACRONYM", text="AHT"),
               span("average-handle-time", "Average Handle Time", "CX_ACRONYM", text="AHTs")],
     "unknown_acronyms": [{"text": "API"}, {"text": "2FA"}, {"text": "FAQs"}, {"text": "ZQX"}]},
    {"spans": [span("average-handle-time", "Average Handle Time")], "unknown_acronyms": []},
]


def test_summary_counts_one_concept_once_whatever_its_label():
    summary = summary_of(AHT_DOCS)
    rows = [r for r in summary.rows() if r["concept_id"]]
    assert rows == [{"concept_id": "average-handle-time", "term": "Average Handle Time",
                     "label": "CX_ACRONYM", "count": 4, "documents": 2}]  # a tie: by name
    assert summary.label_totals() == {"CX_ACRONYM": 2, "CX_TERM": 2, UNKNOWN_LABEL: 1}


def test_summary_bars_name_the_form_that_occurred():
    page = render_html(summary_of(AHT_DOCS))
    assert ">AHT (Average Handle Time)</text>" in page
    assert ">Service Level Agreement</text>" not in page
    page = render_html(summary_of(DOCS))
    assert ">Service Level Agreement (Service Level Agreement)" not in page


def test_summary_unknown_acronyms_leave_out_the_linter_allowlist():
    unknown = [r["term"] for r in summary_of(AHT_DOCS).rows() if r["label"] == UNKNOWN_LABEL]
    assert unknown == ["ZQX"]


CALLS = [
    {"spans": [span("sla", "Service Level Agreement", "CX_ACRONYM", role="agent"),
               span("aht", "Average Handle Time", "CX_ACRONYM", role="agent"),
               span("sla", "Service Level Agreement", "CX_ACRONYM", role="customer")],
     "unknown_acronyms": []},
    {"spans": [span("sla", "Service Level Agreement", "CX_ACRONYM", role="customer"),
               span("ivr", "Interactive Voice Response", "CX_ACRONYM", role=None)],
     "unknown_acronyms": [{"text": "ZQX"}]},
]


def test_summary_counts_terms_per_speaker_role():
    summary = summary_of(CALLS)
    by_term = {r["concept_id"] or r["term"]: r for r in summary.rows()}
    assert {k: (r["agent"], r["customer"], r["system"], r["count"]) for k, r in by_term.items()} == {
        "sla": (1, 2, 0, 3), "aht": (1, 0, 0, 1), "ivr": (0, 0, 0, 1), "ZQX": (0, 0, 0, 1)}


def test_summary_role_columns_only_when_the_archive_has_roles(tmp_path):
    with_roles, without = tmp_path / "roles.csv", tmp_path / "plain.csv"
    summary_of(CALLS).write_csv(with_roles)
    summary_of(DOCS).write_csv(without)
    header = lambda path: next(csv.reader(path.open(encoding="utf-8")))  # noqa: E731
    assert header(with_roles) == ["concept_id", "term", "label", "count", "documents", "agent", "customer", "system"]
    assert header(without) == ["concept_id", "term", "label", "count", "documents"]


def test_summary_html_charts_terms_by_role():
    page = render_html(summary_of(CALLS))
    assert "<h2>By speaker role</h2>" in page
    assert 'aria-label="Top terms in agent turns"' in page and 'aria-label="Top terms in customer turns"' in page
    assert "Top terms in system turns" not in page  # no system turn had a term
    assert "By speaker role" not in render_html(summary_of(DOCS))
