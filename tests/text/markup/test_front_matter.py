"""annotator.text.markup.front_matter: the one reader of the ``---`` block atop an article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.markup import find_front_matter, visible_text
from annotator.text.markup.front_matter import _SENTENCE_END, _ends_sentence, prose_values


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_front_matter_any_line_break_ends_a_line(newline):
    text = newline.join(["---", "title: SLA guide", "owner: ops_team", "---", "Body"])
    found = find_front_matter(text)
    assert found is not None
    assert text[slice(*found.body)] == "title: SLA guide" + newline + "owner: ops_team" + newline
    assert text[found.close_end - 3 : found.close_end] == "---"
    assert text[found.end :] == "Body"
    assert [(key, text[start:end]) for key, start, end in prose_values(text, found, ("title",))] == [
        ("title", "SLA guide")
    ]


@pytest.mark.parametrize(
    "text,end",
    [
        ("---\n---\n", 8),
        ("---\na: 1\n...\nBody", 13),
        ("---\na: 1\n---", 12),
        ("--- \t\na: 1\n---  \nBody", 17),
    ],
)
def test_front_matter_delimiters(text, end):
    assert find_front_matter(text).end == end


@pytest.mark.parametrize(
    "text",
    ["", "Body\n---\na: 1\n---\n", "---\ntitle: SLA\nBody", " ---\na: 1\n---\n", "----\na: 1\n---\n", "---x\n---\n"],
)
def test_front_matter_only_a_closed_block_at_the_very_top(text):
    assert find_front_matter(text) is None


@pytest.mark.parametrize("quote", ["'", '"', ""])
def test_front_matter_values_lose_their_quotes(quote):
    text = f"---\nTitle:  {quote}SLA guide{quote}  \n---\n"
    [(key, start, end)] = prose_values(text, find_front_matter(text), ("title",))
    assert (key, text[start:end]) == ("title", "SLA guide")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_front_matter_windows_and_old_mac_articles_are_masked_like_unix_ones(newline):
    unix = "---\ntitle: SLA guide\nslug: KB_rules\n---\nBody NPS\n"
    text = unix.replace("\n", newline)
    assert visible_text(text, "markdown").replace(newline, "\n") == visible_text(unix, "markdown")
    assert "KB" not in visible_text(text, "markdown") and "SLA guide" in visible_text(text, "markdown")


# --- a header of "Key: value" lines -------------------------------------------------------------

_README = "=== Acme Desk ===\nContributors: acme\nTags: helpdesk, ticket\nStable tag: 1.7.2\n\nA help desk."


@pytest.mark.parametrize(
    "text,keys",
    [
        # under a title line, a plugin readme's header
        (_README, ["Contributors", "Tags", "Stable tag"]),
        # from the first line, an e-mail's header; the first line that is no field ends it
        ("From: Sam\nTo: support\nSubject: SLA breach\n\nHi, the SLA was missed.", ["From", "To", "Subject"]),
        ("Agent: hi\nCustomer: my ticket\nAgent: ok\nThanks, all sorted now", ["Agent", "Customer", "Agent"]),
    ],
)
def test_header_keys_of_a_header(text, keys):
    from annotator.text.markup.front_matter import header_keys

    assert [text[start:end] for start, end in header_keys(text)] == keys


@pytest.mark.parametrize(
    "text",
    [
        # two fields are as often a sentence's pair
        "Subject: SLA\nPriority: P1\n\nBody",
        # a value that is a sentence: a glossary's list of definitions, prose
        "Ticket: A request from a customer.\nQueue: A list of tickets.\nAgent: The person who replies.\n",
        # fields below a prose line and a field line: no header atop the text
        "Tags: a\nWe use tags.\nKey: a\nKey: b\nKey: c\n",
        # not atop the text
        "Hello.\n\nFrom: a\nTo: b\nSubject: c\n",
        # a list item, a definition in emphasis: not a header's key
        "- Tags: a\n- Queue: b\n- Agent: c\n",
        "",
    ],
)
def test_header_keys_not_a_header(text):
    from annotator.text.markup.front_matter import header_keys

    assert header_keys(text) == []


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_header_keys_are_hidden_values_shown(fmt):
    visible = visible_text(_README, fmt)
    assert len(visible) == len(_README)
    assert "Tags" not in visible and "Stable tag" not in visible
    assert "helpdesk, ticket" in visible and "=== Acme Desk ===" in visible and "A help desk." in visible


def test_header_keys_yaml_front_matter_first():
    text = "---\ntitle: SLA\n---\nFrom: a\nTo: b\nSubject: c\n"
    assert "From" in visible_text(text, "markdown")


@given(st.text(alphabet="a).! \t:x\n", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_front_matter_sentence_end_tried_at_the_tail_only_agrees_with_a_search(text, start, stop):
    """Trying the sentence-end pattern only before the trailing blanks finds what a search of
    the whole value finds."""
    start, stop = min(start, len(text)), min(stop, len(text))
    searched = start <= stop and _SENTENCE_END.search(text, start, stop) is not None
    assert (start <= stop and _ends_sentence(text, start, stop)) == searched
