"""Term frequencies across a tagged archive: a CSV and a small standalone HTML report.

Counts are kept per (concept id, term, label): how many times the concept occurs and in how many
documents. Acronym-shaped tokens the glossary does not know are counted too, under the label
``UNKNOWN_ACRONYM`` with an empty concept id: they are what the glossary should learn next.
In transcripts each span also has the speaker's role, and the counts are kept per role too:
which jargon agents use with customers, which customers ask about (extra CSV columns and a
chart, when the archive has roles at all).

The same :func:`document_terms` runs in the workers (on the result of each document) and on an
existing output file (when a resumed run rebuilds the counts of what was tagged before the
crash), so a resumed run's summary is the summary of a run that never stopped.
"""

from __future__ import annotations

import csv
import html
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import BatchError
from ..lint.words import DEFAULT_ALLOW  # what the linter leaves undefined is not "unknown"
from ..reportpage import Bar, bar_chart, page
from ..text.markup.transcript.model import ROLES
from ..vocabulary.acronyms import base_acronym

UNKNOWN_LABEL = "UNKNOWN_ACRONYM"

#: Bars in the HTML report's chart.
TOP_TERMS = 25

Term = tuple[str, str, str, str, str]  # (concept id, term, label, form as written, speaker role or "")
Key = tuple[str, str, str]  # (concept id, term, "") for a concept; ("", text, label) otherwise


def document_terms(result: dict) -> list[Term]:
    """The (concept id, term, label, form, role) of every span and unknown acronym of one
    document (role: the speaker's, in a transcript; else "").

    Unknown acronyms the linter allows by default (API, FAQ, 2FA, ...) are left out: they are
    not what the glossary should learn next.
    """
    terms = [(s.get("term_id") or "", s.get("term") or s.get("text") or "", s.get("label") or "",
              s.get("text") or s.get("term") or "", s.get("role") or "")
             for s in result.get("spans", ())]
    terms.extend(("", u.get("text", ""), UNKNOWN_LABEL, u.get("text", ""), "")
                 for u in result.get("unknown_acronyms", ()) if not _allowed(u.get("text", "")))
    return terms


def _allowed(text: str) -> bool:
    return text in DEFAULT_ALLOW or _base(text) in DEFAULT_ALLOW


def _base(form: str) -> str:
    """"AHTs" and "AHT's" are the form "AHT"."""
    return base_acronym(form)


def _key(term: tuple) -> Key:
    cid, name, label = term[0], term[1], term[2]
    # One concept is one row whatever label it was found under (the term "Average Handle
    # Time" and the acronym "AHT"); without a concept id the label tells kinds apart.
    return (cid, name, "") if cid else ("", name, label)


class TermSummary:
    """Occurrence and document counts per concept (and per unknown acronym), with the labels
    and forms each was found as; bounded by the glossary's size plus the distinct unknown
    acronyms seen."""

    def __init__(self) -> None:
        self.count: Counter[Key] = Counter()
        self.documents: Counter[Key] = Counter()
        self.labels: dict[Key, Counter[str]] = {}
        self.forms: dict[Key, Counter[str]] = {}
        self.roles: dict[Key, Counter[str]] = {}
        self.total_documents = 0

    def add(self, terms: Iterable[Term]) -> None:
        self.total_documents += 1
        seen = set()
        for term in terms:
            key = _key(term)
            seen.add(key)
            self.count[key] += 1
            self.labels.setdefault(key, Counter())[term[2]] += 1
            if key[0] and "ACRONYM" in term[2] and len(term) > 3 and term[3] != term[1]:
                self.forms.setdefault(key, Counter())[_base(term[3])] += 1
            if len(term) > 4 and term[4] in ROLES:
                self.roles.setdefault(key, Counter())[term[4]] += 1
        self.documents.update(seen)

    def add_output(self, path: Path, limit: int | None = None) -> None:
        """Count the documents in an existing output file (its first ``limit`` bytes)."""
        with open(path, "rb") as fh:
            read = 0
            for line in fh:
                read += len(line)
                if limit is not None and read > limit:
                    break
                if line.strip():
                    self.add(document_terms(json.loads(line)))

    def label(self, key: Key) -> str:
        """The label a row is filed under: the one it was found under most often."""
        return min(self.labels[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def name(self, key: Key) -> str:
        """How a row is named in the report: the form that occurred, "AHT (Average Handle
        Time)" for a concept met as its acronym, else the term."""
        forms = self.forms.get(key)
        if not forms:
            return key[1]
        form = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        return f"{form} ({key[1]})"

    def _ordered(self) -> list[tuple[Key, int]]:
        return sorted(self.count.items(),
                      key=lambda kv: (-kv[1], self.label(kv[0]), kv[0][0], kv[0][1]))

    @property
    def has_roles(self) -> bool:
        """Did any span come with a speaker role (the archive has transcripts)?"""
        return bool(self.roles)

    def columns(self) -> list[str]:
        """The CSV columns: one count per speaker role too when the archive has roles."""
        base = ["concept_id", "term", "label", "count", "documents"]
        return base + list(ROLES) if self.has_roles else base

    def rows(self) -> list[dict]:
        """Rows sorted by count (descending), then label, concept id and term; with a count
        per speaker role when the archive has roles."""
        rows = []
        for key, n in self._ordered():
            row = {"concept_id": key[0], "term": key[1], "label": self.label(key), "count": n,
                   "documents": self.documents[key]}
            if self.has_roles:
                by_role = self.roles.get(key, Counter())
                row.update((role, by_role[role]) for role in ROLES)
            rows.append(row)
        return rows

    def chart_rows(self) -> list[dict]:
        """:meth:`rows` with each row's display ``name`` and whether it was met as an acronym."""
        return [
            {**row, "name": self.name(key),
             "acronym": any("ACRONYM" in label for label in self.labels[key])}
            for row, (key, _) in zip(self.rows(), self._ordered())
        ]

    def label_totals(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for labels in self.labels.values():
            totals.update(labels)
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))

    def write_csv(self, path: Path) -> None:
        """Write the rows as CSV; a failed write is E506 (rerun with ``--resume``)."""
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, self.columns())
                writer.writeheader()
                writer.writerows(self.rows())
        except OSError as exc:
            raise BatchError("E506", path=str(path), detail=exc.strerror or str(exc)) from exc

    def write_html(self, path: Path, *, title: str = "Term frequencies") -> None:
        """Write the HTML report; a failed write is E506."""
        try:
            Path(path).write_text(render_html(self, title=title), encoding="utf-8")
        except OSError as exc:
            raise BatchError("E506", path=str(path), detail=exc.strerror or str(exc)) from exc


def render_html(summary: TermSummary, *, title: str = "Term frequencies") -> str:
    """A self-contained page (inline CSS and SVG, no scripts, no external resources)."""
    rows = summary.chart_rows()
    top = [r for r in rows if r["label"] != UNKNOWN_LABEL][:TOP_TERMS]
    unknown = [r for r in rows if r["label"] == UNKNOWN_LABEL][:TOP_TERMS]
    return page(title, _CSS, [
        f"<p>{summary.total_documents:,} documents, {sum(summary.count.values()):,} terms found, "
        f"{len(rows):,} distinct.</p>",
        "<h2>Top terms</h2>",
        '<p class="legend"><span class="key term"></span> term '
        '<span class="key acr"></span> acronym</p>' if top else "",
        _bar_chart(top) if top else "<p>No glossary terms found.</p>",
        _role_charts(rows) if summary.has_roles else "",
        "<h2>By label</h2>",
        _table(["label", "count"], [[k, v] for k, v in summary.label_totals().items()]),
        "<h2>Unknown acronyms</h2>",
        _table(["acronym", "count", "documents"],
               [[r["term"], r["count"], r["documents"]] for r in unknown])
        if unknown else "<p>None.</p>",
        "<h2>All terms</h2>",
        _table([c.replace("_", " ") for c in summary.columns()], [[r[c] for c in summary.columns()] for r in rows]),
    ])


def _role_charts(rows: list[dict]) -> str:
    """Per speaker role, the glossary terms that role used most (one chart each)."""
    parts = ["<h2>By speaker role</h2>"]
    for role in ROLES:
        top = sorted((r for r in rows if r["label"] != UNKNOWN_LABEL and r[role]),
                     key=lambda r: -r[role])[:TOP_TERMS]
        if top:
            parts.append(f"<h3>{html.escape(role.capitalize())} turns</h3>")
            parts.append(_bar_chart([{**r, "count": r[role]} for r in top], label=f"Top terms in {role} turns"))
    return "\n".join(parts) if len(parts) > 1 else ""


def _bar_chart(rows: list[dict], label: str = "Top terms by count") -> str:
    return bar_chart([Bar(r["name"], r["label"], r["count"], r["documents"], r["count"], str(r["count"]),
                          "acr" if r["acronym"] else "term") for r in rows], label)


def _table(headers: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
svg text{font-size:12px;fill:#1b1f24}rect.term,.key.term{fill:#3b6fd8;background:#3b6fd8}
rect.acr,.key.acr{fill:#d8833b;background:#d8833b}
.key{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em;vertical-align:-.05em}
.legend{font-size:13px;margin:.2rem 0 .6rem}
table{border-collapse:collapse;font-size:13px}th,td{padding:.2rem .6rem;border-bottom:1px solid #dde}
th{text-align:left;background:#f3f5f8}td:nth-child(n+2){font-variant-numeric:tabular-nums}
""".strip()
