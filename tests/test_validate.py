from pathlib import Path

import pytest
from conftest import SPECS

BAD = sorted((Path(__file__).parent / "bad_specs").glob("*.yaml"))


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_example_specs_are_valid(cli, spec: Path) -> None:
    result = cli("validate", spec)
    assert result.code == 0, result.err
    assert result.out == f"{spec}: valid\n"


@pytest.mark.parametrize("spec", BAD, ids=lambda p: p.stem)
def test_bad_spec_gives_exact_located_messages(cli, spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(spec.parent)
    result = cli("validate", spec.name)
    expected = spec.with_suffix(".expected").read_text(encoding="utf-8")
    lines = [line for line in result.err.splitlines() if not line.endswith(")") or ": invalid (" not in line]
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "\n".join(lines) + "\n" == expected


def test_all_errors_are_reported_at_once(cli, tmp_path: Path) -> None:
    from generator.spec.starter import starter_spec

    text = starter_spec("x").replace("total: 4\n", "total: 9\n").replace("nature: fixed", "nature: fixed\n  extra: 1")
    spec = tmp_path / "x.yaml"
    spec.write_text(text, encoding="utf-8")
    result = cli("validate", spec)
    assert result.code == 1
    assert "price.extra: unknown field" in result.err
    assert "clauses.counterparts.total: 9 counterparts in all, but the holders keep 4" in result.err


def test_starter_spec_validates(cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path / "新项目")
    assert result.code == 0
    assert cli("validate", tmp_path / "新项目.yaml").code == 0
    assert cli("init", tmp_path / "新项目").code == 2  # refuses to overwrite
