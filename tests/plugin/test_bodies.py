"""Request bodies: `null` means "not given" for options, batch ids are unique -- and the OpenAPI
document says exactly that, so schemathesis and the service agree in every test order."""

from __future__ import annotations

import pytest

from annotator.options import option_names
from annotator.plugin import bodies
from annotator.plugin.errors import ServiceError

BATCH = "/api/annotate/batch"
TEXT = "Our SLA and AHT targets: the SLA is strict."


def _spans(response) -> list:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["spans"]


@pytest.fixture(scope="module")
def options_schema(app):
    return app.test_client().get("/openapi.json").get_json()["components"]["schemas"]["AnnotateOptions"]


def _allows_null(schema: dict) -> bool:
    kind = schema.get("type")
    return kind == "null" or (isinstance(kind, list) and "null" in kind)


@pytest.mark.parametrize("name", option_names())
def test_bodies_null_option_is_not_given_and_schema_says_so(client, options_schema, name):
    assert _allows_null(options_schema["properties"][name]), f"options.{name}: schema refuses null"
    with_null = client.post("/api/annotate", json={"text": TEXT, "options": {name: None}})
    left_out = client.post("/api/annotate", json={"text": TEXT, "options": {}})
    assert _spans(with_null) == _spans(left_out)


@pytest.mark.parametrize("path", ["/api/annotate", "/api/lint"])
def test_bodies_null_options_object_is_not_given(client, path):
    with_null = client.post(path, json={"text": TEXT, "options": None})
    left_out = client.post(path, json={"text": TEXT})
    assert with_null.status_code == left_out.status_code == 200
    assert with_null.get_json() == left_out.get_json()


def test_bodies_every_field_the_service_takes_null_for_is_nullable_in_schema(app):
    """The other direction: a field the schema does not mark nullable is refused when null."""
    schemas = app.test_client().get("/openapi.json").get_json()["components"]["schemas"]
    client = app.test_client()
    request = schemas["AnnotateRequest"]["properties"]
    for name in ("format", "text"):
        assert not _allows_null(request[name])
        response = client.post("/api/annotate", json={"text": TEXT, name: None})
        assert response.status_code == 422 and response.get_json()["error"]["field"] == name
    assert _allows_null(request["options"])
    batch = schemas["BatchRequest"]["properties"]
    assert _allows_null(batch["options"])
    assert not _allows_null(batch["documents"]["items"]["properties"]["id"])


def test_bodies_parse_options_null_fields(app):
    with app.app_context():
        parsed = bodies.parse_options({"first_only": None, "labels": None, "max_spans": None}, "options", 50)
    assert parsed == {"max_spans": 50}


@pytest.mark.parametrize(
    "documents, field, doc_id, first",
    [
        ([{"id": "t-1", "text": "a"}, {"id": "t-1", "text": "b"}], "documents[1].id", "t-1", 0),
        ([{"id": "a", "text": "a"}, {"id": "b", "text": "b"}, {"id": "a", "text": "c"}],
         "documents[2].id", "a", 0),
        # An explicit id equal to another document's default id (its index) is a repeat too.
        ([{"text": "a"}, {"id": "0", "text": "b"}], "documents[1].id", "0", 0),
        ([{"id": "2", "text": "a"}, {"id": "x", "text": "b"}, {"text": "c"}], "documents[2].id", "2", 0),
    ],
    ids=["adjacent", "apart", "explicit-vs-default", "default-vs-explicit"],
)
def test_bodies_batch_duplicate_id_is_422_naming_it(client, documents, field, doc_id, first):
    response = client.post(BATCH, json={"documents": documents})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "E606" and error["field"] == field
    message = error["message"]
    assert message.startswith(f"invalid field {field!r}: duplicate id {doc_id!r}")
    assert f"documents[{first}]" in message and "unique" in message


def test_bodies_batch_null_document_option_keeps_the_batch_value(client):
    text = "SLA SLA SLA SLA"
    shared = {"max_spans": 1}
    response = client.post(BATCH, json={"options": shared, "documents": [
        {"id": "null", "text": text, "options": {"max_spans": None}},
        {"id": "absent", "text": text}]})
    results = response.get_json()["results"]
    assert [len(r["spans"]) for r in results] == [1, 1]


@pytest.mark.parametrize(
    "documents, message",
    [
        ([{"id": "t-1", "text": "a"}, {"id": "t-1", "text": "b"}],
         "duplicate id 't-1': documents[0] has it too; ids must be unique in a batch"),
        ([{"text": "a"}, {"id": "0", "text": "b"}],
         "duplicate id '0': documents[0] (its default id, the index) has it too"),
        ([{"id": "1", "text": "a"}, {"text": "b"}],
         "duplicate id '1' (this document's default id, its index): documents[0] has it too"),
    ],
)
def test_bodies_parse_batch_duplicate_names_both_documents(documents, message):
    with pytest.raises(ServiceError) as info:
        bodies.parse_batch({"documents": documents}, ("text",), 50, 10)
    assert info.value.code == "E606" and message in str(info.value)


def test_bodies_parse_batch_null_document_option_keeps_the_batch_value():
    parsed = bodies.parse_batch(
        {"options": {"max_spans": 3, "first_only": True},
         "documents": [{"id": "a", "text": "x", "options": {"max_spans": None, "first_only": None}},
                       {"id": "b", "text": "y", "options": {"max_spans": 7}},
                       {"id": "c", "text": "z", "options": None}]},
        ("text",), 50, 10)
    assert [(doc_id, opts) for doc_id, _, _, opts, _ in parsed] == [
        ("a", {"max_spans": 3, "first_only": True}),
        ("b", {"max_spans": 7, "first_only": True}),
        ("c", {"max_spans": 3, "first_only": True}),
    ]


def test_bodies_parse_batch_unique_ids_in_order():
    parsed = bodies.parse_batch({"documents": [{"text": "a"}, {"id": "x", "text": "b"}, {"text": "c"}]},
                                ("text",), 50, 10)
    assert [(doc_id, field) for doc_id, _, _, _, field in parsed] == [
        ("0", "documents[0]"), ("x", "documents[1]"), ("2", "documents[2]")]


def test_bodies_empty_limit_query_is_not_given_and_schema_says_so(app, client):
    document = client.get("/openapi.json").get_json()
    (limit,) = [p for p in document["paths"]["/api/glossary"]["get"]["parameters"] if p["name"] == "limit"]
    assert limit["allowEmptyValue"] is True
    assert client.get("/api/glossary?limit=").get_json() == client.get("/api/glossary").get_json()
