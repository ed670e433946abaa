"""Annotation options: one declaration, and every surface (service validation, OpenAPI, CLI,
batch) derived from it -- so a new option is one field in ``annotator/options.py``."""

from __future__ import annotations

import dataclasses

import click
import pytest
from click.testing import CliRunner

from annotator import options as options_module
from annotator.batch.tagger import TagOptions
from annotator.cli import cli
from annotator.cli._options import annotate_options
from annotator.options import AnnotateOptions, Option, option, option_fields, option_names
from annotator.plugin import bodies, create_app
from annotator.plugin.errors import ServiceError
from annotator.plugin.openapi import options_properties

#: A valid request value for each kind of option.
SAMPLES = {"boolean": True, "integer": 7, "strings": ["CX_TERM"], "choice": "off"}
#: A wrong-typed request value for each kind of option.
WRONG = {"boolean": "yes", "integer": "7", "strings": "CX_TERM", "choice": "sometimes"}
FIELDS = [(field.name, spec) for field, spec in option_fields()]


@dataclasses.dataclass(frozen=True)
class WithNewOptions(AnnotateOptions):
    """What a contributor adding options writes: fields, nothing else."""

    shout: bool = option(False, kind="boolean", flag="--shout", help="Shout the definitions.")
    tone: tuple[str, ...] | None = option(None, kind="strings", flag="--tone", max_items=2,
                                          choices=("calm", "brisk"), help="Tones to use.")
    depth: int = option(3, kind="integer", flag="--depth", minimum=1, maximum=9, help="How deep.")


@pytest.fixture(scope="module")
def openapi_options():
    app = create_app({"TESTING": True, "HELPDESK_PIPELINE_LOADING": "lazy"})
    document = app.test_client().get("/openapi.json").get_json()
    return document["components"]["schemas"]["AnnotateOptions"]["properties"]


@pytest.fixture
def new_options(monkeypatch):
    """The declaration with three more options, as every surface sees it."""
    monkeypatch.setattr(options_module, "AnnotateOptions", WithNewOptions)
    return WithNewOptions


def test_options_defaults_are_the_library_defaults():
    from annotator.export import DEFAULT_MAX_SPANS

    assert AnnotateOptions().to_kwargs() == {"first_only": False, "labels": None,
                                             "max_spans": DEFAULT_MAX_SPANS, "asr": "auto", "fuzzy": True}


@pytest.mark.parametrize(
    "function, stage", [("annotator.export.doc_to_json", "export"), ("annotator.api.annotate", None)]
)
def test_options_library_functions_take_every_option_with_its_default(function, stage):
    """The library's keyword arguments are the options, with the declared defaults: the
    export takes the export-stage ones, ``annotate()`` all of them."""
    import importlib

    module, name = function.rsplit(".", 1)
    defaults = getattr(importlib.import_module(module), name).__kwdefaults__
    names = option_names(stage=stage)
    expected = {k: v for k, v in AnnotateOptions().to_kwargs().items() if k in names}
    assert {name: defaults.get(name, "missing") for name in names} == expected


@pytest.mark.parametrize("name, spec", FIELDS, ids=[name for name, _ in FIELDS])
def test_options_every_field_is_in_the_openapi_schema(openapi_options, name, spec):
    schema = openapi_options[name]
    assert schema["description"] == spec.help
    assert "null" in schema["type"]


@pytest.mark.parametrize("command", ["annotate", "tag"])
@pytest.mark.parametrize("name, spec", FIELDS, ids=[name for name, _ in FIELDS])
def test_options_every_field_is_in_the_cli_help(command, name, spec):
    result = CliRunner().invoke(cli, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert spec.flag in result.stdout


@pytest.mark.parametrize("name, spec", FIELDS, ids=[name for name, _ in FIELDS])
def test_options_every_field_is_accepted_and_checked_by_the_service(name, spec):
    parsed = bodies.parse_options({name: SAMPLES[spec.kind]}, "options", 50)
    assert parsed[name] == SAMPLES[spec.kind]
    with pytest.raises(ServiceError) as caught:
        bodies.parse_options({name: WRONG[spec.kind]}, "options", 50)
    assert caught.value.code == "E606" and caught.value.field == f"options.{name}"


def test_options_batch_options_carry_every_field():
    tag = TagOptions(format="html", max_length=10)
    assert set(option_names()) <= set(tag.to_json())
    assert tag.to_kwargs() == AnnotateOptions().to_kwargs()


def test_options_an_integer_needs_its_bounds():
    with pytest.raises(ValueError):
        Option(kind="integer", flag="--n", help="n", minimum=1)
    with pytest.raises(ValueError):
        Option(kind="float", flag="--n", help="n")


@pytest.mark.parametrize("spec", [{"kind": "choice"}, {"kind": "boolean", "stage": "later"}])
def test_options_a_choice_needs_its_choices_and_a_stage_is_known(spec):
    with pytest.raises(ValueError):
        Option(flag="--x", help="x", **spec)


# --- a new option is one edit: every surface picks up fields it has never seen -------------------


def test_options_new_fields_reach_the_openapi_schema(new_options):
    properties = options_properties(cap=50)
    assert list(properties) == list(option_names())
    assert properties["shout"]["type"] == ["boolean", "null"]
    assert properties["tone"]["items"] == {"type": "string", "enum": ["calm", "brisk"]}
    assert properties["tone"]["maxItems"] == 2
    assert (properties["depth"]["minimum"], properties["depth"]["maximum"], properties["depth"]["default"]) == (1, 9, 3)


@pytest.mark.parametrize(
    "options, field",
    [({"shout": 1}, "options.shout"), ({"tone": ["loud"]}, "options.tone[0]"),
     ({"tone": ["calm"] * 3}, "options.tone"), ({"depth": 10}, "options.depth"),
     ({"volume": 1}, "options.volume")],
    ids=["wrong-type", "not-a-choice", "too-many", "out-of-range", "unknown"],
)
def test_options_new_fields_are_checked_by_the_service(new_options, options, field):
    with pytest.raises(ServiceError) as caught:
        bodies.parse_options(options, "options", 50)
    assert caught.value.code == "E606" and caught.value.field == field


def test_options_new_fields_are_accepted_by_the_service(new_options):
    parsed = bodies.parse_options({"shout": True, "tone": ["brisk"], "depth": 9}, "options", 50)
    assert parsed == {"shout": True, "tone": ["brisk"], "depth": 9, "max_spans": 50}


def test_options_new_fields_reach_the_cli(new_options):
    received = []

    @click.command()
    @annotate_options
    def command(options) -> None:
        received.append(options)

    result = CliRunner().invoke(command, ["--help"], terminal_width=200)
    assert all(flag in result.stdout for flag in ("--shout", "--tone", "--depth", "--first-only"))
    result = CliRunner().invoke(command, ["--shout", "--tone", "calm", "--depth", "2"])
    assert result.exit_code == 0, result.output
    assert received == [WithNewOptions(shout=True, tone=("calm",), depth=2)]
    assert CliRunner().invoke(command, ["--depth", "10"]).exit_code == 2
