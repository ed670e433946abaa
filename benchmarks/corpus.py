"""Seeded synthetic corpora: support tickets, long documents and large glossaries.

Everything here is a pure function of its arguments and a seed, so two runs of the benchmark
measure the same bytes. Tickets read like real support traffic: greetings, ticket numbers,
percentages, times, emoji, product words, and glossary terms and acronyms in the places people
put them (lower-case, plural, at the start of a sentence). Terms come from the built-in glossary
when it has been built, else from a small list of well-known CX terms, so the generator never
depends on the pipeline it measures.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# Used only when patterns/glossary.jsonl is missing (a checkout before `make build`).
FALLBACK_TERMS = (
    "average handle time", "first contact resolution", "service level agreement",
    "customer satisfaction", "net promoter score", "interactive voice response",
    "knowledge base", "escalation", "ticket backlog", "self-service", "co-browsing",
    "omnichannel", "chatbot", "queue", "call deflection", "churn rate", "help desk",
    "customer effort score", "workforce management", "quality assurance",
)
FALLBACK_ACRONYMS = ("AHT", "FCR", "SLA", "CSAT", "NPS", "IVR", "KB", "CES", "WFM", "QA",
                     "CRM", "BPO", "ASA", "MTTR", "CX", "TTR", "SLAs", "KPIs")

NAMES = ("Maria", "Dev", "Aiko", "Jonas", "Priya", "Tom", "Lena", "Carlos", "Fatima", "Sam",
         "Olu", "Mei", "Noah", "Zoë", "Björn", "Anaïs")
PRODUCTS = ("the billing page", "the mobile app", "checkout", "the API", "SSO login",
            "the export", "the dashboard", "invoices", "the Android widget", "webhooks")
EMOJI = ("🙂", "😡", "👍", "🙏", "🔥", "😅", "✅", "⚠️", "📞", "💬", "🤦‍♀️", "👋🏽")
FILLER = (
    "Thanks for getting back to me so quickly.",
    "I have tried clearing the cache and logging in again.",
    "This started after the update on Tuesday.",
    "Could you please look into it today?",
    "Let me know if you need screenshots or logs.",
    "We have around 40 agents affected across two sites.",
    "The customer called back twice and is now asking for a refund.",
    "I checked the status page but nothing is reported there.",
    "Please escalate this, it is blocking our month-end close.",
    "Happy to jump on a call if that is easier.",
)
TEMPLATES = (
    "Hi {name}, ticket #{num} is still open and our {term} went up to {minutes} minutes {emoji}",
    "Our {acr} dropped to {pct}% after the change to {product} last week.",
    "{Term} looks wrong in {product}: it shows {pct}% but the export says {pct2}%.",
    "Can someone explain why the {acr} target is {minutes} min when the {term} report says otherwise?",
    "We breached two {acr}s overnight because the {term} queue was unstaffed {emoji}",
    "Per our {acr} with you, a P1 needs a response within {minutes} minutes, not {hours} hours.",
    "The {term} for {product} was {pct}% in Q3, down from {pct2}% ({acr} {emoji}).",
    "{name} from the {term} team says the {acr} numbers are fine, but the customer disagrees.",
    "Ref {code}: customer reports {product} timing out after {minutes}s, {term} affected.",
    "Is {term} ({acr}) counted before or after the transfer to tier 2?",
)


@dataclass(frozen=True)
class Vocabulary:
    terms: tuple[str, ...]
    acronyms: tuple[str, ...]


def builtin_vocabulary() -> Vocabulary:
    """Terms, aliases and acronyms of the built-in glossary, or the fallback lists."""
    try:
        from annotator.glossary.model import Glossary
        from annotator.resources import builtin_glossary_path

        glossary = Glossary.load(builtin_glossary_path())
    except Exception:  # noqa: BLE001 - any failure means "not built yet": use the fallback
        return Vocabulary(FALLBACK_TERMS, FALLBACK_ACRONYMS)
    terms = sorted({name for c in glossary for name in (c.term, *c.aliases) if name})
    acronyms = sorted({a for c in glossary for a in c.acronyms})
    if not terms:
        return Vocabulary(FALLBACK_TERMS, FALLBACK_ACRONYMS)
    return Vocabulary(tuple(terms), tuple(acronyms) or FALLBACK_ACRONYMS)


def _sentence(rng: random.Random, vocab: Vocabulary) -> str:
    if rng.random() < 0.3:
        return rng.choice(FILLER)
    term = rng.choice(vocab.terms)
    # People write terms in lower case mostly, sometimes title case, sometimes plural.
    shape = rng.random()
    if shape < 0.6:
        term = term.lower()
    elif shape < 0.7:
        term = term.lower() + "s"
    acr = rng.choice(vocab.acronyms)
    values = {
        "name": rng.choice(NAMES),
        "num": rng.randint(10000, 999999),
        "term": term,
        "Term": term[:1].upper() + term[1:],
        "acr": acr,
        "minutes": rng.randint(2, 90),
        "hours": rng.randint(2, 48),
        "pct": rng.randint(40, 99),
        "pct2": rng.randint(40, 99),
        "product": rng.choice(PRODUCTS),
        "emoji": rng.choice(EMOJI),
        "code": f"{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    }
    return rng.choice(TEMPLATES).format(**values)


def ticket(rng: random.Random, vocab: Vocabulary, words: int = 150) -> str:
    """One ticket of roughly ``words`` whitespace-separated words (never fewer)."""
    sentences: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng, vocab)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def tickets(n: int, *, seed: int = 0, words: tuple[int, int] = (40, 260),
            vocab: Vocabulary | None = None) -> list[str]:
    """``n`` tickets with lengths spread uniformly over ``words`` (mean ~150 words)."""
    rng = random.Random(seed)
    vocab = vocab or builtin_vocabulary()
    return [ticket(rng, vocab, rng.randint(*words)) for _ in range(n)]


def document(words: int, *, seed: int = 0, vocab: Vocabulary | None = None) -> str:
    """One long document (a transcript archive, a log dump) of at least ``words`` words, cut
    back to exactly ``words`` so two lengths compare like for like."""
    rng = random.Random(seed)
    vocab = vocab or builtin_vocabulary()
    parts: list[str] = []
    count = 0
    while count < words:
        part = ticket(rng, vocab, 150)
        parts.append(part)
        count += len(part.split())
    return " ".join(" ".join(parts).split(" ")[:words])


def distinct_texts(n: int, *, seed: int = 0, vocab: Vocabulary | None = None) -> Iterator[str]:
    """``n`` short tickets that are all different *in their tokens*: each carries fresh order
    ids, an e-mail address, a social handle, reference codes and a few words never seen before
    (names, typos, product codes), the strings that make a vocab grow forever."""
    rng = random.Random(seed)
    vocab = vocab or builtin_vocabulary()
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(n):
        body = ticket(rng, vocab, 25)
        token = f"{rng.getrandbits(40):010x}"
        fresh = " ".join("".join(rng.choices(letters, k=rng.randint(5, 9))) for _ in range(6))
        yield (f"Order ORD-{i:07d}-{token} from user{token[:6]}@example{i % 97}.com "
               f"(@{fresh[:5]}{i}): {body} {fresh} (ref {token[::-1]}-{i})")


def count_words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --- synthetic glossaries -------------------------------------------------------------------

CX_WORDS = (
    "queue", "routing", "deflection", "handle", "escalation", "backlog", "macro", "triage",
    "sentiment", "churn", "renewal", "onboarding", "billing", "refund", "callback", "survey",
    "resolution", "transfer", "dispatch", "coverage", "occupancy", "adherence", "shrinkage",
    "forecast", "wrap", "hold", "abandon", "response", "effort", "loyalty", "retention",
    "intent", "handoff", "workflow", "tier", "ticket", "session", "agent", "desk", "portal",
)
CX_HEADS = ("rate", "time", "score", "index", "ratio", "policy", "matrix", "protocol", "level",
            "window", "model", "review", "audit", "board", "playbook", "threshold")
_ONSETS = ("b", "br", "c", "d", "dr", "f", "g", "k", "kl", "l", "m", "n", "p", "pr", "r", "s",
           "st", "t", "tr", "v", "z")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "", "n", "r", "x", "l", "s")


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(1, 2))) \
        + rng.choice(_CODAS)


def synthetic_concepts(n: int, *, seed: int = 0, acronym_share: float = 0.3) -> list[dict]:
    """``n`` distinct concepts like a large vendor glossary: ``"Zolvar Routing Rate"`` with an
    acronym (``ZRR``) for about ``acronym_share`` of them. Deterministic; the first ``k``
    concepts of ``synthetic_concepts(n)`` are ``synthetic_concepts(k)`` for any ``k <= n``, so
    the small glossary is a prefix of the large one and a corpus written for one fits both."""
    rng = random.Random(seed)
    seen: set[str] = set()
    concepts: list[dict] = []
    while len(concepts) < n:
        words = [_pseudo_word(rng)] + rng.sample(CX_WORDS, rng.randint(0, 2)) + [rng.choice(CX_HEADS)]
        term = " ".join(w.capitalize() for w in words)
        if term.lower() in seen:
            continue
        seen.add(term.lower())
        acronyms = []
        if rng.random() < acronym_share:
            acronyms.append("".join(w[0] for w in words).upper() + (str(rng.randint(2, 9)) if len(words) < 3 else ""))
        concepts.append({
            "term": term,
            "acronyms": acronyms,
            "definition": f"{term} is the {rng.choice(CX_HEADS)} a support team uses to track "
                          f"{rng.choice(CX_WORDS)} and {rng.choice(CX_WORDS)} across channels.",
            "category": rng.choice(("Metrics", "Operations", "Strategy", "Technology")),
        })
    return concepts


def glossary_vocabulary(concepts: Sequence[dict]) -> Vocabulary:
    return Vocabulary(
        tuple(c["term"] for c in concepts),
        tuple(a for c in concepts for a in c["acronyms"]) or FALLBACK_ACRONYMS,
    )


def write_glossary_jsonl(concepts: Sequence[dict], path: Path) -> Path:
    """One JSON object per line: ``{"term", "definition", "acronyms", "category"}``, the plain
    user-glossary shape the JSONL reader takes."""
    with Path(path).open("w", encoding="utf-8") as out:
        for c in concepts:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    return Path(path)
