"""Regenerate docs/*.png: the first page of an example contract in each language (zh, en, zh-en)
and its payment-schedule annex, from LibreOffice's PDF of the current output.

Needs LibreOffice and pdftoppm (poppler-utils). Usage: python scripts/screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import generate  # noqa: E402

SPEC = ROOT / "specs" / "luohe-12345-2025.yaml"
ANNEX = "附件2：付款计划表"


def page_image(pdf: Path, page: int, out: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out)],
        check=True,
    )
    print(f"wrote {out}.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("zh", "en", "zh-en"):
            result = generate(SPEC, Path(tmp), lang=lang, pdf=True)
            pdf = next(p for p in result.files if p.suffix == ".pdf")
            page_image(pdf, 1, ROOT / "docs" / f"first-page.{lang}")
            if lang == "zh":
                text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
                pages = text.split("\f")
                annex = next(i for i, page in enumerate(pages, start=1) if ANNEX in "".join(page.split()))
                page_image(pdf, annex, ROOT / "docs" / "annex-payment-schedule")


if __name__ == "__main__":
    main()
