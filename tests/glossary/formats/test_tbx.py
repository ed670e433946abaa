"""TBX: hostile XML is refused without fetching anything; export -> import round-trips."""

from __future__ import annotations

import http.server
import io
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.errors import GlossaryError
from annotator.glossary.model import Concept, Definition, Glossary
from annotator.glossary.formats import read_glossary_file
from annotator.glossary.formats.tbx import TBX_NAMESPACE, read_tbx_bytes, tbx_bytes, write_tbx

DATA = Path(__file__).parent / "data"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def web_server():
    """A real HTTP server on 127.0.0.1 that counts the requests it gets (it must get none)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            hits.append(self.path)
            body = b'<!ENTITY leaked "fetched">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", hits
    finally:
        server.shutdown()
        server.server_close()


def tbx_file(tmp_path: Path, prolog: str, body: str = "<text><body/></text>") -> Path:
    path = tmp_path / "hostile.tbx"
    path.write_text(f'<?xml version="1.0"?>\n{prolog}\n<tbx type="TBX-Basic">{body}</tbx>\n', encoding="utf-8")
    return path


def concept_body(term: str) -> str:
    return (
        "<text><body><conceptEntry id='c1'><langSec xml:lang='en'>"
        "<descrip type='definition'>A definition.</descrip>"
        f"<termSec><term>{term}</term></termSec></langSec></conceptEntry></body></text>"
    )


BILLION_LAUGHS = "<!DOCTYPE tbx [\n" + "\n".join(
    ['<!ENTITY lol0 "lol">']
    + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
) + "\n]>"


@pytest.mark.parametrize(
    "prolog, term, line",
    [
        ('<!DOCTYPE tbx [\n<!ENTITY x SYSTEM "{url}/secret">\n]>', "&x;", 3),
        ('<!DOCTYPE tbx [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>', "&x;", 3),
        ('<!DOCTYPE tbx [\n<!ENTITY % p SYSTEM "{url}/evil.dtd">\n%p;\n]>', "SLA", 3),
        (BILLION_LAUGHS, "&lol9;", 3),
        ('<!DOCTYPE tbx [\n<!ENTITY sla "Service Level Agreement">\n]>', "&sla;", 3),
    ],
    ids=["external-http-entity", "external-file-entity", "parameter-entity", "billion-laughs", "internal-entity"],
)
def test_tbx_hostile_xml_is_refused_quickly_and_never_fetched(tmp_path, web_server, prolog, term, line):
    url, hits = web_server
    path = tbx_file(tmp_path, prolog.replace("{url}", url), concept_body(term))
    started = time.process_time()
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    elapsed = time.process_time() - started
    assert info.value.code == "E106"
    assert info.value.details["line"] == line and "hostile.tbx" in info.value.message
    assert hits == []
    assert elapsed < 2, "must not hang"  # generous bound: the refusal happens at the declaration


def test_tbx_external_dtd_reference_is_not_fetched(tmp_path, web_server):
    # Real TBX files start with <!DOCTYPE martif SYSTEM "...dtd">: accepted, and never loaded.
    url, hits = web_server
    path = tbx_file(tmp_path, f'<!DOCTYPE tbx SYSTEM "{url}/TBXcoreStructV02.dtd">', concept_body("SLA"))
    entries, _ = read_glossary_file(path)
    assert [e.term for e in entries] == ["SLA"]
    assert hits == []


@pytest.mark.parametrize(
    "content, line, needle",
    [
        ("<tbx><text><body><conceptEntry>\n<langSec>\n</conceptEntry></body></text></tbx>", 3, "mismatched tag"),
        ("<tbx>\n<term>caf&eacute;</term></tbx>", 2, "undefined entity"),
        ("", 1, "no element found"),
        ("not xml at all", 1, "syntax error"),
    ],
    ids=["mismatched", "html-entity", "empty", "text"],
)
def test_tbx_malformed_xml_names_line(tmp_path, content, line, needle):
    path = tmp_path / "broken.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    assert info.value.code == "E106"
    assert info.value.details["line"] == line
    assert needle in info.value.message and "broken.tbx" in info.value.message


def test_tbx_entry_without_term_is_an_error(tmp_path):
    data = b"<tbx><text><body>\n<conceptEntry id='x'>\n<descrip type='definition'>d</descrip></conceptEntry></body></text></tbx>"
    with pytest.raises(GlossaryError) as info:
        read_tbx_bytes(data, tmp_path / "t.tbx")
    assert info.value.code == "E114" and info.value.details["line"] == 2


def test_tbx_reads_2008_and_2019_dialects():
    old, _ = read_glossary_file(DATA / "martif.tbx")
    new, _ = read_glossary_file(DATA / "dca2019.tbx")
    assert (old[0].term, old[0].acronyms, old[0].status) == ("Service Level Agreement", ("SLA",), "preferred")
    assert (new[0].term, new[0].acronyms, new[0].aliases) == ("Mean Time to Resolution", ("MTTR",), ("time to resolve",))
    chatbot = new[1]
    assert (chatbot.term, chatbot.aliases) == ("chatbot", ("bot",))  # the preferred term wins


def test_tbx_only_english_language_section_is_read():
    entries, _ = read_glossary_file(DATA / "martif.tbx")
    assert not any("Dienstgüte" in e.term or "Vereinbarung" in e.definition for e in entries)


def test_tbx_escaped_markup_in_definition_stays_literal(tmp_path):
    data = (
        "<tbx><text><body><conceptEntry><langSec xml:lang='en'><descrip type='definition'>"
        "Shows &lt;img src=x onerror=alert(1)&gt; as text</descrip>"
        "<termSec><term>Macro</term></termSec></langSec></conceptEntry></body></text></tbx>"
    ).encode()
    (entry,), _ = read_tbx_bytes(data, tmp_path / "t.tbx")
    assert entry.definition == f"Shows {HOSTILE} as text"


# --- writing ------------------------------------------------------------------------------------


@pytest.fixture
def glossary() -> Glossary:
    return Glossary(
        [
            Concept("service-level-agreement", "Service Level Agreement", ["SLA"], ["service agreement"],
                    "Metrics", [Definition("A promise of response times.", "000_a.txt", 4),
                                Definition(f"A contract {HOSTILE} & more.", "user.csv", 2)], "preferred"),
            Concept("average-handle-time", "Average Handle Time", ["AHT"], [], "Metrics",
                    [Definition("Mean time per interaction.", "001_b.txt", 7)]),
            Concept("average-hold-time", "Average Hold Time", ["AHT"], [], None,
                    [Definition("Mean time on hold.", "002_c.txt", 9)], "deprecated"),
            Concept("24-7-support", "24/7 support", [], ["round-the-clock support", "24x7"], "Operations",
                    [Definition("Support available at any hour.", "003_d.txt", 1)]),
        ]
    )


def test_tbx_export_is_valid_tbx_basic_shape(glossary):
    root = ET.fromstring(tbx_bytes(glossary))
    ns = {"t": TBX_NAMESPACE}
    assert root.tag == f"{{{TBX_NAMESPACE}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", ns) is not None
    entries = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert len(entries) == len(glossary)
    ids = [e.get("id") for e in entries]
    assert len(set(ids)) == len(ids) and all(not i[0].isdigit() for i in ids)  # xml:id is an NCName
    sla = entries[0]
    types = {
        t.findtext("t:term", namespaces=ns): t.findtext("t:termNote[@type='termType']", namespaces=ns)
        for t in sla.iterfind(".//t:termSec", ns)
    }
    assert types == {"Service Level Agreement": "fullForm", "SLA": "acronym", "service agreement": None}
    status = sla.findtext(".//t:termNote[@type='administrativeStatus']", namespaces=ns)
    assert status == "preferredTerm-admn-sts"


def test_tbx_export_import_round_trip(tmp_path, glossary):
    path = tmp_path / "export.tbx"
    write_tbx(glossary, path)
    entries, skipped = read_glossary_file(path)
    assert not skipped
    by_term: dict[str, list] = {}
    for entry in entries:
        by_term.setdefault(entry.term, []).append(entry)
    assert list(by_term) == [c.term for c in glossary]
    for concept in glossary:
        got = by_term[concept.term]
        assert [e.definition for e in got] == [d.text for d in concept.definitions]
        assert {(e.acronyms, e.aliases, e.category, e.status) for e in got} == {
            (tuple(concept.acronyms), tuple(concept.aliases), concept.category, concept.status)
        }


def test_tbx_export_import_round_trip_through_merge(tmp_path, glossary):
    from annotator.glossary import merge

    path = tmp_path / "export.tbx"
    write_tbx(glossary, path)
    entries, _ = read_glossary_file(path)
    rebuilt = Glossary(merge.merge_entries(entries))
    def shape(c):
        return (c.term, sorted(c.acronyms), sorted(c.aliases), c.category, c.status, [d.text for d in c.definitions])
    assert sorted(map(shape, rebuilt)) == sorted(map(shape, glossary))


def test_tbx_export_is_deterministic_and_streams(glossary):
    text_stream, byte_stream = io.StringIO(), io.BytesIO()
    write_tbx(glossary, text_stream)
    write_tbx(glossary, byte_stream)
    assert text_stream.getvalue().encode("utf-8") == byte_stream.getvalue() == tbx_bytes(glossary)


def test_tbx_export_empty_glossary_round_trips(tmp_path):
    path = tmp_path / "empty.tbx"
    write_tbx(Glossary([]), path)
    assert read_glossary_file(path) == ([], [])


def test_tbx_deeply_nested_markup_does_not_crash(tmp_path):
    depth = 20_000
    data = (
        "<tbx><text><body><conceptEntry><langSec xml:lang='en'><termSec><term>SLA</term></termSec>"
        "<descrip type='definition'>" + "<hi>" * depth + "deep" + "</hi>" * depth + "</descrip>"
        "</langSec></conceptEntry></body></text></tbx>"
    ).encode()
    (entry,), _ = read_tbx_bytes(data, tmp_path / "deep.tbx")
    assert entry.definition == "deep"
