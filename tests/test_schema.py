"""The editor JSON Schema agrees with the validator: valid specs pass it, typical mistakes fail it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import SPECS

from generator.spec.schema import json_schema
from generator.spec.starter import starter_spec


def as_editor_sees_it(text: str) -> object:
    """YAML as an editor's YAML extension hands it to JSON Schema: dates are strings."""

    def convert(value: object) -> object:
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return convert(yaml.safe_load(text))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(json.dumps(json_schema()))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_valid_specs_pass_the_editor_schema(validator: jsonschema.Draft7Validator, spec: Path) -> None:
    errors = [e.message for e in validator.iter_errors(as_editor_sees_it(spec.read_text(encoding="utf-8")))]
    assert errors == []


def test_starter_passes_the_editor_schema(validator: jsonschema.Draft7Validator) -> None:
    assert list(validator.iter_errors(as_editor_sees_it(starter_spec("x")))) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  nature: fixed", "  nature: fixed\n  discount: 5"),  # unknown field
        ("procurement_method: competitive_consultation", "procurement_method: 磋商"),  # not a choice
        ("  staff: 20", "  staff: twenty"),  # wrong type
        ("  total: 1200000.00\n", ""),  # missing required field
    ],
)
def test_mistakes_fail_the_editor_schema(validator: jsonschema.Draft7Validator, old: str, new: str) -> None:
    text = starter_spec("x")
    assert old in text
    assert list(validator.iter_errors(as_editor_sees_it(text.replace(old, new, 1))))


def test_every_free_text_field_says_how_it_is_printed() -> None:
    from generator.spec.model import TEXT_FORMS
    from generator.spec.schema import describe

    phrases = [s for s in TEXT_FORMS.values() if s]
    for line in describe().splitlines():
        if "[text," in line:
            assert any(p in line for p in phrases) or "printed" in line, line


def test_the_schema_passes_cerberus_own_check() -> None:
    """The validator of every run skips cerberus's check of the schema (spec.validate._validator):
    it is made here, and the two read specs alike."""
    from generator.spec.validate import _validator, checked_validator

    checked = checked_validator()
    assert checked.schema.schema == _validator().schema.schema
