"""annotator.text.markup.rst: literals, roles, targets and directives."""

from __future__ import annotations

import pytest

from annotator.text.markup import visible_text


# --- reStructuredText -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SLA ``KB`` x",
        "SLA :ref:`KB` x",
        "SLA :doc:`/a/KB` x",
        "SLA `KB`:term: x",
        "SLA `text <https://x/KB>`_ x",
        "SLA |KB| x\n\n.. |KB| image:: kb.png\n",
        "SLA |KB| x\n\n.. |KB| replace:: the knowledge centre\n",
        "SLA https://x/KB",
        "SLA::\n\n    KB\n\nafter",
        "SLA\n\n::\n\n    KB\n",
        "SLA\n\n.. code-block:: python\n\n   KB\n",
        "SLA\n\n.. _KB: https://example.com\n",
        "SLA\n\n.. |x| replace:: KB\n",
        "SLA\n\n.. a comment about KB\n   still KB\n",
        "SLA\n\n.. image:: KB.png\n   :alt: KB\n",
        "SLA\n\n__ https://example.com/KB\n",
    ],
)
def test_rst_hides_literals_roles_targets_and_directives(text, shown):
    assert shown(text, "rst", "KB") == []
    assert shown(text, "rst", "SLA") == [text.index("SLA")]


@pytest.mark.parametrize(
    "text",
    [
        "Track |SLA| compliance.",
        "Promised in |SLA|_ terms.",
        "Track |SLA| compliance.\n\n.. |SLA| replace:: :abbr:`SLA (Service Level Agreement)`\n",
    ],
)
def test_rst_substitution_reference_reads_as_its_name(text, shown):
    # Defined elsewhere (a shared file) or as a replacement holding its name: the name is what
    # the reader sees; the bars (and a link's underscore) are not.
    at = text.index("|SLA|") + 1
    assert shown(text, "rst", "SLA")[0] == at
    visible = visible_text(text, "rst")
    assert visible[at - 1] == " " and visible[at + 3] == " "


@pytest.mark.parametrize(
    ("text", "acronyms", "hidden"),
    [
        ("Open the :guilabel:`SLA Status Analysis` report.", ["SLA"], ["Status", "Analysis"]),
        ("Go to :menuselection:`Helpdesk --> Reporting --> SLAs`.", ["SLAs"], ["Helpdesk", "Reporting", "-->"]),
        ("Select :guilabel:`Number of SLA's Failed`.", ["SLA's"], ["Number", "Failed"]),
        ("Click :guilabel:`Save` or :guilabel:`OK`.", ["OK"], ["Save"]),
        ("Click :guilabel:`Queue` now.", [], ["Queue"]),
    ],
)
def test_rst_ui_label_roles_show_only_their_acronyms(text, acronyms, hidden, shown):
    # A guilabel or menu path names a control: its words are a name, an acronym still itself.
    visible = visible_text(text, "rst")
    for word in acronyms:
        assert shown(text, "rst", word) == [text.index(word)]
    for word in hidden:
        assert word not in visible
    assert ":guilabel:" not in visible and ":menuselection:" not in visible


def test_rst_admonition_text_and_body_are_prose(shown):
    text = ".. note:: SLA first\n   :class: KB\n\n   Then NPS.\n"
    assert shown(text, "rst", "SLA") == [text.index("SLA")]
    assert shown(text, "rst", "NPS") == [text.index("NPS")]
    assert shown(text, "rst", "KB") == []


def test_rst_literal_block_ends_at_dedent(shown):
    text = "Run this::\n\n    KB\n\nSLA again.\n"
    assert shown(text, "rst", "SLA") == [text.index("SLA")]


@pytest.mark.parametrize(
    "text, short, long",
    [
        ("Set an :abbr:`SLA (Service Level Agreement)` policy.", "SLA", "Service Level Agreement"),
        ("Per :abbr:`SLAs (Service Level Agreements)`, and `KB`:term: too.", "SLAs", "Service Level Agreements"),
    ],
)
def test_rst_abbreviation_role_shows_the_acronym_and_its_expansion(text, short, long):
    visible = visible_text(text, "rst")
    assert len(visible) == len(text)
    assert visible[text.index(short) :].startswith(f"{short} ({long})")
    assert ":abbr:" not in visible and "`" not in visible and "KB" not in visible


def test_rst_abbreviation_role_defines_the_acronym_for_the_linter():
    from annotator.text.abbreviations import find_definitions

    text = "Set an :abbr:`SLA (Service Level Agreement)` policy."
    [definition] = find_definitions(visible_text(text, "rst"))
    assert (definition["short"], definition["long"]) == ("SLA", "Service Level Agreement")
