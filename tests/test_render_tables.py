"""The table registry: every table the templates place, errors that name the template, one due wording."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SPECS

from generator.errors import RenderError
from generator.pipeline import load_contract
from generator.render.blocks import TEXT_WIDTH_CM, Paragraph, Table
from generator.render.compose import compose
from generator.render.markup import unmark
from generator.render.renderer import Renderer
from generator.render.tables import TABLES, build_table, fit_widths
from generator.render.templates import load_templates, templates_dir
from generator.spec.model import Contract


@pytest.fixture(scope="module")
def contracts() -> dict[str, Contract]:
    return {spec.stem.split("-")[0]: load_contract(spec) for spec in SPECS}


def renderer(contract: Contract, lang: str = "zh") -> Renderer:
    return Renderer(contract, lang, lang, load_templates())


def test_the_registry_has_exactly_the_tables_the_templates_place() -> None:
    placed = {
        match
        for path in (templates_dir() / "clauses").glob("*.j2")
        for match in re.findall(r"^@table (\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert placed == set(TABLES)


def test_a_table_by_name(contracts: dict[str, Contract]) -> None:
    luohe = contracts["luohe"]
    table = build_table(renderer(luohe), "documents", [])
    assert table.header == ("序号", "文件名称")
    assert table.rows[0] == ("1", luohe.documents[0].zh)  # the procurement documents, not the contract itself
    english = build_table(renderer(luohe, "en"), "documents", [])
    assert english.header == ("No.", "Document")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("@table no_such_table", r"clauses/ip\.zh\.j2: unknown table 'no_such_table' \(known: bands, documents"),
        ("@table bands", r"clauses/ip\.zh\.j2: @table bands takes 1 argument\(s\): @table bands <instalment>"),
        ("@table bands 9", r"clauses/ip\.zh\.j2: @table bands 9: no instalment 9"),
        ("@table bands x", r"clauses/ip\.zh\.j2: @table bands x: no instalment x"),
        ("@table scope 1", r"clauses/ip\.zh\.j2: @table scope takes 0 argument\(s\)"),
    ],
)
def test_a_wrong_table_line_names_the_template(
    contracts: dict[str, Contract], tmp_path: Path, line: str, message: str
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    clause = folder / "clauses" / "ip.zh.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(RenderError, match=message):
        compose(contracts["luohe"], "zh", folder)


def test_kpis_without_an_assessment(contracts: dict[str, Contract]) -> None:
    beijing = contracts["beijing"]
    assert beijing.assessment is None
    r = renderer(beijing)
    r.current = "clauses/x.zh.j2"
    with pytest.raises(RenderError, match="x.zh.j2: @table kpis: the contract has no assessment"):
        build_table(r, "kpis", [])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["luohe", "xian", "beijing", "example"])
def test_the_payment_schedule_and_the_payment_clause_word_due_dates_alike(
    contracts: dict[str, Contract], name: str, lang: str
) -> None:
    contract = contracts[name]
    document = compose(contract, lang)
    schedule = build_table(renderer(contract, lang), "payment_schedule", [])
    items = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.style == "item"]
    r = renderer(contract, lang)
    for instalment, row in zip(contract.instalments, schedule.rows, strict=False):
        # what the amount is subject to (the assessment, a 定金 credited) closes the cell, as the clause's item
        terms, cell = unmark(r.instalment_terms(instalment)), row[1]
        if terms:
            assert cell.endswith("\n" + terms) and any(terms in item for item in items), terms
            cell = cell.removesuffix("\n" + terms)
        # the date's phrase starts a line in the cell, the date held together by no-break spaces
        due = cell.replace("\n", "" if lang == "zh" else " ").replace("\u00a0", " ")
        assert due and any(due in item and instalment.amount.digits in item for item in items), due


# table -> (the example that has one, its arguments); the others are built for Xi'an, instalment 1
SOURCES = {"score_pays": ("example", ["3"])}


def test_tables_are_tables(contracts: dict[str, Contract]) -> None:
    for name, kind in TABLES.items():
        example, args = SOURCES.get(name, ("xian", ["1"] * len(kind.args)))
        table = build_table(renderer(contracts[example]), name, args)
        assert isinstance(table, Table) and table.header and len(table.header) == len(table.widths), name


def test_score_pays_needs_a_pro_rata_instalment(contracts: dict[str, Contract]) -> None:
    with pytest.raises(RenderError, match="instalment 1 is not paid pro rata"):
        build_table(renderer(contracts["xian"]), "score_pays", ["1"])


def _needs_cm(word: str, bold: bool = True) -> float:
    """A generous width for a word at 10.5 pt (Times New Roman, a Chinese face), with the cell margins:
    1 em a Chinese character, 0.72 em a capital, 0.55 em any other; bold Latin 5% wider."""
    latin = sum(0.72 if ch.isupper() else 0.55 for ch in word if ord(ch) < 0x2E80)
    ems = sum(1.0 for ch in word if ord(ch) >= 0x2E80) + latin * (1.05 if bold else 1)
    return ems * 10.5 / 72 * 2.54 + 0.38


@pytest.mark.parametrize("lang", ["zh", "en", "zh-en"])
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_columns_are_as_wide_as_their_header_words_and_dates(spec: Path, lang: str) -> None:
    tables = [b for b in compose(load_contract(spec), lang).blocks if isinstance(b, Table) and b.header]
    assert tables
    for table in tables:
        assert abs(sum(table.widths) - TEXT_WIDTH_CM) < 0.011, table.header
        for width, header in zip(table.widths, table.header or (), strict=True):
            for word in re.findall(r"[^\s（(]+|[（(][^）)]*[）)]", header):
                chinese = all(ord(ch) >= 0x2E80 for ch in word) and len(word) >= 8  # 8 characters may break once
                whole = word[: (len(word) + 1) // 2] if chinese else word
                assert width >= _needs_cm(whole), f"{spec.stem} {lang}: {word!r} in a {width} cm column"
        for row in table.rows:
            for width, cell in zip(table.widths, row, strict=True):
                for date in re.findall(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}\u00a0\w+\u00a0\d{4}", cell):
                    assert width >= _needs_cm(date, False), f"{spec.stem} {lang}: {date} in a {width} cm column"


def test_a_long_header_may_break_once_so_that_the_remarks_keep_room() -> None:
    header = ("内容事项", "成交单价", "数量", "月数", "费用金额（元）", "超出部分核算标准", "说明")
    rows = (
        ("坐席服务", "13,773.04元/席/月", "14", "12", "2,313,870.72", "—", "含坐席费用等"),
        ("外呼套餐资费包", "6,320.00元/席/月", "1", "12", "75,840.00", "超出部分按每分钟0.083元收取", ""),
        ("培训费", "6,000.00元/次", "1", "12", "72,000.00", "—", "每月一次心理咨询或服务质量分析评价"),
    )
    widths = fit_widths(header, rows)  # a crowded line: not every column gets its longest line
    assert _needs_cm("超出部分", False) <= widths[5] < _needs_cm("超出部分核算标准")  # on two lines
    assert widths[6] >= _needs_cm("含坐席费", False)  # so the remarks keep room


def test_a_date_in_the_payment_schedule_starts_its_own_line(contracts: dict[str, Contract]) -> None:
    schedule = build_table(renderer(contracts["xian"]), "payment_schedule", [])
    first, second = schedule.rows[0][1].split("\n")
    assert first.startswith("本合同签订后") and second.startswith("（") and "2023年1月28日" in second
    english = build_table(renderer(contracts["xian"], "en"), "payment_schedule", [])
    first, second = english.rows[0][1].split("\n")
    assert second.startswith("(") and "28\u00a0January\u00a02023" in second


def test_a_column_of_placeholders_only_is_left_out(contracts: dict[str, Contract]) -> None:
    luohe = contracts["luohe"]
    assert luohe.assessment is not None
    kpis = luohe.assessment.kpis
    bare = dataclasses.replace(
        luohe,
        assessment=dataclasses.replace(
            luohe.assessment, kpis=tuple(dataclasses.replace(k, target=None, frequency=None) for k in kpis)
        ),
    )
    table = build_table(renderer(bare), "kpis", [])
    assert table.header and "目标值" not in table.header and "考核频次" not in table.header
    assert len(table.widths) == len(table.header) == len(table.rows[0])
    assert "目标值" in (build_table(renderer(luohe), "kpis", []).header or ())


def test_widths_fit_the_text_and_give_the_rest_to_long_text() -> None:
    widths = fit_widths(("序号", "文件名称"), (("1", "某某采购文件"), ("2", "乙方的响应文件")))
    assert widths[0] < 2.0 and TEXT_WIDTH_CM - 0.02 < sum(widths) <= TEXT_WIDTH_CM
    crowded = fit_widths(("序号", "说明"), (("1", "很长的说明" * 40),))
    assert crowded[0] >= _needs_cm("序号") and crowded[1] > 13
