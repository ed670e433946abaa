"""Render gold documents the way speech-to-text writes them, carrying their gold offsets.

    python -m tools.asr_render tools/corpora/talk tools/corpora/talk-asr [--seed N]
    python -m tools.asr_render tools/corpora/talk2 tools/corpora/talk2-asr --subformat turns
    python -m tools.asr_render tools/corpora/issues tools/corpora/issues-asr --tickets

A machine transcript has no capitals and no punctuation, spells acronyms either as letters
(``s l a``) or as one word (``sla``), and writes single digits as words (``tier two``). This
module turns a transcript into that style, deterministically, and moves every gold span and
hard negative to its new offsets:

* only what the speakers said is rendered (the ``transcript`` format's visible text); speaker
  labels of plain conversations are lower-cased, and everything else that the format hides
  (JSON keys and metadata, caption timings) is copied unchanged, so the document keeps its
  shape and still parses;
* words are runs of letters and digits with inner apostrophes (``don't``); everything between
  two words becomes one space, or the line breaks it held (so lines stay lines);
* a word is lower-cased; ``I`` is ``i``, ``OK`` is ``okay``; a lone digit is its English word;
* an acronym (2-6 capitals, optionally with ``s`` or ``'s``; not an ordinary word written in
  capitals such as ``HEY``, see :data:`annotator.vocabulary.acronyms.NOT_ACRONYMS`) is
  spelled as letters or written as one word, alternately in document order, starting on a
  side chosen by a seeded hash of the document's id, so a corpus gets both forms and a rerun
  gets the same ones.

The output is built piece by piece with an offset map (:class:`Rendering`); spans are carried
through the map, never found again in the output. A span must start and end on word
boundaries wherever a word changes length (a spelled acronym, a digit); inside a word that
only changes case, any offsets carry.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import re
import sys
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from annotator.text.markup.transcript import detect, transcript_turns
from annotator.vocabulary.acronyms import NOT_ACRONYMS
from annotator.vocabulary.grammar import DIGIT_WORDS
from tools.jsonl import read_jsonl

#: The corpus-wide default seed (any integer gives another, equally valid, rendering).
SEED = 13
SOURCE_NOTE = "speech-to-text rendering by tools/asr_render.py"

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_ACRONYM = re.compile(r"([A-Z]{2,6})(s|['\u2019]s)?")
_WORDS = {"I": "i", "OK": "okay"}


@dataclass(frozen=True)
class Piece:
    """``original[src_start:src_end]`` became ``output[out_start:out_end]``.

    ``linear`` pieces keep their length (copied, or only lower-cased), so any offset inside
    them maps one to one; other pieces map only at their two ends; a ``gap`` (what stood
    between two words) maps nowhere: no span may start or end in one.
    """

    src_start: int
    src_end: int
    out_start: int
    out_end: int
    linear: bool
    gap: bool = False


@dataclass
class Rendering:
    """The rendered text and the map from original offsets to rendered ones."""

    text: str
    pieces: list[Piece] = field(default_factory=list)
    #: Original offsets of the acronyms, in order, and the side the first one took.
    acronyms: list[int] = field(default_factory=list)
    phase: int = 0
    _starts: list[int] = field(default_factory=list, repr=False)

    def phase_at(self, offset: int) -> int:
        """The alternation phase an acronym at ``offset`` would have (0: spelled)."""
        return (self.phase + bisect.bisect_left(self.acronyms, offset)) % 2

    def carry(self, start: int, end: int) -> tuple[int, int]:
        """The rendered ``(start, end)`` of the original ``[start, end)``.

        Raises ``ValueError`` when an end falls inside a word whose rendering changed length,
        or in text that was dropped (punctuation between words).
        """
        return self._point(start, at_start=True), self._point(end, at_start=False)

    def _point(self, offset: int, at_start: bool) -> int:
        if len(self._starts) != len(self.pieces):
            self._starts = [piece.src_start for piece in self.pieces]
        starts = self._starts
        index = bisect.bisect_right(starts, offset if at_start else offset - 1) - 1
        if index < 0:
            raise ValueError(f"offset {offset} is before the rendered text")
        piece = self.pieces[index]
        inside = piece.src_start <= offset < piece.src_end if at_start else (
            piece.src_start < offset <= piece.src_end)
        if not inside or piece.gap:
            raise ValueError(f"offset {offset} falls in dropped text")
        if piece.linear:
            return piece.out_start + (offset - piece.src_start)
        if offset == (piece.src_start if at_start else piece.src_end):
            return piece.out_start if at_start else piece.out_end
        raise ValueError(f"offset {offset} falls inside a word rendered with another length")


def spoken_word(word: str, spelled: bool) -> tuple[str, bool]:
    """``(rendering, is_acronym)`` of one word; ``spelled`` picks letters for an acronym."""
    if word in _WORDS:
        return _WORDS[word], False
    acronym = _ACRONYM.fullmatch(word)
    if acronym and acronym.group(1) not in NOT_ACRONYMS:
        letters, plural = acronym.group(1).lower(), (acronym.group(2) or "").lower()
        if spelled:
            # Spoken plurals attach to the last letter: "a h t's", "s l as" is not said.
            return " ".join(letters) + ("'s" if plural else ""), True
        return letters + plural.replace("\u2019", "'"), True
    if len(word) == 1 and word.isdigit():
        return DIGIT_WORDS[int(word)], False
    return word.lower(), False


class _Builder:
    def __init__(self, text: str, phase: int) -> None:
        self.text = text
        self.parts: list[str] = []
        self.length = 0
        self.rendering = Rendering("", phase=phase)

    def emit(self, src_start: int, src_end: int, out: str, linear: bool, gap: bool = False) -> None:
        if src_end > src_start or out:
            self.rendering.pieces.append(
                Piece(src_start, src_end, self.length, self.length + len(out), linear, gap))
        self.parts.append(out)
        self.length += len(out)

    def copy(self, start: int, end: int, lower: bool) -> None:
        chunk = self.text[start:end]
        self.emit(start, end, chunk.lower() if lower and len(chunk.lower()) == len(chunk)
                  else chunk, True)

    def speech(self, start: int, end: int, separators: str) -> None:
        """Render ``text[start:end]``; ``separators`` is that stretch with escapes blanked."""
        position = start
        for match in _WORD.finditer(separators, start, end):
            self._gap(position, match.start(), first=position == start)
            word = self.text[match.start():match.end()]
            spelled = self.rendering.phase_at(match.start()) == 0
            out, acronym = spoken_word(word, spelled)
            if acronym:
                self.rendering.acronyms.append(match.start())
            self.emit(match.start(), match.end(), out, len(out) == len(word))
            position = match.end()
        self._gap(position, end, first=position == start, last=True)

    def _gap(self, start: int, end: int, first: bool = False, last: bool = False) -> None:
        if end <= start:
            return
        gap = self.text[start:end]
        breaks = gap.count("\n")
        if breaks:
            out = "\n" * breaks
        elif first or last:
            # Keep one space where the stretch meets hidden text ("agent: yes"), none at a
            # turn's edge that had none; but never glue a word to a hidden word across the
            # punctuation dropped between them ("SLA](https://..." is not "s l ahttps").
            edge = gap[0 if first else -1]
            beyond = self.text[start - 1] if first and start else self.text[end] if last and end < len(self.text) else ""
            if first and last:
                # Only punctuation and blanks between two hidden stretches ("zoom_us: @user1",
                # an identifier then a handle): a blank keeps them two words.
                out = " " if any(char.isspace() for char in gap) else ""
            else:
                out = " " if edge.isspace() or beyond.isalnum() else ""
        else:
            out = " "
        self.emit(start, end, out, False, gap=True)

    def done(self) -> Rendering:
        self.rendering.text = "".join(self.parts)
        return self.rendering


def document_phase(key: str, seed: int = SEED) -> int:
    """Which side a document's first acronym takes (0: spelled), from the seed and its id."""
    return zlib.crc32(f"{seed}:{key}".encode("utf-8")) % 2


def render_text(text: str, phase: int = 0) -> Rendering:
    """``text`` rendered as one stretch of speech (no labels, no markup)."""
    builder = _Builder(text, phase)
    builder.speech(0, len(text), text)
    return builder.done()


def _between_words(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` holds no letter or digit and has one on either side."""
    return (0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
            and not any(char.isalnum() for char in text[start:end]))


def render_transcript(text: str, key: str = "", seed: int = SEED) -> Rendering:
    """A transcript (any sub-format the ``transcript`` format reads) rendered as speech-to-text.

    Raises the format's ``InputError`` for a transcript it cannot read.
    """
    mask, turns = transcript_turns(text)
    separators = list(text)
    for start, end, _ in turns.escapes:
        separators[start:end] = " " * (end - start)
    separators = "".join(separators)
    lower_hidden = turns.subformat == "turns"
    builder = _Builder(text, document_phase(key, seed))
    flags = mask.flags
    position = 0
    while position < len(text):
        hidden = bool(flags[position])
        end = position
        while end < len(text) and bool(flags[end]) == hidden:
            end += 1
        if hidden and _between_words(text, position, end):
            # Punctuation the masker hides inside a run of characters ("ticket#10138759"): no
            # identifier to copy and nothing said, but it kept two words apart.
            builder.emit(position, end, " ", False, gap=True)
        elif hidden:
            builder.copy(position, end, lower_hidden)
        else:
            builder.speech(position, end, separators)
        position = end
    return builder.done()


def carry_spans(rendering: Rendering, spans: list[dict]) -> list[dict]:
    """The spans (gold rows' ``spans`` or ``hard_negatives``) at their rendered offsets."""
    carried = []
    for span in spans:
        start, end = rendering.carry(span["start"], span["end"])
        carried.append({**span, "start": start, "end": end, "text": rendering.text[start:end]})
    return carried


def _as_transcript(ticket: dict) -> dict:
    """A ticket row (``tickets.jsonl``) as a transcript row: a ticket read aloud or dictated is
    a speech-to-text document with no speaker turns, which the ``transcript`` format reads as
    one stretch of speech. ``kind`` (issue, forum post...) is kept as ``ticket_kind``."""
    row = {key: value for key, value in ticket.items() if key != "kind"}
    return {**row, "format": "transcript", "ticket_kind": ticket.get("kind")}


def render_group(in_dir: Path, out_dir: Path, seed: int = SEED,
                 subformats: Collection[str] | None = None, *, tickets: bool = False) -> int:
    """Render every transcript of a corpus group and its gold; the number of documents.

    ``subformats`` keeps only the transcripts detected as one of them (``turns``, ``vtt``,
    ``srt``, ``json``): speech-to-text output is plain turns, so a group may render only those.
    ``tickets`` renders the group's tickets too, as transcripts (see :func:`_as_transcript`):
    written support text the way a speech-to-text engine writes it when it is said.

    Rows keep their fields, with the id suffixed ``-asr``, ``rendered_from`` naming the
    original (``<group>/<id>``: ``tools.corpus_split`` keeps the two in the same part) and
    ``source``/``license`` noting the rendering.
    """
    rows = read_jsonl(in_dir / "transcripts.jsonl", missing_ok=True)
    if subformats is not None:
        rows = [row for row in rows if detect(row["text"]) in subformats]
    if tickets:
        rows += [_as_transcript(row) for row in read_jsonl(in_dir / "tickets.jsonl", missing_ok=True)]
    gold = {row["id"]: row for row in (json.loads(line) for line in
            (in_dir / "gold_spans.jsonl").open(encoding="utf-8") if line.strip())}
    out_dir.mkdir(parents=True, exist_ok=True)
    transcripts, spans = [], []
    for row in rows:
        rendering = render_transcript(row["text"], row["id"], seed)
        new_id = row["id"] + "-asr"
        transcripts.append({**row, "id": new_id, "rendered_from": f"{in_dir.name}/{row['id']}",
                            "text": rendering.text,
                            "source": f"{row['source']}; {SOURCE_NOTE} (seed {seed})",
                            "license": f"{row['license']} ({SOURCE_NOTE})"})
        original = gold[row["id"]]
        spans.append({**original, "id": new_id, "doc_type": "transcript",
                      "text_sha1": hashlib.sha1(rendering.text.encode("utf-8")).hexdigest(),
                      "spans": carry_spans(rendering, original.get("spans", [])),
                      "code_or_url_mentions": carry_spans(
                          rendering, original.get("code_or_url_mentions", [])),
                      "hard_negatives": carry_spans(rendering, original.get("hard_negatives", []))})
    _write_jsonl(out_dir / "transcripts.jsonl", transcripts)
    _write_jsonl(out_dir / "gold_spans.jsonl", spans)
    for name in ("tickets.jsonl", "articles.jsonl", "gold_undefined_acronyms.jsonl"):
        (out_dir / name).write_text("", encoding="utf-8")
    return len(transcripts)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("in_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--subformat", action="append", choices=("turns", "vtt", "srt", "json"),
                        help="render only transcripts of this sub-format (repeatable; default all)")
    parser.add_argument("--tickets", action="store_true",
                        help="render the group's tickets too, as transcripts of no turns")
    args = parser.parse_args(argv)
    count = render_group(args.in_dir, args.out_dir, args.seed, args.subformat, tickets=args.tickets)
    print(f"{count} transcripts rendered to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
