"""Roles the conversation shows: care accounts, the brand beside them, and their customers."""

from __future__ import annotations

import pytest

from annotator.text.markup.transcript import transcript_turns
from annotator.text.markup.transcript.model import Turn
from annotator.text.markup.transcript.roles import infer_roles


def _roles(text: str) -> list[tuple[str, str | None]]:
    _, turns = transcript_turns(text)
    return [(turn.speaker, turn.role) for turn in turns.turns]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reply to a customer by the account the customer addressed under its brand name
        ("user1: my review is blocked\nuser1: @YouTube help?\nTeamYouTube: @user1 dispute it",
         [("user1", "customer"), ("user1", "customer"), ("TeamYouTube", "agent")]),
        # an account that talks as a service to whom it addresses; the opener is the customer
        ("@user1: @Google locked out again\n\n@Google: @user1 Hi there, keep us posted.",
         [("@user1", "customer"), ("@Google", "agent")]),
        # a signed reply
        ("@ann: @Acme where is my parcel\n\n@Acme: @ann it ships today ~Tyler",
         [("@ann", "customer"), ("@Acme", "agent")]),
        ("Dana: @Shop my card was charged twice\nShop: @Dana refunded today. ^KM",
         [("Dana", "customer"), ("Shop", "agent")]),
        # the brand's own account beside its care account, whose name it starts
        ("TMobile: big news today\nuser1: @TMobile what now\nTMobileHelp: @user1 see here",
         [("TMobile", "agent"), ("user1", "customer"), ("TMobileHelp", "agent")]),
        # a third person the agent answers is a customer too
        ("@a: an idea\n\n@b: @a me too\n\n@DropboxSupport: @b thanks, we'll pass it on",
         [("@a", "customer"), ("@b", "customer"), ("@DropboxSupport", "agent")]),
        # ... signed before a part counter
        ("@ann: my parcel is late\n\n@Shop: @ann can I have the order number? - Mark 2/2",
         [("@ann", "customer"), ("@Shop", "agent")]),
        # no one talks as a service: the account the opener calls on and that answers the opener
        ("116684: today @AmericanAir lost my business\nAmericanAir: @116684 Whoa, what happened?\n"
         "116684: @AmericanAir a $50 fee", [("116684", "customer"), ("AmericanAir", "agent"),
                                           ("116684", "customer")]),
        # two parties who address no one (a pasted chat): the one answering as a service
        ("Me: my card was charged twice\nThem: we're sorry, let us know the order number\nMe: 123",
         [("Me", "customer"), ("Them", "agent"), ("Me", "customer")]),
        # speech-to-text text: no capitals, no marks
        ("ann: @acme my parcel\nacme: @ann we're sorry please dm us",
         [("ann", "customer"), ("acme", "agent")]),
    ],
)
def test_roles_from_the_thread(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no agent side (colleagues, a meeting): nobody is a customer
        ("Priya: let us know by Friday\nSam: sure\nPriya: thanks\nSam: bye",
         [("Priya", None), ("Sam", None), ("Priya", None), ("Sam", None)]),
        # a customer asking the service to let them know does not become the agent
        ("@ann: @Acme broken again\n\n@Acme: @ann sorry, DM us\n\n@bob: @Acme let us know too",
         [("@ann", "customer"), ("@Acme", "agent"), ("@bob", None)]),
        # an answer to an opener who called on no one: colleagues, not a help desk
        ("@ann: the build broke\n\n@bob: @ann fixed it", [("@ann", None), ("@bob", None)]),
        # the opener talking as a service is not taken for the agent
        ("@Acme: let us know what you think of our team\n\n@ann: @Acme love it",
         [("@Acme", None), ("@ann", None)]),
        # ... not where the opener talks as a service too (a help desk's own team asking)
        ("Me: our agents miss the queue\nThem: thanks for contacting us", [("Me", None), ("Them", None)]),
        # ... nor among three parties
        ("Me: my card\nAnn: same here\nThem: we're sorry\nAnn: thanks",
         [("Me", None), ("Ann", None), ("Them", None), ("Ann", None)]),
        # roles that labels give are kept
        ("Customer: @Acme hi\nAgent: @user1 let us know", [("Customer", "customer"), ("Agent", "agent")]),
    ],
)
def test_roles_only_from_evidence(text, expected):
    assert _roles(text) == expected


def test_roles_of_json_turns_named_by_their_accounts():
    text = ('[{"speaker": "user1", "text": "@AskPlayStation I cannot add funds"},'
            ' {"speaker": "AskPlayStation", "text": "@user1 Thank you for contacting us."}]')
    assert _roles(text) == [("user1", "customer"), ("AskPlayStation", "agent")]


def test_infer_roles_keeps_turns_and_offsets():
    text = "@ann: @Acme hi\n@Acme: @ann DM us"
    turns = [Turn(6, 14, 0, "@ann"), Turn(22, 32, 1, "@Acme")]
    inferred = infer_roles(text, turns)
    assert [(turn.start, turn.end, turn.index, turn.role) for turn in inferred] == [
        (6, 14, 0, "customer"), (22, 32, 1, "agent")]
    assert infer_roles(text, turns[:1]) == turns[:1]  # one speaker: nothing to infer


def test_infer_roles_stays_linear_with_thousands_of_speakers():
    import time

    # every speaker distinct, each addressing the next and talking as a service
    lines = [f"acct{number}: @acct{number + 1} please DM us ^AB" for number in range(5000)]
    text = "\n".join(lines)
    turns, start = [], 0
    for index, line in enumerate(lines):
        label_end = line.index(": ") + 2
        turns.append(Turn(start + label_end, start + len(line), index, line[:label_end - 2]))
        start += len(line) + 1
    started = time.process_time()
    inferred = infer_roles(text, turns)
    assert time.process_time() - started < 2.0
    assert [turn.start for turn in inferred] == [turn.start for turn in turns]
