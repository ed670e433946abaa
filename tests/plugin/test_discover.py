"""``POST /api/discover``: a bounded batch in, ranked candidates out."""

from __future__ import annotations

import pytest

DOCS = [
    {"id": "a", "text": "Our Very Breached Ticket (VBT) list grew; the ring strategy failed."},
    {"id": "b", "text": "Each VBT needs a ring strategy.", "format": "text"},
    {"id": "c", "text": "<p>The <code>ring strategy</code> and the ring strategy.</p>", "format": "html"},
]


def test_discover_returns_candidates(client):
    response = client.post("/api/discover", json={"documents": DOCS, "min_documents": 2})
    assert response.status_code == 200
    data = response.get_json()
    assert data["documents"] == 3 and data["errors"] == []
    by_name = {c["candidate"]: c for c in data["candidates"]}
    assert by_name["VBT"]["long_forms"] == [{"text": "Very Breached Ticket", "count": 1}]
    ring = by_name["ring strategy"]
    assert ring["kind"] == "term" and ring["documents"] == 3 and ring["count"] == 3
    for example in ring["examples"]:
        text = next(d["text"] for d in DOCS if d["id"] == example["id"])
        assert text[example["start"] : example["end"]] == "ring strategy"


def test_discover_never_proposes_the_glossary(client):
    docs = [{"text": "The SLA and the first contact resolution rate."}] * 2
    data = client.post("/api/discover", json={"documents": [dict(d, id=str(i)) for i, d in
                                                            enumerate(docs)]}).get_json()
    names = {c["candidate"].lower() for c in data["candidates"]}
    assert "sla" not in names and "first contact resolution" not in names


def test_discover_top(client):
    data = client.post("/api/discover", json={"documents": DOCS, "top": 1}).get_json()
    assert len(data["candidates"]) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"documents": "x"}, "documents"),
        ({"documents": DOCS, "top": 0}, "top"),
        ({"documents": DOCS, "min_documents": "2"}, "min_documents"),
        ({"documents": [{"id": "a", "text": 5}]}, "documents[0].text"),
        ({"documents": DOCS, "extra": 1}, None),
    ],
)
def test_discover_invalid_bodies(client, body, field):
    response = client.post("/api/discover", json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    if field is not None:
        assert error["field"] == field


def test_discover_batch_is_bounded(client, app):
    limit = app.config["HELPDESK_MAX_BATCH_DOCUMENTS"]
    docs = [{"id": str(i), "text": "x"} for i in range(limit + 1)]
    response = client.post("/api/discover", json={"documents": docs})
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "E613"


def test_discover_bad_document_does_not_sink_the_batch(client):
    docs = [{"id": "bad", "text": "lone \ud800 surrogate"}, *DOCS]
    response = client.post("/api/discover", json={"documents": docs})
    data = response.get_json()
    assert response.status_code == 200 and data["documents"] == 3
    assert data["errors"][0]["id"] == "bad" and data["errors"][0]["error"]["code"] == "E203"


def test_discover_unreadable_transcript_does_not_sink_the_batch(client):
    docs = [{"id": "broken", "text": "]", "format": "transcript-json"}, *DOCS]
    response = client.post("/api/discover", json={"documents": docs})
    data = response.get_json()
    assert response.status_code == 200 and data["documents"] == 3
    assert data["errors"][0]["id"] == "broken" and data["errors"][0]["error"]["code"] == "E207"


def test_discover_in_openapi(client):
    spec = client.get("/openapi.json").get_json()
    assert "post" in spec["paths"]["/api/discover"]
    assert {"DiscoverRequest", "DiscoverResponse"} <= set(spec["components"]["schemas"])
