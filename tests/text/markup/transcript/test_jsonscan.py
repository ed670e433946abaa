"""annotator.text.markup.transcript.jsonscan: JSON values with the raw offsets of strings."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.text.markup.transcript.jsonscan import MAX_DEPTH, RawString, parse

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


def _strings(value):
    if isinstance(value, RawString):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


@settings(max_examples=200, deadline=None)
@given(value=_json, ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_jsonscan_agrees_with_json_and_strings_know_their_raw_range(value, ascii_only, indent):
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    parsed = parse(text)
    assert parsed == json.loads(text)
    for string in _strings(parsed):
        assert json.loads(f'"{text[string.start:string.end]}"') == string
        for start, end, decoded in string.escapes:
            assert text[start] == "\\" and json.loads(f'"{text[start:end]}"') == decoded


def test_jsonscan_surrogate_pairs_are_one_escape():
    value = parse(r'"a\ud83d\ude00b"')
    assert value == "a😀b" and value.escapes == ((2, 14, "😀"),)


def test_jsonscan_lone_surrogate_becomes_a_replacement_character():
    assert parse(r'"\ud83d"') == "\ufffd"


@pytest.mark.parametrize("text", ["", "[1,]", "{'a': 1}", "[1 2]", "{\"a\" 1}", "tru", "[\"\x01\"]", "01"])
def test_jsonscan_invalid_json_is_e207(text):
    with pytest.raises(InputError) as error:
        parse(text)
    assert error.value.code == "E207"


def test_jsonscan_depth_limit():
    parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    with pytest.raises(InputError, match="nested deeper"):
        parse("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


@pytest.mark.parametrize("text", ['"["', '["]"]', '{"": "["}', '{"}": ":"}', '[",", "{"]', '{"a": "]"}'])
def test_jsonscan_brackets_inside_strings_are_text(text):
    assert parse(text) == json.loads(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet='{}[]:,"\\ u0e1-.tfrnl', max_size=40))
def test_jsonscan_any_text_is_a_value_or_e207(text):
    try:
        expected = json.loads(text)
    except ValueError:
        expected = InputError
    try:
        found = parse(text)
    except InputError:
        found = InputError
    assert (found is InputError) == (expected is InputError), text
    if found is not InputError and "\\u" not in text:
        assert found == expected
