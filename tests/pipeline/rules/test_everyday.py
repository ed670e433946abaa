"""pipeline.everyday: one-word terms that are everyday English words are kept in support
context only, with one decision for all their inflections."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy
from spacy.strings import get_string_id

import annotator

from annotator.errors import PipelineError
from annotator.pipeline.names import AGENT_TURNS_KEY
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.everyday import VERB_CUES, in_turns, mention_score
from annotator.pipeline.rulecontext import PrecisionSettings

from ..conftest import concept


GLOSSARY = [
    concept("queue", "Queue"),
    concept("ticket", "Ticket"),
    concept("agent", "Agent"),
    concept("reporting", "Reporting"),
    concept("webhook", "Webhook"),
    concept("tag", "Tag"),
    concept("customer-feedback", "Customer Feedback"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("first-response-time", "First Response Time", ["FRT"]),
    concept("customer-satisfaction", "Customer Satisfaction", ["CSAT"]),
    concept("support-ticket", "Support Ticket Routing"),
]




@pytest.fixture(scope="module")
def everyday_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # support context: other glossary terms nearby, domain words
        ("The agent moved the ticket to the queue before the SLA ran out.", ["agent", "ticket", "queue", "SLA"]),
        ("Agents answer customer tickets from the support queue.", ["Agents", "tickets", "queue"]),
        ("Customer feedback lowered our CSAT this week.", ["Customer feedback", "CSAT"]),
        ("Your feedback on the agent helps us meet the SLA.", ["feedback", "agent", "SLA"]),
        ("Tickets queued overnight miss the FRT target.", ["Tickets", "queued", "FRT"]),
        ("Weekly reporting on FRT and CSAT goes to leads.", ["reporting", "FRT", "CSAT"]),
        # a coined word is jargon wherever it is
        ("The webhook fires on save.", ["webhook"]),
    ],
)
def test_everyday_kept_in_support_context(everyday_nlp, text, expected):
    assert _ents(everyday_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "May I have your ticket number, please?",
        "Thanks for the feedback on my essay!",
        "The reporting period ends in March.",
        "The travel agent booked it.",
        "CI queues up the change and runs it.",
        "We had to queue for an hour at the bakery.",
    ],
)
def test_everyday_dropped_in_everyday_sense(everyday_nlp, text):
    assert _ents(everyday_nlp, text) == []


@pytest.mark.parametrize(
    "forms",
    [("queue", "queues", "queued", "queuing"), ("ticket", "tickets"), ("agent", "agents")],
)
def test_everyday_one_decision_for_every_inflection(everyday_nlp, forms):
    for form in forms:
        assert _ents(everyday_nlp, f"Our {form} grew last week.") == []
        assert _ents(everyday_nlp, f"Our {form} grew and missed the SLA and FRT.") == [form, "SLA", "FRT"]


def test_everyday_verb_use_of_a_noun_term_needs_more_context(everyday_nlp):
    # The same context keeps the noun and drops the noun used as a verb.
    assert _ents(everyday_nlp, "The queue grew; see the SLA.") == ["queue", "SLA"]
    assert _ents(everyday_nlp, "We queue up changes; see the SLA.") == ["SLA"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # "to" before a lower-case form: the infinitive
        ("Map the extension to queue settings; see the SLA.", ["SLA"]),
        # a capital mid-sentence is a name's word, never the verb
        ("Map the extension to Queue settings; see the SLA.", ["Queue", "SLA"]),
        # ... while a sentence's first word is capitalised for its place
        ("Tag them all. See the SLA.", ["SLA"]),
    ],
)
def test_everyday_a_capital_mid_sentence_is_no_verb(everyday_nlp, text, expected):
    assert _ents(everyday_nlp, text) == expected


@pytest.mark.parametrize(
    "verb,noun",
    [
        # followed by an object
        ("Reporting a delay? See the SLA.", "Reporting delays weekly? See the SLA."),
        ("Please queue the calls; see the SLA.", "Please watch the queue; see the SLA."),
        # an -ing form after "be"
        ("Users who are reporting late replies; see the SLA.", "Users who read weekly reporting; see the SLA."),
    ],
)
def test_everyday_verb_cues(everyday_nlp, verb, noun):
    assert _ents(everyday_nlp, verb) == ["SLA"]
    assert len(_ents(everyday_nlp, noun)) == 2


@pytest.mark.parametrize(
    "text,i,expected",
    [
        ("we need to queue", 3, True),
        ("it queues", 1, True),
        ("we queue", 1, True),
        # a negated auxiliary, as the tokenizer splits it ("don't", "cannot", "dont")
        ("we do n't queue", 3, True),
        ("we can not queue", 3, True),
        ("we do nt queue", 3, True),
        # ... not a negated "be": a noun may follow
        ("it is not queue", 3, False),
        # a plural after "to" or a modal is a noun after a preposition, not an infinitive
        ("set up distribution to agents", 4, False),
        ("send them to tickets", 3, False),
        # a base form after "it" is no present tense
        ("give it queue", 2, False),
        # a noun with a nominal ending is never a verb: "time to escalation"
        ("time to escalation", 2, False),
        # "it" is the object ...
        ("please tag it now", 1, True),
        # ... unless a modal or "is" makes it the next clause's subject
        ("for production incidents it will be the manager", 2, False),
        ("for urgent tickets it is the lead", 2, False),
        # "to" after a word that sends something somewhere is a preposition: where it goes
        ("add a transfer to queue block", 4, False),
        ("auto assign to agent", 3, False),
        ("responding to feedback", 2, False),
        ("calls handed off to tag", 4, False),
        # ... not after a word an infinitive follows
        ("we are going to tag", 4, True),
        # a word English never uses as a verb is a noun wherever it stands
        ("send email to agent", 3, False),
        ("we agent", 1, False),
        # an -ing term names its verb's activity: still a verb after "be"
        ("users who are reporting", 3, True),
        # a determiner opens a noun phrase: whatever follows, the word is no verb
        ("in the ticket it leaves", 2, False),
        ("each tag them", 1, False),
    ],
)
def test_everyday_verb_use_needs_the_form_its_cue_takes(text, i, expected):
    from annotator.pipeline.rules.everyday import _verb_use

    doc = spacy.blank("en")(text)
    form = doc[i].lower_
    base = {"queues": "queue", "agents": "agent", "tickets": "ticket"}.get(form, form)
    assert _verb_use([t.lower for t in doc], i, form, base, frozenset()) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your feedback, the agent will reply within the SLA and FRT.",
        "Thanks for reporting! The agent will reply within the SLA and FRT.",
        "thanks for the feedback the agent will reply within the SLA and FRT",
        "Appreciate the feedback! The agent will reply within the SLA and FRT.",
    ],
)
def test_everyday_what_a_thanks_is_for_is_not_theconcept(everyday_nlp, text):
    ents = _ents(everyday_nlp, text)
    assert "agent" in ents and not any(e.lower() in ("feedback", "reporting") for e in ents)


def test_everyday_thanked_for_is_judged_alone(everyday_nlp):
    text = "Customer feedback drives CSAT. Thanks for your feedback!"
    assert _ents(everyday_nlp, text) == ["Customer feedback", "CSAT"]


@pytest.mark.parametrize(
    "text,i,expected",
    [("thank you for your feedback", 4, True), ("thanks for reporting", 2, True), ("thx for the tag", 3, True),
     ("for your feedback", 2, False), ("thanks to your feedback", 3, False), ("feedback", 0, False),
     # "appreciate the X" is the same courtesy; a care team's "appreciate your X" is left to context
     ("appreciate the tag", 2, True), ("we appreciated the feedback", 3, True),
     ("we appreciate your feedback", 3, False), ("the tag", 1, False)],
)
def test_everyday_thanked_for(text, i, expected):
    from annotator.pipeline.rules.everyday import thanked_for

    doc = spacy.blank("en")(text)
    assert thanked_for([t.lower for t in doc], i) is expected


def test_everyday_threshold_is_a_setting(glossary_nlp):
    strict = glossary_nlp(GLOSSARY, precision_settings={"context_threshold": 5.0})
    assert _ents(strict, "The agent moved the ticket before the SLA ran out.") == ["SLA"]
    # (without the customer-side rule, which drops a head no customer claims, whatever the score)
    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.customer_side.v1"]
    lax = glossary_nlp(GLOSSARY, precision_settings={"context_threshold": -10}, precision_rules=rules)
    assert _ents(lax, "Thanks for the feedback on my essay!") == ["feedback"]


def test_everyday_stated_familiarity_wins(glossary_nlp):
    nlp = glossary_nlp([concept("queue", "Queue", familiarity="jargon")])
    assert _ents(nlp, "We had to queue for an hour.") == ["queue"]


@pytest.mark.parametrize("settings", [{"no_such": 1}, {"context_threshold": "high"}, {"context_window": True}])
def test_everyday_invalid_setting_is_E304(settings):
    with pytest.raises(PipelineError) as info:
        PrecisionSettings.from_config(settings)
    assert info.value.code == "E304"


def test_everyday_settings_survive_a_round_trip(tmp_path, glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_settings={"context_threshold": 5.0})
    nlp.to_disk(tmp_path / "p")
    restored = spacy.load(tmp_path / "p")
    assert restored.get_pipe("helpdesk_glossary").precision_settings.context_threshold == 5.0


def test_everyday_one_sense_per_document(everyday_nlp):
    filler = "Nothing else happened that morning at all, " * 4
    text = f"Our queue grew. {filler}then the queue missed the SLA."
    assert _ents(everyday_nlp, text) == ["queue", "queue", "SLA"]
    # ... but a verb use is judged alone
    text = f"We queue up changes. {filler}then the queue missed the SLA."
    assert _ents(everyday_nlp, text) == ["queue", "SLA"]


def test_everyday_context_stops_at_a_paragraph_break(everyday_nlp):
    assert _ents(everyday_nlp, "Ping me without tagging anybody.\n\nThe SLA and FRT apply.") == ["SLA", "FRT"]
    assert _ents(everyday_nlp, "Tickets queued overnight.\n\nThe SLA and FRT apply.") == ["Tickets", "queued", "SLA", "FRT"]



@pytest.mark.parametrize(
    "text,plain",
    [
        ("Your tickets for the flight are booked and the fare is paid.", "Your tickets for the week are booked and paid."),
        ("I'll email your e-ticket numbers with the itinerary.", "I'll email your ticket numbers with the summary."),
        ("The concert tickets at the venue are sold out.", "The new tickets at the desk are sold out."),
        ("Your tickets for the bus are booked.", "Your tickets for the week are booked."),
        ("Two tickets for the musical, please.", "Two tickets for the team, please."),
    ],
)
def test_everyday_words_of_travel_and_events_make_another_sense(everyday_nlp, text, plain):
    context = "\n\nThe SLA and FRT apply."
    assert _ents(everyday_nlp, text + context) == ["SLA", "FRT"]
    # ... the same context keeps the term without them
    assert len(_ents(everyday_nlp, plain + context)) == 3


def test_everyday_other_domain_weight_is_a_setting(glossary_nlp):
    text = "Your tickets for the flight are booked and the fare is paid.\n\nThe SLA and FRT apply."
    assert _ents(glossary_nlp(GLOSSARY, precision_settings={"other_domain_weight": 0}), text) == ["tickets", "SLA", "FRT"]


_FILLER = "Nothing else happened that morning at all, " * 4


@pytest.mark.parametrize(
    "text,expected",
    [
        # once, with nothing around it: the everyday word
        (f"Our queue grew. {_FILLER}", []),
        # three times: the document's subject, every mention
        (f"Our queue grew. {_FILLER}The queue shrank. {_FILLER}A queue again.", ["queue", "queue", "queue"]),
        # ... but not among words of travel (a traveller's tickets)
        (f"Our queue grew at the airport. {_FILLER}The queue shrank. {_FILLER}A queue again.", []),
    ],
)
def test_everyday_a_repeated_term_is_the_subject_where_repeats_count(glossary_nlp, text, expected):
    nlp = glossary_nlp(GLOSSARY, precision_settings={"context_repeat_weight": 0.4})
    assert _ents(nlp, text) == expected


@pytest.mark.parametrize(
    "text,format,expected",
    [
        # the desk's own term ("ticket": the glossary defines it by the customer) named three
        # times in written text is the document's subject ...
        (f"Our ticket grew. {_FILLER}The ticket shrank. {_FILLER}A ticket again.", "text", 3),
        # ... once it is not ...
        (f"Our ticket grew. {_FILLER}", "text", 0),
        # ... nor in a dialogue, where the repeated word is the topic of the exchange ...
        ("customer: Our ticket grew.\nagent: Nothing else happened.\ncustomer: The ticket shrank.\n"
         "agent: Right.\ncustomer: A ticket again.", "transcript", 0),
        # ... but in a thread of posts laid out as turns, written text with authors ...
        (f"@user1: Our ticket grew. {_FILLER}\n@user2: The ticket shrank. {_FILLER}\n"
         f"@user1: A ticket again. {_FILLER}", "transcript", 3),
        # ... and in a transcript with no turns at all, prose
        (f"Our ticket grew. {_FILLER}The ticket shrank. {_FILLER}A ticket again.", "transcript", 3),
        # ... and a word every software project uses is no desk term
        (f"Our documentation grew. {_FILLER}The documentation shrank. {_FILLER}The documentation again.",
         "text", 0),
    ],
)
def test_everyday_the_desks_own_term_repeated_in_written_text_is_its_subject(text, format, expected):
    spans = annotator.annotate(text, format)["spans"]
    assert len(spans) == expected


def test_everyday_desk_repeat_weight_is_a_setting(glossary_nlp):
    assert PrecisionSettings().context_desk_repeat_weight > 0
    assert PrecisionSettings.from_config({"context_desk_repeat_weight": 0}).context_desk_repeat_weight == 0


def test_everyday_repeats_count_for_nothing_by_default(everyday_nlp):
    """Off by default for terms at large: in task dialogues a repeated everyday word is the
    topic of the exchange, not support jargon (see docs/benchmarks.md)."""
    assert _ents(everyday_nlp, f"Our queue grew. {_FILLER}The queue shrank. {_FILLER}A queue again.") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # an -ing term used as a verb is the verb, whatever the support context
        ("Reporting a delay? The agent checks the SLA, FRT and CSAT.", ["agent", "SLA", "FRT", "CSAT"]),
        ("Users who are reporting late replies hurt the SLA, FRT and CSAT.", ["SLA", "FRT", "CSAT"]),
        # ... while the noun is the function
        ("Weekly reporting covers the SLA, FRT and CSAT.", ["reporting", "SLA", "FRT", "CSAT"]),
        # another noun used as a verb may still be kept in rich context
        ("Agents tag the calls to meet the SLA, FRT and CSAT.", ["Agents", "tag", "SLA", "FRT", "CSAT"]),
    ],
)
def test_everyday_an_ing_term_used_as_a_verb_is_the_verb(everyday_nlp, text, expected):
    assert _ents(everyday_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a term qualifying a part of a screen: the help desk's own screen, and one sense for
        # the document's other mentions
        ("Open the ticket view and pick one.", ["ticket"]),
        ("Pick a ticket. The ticket sidebar shows the time.", ["ticket", "ticket"]),
        # not a screen: a counter, a price
        ("Ask at the ticket counter about the ticket price.", []),
        # a verb use is still judged alone
        ("We queue views overnight.", []),
    ],
)
def test_everyday_a_term_qualifying_a_screen_part_is_the_help_desks(everyday_nlp, text, expected):
    assert _ents(everyday_nlp, text) == expected


def test_everyday_screen_weight_is_a_setting(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_settings={"context_screen_weight": 0})
    assert _ents(nlp, "Open the ticket view and pick one.") == []


# Speech-to-text runs its sentences together: a noun followed by the next clause's determiner
# ("the current agent this will ...") is no verb with an object there; typed text keeps the cue.
_RUN_ON = ("user2: if opening a ticket in the detail view that is new has yet no owner the owner selection should "
           "be automatically set to yourself the current agent this will automatically set the owner for "
           "responses and saves some clicks")


def test_everyday_no_object_cue_where_speech_to_text_runs_sentences_together():
    # "queue" is a verb too ("queued"): typed, "queue this" reads as the verb and its object
    text = _RUN_ON.replace("current agent", "current queue")
    spans = annotator.annotate(text, "transcript")["spans"]
    assert "queue" in [s["text"] for s in spans]
    assert "queue" not in [s["text"] for s in annotator.annotate(text, "transcript", asr="off")["spans"]]
    # "agent" is no English verb: a noun however the sentences run
    assert "agent" in [s["text"] for s in annotator.annotate(_RUN_ON, "transcript", asr="off")["spans"]]


# ... but a term named by an -ing word ("reporting") before a determiner is the verb with its
# object even there: the activity's name seldom ends a sentence.
_RUN_ON_GERUND = ("customer: the views on my channel look wrong in the third party tool\n"
                  "agent: thanks for the details we recommend reporting this through our support ticket form "
                  "and the agents will look at the dashboard")


def test_everyday_an_ing_term_keeps_its_object_cue_where_speech_to_text_runs_on():
    spans = annotator.annotate(_RUN_ON_GERUND, "transcript")["spans"]
    texts = [s["text"] for s in spans]
    assert "reporting" not in texts
    assert "support ticket" in texts


def test_everyday_a_term_is_no_domain_word_for_itself(everyday_nlp):
    """"ticket" is a domain word (two glossary names hold it), but its own repeats are the
    same everyday word again, no support context: a booking dialogue's tickets stay plain. (No
    verb of buying here: a ticket someone books is another trade's, :mod:`.othertrades`.)"""
    text = "Shall I print your tickets now? Yes, one ticket please. You need 1 ticket, right?"
    assert _ents(everyday_nlp, text) == []
    # another concept still counts
    assert _ents(everyday_nlp, text.replace("Yes,", "The agent says")) == ["tickets", "agent", "ticket", "ticket"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # "to" before the base form and an object after it: the verb, whatever the context
        ("Remember to tag your agents in the SLA, FRT and CSAT review.", ["agents", "SLA", "FRT", "CSAT"]),
        ("You should queue the calls by SLA, FRT and CSAT.", ["SLA", "FRT", "CSAT"]),
        # one side alone leaves the noun reading to the context
        ("Remember to tag calls in the SLA, FRT and CSAT review.", ["tag", "SLA", "FRT", "CSAT"]),
    ],
)
def test_everyday_infinitive_with_an_object_is_the_verb(everyday_nlp, text, expected):
    assert _ents(everyday_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a capacity is said of whatever the sentence is about: here a person's, a region's
        ("The agent routes the ticket by his skills or availability, within the SLA.",
         ["agent", "ticket", "SLA"]),
        ("Confirm availability with the next region before the SLA and FRT run out.", ["SLA", "FRT"]),
        # a person's capacity, however much a domain word the person is
        ("Set agent availability before the SLA and FRT run out.", ["agent", "SLA", "FRT"]),
        # a domain word or another term right beside it says whose
        ("Ticket availability dropped, so the agent missed the SLA.", ["Ticket", "availability", "agent", "SLA"]),
        ("Our service availability fell below the SLA and FRT.", ["service", "availability", "SLA", "FRT"]),
        ("The availability SLA is 99.9% and the FRT an hour.", ["availability", "SLA", "FRT"]),
        ("Customer availability is tracked against the SLA and FRT.", ["availability", "SLA", "FRT"]),
    ],
)
def test_everyday_a_capacity_needs_a_qualifier_beside_it(glossary_nlp, text, expected):
    # "service" is a domain word once two names hold it (and Customer Service's bare head)
    nlp = glossary_nlp([*GLOSSARY, concept("availability", "Availability"), concept("customer-service", "Customer Service")])
    assert _ents(nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the capacity is dropped (nothing beside it says whose), so it vouches for nothing
        ("What is my availability on the 13th? I'd like to buy two tickets please.", []),
        # a qualified capacity stays, and is context like any other term
        ("Ticket availability dropped. Two tickets were left.", ["Ticket", "availability", "tickets"]),
    ],
)
def test_everyday_a_dropped_capacity_is_no_context(glossary_nlp, text, expected):
    nlp = glossary_nlp([*GLOSSARY, concept("availability", "Availability")])
    assert _ents(nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a misspelt everyday word is judged as the word it misspells: no context, no term ...
        ("The flight has 1 layover. This tikcet costs $351.", []),
        # ... while support context keeps it
        ("The agent closed the tikcet before the SLA ran out.", ["agent", "tikcet", "SLA"]),
    ],
)
def test_everyday_a_misspelt_word_needs_the_same_context(everyday_nlp, text, expected):
    assert _ents(everyday_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the app's name is no mention, but says whose tickets these are
        ("The **Helpdesk** app lists each customer's tickets.", ["tickets"]),
        ("Our Help Desk app lists each customer's tickets.", ["tickets"]),
        # ... without it, one domain word is too little
        ("The new app lists each customer's tickets.", []),
    ],
)
def test_everyday_a_name_of_glossary_words_is_context(glossary_nlp, text, expected):
    nlp = glossary_nlp([*GLOSSARY, concept("help-desk", "Help Desk")])
    assert _ents(nlp, text) == expected


def _doc_with_agent_turns(nlp, text, turns):
    doc = nlp.make_doc(text)
    doc.user_data[AGENT_TURNS_KEY] = tuple(turns)
    return nlp(doc)


@pytest.mark.parametrize(
    "text,said,expected",
    [
        # said by the help desk's agent: the desk's own words, whatever the brand sells
        ("Sorry, your post was placed when no agents were available.", "agent", ["agents"]),
        ("Hey there, we appreciate your feedback!", "agent", ["feedback"]),
        # the same words in the customer's turn, or in no turn: no support context
        ("Sorry, your post was placed when no agents were available.", "customer", []),
        ("Hey there, we appreciate your feedback!", None, []),
        # the agent's words are still of a trade where travel words stand beside them
        ("We can provide travel funds as your ticket was nonrefundable.", "agent", []),
        ("Where are you travelling to? A day ticket will do.", "agent", []),
        # a verb is judged alone ("we queue up"), a thanks too
        ("We queue up the replies overnight.", "agent", []),
        ("Thanks for your feedback!", "agent", []),
    ],
)
def test_everyday_a_noun_the_agent_says_is_the_help_desks(everyday_nlp, text, said, expected):
    turns = [(0, len(text))] if said == "agent" else []
    doc = _doc_with_agent_turns(everyday_nlp, text, turns)
    assert [e.text for e in doc.ents] == expected
    assert AGENT_TURNS_KEY not in doc.user_data  # the rule's working data, not the doc's


def test_everyday_care_weight_is_a_setting(glossary_nlp):
    text = "Sorry, your post was placed when no agents were available."
    nlp = glossary_nlp(GLOSSARY, precision_settings={"context_care_weight": 0})
    assert list(_doc_with_agent_turns(nlp, text, [(0, len(text))]).ents) == []


def test_everyday_only_the_agents_turn_counts(everyday_nlp):
    customer = "I waited for an agent for an hour."
    agent = "\nOur team can look into it."
    text = customer + agent
    assert list(_doc_with_agent_turns(everyday_nlp, text, [(len(customer), len(text))]).ents) == []


@pytest.mark.parametrize(
    "turns,offset,expected",
    [
        ([(5, 10), (20, 30)], 5, True),
        ([(5, 10), (20, 30)], 9, True),
        ([(5, 10), (20, 30)], 10, False),
        ([(5, 10), (20, 30)], 4, False),
        ([(5, 10), (20, 30)], 25, True),
        ([(5, 10), (20, 30)], 30, False),
        ([], 0, False),
    ],
)
def test_everyday_in_turns(turns, offset, expected):
    assert in_turns(turns, offset) is expected


@pytest.mark.parametrize("other_domain,counted", [(False, False), (True, True)])
def test_everyday_other_matches_near_a_mention_are_counted_only_when_the_score_needs_them(other_domain, counted):
    """With three other concepts in the document and no word of travel or events in it, the
    score reaches the threshold before anything is counted around the mention; where such
    words may come off it, the matches nearby are counted first. The verdict is the same."""
    asked = []

    def others(lo: int, hi: int) -> int:
        asked.append((lo, hi))
        return 2

    lower = [get_string_id(word) for word in "please check the ticket today".split()]
    lexicon = SimpleNamespace(verbs=frozenset(), context_ids=frozenset())
    settings = PrecisionSettings()
    score, kind = mention_score(lower, 3, others, other_concepts=3, lexicon=lexicon, settings=settings,
                                form="ticket", base="ticket", enough=settings.context_threshold,
                                other_domain=other_domain)
    assert kind == "noun" and score >= settings.context_threshold
    assert bool(asked) is counted
    assert all(lo <= 3 < hi for lo, hi in asked)


def test_everyday_verb_cues_are_each_one_token(blank):
    # The cues are compared with single tokens: a cue the tokenizer splits ("don't") would never
    # be met (negated auxiliaries are read by the negation rule instead).
    assert all(len(blank.make_doc(cue)) == 1 for cue in VERB_CUES)
