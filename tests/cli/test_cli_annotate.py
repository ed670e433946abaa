"""`helpdesk-annotator annotate FILE|-`: terminal, JSON and HTML output through the real pipeline.

Most tests use a small team glossary (``--no-builtin --glossary``) so they do not depend on how
the seed glossaries parse; a couple check the built-in glossary is used by default.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from annotator import annotate, load
from annotator.cli import cli

HOSTILE = "<img src=x onerror=alert(1)>"
TEAM_CSV = (
    "term,definition,acronym,aliases,category\n"
    f"Service Level Agreement,\"A written promise of response times. {HOSTILE}\",SLA,,Metrics\n"
    "Average Handle Time,Mean time an agent spends on one interaction.,AHT,,Metrics\n"
    "Knowledge Base,The library of help articles.,KB,,Technology\n"
    "Warm Transfer,Handing a customer to a colleague after briefing them.,,warm handoff,Channels\n"
)
TICKET = (
    "Hi team,\n"
    "The SLA for this account was breached twice. Our AHT is up because of the warm transfer "
    "to billing; the SLA report is attached. See the KB article.\n"
)


@pytest.fixture
def team_csv(tmp_path) -> Path:
    path = tmp_path / "team.csv"
    path.write_text(TEAM_CSV, encoding="utf-8")
    return path


@pytest.fixture
def team_nlp(team_csv):
    return load([team_csv], builtin=False)


@pytest.fixture
def invoke(runner, team_csv):
    def run(*args, input=None, builtin=False):
        extra = [] if builtin else ["--no-builtin", "--glossary", str(team_csv)]
        return runner.invoke(cli, ["annotate", *map(str, args), *extra], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def ticket(tmp_path) -> Path:
    path = tmp_path / "ticket.txt"
    path.write_text(TICKET, encoding="utf-8")
    return path


def test_cli_annotate_terminal_plain_markers_and_definitions(invoke, ticket):
    result = invoke(ticket)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b" not in out  # not a TTY: no colour
    assert out.count("[SLA]¹") == 2 and "[AHT]²" in out and "[warm transfer]³" in out and "[KB]⁴" in out
    notes = out.split("Definitions\n", 1)[1]
    assert notes.startswith("1. SLA — Service Level Agreement (Metrics, 2×)\n")
    assert HOSTILE in notes and "[team.csv]" in notes


def test_cli_annotate_stdin(invoke):
    result = invoke("-", input="Is the SLA met?")
    assert result.exit_code == 0
    assert result.stdout.startswith("Is the [SLA]¹ met?\n")


def test_cli_annotate_color_always(invoke, ticket):
    result = invoke(ticket, "--color", "always")
    assert result.exit_code == 0
    assert "\x1b[1;33mSLA\x1b[0m" in result.stdout and "[SLA]" not in result.stdout


def test_cli_annotate_json_is_exactly_the_api_result(invoke, ticket, team_nlp):
    result = invoke(ticket, "--format", "json")
    assert result.exit_code == 0
    expected = json.loads(json.dumps(annotate(TICKET, "text", nlp=team_nlp)))
    assert json.loads(result.stdout) == expected
    spans = expected["spans"]
    assert [s["text"] for s in spans][:2] == ["SLA", "AHT"]
    assert spans[0]["definition"].endswith(HOSTILE)  # a user CSV's markup stays literal text
    assert all(TICKET[s["start"]:s["end"]] == s["text"] for s in spans)


def test_cli_annotate_first_only(invoke, ticket):
    spans = json.loads(invoke(ticket, "--format", "json", "--first-only").stdout)["spans"]
    assert [s["text"] for s in spans].count("SLA") == 1


def test_cli_annotate_label_and_max_spans(invoke, ticket, team_nlp):
    """Every annotation option is a flag here too, passed to the API as given."""
    args = ["--label", "CX_ACRONYM", "--max-spans", "1"]
    result = json.loads(invoke(ticket, "--format", "json", *args).stdout)
    expected = json.loads(json.dumps(annotate(TICKET, "text", nlp=team_nlp, labels=["CX_ACRONYM"],
                                              max_spans=1)))
    assert result == expected
    assert [s["label"] for s in result["spans"]] == ["CX_ACRONYM"] and result["truncated"] is True


def test_cli_annotate_html_page(invoke, ticket, tmp_path):
    out = tmp_path / "page.html"
    result = invoke(ticket, "--format", "html", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert html.escape(HOSTILE) in page and HOSTILE not in page
    assert page.count('class="term"') == 5 and 'role="tooltip"' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


@pytest.mark.parametrize(
    "name, content, hidden",
    [
        ("note.md", "The SLA is met.\n\n```\nSLA = 4h\n```\n\nSee `KB` and [the KB](https://x.example/SLA).\n", ("SLA = 4h", "`KB`")),
        ("note.html", "<p>The SLA is met.</p>\n<pre>\nKB is down\n</pre>\n<a href='https://x.example/SLA'>here</a>", ("KB is down", "/SLA'")),
    ],
)
def test_cli_annotate_input_format_from_suffix(invoke, tmp_path, name, content, hidden):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = invoke(path, "--format", "json")
    assert result.exit_code == 0
    spans = json.loads(result.stdout)["spans"]
    assert spans and spans[0]["text"] == "SLA"
    for snippet in hidden:
        start = content.index(snippet)
        assert not any(start <= s["start"] < start + len(snippet) for s in spans), snippet
    # --input-format text overrides the suffix: then code is annotated too
    forced = json.loads(invoke(path, "--format", "json", "--input-format", "text").stdout)["spans"]
    assert len(forced) > len(spans)


@pytest.mark.parametrize(
    "name, content",
    [
        ("linked.html", "<p>See <a href='https://x.example/sla'>the SLA page</a>; the SLA holds.</p>"),
        ("linked.md", "See [the SLA page](https://x.example/sla); the SLA holds.\n"),
    ],
)
def test_cli_annotate_html_page_link_text_is_annotated_without_a_tooltip_inside_the_link(
    invoke, tmp_path, name, content
):
    """Link text is prose (the JSON has its span), but the page never nests a focusable
    tooltip in a link: the term there shows its note number only."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    spans = json.loads(invoke(path, "--format", "json").stdout)["spans"]
    assert [s["start"] for s in spans if s["text"] == "SLA"] == [content.index("the SLA") + 4, content.rindex("SLA")]
    out = tmp_path / "page.html"
    assert invoke(path, "--format", "html", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    links = re.findall(r"<a\b[^>]*>.*?</a>", page.split('<div class="doc">', 1)[1], re.S)
    assert links[0] == "<a>the SLA<sup>1</sup> page</a>"  # the term's note number, no tooltip
    assert not any('class="term"' in link for link in links)
    assert page.count('class="term"') == 1  # the SLA outside the link


def test_cli_annotate_invalid_utf8_exits_2(invoke, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Our SLA\nwas caf\xe9 time\n")
    result = invoke(path)
    assert result.exit_code == 2
    assert "latin1.txt: not valid UTF-8 at line 2, column 8 (byte 0xe9)" in result.stderr


def test_cli_annotate_invalid_utf8_on_stdin_exits_2(invoke):
    result = invoke("-", input=b"\xff\xfeS\x00L\x00A\x00")
    assert result.exit_code == 2 and "<stdin>: not valid UTF-8 at line 1" in result.stderr


def test_cli_annotate_bom_is_dropped(invoke, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfSLA first")
    spans = json.loads(invoke(path, "--format", "json").stdout)["spans"]
    assert (spans[0]["start"], spans[0]["text"]) == (0, "SLA")


def test_cli_annotate_missing_file_exits_2(invoke, tmp_path):
    result = invoke(tmp_path / "nope.txt")
    assert result.exit_code == 2 and "nope.txt" in result.stderr


def test_cli_annotate_bad_glossary_exits_2(runner, tmp_path, ticket):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,definition\nSLA,ok\n,orphan\n", encoding="utf-8")
    result = runner.invoke(cli, ["annotate", str(ticket), "--no-builtin", "--glossary", str(bad)])
    assert result.exit_code == 2
    assert "[E114]" in result.stderr and "bad.csv:3" in result.stderr


def test_cli_annotate_text_over_limit_exits_2(invoke, tmp_path):
    from annotator.text.safety import DEFAULT_MAX_LENGTH

    path = tmp_path / "huge.txt"
    path.write_text("SLA " * (DEFAULT_MAX_LENGTH // 4 + 1), encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 2 and "[E202]" in result.stderr


def test_cli_annotate_control_characters_never_reach_the_terminal(invoke):
    result = invoke("-", input="SLA \x1b]0;owned\x07 \x1b[2J done")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_cli_annotate_no_builtin_needs_glossary(runner, ticket):
    result = runner.invoke(cli, ["annotate", str(ticket), "--no-builtin"])
    assert result.exit_code == 2 and "--no-builtin needs" in result.stderr


def test_cli_annotate_help_has_examples(runner):
    result = runner.invoke(cli, ["annotate", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.stdout and "annotate -" in result.stdout


def test_cli_annotate_builtin_glossary_by_default(invoke):
    result = invoke("-", "--format", "json", input="Our SLA and CSAT both dropped.", builtin=True)
    assert result.exit_code == 0, result.output
    spans = json.loads(result.stdout)["spans"]
    assert {"SLA", "CSAT"} <= {s["text"] for s in spans}
    assert all(s["source"] != "team.csv" for s in spans)


@pytest.mark.parametrize("fmt", ["tbx", "jsonl"])
def test_cli_annotate_with_exported_glossary_gives_same_spans(runner, invoke, team_csv, ticket, tmp_path, fmt):
    exported = tmp_path / f"team.{fmt}"
    result = runner.invoke(cli, ["glossary", "export", "--format", fmt, "-o", str(exported), "--no-builtin", "--glossary", str(team_csv)])
    assert result.exit_code == 0, result.output
    via_csv = json.loads(invoke(ticket, "--format", "json").stdout)["spans"]
    via_export = json.loads(
        runner.invoke(cli, ["annotate", str(ticket), "--format", "json", "--no-builtin", "--glossary", str(exported)]).stdout
    )["spans"]
    def key(span):
        return (span["start"], span["end"], span["term"], span["definition"])
    assert [key(s) for s in via_export] == [key(s) for s in via_csv]


@pytest.mark.parametrize(
    "name, content, shown_as_source, terms",
    [
        ("ticket.html", "<p>Our <strong>SLA</strong> was <em>missed</em>.</p><script>alert(1)</script>",
         ("&lt;p&gt;", "&lt;strong&gt;", "&lt;script", "<script>alert"), 1),
        ("ticket.md", "---\nowner: ops\n---\n# Our SLA\n\n| a | b |\n|---|---|\n| SLA | x |\n",
         ("owner:", "# Our", "| a |"), 2),
    ],
)
def test_cli_annotate_html_page_renders_markup_input(invoke, tmp_path, name, content, shown_as_source, terms):
    path, out = tmp_path / name, tmp_path / "out.html"
    path.write_text(content, encoding="utf-8")
    assert invoke(path, "--format", "html", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    for snippet in shown_as_source:
        assert snippet not in page
    assert page.count('class="term"') == terms and "Content-Security-Policy" in page


def test_cli_annotate_output_in_a_missing_directory_is_exit_2(invoke, ticket, tmp_path):
    result = invoke(ticket, "-o", tmp_path / "missing" / "out.txt")
    assert result.exit_code == 2, result.output
    assert "E507" in result.stderr and "does not exist" in result.stderr


def test_cli_annotate_shows_control_characters_of_a_document(invoke, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("Our SLA \x1b]0;pwned\x07 is fine.\n", encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 0 and "pwned" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_cli_annotate_vtt_is_read_as_a_transcript(invoke, tmp_path):
    path = tmp_path / "call.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>the SLA\n", encoding="utf-8")
    result = invoke(path, "--format", "json", builtin=True)
    (span,) = json.loads(result.output)["spans"]
    assert (span["text"], span["speaker"], span["role"]) == ("SLA", "Agent", "agent")
    assert json.loads(result.output)["format"] == "transcript"


@pytest.mark.parametrize("asr,expected", [("auto", []), ("on", ["sla"]), ("off", [])])
def test_cli_annotate_asr_option(invoke, tmp_path, asr, expected):
    path = tmp_path / "call.txt"
    path.write_text("Agent: Hi, the sla was breached.\n", encoding="utf-8")
    result = invoke(path, "--format", "json", "--asr", asr, builtin=True)
    assert result.exit_code == 0, result.output
    assert [s["text"] for s in json.loads(result.stdout)["spans"] if s.get("match") == "spoken"] == expected


def test_cli_annotate_asr_refuses_an_unknown_mode(invoke, ticket):
    result = invoke(ticket, "--asr", "maybe")
    assert result.exit_code == 2 and "maybe" in result.output


def test_cli_annotate_json_says_how_each_span_matched(invoke):
    text = "The SLAs, the knowlege base and the warm handoff."
    spans = json.loads(invoke("-", "--format", "json", input=text).stdout)["spans"]
    assert [(s["text"], s["match"], s["did_you_mean"]) for s in spans] == [
        ("SLAs", "inflection", None),
        ("knowlege base", "fuzzy", "knowledge base"),
        ("warm handoff", "variant", None),
    ]
    unfuzzy = json.loads(invoke("-", "--format", "json", "--no-fuzzy", input=text).stdout)["spans"]
    assert [s["match"] for s in unfuzzy] == ["inflection", "variant"]


def test_cli_annotate_html_page_asks_did_you_mean(invoke, tmp_path):
    out = tmp_path / "page.html"
    assert invoke("-", "--format", "html", "-o", out, input="Check the knowlege base.").exit_code == 0
    assert "Did you mean \u201cknowledge base\u201d?" in out.read_text(encoding="utf-8")
