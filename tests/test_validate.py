"""Validation: the example specs are valid; each bad spec gives exactly its located messages.

A bad spec is the starter spec (`contractgen init`) with a small patch, in tests/bad_specs/patches/CASE.yaml:

    replace:
      - old: "total: 1200000.00"      # exact text; must occur exactly once
        new: "total: 1200000.005"
    expected: |                       # the exact stderr of `contractgen validate CASE.yaml`
      CASE.yaml:56:10: price.total: …
      CASE.yaml: invalid (1 problem)

tests/bad_specs/README.md says how to add a case. Documents that are not a patch of the starter
are whole files in tests/bad_specs/whole/ (CASE.yaml and CASE.expected).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BAD_SPECS, SPECS, STARTER_NAME, apply_patch, read_case

from generator.spec.starter import starter_spec

PATCH_CASES = sorted((BAD_SPECS / "patches").glob("*.yaml"))
WHOLE_CASES = sorted((BAD_SPECS / "whole").glob("*.yaml"))


def show_locations(stderr: str, text: str) -> str:
    """Each located message of stderr with the line of text it names and a caret at its column."""
    lines = text.splitlines()
    shown = []
    for message in stderr.splitlines():
        m = re.match(r"[^:]+:(\d+):(\d+): ", message)
        if m and 0 < int(m.group(1)) <= len(lines):
            line, column = int(m.group(1)), int(m.group(2))
            shown += [message, f"    {line:3} | {lines[line - 1]}", f"        | {' ' * (column - 1)}^"]
    return "\n".join(shown)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_example_specs_are_valid(cli, spec: Path) -> None:
    result = cli("validate", spec)
    assert result.code == 0, result.err
    assert result.out == f"{spec}: valid\n"
    assert result.err == ""


def test_starter_spec_validates(cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path / "新项目")
    assert result.code == 0
    assert (tmp_path / "新项目.yaml").read_text(encoding="utf-8") == starter_spec("新项目")
    assert cli("validate", tmp_path / "新项目.yaml").code == 0
    assert cli("init", tmp_path / "新项目").code == 2  # refuses to overwrite


@pytest.mark.parametrize("case", PATCH_CASES, ids=lambda p: p.stem)
def test_patched_starter_gives_exact_located_messages(
    cli, bad_spec, case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, expected = read_case(case)
    spec = bad_spec(case.stem)  # the starter patched by the case, written as CASE.yaml in a temporary folder
    text = spec.read_text(encoding="utf-8")
    monkeypatch.chdir(spec.parent)
    result = cli("validate", spec.name)
    if expected is None:
        pytest.fail(
            f"{case.name} has no expected: yet. validate exited {result.code} and printed:\n{result.err}\n"
            f"Check each location by hand:\n{show_locations(result.err, text)}"
        )
    assert result.code == 1
    assert result.out == ""
    assert result.err == expected, f"locations in the patched starter:\n{show_locations(result.err, text)}"


@pytest.mark.parametrize("spec", WHOLE_CASES, ids=lambda p: p.stem)
def test_whole_bad_spec_gives_exact_located_messages(cli, spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(spec.parent)
    result = cli("validate", spec.name)
    assert result.code == 1
    assert result.out == ""
    assert result.err == spec.with_suffix(".expected").read_text(encoding="utf-8")


def test_bad_spec_folder_holds_only_cases() -> None:
    """Every file is a case that runs (a stray .expected or a misnamed file would be silently ignored)."""
    assert len(PATCH_CASES) >= 17 and WHOLE_CASES
    assert {p.name for p in BAD_SPECS.iterdir()} == {"README.md", "patches", "whole"}
    assert {p.name for p in (BAD_SPECS / "patches").iterdir()} == {p.name for p in PATCH_CASES}
    whole = {p.name for p in (BAD_SPECS / "whole").iterdir()}
    assert whole == {f"{p.stem}{suffix}" for p in WHOLE_CASES for suffix in (".yaml", ".expected")}


def test_a_patch_whose_old_text_is_not_unique_fails_clearly() -> None:
    starter = starter_spec(STARTER_NAME)
    assert apply_patch(starter, [("staff: 20", "staff: 21")], "ok.yaml").count("staff: 21") == 1
    with pytest.raises(pytest.fail.Exception, match=r"x\.yaml: replacement 1: old text occurs 2 times in the starter"):
        apply_patch(starter, [("percent: 50", "percent: 60")], "x.yaml")
    with pytest.raises(pytest.fail.Exception, match=r"replacement 2: old text occurs 0 times in the starter after"):
        apply_patch(starter, [("staff: 20", "staff: 21"), ("staff: 20", "staff: 22")], "x.yaml")


def test_all_errors_are_reported_at_once(cli, tmp_path: Path) -> None:
    text = apply_patch(
        starter_spec("x"), [("total: 4\n", "total: 9\n"), ("nature: fixed", "nature: fixed\n  extra: 1")], "x"
    )
    spec = tmp_path / "x.yaml"
    spec.write_text(text, encoding="utf-8")
    result = cli("validate", spec)
    assert result.code == 1
    assert "price.extra: unknown field" in result.err
    assert "clauses.counterparts.total: 9 counterparts in all, but the holders keep 4" in result.err
    assert result.err.endswith(": invalid (2 problems)\n")
