"""pipeline.codelike: whether a match sits inside a URL, e-mail, handle, path or identifier."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline.rules import codelike


def _window_rule(text: str, start: int, end: int) -> bool:
    """The rule as first written: a window of the chunk re-scanned per match (the reference)."""
    lo = start
    while lo > 0 and start - lo < codelike.CODE_REACH and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < codelike.CODE_REACH and not text[hi].isspace():
        hi += 1
    chunk = text[lo:hi]
    return bool(codelike._CODE_LIKE.search(chunk) or chunk.startswith("/"))


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("see https://help.example.com/sla/faq today", "sla", True),
        ("mail cs@example.com now", "cs", True),
        ("ping @CS_team please", "CS", True),
        ("the ticket_id field", "ticket", True),
        ("the ticket__id field", "ticket", True),
        # underscores at a chunk's edge are Markdown emphasis, not an identifier
        ("the _Overdue_ queue remains", "queue", False),
        ("the _Overdue_queue remains", "queue", True),
        ("_Dedicated Support Channels_", "Support Channels", False),
        ("__Support Channels__ list", "Support Channels", False),
        ("open /admin/sla/settings", "sla", True),
        ("visit csat.io for more", "csat", True),
        ("our SLA.Please reply", "SLA", False),
        ("our SLA, and AHT.", "SLA", False),
        ("the (SLA) matters", "SLA", False),
        ("path C:\\Users\\sla\\x", "sla", True),
        ("`SLA` in code", "SLA", True),
        ("x" * 300 + "-SLA-" + "y" * 300 + "_z", "SLA", False),  # the construct is out of reach
        ("x" * 50 + "-SLA-" + "y" * 50 + "_z", "SLA", True),
        ("-SLA" * 500, "SLA", False),
    ],
)
def test_codelike_agrees_with_the_window_rule(text, word, expected):
    start = text.index(word)
    end = start + len(word)
    assert codelike.CodeLike(text)(start, end) is expected
    assert codelike.in_code_like_chunk(text, start, end) is expected
    assert _window_rule(text, start, end) is expected


def test_codelike_scans_a_glued_chunk_once(monkeypatch):
    """A megabyte with no whitespace and a match every four characters: one scan of the chunk,
    not one per match (what made such a text cost minutes)."""
    scans = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, *args):
            scans.append(args[1:])
            return self.pattern.finditer(*args)

    monkeypatch.setattr(codelike, "_CODE_LIKE", Counting(codelike._CODE_LIKE))
    text = "-SLA" * 250_000
    code_like = codelike.CodeLike(text)
    assert not any(code_like(i, i + 3) for i in range(1, len(text), 4 * 997))
    assert len(scans) == 1


def test_codelike_term_over_two_chunks():
    text = "an SLA breach@x today"
    start = text.index("SLA")
    assert codelike.CodeLike(text)(start, text.index("@"))  # "SLA breach" reaches the e-mail


def _indexed(text: str) -> codelike.CodeLike:
    code_like = codelike.CodeLike(text)
    code_like._chunks()  # the whole text's chunk index, as a text without whitespace gets it
    return code_like


@pytest.mark.parametrize(
    "text",
    [
        "Open https://example.com/SLA and the SLA page",
        "the SLA_id field, user@SLA.io and the\u00a0SLA\u2003x",
        "-SLA" * 40 + " SLA " + "x" * 100 + "SLA/y",  # whitespace-free stretches past the walk
    ],
)
def test_codelike_short_walks_agree_with_the_chunk_index(text):
    walking, indexed = codelike.CodeLike(text), _indexed(text)
    for start in range(len(text)):
        if text[start].isspace():
            continue
        for end in range(start + 1, min(len(text), start + 12) + 1):
            if not text[end - 1].isspace():
                assert walking(start, end) == indexed(start, end), (start, end)


@given(st.one_of(st.text(alphabet="-SLA_@/ x.", min_size=1, max_size=40),
                 st.text(alphabet="-SLA_@/x.", min_size=65, max_size=300)),  # past the walk: indexed
       st.data())
def test_codelike_one_instance_answers_as_a_fresh_one(text, data):
    """A CodeLike remembers the last clean chunk between questions: asked about many matches in
    text order, it answers each as a new CodeLike would."""
    code_like = codelike.CodeLike(text)
    bounds = sorted(data.draw(st.lists(st.integers(0, len(text) - 1), min_size=1, max_size=12)))
    for start in bounds:
        if text[start].isspace():
            continue
        end = start + 1
        while end < len(text) and not text[end].isspace() and end - start < 4:
            end += 1
        assert code_like(start, end) == codelike.CodeLike(text)(start, end), (start, end)


@given(st.lists(st.sampled_from(["a", "w", ".", "com", "io", "/", ":", "@", "_", "\\", "`", " ", "-", "é"]),
                max_size=10))
def test_codelike_a_stretch_verdict_is_its_texts(parts):
    """The screen judges each distinct stretch text once: the construct pattern, searched
    between two offsets of a text, finds one exactly when it finds one in that slice alone."""
    text = "".join(parts)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            found = codelike._CODE_LIKE.search(text, start, end)
            assert (found is None) == (codelike._CODE_LIKE.search(text[start:end]) is None)
