import json
from pathlib import Path

from conftest import ROOT, SPECS

from generator.spec.starter import starter_spec


def test_words(cli) -> None:
    assert cli("words", "6007.14").out == "陆仟零柒元壹角肆分\n"
    assert cli("words", "¥1,680.32").out == "壹仟陆佰捌拾元零叁角贰分\n"
    assert cli("words", "982000", "--lang", "en").out == "RMB Nine Hundred Eighty-Two Thousand Yuan Only\n"
    result = cli("words", "1.005")
    assert result.code == 2 and "more than two decimal places" in result.err


def test_schema_reference_and_json_schema(cli) -> None:
    reference = cli("schema").out
    assert "payment.instalments[].due.after" in reference
    assert "  force_majeure  不可抗力 / Force Majeure" in reference  # the article ids a spec may name
    schema = json.loads(cli("schema", "--json-schema").out)
    assert schema["type"] == "object" and "contract" in schema["required"]
    assert schema["properties"]["price"]["properties"]["total"]["type"] == "number"


def test_validate_usage_and_missing_file(cli, tmp_path: Path) -> None:
    result = cli("validate", tmp_path / "nope.yaml")
    assert result.code == 2 and "no such file" in result.err


def test_render_writes_docx_atomically(cli, tmp_path: Path) -> None:
    result = cli("render", SPECS[0], "-o", tmp_path)
    assert result.code == 0
    assert (tmp_path / f"{SPECS[0].stem}.docx").is_file()
    assert [p.name for p in tmp_path.iterdir()] == [f"{SPECS[0].stem}.docx"]  # no temp files left


def test_broken_spec_writes_nothing(cli, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(starter_spec("x").replace("total: 4\n", "total: 3\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("render", spec, "-o", out)
    assert result.code == 1
    assert "clauses.counterparts.total" in result.err and "nothing written" in result.err
    assert not out.exists() or not any(out.iterdir())


def test_partial_english_warns_and_strict_fails(cli, tmp_path: Path) -> None:
    spec = tmp_path / "partial.yaml"
    spec.write_text(starter_spec("x"), encoding="utf-8")
    result = cli("render", spec, "--lang", "en", "-o", tmp_path / "out")
    assert result.code == 0
    assert "partial.yaml: warning: contract.title: no English text" in result.err
    strict = cli("render", spec, "--lang", "en", "--strict", "-o", tmp_path / "strict")
    assert strict.code == 1 and "contract.title" in strict.err
    assert not (tmp_path / "strict").exists()


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(SPECS[0])], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
