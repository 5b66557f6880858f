"""PDF through LibreOffice headless (soffice), with a private profile per run."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError, ToolMissingError

TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """Path of LibreOffice's soffice, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, stem: str) -> bytes:
    """Convert .docx bytes to PDF bytes with LibreOffice; raise ToolMissingError without it."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(
            "--pdf needs LibreOffice (soffice) on PATH; install it, e.g. apt-get install libreoffice-writer-nogui"
        )
    with tempfile.TemporaryDirectory(prefix="contractgen-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"{stem}.docx"
        source.write_bytes(docx_bytes)
        profile = (work / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as e:
            raise InputError(f"LibreOffice did not finish converting {stem}.docx in {TIMEOUT_SECONDS} s") from e
        produced = work / "out" / f"{stem}.pdf"
        if not produced.is_file():  # soffice can exit 0 without writing anything
            raise InputError(f"LibreOffice did not produce a PDF for {stem}.docx")
        return produced.read_bytes()
