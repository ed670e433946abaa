import pytest

from annotator.pipeline.rulecontext import PrecisionSettings
from annotator.pipeline.rules.dialogue import is_dialogue, turn_words


def _turns(text: str) -> list[tuple[int, int]]:
    """The ranges of ``text``'s lines, each line one turn."""
    ranges, start = [], 0
    for line in text.split("\n"):
        ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


_POST = "This is a post of several sentences. It goes on about the setup and what was tried. " * 2


@pytest.mark.parametrize(
    "text,expected",
    [
        ("I need two tickets\nFor which show?\nThe late one\nDone", True),  # lines of a dialogue
        (f"{_POST}\n{_POST}\nThanks", False),  # posts, one short thank-you among them
        (f"{_POST}\nok", False),  # half the turns are posts: a thread
        (f"{_POST}\nok\nsure", True),  # most turns are short: a dialogue
    ],
)
def test_is_dialogue_reads_the_turns_lengths(text, expected):
    assert is_dialogue(text, _turns(text), PrecisionSettings().dialogue_turn_words) is expected


def test_is_dialogue_without_turns_is_prose():
    assert is_dialogue("Some prose about tickets.", (), 20) is False


@pytest.mark.parametrize("text,start,end,expected", [("a b  c", 0, 6, 3), ("a b  c", 2, 6, 2), ("   ", 0, 3, 0)])
def test_turn_words_counts_runs_of_non_space(text, start, end, expected):
    assert turn_words(text, start, end) == expected


def test_dialogue_turn_words_is_a_setting():
    assert PrecisionSettings.from_config({"dialogue_turn_words": 5}).dialogue_turn_words == 5
