"""Reading articles from disk: walking, decoding, hostile and huge files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from annotator.errors import LintError
from annotator.lint.config import LintConfig
from annotator.lint.rules import lint_text
from annotator.lint.runner import Article, iter_paths, read_article, write_article


def test_runner_walks_directories_sorted_and_skips_other_files(tmp_path):
    for name in ("b.md", "a.rst", "c.txt", "d.html", "e.py", ".hidden.md", "x.MD"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.md").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "ignored.md").write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.rst", "b.md", "c.txt", "d.html", "sub/z.md", "x.MD"]


def test_runner_empty_directory_yields_nothing(tmp_path):
    (tmp_path / "notes.py").write_text("x", encoding="utf-8")
    assert list(iter_paths([tmp_path])) == []


def test_runner_unsupported_suffix_names_the_file(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"x")
    with pytest.raises(LintError) as info:
        list(iter_paths([path]))
    assert info.value.code == "E403" and "notes.docx" in str(info.value)


def test_runner_missing_path_names_it(tmp_path):
    with pytest.raises(LintError) as info:
        list(iter_paths([tmp_path / "nope.md"]))
    assert info.value.code == "E401" and "nope.md" in str(info.value)


@pytest.mark.parametrize(
    "data, detail",
    [
        (b"ok \xff\xfe broken", "invalid UTF-8 at byte 3"),
        (b"\xef\xbb\xbfok \xc3", "invalid UTF-8 at byte 6"),
        (bytes(range(256)), "invalid UTF-8"),
    ],
    ids=["invalid-utf8", "bom-then-truncated", "binary"],
)
def test_runner_undecodable_file_is_a_coded_error(tmp_path, data, detail):
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(LintError) as info:
        read_article(path)
    assert info.value.code == "E401"
    assert "bad.md" in str(info.value) and detail in str(info.value)


def test_runner_bom_is_remembered_and_stripped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbfThe SLA.\n")
    article = read_article(path)
    assert article.bom and article.text == "The SLA.\n"


def test_runner_crlf_is_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"a\r\nb\r\n")
    assert read_article(path).text == "a\r\nb\r\n"


def test_runner_empty_file_is_clean(tmp_path, glossary):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    article = read_article(path)
    assert lint_text(article.text, article.format, glossary=glossary) == []


def test_runner_nul_bytes_are_linted_not_fatal(glossary):
    findings = lint_text("SLA\x00KB\x00SLA", glossary=glossary)
    assert [f.acronym for f in findings] == ["SLA", "KB"]


def _big_article(paragraphs: int) -> str:
    block = (
        "## Escalations {n}\n\nWhen the SLA is at risk, page the lead. Check the KPI board, the "
        "`AHT_TARGET` flag and https://example.com/SLA/{n} before you reply.\n\n"
        "```\nexport CSAT={n}\n```\n\n"
    )
    return "---\ntitle: Big\n---\n\n" + "".join(block.format(n=i) for i in range(paragraphs))


def test_runner_ten_thousand_line_article(glossary):
    text = _big_article(1300)
    assert text.count("\n") >= 10_000
    findings = lint_text(text, "markdown", glossary=glossary)
    assert [(f.acronym, f.line) for f in findings] == [("SLA", 7), ("KPI", 7)]


@pytest.mark.slow
def test_runner_five_megabyte_article_must_not_hang(glossary, tmp_path):
    text = _big_article(30_000)
    assert len(text.encode("utf-8")) > 5_000_000
    path = tmp_path / "huge.md"
    path.write_text(text, encoding="utf-8")
    started = time.process_time()
    article = read_article(path)
    findings = lint_text(article.text, article.format, glossary=glossary, config=LintConfig())
    elapsed = time.process_time() - started
    assert [f.acronym for f in findings] == ["SLA", "KPI"]
    # A generous "does not hang" bound, not a benchmark.
    assert elapsed < 60, f"linting 5 MB took {elapsed:.1f} s"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "rst"])
@pytest.mark.parametrize(
    "text",
    ["<" * 5000, "`" * 5000, "[" * 3000 + "](", "(" * 5000 + "SLA", "SLA " * 20000, "<b>SLA <i>x</b> y</i>",
     "\r" * 1000, "\u200bSLA\u200b", ":" * 3000 + "`x`"],
    ids=["lt", "backticks", "brackets", "parens", "repeat", "misnested", "cr", "zero-width", "colons"],
)
def test_runner_hostile_text_does_not_raise(glossary, text, fmt):
    for finding in lint_text(text, fmt, glossary=glossary):
        assert text[finding.start : finding.end] == finding.text


def test_runner_paths_are_shown_as_given(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [path] = iter_paths([Path("docs")])
    assert read_article(path).display == "docs/a.md"


def test_runner_pre_commit_hook_matches_the_supported_suffixes(repo):
    import re

    yaml = pytest.importorskip("yaml")  # pre-commit itself parses this file with PyYAML
    [hook] = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "helpdesk-annotator-lint"
    assert hook["language"] == "python"
    assert hook["entry"] == "helpdesk-annotator lint"
    assert set(hook["types_or"]) == {"markdown", "rst", "html", "text"}
    files = re.compile(hook["files"])
    from annotator.lint.runner import FORMATS_BY_SUFFIX

    for suffix in FORMATS_BY_SUFFIX:
        assert files.search(f"docs/a{suffix}")
    for other in ("setup.py", "notes.docx", "data.json"):
        assert not files.search(other)


@pytest.mark.slow
def test_runner_many_headings_with_a_late_definition_must_not_hang(glossary):
    text = "".join(f"## SLA step {i}\n\nWatch the SLA and the KPI.\n\n" for i in range(20_000))
    text += "A Service Level Agreement (SLA) is a promise.\n"
    started = time.process_time()
    findings = lint_text(text, "markdown", glossary=glossary)
    assert [(f.code, f.acronym, f.line) for f in findings] == [("HA002", "SLA", 1), ("HA001", "KPI", 3)]
    assert time.process_time() - started < 60


def test_runner_write_failure_is_a_coded_error(tmp_path):
    # A directory where the file should be fails for root too (file modes would not).
    target = tmp_path / "is-a-dir.md"
    target.mkdir()
    with pytest.raises(LintError) as info:
        write_article(Article(target, "is-a-dir.md", "x", "markdown"), "y")
    assert info.value.code == "E404" and "cannot write" in str(info.value)


def test_runner_write_restores_the_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfold")
    write_article(read_article(path), "new")
    assert path.read_bytes() == b"\xef\xbb\xbfnew"
