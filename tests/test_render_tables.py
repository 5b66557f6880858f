"""The table registry: every table the templates place, errors that name the template, one due wording."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SPECS

from generator.errors import RenderError
from generator.pipeline import load_contract
from generator.render.blocks import Paragraph, Table
from generator.render.compose import compose
from generator.render.renderer import Renderer
from generator.render.tables import TABLES, build_table
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
    for instalment, row in zip(contract.instalments, schedule.rows, strict=False):
        due = row[1]
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
