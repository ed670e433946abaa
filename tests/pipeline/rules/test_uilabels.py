"""pipeline.uilabels: a one-word term ending a bold label that names a part of a screen
("**Recent customer tickets**", "**New Ticket** dialog") is not the support concept; action
labels and labels the term only qualifies keep it."""

from __future__ import annotations

import pytest

from annotator.pipeline.rules import uilabels

from ..conftest import concept


GLOSSARY = [
    concept("agent", "Agent"),
    concept("ticket", "Ticket"),
    concept("tag", "Tag"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("first-response-time", "First Response Time", ["FRT"]),
]


@pytest.fixture(scope="module")
def labels_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("It shows up under **Recent customer tickets** with its SLA and FRT.", ["SLA", "FRT"]),
        ("In any **New Ticket** dialog the SLA and FRT are shown.", ["SLA", "FRT"]),
        ("| **4. Active Agents** | lists agents with an SLA and FRT |", ["agents", "SLA", "FRT"]),
        ("See __Recently viewed tickets__ for the SLA and FRT.", ["SLA", "FRT"]),
    ],
)
def test_uilabels_screen_labels_are_not_the_concept(labels_nlp, text, expected):
    assert _ents(labels_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an action on the concept
        ("Click **Add Tag** to meet the SLA and FRT.", ["Tag", "SLA", "FRT"]),
        # the term qualifies the label's head
        ("Under **Ticket Handling** the SLA and FRT apply.", ["Ticket", "SLA", "FRT"]),
        # a bold word alone, a lower-case label, bold prose
        ("Every **ticket** has an SLA and FRT.", ["ticket", "SLA", "FRT"]),
        ("Use **all open tickets** for the SLA and FRT.", ["tickets", "SLA", "FRT"]),
        ("**Nobody ever reads the whole list of tickets** under the SLA and FRT.", ["tickets", "SLA", "FRT"]),
    ],
)
def test_uilabels_the_concept_is_kept(labels_nlp, text, expected):
    assert _ents(labels_nlp, text) == expected


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("under **Recent tickets** now", "tickets", "Recent tickets"),
        ("under **Recent\n   tickets** now", "tickets", "Recent\n   tickets"),
        ("under **Recent tickets now", "tickets", None),
        ("**Recent**\n\ntickets** now", "tickets", None),
        ("the **tickets** view", "tickets", "tickets"),
    ],
)
def test_uilabels_bold_label(text, word, expected):
    start = text.index(word)
    assert uilabels.bold_label(text, start, start + len(word)) == expected


def test_uilabels_rule_is_registered_by_default():
    from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

    assert "helpdesk_glossary.ui_labels.v1" in DEFAULT_PRECISION_RULES


def test_uilabels_a_pipeline_without_the_rule_keeps_them(glossary_nlp):
    from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.ui_labels.v1"]
    nlp = glossary_nlp(GLOSSARY, precision_rules=rules)
    assert _ents(nlp, "It shows up under **Recent customer tickets** with its SLA and FRT.") == [
        "tickets", "SLA", "FRT"
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the object of a verb of clicking, alone or after "on" / "the"
        ("On the menu, choose **Tickets** to see the SLA and FRT.", ["SLA", "FRT"]),
        ("Select the **Agents** tab for the SLA and FRT.", ["SLA", "FRT"]),
        ("Click on *Tags*, then set the SLA and FRT.", ["SLA", "FRT"]),
        # the next entry of a menu path a verb of clicking opens
        ("Choose **Routing rules**, **Tickets** for the SLA and FRT.", ["SLA", "FRT"]),
        ("Go to __Settings__ > __Agents__ for the SLA and FRT.", ["SLA", "FRT"]),
        # the name of the part of the screen the noun after it says it is
        ("Update the URL in the **Tickets** settings for the SLA and FRT.", ["SLA", "FRT"]),
        ("Open the *Agents* tab for the SLA and FRT.", ["SLA", "FRT"]),
    ],
)
def test_uilabels_clicked_words_are_not_the_concept(labels_nlp, text, expected):
    assert _ents(labels_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # emphasis alone, or a verb that clicks nothing
        ("Every **ticket** has an SLA and FRT.", ["ticket", "SLA", "FRT"]),
        ("We chose **tickets** over chats for the SLA and FRT.", ["tickets", "SLA", "FRT"]),
        ("- **Tags** *add* spam to meet the SLA and FRT.", ["Tags", "SLA", "FRT"]),
        ("The **ticket** rules of the SLA and FRT.", ["ticket", "SLA", "FRT"]),
        # a clicked label of several words starting with an action is the action on the concept
        ("Click **Add Tag** to meet the SLA and FRT.", ["Tag", "SLA", "FRT"]),
    ],
)
def test_uilabels_emphasis_without_a_click_keeps_the_concept(labels_nlp, text, expected):
    assert _ents(labels_nlp, text) == expected


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("choose **Routing**, now", "Routing", True),
        ("select the *Forecast* tab", "Forecast", True),
        ("navigate to\n__Tickets__ and", "Tickets", True),
        ("choose ***Tags*** now", "Tags", False),  # bold italics: no single label mark pair
        ("choose **New Tickets** now", "Tickets", False),  # not one word alone in emphasis
        ("I chose **tickets**", "tickets", False),
    ],
)
def test_uilabels_clicked(text, word, expected):
    start = text.index(word)
    assert uilabels.clicked(text, start, start + len(word)) is expected


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("in the **Routing** settings.", "Routing", True),
        ("the *Tickets* tab", "Tickets", True),
        ("the **Routing** rules", "Routing", False),
        ("the Tickets tab", "Tickets", False),
    ],
)
def test_uilabels_names_screen_part(text, word, expected):
    start = text.index(word)
    assert uilabels.names_screen_part(text, start, start + len(word)) is expected
