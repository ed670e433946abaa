"""TermBase eXchange (TBX, ISO 30042): read safely, write TBX-Basic.

Reading accepts both generations of the format: TBX-Basic 2008 (``martif`` / ``termEntry`` /
``langSet`` / ``tig`` or ``ntig``) and ISO 30042:2019 DCA (``tbx`` / ``conceptEntry`` /
``langSec`` / ``termSec``), with or without the TBX namespace. Per concept entry:

* the terms of the English language section (or of the first one, when there is no English);
* ``termNote type="termType"`` ``acronym`` / ``abbreviation`` / ``initialism`` -> acronyms, the
  first other term (a ``preferred`` one when marked) -> the term, the rest -> aliases;
* ``termNote type="administrativeStatus"`` (or the older ``normativeAuthorization``) -> status
  ``preferred`` / ``admitted`` / ``deprecated``;
* every ``descrip type="definition"`` -> one entry (merging makes one concept with several
  definitions), attributed to the file name and the line of the definition;
* ``descrip type="subjectField"`` -> category.

XML from users is hostile until proven otherwise, so it goes through ``defusedxml``: entity
declarations (billion laughs, external entities such as ``file:///etc/passwd``) and external
references are refused with E106 naming the file and line, before anything is expanded or
fetched. A ``<!DOCTYPE ... SYSTEM "x.dtd">`` line, common in real TBX files, is allowed: expat
never loads an external DTD.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from ...errors import GlossaryError
from ..files import read_bounded
from ..model import Concept, Entry, Glossary, Skipped
from .rows import clean, make_entry

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ENTRY_TAGS = {"termEntry", "conceptEntry"}
LANG_TAGS = {"langSet", "langSec"}
TERM_TAGS = {"tig", "ntig", "termSec"}
ACRONYM_TYPES = {"acronym", "abbreviation", "initialism"}
#: TBX administrative status values (and the 2008 ``normativeAuthorization`` ones) -> ours.
STATUS_FROM_TBX = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "preferredterm": "preferred",
    "admittedterm": "admitted",
    "deprecatedterm": "deprecated",
    "supersededterm": "deprecated",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
}
STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


# --- reading ------------------------------------------------------------------------------------


class _LineRecordingBuilder(ET.TreeBuilder):
    """A tree builder that remembers the line each element starts on.

    ElementTree drops source positions; expat still knows them while it calls ``start``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.expat = None  # set once the parser exists
        self.lines: dict[ET.Element, int] = {}

    def start(self, tag, attrs):  # noqa: D102 - TreeBuilder API
        element = super().start(tag, attrs)
        self.lines[element] = self.expat.CurrentLineNumber if self.expat is not None else 0
        return element


def parse_xml(data: bytes, path: Path) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse untrusted XML: entities and external references are refused (E106)."""
    builder = _LineRecordingBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise GlossaryError(
            "E106", path=str(path), line=parser.parser.CurrentLineNumber, detail=_describe(exc)
        ) from exc
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else parser.parser.CurrentLineNumber
        raise GlossaryError("E106", path=str(path), line=line, detail=str(exc)) from exc
    return root, builder.lines


def _describe(exc: DefusedXmlException) -> str:
    name = type(exc).__name__
    if name == "EntitiesForbidden":
        target = f" (SYSTEM {exc.sysid!r})" if getattr(exc, "sysid", None) else ""
        return f"entity declarations are not allowed: <!ENTITY {exc.name} ...>{target}"
    if name == "ExternalReferenceForbidden":
        return f"external references are not allowed (SYSTEM {getattr(exc, 'sysid', None)!r})"
    if name == "DTDForbidden":
        return "document type declarations are not allowed"
    return name


@functools.lru_cache(maxsize=1024)
def _local(tag: object) -> str:
    """``{namespace}name`` -> ``name`` (comments and processing instructions -> "").

    Cached: a file has a handful of distinct tags and millions of elements.
    """
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    return clean("".join(element.itertext()))


def read_tbx(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Read a TBX file into entries (one per definition) and skipped concept entries."""
    path = Path(path)
    return read_tbx_bytes(read_bounded(path), path)


def read_tbx_bytes(data: bytes, path: Path) -> tuple[list[Entry], list[Skipped]]:
    root, lines = parse_xml(data, path)
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for element in root.iter():
        if _local(element.tag) in ENTRY_TAGS:
            for row in _read_concept_entry(element, lines, path):
                (entries if isinstance(row, Entry) else skipped).append(row)
    return entries, skipped


def _chosen_languages(entry: ET.Element) -> list[ET.Element]:
    sections = [child for child in entry if _local(child.tag) in LANG_TAGS]
    english = [s for s in sections if (s.get(XML_LANG) or s.get("lang") or "").lower().startswith("en")]
    return english or sections[:1]


def _walk(element: ET.Element, skip: set[ET.Element]) -> Iterator[ET.Element]:
    """Descendants of ``element`` (itself included) in document order, not entering ``skip``.

    Iterative: a hostile file may nest elements thousands deep.
    """
    stack = [element]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in reversed(node) if child not in skip)


def _read_concept_entry(entry: ET.Element, lines: dict, path: Path) -> Iterator[Entry | Skipped]:
    line = lines.get(entry, 0)
    languages = _chosen_languages(entry)
    other_languages = {c for c in entry if _local(c.tag) in LANG_TAGS and c not in languages}

    terms: list[tuple[str, str | None, str | None]] = []  # (text, termType, status)
    for section in languages:
        for holder in section.iter():
            if _local(holder.tag) not in TERM_TAGS:
                continue
            term_text, term_type, status = "", None, None
            for node in holder.iter():
                kind = _local(node.tag)
                if kind == "term" and not term_text:
                    term_text = _text(node)
                elif kind == "termNote":
                    note = node.get("type")
                    if note == "termType":
                        term_type = _text(node)
                    elif note in ("administrativeStatus", "normativeAuthorization"):
                        status = STATUS_FROM_TBX.get(_text(node).lower())
            if term_text:
                terms.append((term_text, term_type, status))
    if not terms:
        raise GlossaryError("E114", path=str(path), line=line, detail=f"<{_local(entry.tag)}> has no <term>")

    acronyms = tuple(dict.fromkeys(t for t, kind, _ in terms if kind in ACRONYM_TYPES))
    names = [(t, status) for t, kind, status in terms if kind not in ACRONYM_TYPES]
    preferred = [n for n in names if n[1] == "preferred"]
    if names:
        term, status = (preferred or names)[0]
    else:  # only acronyms: the acronym is its own term
        term, status = terms[0][0], terms[0][2]
    aliases = tuple(dict.fromkeys(t for t, _ in names if t != term))

    category = None
    definitions: list[tuple[str, int]] = []
    for node in _walk(entry, other_languages):
        if _local(node.tag) != "descrip":
            continue
        kind = node.get("type")
        if kind == "definition":
            definitions.append((_text(node), lines.get(node, line)))
        elif kind == "subjectField" and category is None:
            category = _text(node) or None

    fields = {"term": term, "acronym": acronyms, "aliases": aliases, "category": category, "status": status}
    if not any(text for text, _ in definitions):
        yield Skipped(source=path.name, line=line, text=term, reason="no definition")
        return
    for text, def_line in definitions:
        if text:
            yield make_entry({**fields, "definition": text}, path=path, line=def_line)


# --- writing ------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _term_sec(parent: ET.Element, text: str, term_type: str | None, status: str | None) -> None:
    section = _sub(parent, "termSec")
    _sub(section, "term", text)
    if term_type:
        _sub(section, "termNote", term_type, type="termType")
    if status in STATUS_TO_TBX:
        _sub(section, "termNote", STATUS_TO_TBX[status], type="administrativeStatus")


def tbx_element(concepts: Iterable[Concept], *, description: str = "") -> ET.Element:
    """The glossary as a TBX-Basic (ISO 30042:2019, DCA style) element tree."""
    root = ET.Element("tbx", {"xmlns": TBX_NAMESPACE, "type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", description or "Exported by helpdesk-annotator")
    body = _sub(_sub(root, "text"), "body")
    for concept in concepts:
        entry_id = concept.id if _NCNAME.match(concept.id) else f"c-{concept.id}"
        entry = _sub(body, "conceptEntry", id=entry_id)
        if concept.category:
            _sub(entry, "descrip", concept.category, type="subjectField")
        lang = _sub(entry, "langSec", **{XML_LANG: "en"})
        for definition in concept.definitions:
            group = _sub(lang, "descripGrp")
            _sub(group, "descrip", definition.text, type="definition")
            if definition.source:
                origin = f"{definition.source}:{definition.line}" if definition.line else definition.source
                _sub(group, "admin", origin, type="source")
        _term_sec(lang, concept.term, "fullForm", concept.status)
        for acronym in concept.acronyms:
            _term_sec(lang, acronym, "acronym", None)
        for alias in concept.aliases:
            _term_sec(lang, alias, None, None)
    ET.indent(root, space="  ")
    return root


def tbx_bytes(glossary: Glossary | Iterable[Concept]) -> bytes:
    """Serialize a glossary as UTF-8 TBX-Basic XML (deterministic: same glossary, same bytes)."""
    concepts = list(glossary)
    version = glossary.version if isinstance(glossary, Glossary) else Glossary(concepts).version
    description = f"Exported by helpdesk-annotator: {len(concepts)} concepts, glossary version {version}"
    root = tbx_element(concepts, description=description)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_tbx(glossary: Glossary | Iterable[Concept], target: str | Path | BinaryIO | TextIO) -> None:
    """Write TBX to a path or an open stream (text or binary)."""
    data = tbx_bytes(glossary)
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(data)
    elif isinstance(target, io.TextIOBase) or "b" not in getattr(target, "mode", "b"):
        target.write(data.decode("utf-8"))
    else:
        target.write(data)
