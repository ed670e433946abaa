"""The rules on tricky cases: what counts as a definition, a use, an acronym."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.lint.config import LintConfig
from annotator.lint.formats import render
from annotator.lint.rules import RULES, lint_text
from annotator.lint.runner import lint_article, read_article


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Our Service Level Agreement (SLA) covers email. The SLA starts at once.", {}),
        ("Our SLA (Service Level Agreement) covers email. The SLA starts at once.", {}),
        ("Our service level agreement or SLA covers email. The SLA starts at once.", {}),
        ("Our Service Level Agreements (SLAs) cover email. SLAs start at once.", {}),
        ("A Success On-Demand (CSE) engagement. Ask the CSE team.", {}),
        ("A CSM (formerly known as a Technical Account Manager or TAM) helps.", {"CSM": "HA001"}),
        ("**SLA** (Service Level Agreement) holds. The SLA.", {}),
        ("*Service Level Agreement* (SLA) holds. The SLA.", {}),
        ("[Service Level Agreement (SLA)](https://example.com) holds. The SLA.", {}),
        ("Service Level\nAgreement (SLA) holds. The SLA.", {}),
    ],
    ids=["expansion-acr", "acr-expansion", "expansion-or-acr", "plural", "capitalised-run", "or-inside",
         "bold-acronym", "italic-expansion", "link-text", "wrapped-line"],
)
def test_rules_defined_forms_are_clean(lint, text, expected):
    assert lint(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Check the SLA first. Service Level Agreement (SLA) means a promise.", {"SLA": "HA002"}),
        ("The SLA applies.", {"SLA": "HA001"}),
        ("Our SLAs apply.", {"SLA": "HA001"}),
        ("The SLA's clock starts.", {"SLA": "HA001"}),
        ("Keep AHT low.", {"AHT": "HA003"}),
        ("Track MTTR weekly.", {"MTTR": "HA003"}),
        ("Ask the SFDC admin.", {"SFDC": "HA001"}),
        ("Tickets in the L&R queue.", {"L&R": "HA001"}),
        ("Our CCaaS vendor.", {"CCaaS": "HA001"}),
        ("Tickets we STARred today.", {"STAR": "HA001"}),
        ("Sales/CS owns it.", {"CS": "HA001"}),
        ("An SLA-relevant change.", {"SLA": "HA001"}),
        ("We are SOC 2 audited.", {"SOC 2": "HA001"}),
        ("TL;DR: keep the SLA.", {"SLA": "HA001"}),
    ],
    ids=["defined-later", "undefined", "plural", "possessive", "ambiguous", "ambiguous-2",
         "unknown", "ampersand", "mixed-case-glossary", "verb-form", "after-slash", "hyphenated",
         "spaced-glossary-acronym", "tldr"],
)
def test_rules_reports_each_case_once(lint, text, expected):
    assert lint(text) == expected


@pytest.mark.parametrize(
    "text, format",
    [
        ("Run `SLA_CHECK` first.", "markdown"),
        ("```\nexport SLA=1\n```\n", "markdown"),
        ("~~~yaml\nkey: CSAT\n~~~\n", "markdown"),
        ("See https://example.com/SLA/overview for details.", "markdown"),
        ("See [the docs](https://example.com/CSAT?x=KPI).", "markdown"),
        ("---\ntags: [SLA, CSAT]\nowner: KPI\n---\n\nBody text.\n", "markdown"),
        ("Read :doc:`SLA setup </manage/sla>` first.", "rst"),
        ("Use ``CSAT`` as the key.", "rst"),
        (".. code-block:: text\n\n   SLA KPI CSAT\n\nDone.\n", "rst"),
        ("See `the guide <https://example.com/SLA>`_.", "rst"),
        ('<p title="SLA">Hello</p>', "html"),
        ("<pre><code>SLA = 1</code></pre>", "html"),
        ("<script>var CSAT = 1;</script><style>.KPI{}</style>", "html"),
        ('<a href="/sla/SLA">read more</a>', "html"),
        ("<!-- SLA note -->", "html"),
        ('<div data-no-glossary>SLA</div>', "html"),
        ("Ping @AM or post in #SLA.", "text"),
        ("cc @TAM and post in #KPI-team.", "markdown"),
        ("Mail SLA.team@example.com today.", "text"),
    ],
    ids=["inline-code", "fence", "tilde-fence", "url", "link-target", "front-matter-keys", "rst-role",
         "rst-literal", "rst-code-block", "rst-link-target", "html-attribute", "html-code",
         "script-style", "html-href", "html-comment", "no-glossary", "mention-channel", "md-mention",
         "email"],
)
def test_rules_invisible_text_is_not_a_use(lint, text, format):
    assert lint(text, format) == {}


@pytest.mark.parametrize(
    "text",
    [
        "NOTE: do this. IMPORTANT: and this.",
        "Post in the SLACK channel AND wait.",
        "Read the APPENDIX first.",
        "See RECOGNITION below. Recognition matters.",
        "Chapter IV and section XII.",
        "We saw 5XX errors.",
        "The WARNING banner.",
        "SHOUTED CHANNEL NAME here.",
        "Ask the API and check the URL, ID, CSV export, UTC time and FAQ.",
        "GitLab and ZenDesk are names, and so is iPhone.",
        "Send a GET or POST request, then press CTRL and ESC.",
        "Attachments up to 25 KB, 10GB or 2.5 MB.",
        "TLDR: it works. BTW, IMO the old flow was fine.",
    ],
    ids=["admonitions", "product-caps", "long-word", "same-word-lowercase", "roman", "status-class",
         "warning", "shouted-run", "default-allowlist", "camel-case-names", "http-and-keys", "units",
         "chat-shorthand"],
)
def test_rules_ordinary_caps_words_are_not_acronyms(lint, text):
    assert lint(text) == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Raise it as p1 now.", {"P1": "HA001"}),
        ("A P1 and then a p1.", {"P1": "HA001"}),
        ("Priority 1 (P1) tickets first; then every p1.", {}),
        ("Priority 1 (p1) tickets first; then every P1.", {}),
        ("Our p1 (priority 1) tickets first.", {}),
        ("A sev 2 outage.", {"SEV2": "HA001"}),
        ("A SEV-2 or a Sev2 outage.", {"SEV2": "HA001"}),
        ("Severity 2 (Sev 2) outages; then a sev-2.", {}),
        ("Keep the sev 2 short. Severity 2 (SEV2) means a lot.", {"SEV2": "HA002"}),
        ("Our S2 incidents.", {"SEV2": "HA001"}),
        ("Store it in an S2 bucket.", {}),
        ("Set `p1` and p1_flag, see v1.2 and db-p1.", {}),
    ],
    ids=["lower-case", "both-cases-one-acronym", "defined-upper", "defined-lower", "code-first",
         "severity-spaced", "severity-hyphen", "severity-defined", "severity-late", "bare-in-context",
         "bare-storage", "identifiers"],
)
def test_rules_priority_and_severity_codes_are_acronym_uses(lint, text, expected):
    assert lint(text) == expected


def test_rules_code_finding_names_the_code_and_its_expansion(glossary):
    (finding,) = lint_text("Raise it as p1 now.", "text", glossary=glossary)
    assert (finding.acronym, finding.text, finding.expansion) == ("P1", "p1", "Priority 1")
    assert (finding.start, finding.end) == (12, 14)


def test_rules_kb_without_a_number_is_the_knowledge_base(lint):
    assert lint("Search the KB first.") == {"KB": "HA001"}


def test_rules_heading_then_first_body_sentence_counts_as_defined(lint):
    md = "# SLA basics\n\nA Service Level Agreement (SLA) is a promise.\n\nThe SLA starts now.\n"
    assert lint(md) == {}
    rst = "SLAs\n====\n\nService Level Agreements (SLAs) ensure timely replies.\n"
    assert lint(rst, "rst") == {}
    html = "<h1>SLA basics</h1>\n<p>A Service Level Agreement (SLA) is a promise.</p>"
    assert lint(html, "html") == {}
    front = "---\ntitle: SLA basics\ndescription: What a Service Level Agreement (SLA) is.\n---\n\nText.\n"
    assert lint(front) == {}
    plain = "SLA basics\n\nA Service Level Agreement (SLA) is a promise.\n"
    assert lint(plain, "text") == {}
    underlined = "Intro line.\n\nSLA basics\n----------\nA Service Level Agreement (SLA) is a promise.\n"
    assert lint(underlined, "text") == {}


def test_rules_heading_followed_by_a_later_sentence_is_not_enough(lint):
    md = "# SLA basics\n\nFirst sentence. Then a Service Level Agreement (SLA) is defined.\n"
    assert lint(md) == {"SLA": "HA002"}


def test_rules_front_matter_title_and_description_count_as_uses(lint):
    md = "---\ntitle: Our KPI board\n---\n\nBody.\n"
    assert lint(md) == {"KPI": "HA001"}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_rules_front_matter_is_read_with_windows_line_breaks(lint, newline):
    keys = "---\ntags: [SLA, CSAT]\nowner: KPI\n---\n\nBody text.\n"
    assert lint(keys.replace("\n", newline)) == {}
    title = "---\ntitle: SLA basics\n---\nA Service Level Agreement (SLA) is a promise.\n"
    assert lint(title.replace("\n", newline)) == {}


def test_rules_message_gives_the_glossary_expansion(glossary):
    [finding] = lint_text("Keep the SLA.", glossary=glossary)
    assert finding.message == 'SLA is used but never defined; did you mean "Service Level Agreement (SLA)"?'
    assert finding.expansion == "Service Level Agreement"


def test_rules_ambiguous_message_lists_every_sense(glossary):
    [finding] = lint_text("Keep AHT low.", glossary=glossary)
    assert finding.code == "HA003"
    assert finding.senses == ("Average Handle Time", "Average Hold Time")
    assert '"Average Handle Time (AHT)" or "Average Hold Time (AHT)"' in finding.message


def test_rules_defined_later_message_points_at_the_definition(glossary):
    text = "The FRT matters.\nFirst Response Time (FRT) is measured in hours.\n"
    [finding] = lint_text(text, glossary=glossary)
    assert (finding.code, finding.line, finding.col, finding.defined_at) == ("HA002", 1, 5, 2)
    assert finding.expansion == "First Response Time"


def test_rules_one_finding_per_acronym_at_first_use(glossary):
    text = "Intro.\nThe SLA, the SLA and the SLAs.\n"
    findings = lint_text(text, glossary=glossary)
    assert [(f.acronym, f.line, f.col, f.end_col, f.text) for f in findings] == [("SLA", 2, 5, 8, "SLA")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_rules_positions_are_the_same_with_crlf(glossary, newline):
    text = newline.join(["Title", "", "Ask about the KPI board.", "Then the SLA."]) + newline
    findings = lint_text(text, glossary=glossary)
    assert [(f.acronym, f.line, f.col) for f in findings] == [("KPI", 3, 15), ("SLA", 4, 10)]
    for f in findings:
        assert text[f.start : f.end] == f.text


def test_rules_columns_count_code_points(glossary):
    text = "👍 é SLA"
    [finding] = lint_text(text, glossary=glossary)
    assert (finding.col, finding.end_col) == (5, 8)
    assert text[finding.start : finding.end] == "SLA"


def test_rules_allowlist_and_disable(glossary):
    text = "The SLA and the KPI and AHT."
    config = LintConfig(allow=frozenset({"SLA"}), disable=frozenset({"HA003"}))
    assert [f.acronym for f in lint_text(text, glossary=glossary, config=config)] == ["KPI"]


def test_rules_default_allowlist_can_be_switched_off(lint):
    assert lint("Call the API.") == {}
    assert lint("Call the API.", default_allow=False) == {"API": "HA001"}


def test_rules_glossary_acronyms_are_case_sensitive(lint):
    assert lint("It is fine, it works.") == {}
    assert lint("Ask IT.", default_allow=False) == {"IT": "HA001"}


def test_rules_table_codes():
    assert list(RULES) == ["HA001", "HA002", "HA003"]
    assert all(rule.level == "warning" for rule in RULES.values())


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\ufeff", "((((", ")" * 5000, "SLA (" * 2000])
def test_rules_degenerate_input_does_not_raise(glossary, text):
    for format in ("text", "markdown", "html", "rst"):
        lint_text(text, format, glossary=glossary)


def test_rules_markdown_escapes_golden(glossary, golden_dir, monkeypatch):
    """An article written with backslash escapes is linted as CommonMark renders it:
    ``Service Level Agreement \\(SLA\\)`` defines SLA; escapes in code, ``\\[FRT\\]`` and
    ``\\*FCR\\*`` define nothing.

    Regenerate after an intended change with ``UPDATE_GOLDEN=1``.
    """
    monkeypatch.chdir(golden_dir.parent)  # relative paths in the report, as a user types them
    result = lint_article(read_article(Path("data/escapes.md")), glossary=glossary, config=LintConfig())
    output = render([result], "text")
    golden = golden_dir / "escapes.text.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Our Average Handled Time \\(AHT\\) rose. AHT matters.", {}),
        ("Our AHT \\(Average Hold Time\\) rose. AHT matters.", {}),
        ("Our Service Level Agreement\\(SLA\\) holds. The SLA.", {}),
        ("Our Service Level\nAgreement \\(SLA\\) holds. The SLA.", {}),
        ("Our Service Level Agreement \\[SLA\\] holds. The SLA.", {"SLA": "HA001"}),
        ("Our `Service Level Agreement \\(SLA\\)` holds. The SLA.", {"SLA": "HA001"}),
    ],
    ids=["expansion-acr", "acr-expansion", "glued", "wrapped", "brackets", "code-span"],
)
def test_rules_markdown_escaped_parentheses_are_definitions(lint, text, expected):
    assert lint(text) == expected
