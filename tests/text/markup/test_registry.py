"""annotator.text.markup.registry: the formats, and the coded errors for anything else."""

from __future__ import annotations

import pytest

from annotator.errors import InputError
from annotator.text.markup import ALL_FORMATS, FORMATS, LENIENT_FORMATS, REGISTRY, Format, Masked, MaskOptions, visible_text
from annotator.text.markup.mask import Mask
from annotator.text.markup.registry import get_format


# --- contract ---------------------------------------------------------------------------------


def test_registry_formats():
    transcripts = ("transcript", "transcript-turns", "transcript-vtt", "transcript-srt",
                   "transcript-json")
    assert FORMATS == ("text", "markdown", "html", *transcripts)
    assert ALL_FORMATS == ("text", "markdown", "html", *transcripts, "rst")
    assert LENIENT_FORMATS == ("text", "markdown", "html", "rst")


def test_registry_unknown_format_is_a_coded_error():
    with pytest.raises(InputError) as error:
        visible_text("SLA", "docx")
    assert error.value.code == "E204"
    assert error.value.field == "format"


def test_registry_non_string_is_a_coded_error():
    with pytest.raises(InputError) as error:
        visible_text(b"SLA", "html")
    assert error.value.code == "E201"


def test_registry_lists_every_format_once_api_formats_first():
    assert tuple(REGISTRY) == ALL_FORMATS
    assert FORMATS == tuple(name for name, entry in REGISTRY.items() if entry.api)


@pytest.mark.parametrize("name", sorted(LENIENT_FORMATS))
def test_registry_every_masker_keeps_the_length(name):
    text = "SLA <b>x</b> `y` https://z/ ``w``\r\n:ref:`v` ---"
    masked = REGISTRY[name].masker(text, MaskOptions())
    assert len(masked.mask.render()) == len(text)
    assert all(0 <= start <= end <= len(text) for start, end in masked.headings)


def test_registry_a_new_format_is_one_entry(monkeypatch):
    def mask_shout(text: str, options: MaskOptions) -> Masked:
        mask = Mask(text)
        mask.hide(0, len(text) - len(text.lstrip("!")))
        return Masked(mask)

    monkeypatch.setitem(REGISTRY, "shout", Format("shout", mask_shout, api=False))
    assert visible_text("!!!SLA", "shout") == "   SLA"
    assert get_format("shout").masker is mask_shout
