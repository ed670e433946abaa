"""`helpdesk-annotator glossary list|show|search|export|import`, driven through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import cli
from annotator.glossary.model import Glossary
from annotator.resources import builtin_glossary_path

HOSTILE = "<img src=x onerror=alert(1)>"

TEAM_CSV = (
    "term,definition,acronym,aliases,category,status\r\n"
    "Service Level Agreement,A written promise of response and resolution times.,SLA,service agreement,Metrics,preferred\r\n"
    "Service Level Agreement,\"The contract that sets a 4-hour first response, for example.\",SLA,,Metrics,\r\n"
    "Average Handle Time,Mean time an agent spends on one interaction.,AHT,,Metrics,\r\n"
    "Average Hold Time,Mean time customers wait on hold.,AHT,,Metrics,deprecated\r\n"
    f"Escalation Matrix,\"Who handles what at each tier; {HOSTILE}\",,escalation path,Operations,\r\n"
    "Co-browsing,An agent guiding the customer's browser session live.,,cobrowsing,Channels,\r\n"
    "Warm Transfer,,,,Channels,\r\n"
)


@pytest.fixture
def team_csv(tmp_path) -> Path:
    path = tmp_path / "team.csv"
    path.write_bytes(b"\xef\xbb\xbf" + TEAM_CSV.encode("utf-8"))
    return path


@pytest.fixture
def invoke(runner):
    def run(*args: str, input: str | bytes | None = None):
        return runner.invoke(cli, ["glossary", *map(str, args)], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def team(invoke, team_csv):
    """Run a glossary subcommand on the team CSV alone (no built-in glossary)."""

    def run(subcommand: str, *args: str):
        return invoke(subcommand, *args, "--no-builtin", "--glossary", team_csv)

    return run


def concepts_of(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def shape(concept: dict) -> tuple:
    """What a round trip must keep (attribution changes: the export file becomes the source)."""
    return (concept["term"], concept["acronyms"], concept["aliases"], concept["category"],
            concept.get("status"), [d["text"] for d in concept["definitions"]])


# --- list ---------------------------------------------------------------------------------------


def test_cli_glossary_list(team):
    result = team("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5  # the empty-definition row is skipped
    sla = next(line for line in lines if "Service Level Agreement" in line)
    assert sla.split()[0] and sla.rstrip().endswith("SLA")


def test_cli_glossary_list_json_merges_duplicate_terms(team):
    concepts = concepts_of(team("list", "--json"))
    sla = next(c for c in concepts if c["term"] == "Service Level Agreement")
    assert len(sla["definitions"]) == 2 and {d["source"] for d in sla["definitions"]} == {"team.csv"}
    assert [d["line"] for d in sla["definitions"]] == [2, 3]


@pytest.mark.parametrize("category, expected", [("metrics", 3), ("CHANNELS", 1), ("metric", 3),
                                                ("Channel", 1), (" operations ", 1)])
def test_cli_glossary_list_category(team, category, expected):
    assert len(concepts_of(team("list", "--category", category, "--json"))) == expected


def test_cli_glossary_list_unknown_category_lists_the_valid_ones(team):
    result = team("list", "--category", "Nope")
    assert result.exit_code == 2 and result.stdout == ""
    assert "Channels, Metrics, Operations" in result.stderr


def test_cli_glossary_list_ambiguous(team):
    terms = sorted(c["term"] for c in concepts_of(team("list", "--ambiguous", "--json")))
    assert terms == ["Average Handle Time", "Average Hold Time"]


def test_cli_glossary_no_builtin_needs_a_glossary(invoke):
    result = invoke("list", "--no-builtin")
    assert result.exit_code == 2 and "--no-builtin needs" in result.stderr


# --- show ---------------------------------------------------------------------------------------


def test_cli_glossary_show_lists_every_attributed_definition(team):
    concept_id = next(c["id"] for c in concepts_of(team("list", "--json")) if c["term"] == "Service Level Agreement")
    result = team("show", concept_id)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Service Level Agreement (SLA)\n")
    assert "definitions (2):" in out and "— team.csv:2" in out and "— team.csv:3" in out
    assert "status: preferred" in out and "aliases: service agreement" in out


def test_cli_glossary_show_ambiguous_acronym_mentions_other_sense(team):
    result = team("show", "Average Hold Time")
    assert result.exit_code == 0
    assert "AHT is ambiguous; also: Average Handle Time" in result.stdout


def test_cli_glossary_show_by_acronym_when_unique(team):
    result = team("show", "sla", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["term"] == "Service Level Agreement"


def test_cli_glossary_show_unknown_id_exits_2(team):
    result = team("show", "no-such-concept")
    assert result.exit_code == 2
    assert "[E107]" in result.stderr and result.stdout == ""


def test_cli_glossary_show_ambiguous_acronym_shows_every_sense(team):
    result = team("show", "AHT")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("AHT is ambiguous: 2 senses\n")
    assert "Average Handle Time (AHT)" in result.stdout and "Average Hold Time (AHT)" in result.stdout
    assert "Mean time customers wait on hold." in result.stdout and "E107" not in result.stderr
    senses = json.loads(team("show", "AHT", "--json").stdout)
    assert sorted(c["term"] for c in senses) == ["Average Handle Time", "Average Hold Time"]


@pytest.mark.parametrize("subcommand", [("show", "oscar-0-pwned-term"), ("list",), ("search", "oscar")])
def test_cli_glossary_shows_control_characters_of_a_user_glossary(invoke, tmp_path, subcommand):
    path = tmp_path / "evil.csv"
    path.write_text("term,definition\n"
                    "Oscar\x1b]0;pwned\x07 Term,Sets the title\x1b]0;pwned\x07 of your terminal.\n",
                    encoding="utf-8")
    result = invoke(*subcommand, "--no-builtin", "--glossary", path)
    assert result.exit_code == 0, result.output
    assert "Oscar" in result.stdout and "pwned" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_cli_glossary_import_of_dev_zero_is_refused(invoke, tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    result = invoke("import", link, "--no-builtin")
    assert result.exit_code == 2
    assert "E103" in result.stderr and "not a regular file" in result.stderr


@pytest.mark.parametrize("subcommand", [("export", "--format", "csv"), ("import", "FILE")])
def test_cli_glossary_output_in_a_missing_directory_is_exit_2(invoke, team_csv, tmp_path, subcommand):
    args = [team_csv if a == "FILE" else a for a in subcommand]
    extra = ["--no-builtin"] + (["--glossary", team_csv] if args[0] == "export" else [])
    result = invoke(*args, *extra, "-o", tmp_path / "missing" / "out.csv")
    assert result.exit_code == 2, result.output
    assert "E507" in result.stderr and "does not exist" in result.stderr


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, first",
    [("sla", "Service Level Agreement"), ("COBROWSING", "Co-browsing"), ("escalation path", "Escalation Matrix"),
     ("average h", "Average Handle Time")],
    ids=["acronym-lowercase", "closed-compound-uppercase", "alias", "prefix"],
)
def test_cli_glossary_search(team, query, first):
    found = concepts_of(team("search", query, "--json"))
    assert found[0]["term"] == first


def test_cli_glossary_search_exact_before_substring(team):
    found = [c["term"] for c in concepts_of(team("search", "aht", "--json"))]
    assert found == ["Average Handle Time", "Average Hold Time"]


def test_cli_glossary_search_limit_and_no_match(team):
    assert len(concepts_of(team("search", "time", "--limit", "1", "--json"))) == 1
    result = team("search", "zzz")
    assert result.exit_code == 1 and "no concept matches 'zzz'" in result.stderr


# --- export and round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tbx", "jsonl"])
def test_cli_glossary_export_import_round_trip(team, invoke, tmp_path, fmt):
    original = concepts_of(team("list", "--json"))
    exported = tmp_path / f"export.{fmt}"
    result = team("export", "--format", fmt, "-o", exported)
    assert result.exit_code == 0 and exported.exists()
    again = concepts_of(invoke("list", "--json", "--no-builtin", "--glossary", exported))
    assert [shape(c) for c in again] == [shape(c) for c in original]


def test_cli_glossary_export_to_stdout(team):
    result = team("export", "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {c["term"] for c in lines} >= {"Service Level Agreement", "Co-browsing"}


def test_cli_glossary_export_tbx_keeps_hostile_text_escaped(team):
    result = team("export", "--format", "tbx")
    assert result.exit_code == 0
    assert "&lt;img src=x onerror=alert(1)&gt;" in result.stdout and HOSTILE not in result.stdout
    assert "deprecatedTerm-admn-sts" in result.stdout and '<termNote type="termType">acronym</termNote>' in result.stdout


def test_cli_glossary_export_needs_format(team):
    assert team("export").exit_code == 2


# --- import -------------------------------------------------------------------------------------


def test_cli_glossary_import_validates_and_writes_normalized_jsonl(invoke, team_csv, tmp_path):
    out = tmp_path / "normalized.jsonl"
    result = invoke("import", team_csv, "--no-builtin", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("team.csv: 6 entries -> 5 concepts, 1 skipped\n")
    assert "skipped team.csv:8: 'Warm Transfer' (empty definition)" in result.stdout
    glossary = Glossary.load(out)
    assert len(glossary) == 5
    assert next(c for c in glossary if c.term == "Escalation Matrix").definition.endswith(HOSTILE)


@pytest.mark.parametrize(
    "name, content, code, needle",
    [
        ("bad.csv", "term,definition\nSLA,ok\n,orphan\n", "E114", "bad.csv:3: invalid entry: empty term"),
        ("bad.jsonl", '{"term": "SLA", "definition": "ok"}\n{"term": \n', "E113", "bad.jsonl:2: invalid JSON"),
        ("bad.json", '[{"term": "SLA", "definition": 5}]', "E114",
         "bad.json:1: invalid entry: 'definition' must be a string"),
        ("bad.tbx", '<?xml version="1.0"?>\n<!DOCTYPE t [\n<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<t>&x;</t>',
         "E106", "bad.tbx:3: unsafe or malformed XML"),
        ("bad.xlsx", "PK", "E102", "unsupported glossary format"),
        ("nohead.csv", "name,text\nSLA,ok\n", "E108", "missing required field 'term'"),
    ],
)
def test_cli_glossary_import_malformed_exits_2_naming_file_and_line(invoke, tmp_path, name, content, code, needle):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = invoke("import", path, "--no-builtin")
    assert result.exit_code == 2
    assert needle in result.stderr and result.stderr.startswith(f"error: [{code}]")


def test_cli_glossary_import_invalid_utf8_exits_2(invoke, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("term,definition\nSLA,ok\nCaf\u00e9,fine\n".encode("latin-1"))
    result = invoke("import", path, "--no-builtin")
    assert result.exit_code == 2 and "latin1.csv:3: invalid UTF-8" in result.stderr


def test_cli_glossary_missing_file_exits_2(invoke, tmp_path):
    assert invoke("import", tmp_path / "nope.csv").exit_code == 2
    assert invoke("list", "--glossary", tmp_path / "nope.csv").exit_code == 2


# --- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("subcommand", [[], ["list"], ["show"], ["search"], ["export"], ["import"]])
def test_cli_glossary_help_has_examples(invoke, subcommand):
    result = invoke(*subcommand, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "helpdesk-annotator glossary" in result.stdout


# --- the built-in glossary ----------------------------------------------------------------------


@pytest.fixture
def builtin_ready():
    if not builtin_glossary_path().exists():
        pytest.fail("patterns/glossary.jsonl is missing: run `helpdesk-annotator build`")
    return Glossary.load(builtin_glossary_path())


def test_cli_glossary_list_builtin(invoke, builtin_ready):
    result = invoke("list")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(builtin_ready)


def test_cli_glossary_layering_on_builtin(invoke, team_csv, builtin_ready):
    layered = concepts_of(invoke("list", "--json", "--glossary", team_csv))
    assert len(layered) >= len(builtin_ready)
    sla = [c for c in layered if "SLA" in c["acronyms"] and "team.csv" in {d["source"] for d in c["definitions"]}]
    assert sla, "the team's SLA definitions are attached to a concept"


def test_cli_glossary_import_reports_new_and_merged(invoke, tmp_path, builtin_ready):
    known = next(c for c in builtin_ready if c.acronyms)
    path = tmp_path / "delta.csv"
    path.write_text(
        "term,definition,acronym\n"
        f"{known.term},Our own wording of it.,{known.acronyms[0]}\n"
        "Zebra Queue Protocol,A made-up routing rule used only in this test.,ZQP\n",
        encoding="utf-8",
    )
    result = invoke("import", path)
    assert result.exit_code == 0, result.output
    assert "new concepts: 1\n" in result.stdout and "+ zebra-queue-protocol: Zebra Queue Protocol (ZQP)" in result.stdout
    assert "merged into existing concepts: 1\n" in result.stdout and f"~ {known.id}:" in result.stdout
