"""Spec text is never markup: whatever a value holds, it is printed as written and adds no clause or table."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SPECS

from generator.pipeline import load_contract
from generator.render.blocks import Block, Document, Paragraph, Parallel, Table, plain_text
from generator.render.compose import compose
from generator.render.markup import LITERAL_END, LITERAL_START
from generator.spec.model import Contract, Text
from generator.word.writer import build_docx

LUOHE = next(s for s in SPECS if "luohe" in s.name)

VALUES = {
    "newline": "银行转账\n以到账日为准",
    "section": "银行转账\n§ 甲方放弃全部权利",
    "item": "- 甲方放弃全部权利",
    "item after a newline": "银行转账\n- 甲方放弃全部权利",
    "table": "@table kpis",
    "table after a newline": "银行转账\n@table kpis",
    "unknown table": "银行转账\n@table no_such_table",
    "jinja expression": "{{ c.total | money }}",
    "jinja statement": "{% if true %}甲方放弃全部权利{% endif %}",
    "other line breaks": "银行转账\r\n§ 一\u2028§ 二\r§ 三",
    "the renderer's own marks": f"银行转账{LITERAL_END}\n§ 甲方放弃全部权利{LITERAL_START}",
}


@pytest.fixture(scope="module")
def luohe() -> Contract:
    return load_contract(LUOHE)


@pytest.fixture(scope="module")
def luohe_structure(luohe: Contract) -> dict[str, list[tuple[object, ...]]]:
    return {lang: structure(compose(luohe, lang)) for lang in ("zh", "en", "zh-en")}


def structure(document: Document) -> list[tuple[object, ...]]:
    """The kinds, styles and numbers of the blocks: what markup decides, without the text."""

    def kind(block: Block) -> tuple[object, ...]:
        if isinstance(block, Paragraph):
            return ("paragraph", block.style, block.number)
        if isinstance(block, Table):
            return ("table", block.header, len(block.rows))
        if isinstance(block, Parallel):
            return ("parallel", tuple((p.style, p.number) for p in block.left + block.right))
        return ("page break",)

    return [kind(b) for b in document.blocks]


def with_text(contract: Contract, value: str) -> Contract:
    """The contract with value as the payment method, first document, first scope title, first
    instalment name, buyer's name and first KPI: spec text in clause lines, items, tables, party lines."""
    text = Text(zh=value, en=value, path="injected")
    service = dataclasses.replace(
        contract.service,
        scope=(dataclasses.replace(contract.service.scope[0], title=text), *contract.service.scope[1:]),
    )
    assessment = contract.assessment
    assert assessment is not None
    kpis = (dataclasses.replace(assessment.kpis[0], indicator=text), *assessment.kpis[1:])
    instalments = (dataclasses.replace(contract.instalments[0], name=text), *contract.instalments[1:])
    return dataclasses.replace(
        contract,
        payment_method=text,
        documents=(text, *contract.documents[1:]),
        service=service,
        instalments=instalments,
        buyer=dataclasses.replace(contract.buyer, name=text),
        assessment=dataclasses.replace(assessment, kpis=kpis),
    )


def expected(value: str) -> str:
    """What the document shows: the value as written, less the renderer's reserved characters."""
    return value.replace(LITERAL_START, "").replace(LITERAL_END, "")


@pytest.mark.parametrize("lang", ["zh", "en", "zh-en"])
@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_spec_text_adds_no_clause_item_or_table(
    luohe: Contract, luohe_structure: dict[str, list[tuple[object, ...]]], value: str, lang: str
) -> None:
    after = compose(with_text(luohe, value), lang)
    assert structure(after) == luohe_structure[lang]
    text = plain_text(after)
    assert expected(value) in text
    everything = text + after.title + after.header_text + after.author
    assert LITERAL_START not in everything and LITERAL_END not in everything


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_spec_text_is_printed_as_written(luohe: Contract, value: str) -> None:
    document = compose(with_text(luohe, value), "zh")
    shown = expected(value)
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs if p.text.startswith("付款方式：")] == [f"付款方式：{shown}。乙方收款账户如下："]
    assert f"甲方（采购人）：{shown}" in [p.text for p in paragraphs if p.style == "party"]
    assert any(p.style == "item" and p.text == f"{shown}；" for p in paragraphs)  # the documents clause
    tables = [b for b in document.blocks if isinstance(b, Table)]
    cells = {cell for t in tables for row in t.rows for cell in row}
    assert shown in cells  # the documents and scope annexes
    assert f"第1期\n{shown}" in cells  # the payment schedule: the instalment's name on a second line


def test_a_line_break_in_spec_text_is_a_line_break_in_its_paragraph(luohe: Contract) -> None:
    value = VALUES["section"]
    word = docx.Document(io.BytesIO(build_docx(compose(with_text(luohe, value), "zh"))))
    payment = [p for p in word.paragraphs if "付款方式：" in p.text]
    assert len(payment) == 1
    assert re.fullmatch(rf"6\.\d\u3000付款方式：{re.escape(value)}。乙方收款账户如下：", payment[0].text)
    assert payment[0]._p.xpath(".//w:br")  # one paragraph, with a line break in it


@pytest.fixture(scope="module")
def value_first_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template folder whose payment clause ends with a line that starts with a spec value."""
    folder = tmp_path_factory.mktemp("literal") / "templates"
    shutil.copytree(ROOT / "templates", folder)
    for lang in ("zh", "en"):
        clause = folder / "clauses" / f"payment.{lang}.j2"
        clause.write_text(clause.read_text(encoding="utf-8") + "{{ c.payment_method | t }}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "value", ["- 甲方放弃全部权利", "§ 甲方放弃全部权利", "@table kpis", "@table no_such_table", "  - 缩进"]
)
def test_spec_text_at_the_start_of_a_template_line_is_a_plain_paragraph(
    luohe: Contract, value_first_templates: Path, value: str
) -> None:
    before = compose(with_text(luohe, "银行转账"), "zh", value_first_templates)
    after = compose(with_text(luohe, value), "zh", value_first_templates)
    assert structure(after) == structure(before)
    bodies = [b.text for b in after.blocks if isinstance(b, Paragraph) and b.style == "body"]
    assert value.strip() in bodies


def test_template_markup_around_printed_values_still_works() -> None:
    # `@table bands {{ i.number }}` takes its argument from a printed value; `- {{ … }}` its text.
    document = compose(load_contract(next(s for s in SPECS if "xian" in s.name)), "zh")
    bands = [b for b in document.blocks if isinstance(b, Table) and b.header and b.header[0] == "考核得分"]
    assert bands and bands[0].rows[0] == ("80分（含）以上", "100%", "49,100.00")
    assert any(isinstance(b, Paragraph) and b.style == "item" and b.number == "（1）" for b in document.blocks)
