"""Software senses of the desk's own words: a message broker's queue, an editor's macro.

Several everyday words the glossary defines by the help desk name a piece of machinery in
developers' English: a *queue* a broker delivers messages from to its consumers, a *macro* an
editor records from keystrokes and plays back, a *dashboard* of panels over a monitoring tool's
queries, an *agent* a build or monitoring program runs on each host. Issue reports and runbooks
about that machinery use the word on every line ("at least one queue gets stuck with unacked
messages"), with the other words of the same support context a help desk uses (incident,
escalate, ticket), so the everyday-word scores keep it; a tooltip explaining a help desk's
queue there explains the wrong thing.

Such a text names the machinery's other parts, which a text about a help desk never needs: a
broker's queue comes with acks, a prefetch and workers; an editor's macro with keystrokes and
playback (never a word support says of its own things too: a customer is a "consumer", a ticket
editor has a cursor, a call flow has nodes). So a document that names at least
:data:`KINDS_NEEDED` kinds of the machinery of one software sense (:data:`SOFTWARE_SENSES`:
general vocabulary of the field, never a product's name) uses the word in that sense, and its
bare mentions are dropped, unless

* the document names the kind of product a help desk is ("help desk", "contact center", "live
  chat": :func:`.deskproduct.names_desk_kind`): the desk's sense is the product's own,
  whatever machinery its report names (identifiers do not count here: a broker's code says
  ``default_queue`` too); or
* the document names :data:`DESK_CONCEPTS_VETO` or more other concepts of the desk's own
  (:attr:`GlossaryLexicon.desk_terms <annotator.pipeline.lexicon.GlossaryLexicon.desk_terms>`:
  "ticket", "agent", "escalation"): a help centre's page on applying macros with a keyboard
  shortcut, or on call recordings' playback, is about the desk whatever else it names; or
* the word before a mention is a word of support (:data:`SUPPORT_MARKS`, or a form of another
  of the desk's own terms): "the support queue", "a ticket macro" say which sense they mean.

A mention whose own phrase names the program is the software's in any document (not one that
names the kind of product a help desk is, nor after a word of support): a word of
:data:`SOFTWARE_MODIFIERS` right before it ("a message queue", "the build agent", "a keyboard
macro"), or a verb done only to the software's thing before it ("restarted the agent",
"installed the Datadog agent", "recording a macro": :data:`MACHINE_VERBS`).

Such a mention also counts as one kind of the machinery for the document's decision ("recording
a macro" and keystrokes). Otherwise one sense per discourse, as for the everyday words: the
decision is the document's, for every inflection of the word alike. One look at the document's word hashes spares every document
without one of the words or without a word of its machinery the rest. Pure functions over the
document's tokens; the component runs them as the ``software_senses`` precision rule
(:mod:`..precision`), before the everyday-word scores (a dropped mention is no support context
for another word).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..names import SOURCE_TEXT_KEY
from ..resolution import one_word_terms, release
from ..tokentexts import word_before
from .deskproduct import desk_forms, names_desk_kind

#: word -> the kinds of machinery its software sense comes with -> the words naming each kind
#: (lower case, general English of the field).
SOFTWARE_SENSES: dict[str, dict[str, str]] = {
    # a message broker's or a job runner's queue
    "queue": {
        # (not "consumer", "subscriber" or "publisher": support says them of customers and authors)
        "roles": "producer producers",
        "acks": "ack acks acked acking unacked unacking nack nacked",
        "delivery": "prefetch redelivered redelivery retries retried",
        "workers": "worker workers job jobs",
        "verbs": "enqueue enqueued enqueues enqueuing dequeue dequeued dequeues requeue requeued",
        "broker": "broker brokers",
        "hosts": "pod pods cluster clusters container containers",
    },
    # an editor's or a spreadsheet's recorded keystrokes
    # (not the keyboard, an editor or its cursor: a help desk's ticket editor has them too, and
    # a macro is applied "with a keyboard shortcut")
    "macro": {
        "input": "keystroke keystrokes keybinding keybindings keymap keymaps",
        "playback": "playback replay replays replayed replaying recorder",
        "spreadsheet": "spreadsheet spreadsheets workbook workbooks vba",
    },
    # a monitoring tool's dashboard of panels over queries
    "dashboard": {
        "panels": "panel panels",
        "queries": "query queries datasource datasources",
        "hosts": "pod pods cluster clusters container containers cpu",
        "observability": "latency scrape scraped alerting tracing",
    },
    # a program a build or monitoring system runs on each machine
    # (not "node" or "build": a contact centre's call flow has nodes, and people build flows)
    "agent": {
        "hosts": "host hosts vm vms cpu",
        "builds": "runner runners",
        "heartbeats": "heartbeat heartbeats",
        "autoscaling": "autoscaling autoscaler autoscaled",
        "daemon": "daemon daemons systemd",
        "controller": "controller",
    },
}
#: What names a route a network's (general English of the field): "ingress routes", "HTTP routing".
_NETWORK_ROUTES = frozenset("ingress http url network dns".split())
#: word -> words that, right before a mention, make it the software's whatever the document
#: says elsewhere (general English of the field): "a message queue", "a keyboard macro", "the
#: build agent", "a monitoring dashboard". Never a word support uses of its own ("priority
#: queue", "task queue", "AI agent": a contact centre's too), nor one tickets write of
#: everything ("API", "logging").
SOFTWARE_MODIFIERS: dict[str, frozenset[str]] = {
    "queue": frozenset("message messages job jobs broker fifo".split()),
    "macro": frozenset("keyboard keystroke editor vba preprocessor".split()),
    "dashboard": frozenset("monitoring observability".split()),
    "tag": frozenset("git image docker release version html meta script style xml".split()),
    "route": _NETWORK_ROUTES,
    "routing": _NETWORK_ROUTES,
    "agent": frozenset("build ci monitoring metrics telemetry ssh backup deployment endpoint "
                       "collector runner host".split()),
}
#: word -> verbs done only to the software's thing, never to the desk's: "restart the agent",
#: "installed the Datadog agent", "record a macro", "purge the queues" (a determiner and one
#: capitalised word may stand between).
MACHINE_VERBS: dict[str, frozenset[str]] = {
    "agent": frozenset(
        "install installs installed installing reinstall reinstalled uninstall uninstalled restart restarts "
        "restarted restarting upgrade upgraded upgrading downgrade downgraded deploy deployed redeploy".split()),
    "macro": frozenset("record records recorded recording replay replays replayed play plays played playing".split()),
    "queue": frozenset("purge purges purged purging declare declares declared declaring".split()),
}
#: How many words before the mention its verb may stand (articles, adjectives, a name between).
VERB_REACH = 3

#: Fewest kinds of one sense's machinery that make a document use the word in that sense: one
#: alone is a help desk's text touching software ("our agents build macros", "jobs in the queue").
KINDS_NEEDED = 2
#: Fewest other concepts of the desk's own (tickets, agents, escalations) that make a document
#: the desk's, whatever machinery it names.
DESK_CONCEPTS_VETO = 2
#: Words before a mention that say the help desk's sense (general English of support): "the
#: support queue", "a help desk macro", "the customer service dashboard".
SUPPORT_MARKS = frozenset(
    "support help helpdesk desk service customer customers care contact ticket tickets chat call "
    "calls human live".split()
)

_KIND_IDS = {
    word: {get_string_id(w): kind for kind, words in kinds.items() for w in words.split()}
    for word, kinds in SOFTWARE_SENSES.items()
}
_MODIFIER_IDS = {word: frozenset(map(get_string_id, words)) for word, words in SOFTWARE_MODIFIERS.items()}
_VERB_IDS = {word: frozenset(map(get_string_id, words)) for word, words in MACHINE_VERBS.items()}
# word -> the hashes of its modifiers and verbs.
_LOCAL_IDS = {word: _MODIFIER_IDS.get(word, frozenset()) | _VERB_IDS.get(word, frozenset())
              for word in SOFTWARE_MODIFIERS.keys() | MACHINE_VERBS.keys()}  # fmt: skip
_CUE_IDS = frozenset(h for table in (_KIND_IDS, _LOCAL_IDS) for ids in table.values() for h in ids)


def software_kinds(word: str, words: frozenset[int]) -> set[str]:
    """The kinds of ``word``'s software machinery a document names; ``words`` are the hashes of
    its lower-case token texts."""
    ids = _KIND_IDS.get(word, {})
    return {ids[h] for h in words.intersection(ids)}


def _forms(lexicon) -> dict[int, str]:
    """Lower-case form hash -> the word of :data:`SOFTWARE_SENSES` (or of
    :data:`SOFTWARE_MODIFIERS`) it inflects, for the words
    the glossary defines as everyday terms ("queues", "queued" -> "queue")."""
    forms = {}
    for word in sorted(SOFTWARE_SENSES.keys() | SOFTWARE_MODIFIERS.keys()):
        for inflected in lexicon.bases.get(word, {}).values():
            forms.update((get_string_id(form), word) for form in inflected)
    return forms


def _support_marks(lexicon) -> frozenset[str]:
    """:data:`SUPPORT_MARKS` and every form of the desk's own terms ("ticket", "agent")."""
    return SUPPORT_MARKS.union(desk_forms(lexicon))


def said_of_support(tokens, start: int, marks: frozenset[str]) -> bool:
    """The word before token ``start`` is one of ``marks`` ("support queue"); a hyphen between
    them is skipped ("help-desk macro")."""
    return word_before(tokens, start).lower() in marks


def named_a_program(tokens, start: int, word: str) -> bool:
    """The mention of ``word`` at token ``start`` says the software's sense itself: one of its
    :data:`SOFTWARE_MODIFIERS` right before it, or one of its :data:`MACHINE_VERBS` up to
    :data:`VERB_REACH` words before it, only words and at least one between ("restarted the
    Datadog agent", "plays a new macro")."""
    if start == 0:
        return False
    before = tokens[start - 1]
    if before.lower() in SOFTWARE_MODIFIERS.get(word, ()):
        return True
    verbs = MACHINE_VERBS.get(word, ())
    # The verb up to VERB_REACH words before, only words between ("plays a new macro"); not
    # right before it: "restart agent" may be a noun's compound.
    for k in range(start - 2, max(-1, start - 2 - VERB_REACH), -1):
        if tokens[k].lower() in verbs:
            return True
        if not tokens[k].isalpha():
            return False
    return False


def _cued(lower, start: int, word: str) -> bool:
    """A modifier of ``word`` right before token ``start``, or one of its verbs within reach
    (by the lower-case hashes ``lower``): what :func:`named_a_program` then reads."""
    if start and lower[start - 1] in _MODIFIER_IDS.get(word, ()):
        return True
    verbs = _VERB_IDS.get(word)
    return bool(verbs) and any(lower[k] in verbs for k in range(max(0, start - 1 - VERB_REACH), start - 1))


def drop_software_senses(context, matches: list, taken: bytearray) -> list:
    """The ``software_senses`` rule: ``matches`` without the bare mentions of a desk word a
    document uses in a software sense (see the module docstring). ``context`` is the
    component's :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release
    their tokens."""
    if not matches:
        return matches
    words = context.words()
    cues = _CUE_IDS.intersection(words)  # the few cue words the document holds
    if not cues:
        return matches
    lexicon = context.lexicon()
    forms = lexicon.derived("software_senses.forms", lambda: _forms(lexicon))
    # The words the document holds, judged by its word hashes alone before any match is read:
    # how many kinds of each one's machinery it names, and whether it holds a modifier or a
    # verb of it (a mention naming the program).
    present = {forms[h] for h in forms.keys() & words}
    kinds = {word: len(software_kinds(word, cues)) for word in present}
    local = {word for word in present if not cues.isdisjoint(_LOCAL_IDS.get(word, ()))}
    if not local and all(n < KINDS_NEEDED for n in kinds.values()):
        return matches
    lower = context.lower()
    candidates = [m for m in one_word_terms(matches) if lower[m.start] in forms]
    # The hashes of the few words before each mention first, their texts only then.
    named = {m for m in candidates if forms[lower[m.start]] in local and _cued(lower, m.start, forms[lower[m.start]])}
    if named:
        tokens = context.tokens()
        named = {m for m in named if named_a_program(tokens, m.start, forms[lower[m.start]])}
    # A mention naming the program is one more kind of evidence for the document's sense.
    for word in {forms[lower[m.start]] for m in named}:
        kinds[word] += 1
    if not named and all(n < KINDS_NEEDED for n in kinds.values()):
        return matches
    desk = {m.id for m in matches if m.id in lexicon.desk_terms}
    if len(desk) > DESK_CONCEPTS_VETO - 1:  # enough, but besides the candidate's own concept?
        candidates = [m for m in candidates if len(desk - {m.id}) < DESK_CONCEPTS_VETO]
        if not candidates:
            return matches
    if names_desk_kind(context.doc.user_data.get(SOURCE_TEXT_KEY) or context.text, lexicon):
        return matches
    marks = lexicon.derived("software_senses.marks", lambda: _support_marks(lexicon))
    tokens = context.tokens()
    dropped = {
        m for m in candidates
        if (m in named or kinds[forms[lower[m.start]]] >= KINDS_NEEDED) and not said_of_support(tokens, m.start, marks)
    }  # fmt: skip
    return release(matches, dropped, taken)
