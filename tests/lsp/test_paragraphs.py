"""The per-paragraph cache: an edit re-annotates the paragraph it touched, nothing else."""

from __future__ import annotations

import pytest

from annotator.lsp.paragraphs import BlockCache, blocks


def words(block: str) -> list[tuple[int, int, str]]:
    """A stand-in annotator: every capitalised word, offsets into ``block``."""
    out, pos = [], 0
    for word in block.split():
        pos = block.index(word, pos)
        if word[:1].isupper():
            out.append((pos, pos + len(word), word))
        pos += len(word)
    return out


def shift(item, by):
    return (item[0] + by, item[1] + by, item[2])


@pytest.fixture
def cache():
    calls: list[str] = []

    def annotate(block):
        calls.append(block)
        return words(block)

    made = BlockCache(annotate, shift, max_block=200)
    made.calls = calls
    return made


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("One.\r\n  \r\nTwo.\n", ["One.", "Two.\n"]),
        ("\n\n\nOnly.\n\n\n", ["Only."]),
        ("", []),
        ("a " * 150, None),  # cut at a space, every piece within the limit
    ],
)
def test_paragraphs_blocks(text, expected):
    found = [text[s:e] for s, e in blocks(text, max_block=200)]
    if expected is None:
        assert "".join(found) == text
        assert all(len(b) <= 200 for b in found)
    else:
        assert found == expected


def test_paragraphs_edit_reannotates_only_the_changed_paragraph(cache):
    paragraphs = [f"Paragraph {i} mentions Alpha and Beta." for i in range(50)]
    text = "\n\n".join(paragraphs)
    first = cache.annotate(text)
    assert cache.last_misses == 50
    edited = text.replace("Paragraph 10 mentions", "Paragraph 10 now mentions Gamma,")
    second = cache.annotate(edited)
    assert cache.last_misses == 1
    assert cache.last_annotated_chars == len(paragraphs[10]) + len(" now") + len(" Gamma,")
    assert second == [shift(w, 0) for w in _whole(edited)]
    assert len(second) == len(first) + 1


def _whole(text):
    out = []
    for start, end in blocks(text, max_block=200):
        out += [shift(w, start) for w in words(text[start:end])]
    return out


def test_paragraphs_cache_holds_only_the_current_paragraphs(cache):
    for i in range(200):
        cache.annotate(f"Stable paragraph.\n\nEdit number {i}.")
    assert len(cache._cache) == 2
