"""annotator.text.markup.plain: URLs, e-mails, handles and identifiers, in every format."""

from __future__ import annotations

import pytest

from annotator.text.markup import LENIENT_FORMATS, visible_text


# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "see https://kb.example.com/SLA now",
        "see http://x.io/a?q=SLA&b=KB now",
        "see www.example.com/SLA now",
        "mail SLA.team@example.com now",
        "write mailto:SLA@example.com now",
        "ping @SLA now",
        "ping @SLA-team now",
        "see ftp://files.example.com/SLA.pdf now",
    ],
)
def test_plain_masks_urls_emails_and_handles(text):
    out = visible_text(text, "text")
    assert "SLA" not in out and "KB" not in out
    assert out.split() == [text.split()[0], "now"]


@pytest.mark.parametrize("text", ["Our SLA is 4h.", "Call 555-1234 about the SLA", "SLA@ risk", "a@b"])
def test_plain_keeps_prose(text):
    assert visible_text(text, "text").count("SLA") == text.count("SLA")


def test_plain_handle_does_not_swallow_the_full_stop():
    assert visible_text("thanks @support.", "text") == "thanks         ."


@pytest.mark.parametrize("format", LENIENT_FORMATS)
@pytest.mark.parametrize("text", ["see ERR_SLA_TIMEOUT", "see sla_KB_breach()", "see #spt_SLA-channel"])
def test_plain_identifiers_are_hidden(format, text):
    out = visible_text(text, format)
    assert out.startswith("see ") and "SLA" not in out and "KB" not in out


@pytest.mark.parametrize("format", LENIENT_FORMATS)
@pytest.mark.parametrize("text", ["see _SLA_", "see #SLA", "see SLA-KB", "see __SLA__"])
def test_plain_emphasis_and_hashtags_are_not_identifiers(format, text):
    assert "SLA" in visible_text(text, format)


@pytest.mark.parametrize(
    "text,shown",
    [
        # underscore runs one after another: each one read whole, its neighbours left alone
        ("_AHT_ a_b _x_y c__d e_f_ _g_h_i", "_AHT_     _x_y c__d e_f_ _g_h_i"),
        ("é_SLA_KB #a_b &x_y z_1é", "é_SLA_KB      &x_y z_1é"),
        ("a_b_c_d", "       "),
        ("_AHT_ " * 3 + "a_b", "_AHT_ " * 3 + "   "),
    ],
)
def test_plain_identifier_runs(text, shown):
    assert visible_text(text, "text") == shown


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize(
    "text,shown",
    [
        # a number sign against a word before a number is hidden: the word can be read
        ("Ticket#4521 is open", "Ticket 4521 is open"),
        ("see case#55 now", "see case 55 now"),
        # ... not a language's name, a hashtag, a heading mark, a channel
        ("We use C# and F#.", "We use C# and F#."),
        ("a #CX tip", "a #CX tip"),
        ("SLA #2 applies", "SLA #2 applies"),
    ],
)
def test_plain_number_sign_against_a_word(fmt, text, shown):
    assert visible_text(text, fmt) == shown
