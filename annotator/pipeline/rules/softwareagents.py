"""Agents that are programs: "agent" in a text about agents built on language models.

English "agent" names a person acting for someone (the support agent the glossary defines) and
a program acting for a user. Texts about agents built on large language models (framework
documentation, their issue reports, the AI features of a help desk) use the second sense on
every line: "An agent is an LLM configured with instructions and tools", "handoffs let an
agent delegate to another agent". A tooltip explaining a frontline employee there explains the
wrong thing, and such a text names the machinery the program is made of, which a text about
people never needs: a language model, tool calls, guardrails, sub-agents.

So a document that names at least :data:`MACHINE_KINDS_NEEDED` kinds of that machinery
(:data:`MACHINE_WORDS`, :data:`MACHINE_PHRASES`: the general vocabulary of the field, never
a product's name; :data:`SHARED_WORDS`, "tools", "prompt", only beside one of those) is about
program agents, and in it a bare "agent" / "agents" is one, unless
the word before it makes it a person ("human agent", "live agent", "support agent":
:data:`PERSON_MARKS`). A term of several words ("AI agent", "agent orchestration",
"customer support agent") is left alone: its other words say which sense it is.

In any other document, a page that mixes the two ("Fin is Intercom's AI customer-service
agent ... escalates to human agents"), a bare "agent" is a program where its own noun phrase
says so: a word of :data:`PROGRAM_MARKS` opens it ("AI chat agents", "an AI-powered support
agent" is no "support agent"), with only glossary words or hyphens between ("AI
customer-service agent"; "AI tools help agents" has a verb between and stays).

One look at the document's word hashes spares every document without a bare "agent" match
or without any word of the machinery or a program mark the rest. Pure functions over the document's tokens; the
component runs them as the ``software_agents`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id

from ...glossary.compile import TERM_LABEL
from ..resolution import release
from ..tokentexts import word_before

#: The word whose two senses this rule tells apart, in the forms a match of one token has.
AGENT_FORMS = frozenset(("agent", "agents"))
_AGENT_IDS = frozenset(map(get_string_id, AGENT_FORMS))
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`).
TRIGGER_IDS = _AGENT_IDS

#: One-word names of the machinery of a program built on a language model (general vocabulary
#: of the field), each with the kind of machinery it names.
MACHINE_WORDS = {
    "llm": "model", "llms": "model",
    "agentic": "agentic",
    "guardrail": "guardrail", "guardrails": "guardrail",
    "subagent": "subagent", "subagents": "subagent",
    "mcp": "protocol",
    "embedding": "embedding", "embeddings": "embedding",
}
#: Names of the machinery written as two words (or hyphenated), by kind; looked for (in one
#: pass) only when the document holds the first word of one (:data:`_PHRASE_OPENERS`).
MACHINE_PHRASES = {
    "model": r"language[ -]models?",
    "tool call": r"(?:tool|function)[ -]call(?:s|ing|ed)?",
    "subagent": r"(?:sub|multi)-agents?",
}
# All of them in one pattern, one group per kind: one pass over the text finds every kind.
_PHRASES = re.compile(
    r"\b(?:" + "|".join(f"({phrase})" for phrase in MACHINE_PHRASES.values()) + r")\b", re.IGNORECASE
)
_PHRASE_KINDS = tuple(MACHINE_PHRASES)
_PHRASE_OPENERS = frozenset(map(get_string_id, ("language", "tool", "function", "sub", "multi")))
#: Words of the machinery that other software names too ("tools", an IVR's "prompts"): a kind
#: of their own only beside one of the words above ("the agent passes tools to the LLM").
SHARED_WORDS = {"tool": "tool", "tools": "tool", "prompt": "prompt", "prompts": "prompt"}
_WORD_IDS = {get_string_id(word): kind for word, kind in MACHINE_WORDS.items()}
_SHARED_IDS = {get_string_id(word): kind for word, kind in SHARED_WORDS.items()}
_CUE_IDS = frozenset(_WORD_IDS) | _PHRASE_OPENERS
#: Fewest kinds of machinery that make a document one about program agents: one alone is a
#: help desk mentioning its AI feature ("our LLM drafts replies for your agents").
MACHINE_KINDS_NEEDED = 2

#: Words before "agent" that make it a person (general English): "human agent", "live
#: agent", "support agent", "call-centre agent".
PERSON_MARKS = frozenset(
    "human humans live real person staff support service care helpdesk desk contact call center "
    "centre frontline senior junior available".split()
)


#: Words that open the noun phrase of a program agent (general vocabulary of the field):
#: "AI chat agents", "an LLM agent".
PROGRAM_MARKS = frozenset("ai genai llm gpt autonomous".split())
_PROGRAM_MARK_IDS = frozenset(map(get_string_id, PROGRAM_MARKS))
#: Words that may stand between such a mark and "agent" besides glossary words: the second
#: half of a hyphenated modifier ("AI-powered", "LLM-based") and the hyphen itself.
MODIFIER_LINKS = frozenset("- powered driven based first".split())
#: How many words before "agent" its noun phrase's opening mark may stand.
PROGRAM_REACH = 4


def named_a_program(tokens, start: int, glossary_words: frozenset[str]) -> bool:
    """The noun phrase of the "agent" at token ``start`` opens with one of
    :data:`PROGRAM_MARKS`, only glossary words (``glossary_words``) or
    :data:`MODIFIER_LINKS` between: "AI customer-service agent", "AI-powered agents"."""
    for i in range(start - 1, max(-1, start - 1 - PROGRAM_REACH), -1):
        word = tokens[i].lower()
        if word in PROGRAM_MARKS:
            return True
        if word not in MODIFIER_LINKS and word not in glossary_words:
            return False
    return False


def machine_kinds(text: str, words: frozenset[int], enough: int | None = None) -> set[str]:
    """The kinds of language-model machinery the document names: ``words`` are the hashes of
    its lower-case token texts, ``text`` is read only for the two-word names whose first word
    it holds. With ``enough``, the text is read only until that many kinds are known (the
    answer may then leave some out): a long text names its machinery early, and reading it to
    the end to learn no more than "enough" costs a pass over all of it."""
    kinds = {_WORD_IDS[w] for w in words.intersection(_WORD_IDS)}
    shared = {_SHARED_IDS[w] for w in words.intersection(_SHARED_IDS)}

    def known() -> bool:  # shared words count only beside another kind
        return enough is not None and bool(kinds) and len(kinds | shared) >= enough

    if not _PHRASE_OPENERS.isdisjoint(words) and not known():
        phrases = set()
        for found in _PHRASES.finditer(text):
            kind = _PHRASE_KINDS[found.lastindex - 1]
            if kind not in phrases:
                phrases.add(kind)
                kinds.add(kind)
                if len(phrases) == len(_PHRASE_KINDS) or known():
                    break
    if kinds:
        kinds |= shared
    return kinds


def is_person(tokens, start: int) -> bool:
    """The word before token ``start`` makes the agent a person (:data:`PERSON_MARKS`); a hyphen
    between them is skipped ("call-center agent")."""
    return word_before(tokens, start).lower() in PERSON_MARKS


def drop_software_agents(context, matches: list, taken: bytearray) -> list:
    """The ``software_agents`` rule: ``matches`` without the bare "agent" mentions of a
    document about program agents (see the module docstring). ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    if not matches:
        return matches
    words = context.words()
    machinery, marked = not _CUE_IDS.isdisjoint(words), not _PROGRAM_MARK_IDS.isdisjoint(words)
    if _AGENT_IDS.isdisjoint(words) or not (machinery or marked):
        return matches
    lower = context.lower()
    candidates = [
        m for m in matches
        if m.end - m.start == 1 and m.label == TERM_LABEL and not m.is_token_pattern and lower[m.start] in _AGENT_IDS
    ]  # fmt: skip
    if not candidates:
        return matches
    tokens = context.tokens()
    if machinery and len(machine_kinds(context.text, words, MACHINE_KINDS_NEEDED)) >= MACHINE_KINDS_NEEDED:
        return release(matches, {m for m in candidates if not is_person(tokens, m.start)}, taken)
    if not marked:
        return matches
    glossary_words = context.lexicon().words
    return release(matches, {m for m in candidates if named_a_program(tokens, m.start, glossary_words)}, taken)
