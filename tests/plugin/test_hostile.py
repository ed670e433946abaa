"""Through the service: hostile markup and text get a correct answer or a clean 4xx,
never a shifted span, a silently dropped part of the text, or a 5xx."""

from __future__ import annotations

import time

import pytest


def post(client, text, fmt="text", path="/api/annotate"):
    response = client.post(path, json={"text": text, "format": fmt})
    assert response.status_code < 500
    return response


def sla_starts(result) -> list[int]:
    return [s["start"] for s in result["spans"] if s["text"] == "SLA"]


@pytest.mark.parametrize(
    "hidden",
    [
        "<code>SLA</code>",
        "<pre>SLA</pre>",
        '<a href="https://example.com/SLA">the page</a>',
        "<script>var SLA = 1;</script>",
        "<style>.SLA { color: red }</style>",
        '<span data-no-glossary>SLA</span>',
        '<img alt="SLA" title="SLA">',
        "<!-- SLA -->",
    ],
)
def test_hostile_html_only_visible_prose_is_annotated(client, hidden):
    text = f"<p>Visible SLA here.</p><p>{hidden}</p>"
    result = post(client, text, "html").get_json()
    assert sla_starts(result) == [text.index("SLA")], hidden
    for span in result["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]


@pytest.mark.parametrize(
    "link",
    ['<a href="https://example.com/SLA">SLA</a>', '<a href="/x"><b>the SLA</b> page</a>'],
)
def test_hostile_html_link_text_is_prose_but_not_its_target(client, link):
    """Link text is prose, as in Markdown and for the linter; the ``href`` never is."""
    text = f"<p>Visible SLA here.</p><p>{link}</p>"
    result = post(client, text, "html").get_json()
    assert sla_starts(result) == [text.index("SLA"), text.rindex("SLA")], link
    for span in result["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_hostile_html_escaped_term_is_prose_with_exact_offsets(client):
    """``&lt;SLA&gt;`` renders as the visible text "<SLA>": SLA is prose there (the widget sees
    the same text node), and its offsets point at the three letters inside the entities."""
    text = "<p>&lt;SLA&gt; and CSAT</p>"
    result = post(client, text, "html").get_json()
    assert sla_starts(result) == [text.index("SLA")]
    for span in result["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert "CSAT" in [s["text"] for s in result["spans"]]


def test_hostile_misnested_tags_parse_like_a_browser(client):
    text = "<b>SLA <i>x</b> y</i> CSAT"
    result = post(client, text, "html").get_json()
    assert [s["text"] for s in result["spans"] if s["text"] in ("SLA", "CSAT")] == ["SLA", "CSAT"]
    for span in result["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_hostile_ten_thousand_nested_divs(client):
    text = "<div>" * 10_000 + "Our SLA" + "</div>" * 10_000
    started = time.monotonic()
    response = post(client, text, "html")
    elapsed = time.monotonic() - started
    assert elapsed < 2, "must not hang"
    if response.status_code == 200:
        assert sla_starts(response.get_json()) == [text.index("SLA")]  # the text was not dropped
    else:
        assert response.status_code in (413, 422)
        assert response.get_json()["error"]["code"]


@pytest.mark.parametrize(
    "text",
    ["👍" * 20_000, ")" * 20_000, "( x ) " * 4000, "a" * 30 + "!", "SLA\x00KB\x00SLA", "\u200b" * 50_000],
    ids=["emoji-storm", "parens", "paren-groups", "long-word-bang", "nul-separated", "zero-width"],
)
@pytest.mark.parametrize("path", ["/api/annotate", "/api/lint"])
def test_hostile_text_answers_quickly(client, text, path):
    started = time.monotonic()
    response = post(client, text, path=path)
    assert time.monotonic() - started < 2, "must not hang"
    assert response.status_code == 200


@pytest.mark.parametrize("text", ["SLA\x00KB\x00SLA", "SLA\x00FCR\x00SLA"])
def test_hostile_nul_separated_terms_are_three_spans(client, text):
    result = post(client, text).get_json()
    middle_end = text.index("\x00", 4)
    expected = [(0, 3), (4, middle_end), (middle_end + 1, len(text))]
    assert [(s["start"], s["end"]) for s in result["spans"]] == expected
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result["spans"])


@pytest.mark.parametrize(
    "text, term",
    [("👍 SLA", "SLA"), ("e\u0301 SLA", "SLA"), ("İ SLA", "SLA"), ("ＡＢＣ SLA", "SLA"), ("\u200bSLA", "SLA")],
)
def test_hostile_offsets_point_into_the_original(client, text, term):
    result = post(client, text).get_json()
    (span,) = [s for s in result["spans"] if s["text"] == term]
    assert span["start"] == text.index(term)
    assert span["start_utf16"] == len(text[: span["start"]].encode("utf-16-le")) // 2


def test_hostile_batch_of_hostile_documents(client):
    docs = [
        {"id": "html", "text": "<b>SLA <i>x</b>", "format": "html"},
        {"id": "emoji", "text": "👍" * 5000 + " CSAT"},
        {"id": "surrogate", "text": "\ud800"},
    ]
    raw = client.application.json.dumps({"documents": docs})
    response = client.post("/api/annotate/batch", data=raw, content_type="application/json")
    assert response.status_code == 200
    results = {r["id"]: r for r in response.get_json()["results"]}
    assert results["surrogate"]["error"]["code"] == "E203"
    assert [s["text"] for s in results["emoji"]["spans"]] == ["CSAT"]
