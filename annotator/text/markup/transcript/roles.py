"""Roles the conversation shows where no label or role value names them.

A care thread on a social platform names its speakers by their accounts (``TeamYouTube``,
``@Google``, ``AskPlayStation``), so :func:`~.model.role_of` finds no role word in them. The
thread itself says who is who:

- the help desk speaks for a company to someone it addresses (``@user1``): it signs its replies
  (``^KM``, ``-Ray``, ``~Tyler``, ``/EX``) or talks as a service (``DM us``, ``we're sorry``,
  ``let us know``, ``our team``); such a speaker, unless it opened the thread or it addresses
  another speaker that talks so (then it is talking to the service), is the agent;
- where no one talks so, the account the thread's opener calls on (``@AmericanAir``) and
  that answers the opener is the agent;
- between two parties who address no one by name (a chat pasted as ``Me: ... Them: ...``),
  the one who did not open it and talks as a service is the agent, unless the opener talks so
  too;
- a brand's own account whose name starts the agent's account name (``TMobile`` beside
  ``TMobileHelp``) is on the agent's side too;
- once there is an agent, the speakers its turns address, and the one who opened the thread,
  are customers; a speaker who answers a customer and whom a customer addresses, by its name
  or by the brand its name is made of (``@YouTube`` for ``TeamYouTube``), is the agent.

Speakers whose role a label or a role value gives keep it; a conversation with no agent side
(a meeting, two colleagues) gets no roles from here. No library fits: dialogue-act and
speaker-role classifiers are trained models that read sentences, not the addressing and
signing conventions of care accounts, and they would cost far more than these few patterns.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Turn, mentions

# A reply signed by the agent who wrote it, at its end (only a part counter, "2/3", or a link
# may follow): initials or a
# name after a mark, as care accounts sign ("^KM", "^DanielReyes", "-Ray", "–Joe", "~Tyler",
# "/EX", "*MS", "_Rjay").
_SIGNATURE = re.compile(
    r"(?<!\S)(?:[\^~*/]|[-\u2013\u2014_])[ \t]?(?:[A-Z]{1,3}|[A-Z][a-z]{1,15}(?:[A-Z][a-z]{1,15})?)"
    r"[ \t]*(?:\d/\d[ \t]*)?(?:https?://\S+[ \t]*)?\Z"
)
# A service speaking to the one it serves, in the first person plural (case-insensitive, so
# that speech-to-text text, which has no capitals, is read too).
_SERVICE_VOICE = re.compile(
    r"\b(?:(?:dm|message|contact|contacting|email|call|follow|reach(?:ing)? out to) us"
    r"|send us (?:a |an )?(?:dm|direct message|private message|message)"
    r"|let us know|keep us posted|thanks? (?:you )?for (?:reaching out|contacting us|the tag)"
    r"|we(?:['\u2019]re| are) (?:sorry|here to help|happy to help|glad to help)"
    r"|our (?:team|support team|specialists?|experts?|agents?|advisors?)"
    r"|we(?:['\u2019]d| would) (?:like to|love to) help|we can help|happy to help)\b",
    re.IGNORECASE,
)


# Account names are at most a few dozen characters; a longer speaker name is matched whole.
_LONGEST = 40


def _key(speaker: str | None) -> str | None:
    return speaker.lower().lstrip("@") if speaker else None


def infer_roles(text: str, turns: list[Turn]) -> list[Turn]:
    """``turns`` with the roles the conversation shows given to speakers that have none (see
    the module docstring); the turns themselves are unchanged otherwise."""
    keys = [_key(turn.speaker) for turn in turns]
    roles: dict[str, str | None] = {}
    for key, turn in zip(keys, turns):
        if key is not None and roles.get(key) is None:
            roles[key] = turn.role
    unknown = {key for key, role in roles.items() if role is None}
    if not unknown or len(roles) < 2:
        return turns
    addressed = [mentions(text, turn.start, turn.end) for turn in turns]
    forms = {key: _forms(key) for key in unknown}  # once per speaker, not per turn
    opener = keys[0]
    candidates = {key for key, turn, named in zip(keys, turns, addressed)
                  if key in unknown and key != opener and named and _speaks_as_service(text, turn)}
    # Each test below looks names up in sets, so that a document of thousands of speakers
    # stays linear.
    named_candidates: dict[str, set] = {}
    for key in candidates:
        for form in forms[key]:
            named_candidates.setdefault(form, set()).add(key)
    talking_to_service = {key for key, named in zip(keys, addressed) if key in candidates
                          and any(named_candidates.get(name, {key}) - {key} for name in named)}
    # A candidate that addresses another speaker talking as a service is talking to the
    # service ("@Acme let us know too"): that one is the agent.
    for key in candidates - talking_to_service:
        roles[key] = "agent"
    if not candidates and len(roles) == 2 and opener in unknown:
        # Two parties and no one addressed by name (a chat pasted as "Me: ... Them: ..."):
        # the one who did not open it and talks as a service is the help desk, unless the
        # opener talks so too.
        answerer = next(key for key in roles if key != opener)
        if answerer in unknown and _any_speaks_as_service(text, turns, keys, answerer) and not (
                _any_speaks_as_service(text, turns, keys, opener)):
            roles[answerer] = "agent"
    if not any(role == "agent" for role in roles.values()) and opener in unknown:
        # No one talks as a service: the account the opener called on (``@AmericanAir ...``)
        # and that answers the opener (``@116684 ...``) is the help desk.
        called = addressed[0]
        for key, named in zip(keys, addressed):
            if key in unknown and key != opener and opener in named and not (
                    forms[key].isdisjoint(called)):
                roles[key] = "agent"
    brands = {key[:length] for key, role in roles.items() if role == "agent"
              for length in range(3, min(len(key), _LONGEST))}
    for key in unknown:
        if roles[key] is None and key in brands:
            roles[key] = "agent"  # the brand's own account beside its care account
    _customers(roles, unknown, keys, addressed, opener)
    customers = {key for key, role in roles.items() if role == "customer"}
    addressed_by_customers = set().union(
        *(named for key, named in zip(keys, addressed) if key in customers))
    for key, named in zip(keys, addressed):
        if key in unknown and roles[key] is None and named & customers and not (
                forms[key].isdisjoint(addressed_by_customers)):
            roles[key] = "agent"  # addressed by a customer and answering one
    _customers(roles, unknown, keys, addressed, opener)
    return [turn if turn.role is not None or key not in unknown or roles[key] is None
            else replace(turn, role=roles[key]) for key, turn in zip(keys, turns)]


def _forms(key: str) -> set[str]:
    """The mentions that address the account ``key``: itself, or the brand its name is made of,
    a start or an end of it (``@YouTube`` for ``TeamYouTube``, ``@Dropbox`` for
    ``DropboxSupport``), three characters or more."""
    if len(key) > _LONGEST:
        return {key}
    return {key} | {part for length in range(3, len(key))
                    for part in (key[:length], key[-length:])}


def _any_speaks_as_service(text: str, turns: list[Turn], keys: list, key: str) -> bool:
    """Some turn of the speaker ``key`` talks as a service (:func:`_speaks_as_service`)."""
    return any(k == key and _speaks_as_service(text, turn) for k, turn in zip(keys, turns))


def _speaks_as_service(text: str, turn: Turn) -> bool:
    return bool(_SIGNATURE.search(text, turn.start, turn.end)
                or _SERVICE_VOICE.search(text, turn.start, turn.end))


def _customers(roles: dict, unknown: set, keys: list, named_by_turn: list, opener: str | None) -> None:
    """Once there is an agent: the speakers an agent's turns address, and the opener, are
    customers (``roles`` is updated)."""
    agents = {key for key, role in roles.items() if role == "agent"}
    if not agents:
        return
    addressed = set().union(*(named for key, named in zip(keys, named_by_turn) if key in agents))
    for key in unknown:
        if roles[key] is None and (key in addressed or key == opener):
            roles[key] = "customer"
