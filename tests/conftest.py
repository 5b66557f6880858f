"""Shared fixtures: the example specs, a CLI runner, and the LibreOffice gate."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
LANGS = ("zh", "en", "zh-en")


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")
