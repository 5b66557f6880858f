"""Many specs in one call: folders and globs, --jobs, progress, the summary, --quiet, and the
output formats CI reads (--format json | github)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SPECS, STARTER_NAME

from generator import cli as cli_module
from generator.spec.starter import starter_spec

LUOHE = ROOT / "specs" / "luohe-12345-2025.yaml"
BAD_LINE = "clauses.counterparts.total: 3 counterparts in all, but the holders keep 4"


def starter(folder: Path, name: str, *, bad: bool = False) -> Path:
    text = starter_spec(STARTER_NAME)
    if bad:
        text = text.replace("total: 4\n", "total: 3\n")
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """specs/: two good specs (a, c) and a bad one (b) between them."""
    specs = tmp_path / "specs"
    specs.mkdir()
    starter(specs, "a")
    starter(specs, "b", bad=True)
    starter(specs, "c")
    return specs


def test_render_a_folder_goes_on_past_an_invalid_spec(cli, folder: Path, tmp_path: Path) -> None:
    result = cli("render", folder, "-o", tmp_path / "out", "--jobs", "1")
    assert result.code == 1
    assert result.out == f"wrote {tmp_path / 'out' / 'a.docx'}\nwrote {tmp_path / 'out' / 'c.docx'}\n"
    assert result.err == (
        f"[1/3] {folder / 'a.yaml'}: rendered\n"
        f"[2/3] {folder / 'b.yaml'}: invalid\n"
        f"{folder / 'b.yaml'}:80:12: {BAD_LINE}\n"
        f"{folder / 'b.yaml'}: invalid; nothing written\n"
        f"[3/3] {folder / 'c.yaml'}: rendered\n"
        "3 specs: 2 rendered, 1 invalid, 0 failed; 0 texts without English (`contractgen check` runs the rules)\n"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "c.docx"]


def test_a_glob_and_a_file_are_one_batch(cli, folder: Path, tmp_path: Path) -> None:
    result = cli("validate", str(folder / "[ab].yaml"), LUOHE, "--jobs", "2")
    assert result.code == 1
    assert result.out == f"{folder / 'a.yaml'}: valid\n{LUOHE}: valid\n"
    assert result.err.endswith("3 specs: 2 valid, 1 invalid, 0 failed; 0 warnings\n")
    assert f"{folder / 'b.yaml'}: invalid (1 problem)\n" in result.err


def test_a_glob_that_matches_nothing_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "*.yaml"))
    assert (result.code, result.out) == (2, "")
    assert result.err == f"contractgen validate: {tmp_path / '*.yaml'}: no file matches\n"


def test_a_missing_file_does_not_stop_the_others(cli, folder: Path) -> None:
    result = cli("validate", folder / "nope.yaml", folder / "a.yaml", "--jobs", "1")
    assert result.code == 2
    assert result.out == f"{folder / 'a.yaml'}: valid\n"
    assert f"contractgen validate: {folder / 'nope.yaml'}: no such file\n" in result.err
    assert result.err.endswith("2 specs: 1 valid, 0 invalid, 1 failed; 0 warnings\n")


def test_two_jobs_write_the_same_bytes_and_lines_as_one(cli, tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for spec in SPECS:
        shutil.copy(spec, specs)
    serial = cli("render", specs, "-o", tmp_path / "one", "--jobs", "1", "--lang", "zh-en")
    parallel = cli("render", specs, "-o", tmp_path / "two", "--jobs", "2", "--lang", "zh-en")
    assert serial.code == parallel.code == 0
    assert parallel.out == serial.out.replace(str(tmp_path / "one"), str(tmp_path / "two"))
    one = sorted((tmp_path / "one").iterdir())
    assert [p.name for p in one] == sorted(p.name for p in (tmp_path / "two").iterdir())
    assert len(one) == len(SPECS)
    for path in one:
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_quiet_prints_nothing_when_all_is_well(cli, folder: Path, tmp_path: Path) -> None:
    (folder / "b.yaml").unlink()
    result = cli("render", folder, "-o", tmp_path / "out", "--quiet")
    assert (result.code, result.out, result.err) == (0, "", "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "c.docx"]


def test_quiet_still_says_what_is_wrong(cli, folder: Path) -> None:
    result = cli("validate", folder, "-q")
    assert (result.code, result.out) == (1, "")
    assert result.err == f"{folder / 'b.yaml'}:80:12: {BAD_LINE}\n{folder / 'b.yaml'}: invalid (1 problem)\n"


def test_quiet_check_still_shows_warnings(cli, tmp_path: Path) -> None:
    quiet = cli("check", ROOT / "specs" / "example-12393-coefficient.yaml", "-q")
    assert quiet.code == 0 and "warning dates.holiday-schedule" in quiet.out  # a 2027 date not yet known
    assert "passed:" not in quiet.out and "money:" not in quiet.out  # the findings only
    assert cli("check", ROOT / "specs" / "xian-12393-2023.yaml", "-q").out == ""  # nothing to say


def test_one_spec_prints_as_it_always_did(cli, folder: Path) -> None:
    result = cli("validate", folder / "a.yaml")
    assert (result.code, result.out, result.err) == (0, f"{folder / 'a.yaml'}: valid\n", "")


def test_a_terminal_gets_a_bar_redrawn_in_place(cli, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "_isatty", lambda stream: True)
    result = cli("validate", folder, "--jobs", "1")
    assert "\r\x1b[K[######..............] 1/3  " in result.err
    assert "\r\x1b[K[####################] 3/3, 1 with problems  " in result.err
    assert "[1/3]" not in result.err  # no plain lines on a terminal
    assert result.err.endswith("\r\x1b[K3 specs: 2 valid, 1 invalid, 0 failed; 0 warnings\n")


# --- formats ------------------------------------------------------------------------------------


def test_validate_json(cli, folder: Path) -> None:
    result = cli("validate", folder / "a.yaml", folder / "b.yaml", "--format", "json", "-q")
    assert result.code == 1 and result.err == ""
    assert json.loads(result.out) == {
        "version": 1,
        "specs": [
            {"spec": str(folder / "a.yaml"), "valid": True, "problems": []},
            {
                "spec": str(folder / "b.yaml"),
                "valid": False,
                "problems": [
                    {
                        "file": str(folder / "b.yaml"),
                        "line": 80,
                        "column": 12,
                        "path": "clauses.counterparts.total",
                        "message": "3 counterparts in all, but the holders keep 4",
                    }
                ],
            },
        ],
    }


def test_validate_github(cli, folder: Path) -> None:
    result = cli("validate", folder, "--format", "github", "-q")
    assert result.code == 1 and result.err == ""
    assert result.out == f"::error file={folder / 'b.yaml'},line=80,col=12::{BAD_LINE}\n"


def test_check_github_and_json(cli, folder: Path) -> None:
    result = cli("check", folder / "b.yaml", "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    assert f"::error file={folder / 'b.yaml'},line=80,col=12,title=arith.counterparts::{BAD_LINE}" in lines
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    as_json = json.loads(cli("check", folder / "b.yaml", "--format", "json").out)
    assert as_json["specs"][0]["errors"] == 1
    assert cli("check", folder / "b.yaml", "--json").out == cli("check", folder / "b.yaml", "--format", "json").out


def test_audit_github_points_at_the_line(cli, tmp_path: Path) -> None:
    text = tmp_path / "c.txt"
    text.write_text("合同总价为1,000.00元（大写：壹佰元整）\n", encoding="utf-8")
    result = cli("audit", text, "--format", "github")
    assert result.code == 1
    assert result.out == (
        f"::error file={text},line=1,title=capital.figure::line 1: the figure 「1,000.00元」 (1,000.00) and its "
        "大写 「壹佰元整」 (100.00) disagree\n"
    )
    assert json.loads(cli("audit", text, "--format", "json").out)["files"][0]["errors"] == 1


def test_github_escapes_what_its_commands_would_misread() -> None:
    line = cli_module.github_line("error", "50% off\r\nnext: a, b", "x,y:z.yaml", 3, 4, "r:1,2")
    assert line == "::error file=x%2Cy%3Az.yaml,line=3,col=4,title=r%3A1%2C2::50%25 off%0D%0Anext: a, b"


# --- settings file --------------------------------------------------------------------------------


def test_settings_beside_the_specs_and_the_command_line_over_them(cli, folder: Path, tmp_path: Path) -> None:
    (folder / "b.yaml").unlink()
    (folder / "contractgen.toml").write_text('output = "../contracts"\nlanguage = "zh-en"\n', encoding="utf-8")
    result = cli("render", folder, "-q")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "contracts").iterdir()) == ["a.zh-en.docx", "c.zh-en.docx"]
    result = cli("render", folder / "a.yaml", "-o", tmp_path / "mine", "--lang", "zh")
    assert result.out == f"wrote {tmp_path / 'mine' / 'a.docx'}\n"


def test_settings_in_pyproject_and_the_lpr_with_its_date(cli, tmp_path: Path) -> None:
    spec = tmp_path / "sme.yaml"
    text = starter_spec(STARTER_NAME)  # an SME supplier and a government buyer
    spec.write_text(text.replace("late_interest_percent_per_day: 0.05", "late_interest_percent_per_day: 0.005"))
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.contractgen.lpr]\npercent = 3.1\npublished = 2025-06-20\n', encoding="utf-8"
    )
    found = cli("check", spec, "--format", "github").out
    assert "below the 1-year LPR of 3.1%25 (published 2025-06-20)\n" in found  # % escaped for GitHub
    overridden = cli("check", spec, "--format", "github", "--lpr", "3.5").out
    assert "below the 1-year LPR of 3.5%25\n" in overridden


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('language = "fr"\ncolour = 1\n', "colour: unknown setting; expected one of: templates, output, language, lpr"),
        ('language = "fr"\n', "language: expected one of: zh, en, zh-en but received: 'fr'"),
        ("[lpr]\npercent = 3.0\n", "lpr.published: missing (the LPR is given with the date it was published)"),
        ("[lpr]\npercent = 101\npublished = 2025-05-20\n", "lpr.percent: expected a percentage from 0 to 100, got 101"),
        ("language = \n", "Invalid value (at line 1, column 12)"),
    ],
)
def test_a_wrong_setting_is_named_with_its_file(cli, folder: Path, settings: str, message: str) -> None:
    (folder / "contractgen.toml").write_text(settings, encoding="utf-8")
    result = cli("check", folder / "a.yaml")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"contractgen check: {folder / 'contractgen.toml'}: {message}\n"


def test_settings_name_a_template_folder(cli, folder: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "templates", tmp_path / "agency")
    clause = tmp_path / "agency" / "clauses" / "period.zh.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + "本条为本机构措辞。\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.contractgen]\ntemplates = "agency"\n', encoding="utf-8")
    result = cli("render", folder / "a.yaml", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    from generator.word.reader import read_docx

    texts = [getattr(b, "text", "") for b in read_docx((tmp_path / "out" / "a.docx").read_bytes(), "a.docx")]
    assert "本条为本机构措辞。" in texts


# --- what starts quickly ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["words", "1.5"], ["validate", str(LUOHE)]], ids=" ".join)
def test_help_words_and_validate_import_no_word_or_audit_code(args: list[str]) -> None:
    script = (
        "import sys\nfrom generator.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m == 'docx' or m.startswith(('docx.', 'generator.proof.audit', "
        "'generator.word')))\nprint('imported:', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stderr.splitlines()[-1] == "imported: []", done.stderr


# --- --pdf over a batch ------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_a_batch_converts_through_one_libreoffice(
    libreoffice: str, cli, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.word import pdf

    runs: list[int] = []
    convert = pdf._convert

    def counted(command: list[str], work: Path, stem: str) -> None:
        runs.append(sum(1 for part in command if part.endswith(".docx")))
        convert(command, work, stem)

    monkeypatch.setattr(pdf, "_convert", counted)
    starter(folder, "d")
    result = cli("render", folder, "--pdf", "-o", tmp_path / "out", "--jobs", "2")
    assert result.code == 1  # b is invalid
    assert runs == [3]  # a, c and d in one soffice
    out = tmp_path / "out"
    assert result.out == "".join(f"wrote {out / n}.docx\nwrote {out / n}.pdf\n" for n in "acd")
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.{s}" for n in "acd" for s in ("docx", "pdf")]
    for name in "acd":
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out / f"{name}.pdf"), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert STARTER_NAME in "".join(text.split())


def test_a_file_whose_name_looks_like_a_glob_is_read_as_named(cli, tmp_path: Path) -> None:
    spec = starter(tmp_path, "a[1]")
    result = cli("validate", spec)
    assert (result.code, result.out) == (0, f"{spec}: valid\n")


def test_a_glob_reaches_into_subfolders_with_two_stars(cli, folder: Path, tmp_path: Path) -> None:
    (folder / "2026").mkdir()
    starter(folder / "2026", "d")
    result = cli("validate", str(tmp_path / "**" / "[acd].yaml"), "-j", "1", "-q")
    assert (result.code, result.out, result.err) == (0, "", "")
    result = cli("validate", str(tmp_path / "**" / "[acd].yaml"), "-j", "1")
    assert (
        result.out == f"{folder / '2026' / 'd.yaml'}: valid\n{folder / 'a.yaml'}: valid\n{folder / 'c.yaml'}: valid\n"
    )


def test_settings_are_found_upwards_or_named(cli, folder: Path, tmp_path: Path) -> None:
    (tmp_path / "contractgen.toml").write_text('output = "up"\n', encoding="utf-8")
    assert cli("render", folder / "a.yaml").out == f"wrote {tmp_path / 'up' / 'a.docx'}\n"
    named = tmp_path / "elsewhere.toml"
    named.write_text('output = "named"\nlanguage = "en"\n', encoding="utf-8")
    assert cli("render", folder / "a.yaml", "--config", named).out == f"wrote {tmp_path / 'named' / 'a.en.docx'}\n"


def test_two_specs_of_one_name_are_not_rendered_into_one_file(cli, folder: Path, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    twin = starter(tmp_path / "other", "a")
    result = cli("render", folder / "a.yaml", twin, "-o", tmp_path / "out")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"contractgen render: {folder / 'a.yaml'} and {twin} would both be written as {tmp_path / 'out' / 'a'}.*; "
        "render them apart (-o)\n"
    )
    assert not (tmp_path / "out").exists()


def test_annotate_takes_one_file_not_a_folder(cli, tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("合同总价为1,000.00元（大写：壹仟元整）\n", encoding="utf-8")
    result = cli("audit", tmp_path, "--annotate", tmp_path / "out.docx")
    assert (result.code, result.err) == (
        2,
        "contractgen audit: --annotate takes one .docx FILE and a new file to write\n",
    )


# --- work done once per process ---------------------------------------------------------------------


def test_templates_compile_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from generator.pipeline import load_contract
    from generator.render.compose import compose

    contract = load_contract(LUOHE)
    compose(contract, "zh-en")  # compiles what this process has not compiled yet
    compiled: list[str] = []
    original = jinja2.Environment._compile

    def counting(self: jinja2.Environment, source: str, filename: str) -> object:
        compiled.append(filename)
        return original(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counting)
    compose(contract, "zh-en")
    assert [name for name in compiled if name.endswith(".j2")] == []


def test_one_validator_serves_every_spec() -> None:
    from generator.spec.loader import read_spec
    from generator.spec.validate import _validator, field_issues

    first = _validator()
    for spec in SPECS:
        assert field_issues(read_spec(spec)) == []
    assert _validator() is first
