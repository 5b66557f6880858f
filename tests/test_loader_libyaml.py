"""The spec loader reads through libyaml when it is installed and through PyYAML's pure-Python
parser otherwise: both give the same data, the same locations and the same messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BAD_SPECS, SPECS, STARTER_NAME, apply_patch, read_case
from test_hardening import CASES

from generator.errors import SpecError
from generator.spec import loader
from generator.spec.starter import starter_spec

pytestmark = pytest.mark.skipif(loader.CParser is None, reason="PyYAML is installed without libyaml")


def texts() -> list[tuple[str, str]]:
    """(name, text): the examples, the bad specs and the hardening cases."""
    found = [(p.name, p.read_text(encoding="utf-8")) for p in SPECS]
    found += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((BAD_SPECS / "whole").glob("*.yaml"))]
    starter = starter_spec(STARTER_NAME)
    for case in sorted((BAD_SPECS / "patches").glob("*.yaml")):
        found.append((case.name, apply_patch(starter, read_case(case)[0], case.name)))
    found += [(c.id, c.text()) for c in CASES]
    found += [  # syntax errors, where the two parsers word their messages differently
        ("unclosed_bracket", "a: [1, 2\nb: 3\n"),
        ("unclosed_quote", 'a: "text\n'),
        ("bad_indent", "a:\n  b: 1\n c: 2\n"),
        ("tab_indent", "a:\n\tb: 1\n"),
        ("unknown_alias", "a: *nowhere\n"),
        ("two_documents", "a: 1\n---\nb: 2\n"),
        ("directive", "%YAML 1.3\n---\na: 1\n"),
    ]
    return found


def parsed(text: str, name: str) -> Any:
    """Everything the loader gives for a text: data, locations and issues, or the error's issues."""
    try:
        spec = loader.parse_spec_text(text, name)
    except SpecError as e:
        return ("error", [str(i) for i in e.issues])
    return (repr(spec.data), spec.value_locations, spec.key_locations, [str(i) for i in spec.issues], spec.unreadable)


@pytest.mark.parametrize(("name", "text"), texts(), ids=lambda v: v if len(v) < 40 else "")
def test_libyaml_and_pure_python_read_alike(name: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = parsed(text, name)
    monkeypatch.setattr(loader, "CParser", None)  # as when PyYAML is installed without libyaml
    assert parsed(text, name) == with_libyaml


def test_libyaml_reads_a_valid_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the pure-Python parser ran on a valid spec")

    monkeypatch.setattr(loader._BoundedLoader, "__init__", refuse)
    assert loader.parse_spec_text(SPECS[0].read_text(encoding="utf-8"), SPECS[0].name).data["contract"]


def test_a_syntax_error_is_reported_by_the_pure_python_parser(tmp_path: Path) -> None:
    spec = tmp_path / "x.yaml"
    spec.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        loader.read_spec(spec)
    assert str(caught.value).startswith(f"{spec}:1:4: (document): YAML syntax error: the [ here is not closed")
