"""Shared fixtures: the example specs, a CLI runner, bad specs (the starter with a patch), the LibreOffice gate,
and every example converted to PDF once per session."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.pipeline import load_contract
from generator.render.compose import compose
from generator.spec.starter import starter_spec
from generator.word.pdf import soffice_environment
from generator.word.writer import build_docx

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
LANGS = ("zh", "en", "zh-en")
BAD_SPECS = ROOT / "tests" / "bad_specs"  # see its README.md
STARTER_NAME = "某市12345"  # the name the bad specs' starter is written for (it is in lines 11 and 13)


def starter_with(tmp_path: Path, replacements: list[tuple[str, str]], name: str = "x") -> Path:
    """The starter spec for name with exact-text replacements (each old text once), written to tmp_path."""
    text = starter_spec(name)
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "starter.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process: cli('validate', path) -> CliResult."""

    def run(*args: str) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def read_case(case: Path) -> tuple[list[tuple[str, str]], str | None]:
    """A bad-spec patch case: its replacements (old, new) and expected stderr (None while not written yet)."""
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "replace" not in data or not set(data) <= {"replace", "expected"}:
        pytest.fail(f"{case.name}: a case is a mapping with replace: (a list) and expected: (text)")
    replacements = data["replace"]
    if not isinstance(replacements, list) or not replacements:
        pytest.fail(f"{case.name}: replace: must list at least one {{old: …, new: …}}")
    pairs = []
    for number, item in enumerate(replacements, start=1):
        if not (
            isinstance(item, dict) and set(item) == {"old", "new"} and all(isinstance(v, str) for v in item.values())
        ):
            pytest.fail(f"{case.name}: replacement {number} must be {{old: text, new: text}}, got {item!r}")
        if not item["old"] or item["old"] == item["new"]:
            pytest.fail(f"{case.name}: replacement {number} changes nothing: {item!r}")
        pairs.append((item["old"], item["new"]))
    expected = data.get("expected")
    if expected is not None and not isinstance(expected, str):
        pytest.fail(f"{case.name}: expected: must be text (use expected: |)")
    return pairs, expected


def apply_patch(text: str, replacements: list[tuple[str, str]], case: str) -> str:
    """Apply exact-text replacements in order; each old text must occur exactly once."""
    for number, (old, new) in enumerate(replacements, start=1):
        count = text.count(old)
        if count != 1:
            where = "the starter" if number == 1 else f"the starter after replacements 1-{number - 1}"
            pytest.fail(
                f"{case}: replacement {number}: old text occurs {count} times in {where}; it must occur "
                f"exactly once (add context to make it unique): {old!r}"
            )
        text = text.replace(old, new)
    return text


@pytest.fixture
def bad_spec(tmp_path: Path):
    """bad_spec('instalments_not_100') -> tmp_path/instalments_not_100.yaml: the starter spec patched by
    tests/bad_specs/patches/instalments_not_100.yaml (whose expected: holds validate's exact messages)."""

    def write(case: str) -> Path:
        replacements, _ = read_case(BAD_SPECS / "patches" / f"{case}.yaml")
        spec = tmp_path / f"{case}.yaml"
        spec.write_text(apply_patch(starter_spec(STARTER_NAME), replacements, f"{case}.yaml"), encoding="utf-8")
        return spec

    return write


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """soffice and pdftotext, or a skip (a failure under CI=true, where they must exist)."""
    soffice = shutil.which("soffice")
    pdftotext = shutil.which("pdftotext")
    if soffice and pdftotext:
        return soffice
    reason = "LibreOffice (soffice) and poppler-utils (pdftotext) are needed to check the rendered files"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires them; .ci/run installs them")
    pytest.skip(reason)


SOFFICE_PROCESSES = 2  # conversions run side by side (soffice uses one core)


def convert(documents: dict[str, bytes], cache: Path, soffice: str) -> dict[str, Path]:
    """PDFs of .docx bytes (by name), with the PDF step's environment (its font configuration), in
    SOFFICE_PROCESSES soffice runs at once; cached by content in a folder the xdist workers share."""
    cache.mkdir(parents=True, exist_ok=True)
    digests = {name: hashlib.sha256(data).hexdigest()[:20] for name, data in documents.items()}
    with open(cache / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one conversion at a time; the other worker then finds the PDFs
        missing = [name for name in documents if not (cache / f"{digests[name]}.pdf").exists()]
        runs = []
        for part in range(min(SOFFICE_PROCESSES, len(missing))):
            work = Path(tempfile.mkdtemp(dir=cache))
            sources = []
            for name in missing[part::SOFFICE_PROCESSES]:
                (work / f"{digests[name]}.docx").write_bytes(documents[name])
                sources.append(str(work / f"{digests[name]}.docx"))
            command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore"]
            process = subprocess.Popen(
                [*command, "--convert-to", "pdf", "--outdir", str(cache), *sources],
                env=soffice_environment(work),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            runs.append((process, work))
        for process, work in runs:
            assert process.wait(timeout=900) == 0, "soffice failed"
            shutil.rmtree(work, ignore_errors=True)
    return {name: cache / f"{digests[name]}.pdf" for name in documents}


@pytest.fixture(scope="session")
def example_pdfs(libreoffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(spec stem, language) -> the PDF of every example in every language."""
    documents = {
        f"{spec.stem}.{lang}": build_docx(compose(load_contract(spec), lang)) for spec in SPECS for lang in LANGS
    }
    pdfs = convert(documents, tmp_path_factory.getbasetemp().parent / "pdf-cache", libreoffice)
    return {(spec.stem, lang): pdfs[f"{spec.stem}.{lang}"] for spec in SPECS for lang in LANGS}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")
