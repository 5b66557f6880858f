"""The pages around the clauses in the block model and the .docx: cover page, signature page, page
breaks as paragraph properties, side-by-side rows paired by sub-clause (no LibreOffice needed)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import SPECS
from lxml import etree
from test_terms import starter_without

from generator.pipeline import load_contract
from generator.render.blocks import PageBreak, Paragraph, Parallel, Table, plain_text
from generator.render.compose import compose
from generator.word.writer import build_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PREVAILING = "  prevailing_language: zh    # which version prevails in en / zh-en output\n"  # the starter's output:


def _signature(text: str) -> str:
    return text[text.index("签署页") :]


def test_signature_dates_are_lines_to_fill_in_unless_the_spec_prints_them(tmp_path: Path) -> None:
    spec = starter_without(tmp_path)
    signature = _signature(plain_text(compose(load_contract(spec), "zh")))
    assert signature.count("签署日期：＿＿＿＿年＿＿月＿＿日") == 2 and "2026年3月1日" not in signature
    spec = starter_without(tmp_path, extra=((PREVAILING, PREVAILING + "  signature_date: true\n"),))
    assert _signature(plain_text(compose(load_contract(spec), "zh"))).count("签署日期：2026年3月1日") == 2


def test_the_cover_page_shows_only_facts_of_the_spec(tmp_path: Path) -> None:
    spec = starter_without(tmp_path, extra=((PREVAILING, PREVAILING + "  cover: true\n"),))
    blocks = compose(load_contract(spec), "zh").blocks
    end = next(i for i, b in enumerate(blocks) if isinstance(b, PageBreak))
    cover = [b.text for b in blocks[:end] if isinstance(b, Paragraph)]
    assert cover == [
        "x热线服务合同",
        "合同编号：HT-2026-001",
        "项目名称：x热线运营服务项目",
        "甲方（采购人）：某市政务服务管理局",
        "乙方（供应商）：某信息技术有限公司",
        "签署日期：＿＿＿＿年＿＿月＿＿日",
    ]
    without = compose(load_contract(starter_without(tmp_path)), "zh").blocks
    assert blocks[end + 1 :] == without, "the cover page adds a page and changes nothing else"


@pytest.mark.parametrize("lang", ["zh", "en", "zh-en"])
def test_page_breaks_are_paragraph_properties_and_the_signature_page_keeps_together(lang: str) -> None:
    data = build_docx(compose(load_contract(SPECS[0]), lang))
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert not body.findall(f".//{W}br[@{W}type='page']"), "a page break as a run: an empty paragraph"
    breaks = body.findall(f".//{W}pageBreakBefore")
    assert len(breaks) == 1 + len(load_contract(SPECS[0]).annexes)  # the signature page, each annex
    table = next(t for t in body.iter(f"{W}tbl") if re.search("签署页|Signature page", "".join(t.itertext())))
    first = table.find(f"{W}tr/{W}tc/{W}p")
    before = table.getprevious()  # zh-en: the least paragraph parting it from the text's table
    assert breaks[0] in (first.find(f"{W}pPr/{W}pageBreakBefore"), before.find(f"{W}pPr/{W}pageBreakBefore"))
    assert "".join(before.itertext()) == "" or breaks[0].getparent().getparent() is first
    rows = table.findall(f"{W}tr")
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    for row in rows[:-1]:  # every row kept with the next: the page holds together
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_side_by_side_rows_pair_sub_clauses(spec: Path) -> None:
    document = compose(load_contract(spec), "zh-en")
    rows = [b for b in document.blocks if isinstance(b, Parallel)]
    paired = [r for r in rows if [p.style for p in r.left] == [p.style for p in r.right]]
    assert len(paired) == len(rows)
    # a row per paragraph (a heading or a party with the paragraph after it) in nearly all rows
    assert sum(len(r.left) == 1 or r.left[0].style in ("heading", "party") for r in rows) >= 0.9 * len(rows)
    assert " / " not in document.header_text  # one line: the Chinese title and the number
    signature = next(b for b in document.blocks if isinstance(b, Table) and b.caption)
    assert signature.keep_together and len(signature.caption) >= 2  # the title in both languages


LANGUAGE = "  language: zh               # default for `contractgen render`: zh, en or zh-en\n"  # the starter's output:
TRANSLATION = (
    "(This page translates the Chinese signature page for reference only; only the Chinese text is signed and "
    "sealed by the parties, and this page is not for signing.)"
)


def signature_table(spec: Path, lang: str) -> Table:
    return next(b for b in compose(load_contract(spec), lang).blocks if isinstance(b, Table) and b.caption)


def test_the_english_of_a_contract_signed_in_chinese_has_nothing_to_sign(tmp_path: Path) -> None:
    """T5: output.language zh signs the Chinese text alone; its English reference translation says
    that its signature page translates the Chinese one, and keeps the parties' names, the signing
    date the spec prints and the bank lines, with no seal, signature or date line to fill in."""
    table = signature_table(starter_without(tmp_path), "en")
    assert table.caption == ("(Signature page of the x热线服务合同)", TRANSLATION, "Place of signing: 某省某市")
    cells = [cell for row in table.rows for cell in row]
    assert cells[:2] == ["Party A (Buyer): 某市政务服务管理局", "Party B (Supplier): 某信息技术有限公司"]
    assert not any("(Seal)" in c or "(signature)" in c or "Date" in c or "__" in c for c in cells), cells
    assert "Account No.: 6200000000000000" in cells and table.keep_together
    dated = starter_without(tmp_path, extra=((PREVAILING, PREVAILING + "  signature_date: true\n"),))
    rows = signature_table(dated, "en").rows
    assert rows[1] == ("Date: 1 March 2026", "Date: 1 March 2026") and "____" not in str(rows)


@pytest.mark.parametrize(
    "output",
    [
        (LANGUAGE, "  language: zh-en\n"),  # signed in both languages, Chinese prevailing
        (LANGUAGE + PREVAILING, "  language: en\n  prevailing_language: en\n"),  # English prevailing
    ],
    ids=["zh-en", "en-prevailing"],
)
def test_a_contract_signed_in_english_too_keeps_its_english_signature_lines(
    tmp_path: Path, output: tuple[str, str]
) -> None:
    table = signature_table(starter_without(tmp_path, extra=(output,)), "en")
    assert TRANSLATION not in table.caption
    cells = [cell for row in table.rows for cell in row]
    assert cells.count("Legal Representative (signature):") == 2 and cells.count("Date: ____________") == 2
    assert "Party A (Buyer) (Seal): 某市政务服务管理局" in cells


def test_the_side_by_side_rendering_of_a_contract_signed_in_chinese_keeps_the_chinese_lines(tmp_path: Path) -> None:
    """zh-en of a contract signed in Chinese: the Chinese lines are the ones signed, each with its English."""
    table = signature_table(starter_without(tmp_path), "zh-en")
    cells = [cell for row in table.rows for cell in row]
    assert "法定代表人（签字）：\nLegal Representative (signature):" in cells and TRANSLATION not in table.caption
