"""`helpdesk-annotator tag` through click's CliRunner: every option and every exit code."""

from __future__ import annotations

import csv
import json
import textwrap
from pathlib import Path

import pytest

from annotator.cli import cli
from annotator.resources import samples_dir

GLOSSARY = Path(__file__).parents[1] / "batch" / "data" / "glossary.csv"
TRANSCRIPTS = samples_dir() / "transcripts" / "transcripts.jsonl"
MALFORMED = samples_dir() / "transcripts" / "malformed.jsonl"
OWN_GLOSSARY = ["--glossary", str(GLOSSARY), "--no-builtin"]


def lines(path) -> list[dict]:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l]


@pytest.fixture
def tag(runner, tmp_path):
    """``tag(*args)``: run `tag` with the test glossary; OUTPUT defaults to tmp/out.jsonl."""

    def invoke(source=TRANSCRIPTS, *args, output=None, glossary=True):
        output = output or tmp_path / "out.jsonl"
        argv = ["tag", str(source), str(output), *(OWN_GLOSSARY if glossary else ()), *args]
        return runner.invoke(cli, argv)

    return invoke


def test_cli_tag_help_has_examples(runner):
    result = runner.invoke(cli, ["tag", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--resume" in result.output


def test_cli_tag_ok_is_exit_0_with_a_summary_line(tag, tmp_path):
    result = tag()
    assert result.exit_code == 0, result.output
    assert "16 documents tagged, 0 rejected" in result.stderr
    assert [d["id"] for d in lines(tmp_path / "out.jsonl")] == [d["id"] for d in lines(TRANSCRIPTS)]
    assert (tmp_path / "out.jsonl.rejects.jsonl").read_bytes() == b""


def test_cli_tag_rejects_are_exit_3_and_add_up(tag, tmp_path):
    result = tag(MALFORMED)
    assert result.exit_code == 3, result.output
    rejects = lines(tmp_path / "out.jsonl.rejects.jsonl")
    assert len(lines(tmp_path / "out.jsonl")) + len(rejects) == 11
    assert "rejects:" in result.stderr


def test_cli_tag_rejects_option_moves_the_file(tag, tmp_path):
    result = tag(MALFORMED, "--rejects", str(tmp_path / "bad.jsonl"))
    assert result.exit_code == 3
    assert len(lines(tmp_path / "bad.jsonl")) == 8
    assert not (tmp_path / "out.jsonl.rejects.jsonl").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--resume", "--overwrite"], "cannot be used together"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--code", str(GLOSSARY)], "--code needs --pipeline"),
        (["--processes", "0"], "Invalid value"),
        (["--batch-size", "0"], "Invalid value"),
        (["--format", "pdf"], "Invalid value"),
        (["--engine", "spark"], "Invalid value"),
    ],
)
def test_cli_tag_usage_errors_are_exit_2(tag, args, message):
    result = tag(TRANSCRIPTS, *args)
    assert result.exit_code == 2 and message in result.output


def test_cli_tag_missing_input_is_exit_2(tag, tmp_path):
    result = tag(tmp_path / "nope.jsonl")
    assert result.exit_code == 2 and "E501" in result.stderr


def test_cli_tag_unreadable_csv_header_is_exit_2(tag, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("ticket,body\n1,SLA\n", encoding="utf-8")
    result = tag(source)
    assert result.exit_code == 2 and "E501" in result.stderr and "--text-field" in result.stderr


def test_cli_tag_existing_output_needs_overwrite_or_resume(tag, tmp_path):
    (tmp_path / "out.jsonl").write_text("keep me\n")
    result = tag()
    assert result.exit_code == 2 and "E504" in result.stderr
    assert (tmp_path / "out.jsonl").read_text() == "keep me\n"
    assert tag(TRANSCRIPTS, "--overwrite").exit_code == 0
    assert len(lines(tmp_path / "out.jsonl")) == 16


def test_cli_tag_resume_of_finished_run_keeps_output_and_exit_code(tag, tmp_path):
    assert tag(MALFORMED).exit_code == 3
    before = (tmp_path / "out.jsonl").read_bytes()
    result = tag(MALFORMED, "--resume")
    assert result.exit_code == 3 and (tmp_path / "out.jsonl").read_bytes() == before


def test_cli_tag_resume_with_other_options_is_exit_2(tag, tmp_path):
    assert tag(TRANSCRIPTS).exit_code == 0
    result = tag(TRANSCRIPTS, "--resume", "--first-only")
    assert result.exit_code == 2 and "E502" in result.stderr


def test_cli_tag_text_and_id_fields_on_csv(tag, tmp_path):
    source = tmp_path / "tickets.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ticket_id", "body"])
        writer.writerow(["T-1", "The SLA was breached, CSAT dropped."])
        writer.writerow(["T-2", "Nothing to see"])
    result = tag(source, "--text-field", "body", "--id-field", "ticket_id")
    assert result.exit_code == 0, result.output
    docs = lines(tmp_path / "out.jsonl")
    assert [d["id"] for d in docs] == ["T-1", "T-2"]
    assert {s["text"] for s in docs[0]["spans"]} >= {"SLA", "CSAT"}


def test_cli_tag_input_format_overrides_the_suffix(tag, tmp_path):
    source = tmp_path / "export.txt"
    source.write_text("id,text\n1,IVR outage\n", encoding="utf-8")
    result = tag(source, "--input-format", "csv")
    assert result.exit_code == 0, result.output
    assert lines(tmp_path / "out.jsonl")[0]["spans"][0]["text"] == "IVR"


def test_cli_tag_directory_of_txt_files(tag, tmp_path):
    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "b.txt").write_text("AHT is up", encoding="utf-8")
    (folder / "a.txt").write_text("NPS is down", encoding="utf-8")
    result = tag(folder)
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in lines(tmp_path / "out.jsonl")] == ["a.txt", "b.txt"]


def test_cli_tag_format_markdown_skips_code(tag, tmp_path, write_source):
    text = "Check the `SLA` field; the SLA is 4h."
    source = write_source([{"id": "md", "text": text}])
    assert tag(source, "--format", "markdown").exit_code == 0
    (doc,) = lines(tmp_path / "out.jsonl")
    assert [(s["start"], s["text"]) for s in doc["spans"]] == [(text.rindex("SLA"), "SLA")]


def test_cli_tag_first_only_label_and_max_spans(tag, tmp_path, write_source):
    source = write_source([{"id": 1, "text": "SLA, SLA and SLA; the CSAT and the escalation."}])
    assert tag(source, "--first-only", output=tmp_path / "a.jsonl").exit_code == 0
    assert [s["text"] for s in lines(tmp_path / "a.jsonl")[0]["spans"]] == [
        "SLA", "CSAT", "escalation"]
    assert tag(source, "--label", "CX_TERM", output=tmp_path / "b.jsonl").exit_code == 0
    assert [s["text"] for s in lines(tmp_path / "b.jsonl")[0]["spans"]] == ["escalation"]
    assert tag(source, "--max-spans", "2", output=tmp_path / "c.jsonl").exit_code == 0
    (doc,) = lines(tmp_path / "c.jsonl")
    assert len(doc["spans"]) == 2 and doc["truncated"] is True


def test_cli_tag_max_length_rejects_longer_documents_by_id(tag, tmp_path, write_source):
    source = write_source([{"id": "short", "text": "SLA"}, {"id": "long", "text": "SLA " * 50}])
    result = tag(source, "--max-length", "100")
    assert result.exit_code == 3, result.output
    (reject,) = lines(tmp_path / "out.jsonl.rejects.jsonl")
    assert reject["id"] == "long" and "E202" in reject["reason"]
    assert [d["id"] for d in lines(tmp_path / "out.jsonl")] == ["short"]


def test_cli_tag_processes_and_batch_size_do_not_change_output(tag, tmp_path):
    assert tag(TRANSCRIPTS, output=tmp_path / "one.jsonl").exit_code == 0
    result = tag(TRANSCRIPTS, "--processes", "2", "--batch-size", "3",
                 output=tmp_path / "two.jsonl")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_cli_tag_summary_csv_and_html(tag, tmp_path):
    result = tag(TRANSCRIPTS, "--summary", str(tmp_path / "terms.csv"),
                 "--summary-html", str(tmp_path / "report.html"))
    assert result.exit_code == 0, result.output
    with open(tmp_path / "terms.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"concept_id", "term", "label", "count", "documents"}
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_cli_tag_summary_html_defaults_next_to_the_csv(tag, tmp_path):
    assert tag(TRANSCRIPTS, "--summary", str(tmp_path / "terms.csv")).exit_code == 0
    assert (tmp_path / "terms.csv.html").exists()


def test_cli_tag_pipeline_and_code_report_a_failing_component_by_id(tag, tmp_path, write_source):
    import spacy
    from spacy.util import import_file

    code = tmp_path / "components.py"
    code.write_text(textwrap.dedent('''
        from spacy.language import Language

        @Language.component("cli_test_explode")
        def cli_test_explode(doc):
            if "KABOOM" in doc.text:
                raise RuntimeError("boom")
            return doc
    '''), encoding="utf-8")
    import_file("cli_test_components", str(code))
    nlp = spacy.blank("en")
    nlp.add_pipe("cli_test_explode")
    nlp.to_disk(tmp_path / "pipeline")
    source = write_source([{"id": "a", "text": "SLA"}, {"id": "b", "text": "KABOOM SLA"},
                           {"id": "c", "text": "CSAT"}])
    result = tag(source, "--pipeline", str(tmp_path / "pipeline"), "--code", str(code),
                 "--processes", "2")
    assert result.exit_code == 3, result.output
    (reject,) = lines(tmp_path / "out.jsonl.rejects.jsonl")
    assert reject["id"] == "b" and "RuntimeError: boom" in reject["reason"]
    assert [d["id"] for d in lines(tmp_path / "out.jsonl")] == ["a", "c"]


def test_cli_tag_progress_bar_only_when_asked_or_on_a_tty(tag):
    quiet = tag(TRANSCRIPTS)  # CliRunner's stderr is not a terminal
    assert "tagging" not in quiet.stderr
    loud = tag(TRANSCRIPTS, "--progress", "--overwrite")
    assert loud.exit_code == 0 and "tagging" in loud.stderr


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        yield cluster.scheduler_address


def test_cli_tag_engine_dask_with_scheduler_matches_local(tag, tmp_path, dask_scheduler):
    assert tag(MALFORMED, output=tmp_path / "local.jsonl").exit_code == 3
    result = tag(MALFORMED, "--engine", "dask", "--scheduler", dask_scheduler,
                 output=tmp_path / "dask.jsonl")
    assert result.exit_code == 3, result.output
    for suffix in ("", ".rejects.jsonl"):
        assert (tmp_path / f"dask.jsonl{suffix}").read_bytes() == (
            tmp_path / f"local.jsonl{suffix}").read_bytes()


@pytest.fixture
def write_source(tmp_path):
    def write(records, name="in.jsonl"):
        path = tmp_path / name
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path

    return write


def _stderr_lines(result) -> list[str]:
    """stderr without the timing part of the summary line (the rest is compared exactly)."""
    return [line.split(" in ")[0] if "documents tagged" in line else line
            for line in result.stderr.splitlines()]


def test_cli_tag_repeated_ids_warn_with_both_places_and_count(tag, tmp_path, write_source):
    source = write_source([{"id": "a", "text": "SLA"}, {"id": "b", "text": "AHT"},
                           {"id": "a", "text": "CSAT"}, {"id": 2, "text": "x"}, {"id": "2", "text": "y"}])
    result = tag(source)
    assert result.exit_code == 0, result.output
    assert _stderr_lines(result) == [
        f"warning: duplicate id 'a' at {source}:3: first seen at {source}:1",
        f"warning: duplicate id '2' at {source}:5: first seen at {source}:4",
        "5 documents tagged, 0 rejected, 5 records, 2 with a repeated id",
    ]
    assert [d["id"] for d in lines(tmp_path / "out.jsonl")] == ["a", "b", "a", 2, "2"]


def test_cli_tag_repeated_ids_reject_option(tag, tmp_path, write_source):
    source = write_source([{"id": "a", "text": "SLA"}, {"id": "a", "text": "AHT"}])
    result = tag(source, "--on-duplicate-id", "reject")
    assert result.exit_code == 3
    (reject,) = lines(tmp_path / "out.jsonl.rejects.jsonl")
    assert (reject["id"], reject["line"], reject["reason"]) == (
        "a", 2, f"duplicate id: first seen at {source}:1")
    assert "1 documents tagged, 1 rejected, 2 records, 1 with a repeated id" in result.stderr


@pytest.mark.parametrize("policy, hint", [
    ("warn", "--on-duplicate-id reject lists every one in the rejects file"),
    ("reject", "every one is in the rejects file"),
])
def test_cli_tag_repeated_id_warnings_are_capped(tag, write_source, policy, hint):
    source = write_source([{"id": "same", "text": f"SLA {i}"} for i in range(30)])
    result = tag(source, "--on-duplicate-id", policy)
    err = _stderr_lines(result)
    assert sum(line.startswith("warning: duplicate id 'same'") for line in err) == 20
    assert f"warning: 9 more repeated ids not shown; {hint}" in err
    assert "29 with a repeated id" in result.stderr


def test_cli_tag_repeated_ids_after_resume_of_a_finished_run(tag, write_source):
    source = write_source([{"id": "a", "text": "SLA"}, {"id": "a", "text": "AHT"}])
    assert tag(source).exit_code == 0
    result = tag(source, "--resume")
    assert result.exit_code == 0
    assert _stderr_lines(result)[-1] == (
        "warning: 1 records with a repeated id (reported by the run that tagged them)")


def test_cli_tag_help_documents_repeated_ids(runner):
    result = runner.invoke(cli, ["tag", "--help"])
    assert "--on-duplicate-id" in result.output and "repeated id" in result.output


# --- outputs, failures before the first record, full disks, odd inputs --------------------------


@pytest.mark.parametrize("option", ["output", "--rejects", "--summary", "--summary-html"])
def test_cli_tag_output_in_a_missing_directory_fails_before_any_work(tag, tmp_path, option):
    missing = tmp_path / "no" / "such" / "file"
    if option == "output":
        result = tag(TRANSCRIPTS, output=missing)
    else:
        result = tag(TRANSCRIPTS, option, str(missing))
    assert result.exit_code == 2, result.output
    assert "E507" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing was tagged or written


def test_cli_tag_failure_before_the_first_record_leaves_no_files(tag, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,body\n1,The SLA.\n", encoding="utf-8")
    result = tag(source)  # the text is in "body", not "text"
    assert result.exit_code == 2 and "E501" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
    assert tag(source, "--text-field", "body").exit_code == 0  # no --overwrite needed


def test_cli_tag_bad_glossary_leaves_no_files(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,definition\n,no term here\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["tag", str(TRANSCRIPTS), str(out), "--glossary", str(bad),
                                 "--no-builtin"])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_cli_tag_resume_of_a_finished_run_says_it_is_complete(tag, tmp_path):
    assert tag(TRANSCRIPTS).exit_code == 0
    result = tag(TRANSCRIPTS, "--resume")
    assert result.exit_code == 0 and "already complete" in result.stderr


def test_cli_tag_fifo_input_is_refused_not_waited_on(tag, tmp_path):
    import os

    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    result = tag(fifo)
    assert result.exit_code == 2, result.output
    assert "E501" in result.stderr and "not a regular file" in result.stderr


def test_cli_tag_fifo_in_a_directory_is_a_reject_with_its_reason(tag, tmp_path):
    import os

    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "a.txt").write_text("AHT is up", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").symlink_to("/dev/zero")
    result = tag(folder)
    assert result.exit_code == 3, result.output
    assert [d["id"] for d in lines(tmp_path / "out.jsonl")] == ["a.txt"]
    rejects = {r["id"]: r["reason"] for r in lines(tmp_path / "out.jsonl.rejects.jsonl")}
    assert set(rejects) == {"b.txt", "c.txt"}
    assert "named pipe" in rejects["b.txt"] and "character device" in rejects["c.txt"]


def _run_with_file_size_limit(args, limit: int):
    """The CLI in a subprocess whose files cannot grow past ``limit`` bytes (``ulimit -f``),
    with SIGXFSZ ignored so that writes fail with EFBIG as on a full disk."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", "from annotator.cli import main; main()", *map(str, args)],
        preexec_fn=limited, capture_output=True, text=True, env=env, timeout=300,
    )


def test_cli_tag_full_disk_is_a_coded_error_and_resume_completes(tag, tmp_path):
    out = tmp_path / "out.jsonl"
    result = _run_with_file_size_limit(
        ["tag", TRANSCRIPTS, out, *OWN_GLOSSARY, "--batch-size", "4"], limit=6000)
    assert result.returncode == 2, result.stderr
    assert "E506" in result.stderr and "Traceback" not in result.stderr
    assert "free some space" in result.stderr and "--resume" in result.stderr
    assert tag(TRANSCRIPTS, "--batch-size", "4", "--resume").exit_code == 0
    reference = tmp_path / "reference.jsonl"
    assert tag(TRANSCRIPTS, output=reference).exit_code == 0
    assert out.read_bytes() == reference.read_bytes()


def test_cli_tag_repeated_id_warning_quotes_a_bounded_visible_excerpt(tag, tmp_path):
    long_id = "\x1b]0;pwned\x07" + "transcript text " * 500
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": long_id, "text": "The SLA."}) + "\n"
                              for _ in range(2)), encoding="utf-8")
    result = tag(source)
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if "duplicate id" in line]
    assert len(warning) < 500 and "\x1b" not in warning and "\x07" not in warning


def test_cli_tag_directory_reads_captions_and_json_as_transcripts(tag, tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "a.vtt").write_text("WEBVTT\n\nNOTE AHT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>the SLA\n",
                                  encoding="utf-8")
    (folder / "b.json").write_text('[["customer", "my NPS survey"]]', encoding="utf-8")
    (folder / "c.srt").write_text("1\n00:00:01,000 --> 00:00:00,500\nAGENT: SLA\n", encoding="utf-8")
    (folder / "d.txt").write_text("Agent: the AHT; the SLA", encoding="utf-8")
    (folder / "e.json").write_text('[["agent", "the s l a was missed so i will call you back"]]',
                                   encoding="utf-8")
    result = tag(folder)
    assert result.exit_code == 3, result.output  # some documents were rejected
    docs = {doc["id"]: doc for doc in lines(tmp_path / "out.jsonl")}
    assert [(s["text"], s["speaker"]) for s in docs["a.vtt"]["spans"]] == [("SLA", "Agent")]
    assert [(s["text"], s["role"]) for s in docs["b.json"]["spans"]] == [("NPS", "customer")]
    assert [(s["text"], s["match"]) for s in docs["e.json"]["spans"]] == [("s l a", "spoken")]
    # A .txt file is read in the run's format (text): no turn fields.
    assert [s["text"] for s in docs["d.txt"]["spans"]] == ["AHT", "SLA"]
    assert "turn" not in docs["d.txt"]["spans"][0]
    (reject,) = lines(tmp_path / "out.jsonl.rejects.jsonl")
    assert reject["id"] == "c.srt" and "E208" in reject["reason"]


@pytest.mark.parametrize("args, matches", [((), ["exact", "fuzzy"]), (("--no-fuzzy",), ["exact"])])
def test_cli_tag_spans_say_how_they_matched(tag, tmp_path, args, matches):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,Our SLA and the escalaton\n", encoding="utf-8")
    assert tag(source, "--id-field", "id", *args).exit_code == 0
    (doc,) = lines(tmp_path / "out.jsonl")
    assert [s["match"] for s in doc["spans"]] == matches
