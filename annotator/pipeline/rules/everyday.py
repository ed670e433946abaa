"""One-word terms that are everyday English words: support jargon only in support context.

"Thanks for your feedback", "the reporting period", "it queues up the change": a glossary term
named by a single common word ("feedback", "reporting", "queue"; which terms those are is the
lexicon's business, :mod:`..lexicon`) is kept only when the words around it say support. Each
mention gets a score:

* ``+ context_term_weight`` for each other glossary concept matched within
  ``context_window`` tokens in the same paragraph (at most two count), and ``+ context_doc_weight`` for each other
  concept the document names anywhere (at most ``context_doc_concepts`` count), a concept
  whose words the name rules found in a name included: "the **Helpdesk** app", "Staff Agent"
  are no mentions, but a product or a role named so belongs to a help desk;
* ``+ context_screen_weight`` for a noun mention that qualifies a part of a program's screen
  ("the ticket view", "the ticket sidebar": :data:`SCREEN_NOUNS`): the help desk's screen;
* ``+ context_word_weight`` for each domain word nearby, in the paragraph (words that occur in several glossary
  names: "customer", "support", "ticket"; at most two count), never the term's own forms (a word
  is no evidence for itself: "your tickets ... one ticket" in a booking is the same word again),
  nor the verb "support" ("we support Android": :mod:`.supportverb`);
* ``- verb_penalty`` when the term's noun form is used as a verb (never a word English uses
  as a noun only, "send email to agent": :func:`~annotator.vocabulary.inflection.is_verb_like`,
  nor a word right after a determiner, "in the ticket it leaves"): after "to", a modal, a
  negated auxiliary ("we don't queue", :mod:`.negation`) or a
  subject pronoun ("we queue", "to queue"; not a "to" after a word that sends something
  somewhere, :data:`TO_PREPOSITION_HEADS`: "transfer to queue", "responding to feedback"), before the particle "up" ("queues up") or an
  object ("reporting a bug", "bug your agents"), or, for an ``-ing`` form, after "be" ("users
  who are reporting"); never a form written with a capital mid-sentence ("Phone Extension to
  Agent Mapping"): English writes a verb there in lower case, a capital makes a name's word;
  and "it" with a modal or "is" after it opens the next clause, no object ("for production
  incidents it will be");
* ``+ context_repeat_weight`` on a term's best noun score for each further noun mention of it
  in the document (at most ``context_repeat_mentions`` count), and ``+
  context_desk_repeat_weight`` more for a term of the desk's own (see ``context_desk_weight``
  below) in written text, not a transcript: a term the document keeps
  coming back to is its subject (not in a document with words of travel or events, where a
  repeated "ticket" is the traveller's);
* ``- gerund_verb_penalty`` more when the term is named by an ``-ing`` word and used as a
  verb ("Reporting a bug?", "users who are reporting issues"): the concept is the activity's
  name ("reporting": the function), the verb never is; and the same when both sides of the
  base form say verb, "to" or a modal before it and an object after it ("to bug your
  agents"): no noun reading is left;
* ``- courtesy_penalty`` for a mention thanked for ("Thank you for your feedback", "Thanks for
  reporting!", "Appreciate the tag"): it is what the writer was sent, not the concept, and it
  is judged alone;
* a term naming a capacity (an ``-ability`` noun: "availability", :data:`CAPACITY_SUFFIXES`)
  is dropped, whatever its score, unless a domain word or another match stands right beside it
  ("service availability", "availability SLA"): a capacity is said of whatever the sentence
  is about ("his availability", "agent availability": a person's time), and the document's
  support context does not say whose; dropped so, it is no context for another term either
  ("what is my availability ... two tickets please" is a booking, not support);
* ``+ context_desk_weight`` on the best noun score of a term of the desk's own (one the
  glossary defines by the customer: "agent", "queue", "ticket"; :attr:`GlossaryLexicon.desk_terms
  <annotator.pipeline.lexicon.GlossaryLexicon.desk_terms>`) when the document is about a
  help-desk or contact-centre product (:mod:`.deskproduct`: it names the kind of product,
  a handle or a module name included, "@freescout-helpdesk", "helpdesk_mgmt", or its code is
  named by the desk's things, ``agent.getContacts()``): the product is the context;
* ``+ context_care_weight`` for a noun mention said by the help desk itself: in a turn the
  transcript reader gave the agent's role (a care account answering on social media, an
  ``AGENT:`` turn; the caller lists those turns under :data:`~annotator.pipeline.names.AGENT_TURNS_KEY`). A brand's
  care agent speaks the desk's own words ("no agents were available", "we appreciate your
  feedback") whatever the brand sells; what the customer says may be of any trade, and a
  word of travel or events nearby still counts against it;
* ``+ context_request_weight`` for a noun mention someone asks to speak to ("waiting to speak
  to a representative", "talk with a live agent"; :mod:`.reachperson`): a caller asking for
  the desk's people;
* ``- other_domain_weight`` for each word of travel or events nearby, in the paragraph (at most
  two count): "first class tickets", "seat availability on the flight" are a traveller's
  tickets and a flight's seats, whatever support words the conversation holds
  (:data:`OTHER_DOMAIN_WORDS`).

One sense per discourse: a term is kept in a document when its best-scored mention reaches
``context_threshold``, and then everywhere in it. Verb forms made from a noun term ("tagged",
"queued") part from the noun's sense more often: they are decided among themselves, on the
words around them (the document's other concepts do not count), and a noun used as a verb
("we queue up") is judged alone. The decision never depends on which inflection was written: "queue",
"queues", "queued" and "queuing" are one term
(:func:`~annotator.vocabulary.inflection.inflection_map`, the routine pattern generation makes
them with), nor on a slip of the keys: a misspelt form the fuzzy matcher found ("tikcet") is
judged as the form it misspells. Terms of several words, acronyms and coined words are
specific enough alone and are not scored. The weights and the threshold are
:class:`~annotator.pipeline.rulecontext.PrecisionSettings`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from spacy.strings import get_string_id

from ...runtime import budget
from ...vocabulary.inflection import gerund_verb, is_verb_like, pluralize
from ...vocabulary.typos import typo_forms
from ..resolution import one_word_terms, release
from .negation import negated_verb_cue
from .otherparties import PARTY_IDS
from .propernames import at_sentence_start
from .reachperson import asked_to_reach
from .supportverb import FORM_IDS as SUPPORT_FORM_IDS, support_verbs
from ..spanvalues import FUZZY
from ..spoken import in_spoken_stretch
from ..names import AGENT_TURNS_KEY

#: Words after which a noun form is a verb ("to queue", "we tag", "will hold"): its base form
#: (an infinitive, or the present tense after a plural or first-person subject; "to agents",
#: "we tickets" are no verbs) ... A negated auxiliary ("don't", "won't") is no single token
#: (the tokenizer splits it): :mod:`.negation` reads it.
VERB_CUES = frozenset("to i we you they will would can could should must may might shall please".split())
#: ... and, after a third-person singular subject, its ``-s`` form ("it queues").
THIRD_PERSON_CUES = frozenset(("he", "she", "it"))
#: Words after which "to" is a preposition, never an infinitive's mark (general English): verbs
#: that send something somewhere, in every form, and the phrases "to" closes ("transfer to
#: queue", "assign to agent", "responding to feedback", "handed off to", "back to", "according
#: to"). The word after such a "to" is where the thing goes, a noun. Never "going", "want",
#: "need", "able": an infinitive follows them ("going to tag").
TO_PREPOSITION_HEADS = frozenset(
    "transfer transfers transferred transferring assign assigns assigned assigning "
    "reassign reassigns reassigned reassigning route routes routed routing "
    "send sends sent sending forward forwards forwarded forwarding "
    "redirect redirects redirected redirecting escalate escalates escalated escalating "
    "move moves moved moving return returns returned returning switch switches switched switching "
    "add adds added adding pass passes passed passing submit submits submitted submitting "
    "respond responds responded responding reply replies replied replying "
    "listen listens listened listening belong belongs belonged belonging "
    "connect connects connected connecting attach attaches attached attaching "
    "off over back due according prior next close related similar compared "
    "access attention".split()
)
#: Endings of nouns made from other words (general English morphology): "escalation",
#: "readiness", "availability", "ownership" name a thing or a state and are never verbs, so
#: "time to escalation" is a preposition before a noun.
NOMINAL_SUFFIXES = ("tion", "sion", "ness", "ity", "ship", "ism")
#: Endings of English nouns naming a capacity, made from "-able" adjectives ("availability",
#: "scalability", "reliability"): a capacity is said of whatever the sentence is about (a
#: person's availability, a plan's scalability), so such a term is the glossary's concept only
#: where a domain word or another term qualifies it, right beside it ("service availability",
#: "availability SLA"); the document's context says nothing of what it is the capacity of.
CAPACITY_SUFFIXES = ("ability", "ibility")
#: Particles after which a noun form is a phrasal verb ("queue up", "tag along").
PARTICLES = frozenset(("up", "along"))
#: Words that open a noun phrase: right after the term, its object ("reporting a bug", "bug
#: your agents", "tag them"), so the term is a verb. A noun is rarely followed by one.
OBJECT_STARTS = frozenset(
    "a an the your my our their his her its this these those them him me us it".split()
)
#: Determiners (general English): the word right after one heads or qualifies a noun phrase
#: ("in the ticket it leaves", "each queue"), never a verb, whatever follows it. Not "that"
#: or "her", which are also a conjunction and a pronoun ("so that we tag", "to tag her").
DETERMINERS = frozenset("a an the this these those my your our their its his every each no any some another".split())
#: Forms of "be": before an ``-ing`` form, a progressive verb ("users who are reporting").
BE_FORMS = frozenset("am is are was were be been being".split())
#: Words that take a subject right before them (modals, "is", "has": general English): "it"
#: before one opens the next clause ("For production incidents it will be the manager"), so
#: it is no object of the term ("tag it").
CLAUSE_VERBS = frozenset("will would can could should must may might shall is was has had does did".split())
#: The courtesy "thanks for (your) X" / "thank you for the X": X is what the writer was sent
#: ("your feedback", "reporting"), not the support concept.
_THANKS = frozenset(map(get_string_id, ("thanks", "thank", "thx")))
_THANKED_DETERMINERS = frozenset(map(get_string_id, ("your", "the", "all", "this", "that", "you", "ya")))
#: The same courtesy said "appreciate the X" ("Appreciate the tag": thanks for being mentioned
#: on social media). Not "appreciate your X": a care team's "we appreciate your feedback"
#: acknowledges what it passes on to the product's people, the support concept.
_APPRECIATE = frozenset(map(get_string_id, ("appreciate", "appreciated", "appreciates", "appreciating")))
_THE = get_string_id("the")
#: Any word a courtesy opens with, for the document's one-look pre-check.
_COURTESY = _THANKS | _APPRECIATE
#: General English words of travel and events: near one, an everyday word such as "ticket" or
#: "availability" is the traveller's or the audience's (an airline's "e-ticket number", a
#: flight's seat availability), the support desk's sense being the exception. Words of those
#: domains alone, never ones support text uses for itself ("booking", "service").
OTHER_DOMAIN_WORDS = frozenset(
    "flight flights airline airlines airport airports boarding passenger passengers fare fares "
    "itinerary itineraries seat seats seating legroom layover luggage baggage departure departures "
    "departing arrival arrivals arriving outbound concert concerts venue venues "
    "festival festivals stadium theatre theater cinema raffle lottery bus buses ferry "
    "ferries railway travel travels travelled traveled travelling traveling traveller travellers "
    "traveler travelers travelcard travelcards musical musicals movie movies".split()
)
#: Nouns for a part of a program's screen (general software vocabulary): a term right before
#: one qualifies it ("the ticket view", "the ticket sidebar", "the queue tab"), and a screen
#: that shows the term's things is the help desk's own, whatever the document's other words.
SCREEN_NOUNS = frozenset(
    "view views sidebar sidebars panel panels tab tabs pane panes dialog dialogs toolbar "
    "toolbars widget widgets field fields form forms".split()
)
# The same, as the hashes spaCy keys lower-case token texts by (no string is looked up per token).
_VERB_CUE_IDS = frozenset(map(get_string_id, VERB_CUES))
_TO = get_string_id("to")
_TO_PREPOSITION_IDS = frozenset(map(get_string_id, TO_PREPOSITION_HEADS))
_THIRD_PERSON_IDS = frozenset(map(get_string_id, THIRD_PERSON_CUES))
_PARTICLE_IDS = frozenset(map(get_string_id, PARTICLES))
_OBJECT_START_IDS = frozenset(map(get_string_id, OBJECT_STARTS))
_DETERMINER_IDS = frozenset(map(get_string_id, DETERMINERS))
_FOR = get_string_id("for")
_BE_IDS = frozenset(map(get_string_id, BE_FORMS))
_IT = get_string_id("it")
_CLAUSE_VERB_IDS = frozenset(map(get_string_id, CLAUSE_VERBS))
_OTHER_DOMAIN_IDS = frozenset(map(get_string_id, OTHER_DOMAIN_WORDS))
_SCREEN_IDS = frozenset(map(get_string_id, SCREEN_NOUNS))
#: How far a paragraph break is looked for, in characters, either side of a mention.
_PARAGRAPH_REACH = 2000


def _verb_use(lower: Sequence[int], i: int, form: str, base: str, verbs: frozenset[str], objects: bool = True) -> bool:
    """The noun form at token ``i`` is used as a verb (``-ed``/``-ing`` forms and the forms of a
    verb term are verbs anyway and get no penalty: their sense comes from context alone). A
    word English never makes a verb of (no past tense people write, and no gerund of a verb)
    is a noun whatever the words around it, and so is a word a determiner stands before.

    The form must fit the word before it: the base form after "to", a modal or a plural
    subject ("to queue", "we tag"), the ``-s`` form after "he", "she", "it" ("it queues"); a
    plural after "to" is a noun after a preposition ("distribute chats to agents"). A noun with
    a nominal ending (:data:`NOMINAL_SUFFIXES`) is never a verb. ``objects`` False: a word
    opening a noun phrase after the term is no object (speech-to-text, where sentences run
    together: "the current agent this will ..."), except after a term named by an ``-ing``
    word: the activity's name seldom ends a sentence, the verb takes its object there
    ("we recommend reporting this", "why it's reporting the views")."""
    if base in verbs or form.endswith(NOMINAL_SUFFIXES) or not (is_verb_like(base) or gerund_verb(base)):
        return False
    plural = pluralize(base)
    if form not in (base, plural):
        return False
    before = lower[i - 1] if i > 0 else 0
    if before in _DETERMINER_IDS:  # "the ticket it leaves": a determiner opens a noun phrase
        return False
    after = lower[i + 1] if i + 1 < len(lower) else 0
    objects = objects or form.endswith("ing")
    if after in _PARTICLE_IDS or (objects and after in _OBJECT_START_IDS and not _opens_clause(lower, i + 1)):
        return True
    if before in _VERB_CUE_IDS:
        return form == base and not _prepositional_to(lower, i - 1)
    if negated_verb_cue(lower, i - 1):  # "we don't queue chats", "i cant hold"
        return form == base
    if before in _THIRD_PERSON_IDS:
        return form == plural and form != base
    return before in _BE_IDS and form.endswith("ing")


def _opens_clause(lower: Sequence[int], j: int) -> bool:
    """Token ``j`` is "it" as the subject of the next clause, a modal or "is" after it
    (:data:`CLAUSE_VERBS`): no object of the word before it."""
    return lower[j] == _IT and j + 1 < len(lower) and lower[j + 1] in _CLAUSE_VERB_IDS


def _infinitive_with_object(lower: Sequence[int], i: int) -> bool:
    """Token ``i`` follows an infinitive "to" or a modal and a noun phrase's opening word follows
    it ("to bug your agents")."""
    before = lower[i - 1] if i > 0 else 0
    after = lower[i + 1] if i + 1 < len(lower) else 0
    return (before in _VERB_CUE_IDS and after in _OBJECT_START_IDS and not _opens_clause(lower, i + 1)
            and not _prepositional_to(lower, i - 1))


def _prepositional_to(lower: Sequence[int], j: int) -> bool:
    """Token ``j`` is "to" as a preposition: after a word that sends something somewhere or
    a phrase "to" closes (:data:`TO_PREPOSITION_HEADS`: "transfer to queue")."""
    return lower[j] == _TO and j > 0 and lower[j - 1] in _TO_PREPOSITION_IDS


def thanked_for(lower: Sequence[int], i: int) -> bool:
    """Token ``i`` is what a "thanks for ..." thanks the reader for ("Thank you for your
    feedback", "Thanks for reporting!"), or "appreciate the ..." does ("Appreciate the tag")."""
    if i >= 2 and lower[i - 1] == _THE and lower[i - 2] in _APPRECIATE:
        return True
    j = i - 1
    while j >= 0 and i - j <= 2 and lower[j] in _THANKED_DETERMINERS:
        j -= 1
    if j < 1 or lower[j] != _FOR:
        return False
    j -= 1
    if lower[j] in _THANKED_DETERMINERS and j > 0:  # "thank you for"
        j -= 1
    return lower[j] in _THANKS


def mention_score(
    lower: Sequence[int],
    i: int,
    others: Callable[[int, int], int],
    *,
    other_concepts: int,
    lexicon,
    settings,
    form: str,
    base: str,
    window: tuple[int, int] | None = None,
    thanks: bool = True,
    enough: float | None = None,
    objects: bool = True,
    own: frozenset[int] = frozenset(),
    cues_less_own: frozenset[int] | None = None,
    capitalised: bool = False,
    other_domain: bool = True,
) -> tuple[float, str]:
    """The context score of the one-word term at token ``i`` (see the module docstring), and
    the mention's kind: ``"noun"``, ``"verb use"`` (the noun used as a verb, judged alone),
    ``"courtesy"`` (thanked for, :func:`thanked_for`: ``- courtesy_penalty``, judged alone) or
    ``"derived"`` (a verb form made from a noun term, "tagged", "queued": its senses part more
    than the noun's, so the document's other concepts do not count for it, only the words
    around it and its other mentions).

    ``lower`` are the document's lower-case token hashes (spaCy's ``LOWER``), ``others(lo, hi)``
    how many matches of other concepts start in the token range ``lo:hi`` (asked only when the
    score needs them), ``lexicon`` the
    :class:`~annotator.pipeline.lexicon.GlossaryLexicon` and ``settings`` the
    :class:`~annotator.pipeline.rulecontext.PrecisionSettings`; ``window`` the token range that
    counts as context (by default ``context_window`` tokens either side); ``thanks`` False says
    the document has no "thank" (so no mention is :func:`thanked_for`). With ``enough`` (a
    threshold), a score certain to reach it may be returned as a lower bound that does.
    ``objects`` False: no object cue (see :func:`_verb_use`). ``own``: the hashes of the term's
    own forms, which are no domain word for it (a word is no evidence for itself: "one ticket
    ... 1 ticket" in a booking dialogue is the same everyday word again); ``cues_less_own``:
    the lexicon's domain-word hashes less ``own``, when the caller keeps them. ``capitalised``:
    the mention is written with a capital where nothing asks for one (mid-sentence), so it is
    no verb, whatever the words around it say. ``other_domain`` False: the document has no word
    of travel or events (:data:`OTHER_DOMAIN_WORDS`), so none can come off the score."""
    if window is None:
        reach = int(settings.context_window)
        window = (max(0, i - reach), min(len(lower), i + reach + 1))
    lo, hi = window
    derived = base not in lexicon.verbs and form not in (base, pluralize(base))
    courtesy = thanks and thanked_for(lower, i)
    verb = not (courtesy or capitalised) and _verb_use(lower, i, form, base, lexicon.verbs, objects)
    kind = "courtesy" if courtesy else "verb use" if verb else "derived" if derived else "noun"
    gerund = verb and base.endswith("ing")
    # Both sides saying verb ("to bug your agents", "will tag the calls"): an infinitive or a
    # modal before the base form and an object after it leave no noun reading.
    sure = verb and not gerund and objects and form == base and _infinitive_with_object(lower, i)
    # The largest deduction still to come: the other-domain words (two count, where the
    # document has any) and the penalty.
    deduction = (settings.courtesy_penalty if courtesy else settings.verb_penalty if verb else 0.0) + (
        2 * max(settings.other_domain_weight, 0.0) if other_domain else 0.0) + (
        settings.gerund_verb_penalty if gerund or sure else 0.0)
    # The terms add first, cheapest first; once what is added clears ``enough`` whatever comes
    # off, the words around need no count: the score returned then is that lower bound.
    score = 0.0 if derived else min(other_concepts, int(settings.context_doc_concepts)) * settings.context_doc_weight
    if not (derived or verb or courtesy) and i + 1 < len(lower) and lower[i + 1] in _SCREEN_IDS:
        score += settings.context_screen_weight
    if enough is not None and score - deduction >= enough and settings.context_term_weight >= 0 and (
            settings.context_word_weight >= 0):
        return score - deduction, kind
    near = others(lo, hi)
    score += min(near, 2) * settings.context_term_weight
    if enough is not None and score - deduction >= enough and settings.context_word_weight >= 0:
        return score - deduction, kind
    cue_ids = lexicon.context_ids
    around = lower[lo:hi]
    # Counted by ``map`` over a set's membership test (no Python step per token); a term's own
    # forms leave the cue set first instead of being tested per token.
    if own:
        cues = sum(map((cue_ids - own if cues_less_own is None else cues_less_own).__contains__, around))
    else:
        cues = sum(map(cue_ids.__contains__, around)) - (lower[i] in cue_ids)
    if cues and not SUPPORT_FORM_IDS.isdisjoint(around):  # rare: the verb "support" is no domain word
        # Only the verb's forms counted above come off: the term's own, and those no glossary
        # name holds ("supported"), never were.
        cues -= support_verbs(lower, lo, hi, skip=own | (SUPPORT_FORM_IDS - cue_ids), at=i)
    score += min(cues, 2) * settings.context_word_weight
    if other_domain and not _OTHER_DOMAIN_IDS.isdisjoint(around):  # rare: one set look-up, no count, mostly
        elsewhere = sum(1 for h in around if h in _OTHER_DOMAIN_IDS)
        score -= min(elsewhere, 2) * settings.other_domain_weight
    if courtesy:
        return score - settings.courtesy_penalty, kind
    if verb:
        score -= settings.verb_penalty
        # A term named by an -ing word names an activity ("reporting": the function); the
        # same word with an object or after "be" is the verb itself ("reporting a bug").
        if gerund or sure:
            score -= settings.gerund_verb_penalty
    return score, kind


def misspelt_form(match, written: str, forms: dict[str, str]) -> str:
    """The one of ``forms`` (an everyday concept's forms) that ``written``, a fuzzy ``match``'s
    word, misspells with one slip of the keys (:func:`~annotator.vocabulary.typos.typo_forms`), or ``written``
    itself when none does or the match is no misspelling."""
    if match.kind != FUZZY:
        return written
    for form in forms:
        if written in typo_forms(form):
            return form
    return written


def _capital_mid_sentence(context, i: int, start: int) -> bool:
    """Token ``i`` (starting at character ``start``) starts with a capital where nothing asks
    for one: after a word or a comma, not at a text's, a line's or a sentence's start
    (:func:`~.propernames.at_sentence_start`). The tokens are read only for a capital."""
    if i == 0 or not context.text[start : start + 1].isupper():
        return False
    return not at_sentence_start(context.tokens(), i)


def _paragraph_window(context, i: int, reach: int, breaks: bool = True) -> tuple[int, int]:
    """Tokens within ``reach`` of token ``i`` and in its paragraph (a blank line ends the
    context: the next paragraph, a table or a list below, is about something else);
    ``breaks`` False says the text has no blank line."""
    text, token_end = context.text, context.token_end
    n = len(context.doc)
    if not breaks:
        return max(0, i - reach), min(n, i + reach + 1)
    here = token_end(i)
    before = text.rfind("\n\n", max(0, here - _PARAGRAPH_REACH), here)
    after = text.find("\n\n", here, here + _PARAGRAPH_REACH)
    lo, hi = max(0, i - reach), min(n, i + reach + 1)
    while lo < i and token_end(lo) <= before + 1:
        lo += 1
    while after >= 0 and hi > i + 1 and token_end(hi - 1) > after + 1:
        hi -= 1
    return lo, hi


def _unqualified_capacities(judged: list, matches: list, lower: Sequence[int], lexicon) -> list:
    """The mentions in ``judged`` ((match, form, base) triples) of a term naming a capacity
    (:data:`CAPACITY_SUFFIXES`) that no domain word (:attr:`GlossaryLexicon.context_ids
    <annotator.pipeline.lexicon.GlossaryLexicon.context_ids>`) and no other match of
    ``matches`` qualifies, right before or right after it; a party of the organisation
    (:data:`~annotator.pipeline.rules.otherparties.OTHER_PARTIES`: "agent availability") is a
    person's or a group's, and qualifies nothing."""
    capacities = [m for m, _, base in judged if base.endswith(CAPACITY_SUFFIXES)]
    if not capacities:
        return []
    covered = {i for o in matches for i in range(o.start, o.end)}
    cues = lexicon.context_ids

    def qualified(m) -> bool:
        for i in (m.start - 1, m.end):
            # A person's or a team's capacity is theirs ("agent availability"), however much
            # a domain word "agent" is.
            if 0 <= i < len(lower) and (i in covered or lower[i] in cues) and lower[i] not in PARTY_IDS:
                return True
        return False

    return [m for m in capacities if not qualified(m)]


def in_turns(turns: Sequence[tuple[int, int]], offset: int) -> bool:
    """``offset`` falls inside one of ``turns`` (sorted, disjoint ``(start, end)`` ranges)."""
    k = bisect_right(turns, (offset, float("inf"))) - 1
    return k >= 0 and offset < turns[k][1]


def keep_in_context(context, matches: list, taken: bytearray) -> list:
    """The ``everyday_words`` rule: ``matches`` without the everyday-word terms whose context
    does not say support. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    candidates = one_word_terms(matches)
    if not candidates:
        return matches
    lexicon = context.lexicon()
    everyday = lexicon.everyday
    candidates = [m for m in candidates if m.id in everyday]
    if not candidates:
        return matches
    doc = context.doc
    lower = context.lower()
    strings = doc.vocab.strings
    judged = []
    for m in candidates:
        form = strings[lower[m.start]]
        base = everyday[m.id].get(form)
        if base is None:
            # A misspelt everyday word ("tiket") is the word it misspells, judged the same.
            form = misspelt_form(m, form, everyday[m.id])
            base = everyday[m.id].get(form)
        if base is not None:
            judged.append((m, form, base))
    if not judged:
        return matches
    settings = context.settings
    window = int(settings.context_window)
    words = context.words()
    thanks = not _COURTESY.isdisjoint(words)  # once: most documents thank nobody ...
    # ... nor name a word of travel or events, which then takes nothing off any score.
    other_domain = not _OTHER_DOMAIN_IDS.isdisjoint(words)
    breaks = "\n\n" in context.text  # ... and a ticket is often one paragraph
    # A capacity no word beside it qualifies is dropped whatever its score, so it is no
    # context for another word either: "availability" in a booking dialogue ("what is my
    # availability", "buy two tickets") would otherwise vouch for "tickets", and they for it.
    capacities = set(_unqualified_capacities(judged, matches, lower, lexicon))
    witnesses = [o for o in matches if o not in capacities] if capacities else matches
    # Other concepts' positions, sorted, and how many concepts the document names.
    starts = sorted([(o.start, o.id) for o in witnesses])
    run_on = in_spoken_stretch(doc, context.text)
    positions = [start for start, _ in starts]
    ids = [oid for _, oid in starts]

    def others(lo: int, hi: int) -> int:
        # The other concepts' matches starting in ``lo:hi`` (the concept being scored is
        # ``concept``, set per mention below): two bisections and a walk over the few between.
        a, b = bisect_left(positions, lo), bisect_left(positions, hi)
        return b - a - ids[a:b].count(concept)

    concepts = {o.id for o in witnesses}
    # A name made of glossary words is no mention, but it says what the document is about:
    # a product called "Helpdesk", a role called "Staff Agent" belong to a help desk. Such
    # concepts count among those the document names, never as words near a mention.
    concepts.update(o.id for o in context.named or ())
    scores = []
    best: dict[tuple[str, str], float] = {}  # (concept, kind) -> its best-scored mention
    # Each everyday concept's form hashes and the domain-word hashes less those (``concept id
    # -> (own, cues less own)``), filled per concept on first need: the glossary's, the same
    # for every document.
    owns: dict[str, tuple[frozenset[int], frozenset[int]]] = lexicon.derived("everyday.own_forms", dict)
    agent_turns = doc.user_data.get(AGENT_TURNS_KEY) or ()
    for m, form, base in budget.checked(judged):
        concept = m.id
        own_forms = owns.get(m.id)
        if own_forms is None:
            own = frozenset(map(get_string_id, everyday[m.id]))
            own_forms = owns[m.id] = (own, lexicon.context_ids - own)
        own, cues_less_own = own_forms
        start = doc[m.start].idx  # one Token per mention, for both questions below
        score, kind = mention_score(lower, m.start, others, other_concepts=len(concepts) - (m.id in concepts), lexicon=lexicon,
                                    settings=settings, form=form, base=base,
                                    window=_paragraph_window(context, m.start, window, breaks),
                                    thanks=thanks, enough=settings.context_threshold,
                                    objects=not run_on(start), own=own, cues_less_own=cues_less_own,
                                    capitalised=_capital_mid_sentence(context, m.start, start),
                                    other_domain=other_domain)  # fmt: skip
        if kind == "noun" and agent_turns and in_turns(agent_turns, start):
            score += settings.context_care_weight
        if kind == "noun" and asked_to_reach(lower, m.start):
            score += settings.context_request_weight
        scores.append((m, score, kind))
        best[m.id, kind] = max(score, best.get((m.id, kind), score))
    # A term the document keeps coming back to is its subject: each noun mention beyond the
    # first adds to the concept's best noun score (a few count), so a page about tickets that
    # names no other concept keeps them all. Not in a document with words of travel or events:
    # there a repeated "ticket" is the traveller's. Any term by ``context_repeat_weight``; the
    # desk's own terms ("agent", "queue", "ticket") by ``context_desk_repeat_weight`` too, in
    # written text: an issue report or an article that keeps naming tickets is about them, and
    # so is a thread of posts laid out as a transcript's turns, where a dialogue's repeated word
    # is the topic of the exchange ("two tickets, please"; :mod:`.dialogue`, asked only of a
    # transcript, and only when a desk term repeats).
    repeat_weight, repeat_cap = settings.context_repeat_weight, int(settings.context_repeat_mentions)
    desk_repeat = settings.context_desk_repeat_weight
    if repeat_weight or desk_repeat:
        # Only terms the rule would drop can change: the others need no count.
        threshold = settings.context_threshold
        weights = {cid: repeat_weight + (desk_repeat if cid in lexicon.desk_terms else 0.0)
                   for (cid, kind), value in best.items() if kind == "noun" and value < threshold}
        nouns = Counter(m.id for m, _, kind in scores if kind == "noun" and weights.get(m.id)) if weights else {}
        repeated = [(cid, n) for cid, n in nouns.items() if n > 1]
        if repeated and not other_domain:
            dialogue = desk_repeat and any(cid in lexicon.desk_terms for cid, _ in repeated) and context.dialogue()
            for concept_id, count in repeated:
                weight = weights[concept_id]
                if dialogue and concept_id in lexicon.desk_terms:
                    weight -= desk_repeat
                best[concept_id, "noun"] += min(count - 1, repeat_cap) * weight
    # The desk's own things ("agent", "queue") in a document about a help-desk or contact-
    # centre product are the product's: asked only of a term about to be dropped.
    desk_weight = settings.context_desk_weight
    if desk_weight:
        threshold = settings.context_threshold
        short = [cid for (cid, kind), value in best.items()
                 if kind == "noun" and value < threshold and cid in lexicon.desk_terms]
        if short and context.desk_product():
            for concept_id in short:
                best[concept_id, "noun"] += desk_weight
    dropped = capacities
    for m, score, kind in scores:
        # One sense per discourse: a term's nouns keep the sense their best mention shows, and
        # so do its verb forms; a noun used as a verb is judged alone.
        if (score if kind in ("verb use", "courtesy") else best[m.id, kind]) < settings.context_threshold:
            dropped.add(m)
    return release(matches, dropped, taken)
