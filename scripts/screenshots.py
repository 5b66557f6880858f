"""Regenerate docs/*.png: the first page and the payment-schedule annex of an example contract.

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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = generate(SPEC, Path(tmp), lang="zh", pdf=True)
        pdf = next(p for p in result.files if p.suffix == ".pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")
        annex_page = None
        for i, page in enumerate(pages, start=1):
            if "附件2：付款计划表" in "".join(page.split()):
                annex_page = i
        for name, page in (("first-page", 1), ("annex-payment-schedule", annex_page or len(pages) - 1)):
            out = ROOT / "docs" / name
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out)],
                check=True,
            )
            print(f"wrote {out}.png")


if __name__ == "__main__":
    main()
