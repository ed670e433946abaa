"""The demo page: a mock help-desk ticket view, a call transcript and a reply editor, all
using the widget."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, current_app, render_template
from markupsafe import Markup

from annotator.errors import AnnotatorError
from annotator.text.markup import visible_text_and_turns

bp = Blueprint("web", __name__)

FALLBACK_TICKET = (
    "Subject: Chat queue over SLA\nFrom: Dana Whitfield\nPriority: High\n\n"
    "Our chat queue is breaching the SLA again and CSAT dropped to 71%. Can tier 1 get a "
    "co-browsing licence so they can fix setup issues on the first contact?"
)


@dataclass
class Ticket:
    slug: str
    subject: str
    sender: str
    priority: str
    channel: str
    body: Markup | str  # Markup only for the repo's own .html samples, which are trusted files


def parse_ticket(slug: str, raw: str, html: bool) -> Ticket:
    """``Header: value`` lines, a blank line, then the body (plain text or an HTML fragment)."""
    raw = raw.replace("\r\n", "\n")
    head, _, body = raw.partition("\n\n")
    headers = {}
    for line in head.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    body = body.strip()
    return Ticket(
        slug=slug,
        subject=headers.get("subject", slug.replace("-", " ").title()),
        sender=headers.get("from", "Customer"),
        priority=headers.get("priority", "Normal"),
        channel=headers.get("channel", "Email"),
        body=Markup(body) if html else body,
    )


def load_tickets(folder: Path) -> list[Ticket]:
    tickets = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html"):
                raw = path.read_text(encoding="utf-8")
                tickets.append(parse_ticket(path.stem, raw, html=path.suffix == ".html"))
    return tickets or [parse_ticket("chat-queue-over-sla", FALLBACK_TICKET, html=False)]


@dataclass
class TranscriptTurn:
    speaker: str
    role: str  # agent, customer, system or "" (unknown)
    time: str  # "m:ss" of the turn's start, or ""
    text: str


#: The sample call shown in the transcript view, beside the ticket samples.
TRANSCRIPT_SAMPLE = Path("..") / "transcripts" / "support-call.vtt"


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def load_transcript(path: Path) -> list[TranscriptTurn]:
    """The turns of a transcript file as the demo shows them: speaker, role, start time and the
    turn's visible text (markup and cue settings dropped, spaces collapsed). A missing or
    unreadable file gives no turns (the page then has no transcript view)."""
    try:
        raw = path.read_text(encoding="utf-8")
        visible, turns = visible_text_and_turns(raw, "transcript")
    except (OSError, UnicodeDecodeError, AnnotatorError):
        return []
    shown = []
    for turn in turns.turns:
        text = " ".join(visible[turn.start:turn.end].split())
        if text:
            start = turn.time[0] if turn.time else None
            shown.append(TranscriptTurn(turn.speaker or "", turn.role or "", _clock(start), text))
    return shown


@bp.get("/")
def demo():
    samples = Path(current_app.config["HELPDESK_SAMPLES_DIR"])
    tickets = load_tickets(samples)
    return render_template(
        "demo.html",
        tickets=tickets,
        transcript=load_transcript(samples / TRANSCRIPT_SAMPLE),
        endpoint=current_app.config["HELPDESK_DEMO_ENDPOINT"],
        draft=(
            "Hi Dana,\n\nThanks for flagging this. We checked the IVR logs and the AHT on your "
            "chat queue: the SLA breach came from a routing change. Our tier 1 team will follow "
            "up, and we'll share the CSAT and FCR numbers on Friday.\n\nBest,\nSam"
        ),
    )
