"""annotator.text.markup.transcript.model: roles, the turn at an offset, escapes and span fields."""

from __future__ import annotations

import pytest

from annotator.text.markup.transcript.model import Turn, Turns, mentions, role_of, turn_fields


@pytest.mark.parametrize(
    "label,role",
    [
        ("Agent", "agent"), ("AOL REPRESENTATIVE", "agent"), ("HUMAN_AGENT", "agent"),
        ("Supervisor", "agent"),
        # the desk named by whom it serves is its staff
        ("Customer Service Representative", "agent"), ("CUSTOMER_CARE", "agent"),
        ("Member Services", "agent"), ("Customer Support", "agent"),
        ("Customer", "customer"), ("END_USER", "customer"), ("caller", "customer"),
        ("AUTOMATED_AGENT", "system"), ("IVR", "system"), ("Virtual Assistant", "system"),
        ("Priya", None), ("spk_0", None), ("", None), (None, None), ("agentic", None),
    ],
)
def test_model_role_of(label, role):
    assert role_of(label) == role


def _turns() -> Turns:
    return Turns([Turn(5, 10, 0, "A", "agent", (1.0, 2.0)), Turn(20, 30, 1, "B", None, None)])


@pytest.mark.parametrize("offset,index", [(0, None), (5, 0), (9, 0), (10, None), (20, 1), (29, 1), (30, None)])
def test_model_turn_at_offset(offset, index):
    turn = _turns().at(offset)
    assert (turn.index if turn else None) == index


def test_model_turn_fields_outside_and_inside_turns():
    text = "x" * 40
    assert turn_fields(_turns(), text, 6, 8) == {
        "turn": 0, "speaker": "A", "role": "agent", "time": {"start": 1.0, "end": 2.0}}
    assert turn_fields(_turns(), text, 12, 14) == {"turn": None, "speaker": None, "role": None, "time": None}


def test_model_span_ending_inside_an_escape_is_widened_and_decoded():
    text = r'["caf\u00e9 SLA\"s"]'
    escapes = [(text.index("\\u"), text.index("\\u") + 6, "é"), (text.index('\\"'), text.index('\\"') + 2, '"')]
    turns = Turns([Turn(2, len(text) - 2, 0)], escapes)
    start = text.index("caf")
    fields = turn_fields(turns, text, start, start + 4)  # "café" ends on the é shown at "\"
    assert fields["end"] == start + 9 and fields["text"] == "café"
    sla = text.index("SLA")
    fields = turn_fields(turns, text, sla, sla + 4)  # 'SLA"'
    assert fields["text"] == 'SLA"' and fields["end"] == sla + 5
    assert "end" not in turn_fields(turns, text, sla, sla + 3)


def test_model_turn_fields_are_made_once_per_turn_but_each_span_gets_its_own():
    turns = Turns([Turn(0, 10, 0, "Ana", "agent", (1.0, 2.5)), Turn(12, 20, 1, "Bo", "customer")])
    text = "x" * 20
    first, second = turn_fields(turns, text, 1, 3), turn_fields(turns, text, 4, 6)
    assert first == second == {"turn": 0, "speaker": "Ana", "role": "agent", "time": {"start": 1.0, "end": 2.5}}
    first["time"]["start"] = 99.0
    first["role"] = "changed"
    assert turn_fields(turns, text, 7, 8)["time"] == {"start": 1.0, "end": 2.5}
    assert turn_fields(turns, text, 7, 8)["role"] == "agent"
    assert turn_fields(turns, text, 10, 11) == {"turn": None, "speaker": None, "role": None, "time": None}


@pytest.mark.parametrize("text, start, end, expected", [
    ("@TMobile hi @user1, mail me at a@b.com", 0, None, {"tmobile", "user1"}),
    ("@Acme-Help: thanks @@x", 0, None, {"acme-help"}),
    ("@first then @second", 7, None, {"second"}),
    ("@first then @second", 0, 6, {"first"}),
    ("no one", 0, None, set()),
])
def test_model_mentions_reads_accounts_named_with_at(text, start, end, expected):
    assert mentions(text, start, end) == expected
