"""tools.evaluate: span scoring arithmetic and the script's edges, on a tiny eval set of
our own (the shared third-party set is never copied into the repo)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tools import evaluate
from tools.evaluate import GoldDoc, score_doc

DATA = Path(__file__).parents[1] / "pipeline" / "data"


def span(start, end, text="x", label="CX_TERM", **extra):
    return {"start": start, "end": end, "text": text, "label": label, "term": "t", **extra}


def gold(spans=(), ignored=(), negatives=()):
    return GoldDoc("d", "ticket", "", "text", list(spans), list(ignored), list(negatives))


def test_evaluate_score_doc_overlap_counts():
    doc = gold(spans=[span(0, 10, in_seeds=True), span(20, 25, in_seeds=False), span(30, 33, in_seeds=True)])
    result = score_doc(doc, [span(5, 12), span(21, 22), span(40, 44)])
    assert (result.predicted, result.true_positives) == (3, 2)  # any overlap; in_seeds or not
    assert (result.gold, result.found) == (2, 1)  # recall only on in_seeds spans
    assert [fp["start"] for fp in result.false_positives] == [40]
    assert [m["start"] for m in result.misses] == [30]


def test_evaluate_score_doc_ignores_code_mentions_and_counts_hard_negatives():
    doc = gold(spans=[span(0, 3, in_seeds=True)], ignored=[span(10, 13)], negatives=[span(20, 22)])
    result = score_doc(doc, [span(0, 3), span(10, 13), span(20, 22)])
    assert result.ignored == 1 and result.predicted == 2
    assert [h["start"] for h in result.hard_negative_hits] == [20]


def test_evaluate_score_doc_label_filter():
    doc = gold(spans=[span(0, 3, in_seeds=True)])
    result = score_doc(doc, [span(0, 3, label="DOC_ACRONYM")], labels=("CX_TERM",))
    assert result.predicted == 0 and result.found == 0


def test_evaluate_fuzzy_spans_get_their_own_precision():
    doc = gold(spans=[span(0, 9, in_seeds=True)])
    result = score_doc(doc, [span(0, 9, match="fuzzy"), span(20, 29, match="fuzzy"), span(40, 43, match="exact")])
    assert (result.fuzzy_predicted, result.fuzzy_true_positives) == (2, 1)
    assert evaluate._fuzzy_summary([result, score_doc(gold(), [])]) == {
        "predicted": 2, "true_positives": 1, "precision": 0.5}
    assert evaluate._fuzzy_summary([score_doc(gold(), [])])["precision"] is None


@pytest.fixture
def tiny_eval(tmp_path):
    """A two-document eval set in the shared set's schema, with our own texts."""
    ticket = "Our SLA was breached; it is fine. Thanks! - CS"
    article = "# Queues\n\nCheck the `SLA` setting and the first contact resolution rate.\n"
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a1.md").write_text(article, encoding="utf-8")
    (tmp_path / "tickets.jsonl").write_text(json.dumps({"id": "t1", "text": ticket}) + "\n", encoding="utf-8")
    start = article.index("first contact")
    rows = [
        {
            "id": "t1", "doc_type": "ticket", "text_sha1": hashlib.sha1(ticket.encode()).hexdigest(),
            "spans": [
                {"start": 4, "end": 7, "text": "SLA", "in_seeds": True},
                {"start": 12, "end": 20, "text": "breached", "in_seeds": True},
            ],
            "code_or_url_mentions": [],
            "hard_negatives": [{"start": 22, "end": 24, "text": "it"}, {"start": 44, "end": 46, "text": "CS"}],
        },
        {
            "id": "a1", "doc_type": "article", "file": "articles/a1.md", "text_sha1": "0" * 40,
            "spans": [{"start": start, "end": start + 24, "text": "first contact resolution", "in_seeds": True}],
            "code_or_url_mentions": [{"start": article.index("SLA"), "end": article.index("SLA") + 3}],
            "hard_negatives": [],
        },
    ]
    (tmp_path / "gold_spans.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def fixture_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(DATA)
    return nlp


def test_evaluate_span_section_on_tiny_set(tiny_eval, fixture_nlp):
    summary = evaluate.span_section(tiny_eval, nlp=fixture_nlp)
    assert summary["documents"] == 2
    assert (summary["found"], summary["gold_in_seeds"]) == (3, 3)
    assert summary["precision"] == 1.0 and summary["recall"] == 1.0
    assert summary["hard_negative_hits"] == 0
    assert summary["text_sha1_mismatches"] == ["a1"]
    assert all(summary["targets"].values())


def test_evaluate_main_without_eval_set(tmp_path, capsys):
    assert evaluate.main(["--eval-dir", str(tmp_path / "missing")]) == 0
    assert "no evaluation set" in capsys.readouterr().out


def test_evaluate_main_json(tiny_eval, capsys):
    assert evaluate.main(["--eval-dir", str(tiny_eval), "--json", "--labels", "CX_TERM,CX_ACRONYM"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["spans"]) >= {"precision", "recall", "hard_negative_hits", "documents_detail"}
    assert report["spans"]["labels"] == ["CX_TERM", "CX_ACRONYM"]


def test_evaluate_sections_registry_has_lint_hook():
    assert set(evaluate.SECTIONS) >= {"spans", "lint"}


def _corpus_group(root: Path, name: str, texts: dict[str, str], *, rendered_from: dict[str, str] = {}) -> Path:
    """A corpus group of transcripts, each with one gold span on its first "SLA"."""
    group = root / name
    group.mkdir(parents=True)
    rows, gold_rows = [], []
    for doc_id, text in texts.items():
        row = {"id": doc_id, "text": text, "format": "transcript"}
        if doc_id in rendered_from:
            row["rendered_from"] = rendered_from[doc_id]
        rows.append(row)
        start = text.lower().index("sla")
        gold_rows.append({
            "id": doc_id, "doc_type": "transcript", "text_sha1": hashlib.sha1(text.encode()).hexdigest(),
            "spans": [{"start": start, "end": start + 3, "text": text[start:start + 3], "in_seeds": True}],
            "code_or_url_mentions": [], "hard_negatives": [],
        })
    (group / "transcripts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (group / "gold_spans.jsonl").write_text("".join(json.dumps(r) + "\n" for r in gold_rows), encoding="utf-8")
    return group


@pytest.fixture
def tiny_corpora(tmp_path):
    _corpus_group(tmp_path, "talk", {f"c{i}": f"Customer: is the SLA met {i}?\nAgent: Yes." for i in range(12)})
    _corpus_group(
        tmp_path, "talk-asr", {f"c{i}-asr": f"customer: is the sla met {i}" for i in range(12)},
        rendered_from={f"c{i}-asr": f"talk/c{i}" for i in range(12)},
    )
    return tmp_path


def test_evaluate_load_gold_reads_transcripts_with_their_format_and_kind(tiny_corpora):
    docs = evaluate.load_gold(tiny_corpora / "talk-asr", keep={"c1-asr", "c2-asr"}.__contains__)
    assert [d.id for d in docs] == ["c1-asr", "c2-asr"]
    assert {(d.format, d.kind, d.sha_ok) for d in docs} == {("transcript", "speech-to-text", True)}
    talk = evaluate.load_gold(tiny_corpora / "talk")
    assert {d.kind for d in talk} == {"conversation"}


def test_evaluate_corpus_report_scores_one_part_by_kind(tiny_corpora, fixture_nlp):
    from tools import corpus_split

    split = corpus_split.update_split(tiny_corpora)
    dev = [k for k, part in split.items() if part == "dev"]
    report = evaluate.corpus_report("dev", nlp=fixture_nlp, root=tiny_corpora)
    assert report["spans"]["documents"] == len(dev)
    kinds = {k.split(":", 1)[1] for k in report if k.startswith("spans:")}
    assert kinds == {"conversation", "speech-to-text"}
    assert report["spans:conversation"]["documents"] == report["spans:speech-to-text"]["documents"]


def test_evaluate_corpus_report_without_a_split_is_none(tmp_path):
    assert evaluate.corpus_report("dev", root=tmp_path) is None


def test_evaluate_merge_lint_sums_before_dividing():
    part = lambda gold, tp, false: {  # noqa: E731
        "articles": 1, "per_article": [{"id": "x"}],
        **{scope: {"gold": gold, "true_positives": tp, "false_findings": false, "out_of_scope": 0, "located": tp}
           for scope in ("undefined_cx", "undefined_not_exempt")},
    }
    merged = evaluate.merge_lint([part(4, 4, 0), part(6, 3, 1)])
    assert merged["articles"] == 2 and len(merged["per_article"]) == 2
    assert merged["undefined_cx"]["recall"] == 0.7 and merged["undefined_cx"]["precision"] == round(7 / 8, 4)


def test_evaluate_a_refused_document_misses_its_gold_and_is_reported(tmp_path, fixture_nlp):
    doc = GoldDoc("bad", "transcript", '{"not": "a transcript"}', "transcript",
                  [{"start": 2, "end": 5, "text": "not", "in_seeds": True}], [], [])
    summary = evaluate.score_documents([doc], nlp=fixture_nlp)
    assert summary["found"] == 0 and summary["gold_in_seeds"] == 1
    assert summary["refused"] and summary["refused"][0].startswith("bad: [E206]")
    assert any(line.startswith("  REFUSED bad") for line in evaluate.format_spans(summary))


def test_evaluate_format_spans_without_per_document_lines(tmp_path, fixture_nlp):
    summary = {
        "documents": 1, "labels": ["CX_TERM"], "precision": 0.5, "true_positives": 1, "predicted": 2,
        "recall": 1.0, "found": 1, "gold_in_seeds": 1, "hard_negative_hits": 1, "ignored_code_or_url": 0,
        "targets": {"precision": False, "recall": True, "hard_negative_hits": False},
        "text_sha1_mismatches": [],
        "documents_detail": [{
            "id": "d1", "found": 1, "gold": 1, "true_positives": 1, "predicted": 2,
            "false_positives": [{"text": "it", "start": 0, "term": "IT", "label": "CX_ACRONYM"}], "misses": [],
            "hard_negative_hits": [{"text": "it", "start": 0, "label": "CX_ACRONYM"}],
        }],
    }
    shown = evaluate.format_spans(summary, verbose=True)
    assert any("HARD NEGATIVE" in line for line in shown) and any("FP" in line for line in shown)
    sealed = evaluate.format_spans(summary, verbose=True, per_document=False)
    assert not any("d1" in line or "HARD NEGATIVE" in line or "FP " in line for line in sealed)
    assert sealed[0].startswith("span evaluation: 1 documents")


def test_evaluate_every_seals_the_test_part(tiny_corpora, monkeypatch, capsys, fixture_nlp):
    from tools import corpus_split

    corpus_split.update_split(tiny_corpora)
    monkeypatch.setattr(evaluate, "corpora_dir", lambda: tiny_corpora)
    real = evaluate.corpus_report
    monkeypatch.setattr(evaluate, "corpus_report",
                        lambda part, **kw: real(part, nlp=fixture_nlp, root=tiny_corpora, **kw))
    assert evaluate.main(["--eval-dir", str(tiny_corpora / "none"), "--every", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert "documents_detail" in payload["corpora, dev part"]["spans"]
    assert "documents_detail" not in payload["corpora, test part"]["spans"]
    assert all("documents_detail" not in v for k, v in payload["corpora, test part"].items() if k.startswith("spans"))
