"""Every example, in every language, opened by LibreOffice headless and read back as PDF text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import LANGS, SPECS

from generator.pipeline import load_contract
from generator.render.renderer import Renderer
from generator.render.templates import load_templates
from generator.render.wording import cn_numeral

pytestmark = pytest.mark.libreoffice


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_pdf_shows_parties_total_first_article_and_annexes(
    example_pdfs: dict[tuple[str, str], Path], spec: Path, lang: str
) -> None:
    contract = load_contract(spec)
    pdf = example_pdfs[spec.stem, lang]  # converted once per session (conftest)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = _squash(text)
    languages = ("zh", "en") if lang == "zh-en" else (lang,)
    for code in languages:
        wording = Renderer(contract, code, lang, load_templates()).words
        for party in (contract.buyer, contract.supplier):
            name = wording.text(party.name)
            if lang == "zh-en":
                # Half-width columns wrap long names and pdftotext interleaves the two columns'
                # lines; the exact text is pinned by the golden-text test.
                english = code == "en" and name.isascii()
                assert all(w in text for w in name.split()) if english else name[:6] in flat, name
            else:
                assert _squash(name) in flat
        assert contract.total.digits in flat
        if code == "zh":
            assert contract.total.words_zh in flat
            assert f"第{cn_numeral(1)}条" in flat
            assert f"第{2 if contract.cover else 1}页共" in flat  # a cover page has no footer
        else:
            words = contract.total.words_en
            assert all(w in text for w in words.split()) if lang == "zh-en" else _squash(words) in flat
            assert "Article1" in flat
        for name in contract.annexes:
            title = wording.label("annex", name)
            if lang == "zh-en" and code == "en":
                # pdftotext interleaves the lines of the two columns: check the words.
                assert all(word in text for word in title.split()), title
            else:
                assert _squash(title) in flat
