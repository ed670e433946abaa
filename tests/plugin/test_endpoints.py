"""The JSON API's successful answers: annotate, batch, lint, glossary, health, demo, static."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

import annotator
from annotator.cli import cli
from annotator.plugin.service import EXTENSION_KEY


def annotate(client, text, **body):
    response = client.post("/api/annotate", json={"text": text, **body})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def test_api_annotate_returns_exactly_the_library_result(app, client):
    text = "Our SLA breach rate went up and CSAT dropped; tier 1 wants co-browsing."
    nlp = app.extensions[EXTENSION_KEY].nlp
    assert annotate(client, text) == annotator.annotate(text, nlp=nlp, max_spans=app.config["HELPDESK_MAX_SPANS"])


def test_api_annotate_offsets_slice_the_text_sent(client):
    text = "👍 SLA and e\u0301 KB then İ CSAT, ＳＬＡ, and the AHT."
    result = annotate(client, text)
    assert result["spans"], "expected some spans"
    utf16 = text.encode("utf-16-le")
    for span in result["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
        assert utf16[2 * span["start_utf16"]:2 * span["end_utf16"]].decode("utf-16-le") == span["text"]
    assert set(result["offsets"]) == {"start/end", "start_utf16/end_utf16"}


def test_api_annotate_emoji_before_term(client):
    (span,) = [s for s in annotate(client, "👍 SLA")["spans"] if s["text"] == "SLA"]
    assert (span["start"], span["end"], span["start_utf16"], span["end_utf16"]) == (2, 5, 3, 6)


def test_api_annotate_definitions_once_per_concept(client):
    spans = [s for s in annotate(client, "SLA here, SLA there, SLA everywhere.")["spans"] if s["text"] == "SLA"]
    assert len(spans) == 3
    assert spans[0]["repeat"] is False and spans[0]["definition"]
    assert all(s["repeat"] is True and s["definition"] is None for s in spans[1:])


def test_api_annotate_first_only(client):
    spans = annotate(client, "SLA here, SLA there.", options={"first_only": True})["spans"]
    assert [s["text"] for s in spans] == ["SLA"]


def test_api_annotate_label_filter(client):
    text = "The SLA for first contact resolution."
    labels = {s["label"] for s in annotate(client, text)["spans"]}
    assert len(labels) >= 1
    wanted = sorted(labels)[0]
    filtered = annotate(client, text, options={"labels": [wanted]})["spans"]
    assert filtered and {s["label"] for s in filtered} == {wanted}


def test_api_annotate_html_skips_code_not_link_text(client):
    text = '<p>The SLA is <code>SLA</code> and <a href="/SLA">SLA</a>; &lt;SLA&gt;</p>'
    result = annotate(client, text, format="html")
    starts = [s["start"] for s in result["spans"] if s["text"] == "SLA"]
    link_text = text.index(">SLA</a>") + 1
    assert starts[:2] == [text.index("SLA"), link_text]
    assert text.index("<code>SLA") + 6 not in starts and text.index('"/SLA"') + 2 not in starts
    assert result["format"] == "html"


def test_api_annotate_span_cap_and_truncated_flag(client):
    result = annotate(client, "SLA " * 300, options={"max_spans": 10})
    assert len(result["spans"]) == 10
    assert result["truncated"] is True
    assert sum(1 for s in result["spans"] if s["definition"]) == 1


def test_api_annotate_many_spans_are_capped_with_definitions_once(client, app):
    """More mentions than the span cap: a bounded answer, truncated, each definition sent once."""
    cap = app.config["HELPDESK_MAX_SPANS"]
    response = client.post("/api/annotate", json={"text": "SLA and CSAT. " * (cap // 2 + 50)})
    assert response.status_code == 200
    result = response.get_json()
    assert result["truncated"] is True
    assert len(result["spans"]) == cap
    with_definition = [s["term_id"] for s in result["spans"] if s["definition"] is not None]
    assert sorted(with_definition) == sorted(set(with_definition)) and len(with_definition) == 2


def test_api_annotate_megabyte_of_terms_is_bounded(client, app):
    """'SLA ' * 250000 (1,000,000 characters, the limit): a bounded answer (the span cap,
    "truncated": true, the definition once), not minutes of work or a worker timeout."""
    text = "SLA " * 250_000
    assert len(text) == app.config["HELPDESK_MAX_TEXT_LENGTH"]
    started = time.monotonic()
    response = client.post("/api/annotate", json={"text": text})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    result = response.get_json()
    assert result["truncated"] is True
    assert len(result["spans"]) == app.config["HELPDESK_MAX_SPANS"]
    assert [s["start"] for s in result["spans"][:3]] == [0, 4, 8]
    assert sum(s["definition"] is not None for s in result["spans"]) == 1
    assert elapsed < 20, "must not hang"


def test_api_annotate_text_over_the_limit_is_refused_fast(client, app):
    text = "SLA " * 250_000 + "x"
    started = time.monotonic()
    response = client.post("/api/annotate", json={"text": text})
    elapsed = time.monotonic() - started
    assert response.status_code == 422
    assert response.get_json()["error"] == {
        "code": "E202", "field": "text",
        "message": f"text is 1000001 characters long; the limit is {app.config['HELPDESK_MAX_TEXT_LENGTH']}",
    }
    assert elapsed < 2, "must not hang"


def test_api_annotate_user_glossary_definition_is_plain_text(client, xss_entry):
    term, definition = xss_entry
    result = annotate(client, f"This one was a {term.lower()} again.")
    (span,) = [s for s in result["spans"] if s["term"] == term]
    assert span["definition"] == definition  # literal text; escaping is the renderer's job


def test_api_annotate_empty_text(client):
    result = annotate(client, "")
    assert result["spans"] == [] and result["truncated"] is False


def test_api_batch_annotates_each_document(client):
    docs = [{"id": "t1", "text": "SLA missed"}, {"id": "t2", "text": "<b>CSAT</b>", "format": "html"}]
    response = client.post("/api/annotate/batch", json={"documents": docs})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == ["t1", "t2"]
    assert [s["text"] for s in results[0]["spans"]] == ["SLA"]
    assert [s["text"] for s in results[1]["spans"]] == ["CSAT"]


def test_api_batch_bad_document_content_reported_per_document(client):
    raw = '{"documents": [{"id": "ok", "text": "SLA"}, {"id": "bad", "text": "\\ud800 SLA"}]}'
    response = client.post("/api/annotate/batch", data=raw, content_type="application/json")
    assert response.status_code == 200
    ok, bad = response.get_json()["results"]
    assert ok["spans"] and bad["error"]["code"] == "E203"
    assert bad["error"]["field"] == "documents[1].text"


def test_api_batch_count_is_bounded(make_app):
    client = make_app(HELPDESK_MAX_BATCH_DOCUMENTS=3).test_client()
    docs = [{"id": str(i), "text": "SLA"} for i in range(4)]
    response = client.post("/api/annotate/batch", json={"documents": docs})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "E613"


def test_api_batch_shape_errors_are_422(client):
    for body, field in [
        ({"documents": "SLA"}, "documents"),
        ({"documents": [{"id": "a", "text": 1}]}, "documents[0].text"),
        ({"documents": [{"id": 5, "text": "x"}]}, "documents[0].id"),
        ({"documents": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}, "documents[1].id"),
        ({}, "documents"),
    ]:
        response = client.post("/api/annotate/batch", json=body)
        assert response.status_code == 422, body
        assert response.get_json()["error"]["field"] == field


def test_api_lint_reports_undefined_acronyms_with_expansion(client):
    text = "Please check the SLA and the CSAT score."
    response = client.post("/api/lint", json={"text": text})
    assert response.status_code == 200
    diagnostics = response.get_json()["diagnostics"]
    by_acronym = {d["acronym"]: d for d in diagnostics}
    sla = by_acronym["SLA"]
    assert text[sla["start"]:sla["end"]] == "SLA"
    assert sla["start_utf16"] == sla["start"]
    assert sla["replacement"] == f"{sla['expansion']} (SLA)"
    assert "service level agreement" in sla["expansion"].lower()
    assert sla["message"]


def test_api_lint_findings_have_the_cli_json_shape(client, user_glossary, tmp_path):
    """One finding shape: /api/lint's diagnostics are the CLI's `--format json` findings plus
    UTF-16 offsets (the CLI adds the path and its older col/end_col names)."""
    text = "# Routing\n\nThe AHT and the SLA matter.\n\nThe CSAT (Customer Satisfaction Score) is high.\n"
    article = tmp_path / "routing.md"
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--format", "json", "--glossary", str(user_glossary),
                                      str(article)])
    assert result.exit_code == 1, result.output
    from_cli = json.loads(result.stdout)
    served = client.post("/api/lint", json={"text": text, "format": "markdown"}).get_json()["diagnostics"]
    assert len(from_cli) == len(served) == 2
    for mine, theirs in zip(from_cli, served):
        assert (mine.pop("col"), mine.pop("end_col")) == (mine["column"], mine["end_column"])
        assert mine.pop("path") == str(article)
        assert {**mine, "start_utf16": mine["start"], "end_utf16": mine["end"]} == theirs


def test_api_lint_defined_acronym_is_clean(client):
    response = client.post("/api/lint", json={"text": "Our Service Level Agreement (SLA) says the SLA is met."})
    assert "SLA" not in {d["acronym"] for d in response.get_json()["diagnostics"]}


def test_api_lint_utf16_offsets_after_emoji(client):
    text = "👍👍 then CSAT"
    (diag,) = [d for d in client.post("/api/lint", json={"text": text}).get_json()["diagnostics"]
               if d["acronym"] == "CSAT"]
    assert diag["start_utf16"] == diag["start"] + 2


def test_api_lint_rejects_what_annotate_rejects(client):
    response = client.post("/api/lint", data='{"text": "\\ud800"}', content_type="application/json")
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "E203"


def test_api_glossary_search(client):
    response = client.get("/api/glossary?q=sla&limit=5")
    assert response.status_code == 200
    page = response.get_json()
    assert 1 <= len(page["concepts"]) <= 5
    first = page["concepts"][0]
    assert "SLA" in first["acronyms"] and first["definition"]
    assert page["total"] >= len(page["concepts"])


def test_api_glossary_lists_without_query(client, app):
    page = client.get("/api/glossary?limit=3").get_json()
    assert len(page["concepts"]) == 3
    assert page["total"] == len(app.extensions[EXTENSION_KEY].glossary)


@pytest.mark.parametrize("query", ["sla", "AHT", "cobrowsing", "average h", "time", "escalat", "double bounce"])
def test_api_glossary_search_matches_the_cli(client, user_glossary, query):
    """The service and `glossary search` share one ranking: same ids, same order."""
    page = client.get("/api/glossary", query_string={"q": query, "limit": 500}).get_json()
    result = CliRunner().invoke(cli, ["glossary", "search", query, "--json", "--limit", "500",
                                      "--glossary", str(user_glossary)])
    assert result.exit_code == 0, result.output
    cli_ids = [c["id"] for c in json.loads(result.stdout)]
    assert cli_ids == [c["id"] for c in page["concepts"]] and len(cli_ids) == page["total"] > 0


def test_api_glossary_concept_by_id(client):
    concept = client.get("/api/glossary?q=sla&limit=1").get_json()["concepts"][0]
    response = client.get(f"/api/glossary/{concept['id']}")
    assert response.status_code == 200
    assert response.get_json()["id"] == concept["id"]


def test_api_glossary_unknown_id_is_404(client):
    response = client.get("/api/glossary/no-such-concept")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "E607"


def test_api_glossary_bad_limit_is_422(client):
    for query in ("limit=0", "limit=abc", "limit=100000", "q=" + "x" * 201,
                  "limit=5_0", "limit=\u0663", "limit=%2B5", "limit=%205"):
        response = client.get(f"/api/glossary?{query}")
        assert response.status_code == 422, query


def test_api_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_api_readyz_reports_glossary_version(client, app):
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready"
    assert body["glossary"]["version"] == app.extensions[EXTENSION_KEY].glossary_info["version"]


def test_api_readyz_is_503_until_the_pipeline_is_loaded(make_app):
    lazy = make_app()
    client = lazy.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "E610"
    assert client.post("/api/annotate", json={"text": "SLA"}).status_code == 200  # loads it
    assert client.get("/readyz").status_code == 200


def test_api_demo_page_and_static_files(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'class="ticket-body"' in html and "tooltip.js" in html and 'id="reply-text"' in html
    js = client.get("/plugin/tooltip.js")
    assert js.status_code == 200 and "HelpdeskGlossary" in js.get_data(as_text=True)
    assert "innerHTML" not in js.get_data(as_text=True)
    css = client.get("/plugin/tooltip.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert client.get("/plugin/nope.js").status_code == 404
    for response in (page, js, css):
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_lint_markup_offsets_index_the_markup_sent(client):
    text = "<p>The <b>CSAT</b> survey</p><pre>FCR</pre>"
    response = client.post("/api/lint", json={"text": text, "format": "html"})
    assert response.status_code == 200
    diagnostics = response.get_json()["diagnostics"]
    assert [d["acronym"] for d in diagnostics] == ["CSAT"]  # not the one in <pre>
    (d,) = diagnostics
    assert text[d["start"]:d["end"]] == "CSAT" and d["replacements"]


def test_api_annotate_markdown_skips_code(client):
    text = "Our `SLA` config and the SLA itself.\n\n```\nCSAT\n```\n"
    result = annotate(client, text, format="markdown")
    assert [(s["text"], s["start"]) for s in result["spans"]] == [("SLA", text.rindex("SLA"))]


@pytest.mark.parametrize("path, body", [
    ("/api/annotate", {"text": "-SLA" * 5000}),
    ("/api/annotate/batch", {"documents": [{"id": "a", "text": "SLA " * 5000}]}),
    ("/api/lint", {"text": "The SLA and AHT. " * 1000, "format": "markdown"}),
])
def test_api_work_budget_spent_is_503_e210(client, app, monkeypatch, path, body):
    """A request that needs more work than HELPDESK_WORK_BUDGET is a coded JSON 503, not a
    worker held until gunicorn kills it."""
    monkeypatch.setitem(app.config, "HELPDESK_WORK_BUDGET", 1e-9)
    response = client.post(path, json=body)
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "E210"
    monkeypatch.setitem(app.config, "HELPDESK_WORK_BUDGET", 10.0)
    assert client.post(path, json=body).status_code == 200


def test_api_glued_megabyte_is_answered(client, app, monkeypatch):
    """'-SLA' * 250000: no whitespace, a match every four characters, at the length limit, is
    answered within the worker's timeout (the work budget raised to just under it, so a busy
    test machine does not turn the speed the benchmark measures into a failure here)."""
    monkeypatch.setitem(app.config, "HELPDESK_WORK_BUDGET", 25.0)
    text = "-SLA" * 250_000
    response = client.post("/api/annotate", json={"text": text})
    assert response.status_code == 200
    spans = response.get_json()["spans"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)


def test_api_annotate_transcript_json(client):
    text = json.dumps({"entries": [{"text": "the SLA", "role": "AGENT", "user_id": 1,
                                    "start_timestamp_usec": 2_500_000}]})
    (span,) = annotate(client, text, format="transcript")["spans"]
    assert text[span["start"] : span["end"]] == "SLA"
    assert (span["turn"], span["speaker"], span["role"], span["time"]) == (
        0, "1", "agent", {"start": 2.5, "end": None})


@pytest.mark.parametrize("labels, index", [(["CX_TERMS"], 0), (["cx_term"], 0), (["CX_TERM", "SPAM"], 1)])
def test_annotate_unknown_label_is_422_naming_the_field(client, labels, index):
    response = client.post("/api/annotate", json={"text": "Our SLA.", "options": {"labels": labels}})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "E606" and error["field"] == f"options.labels[{index}]"
    assert "CX_ACRONYM" in error["message"]


@pytest.mark.parametrize("asr,status", [("on", 200), ("off", 200), ("auto", 200), ("yes", 422), (True, 422)])
def test_annotate_asr_option_is_one_of_its_modes(client, asr, status):
    response = client.post("/api/annotate", json={"text": "the sla, again!", "options": {"asr": asr}})
    assert response.status_code == status
    if status == 422:
        assert response.get_json()["error"]["field"] == "options.asr"
    else:
        spoken = [s["text"] for s in response.get_json()["spans"] if s.get("match") == "spoken"]
        assert spoken == (["sla"] if asr == "on" else [])
